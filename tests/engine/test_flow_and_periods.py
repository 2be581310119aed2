"""Periods, grains, fiscal years and flow semantics on real workspaces."""

from __future__ import annotations

import datetime as dt

import pytest

from salesmetrics.engine.periods import bucket_of, bucket_unit, buckets, shifted, spine
from salesmetrics.workspace import Workspace
from tests.engine.data import add, deal, values

D = dt.date


def test_every_month_appears_with_zero_counts_and_null_ratios(workspace: Workspace) -> None:
    add(workspace, "opportunities", deal("a", "won", "2024-03-10"), deal("b", "lost", "2024-03-11"))
    won = workspace.kpi("won_deals", grain="month", start="2024-01-01", end="2024-06-30")
    assert list(won["period_start"]) == [D(2024, m, 1) for m in range(1, 7)]
    assert values(won) == [0.0, 0.0, 1.0, 0.0, 0.0, 0.0]
    assert values(won, "numerator") == [None] * 6
    rate = workspace.kpi("win_rate", grain="month", start="2024-01-01", end="2024-06-30")
    assert values(rate) == [None, None, 50.0, None, None, None]
    assert values(rate, "denominator") == [0.0, 0.0, 2.0, 0.0, 0.0, 0.0]


def test_empty_workspace_lists_every_period_as_not_computed(workspace: Workspace) -> None:
    frame = workspace.kpi("revenue", grain="quarter", start="2024-01-01", end="2024-12-31")
    assert list(frame.columns) == ["period_start", "value", "numerator", "denominator"]
    assert values(frame) == [None] * 4  # nothing loaded is not "revenue 0"
    assert (frame.attrs["kpi"], frame.attrs["unit"], frame.attrs["grain"]) == (
        "revenue",
        "money",
        "quarter",
    )
    assert frame.attrs["warnings"] == [
        "revenue is not computed: no opportunities are loaded; import them with "
        "`salesmetrics import opportunities FILE`."
    ]


def test_deals_closed_on_first_and_last_day_of_a_period(workspace: Workspace) -> None:
    add(
        workspace,
        "opportunities",
        deal("first", "won", "2024-04-01", 100),
        deal("last", "won", "2024-06-30", 200),
        deal("next", "won", "2024-07-01", 400),
        deal("before", "won", "2024-03-31", 800),
    )
    frame = workspace.kpi("revenue", grain="quarter", start="2024-01-01", end="2024-09-30")
    assert values(frame) == [800.0, 300.0, 400.0]


def test_events_outside_the_range_are_not_counted_in_a_partial_period(workspace: Workspace) -> None:
    add(workspace, "opportunities", deal("a", "won", "2024-01-02"), deal("b", "won", "2024-01-20"))
    frame = workspace.kpi("won_deals", grain="month", start="2024-01-10", end="2024-01-31")
    assert list(frame["period_start"]) == [D(2024, 1, 1)]
    assert values(frame) == [1.0]


def test_fiscal_year_starting_in_february(ws_path) -> None:
    with Workspace(ws_path) as ws:
        ws.set_setting("fiscal_year_start_month", 2)
        add(ws, "opportunities", deal("jan", "won", "2024-01-31"), deal("feb", "won", "2024-02-01"))
        quarters = ws.kpi("won_deals", grain="quarter", start="2024-01-01", end="2024-12-31")
        years = ws.kpi("won_deals", grain="year", start="2024-01-01", end="2024-12-31")
    assert list(quarters["period_start"]) == [
        D(2023, 11, 1),
        D(2024, 2, 1),
        D(2024, 5, 1),
        D(2024, 8, 1),
        D(2024, 11, 1),
    ]
    assert values(quarters) == [1.0, 1.0, 0.0, 0.0, 0.0]
    assert list(years["period_start"]) == [D(2023, 2, 1), D(2024, 2, 1)]
    assert values(years) == [1.0, 1.0]


def test_iso_weeks_start_on_monday(workspace: Workspace) -> None:
    add(
        workspace,
        "opportunities",
        deal("sun", "won", "2024-01-07"),
        deal("mon", "won", "2024-01-08"),
    )
    frame = workspace.kpi("won_deals", grain="week", start="2024-01-03", end="2024-01-14")
    assert list(frame["period_start"]) == [D(2024, 1, 1), D(2024, 1, 8)]
    assert values(frame) == [1.0, 1.0]


def test_grain_total_is_one_period_from_start_to_end(workspace: Workspace) -> None:
    add(workspace, "opportunities", deal("a", "won", "2024-02-03"), deal("b", "won", "2024-11-30"))
    frame = workspace.kpi("won_deals", grain="total", start="2024-02-03", end="2024-11-30")
    assert list(frame["period_start"]) == [D(2024, 2, 3)]
    assert values(frame) == [2.0]


def test_default_range_is_twelve_months_up_to_as_of(workspace: Workspace) -> None:
    frame = workspace.kpi("won_deals", as_of="2024-06-15")
    assert frame["period_start"].iloc[0] == D(2023, 7, 1)
    assert frame["period_start"].iloc[-1] == D(2024, 6, 1)
    assert len(frame) == 12


def test_growth_windows() -> None:
    months = spine("month", D(2024, 3, 1), D(2024, 3, 31))
    assert [(p.lo, p.hi) for p in shifted(months, "month", "prev")] == [
        (D(2024, 2, 1), D(2024, 2, 29))
    ]
    assert [(p.lo, p.hi) for p in shifted(months, "month", "yoy")] == [
        (D(2023, 3, 1), D(2023, 3, 31))
    ]
    total = spine("total", D(2024, 2, 29), D(2024, 3, 9))
    assert [(p.lo, p.hi) for p in shifted(total, "total", "prev")] == [
        (D(2024, 2, 19), D(2024, 2, 28))
    ]
    assert [(p.lo, p.hi) for p in shifted(total, "total", "yoy")] == [
        (D(2023, 2, 28), D(2023, 3, 9))
    ]


def test_revenue_growth_yoy_and_previous_period_before_start(workspace: Workspace) -> None:
    add(
        workspace,
        "opportunities",
        deal("a", "won", "2023-05-10", 500),
        deal("b", "won", "2024-04-10", 800),
        deal("c", "won", "2024-05-10", 1_000),
    )
    growth = workspace.kpi("revenue_growth", grain="month", start="2024-05-01", end="2024-05-31")
    yoy = workspace.kpi("revenue_growth_yoy", grain="month", start="2024-05-01", end="2024-05-31")
    assert values(growth) == [25.0]
    assert values(yoy) == [100.0]


@pytest.mark.parametrize("grain", ["day", "week", "month", "quarter", "year", "total"])
def test_a_year_of_days_adds_up_in_every_grain(workspace: Workspace, grain: str) -> None:
    add(
        workspace,
        "opportunities",
        *(deal(f"o{m}", "won", f"2024-{m:02d}-{m:02d}", 10.0 * m) for m in range(1, 13)),
    )
    frame = workspace.kpi("revenue", grain=grain, start="2024-01-01", end="2024-12-31")
    assert sum(values(frame)) == pytest.approx(780.0)


@pytest.mark.parametrize("grain", ["day", "week", "month", "quarter", "year", "total"])
@pytest.mark.parametrize("fy", [1, 2, 7])
def test_every_day_finds_exactly_its_period_through_the_buckets(grain: str, fy: int) -> None:
    """The equality join of flows: a day's unit start, then its period's clipped [lo, hi]."""
    start, end = dt.date(2023, 11, 17), dt.date(2025, 2, 9)  # ranges cut mid-month and mid-week
    periods = spine(grain, start, end, fy)
    unit = bucket_unit(grain)
    pairs = buckets(periods, unit)
    day = start
    while day <= end:
        hits = [p for b, p in pairs if b == bucket_of(day, unit) and p.lo <= day <= p.hi]
        assert hits == [p for p in periods if p.lo <= day <= p.hi], (grain, day)
        assert len(hits) == 1
        day += dt.timedelta(days=1)
