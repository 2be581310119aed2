"""The pandas reference checked against values worked out by hand from the fixture CSVs.

Each expected number is derived in the comment next to it from rows of
tests/fixtures/kpi_small/*.csv (EUR rates: 1.08 from 2023-12-01, 1.09 from 2024-03-01,
1.07 from 2024-06-15, 1.11 from 2024-10-01, 1.04 from 2025-01-01; base currency USD).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import pytest

from tests.reference.fixture import load_tables, settings
from tests.reference.pandas_kpis import REFERENCE, periods

D = dt.date


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return load_tables()


def ref(
    tables: dict[str, pd.DataFrame],
    kpi: str,
    grain: str,
    start: str,
    end: str,
    by: list[str] | None = None,
    where: dict[str, Any] | None = None,
    as_of: str = "2025-03-31",
    fy: int = 1,
) -> pd.DataFrame:
    return REFERENCE[kpi](tables, grain, start, end, by or [], where or {}, as_of, settings(fy))


def values(df: pd.DataFrame, col: str = "value") -> list[float | None]:
    return [None if math.isnan(v) else round(v, 6) for v in df[col]]


def test_calendar_fiscal_quarters_weeks_and_total() -> None:
    # FY starting February: quarters Nov-Jan, Feb-Apr; the year holding 2024-01-15 began 2023-02-01.
    assert periods("quarter", D(2024, 1, 15), D(2024, 2, 10), 2) == [
        (D(2023, 11, 1), D(2024, 1, 31)),
        (D(2024, 2, 1), D(2024, 4, 30)),
    ]
    assert periods("year", D(2024, 1, 1), D(2024, 12, 31), 2) == [
        (D(2023, 2, 1), D(2024, 1, 31)),
        (D(2024, 2, 1), D(2025, 1, 31)),
    ]
    # 2024-03-20 is a Wednesday: its ISO week starts Monday 2024-03-18.
    assert periods("week", D(2024, 3, 20), D(2024, 3, 31), 1) == [
        (D(2024, 3, 18), D(2024, 3, 24)),
        (D(2024, 3, 25), D(2024, 3, 31)),
    ]
    assert periods("total", D(2024, 1, 3), D(2024, 2, 9), 1) == [(D(2024, 1, 3), D(2024, 2, 9))]


def test_revenue_converts_eur_skips_missing_rate_and_empty_amount(tables: Any) -> None:
    df = ref(tables, "revenue", "month", "2023-11-01", "2024-03-31")
    assert list(df["period_start"]) == [
        D(2023, 11, 1),
        D(2023, 12, 1),
        *[D(2024, m, 1) for m in (1, 2, 3)],
    ]
    # Nov 2023: o01 12000 (closed Nov 1); o02 8000 EUR on Nov 20 has no rate yet -> left out.
    # Dec: o04 20000.  Jan: o07 15000 EUR x 1.08 + o08 9000 + o59 5000 EUR x 1.08 = 30600.
    # Feb: o09 11000 + o58 9900 (Feb 29) = 20900.  Mar: o11 25000 ('usd' = base) + o12 (no amount).
    assert values(df) == [12000, 20000, 30600, 20900, 25000]
    assert df["numerator"].isna().all() and df["denominator"].isna().all()
    won = ref(tables, "won_deals", "month", "2023-11-01", "2023-11-30")
    assert values(won) == [2]  # o01 and o02: counts need no fx rate


def test_empty_month_and_zero_denominators(tables: Any) -> None:
    # August 2024 has no closes at all; October's only close is o26, lost with amount 0.
    rev = ref(tables, "revenue", "month", "2024-08-01", "2024-10-31")
    assert values(rev) == [0, 10000 + 5000 + 9000, 0]  # Sep: o23, o25, o51
    ads = ref(tables, "average_deal_size", "month", "2024-08-01", "2024-08-31")
    assert (
        values(ads) == [None]
        and values(ads, "numerator") == [0]
        and values(ads, "denominator") == [0]
    )
    wr = ref(tables, "win_rate", "month", "2024-10-01", "2024-10-31")
    assert values(wr) == [0] and values(wr, "denominator") == [1]
    wrv = ref(tables, "win_rate_by_value", "month", "2024-10-01", "2024-10-31")
    assert values(wrv) == [None] and values(wrv, "denominator") == [0]


def test_may_2024_excludes_the_gbp_deal_from_money_but_not_counts(tables: Any) -> None:
    # May 2024 closes: won o16 (14000 GBP, no rate), o17 7500; lost o18 3000, o50 5000.
    ads = ref(tables, "average_deal_size", "month", "2024-05-01", "2024-05-31")
    assert values(ads) == [7500] and values(ads, "denominator") == [1]
    assert values(ref(tables, "win_rate", "month", "2024-05-01", "2024-05-31")) == [50]
    # 7500 / (7500 + 3000 + 5000) = 48.387096...%
    wrv = ref(tables, "win_rate_by_value", "month", "2024-05-01", "2024-05-31")
    assert values(wrv) == [round(100 * 7500 / 15500, 6)]


def test_acv_annualises_and_defaults_contract_months(tables: Any) -> None:
    # Jan 2024: o07 16200/1, o08 9000/(24/12) = 4500, o59 5400/1 -> 26100/3 = 8700.
    # Sep 2024: o23 10000, o25 5000 (empty contract_months = 12), o51 9000 -> 8000.
    df = ref(tables, "acv", "month", "2024-01-01", "2024-01-31")
    assert values(df) == [8700] and values(df, "numerator") == [26100]
    assert values(ref(tables, "acv", "month", "2024-09-01", "2024-09-30")) == [8000]


def test_revenue_per_rep_by_team_and_total(tables: Any) -> None:
    df = ref(tables, "revenue_per_rep", "quarter", "2024-04-01", "2024-06-30", by=["team"])
    got = {r.team: (r.numerator, r.denominator) for r in df.itertuples()}
    # East: o14 18000 + o19 22000 (r2) + o49 7000 (r1); active r1, r2 (ends Jun 30), r3.
    assert got["East"] == (47000, 3)
    # Null team: r8 (team stored as "") won o53 6500; o61 (no owner) is not in any slice.
    assert got[None] == (6500, 1)
    total = ref(tables, "revenue_per_rep", "quarter", "2024-04-01", "2024-06-30")
    # Q2 revenue 28000 + 7500 + 28500 = 64000 incl. o61; active: all but r7 (hired Oct) = 7.
    assert values(total, "numerator") == [64000] and values(total, "denominator") == [7]


def test_revenue_growth_month_total_and_yoy(tables: Any) -> None:
    # Feb 2024 vs Jan 2024: (20900 - 30600) / 30600.
    g = ref(tables, "revenue_growth", "month", "2024-02-01", "2024-02-29")
    assert values(g) == [round(100 * (20900 - 30600) / 30600, 6)]
    # Total Jan-Mar 2024 (91 days) vs 2023-10-02..2023-12-31: 76500 vs 12000 + 20000.
    t = ref(tables, "revenue_growth", "total", "2024-01-01", "2024-03-31")
    assert values(t, "numerator") == [76500 - 32000] and values(t, "denominator") == [32000]
    # Feb 2025 (o36 21000 + o56 8000) vs the whole of Feb 2024 (20900, incl. o58 on Feb 29).
    y = ref(tables, "revenue_growth_yoy", "month", "2025-02-01", "2025-02-28")
    assert values(y, "numerator") == [29000 - 20900] and values(y, "denominator") == [20900]


def test_new_customers_and_empty_segment_slice(tables: Any) -> None:
    # First won deals in Jan 2024: a11 (o59, Jan 5), a04 (o08, Jan 10), a06 (o07, Jan 31).
    assert values(ref(tables, "new_customers", "month", "2024-01-01", "2024-01-31")) == [3]
    df = ref(tables, "new_customers", "total", "2024-01-01", "2024-12-31", by=["segment"])
    # a14's segment is "" -> null slice, listed last; customer since o32 on 2024-12-16.
    assert df["segment"].iloc[-1] is None and values(df)[-1] == 1


def test_close_rate_counts_wins_only_up_to_as_of(tables: Any) -> None:
    # Created Feb 2024: o12 (won Mar 15), o13 (lost), o41 (open), o49 (won Apr 20).
    early = ref(tables, "close_rate", "month", "2024-02-01", "2024-02-29", as_of="2024-03-31")
    late = ref(tables, "close_rate", "month", "2024-02-01", "2024-02-29", as_of="2025-03-31")
    assert values(early) == [25] and values(late) == [50]


def test_stock_pipeline_on_last_day(tables: Any) -> None:
    # Open on 2024-01-31: o06, o09, o10, o11 (created 23:30 that day), o24, o58;
    # not o07 (closed that day) -> 6 deals, 30000+11000+4000+25000+12000+9900.
    assert values(ref(tables, "open_opportunities", "month", "2024-01-01", "2024-01-31")) == [6]
    assert values(ref(tables, "pipeline_value", "month", "2024-01-01", "2024-01-31")) == [91900]
    # On 2025-03-31 weighted: o06 24000, o41 15000 EUR x 1.04 x 60 % (stage default) = 9360,
    # o42 2000, o43 (discovery: no probability) left out, o44 4500, o45 (no amount) 0,
    # o46 28000, o47 (GBP) left out, o48 6600, o52 8400, o57 8000 -> 90860.
    w = ref(tables, "weighted_pipeline", "month", "2025-03-01", "2025-03-31")
    assert values(w) == [90860]
    pv = ref(tables, "pipeline_value", "month", "2025-03-01", "2025-03-31")
    assert values(pv) == [30000 + 15600 + 8000 + 12000 + 9000 + 40000 + 11000 + 14000 + 10000]


def test_aged_boundary_and_stale_window(tables: Any) -> None:
    # o24 was created 2024-01-02: exactly 180 days before 2024-06-30 (not aged), aged on Jul 31.
    aged = ref(tables, "aged_opportunities", "month", "2024-06-01", "2024-07-31")
    assert values(aged) == [1, 2]  # o06 both months; o24 from July
    # Rep r6: on Aug 31 o25 and o51 are stale, o48 is not (activity ac19 on Aug 31);
    # on Sep 30 only o48 is open, and Aug 31 = D - 30 is outside (D - 30, D] -> stale.
    stale = ref(
        tables, "stale_opportunities", "month", "2024-08-01", "2024-09-30", where={"rep": "r6"}
    )
    assert values(stale) == [2, 1]


def test_sales_cycle_and_velocity(tables: Any) -> None:
    # Feb 2024 wins: o09 Jan 10 10:00 -> Feb 1 = 21.583333 d;
    # o58 Jan 20 10:00 -> Feb 29 = 39.583333 d.
    cyc = ref(tables, "sales_cycle_days", "month", "2024-02-01", "2024-02-29")
    assert values(cyc) == [round((21 + 14 / 24 + 39 + 14 / 24) / 2, 6)]
    # Jan 2024: 41.625, 12.583333, 40.583333 -> median 40.583333.
    med = ref(tables, "sales_cycle_days_median", "month", "2024-01-01", "2024-01-31")
    assert values(med) == [round(40 + 14 / 24, 6)] and values(med, "numerator") == [None]
    # Velocity Feb 2024: 7 open on Feb 29 x 10450 x 66.67 % / 30.583333 d.
    vel = ref(tables, "pipeline_velocity", "month", "2024-02-01", "2024-02-29")
    assert values(vel) == [round(7 * 10450 * (2 / 3) / (30 + 7 / 12), 6)]


def test_lead_cohorts_respect_as_of(tables: Any) -> None:
    kw: dict[str, Any] = {"grain": "month", "start": "2024-01-01", "end": "2024-03-31"}
    # Jan: L04, L05, L06, L41; L05 -> o49 won Apr 20.  Feb: L07-L10; L10 -> o51 won Sep 5.
    conv = ref(tables, "lead_conversion_rate", **kw, as_of="2024-04-30")
    assert values(conv)[:2] == [25, 0]
    assert values(ref(tables, "lead_conversion_rate", **kw))[:2] == [25, 25]
    # Feb: L08 -> o50 created Mar 20; L10 -> o51 created Jul 15.
    assert values(ref(tables, "lead_to_opportunity_rate", **kw, as_of="2024-04-30"))[1] == 25
    assert values(ref(tables, "lead_to_opportunity_rate", **kw))[1] == 50
    # Feb sql_at: L07 May 15, L08 Mar 1, L10 Jul 1.
    assert values(ref(tables, "lead_qualification_rate", **kw, as_of="2024-04-30"))[1] == 25
    # mql_at in March: L10, L11, L12; only L12's sql_at (Apr 10) is by Apr 30.
    m2s = ref(tables, "mql_to_sql_rate", **kw, as_of="2024-04-30")
    assert values(m2s)[2] == round(100 / 3, 6)


def test_lead_response_from_field_or_activity(tables: Any) -> None:
    kw: dict[str, Any] = {"grain": "month", "start": "2024-01-01", "end": "2024-03-31"}
    df = ref(tables, "lead_response_hours", **kw)
    # Jan: L04 4 h, L05 48 h via activity ac02, L06 none, L41 24 h.
    # Feb: L07 24, L08 12, L09 24 (ac05; ac04 is before the lead), L10 24.
    assert values(df, "numerator")[:2] == [76, 84] and values(df, "denominator")[:2] == [3, 4]
    # Mar with as_of Apr 30: L11 24, L42 1, L13 1.5; L12's only response (May 2) is too late.
    early = ref(tables, "lead_response_hours", **kw, as_of="2024-04-30")
    assert values(early)[2] == round(26.5 / 3, 6)
    med = ref(tables, "lead_response_hours_median", **kw)
    assert values(med)[:2] == [24, 24]


def test_null_source_slice_and_where(tables: Any) -> None:
    df = ref(tables, "leads_created", "quarter", "2024-01-01", "2024-12-31", by=["source"])
    nulls = df[df["source"].isna()]
    # Leads without source: L09 (Q1), L18 (Q2), L27 (Q4).
    assert values(nulls) == [1, 1, 0, 1]
    assert df["source"].iloc[-1] is None
    web = ref(tables, "leads_created", "total", "2024-01-01", "2024-03-31", where={"source": "web"})
    assert values(web) == [6]  # L04, L06, L08, L11, L42, L13


def test_weeks_and_fiscal_year(tables: Any) -> None:
    wk = ref(tables, "revenue", "week", "2024-03-20", "2024-04-20")
    assert wk["period_start"].iloc[0] == D(2024, 3, 18)
    # o11 Sun Mar 31, o14 Mon Apr 1, o49 Sat Apr 20; nothing won Mar 20-24 or Apr 8-14.
    assert values(wk) == [0, 25000, 18000, 0, 7000]
    q = ref(tables, "revenue", "quarter", "2023-11-01", "2024-04-30", fy=2)
    # Nov-Jan: 12000 + 20000 + 30600; Feb-Apr: 20900 + 25000 + 28000.
    assert list(q["period_start"]) == [D(2023, 11, 1), D(2024, 2, 1)]
    assert values(q) == [62600, 73900]
    y = ref(tables, "revenue", "year", "2024-01-01", "2024-12-31", fy=2)
    assert list(y["period_start"]) == [D(2023, 2, 1), D(2024, 2, 1)]
    assert values(y)[0] == 30600  # only January 2024 lies inside both FY2023 and the range
