"""Stock and cohort semantics, currency conversion and real-export quirks."""

from __future__ import annotations

from salesmetrics.workspace import Workspace
from tests.engine.data import add, deal, lead, values

MARCH = {"grain": "month", "start": "2024-03-01", "end": "2024-03-31"}


def test_open_on_the_last_day(workspace: Workspace) -> None:
    add(
        workspace,
        "opportunities",
        deal("open", "open", "2024-01-01", 10, created_at="2024-02-01 10:00:00"),
        deal("created_last_day", "open", None, 20, created_at="2024-03-31 23:00:00"),
        deal("won_last_day", "won", "2024-03-31", 40, created_at="2024-02-01 00:00:00"),
        deal("won_later", "won", "2024-04-01", 80, created_at="2024-02-01 00:00:00"),
        deal("future", "open", "2024-05-01", 160, created_at="2024-04-01 00:00:00"),
        deal("lost_no_date", "lost", None, 320, created_at="2024-02-01 00:00:00"),
    )
    assert values(workspace.kpi("open_opportunities", **MARCH)) == [3.0]
    assert values(workspace.kpi("pipeline_value", **MARCH)) == [110.0]


def test_stock_day_is_the_end_of_the_range(workspace: Workspace) -> None:
    add(
        workspace, "opportunities", deal("a", "won", "2024-03-20", created_at="2024-03-01 00:00:00")
    )
    mid = workspace.kpi("open_opportunities", grain="month", start="2024-03-01", end="2024-03-15")
    assert values(mid) == [1.0]


def test_weighted_pipeline_uses_stage_defaults_and_warns(ws_path) -> None:
    with Workspace(ws_path) as ws:
        ws.set_setting("stage_probabilities", {"Proposal": 40})
        add(
            ws,
            "opportunities",
            deal("a", "open", None, 1_000, stage="proposal"),
            deal("b", "open", None, 1_000, stage="proposal", probability=10),
            deal("c", "open", None, 1_000, stage="unknown"),
        )
        frame = ws.kpi("weighted_pipeline", **MARCH)
    assert values(frame) == [500.0]
    assert any("probability" in w for w in frame.attrs["warnings"])


def test_aged_and_stale_opportunities(workspace: Workspace) -> None:
    add(
        workspace,
        "opportunities",
        deal("old", "open", None, created_at="2023-09-01 00:00:00"),
        deal("touched", "open", None, created_at="2024-01-01 00:00:00"),
        deal("changed", "open", None, created_at="2024-01-01 00:00:00"),
        deal("young", "open", None, created_at="2024-03-20 00:00:00"),
    )
    add(
        workspace,
        "activities",
        {
            "activity_id": "a1",
            "rep_id": "r",
            "type": "call",
            "occurred_at": "2024-03-30 09:00:00",
            "opportunity_id": "touched",
        },
        {
            "activity_id": "a2",
            "rep_id": "r",
            "type": "call",
            "occurred_at": "2024-03-01 09:00:00",
            "opportunity_id": "old",
        },
    )
    add(
        workspace,
        "opportunity_history",
        {"opportunity_id": "changed", "changed_at": "2024-03-02 00:00:00", "stage": "proposal"},
    )
    assert values(workspace.kpi("aged_opportunities", **MARCH)) == [1.0]
    # old: last touch 1 March is exactly 30 days before 31 March -> outside (D-30, D]: stale.
    assert values(workspace.kpi("stale_opportunities", **MARCH)) == [1.0]


def test_cohort_as_of_before_the_conversions(workspace: Workspace) -> None:
    add(
        workspace,
        "leads",
        lead("l1", "2024-01-05 00:00:00", sql_at="2024-03-01 00:00:00"),
        lead("l2", "2024-01-06 00:00:00"),
    )
    add(
        workspace,
        "opportunities",
        deal("o1", "won", "2024-04-10", lead_id="l1", created_at="2024-02-01 00:00:00"),
    )
    jan = {"grain": "month", "start": "2024-01-01", "end": "2024-01-31"}
    early, late = {**jan, "as_of": "2024-01-31"}, {**jan, "as_of": "2024-06-30"}
    assert values(workspace.kpi("lead_conversion_rate", **early)) == [0.0]
    assert values(workspace.kpi("lead_conversion_rate", **late)) == [50.0]
    assert values(workspace.kpi("lead_to_opportunity_rate", **{**jan, "as_of": "2024-02-01"})) == [
        50.0
    ]
    assert values(workspace.kpi("lead_qualification_rate", **early)) == [0.0]
    assert values(workspace.kpi("lead_qualification_rate", **late)) == [50.0]
    assert (
        values(workspace.kpi("close_rate", **{**MARCH, "start": "2024-02-01"}, as_of="2024-12-31"))[
            0
        ]
        == 100.0
    )


def test_mqls_sqls_and_mql_to_sql(workspace: Workspace) -> None:
    add(
        workspace,
        "leads",
        lead(
            "a", "2024-01-01 00:00:00", mql_at="2024-03-02 00:00:00", sql_at="2024-04-02 00:00:00"
        ),
        lead("b", "2024-01-01 00:00:00", mql_at="2024-03-05 00:00:00"),
        lead("c", "2024-03-09 00:00:00", sql_at="2024-03-10 00:00:00"),
    )
    assert values(workspace.kpi("leads_created", **MARCH)) == [1.0]
    assert values(workspace.kpi("mqls", **MARCH)) == [2.0]
    assert values(workspace.kpi("sqls", **MARCH)) == [1.0]
    rate = workspace.kpi("mql_to_sql_rate", **MARCH, as_of="2024-12-31")
    assert values(rate) == [50.0]


def test_lead_response_hours_field_else_first_activity(workspace: Workspace) -> None:
    add(
        workspace,
        "leads",
        lead("a", "2024-03-01 08:00:00", first_response_at="2024-03-01 10:00:00"),
        lead("b", "2024-03-02 08:00:00"),
        lead("c", "2024-03-03 08:00:00"),
    )
    add(
        workspace,
        "activities",
        {
            "activity_id": "x",
            "rep_id": "r",
            "type": "email",
            "occurred_at": "2024-03-02 07:00:00",
            "lead_id": "b",
        },
        {
            "activity_id": "y",
            "rep_id": "r",
            "type": "call",
            "occurred_at": "2024-03-02 14:00:00",
            "lead_id": "b",
        },
    )
    mean = workspace.kpi("lead_response_hours", **MARCH, as_of="2024-12-31")
    median = workspace.kpi("lead_response_hours_median", **MARCH, as_of="2024-12-31")
    assert values(mean) == [4.0] and values(mean, "denominator") == [2.0]
    assert values(median) == [4.0]


def test_sales_cycle_mean_and_median(workspace: Workspace) -> None:
    add(
        workspace,
        "opportunities",
        deal("a", "won", "2024-03-11", created_at="2024-03-01 12:00:00"),
        deal("b", "won", "2024-03-21", created_at="2024-03-01 00:00:00"),
        deal("c", "won", "2024-03-31", created_at="2024-02-01 00:00:00"),
        deal("d", "lost", "2024-03-31", created_at="2023-01-01 00:00:00"),
    )
    assert values(workspace.kpi("sales_cycle_days", **MARCH)) == [round((9.5 + 20 + 59) / 3, 2)]
    assert values(workspace.kpi("sales_cycle_days_median", **MARCH)) == [20.0]


def test_currency_converted_at_close_date_and_missing_rates_left_out(workspace: Workspace) -> None:
    add(
        workspace,
        "fx_rates",
        {"currency": "EUR", "date": "2024-01-01", "rate": 1.1},
        {"currency": "EUR", "date": "2024-03-15", "rate": 1.2},
    )
    add(
        workspace,
        "opportunities",
        deal("before", "won", "2024-03-14", 100, currency="EUR"),
        deal("on", "won", "2024-03-15", 100, currency="eur"),
        deal("usd", "won", "2024-03-20", 100, currency="USD"),
        deal("nok", "won", "2024-03-21", 100, currency="NOK"),
    )
    revenue = workspace.kpi("revenue", **MARCH)
    assert values(revenue) == [330.0]
    assert len(revenue.attrs["warnings"]) == 1 and "NOK" in revenue.attrs["warnings"][0]
    assert values(workspace.kpi("won_deals", **MARCH)) == [4.0]
    assert values(workspace.kpi("average_deal_size", **MARCH)) == [110.0]


def test_new_customers_first_won_deal_else_subscription(workspace: Workspace) -> None:
    add(
        workspace,
        "accounts",
        {"account_id": "a", "industry": "software"},
        {"account_id": "b", "industry": ""},
    )
    add(
        workspace,
        "opportunities",
        deal("o1", "won", "2024-03-05", account_id="a"),
        deal("o2", "won", "2024-01-05", account_id="b"),
        deal("o3", "won", "2024-03-09", account_id="b"),
    )
    by = workspace.kpi("new_customers", **MARCH, by=["industry"])
    assert list(by["industry"]) == ["software"] and values(by) == [1.0]
    add(
        workspace,
        "subscriptions",
        {"subscription_id": "s", "account_id": "b", "start_date": "2024-03-20", "mrr": 10},
    )
    assert values(workspace.kpi("new_customers", **MARCH)) == [1.0]


def test_revenue_per_rep_counts_active_reps(workspace: Workspace) -> None:
    add(
        workspace,
        "reps",
        {"rep_id": "r1", "team": "East", "hire_date": "2023-01-01"},
        {"rep_id": "r2", "team": "East", "hire_date": "2024-04-01"},
        {"rep_id": "r3", "team": "West", "hire_date": "2023-01-01", "end_date": "2024-02-28"},
    )
    add(
        workspace,
        "opportunities",
        deal("a", "won", "2024-03-03", 900, owner_rep_id="r1"),
        deal("b", "won", "2024-03-04", 100, owner_rep_id="ghost"),
    )
    total = workspace.kpi("revenue_per_rep", **MARCH)
    assert (values(total), values(total, "denominator")) == ([1000.0], [1.0])
    teams = workspace.kpi("revenue_per_rep", **MARCH, by=["team"])
    assert list(teams["team"]) == ["East"] and values(teams) == [900.0]


def test_real_export_quirks_keep_numbers_right(workspace: Workspace) -> None:
    add(workspace, "accounts", {"account_id": "acc", "industry": "retail"})
    add(
        workspace,
        "opportunities",
        deal("won", "won", "2024-03-03", 300, account_id="acc", source="web"),
        deal("lost0", "lost", "2024-03-04", 0, account_id="acc", source=""),
        deal("open_no_account", "open", None, 50),
    )
    by_value = workspace.kpi("win_rate_by_value", **MARCH)
    assert values(by_value) == [100.0] and values(by_value, "denominator") == [300.0]
    assert values(workspace.kpi("win_rate", **MARCH)) == [50.0]
    stock = workspace.kpi("pipeline_value", **MARCH, by=["industry"])
    assert list(stock["industry"]) == [None] and values(stock) == [50.0]
    by_source = workspace.kpi("lost_deals", **MARCH, by=["source"])
    assert list(by_source["source"]) == [None] and values(by_source) == [1.0]


def test_opportunities_and_pipeline_created_convert_at_creation(workspace: Workspace) -> None:
    add(
        workspace,
        "fx_rates",
        {"currency": "EUR", "date": "2024-03-01", "rate": 2.0},
        {"currency": "EUR", "date": "2024-03-10", "rate": 3.0},
    )
    add(
        workspace,
        "opportunities",
        deal("a", "won", "2024-03-20", 10, currency="EUR", created_at="2024-03-09 23:00:00"),
        deal("b", "open", None, None, created_at="2024-03-31 10:00:00"),
        deal("c", "open", None, 5, created_at="2024-02-29 10:00:00"),
    )
    assert values(workspace.kpi("opportunities_created", **MARCH)) == [2.0]
    assert values(workspace.kpi("pipeline_created", **MARCH)) == [20.0]
