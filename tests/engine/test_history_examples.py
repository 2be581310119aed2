"""Pipeline history by hand: deals and their opportunity_history rows written into a real
workspace, every number worked out in the comments (docs/kpi-conventions.md, "Pipeline
history")."""

from __future__ import annotations

from typing import Any

from salesmetrics.workspace import Workspace
from tests.engine.data import add, deal, values

MONTHS = {"grain": "month", "start": "2024-01-01", "end": "2024-04-30", "as_of": "2024-06-30"}


def change(opp_id: str, at: str, **kw: Any) -> dict[str, Any]:
    return {"opportunity_id": opp_id, "changed_at": at, **kw}


def test_the_pipeline_as_the_history_says_it_was(workspace: Workspace) -> None:
    add(
        workspace,
        "opportunities",
        # now: won at 5000; in history: 2000 at 20 % in January, 4000 at 60 % from Feb 10
        deal("a", "won", "2024-03-15", 5000, stage="Closed Won", probability=100),
        # no history: open from its creation, its current row counts
        deal(
            "b",
            "open",
            "2024-06-30",
            300,
            stage="Demo",
            probability=50,
            created_at="2024-02-01 00:00:00",
        ),
    )
    add(
        workspace,
        "opportunity_history",
        change(
            "a",
            "2024-01-01 00:00:00",
            stage="Discovery",
            status="open",
            amount=2000,
            probability=20,
            close_date="2024-03-31",
        ),
        change(
            "a", "2024-02-10 12:00:00", stage="Proposal", status="open", amount=4000, probability=60
        ),
        change(
            "a",
            "2024-03-15 09:00:00",
            stage="Closed Won",
            status="won",
            amount=5000,
            probability=100,
        ),
    )
    # Jan 31: a 2000 (20 %); Feb 29: a 4000 (60 %) + b 300 (50 %); Mar 31, Apr 30: b only
    assert values(workspace.kpi("open_opportunities", **MONTHS)) == [1.0, 2.0, 1.0, 1.0]
    assert values(workspace.kpi("pipeline_value", **MONTHS)) == [2000.0, 4300.0, 300.0, 300.0]
    weighted = workspace.kpi("weighted_pipeline", **MONTHS)
    assert values(weighted) == [400.0, 2400.0 + 150.0, 150.0, 150.0]
    by_stage = workspace.kpi("open_opportunities", **{**MONTHS, "by": ["stage"]})
    feb = by_stage[by_stage["period_start"].astype(str) == "2024-02-01"]
    assert dict(zip(feb["stage"], feb["value"], strict=True)) == {
        "Demo": 1.0,
        "Discovery": 0.0,
        "Proposal": 1.0,
    }
    # --as-of: the pipeline on Feb 5 (before the Feb 10 change)
    on_day = workspace.kpi("pipeline_value", grain="month", start="2024-02-01", as_of="2024-02-05")
    assert values(on_day) == [2300.0]


def test_pushed_deals_count_each_deal_once_per_period(workspace: Workspace) -> None:
    add(workspace, "opportunities", deal("p", "open", "2024-06-30"), deal("q", "open", None))
    add(
        workspace,
        "opportunity_history",
        change("p", "2024-01-05 00:00:00", stage="Demo", status="open", close_date="2024-02-29"),
        change("p", "2024-02-20 00:00:00", close_date="2024-03-31"),  # pushed in February
        change("p", "2024-02-27 00:00:00", close_date="2024-04-30"),  # again: still one
        change("p", "2024-03-02 00:00:00", close_date="2024-03-15"),  # pulled in: no push
        change("p", "2024-04-01 00:00:00", close_date="2024-06-30"),  # pushed in April
        change("q", "2024-01-10 00:00:00", stage="Demo", status="open", close_date="2024-01-31"),
    )
    assert values(workspace.kpi("pushed_deals", **MONTHS)) == [0.0, 1.0, 0.0, 1.0]


def test_stage_conversion_and_time_in_stage(workspace: Workspace) -> None:
    add(
        workspace,
        "opportunities",
        deal("x", "won", "2024-02-20", stage="Closed Won"),
        deal("y", "lost", "2024-02-10", stage="Closed Lost"),
        deal("z", "open", None, stage="Demo"),
    )
    add(
        workspace,
        "opportunity_history",
        # x: Discovery Jan 1 → Demo Jan 11 (10 days) → won Feb 20 (40 days in Demo)
        change("x", "2024-01-01 00:00:00", stage="Discovery", status="open"),
        change("x", "2024-01-11 00:00:00", stage="Demo", status="open"),
        change("x", "2024-02-20 00:00:00", stage="Closed Won", status="won"),
        # y: Discovery Jan 5 → lost Feb 10 (36 days in Discovery): entered, never moved on
        change("y", "2024-01-05 00:00:00", stage="Discovery", status="open"),
        change("y", "2024-02-10 00:00:00", stage="Closed Lost", status="lost"),
        # z: Discovery Jan 20 → Demo Jan 26 (6 days), still in Demo
        change("z", "2024-01-20 00:00:00", stage="Discovery", status="open"),
        change("z", "2024-01-26 00:00:00", stage="Demo", status="open"),
    )
    quarter = {
        "grain": "quarter",
        "start": "2024-01-01",
        "end": "2024-03-31",
        "as_of": "2024-06-30",
    }
    conv = workspace.kpi("stage_conversion", **quarter).set_index("stage")
    # Discovery: x, y, z entered; x and z moved on to Demo -> 2/3; Demo: x won, z not -> 1/2
    assert conv.loc["Discovery", ["numerator", "denominator"]].tolist() == [2.0, 3.0]
    assert conv.loc["Demo", ["numerator", "denominator"]].tolist() == [1.0, 2.0]
    days = workspace.kpi("time_in_stage_days", **quarter).set_index("stage")
    # Discovery exits: x 10, y 36, z 6 -> mean 52/3; Demo exits: x 40 (z is still there)
    assert days.loc["Discovery", "value"] == 52 / 3
    assert days.loc["Demo", ["numerator", "denominator"]].tolist() == [40.0, 1.0]


def test_history_kpis_say_what_to_load(workspace: Workspace) -> None:
    add(workspace, "opportunities", deal("a", "open", None))
    for kpi in ("stage_conversion", "time_in_stage_days", "pushed_deals"):
        df = workspace.kpi(kpi, **MONTHS)
        assert df["value"].isna().all(), kpi
        assert any("salesmetrics import opportunity_history" in w for w in df.attrs["warnings"])
