"""Pipeline history on the demo company: the waterfall reconciles on every period, the learnt
forecast beats the CRM's probabilities in the backtest (the demo's reps are optimistic about
early stages), and the three commands print what the library computes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from salesmetrics.demo import build_demo
from salesmetrics.engine.forecast import backtest, parse_period
from salesmetrics.engine.funnel import stage_funnel
from salesmetrics.engine.pipeline_waterfall import STEPS, pipeline_waterfall
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli

AS_OF = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("history_demo") / "demo.duckdb"
    build_demo(path, "small", seed=42, start=dt.date(2023, 12, 1))
    return path


def test_waterfall_reconciles_on_every_month_of_the_demo(demo: Path) -> None:
    with Workspace(demo, read_only=True) as ws:
        found = pipeline_waterfall(ws, grain="month", start="2024-01-01", end="2026-11-30")
        values = ws.kpi("pipeline_value", grain="month", start="2024-01-01", end="2026-11-30")
    assert len(found.rows) == 35 and all(r["reconciles"] for r in found.rows)
    assert not found.warnings
    # something moves in every step over the three years
    assert all(sum(r[s] for r in found.rows) > 0 for s in ("created", "won", "lost", "pushed_out"))
    # the end pipeline is the open pipeline due by the month's end: never above pipeline_value
    total = dict(zip(values["period_start"], values["value"], strict=True))
    assert all(r["end"] <= total[r["period_start"]] + 1e-6 for r in found.rows)


def test_waterfall_by_team_adds_up_to_the_company(demo: Path) -> None:
    with Workspace(demo, read_only=True) as ws:
        company = pipeline_waterfall(ws, grain="quarter", start="2025-01-01", end="2025-12-31")
        teams = pipeline_waterfall(
            ws, grain="quarter", start="2025-01-01", end="2025-12-31", by=["team"]
        )
    assert all(r["reconciles"] for r in teams.rows)
    for row in company.rows:
        parts = [r for r in teams.rows if r["period_start"] == row["period_start"]]
        for step in STEPS:
            assert abs(sum(r[step] for r in parts) - row[step]) <= 1e-6 * max(1, row[step])


def test_learnt_forecast_beats_the_crm_probabilities(demo: Path) -> None:
    with Workspace(demo, read_only=True) as ws:
        found = backtest(ws, parse_period(None, AS_OF, 1), 4)
    assert len(found.rows) == 4 and all(r["actual"] > 0 for r in found.rows)
    assert found.mape["learnt"] is not None and found.mape["crm"] is not None
    assert found.mape["learnt"] < found.mape["crm"], found.mape


def test_funnel_narrows_stage_by_stage(demo: Path) -> None:
    with Workspace(demo, read_only=True) as ws:
        found = stage_funnel(ws, start="2025-01-01", end="2025-06-30", as_of=AS_OF)
    reached = [r["reached"] for r in found.rows]
    assert found.rows[-1]["stage"] == "won" and reached == sorted(reached, reverse=True)
    assert reached[0] == found.deals > 0
    assert all(r["median_days"] is not None for r in found.rows[:-1])


def test_pushed_deals_and_stage_kpis_on_the_demo(demo: Path) -> None:
    with Workspace(demo, read_only=True) as ws:
        pushed = ws.kpi("pushed_deals", grain="quarter", start="2025-01-01", end="2025-12-31")
        conversion = ws.kpi("stage_conversion", grain="year", start="2025-01-01",
                            end="2025-12-31", as_of=AS_OF)  # fmt: skip
    assert (pushed["value"] > 0).all()
    assert set(conversion["stage"]) == {"prospecting", "discovery", "demo", "proposal",
                                        "negotiation"}  # fmt: skip
    assert ((conversion["value"] > 0) & (conversion["value"] < 100)).all()


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["pipeline-waterfall", "--from", "2025-01-01", "--to", "2025-03-31"], "rows"),
        (["funnel", "--from", "2025-01-01", "--to", "2025-03-31", "--as-of", "2026-11-30"],
         "rows"),
        (["forecast", "--period", "2026-Q4", "--as-of", "2026-11-30", "--by", "team"], "rows"),
        (["forecast", "--as-of", "2026-11-30", "--backtest", "2"], "mape"),
    ],
    ids=["waterfall", "funnel", "forecast", "backtest"],
)  # fmt: skip
def test_commands_print_json(demo: Path, args: list[str], key: str) -> None:
    result = run_cli(*args, "--workspace", demo, "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload[key]


def test_stage_order_is_learnt_set_and_cleared(demo: Path, tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "order.duckdb"
    shutil.copy(demo, path)
    shown = run_cli("stages", "order", "--workspace", path)
    assert shown.returncode == 0 and "learnt" in shown.stdout
    assert shown.stdout.index("prospecting") < shown.stdout.index("negotiation")
    request = {"grain": "year", "start": "2025-01-01", "end": "2025-12-31", "as_of": AS_OF}
    with Workspace(path, read_only=True) as ws:
        learnt = ws.kpi("stage_conversion", **request)
    backwards = ["negotiation", "proposal", "demo", "discovery", "prospecting"]
    assert run_cli("stages", "order", *backwards, "--workspace", path).returncode == 0
    with Workspace(path, read_only=True) as ws:
        assert ws.get_setting("stage_order") == backwards
        reversed_order = ws.kpi("stage_conversion", **request)
    first = reversed_order.set_index("stage")["value"]
    # prospecting is last now: only a win counts as moving on from it
    assert first["prospecting"] < learnt.set_index("stage")["value"]["prospecting"]
    assert run_cli("stages", "order", "--clear", "--workspace", path).returncode == 0
    with Workspace(path, read_only=True) as ws:
        assert ws.get_setting("stage_order") == []
        again = ws.kpi("stage_conversion", **request)
    assert again["value"].tolist() == learnt["value"].tolist()
