"""The subscription, invoice and survey KPIs against the independent pandas reference, on the
`subs_small` fixture company, on every engine of the test matrix (DuckDB, a real PostgreSQL
server, PySpark local).

tests/reference/pandas_subscriptions.py was written from spec/kpis.md and the conventions
without looking at the engine; tests/fixtures/subs_small/README.md lists the edge cases it
plants (same-month subscriptions, price changes, upgrade and downgrade in one month, churn and
return, zero-MRR trials, EUR with moving rates, GBP without a rate, two plans at once, open
ends).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from salesmetrics.engine import account_months, kept
from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace
from tests.engines import engine_params
from tests.reference import pandas_subscriptions as ref
from tests.reference.fixture import load_workspace
from tests.test_kpi_reference import assert_frames_match

ALL = tuple(ref.REFERENCE)
MOVEMENTS = ("mrr_new", "mrr_reactivation", "mrr_expansion", "mrr_contraction", "mrr_churn")
#: CLV reads six calendar months of churn ending with each period's month: not at day/week grain
NOT_CLV = tuple(k for k in ALL if k != "clv")
LATE = "2025-06-30"

CASES: list[tuple[str, dict[str, Any], tuple[str, ...], int]] = [
    ("month", {"grain": "month", "start": "2023-10-01", "end": "2025-03-31"}, ALL, 1),
    (
        "month_by_plan",
        {"grain": "month", "start": "2023-12-01", "end": "2024-12-31", "by": ["plan"]},
        ALL,
        1,
    ),
    ("quarter", {"grain": "quarter", "start": "2023-10-01", "end": "2025-03-31"}, ALL, 1),
    (
        "quarter_by_segment",
        {"grain": "quarter", "start": "2024-01-01", "end": "2024-12-31", "by": ["segment"]},
        ALL,
        1,
    ),
    ("fy_feb_quarter", {"grain": "quarter", "start": "2023-11-01", "end": "2025-01-31"}, ALL, 2),
    ("year", {"grain": "year", "start": "2024-01-01", "end": "2025-03-31"}, ALL, 1),
    ("total", {"grain": "total", "start": "2024-02-01", "end": "2024-09-30"}, ALL, 1),
    # starts on a Wednesday and ends mid-month: clipped first and last periods
    ("week_partial", {"grain": "week", "start": "2024-02-28", "end": "2024-04-10"}, NOT_CLV, 1),
    ("day", {"grain": "day", "start": "2024-02-27", "end": "2024-03-03"}, NOT_CLV, 1),
    ("day_july", {"grain": "day", "start": "2024-07-08", "end": "2024-07-12"}, NOT_CLV, 1),
    (
        "month_mid_range",
        {"grain": "month", "start": "2024-03-15", "end": "2024-10-20"},
        ALL,
        1,
    ),
    (
        "month_by_team_where",
        {
            "grain": "month",
            "start": "2024-01-01",
            "end": "2024-12-31",
            "by": ["team"],
            "where": {"team": [None, "East"]},
        },
        ALL,
        1,
    ),
    (
        "quarter_by_plan_and_country",
        {
            "grain": "quarter",
            "start": "2024-01-01",
            "end": "2024-12-31",
            "by": ["plan", "country"],
        },
        ALL,
        1,
    ),
    (
        "month_where_plan_null",
        {"grain": "month", "start": "2024-01-01", "end": "2024-06-30", "where": {"plan": None}},
        ALL,
        1,
    ),
    (
        "month_by_rep",
        {"grain": "month", "start": "2024-01-01", "end": "2024-06-30", "by": ["rep"]},
        ALL,
        1,
    ),
    ("empty_range", {"grain": "month", "start": "2022-01-01", "end": "2022-03-31"}, ALL, 1),
]


def _dims_ok(kpi: str, request: dict[str, Any]) -> bool:
    dims = [*request.get("by", []), *request.get("where", {})]
    return all(d in ref.SUPPORTED_DIMS[kpi] for d in dims)


PARAMS = [
    pytest.param(kpi, label, request, fy, id=f"{kpi}-{label}")
    for label, request, kpis, fy in CASES
    for kpi in kpis
    if _dims_ok(kpi, request)
]


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    root = tmp_path_factory.mktemp("subs_small")
    return {
        fy: load_workspace(root / f"fy{fy}.duckdb", fy, ref.FIXTURE_DIR, ref.TABLE_NAMES)
        for fy in (1, 2)
    }


@pytest.fixture(scope="module", params=engine_params())
def opened(
    request: pytest.FixtureRequest, workspaces: dict[int, Path], locations: Any
) -> Iterator[dict[int, Workspace]]:
    engine = request.param
    handles: dict[int, Workspace] = {}
    for fy, path in workspaces.items():
        if engine == "duckdb":
            handles[fy] = Workspace(path)
            continue
        target = Workspace.create(locations.new(engine, f"subs_small_fy{fy}"))
        with Workspace(path) as source:
            copy_workspace(source, target, [])
        handles[fy] = target
    yield handles
    for ws in handles.values():
        ws.close()


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return ref.load_tables()


def reference(tables: dict[str, pd.DataFrame], kpi: str, request: dict[str, Any], fy: int):
    return ref.REFERENCE[kpi](
        tables,
        request["grain"],
        request["start"],
        request["end"],
        request.get("by", []),
        request.get("where", {}),
        LATE,
        ref.settings(fy),
    )


@pytest.mark.parametrize(("kpi", "label", "request_", "fy"), PARAMS)
def test_engine_matches_reference(
    opened: dict[int, Workspace],
    tables: dict[str, pd.DataFrame],
    kpi: str,
    label: str,
    request_: dict[str, Any],
    fy: int,
) -> None:
    _matches(opened[fy], tables, kpi, label, request_, fy)


def _matches(
    ws: Workspace,
    tables: dict[str, pd.DataFrame],
    kpi: str,
    label: str,
    request: dict[str, Any],
    fy: int,
) -> None:
    got = ws.kpi(kpi, as_of=LATE, **request)
    want = reference(tables, kpi, request, fy)
    assert_frames_match(got, want, f"{kpi} {label} {request} fiscal_year_start_month={fy}")


#: the cases that read the MRR a DuckDB workspace keeps per account and month
#: (engine.account_months: the month grain, without plan)
KEPT_PARAMS = [
    pytest.param(kpi, label, request, fy, id=f"{kpi}-{label}-kept")
    for label, request, kpis, fy in CASES
    if request["grain"] == "month"
    and "plan" not in [*request.get("by", []), *request.get("where", {})]
    for kpi in kpis
    if _dims_ok(kpi, request)
]


@pytest.fixture(scope="module")
def kept_opened(workspaces: dict[int, Path]) -> Iterator[dict[int, Workspace]]:
    """DuckDB once more, keeping the account months (a copy of each workspace)."""
    handles: dict[int, Workspace] = {}
    for fy, path in workspaces.items():
        copy = path.with_name(f"kept_{path.name}")
        shutil.copyfile(path, copy)
        ws = Workspace(copy)
        assert kept.refresh(ws)
        with ws.backend.session() as session:
            assert account_months.usable(ws, session)
        handles[fy] = ws
    yield handles
    for ws in handles.values():
        ws.close()


@pytest.mark.parametrize(("kpi", "label", "request_", "fy"), KEPT_PARAMS)
def test_kept_account_months_match_reference(
    kept_opened: dict[int, Workspace],
    tables: dict[str, pd.DataFrame],
    kpi: str,
    label: str,
    request_: dict[str, Any],
    fy: int,
) -> None:
    _matches(kept_opened[fy], tables, kpi, f"{label} (kept account months)", request_, fy)


def test_every_kpi_is_compared() -> None:
    assert {p.values[0] for p in PARAMS} == set(ref.REFERENCE)


@pytest.mark.parametrize("kpi", ["mrr", "arpa", "mrr_new", "net_new_mrr", "clv",
                                 "average_order_value"])  # fmt: skip
def test_money_kpis_name_the_currency_without_a_rate(
    opened: dict[int, Workspace], kpi: str
) -> None:
    # a05 pays 800 GBP from 2024-01-01 and i09/i10 are GBP invoices: GBP has no rate
    df = opened[1].kpi(kpi, grain="month", start="2024-01-01", end="2024-06-30", as_of=LATE)
    assert any("GBP" in w for w in df.attrs["warnings"]), df.attrs["warnings"]


def test_counts_keep_the_customer_without_a_rate(opened: dict[int, Workspace]) -> None:
    df = opened[1].kpi("active_customers", grain="month", start="2024-01-01", end="2024-01-31")
    assert not any("GBP" in w for w in df.attrs["warnings"])


def test_without_subscriptions_mrr_says_what_to_load(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "empty.duckdb") as ws:
        df = ws.kpi("mrr", grain="month", start="2024-01-01", end="2024-03-31")
        assert df["value"].isna().all()
        assert any("salesmetrics import subscriptions" in w for w in df.attrs["warnings"])
        nps = ws.kpi("nps", grain="month", start="2024-01-01", end="2024-03-31")
        assert any("import surveys" in w for w in nps.attrs["warnings"])


def test_waterfall_reconciles_on_every_period(opened: dict[int, Workspace]) -> None:
    """net_new_mrr = mrr(p) − mrr(p−1) and = the sum of the five movements, every month."""
    ws = opened[1]
    request = {"grain": "month", "start": "2024-01-01", "end": "2025-03-31", "as_of": LATE}
    frames = ws.kpis(["mrr", "net_new_mrr", *MOVEMENTS], **request)
    earlier = ws.kpi("mrr", grain="month", start="2023-12-01", end="2025-02-28")
    mrr = list(frames["mrr"]["value"])
    before = list(earlier["value"])
    net = list(frames["net_new_mrr"]["value"])
    moves = {k: list(frames[k]["value"]) for k in MOVEMENTS}
    for i in range(len(mrr)):
        total = (
            moves["mrr_new"][i]
            + moves["mrr_reactivation"][i]
            + moves["mrr_expansion"][i]
            - moves["mrr_contraction"][i]
            - moves["mrr_churn"][i]
        )
        assert net[i] == pytest.approx(total, abs=1e-6)
        # a02 (EUR before its first rate, 2023-10) and a05 (GBP) are out of both months
        assert net[i] == pytest.approx(mrr[i] - before[i], abs=1e-6), i
