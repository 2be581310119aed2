"""Why: on real workspaces, every decomposable KPI kind's contributions add up exactly to its
change, and the totals are the KPI's own values. Alerts: fire once per new condition, on
every engine (DuckDB, a real PostgreSQL server, Spark local)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any

import pytest

from salesmetrics.insights.alerts import Rule, add_rule, all_rules, remove_rule
from salesmetrics.insights.firing import firings, run_alerts
from salesmetrics.insights.periods import Window
from salesmetrics.insights.why import explain_change
from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace
from tests.engines import engine_params
from tests.reference.fixture import load_workspace

CURRENT = Window(dt.date(2024, 4, 1), dt.date(2024, 6, 30), "quarter")
BEFORE = Window(dt.date(2024, 1, 1), dt.date(2024, 3, 31), "quarter")
AS_OF = dt.date(2025, 3, 31)


@pytest.fixture(scope="module")
def duck(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with Workspace(load_workspace(tmp_path_factory.mktemp("why") / "w.duckdb")) as ws:
        yield ws


#: one KPI of each kind: a flow sum, a flow ratio, a cohort ratio, a stock sum, a count
KINDS = ("revenue", "win_rate", "lead_conversion_rate", "pipeline_value", "won_deals",
         "average_deal_size")  # fmt: skip


@pytest.mark.parametrize("kpi", KINDS)
@pytest.mark.parametrize("by", ["team", "source"])
def test_contributions_add_up_to_the_change(duck: Workspace, kpi: str, by: str) -> None:
    found = explain_change(duck, kpi, CURRENT, BEFORE, AS_OF, by)
    d = found.decomposition

    def value(window: Window) -> float:
        lag = AS_OF - CURRENT.last
        frame = duck.kpi(kpi, grain="total", start=window.first, end=window.last,
                         as_of=window.last + lag)  # fmt: skip
        return float(frame["value"].iloc[0])

    assert d.total_before == pytest.approx(value(BEFORE))
    assert d.total_after == pytest.approx(value(CURRENT))
    assert math.fsum(p.contribution for p in d.parts) == pytest.approx(d.change, abs=1e-9)
    assert d.change == pytest.approx(d.total_after - d.total_before, abs=1e-9)
    for part in d.parts:
        if part.rate is not None and part.mix is not None:
            assert part.rate + part.mix == pytest.approx(part.contribution, abs=1e-9)


@pytest.fixture(scope="module", params=engine_params())
def engine(request: pytest.FixtureRequest, duck: Workspace, locations: Any) -> Iterator[Workspace]:
    if request.param == "duckdb":
        path = load_workspace(locations.tmp / "alerts.duckdb")
        with Workspace(path) as ws:
            yield ws
        return
    with Workspace.create(locations.new(request.param, "alerts")) as target:
        copy_workspace(duck, target, [])
        yield target


def test_alerts_fire_once_per_new_condition(engine: Workspace) -> None:
    for rule in all_rules(engine):
        remove_rule(engine, rule.id)
    add_rule(engine, Rule("low-win-rate", "win_rate", "below", 90.0, "quarter", ("team",)))
    add_rule(engine, Rule("many-won", "won_deals", "above", 0.0, "month"))
    first = run_alerts(engine, dt.date(2024, 7, 15))
    assert first.new and not first.ongoing, first.document()
    fired = {(rule, tuple(f.slice.items())) for rule, f in first.new}
    assert ("many-won", ()) in fired
    assert {r for r, _ in fired} == {"low-win-rate", "many-won"}
    for _, finding in first.new:
        assert finding.period == (dt.date(2024, 4, 1), dt.date(2024, 6, 30)) or (
            finding.period == (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
        )
    again = run_alerts(engine, dt.date(2024, 7, 20))  # the same periods: nothing new
    assert not again.new and len(again.ongoing) == len(first.new)
    stored = firings(engine, "firing")
    assert len(stored) == len(first.new)
    assert all(f["finding"]["numbers"]["value"] is not None for f in stored)
    later = run_alerts(engine, dt.date(2024, 8, 2))  # July is a new month: a new condition
    assert [r for r, _ in later.new] == ["many-won"] or not later.new
    dry = run_alerts(engine, dt.date(2024, 11, 2), record=False)
    assert len(firings(engine, "firing")) == len(first.new) + len(later.new)  # dry: nothing
    assert dry.new


def test_a_condition_that_stops_is_resolved(tmp_path: Any) -> None:
    with Workspace(load_workspace(tmp_path / "w.duckdb")) as ws:
        add_rule(ws, Rule("low-win-rate", "win_rate", "below", 90.0, "quarter", ("team",)))
        first = run_alerts(ws, dt.date(2024, 7, 15))
        assert first.new
        remove_rule(ws, "low-win-rate")
        add_rule(ws, Rule("low-win-rate", "win_rate", "below", 1.0, "quarter", ("team",)))
        after = run_alerts(ws, dt.date(2024, 7, 15))
        assert not after.new and len(after.resolved) == len(first.new)
        assert not firings(ws, "firing") and len(firings(ws, "resolved")) == len(first.new)
