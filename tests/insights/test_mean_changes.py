"""Means tested with Welch's t-test: the engine's Σ value² beside each mean KPI (deal size,
sales cycle, lead response time) equals pandas over the same records on every engine, and
the test built from those sums is scipy's Welch test on the raw values."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterator
from typing import Any

import pytest
from scipy import stats

from salesmetrics.catalog.spread import SQUARES, spread_id
from salesmetrics.insights.changes import sample_sd, scan
from salesmetrics.insights.periods import Window
from salesmetrics.insights.stats import welch
from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace
from tests.engines import engine_params
from tests.reference import fixture
from tests.reference.pandas_kpis import (
    Request,
    closed_in,
    converted,
    cycle_days,
    day_of,
    in_window,
    response_hours,
)

Q1 = Window(dt.date(2024, 1, 1), dt.date(2024, 3, 31), "quarter")
Q2 = Window(dt.date(2024, 4, 1), dt.date(2024, 6, 30), "quarter")
AS_OF = dt.date(2025, 3, 31)


def samples(tables: dict[str, Any], kpi: str, window: Window) -> dict[Any, list[float]]:
    """Per team, the values a mean KPI averages over ``window`` (pandas, from the fixture)."""
    req = Request(tables, "total", window.first, window.last, ["team"], {}, AS_OF,
                  fixture.settings())  # fmt: skip
    lo, hi = window.first, window.last
    out: dict[Any, list[float]] = {}
    if kpi == "lead_response_hours":
        for lead in req.leads().itertuples():
            hours = response_hours(req, lead) if in_window(lead.created_at, lo, hi) else None
            if hours is not None:
                out.setdefault(lead.team, []).append(hours)
        return out
    deals = req.opportunities()
    for team in set(deals["team"]):
        mine = deals[[t == team for t in deals["team"]]]
        if kpi == "sales_cycle_days":
            values = cycle_days(mine, lo, hi)
        else:
            won = closed_in(mine, ("won",), lo, hi).itertuples()
            values = [v for r in won if (v := converted(req, r, day_of(r.close_date))) is not None]  # type: ignore[arg-type]
        if values:
            out[team] = values
    return out


@pytest.fixture(scope="module")
def tables() -> dict[str, Any]:
    return fixture.load_tables()


@pytest.fixture(scope="module", params=engine_params())
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           locations: Any) -> Iterator[Workspace]:  # fmt: skip
    path = fixture.load_workspace(tmp_path_factory.mktemp("means") / "w.duckdb")
    with Workspace(path) as duck:
        if request.param == "duckdb":
            yield duck
            return
        with Workspace.create(locations.new(request.param, "means")) as target:
            copy_workspace(duck, target, [])
            yield target


@pytest.mark.parametrize("kpi", sorted(SQUARES))
def test_sum_of_squares_matches_pandas(engine: Workspace, tables: dict[str, Any],
                                       kpi: str) -> None:  # fmt: skip
    for window in (Q1, Q2):
        frames = engine.kpis([kpi, spread_id(kpi)], grain="total", start=window.first,
                             end=window.last, by=["team"], as_of=AS_OF)  # fmt: skip
        means = {r["team"]: r for r in frames[kpi].to_dict("records")}
        squares = {r["team"]: r["value"] for r in frames[spread_id(kpi)].to_dict("records")}
        expected = samples(tables, kpi, window)
        assert expected, f"the fixture has no {kpi} records in {window}"
        for team, values in expected.items():
            assert means[team]["denominator"] == len(values)
            assert means[team]["value"] == pytest.approx(math.fsum(values) / len(values))
            assert squares[team] == pytest.approx(math.fsum(v * v for v in values), rel=1e-9)
            if len(values) >= 2:
                sd = sample_sd(means[team], squares[team])
                assert sd == pytest.approx(statistics.stdev(values), rel=1e-6, abs=1e-9)


def test_welch_from_the_engine_is_scipys_on_the_raw_values(
    engine: Workspace, tables: dict[str, Any]
) -> None:
    checked = 0
    for kpi in sorted(SQUARES):
        now, then = samples(tables, kpi, Q2), samples(tables, kpi, Q1)
        f2 = engine.kpis([kpi, spread_id(kpi)], grain="total", start=Q2.first, end=Q2.last,
                         by=["team"], as_of=AS_OF)  # fmt: skip
        f1 = engine.kpis([kpi, spread_id(kpi)], grain="total", start=Q1.first, end=Q1.last,
                         by=["team"], as_of=AS_OF)  # fmt: skip
        for team in set(now) & set(then):
            a, b = now[team], then[team]
            if len(a) < 2 or len(b) < 2 or (statistics.stdev(a) == 0 and statistics.stdev(b) == 0):
                continue
            r2 = f2[kpi].set_index("team").loc[team]
            r1 = f1[kpi].set_index("team").loc[team]
            ss2 = f2[spread_id(kpi)].set_index("team").loc[team, "value"]
            ss1 = f1[spread_id(kpi)].set_index("team").loc[team, "value"]
            got = welch(r2["value"], sample_sd(dict(r2), ss2), r2["denominator"],
                        r1["value"], sample_sd(dict(r1), ss1), r1["denominator"])  # fmt: skip
            expected = stats.ttest_ind(a, b, equal_var=False)
            assert got is not None
            assert got.p_value == pytest.approx(float(expected.pvalue), rel=1e-6)
            checked += 1
    assert checked >= 3


def test_a_planted_rise_in_deal_size_is_found_by_welch(tmp_path: Any) -> None:
    path = fixture.load_workspace(tmp_path / "w.duckdb")
    with Workspace(path) as ws:
        baseline = scan(ws, Q2, Q1, AS_OF, kpis=["average_deal_size"])
        assert not [f for f in baseline.findings if f.slice == {"team": "East"}]
        # the three deals East won in Q2 2024 (7,000 to 22,000) become about 100,000 each
        ws.con.execute(
            "UPDATE opportunities SET amount = 100000 + amount / 100 WHERE status = 'won' AND "
            "close_date BETWEEN DATE '2024-04-01' AND DATE '2024-06-30' AND owner_rep_id IN "
            "(SELECT rep_id FROM reps WHERE team = 'East')"
        )
    with Workspace(path) as ws:
        found = scan(ws, Q2, Q1, AS_OF, kpis=["average_deal_size"])
    east = [f for f in found.findings if f.slice == {"team": "East"}]
    assert east, found.document()
    assert east[0].numbers["test"] == "Welch's t-test"
    assert east[0].numbers["value"] > 90_000 > 20_000 > east[0].numbers["previous"]
    assert "standard deviation" in east[0].title


def test_means_without_any_spread_are_not_tested(tmp_path: Any) -> None:
    path = fixture.load_workspace(tmp_path / "w.duckdb")
    with Workspace(path) as ws:
        # fixed prices: every deal East won is 10,000 in Q1 2024 and 100,000 in Q2
        ws.con.execute(
            "UPDATE opportunities SET currency = 'USD', amount = CASE WHEN close_date < "
            "DATE '2024-04-01' THEN 10000 ELSE 100000 END WHERE status = 'won' AND close_date "
            "BETWEEN DATE '2024-01-01' AND DATE '2024-06-30' AND owner_rep_id IN "
            "(SELECT rep_id FROM reps WHERE team = 'East')"
        )
    with Workspace(path) as ws:
        found = scan(ws, Q2, Q1, AS_OF, kpis=["average_deal_size"])
    # a tenfold mean with no spread at all says nothing about noise: no Welch test, no finding
    assert not [f for f in found.findings if f.slice == {"team": "East"}], found.document()
