"""Every worked example of spec/kpis.md in the revenue, pipeline and lead sections, on every
engine of the test matrix."""

from __future__ import annotations

from salesmetrics.workspace import Workspace
from tests.engine.data import add, deal, lead, values

YEAR = {"grain": "total", "start": "2024-01-01", "end": "2024-12-31", "as_of": "2024-12-31"}


def test_acv_of_one_three_year_contract(engine_workspace: Workspace) -> None:
    workspace = engine_workspace
    add(workspace, "opportunities", deal("o1", "won", "2024-03-15", 80_000, contract_months=36))
    frame = workspace.kpi("acv", **YEAR)
    assert values(frame) == [26_666.67]
    assert values(frame, "denominator") == [1.0]


def test_lead_conversion_ten_of_a_hundred(engine_workspace: Workspace) -> None:
    workspace = engine_workspace
    add(workspace, "leads", *(lead(f"l{i}", "2024-02-10 09:00:00") for i in range(100)))
    add(
        workspace,
        "opportunities",
        *(deal(f"o{i}", "won", "2024-06-01", lead_id=f"l{i}") for i in range(10)),
        *(deal(f"x{i}", "open", "2024-12-01", lead_id=f"l{i}") for i in range(10, 30)),
    )
    frame = workspace.kpi("lead_conversion_rate", **YEAR)
    assert values(frame) == [10.0]
    assert (values(frame, "numerator"), values(frame, "denominator")) == ([10.0], [100.0])


def test_win_rate_587_closed_191_won(engine_workspace: Workspace) -> None:
    workspace = engine_workspace
    add(
        workspace,
        "opportunities",
        *(deal(f"w{i}", "won", "2024-05-05") for i in range(191)),
        *(deal(f"l{i}", "lost", "2024-07-07") for i in range(587 - 191)),
    )
    frame = workspace.kpi("win_rate", **YEAR)
    assert values(frame) == [32.54]
    assert (values(frame, "numerator"), values(frame, "denominator")) == ([191.0], [587.0])


def test_pipeline_velocity(engine_workspace: Workspace) -> None:
    workspace = engine_workspace
    # 100 deals open on 31 March; the deals won in March average 10,000 after 30 days; none lost.
    add(workspace, "opportunities", *(deal(f"o{i}", "open", "2024-09-01") for i in range(100)))
    add(
        workspace,
        "opportunities",
        deal("w1", "won", "2024-03-02", 8_000, created_at="2024-02-01 00:00:00"),
        deal("w2", "won", "2024-03-31", 12_000, created_at="2024-03-01 00:00:00"),
    )
    frame = workspace.kpi("pipeline_velocity", grain="month", start="2024-03-01", end="2024-03-31")
    assert values(frame) == [33_333.33]
    assert values(frame, "denominator") == [30.0]


def test_weighted_pipeline(engine_workspace: Workspace) -> None:
    workspace = engine_workspace
    add(
        workspace,
        "opportunities",
        deal("a", "open", "2024-12-01", 10_000, probability=50),
        deal("b", "open", "2024-12-01", 60_000, probability=70),
    )
    frame = workspace.kpi("weighted_pipeline", grain="month", start="2024-06-01", end="2024-06-30")
    assert values(frame) == [47_000.0]


def test_average_deal_size_is_revenue_over_deals(engine_workspace: Workspace) -> None:
    workspace = engine_workspace
    add(
        workspace,
        "opportunities",
        deal("a", "won", "2024-04-01", 5_000),
        deal("b", "won", "2024-04-02", 7_500),
        deal("c", "won", "2024-04-03", 10_000),
    )
    frame = workspace.kpi("average_deal_size", **YEAR)
    assert values(frame) == [7_500.0]


def test_revenue_growth_twenty_percent(engine_workspace: Workspace) -> None:
    workspace = engine_workspace
    add(
        workspace,
        "opportunities",
        deal("jan", "won", "2024-01-31", 1_000_000),
        deal("feb", "won", "2024-02-01", 1_200_000),
    )
    frame = workspace.kpi("revenue_growth", grain="month", start="2024-02-01", end="2024-02-29")
    assert values(frame) == [20.0]
    assert (values(frame, "numerator"), values(frame, "denominator")) == ([200_000.0], [1e6])
