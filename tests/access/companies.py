"""The fixture companies of the leak matrix: which tables, which org chart, which users, which
requests. The data are the existing fixture CSVs (tests/fixtures/kpi_small, subs_small,
ops_small) with two test-side additions applied to the workspace *and* to the pandas tables
alike: a few `reps.manager` values changed so that a manager's reach goes through names,
e-mails, odd case and spaces, and transitively (``org``), and a `targets` table (kpi_small).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from salesmetrics.backends.duckdb import quote
from salesmetrics.workspace import Workspace
from tests.reference import fixture
from tests.reference import pandas_history as history_ref
from tests.reference import pandas_kpis as kpis_ref
from tests.reference import pandas_operations as ops_ref
from tests.reference import pandas_subscriptions as subs_ref
from tests.reference.pandas_access import reached_reps, text

Tables = dict[str, pd.DataFrame]
PASSWORD = "leak-matrix-password"  # >= 10 characters

#: The six users of every company, in the order the matrix runs them (a restricted user
#: first, then the admin on the same requests, and so on: a server cache keyed without the
#: scope serves one user's answer to the next).
SLOTS = ("rep_a", "admin", "manager_a", "executive", "rep_b", "manager_b")


@dataclass(frozen=True)
class User:
    slot: str
    name: str
    role: str
    rep_id: str | None

    @property
    def label(self) -> str:
        linked = f" (rep {self.rep_id})" if self.rep_id else ""
        return f"{self.name} [{self.role}{linked}]"


@dataclass(frozen=True)
class Shape:
    """A request shape: grain, window, `by`, and optionally `where rep:<a rep the user does not
    reach>` (``foreign_rep``); ``only`` limits it to a few KPIs."""

    label: str
    grain: str
    start: str
    end: str
    by: tuple[str, ...] = ()
    foreign_rep: bool = False
    only: tuple[str, ...] | None = None

    def applies(self, kpi: str, dims: tuple[str, ...]) -> bool:
        needed = [*self.by, *(["rep"] if self.foreign_rep else [])]
        return (self.only is None or kpi in self.only) and all(d in dims for d in needed)


@dataclass(frozen=True)
class Company:
    name: str
    directory: Path
    table_names: tuple[str, ...]
    loader: Callable[[], Tables]
    reference: dict[str, Callable[..., pd.DataFrame]]
    dims: dict[str, tuple[str, ...]]
    settings: dict[str, Any]
    as_of: str
    window: tuple[str, str]  # the pages' and CSV's from/to
    shapes: tuple[Shape, ...]
    users: tuple[User, ...]
    org: dict[str, dict[str, str | None]] = field(default_factory=dict)  # rep -> column -> value
    targets: tuple[tuple[str, str, str, float, str, str], ...] = ()
    target_kinds: dict[str, str] = field(default_factory=dict)  # kpi -> flow|stock|other
    core: tuple[str, ...] = ()  # every kind of KPI and every input table, for the other engines
    csv_kpis: tuple[str, ...] = ()
    pages: tuple[str, ...] = ("/", "/kpis")  # the boards where this company's data show
    page_kpis: tuple[str, ...] = ()
    scorecard_period: str = "2024-Q2"
    #: settings stored in the workspace beyond those the fixture loader stores
    workspace_settings: dict[str, Any] = field(default_factory=dict)
    #: KPIs whose explanation records are compared one by one (None: every RECORD_KPIS one)
    record_kpis: tuple[str, ...] | None = None

    def user(self, slot: str) -> User:
        return next(u for u in self.users if u.slot == slot)

    def kpis(self) -> tuple[str, ...]:
        return tuple(self.reference)

    @property
    def tables(self) -> Tables:
        return company_tables(self.name)

    def reach(self, user: User) -> frozenset[str] | None:
        got = reached_reps(self.tables["reps"], user.role, user.rep_id)
        return None if got is None else frozenset(got)

    def foreign_rep(self, user: User) -> str:
        """A rep id the user does not reach (for the admin and executive: any rep)."""
        reach = self.reach(user)
        reps = sorted(self.tables["reps"]["rep_id"])
        if reach is None:
            return reps[-1]
        return next(r for r in reps if r not in reach)


def _users(*spec: tuple[str, str, str | None]) -> tuple[User, ...]:
    return tuple(
        User(slot, name, role, rep) for slot, (name, role, rep) in zip(SLOTS, spec, strict=True)
    )


def _quarters_2024(
    kpi: str, values: dict[str, float]
) -> list[tuple[str, str, str, float, str, str]]:
    """One target per quarter of 2024 for each (dimension:value -> base value)."""
    out = []
    for q, (first, last) in enumerate(
        [
            ("2024-01-01", "2024-03-31"),
            ("2024-04-01", "2024-06-30"),
            ("2024-07-01", "2024-09-30"),
            ("2024-10-01", "2024-12-31"),
        ]
    ):
        for slice_, base in values.items():
            dim, _, value = slice_.partition(":")
            out.append((kpi, first, last, base + 100 * q, dim, value))
    return out


TARGET_SLICES = {
    ":": 0.0,
    "team:East": 0.0,
    "team:West": 0.0,
    "team:Inside": 0.0,
    "rep:r1": 0.0,
    "rep:r4": 0.0,
    "rep:r5": 0.0,
}


def _targets() -> tuple[tuple[str, str, str, float, str, str], ...]:
    out = []
    for kpi, base in (("revenue", 50000.0), ("win_rate", 40.0), ("pipeline_value", 90000.0)):
        out += _quarters_2024(kpi, {s: base + 7 * i for i, s in enumerate(TARGET_SLICES)})
    return tuple(out)


KPI_SMALL = Company(
    name="kpi_small",
    directory=fixture.FIXTURE_DIR,
    table_names=fixture.TABLE_NAMES,
    loader=fixture.load_tables,
    reference=kpis_ref.REFERENCE,
    dims=kpis_ref.SUPPORTED_DIMS,
    settings=fixture.settings(1),
    as_of="2025-03-31",
    window=("2023-11-01", "2025-03-31"),
    shapes=(
        Shape("month", "month", "2023-11-01", "2025-03-31"),
        Shape("quarter_by_team", "quarter", "2024-01-01", "2024-12-31", ("team",)),
        Shape("total_by_rep", "total", "2023-11-01", "2025-03-31", ("rep",)),
        Shape(
            "quarter",
            "quarter",
            "2024-01-01",
            "2024-12-31",
            only=(
                "revenue",
                "win_rate",
                "pipeline_value",
                "lead_conversion_rate",
                "new_customers",
                "revenue_per_rep",
                "stale_opportunities",
            ),
        ),
        Shape(
            "quarter_where_foreign_rep",
            "quarter",
            "2024-01-01",
            "2024-12-31",
            foreign_rep=True,
            only=(
                "revenue",
                "win_rate",
                "pipeline_value",
                "lead_conversion_rate",
                "average_deal_size",
                "revenue_per_rep",
            ),
        ),
    ),
    # The org chart, changed: r8 now shares r5's name, so r3's manager " eve ernst" names no
    # one; r7 names r5 by e-mail (odd case, a space), r2 names r7 by name; r6's manager is
    # empty. m1 (no row) reaches r1 and r8; a manager linked to r5 reaches the chain r5 -> r7
    # -> r2, r5's team West (r4) and r7's team Inside (r6, whose manager field is empty).
    org={
        "r8": {"name": "Eve Ernst"},
        "r3": {"manager": " eve ernst"},
        "r7": {"manager": " EVE@example.com"},
        "r2": {"manager": "gus gray"},
        "r6": {"manager": None},
    },
    users=_users(
        ("ann", "rep", "r1"),  # East, many periods, deals on r6's, r4's, r8's, r3's accounts
        ("ada", "admin", None),
        ("mia", "manager", "m1"),  # no reps row: r1 (East) and r8 (team ""), not all of East
        ("eli", "executive", "r2"),  # linked to a rep, still reads everything
        ("dee", "rep", "r4"),  # West; L20 converts through r7's o54
        ("max", "manager", "r5"),  # r2, r4, r5, r6, r7: two whole teams and part of East
    ),
    targets=_targets(),
    target_kinds={"revenue": "flow", "win_rate": "other", "pipeline_value": "stock"},
    core=(
        "revenue",  # flow, money
        "won_deals",  # flow, count
        "win_rate",  # ratio
        "average_deal_size",  # ratio of money
        "revenue_per_rep",  # reps as a denominator
        "pipeline_value",  # stock, money
        "open_opportunities",  # stock, count
        "stale_opportunities",  # stock with activities
        "new_customers",  # accounts
        "lead_conversion_rate",  # cohort of leads
        "leads_created",  # flow of leads
        "lead_response_hours",  # leads with activities
    ),
    # the KPI pages' own (the CSV comes from the page's answer) and one more
    csv_kpis=(
        "revenue",
        "win_rate",
        "pipeline_value",
        "lead_conversion_rate",
        "new_customers",
        "won_deals",
    ),
    pages=("/", "/pipeline", "/team", "/leads", "/kpis"),
    page_kpis=(
        "revenue",
        "win_rate",
        "pipeline_value",
        "lead_conversion_rate",
        "new_customers",
    ),
)

SUBS_SMALL = Company(
    name="subs_small",
    directory=subs_ref.FIXTURE_DIR,
    table_names=subs_ref.TABLE_NAMES,
    loader=subs_ref.load_tables,
    reference=subs_ref.REFERENCE,
    dims=subs_ref.SUPPORTED_DIMS,
    settings=subs_ref.settings(1),
    as_of="2025-06-30",
    window=("2023-10-01", "2025-03-31"),
    shapes=(
        Shape("month", "month", "2023-10-01", "2025-03-31"),
        Shape("quarter_by_team", "quarter", "2024-01-01", "2024-12-31", ("team",)),
        Shape("total_by_rep", "total", "2024-01-01", "2024-12-31", ("rep",)),
        Shape(
            "quarter_where_foreign_rep",
            "quarter",
            "2024-01-01",
            "2024-12-31",
            foreign_rep=True,
            only=(
                "mrr",
                "customer_churn_rate",
                "net_revenue_retention",
                "nps",
                "average_order_value",
                "mrr_new",
            ),
        ),
    ),
    # r5 (team "") now names r3 by name with a trailing space: a manager linked to r3
    # reaches West (r3, r4) and r5; m1 reaches East (m1, r1, r2) only.
    org={"r5": {"manager": "Cid Cole "}},
    users=_users(
        ("ann", "rep", "r1"),
        ("ada", "admin", None),
        ("mia", "manager", "m1"),
        ("eli", "executive", None),
        ("dee", "rep", "r4"),  # left 2024-12-31
        ("cid", "manager", "r3"),
    ),
    core=(
        "mrr",  # stock
        "net_revenue_retention",  # ratio of movements
        "customer_churn_rate",  # ratio of counts
        "mrr_new",  # movement
        "clv",  # six months of churn
        "average_order_value",  # invoices
        "nps",  # surveys
        "cac",  # company-level (spend)
        "sales_marketing_spend",  # company-level
    ),
    # the KPI pages' own (the CSV comes from the page's answer) and one more
    csv_kpis=("mrr", "net_revenue_retention", "nps", "cac", "customer_churn_rate"),
    pages=("/", "/revenue", "/customers", "/kpis"),
    page_kpis=("mrr", "net_revenue_retention", "nps", "cac"),
)

OPS_SMALL = Company(
    name="ops_small",
    directory=ops_ref.FIXTURE_DIR,
    table_names=ops_ref.TABLE_NAMES,
    loader=ops_ref.load_tables,
    reference=ops_ref.REFERENCE,
    dims=ops_ref.DIMENSIONS,
    settings=ops_ref.settings(1),
    as_of="2025-06-30",
    window=("2024-01-01", "2025-03-31"),
    shapes=(
        Shape("month", "month", "2024-01-01", "2025-03-31"),
        Shape("quarter_by_team", "quarter", "2024-01-01", "2024-12-31", ("team",)),
        Shape("total_by_rep", "total", "2024-01-01", "2025-03-31", ("rep",)),
        Shape(
            "quarter_where_foreign_rep",
            "quarter",
            "2024-01-01",
            "2024-12-31",
            foreign_rep=True,
            only=(
                "activities",
                "quota_attainment",
                "activities_per_rep_day",
                "dso",
                "touches_per_won_deal",
                "active_reps",
            ),
        ),
    ),
    # r6 (West) now names r1 by name: m1 reaches East (m1, r1, r2) and r6 through r1; a
    # manager linked to r3 reaches West (r3, r4, r6) by team only.
    org={"r6": {"manager": "Ann Archer"}},
    users=_users(
        ("ann", "rep", "r1"),
        ("ada", "admin", None),
        ("mia", "manager", "m1"),
        ("eli", "executive", "r3"),
        ("eve", "rep", "r5"),  # team "", EUR deals
        ("cid", "manager", "r3"),
    ),
    core=(
        "activities",  # flow of activities
        "activities_per_rep_day",  # activities over active reps
        "quota_attainment",  # quotas
        "reps_at_quota",  # reps and quotas
        "touches_per_won_deal",  # deals with their activities
        "revenue_per_activity",  # deals over activities
        "dso",  # invoices, stock and flow
        "cei",  # invoices
        "cpa",  # company-level (spend, web_stats)
        "ctr",  # company-level (web_stats)
    ),
    # the KPI pages' own (the CSV comes from the page's answer) and one more
    csv_kpis=("activities", "quota_attainment", "accounts_receivable", "cpa", "dso"),
    pages=("/", "/team", "/marketing", "/kpis"),
    page_kpis=("activities", "quota_attainment", "accounts_receivable", "cpa"),
)

HISTORY_SMALL = Company(
    name="history_small",
    directory=history_ref.FIXTURE_DIR,
    table_names=history_ref.TABLE_NAMES,
    loader=history_ref.load_tables,
    reference=history_ref.REFERENCE,
    dims=history_ref.SUPPORTED_DIMS,
    settings=history_ref.settings(learnt_order=False),
    as_of="2025-06-30",
    window=("2024-10-01", "2025-06-30"),
    shapes=(
        Shape("month", "month", "2024-10-01", "2025-06-30"),
        Shape("quarter_by_team", "quarter", "2024-10-01", "2025-06-30", ("team",)),
        Shape("total_by_rep", "total", "2024-11-15", "2025-04-20", ("rep",)),
        Shape(
            "month_by_stage",
            "month",
            "2024-10-01",
            "2025-06-30",
            ("stage",),
            only=("stage_conversion", "open_opportunities", "weighted_pipeline"),
        ),
        Shape(
            "quarter_where_foreign_rep",
            "quarter",
            "2024-10-01",
            "2025-06-30",
            foreign_rep=True,
            only=("pipeline_value", "stage_conversion", "pushed_deals"),
        ),
    ),
    # r2 now names r4 by e-mail (case, a trailing space): a manager linked to r4 reaches r2
    # and r4's team West (r3); m1 keeps r1 only.
    org={"r2": {"manager": "DEE@example.com "}},
    users=_users(
        ("ann", "rep", "r1"),
        ("ada", "admin", None),
        ("mia", "manager", "m1"),
        ("eli", "executive", "r4"),
        ("cid", "rep", "r3"),
        ("dee", "manager", "r4"),
    ),
    core=(
        "open_opportunities",
        "pipeline_value",
        "weighted_pipeline",
        "stage_conversion",
        "time_in_stage_days",
        "pushed_deals",
    ),
    # the KPI pages' own (the CSV comes from the page's answer) and one more
    csv_kpis=("weighted_pipeline", "stage_conversion", "pushed_deals"),
    pages=("/", "/pipeline", "/kpis"),
    page_kpis=("weighted_pipeline", "stage_conversion"),
    scorecard_period="2025-Q1",
    workspace_settings={
        "stage_probabilities": history_ref.settings()["stage_probabilities"],
        "stage_order": history_ref.settings()["stage_order"],
        "stages": {},
    },
    # open deals on a day follow the history there: the current-row predicates do not apply
    record_kpis=(),
)

COMPANIES: dict[str, Company] = {
    c.name: c for c in (KPI_SMALL, SUBS_SMALL, OPS_SMALL, HISTORY_SMALL)
}


@cache
def company_tables(name: str) -> Tables:
    """The company's pandas tables with its org-chart changes and targets."""
    company = COMPANIES[name]
    tables = company.loader()
    reps = tables["reps"].copy()
    for rep, changes in company.org.items():
        assert (reps["rep_id"] == rep).sum() == 1, rep
        for column, value in changes.items():
            reps.loc[reps["rep_id"] == rep, column] = value
    tables["reps"] = reps
    if company.targets:
        tables["targets"] = pd.DataFrame(
            [
                {
                    "kpi": k,
                    "period_start": pd.Timestamp(s),
                    "period_end": pd.Timestamp(e),
                    "value": v,
                    "dimension": d or None,
                    "dimension_value": dv or None,
                }
                for k, s, e, v, d, dv in company.targets
            ]
        )
    return tables


def build_workspace(company: Company, path: Path) -> Path:
    """The company in a new DuckDB workspace file (the fixture loader, then the org chart
    changes and the targets, with plain SQL)."""
    fixture.load_workspace(path, 1, company.directory, company.table_names)
    with Workspace(path) as ws:
        for rep, changes in company.org.items():
            for column, value in changes.items():
                ws.con.execute(
                    f"UPDATE {quote('reps')} SET {quote(column)} = ? WHERE rep_id = ?",
                    [value, rep],
                )
        stored = ws.con.execute(
            f"SELECT rep_id, name, email, team, manager FROM {quote('reps')} ORDER BY rep_id"
        ).fetchall()
    want = company.tables["reps"].sort_values("rep_id")
    expected = [
        tuple(text(getattr(r, c)) for c in ("rep_id", "name", "email", "team", "manager"))
        for r in want.itertuples()
    ]
    got = [tuple(text(v) for v in row) for row in stored]
    assert got == expected, f"the workspace's reps differ from the reference's:\n{got}\n{expected}"
    with Workspace(path) as ws:
        for name, value in company.workspace_settings.items():
            ws.set_setting(name, value)
        for kpi, first, last, value, dim, dim_value in company.targets:
            ws.con.execute(
                f"INSERT INTO {quote('targets')} (kpi, period_start, period_end, value, "
                "dimension, dimension_value) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    kpi,
                    dt.date.fromisoformat(first),
                    dt.date.fromisoformat(last),
                    value,
                    dim or None,
                    dim_value or None,
                ],
            )
    return path
