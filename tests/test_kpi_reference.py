"""The KPI engine against the independent pandas reference, on the `kpi_small` fixture company,
on every engine of the test matrix (DuckDB, a real PostgreSQL server, PySpark local).

Each case runs `Workspace.kpi` on a real workspace built from
tests/fixtures/kpi_small and compares it, cell by cell, with tests/reference/pandas_kpis.py
(written from the spec without looking at the engine).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace
from tests.engines import engine_params
from tests.reference.fixture import load_tables, load_workspace, settings
from tests.reference.pandas_kpis import (
    ACCOUNT_DIMS,
    LEAD_DIMS,
    REFERENCE,
    SUPPORTED_DIMS,
    add_months,
)

ALL = tuple(REFERENCE)
COHORT = (
    "close_rate",
    "lead_conversion_rate",
    "lead_to_opportunity_rate",
    "lead_qualification_rate",
    "mql_to_sql_rate",
    "lead_response_hours",
    "lead_response_hours_median",
)
MONEY = (
    "revenue",
    "average_deal_size",
    "revenue_per_rep",
    "revenue_growth",
    "acv",
    "win_rate_by_value",
    "pipeline_created",
    "pipeline_value",
    "weighted_pipeline",
    "pipeline_velocity",
)
LATE = "2025-03-31"  # as_of after every event of the fixture

#: (label, request, KPIs it applies to, fiscal year start month)
CASES: list[tuple[str, dict[str, Any], tuple[str, ...], int]] = [
    # August 2024 has no closes, creations or leads.
    ("month_empty_aug", {"grain": "month", "start": "2024-06-01", "end": "2024-10-31"}, ALL, 1),
    # Team "" (r8) and deals/leads without owner form the null team slice.
    (
        "quarter_by_team",
        {"grain": "quarter", "start": "2024-01-01", "end": "2024-12-31", "by": ["team"]},
        ALL,
        1,
    ),
    ("total", {"grain": "total", "start": "2023-11-01", "end": "2025-03-31"}, ALL, 1),
    # Starts on a Wednesday; o11 closes Sunday Mar 31, o14 Monday Apr 1.
    (
        "week_partial",
        {"grain": "week", "start": "2024-03-20", "end": "2024-04-20"},
        tuple(k for k in ALL if k != "revenue_growth_yoy"),
        1,
    ),
    (
        "month_by_source",
        {"grain": "month", "start": "2023-11-01", "end": "2024-04-30", "by": ["source"]},
        tuple(k for k in ALL if "source" in SUPPORTED_DIMS[k]),
        1,
    ),
    (
        "month_by_segment_where",
        {
            "grain": "month",
            "start": "2024-10-01",
            "end": "2025-03-31",
            "by": ["segment"],
            "where": {"segment": ["smb", "enterprise"]},
        },
        tuple(k for k in ALL if "segment" in SUPPORTED_DIMS[k]),
        1,
    ),
    (
        "quarter_where_team_null",
        {"grain": "quarter", "start": "2024-01-01", "end": "2024-12-31", "where": {"team": None}},
        ALL,
        1,
    ),
    (
        "quarter_by_region_where_east",
        {
            "grain": "quarter",
            "start": "2024-01-01",
            "end": "2024-12-31",
            "by": ["region"],
            "where": {"team": "East"},
        },
        ALL,
        1,
    ),
    # Conversions of Feb-Mar 2024 leads happen after this as_of.
    (
        "cohort_early_as_of",
        {"grain": "month", "start": "2024-01-01", "end": "2024-06-30", "as_of": "2024-04-30"},
        COHORT,
        1,
    ),
    (
        "fy_feb_quarter",
        {"grain": "quarter", "start": "2023-11-01", "end": "2025-01-31"},
        ALL,
        2,
    ),
    ("fy_feb_year", {"grain": "year", "start": "2024-01-01", "end": "2024-12-31"}, ALL, 2),
    # Closes on the last/first days of March/April 2024 (o11 Mar 31, o14 Apr 1).
    (
        "day_month_end",
        {"grain": "day", "start": "2024-03-29", "end": "2024-04-02"},
        ("revenue", "won_deals", "win_rate", "open_opportunities", "pipeline_value", "sqls"),
        1,
    ),
    # r2 and r6 leave (Jun 30, Sep 30), r7 joins Oct 1.
    (
        "month_by_rep",
        {"grain": "month", "start": "2024-05-01", "end": "2024-11-30", "by": ["rep"]},
        ("revenue_per_rep", "revenue", "won_deals", "open_opportunities", "leads_created"),
        1,
    ),
    (
        "quarter_by_stage",
        {"grain": "quarter", "start": "2024-07-01", "end": "2025-03-31", "by": ["stage"]},
        tuple(k for k in ALL if "stage" in SUPPORTED_DIMS[k]),
        1,
    ),
    (
        "half_by_team_and_type",
        {"grain": "quarter", "start": "2024-01-01", "end": "2024-06-30", "by": ["team", "type"]},
        tuple(k for k in ALL if "type" in SUPPORTED_DIMS[k]),
        1,
    ),
    (
        "month_where_list_with_null",
        {
            "grain": "month",
            "start": "2024-04-01",
            "end": "2024-07-31",
            "by": ["team"],
            "where": {"team": [None, "West"]},
        },
        ALL,
        1,
    ),
    # p-1 of a total window is the 91 days before it.
    (
        "growth_total_q1",
        {"grain": "total", "start": "2024-01-01", "end": "2024-03-31"},
        ("revenue_growth", "revenue_growth_yoy", "revenue"),
        1,
    ),
    # The same dates one year earlier end on 2024-02-28: o58 (won Feb 29) is outside.
    (
        "growth_total_jan_feb_2025",
        {"grain": "total", "start": "2025-01-01", "end": "2025-02-28"},
        ("revenue_growth", "revenue_growth_yoy"),
        1,
    ),
    (
        "fy_feb_month",
        {"grain": "month", "start": "2024-01-01", "end": "2024-03-31"},
        ("revenue", "win_rate", "open_opportunities", "leads_created", "revenue_growth_yoy"),
        2,
    ),
    # r7 (hired 2024-10) has no rows in H1 2024: every period appears without `by`, no row with it.
    (
        "where_matches_no_rows",
        {"grain": "quarter", "start": "2024-01-01", "end": "2024-06-30", "where": {"rep": "r7"}},
        ALL,
        1,
    ),
    (
        "by_team_where_matches_no_rows",
        {
            "grain": "month",
            "start": "2024-01-01",
            "end": "2024-03-31",
            "by": ["team"],
            "where": {"rep": "r7"},
        },
        ("revenue", "revenue_per_rep", "win_rate", "open_opportunities", "leads_created"),
        1,
    ),
    # No start/end: end = as_of, start = first day of the month 11 months before.
    (
        "defaults_from_as_of",
        {"as_of": "2024-12-31"},
        ("revenue", "win_rate", "open_opportunities", "leads_created", "lead_conversion_rate"),
        1,
    ),
]


def _dims_ok(kpi: str, request: dict[str, Any]) -> bool:
    dims = [*request.get("by", []), *request.get("where", {})]
    return all(d in SUPPORTED_DIMS[kpi] for d in dims)


PARAMS = [
    pytest.param(kpi, label, request, fy, id=f"{kpi}-{label}")
    for label, request, kpis, fy in CASES
    for kpi in kpis
    if _dims_ok(kpi, request)
]


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The fixture company in two workspace files: calendar and February fiscal years."""
    root = tmp_path_factory.mktemp("kpi_small")
    return {
        1: load_workspace(root / "calendar.duckdb", 1),
        2: load_workspace(root / "fiscal_feb.duckdb", 2),
    }


@pytest.fixture(scope="module", params=engine_params())
def opened(
    request: pytest.FixtureRequest, workspaces: dict[int, Path], locations: Any
) -> Iterator[dict[int, Workspace]]:
    """Both workspaces on each engine of the matrix (copied from the DuckDB files), opened
    once for the whole module: every comparison runs on DuckDB, PostgreSQL and Spark."""
    engine = request.param
    handles: dict[int, Workspace] = {}
    for fy, path in workspaces.items():
        if engine == "duckdb":
            handles[fy] = Workspace(path)
            continue
        target = Workspace.create(locations.new(engine, f"kpi_small_fy{fy}"))
        with Workspace(path) as source:
            copy_workspace(source, target, [])
        handles[fy] = target
    yield handles
    for ws in handles.values():
        ws.close()


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return load_tables()


def reference(tables: dict[str, pd.DataFrame], kpi: str, request: dict[str, Any], fy: int):
    as_of = request.get("as_of", LATE)
    end = request.get("end", as_of)
    start = request.get("start") or add_months(dt.date.fromisoformat(end), -11)
    return REFERENCE[kpi](
        tables,
        request.get("grain", "month"),
        start,
        end,
        request.get("by", []),
        request.get("where", {}),
        as_of,
        settings(fy),
    )


def engine(ws: Workspace, kpi: str, request: dict[str, Any]) -> pd.DataFrame:
    return ws.kpi(kpi, **{"as_of": LATE, **request})


def _same(a: Any, b: Any) -> bool:
    a_null = a is None or (isinstance(a, float) and math.isnan(a)) or a is pd.NA
    b_null = b is None or (isinstance(b, float) and math.isnan(b)) or b is pd.NA
    if a_null or b_null:
        return a_null and b_null
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    return a == b


def _as_date(v: Any) -> Any:
    return v.date() if isinstance(v, pd.Timestamp) else v


def assert_frames_match(got: pd.DataFrame, want: pd.DataFrame, what: str) -> None:
    """Same columns, rows, periods, slices and numbers (1e-6 relative; None == NaN)."""
    shown = f"{what}\n--- engine ---\n{got.to_string()}\n--- reference ---\n{want.to_string()}"
    assert list(got.columns) == list(want.columns), f"columns differ\n{shown}"
    assert len(got) == len(want), f"row counts differ\n{shown}"
    for i in range(len(want)):
        for col in want.columns:
            g, w = got[col].iloc[i], want[col].iloc[i]
            if col == "period_start":
                g = _as_date(g)
            if hasattr(g, "item") and not isinstance(g, (str, dt.date)):
                g = g.item()
            assert _same(g, w), f"row {i} column {col}: engine {g!r}, reference {w!r}\n{shown}"


@pytest.mark.parametrize(("kpi", "label", "request_", "fy"), PARAMS)
def test_engine_matches_reference(
    opened: dict[int, Workspace],
    tables: dict[str, pd.DataFrame],
    kpi: str,
    label: str,
    request_: dict[str, Any],
    fy: int,
) -> None:
    got = engine(opened[fy], kpi, request_)
    want = reference(tables, kpi, request_, fy)
    assert_frames_match(got, want, f"{kpi} {label} {request_} fiscal_year_start_month={fy}")
    assert got.attrs.get("kpi") == kpi
    assert got.attrs.get("grain") == request_.get("grain", "month")


@pytest.mark.parametrize("kpi", MONEY)
def test_money_kpis_warn_about_the_gbp_deal(opened: dict[int, Workspace], kpi: str) -> None:
    # o16 (GBP 14000) is created 2024-03-10, open until it is won on 2024-05-15; GBP has no rate.
    df = engine(opened[1], kpi, {"grain": "month", "start": "2024-03-01", "end": "2024-05-31"})
    warnings = df.attrs.get("warnings", [])
    assert any("GBP" in w for w in warnings), f"{kpi}: no GBP warning in {warnings!r}"


def test_every_kpi_is_compared() -> None:
    compared = {p.values[0] for p in PARAMS}
    assert compared == set(REFERENCE)
    # the lead and account dimension lists the cases rely on
    assert "segment" in ACCOUNT_DIMS and "source" in LEAD_DIMS


def test_one_workspace_answers_several_kpis_in_a_row(workspaces: dict[int, Path]) -> None:
    request = {"grain": "month", "start": "2024-01-01", "end": "2024-03-31", "as_of": LATE}
    with Workspace(workspaces[1]) as ws:
        first = ws.kpi("revenue", **request)
        second = ws.kpi("won_deals", **request)
        again = ws.kpi("revenue", **request)
    # Jan-Mar 2024 revenue 30600, 20900, 25000 (see tests/reference/test_reference_by_hand.py)
    assert list(first["value"]) == list(again["value"]) == [30600, 20900, 25000]
    assert list(second["value"]) == [3, 2, 2]


def test_warnings_count_rows_and_name_currencies(opened: dict[int, Workspace]) -> None:
    # Nov 2023 - May 2024: o02 (EUR, won 2023-11-20, before the first EUR rate) and o16 (GBP).
    request = {"grain": "month", "start": "2023-11-01", "end": "2024-05-31"}
    warnings = engine(opened[1], "revenue", request).attrs["warnings"]
    assert any("2" in w and "EUR" in w and "GBP" in w for w in warnings), warnings
    # o43 (stage discovery, no probability, no stage default) is open on 2025-03-31.
    march = {"grain": "month", "start": "2025-03-01", "end": "2025-03-31"}
    warnings = engine(opened[1], "weighted_pipeline", march).attrs["warnings"]
    assert any("probability" in w for w in warnings), warnings


#: Values `where` may pick in the mixed requests (None = the null slice).
WHERE_VALUES: dict[str, list[Any]] = {
    "team": ["East", "West", "Inside", None, ["West", None]],
    "rep": ["r1", "r3", "r7", None],
    "region": ["NA", "EU"],
    "segment": ["smb", None, ["enterprise", "mid-market"]],
    "source": ["web", "referral", None],
    "type": ["expansion", "new_business"],
    "country": ["US", None],
}


def _random_requests(n: int, seed: int) -> list[tuple[str, dict[str, Any], int]]:
    """Reproducible mixed requests (grain, odd start/end days, slices, as_of, fiscal year)."""
    rng = random.Random(seed)
    first, span = dt.date(2023, 10, 15), 560  # up to 2025-04-27
    max_days = {"day": 12, "week": 70, "month": 200, "quarter": 500, "year": 560, "total": 560}
    out = []
    for _ in range(n):
        kpi = rng.choice(ALL)
        grain = rng.choice(list(max_days))
        start = first + dt.timedelta(days=rng.randrange(span))
        end = min(start + dt.timedelta(days=rng.randrange(max_days[grain])), dt.date(2025, 4, 27))
        as_of = end + dt.timedelta(days=rng.choice([0, 0, 30, 120]))
        if kpi in COHORT and rng.random() < 0.5:
            as_of = start + (end - start) / 2
        request: dict[str, Any] = {
            "grain": grain,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "as_of": as_of.isoformat(),
            "by": rng.sample(SUPPORTED_DIMS[kpi], rng.choice([0, 1, 1, 2])),
        }
        if rng.random() < 0.3:
            dim = rng.choice([d for d in SUPPORTED_DIMS[kpi] if d in WHERE_VALUES])
            request["where"] = {dim: rng.choice(WHERE_VALUES[dim])}
        if kpi == "revenue_growth_yoy" and grain == "week":  # "same week" is ambiguous
            continue
        out.append((kpi, request, rng.choice([1, 2])))
    return out


@pytest.mark.parametrize(
    ("kpi", "request_", "fy"),
    [
        pytest.param(k, r, fy, id=f"{i:02d}-{k}-{r['grain']}-{'+'.join(r['by']) or 'all'}")
        for i, (k, r, fy) in enumerate(_random_requests(80, seed=20241122))
    ],
)
def test_engine_matches_reference_on_mixed_requests(
    opened: dict[int, Workspace],
    tables: dict[str, pd.DataFrame],
    kpi: str,
    request_: dict[str, Any],
    fy: int,
) -> None:
    got = engine(opened[fy], kpi, request_)
    want = reference(tables, kpi, request_, fy)
    assert_frames_match(got, want, f"{kpi} {request_} fiscal_year_start_month={fy}")
