"""Pipeline history against the independent pandas reference (tests/reference/pandas_history.py,
written from the spec and docs/kpi-conventions.md without looking at the engine), on the
hand-built `history_small` company (its README lists the planted edge cases), on every engine of
the test matrix (DuckDB, a real PostgreSQL server, PySpark local).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from salesmetrics.engine import kept, state_table
from salesmetrics.engine.funnel import stage_funnel
from salesmetrics.engine.pipeline_waterfall import STEPS, pipeline_waterfall
from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace
from tests.engines import engine_params
from tests.reference import pandas_history as ref
from tests.reference.fixture import load_workspace
from tests.test_kpi_reference import assert_frames_match

LATE = "2025-06-30"
STOCK = ("open_opportunities", "pipeline_value", "weighted_pipeline", "aged_opportunities")
ALL = tuple(ref.REFERENCE)

CASES: list[tuple[str, dict[str, Any], tuple[str, ...]]] = [
    ("month", {"grain": "month", "start": "2024-10-01", "end": "2025-06-30"}, ALL),
    ("quarter", {"grain": "quarter", "start": "2024-10-01", "end": "2025-06-30"}, ALL),
    (
        "month_by_stage",
        {"grain": "month", "start": "2024-10-01", "end": "2025-06-30", "by": ["stage"]},
        ALL,
    ),
    (
        "month_by_team",
        {"grain": "month", "start": "2024-10-01", "end": "2025-06-30", "by": ["team"]},
        ALL,
    ),
    (
        "quarter_by_segment",
        {"grain": "quarter", "start": "2024-10-01", "end": "2025-06-30", "by": ["segment"]},
        ALL,
    ),
    ("total", {"grain": "total", "start": "2024-11-15", "end": "2025-04-20"}, ALL),
    ("week", {"grain": "week", "start": "2025-01-20", "end": "2025-03-02"}, ALL),
    (
        "as_of_mid_month",
        {"grain": "month", "start": "2025-01-01", "end": "2025-01-12", "as_of": "2025-01-12"},
        ALL,
    ),
    ("empty", {"grain": "month", "start": "2022-01-01", "end": "2022-03-31"}, ALL),
]


def _dims_ok(kpi: str, request: dict[str, Any]) -> bool:
    dims = [*request.get("by", []), *request.get("where", {})]
    return all(d in ref.SUPPORTED_DIMS[kpi] for d in dims)


PARAMS = [
    pytest.param(kpi, label, request, id=f"{kpi}-{label}")
    for label, request, kpis in CASES
    for kpi in kpis
    if _dims_ok(kpi, request)
]


def _set_settings(path: Path, learnt: bool) -> None:
    with Workspace(path) as ws:
        s = ref.settings(learnt_order=learnt)
        ws.set_setting("stage_probabilities", s["stage_probabilities"])
        ws.set_setting("stage_order", s["stage_order"])
        ws.set_setting("stages", {})


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    root = tmp_path_factory.mktemp("history_small")
    out = {}
    for learnt in (False, True):
        path = load_workspace(root / f"learnt{learnt}.duckdb", 1, ref.FIXTURE_DIR, ref.TABLE_NAMES)
        _set_settings(path, learnt)
        out[learnt] = path
    return out


#: DuckDB once more, reading the deal states the workspace keeps (engine.state_table)
KEPT = pytest.param("duckdb_kept", id="duckdb-kept")


@pytest.fixture(scope="module", params=[*engine_params(), KEPT])
def opened(
    request: pytest.FixtureRequest, workspaces: dict[bool, Path], locations: Any
) -> Iterator[dict[bool, Workspace]]:
    engine = request.param
    handles: dict[bool, Workspace] = {}
    for learnt, path in workspaces.items():
        if engine == "duckdb":
            handles[learnt] = Workspace(path)
            continue
        if engine == "duckdb_kept":
            copy = path.with_name(f"kept_{path.name}")
            shutil.copyfile(path, copy)
            ws = Workspace(copy)
            assert kept.refresh(ws)
            with ws.backend.session() as session:
                assert state_table.usable(ws, session)
            handles[learnt] = ws
            continue
        target = Workspace.create(locations.new(engine, f"history_small_{learnt}"))
        with Workspace(path) as source:
            copy_workspace(source, target, [])
        handles[learnt] = target
    yield handles
    for ws in handles.values():
        ws.close()


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return ref.load_tables()


def _want(tables: dict[str, pd.DataFrame], kpi: str, request: dict[str, Any], learnt: bool):
    return ref.REFERENCE[kpi](
        tables, request["grain"], request["start"], request["end"], request.get("by", []),
        request.get("where", {}), request.get("as_of", LATE), ref.settings(learnt_order=learnt),
    )  # fmt: skip


@pytest.mark.parametrize(("kpi", "label", "request_"), PARAMS)
def test_engine_matches_reference(
    opened: dict[bool, Workspace], tables: dict[str, pd.DataFrame], kpi: str, label: str,
    request_: dict[str, Any],
) -> None:  # fmt: skip
    request = {"as_of": LATE, **request_}
    got = opened[False].kpi(kpi, **request)
    assert_frames_match(got, _want(tables, kpi, request, False), f"{kpi} {label} {request}")


@pytest.mark.parametrize("kpi", ["stage_conversion", "open_opportunities"])
def test_learnt_stage_order_matches_reference(
    opened: dict[bool, Workspace], tables: dict[str, pd.DataFrame], kpi: str
) -> None:
    request = {"grain": "quarter", "start": "2024-10-01", "end": "2025-06-30", "as_of": LATE}
    got = opened[True].kpi(kpi, **request)
    assert_frames_match(got, _want(tables, kpi, request, True), f"{kpi} learnt order")


def test_history_changes_the_month_end_pipeline(opened: dict[bool, Workspace]) -> None:
    # the current rows alone would give 11 open deals on 2025-01-31; the history says 10
    df = opened[False].kpi("open_opportunities", grain="month", start="2025-01-01",
                           end="2025-01-31", as_of=LATE)  # fmt: skip
    assert df["value"].tolist() == [10.0]


@pytest.mark.parametrize(
    "request_",
    [
        {"grain": "month", "start": "2024-10-01", "end": "2025-06-30"},
        {"grain": "quarter", "start": "2024-10-01", "end": "2025-06-30", "by": ["team"]},
    ],
    ids=["month", "quarter_by_team"],
)
def test_pipeline_waterfall_matches_reference(
    opened: dict[bool, Workspace], tables: dict[str, pd.DataFrame], request_: dict[str, Any]
) -> None:
    found = pipeline_waterfall(opened[False], **request_)
    by = list(request_.get("by", []))
    want = ref.pipeline_waterfall(
        tables, request_["grain"], request_["start"], request_["end"], by, ref.settings()
    )
    got = pd.DataFrame(found.rows)
    keys = ["period_start", *by]
    got["period_start"] = pd.to_datetime(got["period_start"])
    want = want.copy()
    want["period_start"] = pd.to_datetime(want["period_start"])
    merged = want.merge(got, on=keys, how="outer", suffixes=("_want", "_got"), indicator=True)
    for step in STEPS:
        w, g = merged[f"{step}_want"].fillna(0.0), merged[f"{step}_got"].fillna(0.0)
        assert (abs(w - g) <= 1e-6).all(), (step, merged[[*keys, f"{step}_want", f"{step}_got"]])
    assert all(r["reconciles"] for r in found.rows)


@pytest.mark.parametrize(
    ("start", "end", "as_of"),
    [("2024-10-01", "2025-06-30", LATE), ("2024-11-01", "2025-01-31", "2025-03-15")],
    ids=["all", "winter_as_of_march"],
)
def test_funnel_matches_reference(
    opened: dict[bool, Workspace], tables: dict[str, pd.DataFrame], start: str, end: str,
    as_of: str,
) -> None:  # fmt: skip
    found = stage_funnel(opened[False], start=start, end=end, as_of=as_of)
    want = ref.funnel(tables, start, end, as_of, ref.settings())
    got = pd.DataFrame(found.rows, columns=list(want.columns))
    assert got["stage"].str.lower().tolist() == want["stage"].str.lower().tolist()
    for column in ("reached", "lost_here"):
        assert got[column].tolist() == want[column].tolist(), column
    for column in ("conversion", "median_days"):
        g, w = got[column].astype(float), want[column].astype(float)
        assert ((g - w).abs().fillna(0) <= 1e-9).all() and (g.isna() == w.isna()).all(), column


@pytest.mark.parametrize(
    ("first", "last", "day", "by"),
    [
        ("2025-06-01", "2025-06-30", "2025-06-10", []),
        ("2025-04-01", "2025-06-30", "2025-03-31", []),  # made the day before: share 1
        ("2025-01-01", "2025-03-31", "2025-02-15", ["team"]),
    ],
    ids=["june_on_june_10", "q2_day_before", "q1_by_team"],
)
def test_forecast_matches_reference(
    opened: dict[bool, Workspace], tables: dict[str, pd.DataFrame], first: str, last: str,
    day: str, by: list[str],
) -> None:  # fmt: skip
    import datetime as dt

    from salesmetrics.engine.forecast import Period, forecast

    grain = "month" if first.endswith("06-01") else "quarter"
    period = Period(grain, dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    found = forecast(opened[False], period, dt.date.fromisoformat(day), by)
    want = ref.forecast(tables, first, last, day, ref.settings(), by=by)
    got = pd.DataFrame(found.rows)
    keys = [*by, "method"]
    merged = want.merge(got, on=keys, how="outer", suffixes=("_want", "_got"))
    assert len(merged) == len(want) == len(got), merged
    for column in ("won_so_far", "expected", "low", "high"):
        diff = (merged[f"{column}_want"] - merged[f"{column}_got"]).abs()
        assert (diff <= 1e-6).all(), (column, merged[[*keys, f"{column}_want", f"{column}_got"]])


#: h18: lost on 2024-12-10, reopened on 2025-02-03 in the history, lost again now with its
#: old close date: the current row is the truth about now, so it closes again at the reopen
#: (it is never open after 2024-12-10), not left open for ever by the history's last word
H18_OPPORTUNITY = (
    "h18,2024-11-04 09:00:00,lost,2024-12-10,10000,USD,Closed Lost,0,r1,a1,,web,new_business,"
    "core,12\n"
)
H18_HISTORY = (
    "h18,2024-11-04 09:00:00,Discovery,open,10000,20,2024-12-31\n"
    "h18,2024-12-10 15:00:00,Closed Lost,lost,,0,2024-12-10\n"
    "h18,2025-02-03 09:00:00,Discovery,open,,20,2025-03-31\n"
)


def test_a_deal_reopened_last_but_closed_now(tmp_path: Path) -> None:
    import shutil

    directory = tmp_path / "history_h18"
    shutil.copytree(ref.FIXTURE_DIR, directory)
    with (directory / "opportunities.csv").open("a", encoding="utf-8") as fh:
        fh.write(H18_OPPORTUNITY)
    with (directory / "opportunity_history.csv").open("a", encoding="utf-8") as fh:
        fh.write(H18_HISTORY)
    path = load_workspace(tmp_path / "h18.duckdb", 1, directory, ref.TABLE_NAMES)
    _set_settings(path, False)
    tables = ref.load_tables(directory)
    request = {"grain": "month", "start": "2024-10-01", "end": "2025-06-30", "as_of": LATE}
    with Workspace(path) as ws:
        for kpi in ("open_opportunities", "weighted_pipeline", "stage_conversion",
                    "time_in_stage_days", "pushed_deals"):  # fmt: skip
            got = ws.kpi(kpi, **request)
            assert_frames_match(got, _want(tables, kpi, request, False), f"{kpi} with h18")
        only = ws.kpi("open_opportunities", **{**request, "where": {"rep": "r1"}})
        waterfall = pipeline_waterfall(ws, grain="month", start="2024-10-01", end="2025-06-30")
    # h18 counts on Nov 30 only (r1's other open deals are unchanged by it)
    with_h18 = dict(zip(only["period_start"].astype(str), only["value"], strict=True))
    base = _want(ref.load_tables(), "open_opportunities", {**request, "where": {"rep": "r1"}},
                 False)  # fmt: skip
    without = dict(zip(base["period_start"].astype(str), base["value"], strict=True))
    assert {k: with_h18[k] - without[k] for k in with_h18} == {
        k: (1.0 if k == "2024-11-01" else 0.0) for k in with_h18
    }
    assert all(r["reconciles"] for r in waterfall.rows)
