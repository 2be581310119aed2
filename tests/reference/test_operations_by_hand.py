"""The operations pandas reference (activity, team, finance, marketing KPIs) checked against
values worked out by hand from tests/fixtures/ops_small/*.csv (see its README).

EUR rates: 1.10 from 2023-12-01, 1.08 from 2024-03-01, 1.12 from 2024-07-01, 1.05 from
2025-01-01; no GBP rate; base currency USD. Weekdays (Mon-Fri): January 2024 23, February 21,
March 21 (Mar 1 is a Friday), June 20 (Jun 1 is a Saturday), July 23.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import pytest

from tests.reference.pandas_operations import (
    DIMENSIONS,
    REFERENCE,
    fx_left_out,
    load_tables,
    settings,
    weekdays,
)

D = dt.date

KPIS = [
    "cpa",
    "roas",
    "ctr",
    "website_conversion_rate",
    "bounce_rate",
    "sales_marketing_spend",
    "activities",
    "activities_per_rep_day",
    "email_open_rate",
    "email_reply_rate",
    "avg_call_minutes",
    "overdue_tasks",
    "meetings_per_opportunity",
    "touches_per_won_deal",
    "touches_per_lost_deal",
    "proposals_per_opportunity",
    "revenue_per_activity",
    "accounts_contacted",
    "accounts_responded",
    "demo_time_share",
    "active_reps",
    "quota_attainment",
    "reps_at_quota",
    "ramp_days",
    "accounts_receivable",
    "dso",
    "cei",
]


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


def month(tables: Any, kpi: str, ym: str, **kw: Any) -> pd.DataFrame:
    first = D.fromisoformat(ym + "-01")
    last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
    return ref(tables, kpi, "month", first.isoformat(), last.isoformat(), **kw)


def by_slice(df: pd.DataFrame, dim: str, col: str = "value") -> dict[Any, float | None]:
    return dict(zip(df[dim], values(df, col), strict=True))


def r6(x: float) -> float:
    return round(x, 6)


# -- helpers and the catalogue -----------------------------------------------------------------
def test_catalogue_and_dimensions() -> None:
    assert set(REFERENCE) == set(KPIS) == set(DIMENSIONS) and len(KPIS) == 27
    assert DIMENSIONS["sales_marketing_spend"] == ("channel",)
    assert "activity_type" in DIMENSIONS["activities_per_rep_day"]
    assert "industry" not in DIMENSIONS["activities_per_rep_day"]
    assert "activity_type" not in DIMENSIONS["demo_time_share"]
    assert "source" in DIMENSIONS["touches_per_won_deal"]
    assert set(DIMENSIONS["revenue_per_activity"]) == {"rep", "team", "manager", "region"}
    assert "account_region" in DIMENSIONS["dso"] and "rep" in DIMENSIONS["cei"]


def test_unsupported_dimension_is_an_error(tables: Any) -> None:
    with pytest.raises(ValueError, match="supports"):
        ref(tables, "cpa", "month", "2024-01-01", "2024-01-31", by=["team"])
    with pytest.raises(ValueError, match="supports"):
        ref(tables, "ramp_days", "month", "2024-01-01", "2024-01-31", where={"industry": "x"})


def test_weekdays() -> None:
    assert weekdays(D(2024, 1, 1), D(2024, 1, 31)) == 23
    assert weekdays(D(2024, 2, 1), D(2024, 2, 29)) == 21
    assert weekdays(D(2024, 3, 1), D(2024, 3, 31)) == 21
    assert weekdays(D(2024, 6, 1), D(2024, 6, 30)) == 20
    assert weekdays(D(2024, 3, 2), D(2024, 3, 3)) == 0  # a weekend


# -- marketing and spend -----------------------------------------------------------------------
def test_sales_marketing_spend(tables: Any) -> None:
    df = ref(tables, "sales_marketing_spend", "month", "2024-01-01", "2024-07-31")
    # Jan 2000 + 1000 + 500 (sales, Jan 31); Feb 1500 + 800 + 300 (Feb 29); Mar 1200 (Mar 1)
    # + 600 + 400 (Mar 31); Apr 1000 + 700; May none -> 0; Jun 900 + 250; Jul 0.
    assert values(df) == [3500, 2600, 2200, 1700, 0, 1150, 0]
    assert df["numerator"].isna().all() and df["denominator"].isna().all()
    feb = month(tables, "sales_marketing_spend", "2024-02", by=["channel"])
    # channel "" (800) and NULL (300) are both the null slice, listed last.
    assert list(feb["channel"]) == ["linkedin", None] and values(feb) == [1500, 1100]
    jan = month(tables, "sales_marketing_spend", "2024-01", by=["channel"])
    assert by_slice(jan, "channel") == {"events": 500, "google_ads": 1000, "linkedin": 2000}
    # clipped: 2024-03-10 .. 2024-06-30 leaves out Mar 1 (1200)
    tot = ref(tables, "sales_marketing_spend", "total", "2024-03-10", "2024-06-30")
    assert values(tot) == [600 + 400 + 1000 + 700 + 900 + 250]
    nul = month(tables, "sales_marketing_spend", "2024-02", where={"channel": None})
    assert values(nul) == [1100]


def test_cpa(tables: Any) -> None:
    df = ref(tables, "cpa", "month", "2024-01-01", "2024-06-30")
    # marketing spend / conversions (nulls = 0):
    # Jan 3000 / (10 + 20 + 5 + 25) = 50; Feb 2300 / (null + 10 + 20) = 76.67;
    # Mar 1800 / (8 + 4 + 15) = 66.67; Apr 1700 / 13; May nothing at all: 0 / 0 -> null;
    # Jun 900 / 0 (no web_stats in June) -> null.
    assert values(df) == [50, r6(2300 / 30), r6(1800 / 27), r6(1700 / 13), None, None]
    assert values(df, "numerator") == [3000, 2300, 1800, 1700, 0, 900]
    assert values(df, "denominator") == [60, 30, 27, 13, 0, 0]
    mar = month(tables, "cpa", "2024-03", by=["channel"])
    # events: spend 600, no web_stats -> null; linkedin: web_stats but no March spend -> 0;
    # organic never has spend -> 0; the sales row of events (Mar 31) is not marketing.
    assert list(mar["channel"]) == ["events", "google_ads", "linkedin", "organic"]
    assert values(mar) == [None, 150, 0, 0]
    assert values(mar, "numerator") == [600, 1200, 0, 0]
    feb = month(tables, "cpa", "2024-02", by=["channel"])
    # null slice: the "" channel marketing row (800); the NULL channel row is sales.
    assert by_slice(feb, "channel") == {"google_ads": 0, "linkedin": None, "organic": 0, None: None}
    assert by_slice(feb, "channel", "numerator")[None] == 800
    q = ref(tables, "cpa", "quarter", "2024-01-01", "2024-03-31")
    assert values(q) == [r6(7100 / 117)]


def test_roas_ctr_conversion_bounce(tables: Any) -> None:
    # March: attributed 1600 + 1800 (+ organic null) over marketing spend 1800.
    roas = ref(tables, "roas", "month", "2024-03-01", "2024-06-30")
    # Jun: no web_stats, spend 900 -> 0 / 900 = 0 %; May: 0 / 0 -> null.
    assert values(roas) == [r6(340000 / 1800), r6(350000 / 1700), None, 0]
    ctr = month(tables, "ctr", "2024-03")
    # clicks 240 + 100 / impressions 12000 + 5000 (organic's nulls add nothing)
    assert values(ctr) == [2] and values(ctr, "denominator") == [17000]
    ctr_ch = month(tables, "ctr", "2024-03", by=["channel"])
    # ctr's rows are web_stats only: no events slice; organic 0 / 0 -> null.
    assert list(ctr_ch["channel"]) == ["google_ads", "linkedin", "organic"]
    assert values(ctr_ch) == [2, 2, None]
    wcr = month(tables, "website_conversion_rate", "2024-03")
    assert values(wcr) == [r6(2700 / 730)]  # 27 conversions / 200 + 80 + 450 visitors
    bounce = month(tables, "bounce_rate", "2024-03", by=["channel"])
    # linkedin's bounces are null -> 0 / 80; google_ads 80 / 200; organic 180 / 450.
    assert by_slice(bounce, "channel") == {"google_ads": 40, "linkedin": 0, "organic": 40}
    total = month(tables, "bounce_rate", "2024-03")
    assert values(total, "numerator") == [260] and values(total) == [r6(26000 / 730)]
    jan = month(tables, "ctr", "2024-01")
    assert values(jan) == [r6(75000 / 38000)]  # 200 + 400 + 150 over 10000 + 20000 + 8000
    may = month(tables, "website_conversion_rate", "2024-05")  # no web_stats: 0 / 0
    assert values(may) == [None] and values(may, "denominator") == [0]


def test_marketing_without_web_stats_or_marketing_spend(tables: Any) -> None:
    no_web = {k: v for k, v in tables.items() if k != "web_stats"}
    for kpi in ("cpa", "roas", "ctr", "website_conversion_rate", "bounce_rate"):
        df = ref(no_web, kpi, "month", "2024-01-01", "2024-03-31")
        assert values(df) == [None] * 3
        assert df["numerator"].isna().all() and df["denominator"].isna().all()
    empty_web = {**tables, "web_stats": tables["web_stats"].iloc[0:0]}
    assert values(ref(empty_web, "cpa", "month", "2024-01-01", "2024-01-31")) == [None]
    # spend is still there
    assert values(ref(no_web, "sales_marketing_spend", "month", "2024-01-01", "2024-01-31")) == [
        3500
    ]
    sp = tables["spend"]
    sales_only = {**tables, "spend": sp[sp["category"] == "sales"]}
    assert values(ref(sales_only, "cpa", "month", "2024-01-01", "2024-01-31")) == [None]
    assert values(ref(sales_only, "roas", "month", "2024-01-01", "2024-01-31")) == [None]
    assert values(ref(sales_only, "ctr", "month", "2024-01-01", "2024-01-31")) == [
        r6(75000 / 38000)
    ]
    no_spend = {k: v for k, v in tables.items() if k != "spend"}
    assert values(ref(no_spend, "sales_marketing_spend", "month", "2024-01-01", "2024-01-31")) == [
        None
    ]


# -- activities --------------------------------------------------------------------------------
def test_activities_counts(tables: Any) -> None:
    df = ref(tables, "activities", "month", "2024-01-01", "2024-09-30")
    # Jan ac01-ac04, Feb ac05-ac09, Mar ac10-ac31, Apr ac32-ac35, May ac36-37, Jun ac38
    # (23:30 on Jun 30), Jul ac39, Aug none, Sep ac40.
    assert values(df) == [4, 5, 22, 4, 2, 1, 1, 0, 1]
    types = month(tables, "activities", "2024-03", by=["activity_type"])
    assert by_slice(types, "activity_type") == {
        "call": 6,  # ac12 ac20 ac21 ac23 ac24 ac25
        "demo": 2,  # ac19 ac30
        "email": 6,  # ac11 ac14 ac15 ac16 ac18 ac22
        "meeting": 1,  # ac31
        "other": 1,  # ac28
        "proposal": 1,  # ac10
        "social": 1,  # ac27
        "task": 4,  # ac13 ac17 ac26 ac29
    }
    team = month(tables, "activities", "2024-03", by=["team"])
    # East r1 6 + r2 3 + m1 1; West r3 2 + r4 5; null: r5 (team "") 4 + r9 (not in reps) 1.
    assert by_slice(team, "team") == {"East": 10, "West": 7, None: 5}
    ind = month(tables, "activities", "2024-03", by=["industry"])
    # null industry: ac27 (no account)
    assert by_slice(ind, "industry")[None] == 1
    assert values(month(tables, "activities", "2024-03", where={"rep": "r9"})) == [1]


def test_activities_per_rep_day(tables: Any) -> None:
    df = ref(tables, "activities_per_rep_day", "month", "2024-01-01", "2024-03-31")
    # active reps: Jan r1 r4 r5 (r2 hired Feb 15, r3's first record Feb 26, m1 is a manager)
    # = 3; Feb and Mar r1 r2 r3 r4 r5 = 5.  Jan 4 / (3 x 23); Feb 5 / (5 x 21); Mar 22 / 105.
    assert values(df, "denominator") == [69, 105, 105]
    assert values(df) == [r6(4 / 69), r6(5 / 105), r6(22 / 105)]
    team = month(tables, "activities_per_rep_day", "2024-03", by=["team"])
    # East 10 (m1's call counts) / (r1, r2) x 21; West 7 / 42; null: r5 + r9's call / r5 x 21.
    assert by_slice(team, "team", "numerator") == {"East": 10, "West": 7, None: 5}
    assert by_slice(team, "team", "denominator") == {"East": 42, "West": 42, None: 21}
    types = month(tables, "activities_per_rep_day", "2024-03", by=["activity_type"])
    assert set(values(types, "denominator")) == {105}  # every type the same denominator
    assert by_slice(types, "activity_type")["call"] == r6(6 / 105)
    calls = month(tables, "activities_per_rep_day", "2024-03", where={"activity_type": "call"})
    assert values(calls) == [r6(6 / 105)]
    rep = month(tables, "activities_per_rep_day", "2024-03", by=["rep"])
    got = by_slice(rep, "rep")
    # the manager and the unknown rep have activities but no active rep: null (1 / 0)
    assert got["m1"] is None and got["r9"] is None and got["r4"] == r6(5 / 21)
    assert by_slice(rep, "rep", "denominator")["m1"] == 0
    # July: r6 (hired Jul 1) has the only activity; r1 is active without activities -> 0;
    # r4 left on Jun 14 and is not listed.
    jul = month(tables, "activities_per_rep_day", "2024-07", by=["rep"])
    assert list(jul["rep"]) == ["r1", "r2", "r3", "r5", "r6"]
    assert values(jul) == [0, 0, 0, 0, r6(1 / 23)]
    jun = month(tables, "activities_per_rep_day", "2024-06")
    assert values(jun) == [r6(1 / 100)]  # 1 / (5 x 20): r4 is active until Jun 14


def test_activities_per_rep_day_clipped_weeks(tables: Any) -> None:
    df = ref(tables, "activities_per_rep_day", "week", "2024-03-01", "2024-03-10")
    # week Feb 26 - Mar 3 clipped to Mar 1-3: one weekday, ac10 -> 1 / (5 x 1);
    # Mar 4-10: ac11-ac16 and ac17 (a Sunday task) -> 7 / (5 x 5).
    assert list(df["period_start"]) == [D(2024, 2, 26), D(2024, 3, 4)]
    assert values(df) == [0.2, 0.28]
    tot = ref(tables, "activities_per_rep_day", "total", "2024-03-04", "2024-03-08")
    assert values(tot) == [0.24]


def test_email_rates(tables: Any) -> None:
    # March emails: ac11 out opened, ac14 out (opened null) replied, ac15 (empty direction,
    # sent) not opened, ac16 inbound, ac18 inbound opened+replied, ac22 out opened+replied.
    # sent = ac11 ac14 ac15 ac22; opened 2 -> 50 %; replied 2 / (opened or replied: ac11 ac14
    # ac22) 3.
    op = month(tables, "email_open_rate", "2024-03")
    assert values(op) == [50] and values(op, "denominator") == [4]
    rp = month(tables, "email_reply_rate", "2024-03")
    assert values(rp, "numerator") == [2] and values(rp, "denominator") == [3]
    assert values(rp) == [r6(200 / 3)]
    rep = month(tables, "email_open_rate", "2024-03", by=["rep"])
    # r2 and r5 sent nothing (inbound only): not listed.
    assert by_slice(rep, "rep") == {"r1": r6(100 / 3), "r4": 100}
    assert by_slice(month(tables, "email_reply_rate", "2024-03", by=["rep"]), "rep") == {
        "r1": 50,
        "r4": 100,
    }
    df = ref(tables, "email_open_rate", "month", "2024-01-01", "2024-05-31")
    # Jan ac01 not opened 0/1; Feb, Apr no email -> null; May ac36 (opened null = false) 0/1.
    assert values(df) == [0, None, 50, None, 0]
    rp = ref(tables, "email_reply_rate", "month", "2024-01-01", "2024-01-31")
    assert values(rp) == [None] and values(rp, "denominator") == [0]
    sep = month(tables, "email_reply_rate", "2024-09")  # ac40 opened, reply null -> 0 / 1
    assert values(sep) == [0] and values(month(tables, "email_open_rate", "2024-09")) == [100]


def test_email_rates_without_open_tracking(tables: Any) -> None:
    acts = tables["activities"].copy()
    acts["opened"] = pd.Series([None] * len(acts), index=acts.index, dtype=object)
    off = {**tables, "activities": acts}
    assert values(month(off, "email_open_rate", "2024-03")) == [None]
    rp = month(off, "email_reply_rate", "2024-03")
    assert values(rp) == [None] and rp["numerator"].isna().all()


def test_avg_call_minutes(tables: Any) -> None:
    # March calls: ac12 10, ac20 (no duration, left out), ac21 15 (manager), ac23 20, ac24 12,
    # ac25 25 -> 82 / 5.
    df = ref(tables, "avg_call_minutes", "month", "2024-01-01", "2024-03-31")
    assert values(df, "numerator") == [30, 0, 82] and values(df, "denominator") == [1, 0, 5]
    assert values(df) == [30, None, 16.4]  # Feb's only call (ac09) has no duration
    rep = month(tables, "avg_call_minutes", "2024-03", by=["rep"])
    # r1's only call has no duration: listed, null
    assert by_slice(rep, "rep") == {"m1": 15, "r1": None, "r2": 25, "r3": 10, "r4": 20, "r9": 12}


def test_overdue_tasks(tables: Any) -> None:
    df = ref(tables, "overdue_tasks", "month", "2024-02-01", "2024-08-31")
    # Feb 29: ac08 due Mar 10 -> not yet.  Mar 31: ac08 (done Apr 5), ac13 (done Jun 12); ac26
    # is due on Mar 31 itself (not overdue), ac29 done on time, ac17 has no due date.
    # Apr 30: ac13, ac34 (never done), ac33 (created Apr 3, already past due Mar 29).
    # May 31: ac13, ac34 (ac33 done May 10).  Jun 30 on: ac34 only.
    assert values(df) == [0, 2, 3, 2, 1, 1, 1]
    assert df["numerator"].isna().all()
    day = ref(tables, "overdue_tasks", "day", "2024-04-01", "2024-04-01")
    # Apr 1: ac08, ac13, ac26 (due Mar 31, done Apr 2); ac33 is created only on Apr 3.
    assert values(day) == [3]
    # Apr 15: ac13, ac33; ac32 is due that day (and done), ac34 due Apr 20.
    assert values(ref(tables, "overdue_tasks", "day", "2024-04-15", "2024-04-15")) == [2]
    # --to cuts April short: its stock day is Apr 1
    cut = ref(tables, "overdue_tasks", "month", "2024-03-01", "2024-04-01")
    assert values(cut) == [2, 3]
    rep = ref(tables, "overdue_tasks", "month", "2024-03-01", "2024-04-30", by=["rep"])
    got = {(r.rep, r.period_start): r.value for r in rep.itertuples()}
    # r4 has open tasks on those days but none overdue: listed with 0 (like aged_opportunities)
    assert sorted({r for r, _ in got}) == ["r1", "r2", "r3", "r4", "r5"]
    assert got[("r4", D(2024, 3, 1))] == 0
    assert got[("r2", D(2024, 3, 1))] == 1 and got[("r2", D(2024, 4, 1))] == 0
    assert got[("r1", D(2024, 4, 1))] == 1 and got[("r3", D(2024, 3, 1))] == 0


def test_per_deal_activity_kpis(tables: Any) -> None:
    # Q1 2024 closes: o01 won (ac02 meeting), o18 won (no activity, no owner), o02 won (ac03
    # call, ac05 meeting, ac10 proposal, ac22 email on the close day; ac23 after it), o04 won
    # (ac07 meeting, ac19 demo, ac31 meeting at 17:00 on the close day), o03 lost (ac01 email,
    # ac04 demo, ac06 proposal).
    q1 = ("quarter", "2024-01-01", "2024-03-31")
    m = ref(tables, "meetings_per_opportunity", *q1)
    assert values(m, "numerator") == [4] and values(m, "denominator") == [5]
    assert values(m) == [0.8]
    won = ref(tables, "touches_per_won_deal", *q1)
    assert values(won, "numerator") == [1 + 0 + 4 + 3] and values(won) == [2]
    lost = ref(tables, "touches_per_lost_deal", *q1)
    assert values(lost) == [3] and values(lost, "denominator") == [1]
    prop = ref(tables, "proposals_per_opportunity", *q1)
    assert values(prop) == [0.4]  # ac10 (o02), ac06 (o03)
    # Q2: o06 won (ac12 in March), o08 lost (ac25; ac36 after the loss), o05 won GBP (none:
    # counts need no rate), o07 won (ac35 demo, ac37 proposal), o10 lost (none), o09 won
    # (ac38 meeting at 23:30 on the close day).
    q2 = ("quarter", "2024-04-01", "2024-06-30")
    assert values(ref(tables, "meetings_per_opportunity", *q2)) == [r6(1 / 6)]
    assert values(ref(tables, "proposals_per_opportunity", *q2)) == [r6(1 / 6)]
    assert values(ref(tables, "touches_per_won_deal", *q2)) == [1]  # 4 / 4
    assert values(ref(tables, "touches_per_lost_deal", *q2)) == [0.5]  # 1 / 2
    # Q3: only o11 (won, no activities) -> 0 / 1; no lost deal -> 0 / 0 null.
    q3 = ("quarter", "2024-07-01", "2024-09-30")
    assert values(ref(tables, "touches_per_won_deal", *q3)) == [0]
    nul = ref(tables, "touches_per_lost_deal", *q3)
    assert values(nul) == [None] and values(nul, "denominator") == [0]
    # Q1 2025: o15 (ac42 is the day after its close) and o16 (ac41, ac43 at 16:00 on Feb 28)
    q5 = ("quarter", "2025-01-01", "2025-03-31")
    assert values(ref(tables, "touches_per_won_deal", *q5)) == [1]
    assert values(ref(tables, "meetings_per_opportunity", *q5)) == [0]
    src = ref(tables, "meetings_per_opportunity", *q1, by=["source"])
    assert by_slice(src, "source") == {"event": 1, "referral": 2, "web": r6(1 / 3)}
    team = ref(tables, "touches_per_won_deal", *q1, by=["team"])
    # East o01 (1); West o02 (4); null: o04 (r5, team "") 3 + o18 (no owner) 0 over 2.
    assert by_slice(team, "team") == {"East": 1, "West": 4, None: 1.5}


def test_revenue_per_activity(tables: Any) -> None:
    df = ref(tables, "revenue_per_activity", "month", "2024-01-01", "2024-08-31")
    # Jan o01 12000 / 4; Feb o18 2000 / 5; Mar o02 10000 EUR x 1.08 + o04 9000 = 19800 / 22;
    # Apr o06 15000 / 4; May o07 6000 (o05 GBP left out) / 2; Jun o09 20000 x 1.08 / 1;
    # Jul 0 / 1; Aug o11 8000 x 1.12 / no activity -> null.
    assert values(df) == [3000, 400, 900, 3750, 3000, 21600, 0, None]
    assert values(df, "numerator")[-1] == 8960 and values(df, "denominator")[-1] == 0
    rep = month(tables, "revenue_per_activity", "2024-03", by=["rep"])
    assert list(rep["rep"]) == ["m1", "r1", "r2", "r3", "r4", "r5", "r9"]
    assert values(rep) == [0, 0, 0, 0, 2160, 2250, 0]  # r4 10800 / 5, r5 9000 / 4
    feb = month(tables, "revenue_per_activity", "2024-02", by=["team"])
    # o18 has no owner: its 2000 is in the null team slice, next to r5's ac07 (team "").
    # East: ac06 (r1), ac08 (r2); West: ac05 (r4), ac09 (r3).
    assert by_slice(feb, "team", "numerator") == {"East": 0, "West": 0, None: 2000}
    assert by_slice(feb, "team", "denominator") == {"East": 2, "West": 2, None: 1}


def test_accounts_contacted_and_responded(tables: Any) -> None:
    # March outbound with an account: a02 (ac10, ac22, ac23 r4; ac24 r9), a01 (ac11, ac14,
    # ac20), a04 (ac12), a03 (ac19), a08 (ac21), a05 (ac25); ac27 has no account, ac15 and
    # ac28 have no direction.
    c = month(tables, "accounts_contacted", "2024-03")
    assert values(c) == [6]
    team = month(tables, "accounts_contacted", "2024-03", by=["team"])
    # East {a01, a05, a08}; West {a02, a04}; null {a03 (r5), a02 (r9)}: a02 twice across teams
    assert by_slice(team, "team") == {"East": 3, "West": 2, None: 2}
    r = month(tables, "accounts_responded", "2024-03")
    # inbound ac16 a05, ac18 a03, ac30 a02, ac31 a03; replied ac14 a01, ac22 a02 -> 4
    assert values(r) == [4]
    team = month(tables, "accounts_responded", "2024-03", by=["team"])
    assert by_slice(team, "team") == {"East": 2, "West": 1, None: 1}
    jan = ref(tables, "accounts_responded", "month", "2024-01-01", "2024-02-29")
    assert values(jan) == [0, 0]
    assert values(month(tables, "accounts_contacted", "2024-01")) == [3]  # a06 a01 a02


def test_demo_time_share(tables: Any) -> None:
    # March with a duration: 10 + 60 (demo ac19) + 15 + 20 + 12 + 25 + 5 + 30 (demo ac30) + 30
    df = month(tables, "demo_time_share", "2024-03")
    assert values(df, "numerator") == [90] and values(df, "denominator") == [207]
    assert values(df) == [r6(9000 / 207)]
    jan = month(tables, "demo_time_share", "2024-01")  # ac04 45 of 60 + 30 + 45
    assert values(jan) == [r6(100 / 3)]
    feb = month(tables, "demo_time_share", "2024-02")  # meetings only: 0 / 90
    assert values(feb) == [0]
    aug = month(tables, "demo_time_share", "2024-08")
    assert values(aug) == [None] and values(aug, "denominator") == [0]
    team = month(tables, "demo_time_share", "2024-03", by=["team"])
    # West r4 ac30 30 of (r3 10 + 5, r4 20 + 30); null r5 60 of (60 + 30) and r9 12
    assert by_slice(team, "team") == {"East": 0, "West": r6(3000 / 65), None: r6(6000 / 102)}


# -- team --------------------------------------------------------------------------------------
def test_active_reps(tables: Any) -> None:
    df = ref(tables, "active_reps", "month", "2024-01-01", "2024-07-31")
    # Jan r1 r4 r5; Feb + r2 (hired Feb 15) + r3 (no hire_date, first record ac09 Feb 26);
    # Jun r4 still (left Jun 14); Jul r4 gone, r6 hired Jul 1.  m1 (manager) never counts.
    assert values(df) == [3, 5, 5, 5, 5, 5, 5]
    assert values(ref(tables, "active_reps", "day", "2024-06-14", "2024-06-15")) == [5, 4]
    assert values(ref(tables, "active_reps", "day", "2024-02-25", "2024-02-26")) == [4, 5]
    team = month(tables, "active_reps", "2024-01", by=["team"])
    assert list(team["team"]) == ["East", "West", None] and values(team) == [1, 1, 1]


def test_quota_attainment(tables: Any) -> None:
    q = ref(tables, "quota_attainment", "quarter", "2024-01-01", "2024-09-30")
    # Q1 revenue 12000 + 2000 + 10800 + 9000 = 33800; quotas r1 30000 + r2 5000 + r4 20000 +
    # r5 8000 + 8000 = 71000.  Q2 15000 + 6000 + 21600 (o05 GBP out) = 42600 over r1 20000 +
    # r2 15000 + r4 20000.  Q3 8960 over r1 30000 + r4 20000 (left, quota still set) + r6 15000.
    assert values(q, "numerator") == [33800, 42600, 8960]
    assert values(q, "denominator") == [71000, 55000, 65000]
    assert values(q) == [r6(3380000 / 71000), r6(4260000 / 55000), r6(896000 / 65000)]
    # a quarterly quota counts in the month it starts: March 19800 over r2 5000 + r5 8000
    mar = month(tables, "quota_attainment", "2024-03")
    assert values(mar) == [r6(1980000 / 13000)]
    rep = ref(tables, "quota_attainment", "quarter", "2024-01-01", "2024-03-31", by=["rep"])
    # o18 (no owner): revenue without quota -> null rep slice; r3 has nothing in Q1.
    assert by_slice(rep, "rep") == {"r1": 40, "r2": 0, "r4": 54, "r5": 56.25, None: None}
    team = ref(tables, "quota_attainment", "quarter", "2024-01-01", "2024-03-31", by=["team"])
    assert by_slice(team, "team") == {"East": r6(1200000 / 35000), "West": 54, None: 68.75}
    q3 = ref(tables, "quota_attainment", "quarter", "2024-07-01", "2024-09-30", by=["rep"])
    assert by_slice(q3, "rep") == {"r1": r6(896000 / 30000), "r4": 0, "r6": 0}
    # Q2 by team: r3 has revenue (o06) but no quota; West = 15000 / r4's 20000.
    q2 = ref(tables, "quota_attainment", "quarter", "2024-04-01", "2024-06-30", by=["team"])
    assert by_slice(q2, "team") == {"East": r6(2760000 / 35000), "West": 75}
    # fiscal year from February: quarter Feb-Apr 2024: 2000 + 19800 + 15000 over r5 8000 +
    # 8000, r2 5000 + 5000, r1 20000, r4 20000.
    fq = ref(tables, "quota_attainment", "quarter", "2024-02-01", "2024-04-30", fy=2)
    assert list(fq["period_start"]) == [D(2024, 2, 1)]
    assert values(fq, "numerator") == [36800] and values(fq, "denominator") == [66000]


def test_reps_at_quota(tables: Any) -> None:
    df = ref(tables, "reps_at_quota", "month", "2024-01-01", "2024-06-30")
    # Jan r1 (12000 < 30000), r4 (0) -> 0/2; Feb r5 0/1; Mar r2 (0 < 5000) and r5 (9000 >=
    # 8000) -> 1/2; Apr r1, r2, r4 -> 0/3; May r2 6000 >= 5000 -> 1/1; Jun r2 -> 0/1.
    assert values(df, "numerator") == [0, 0, 1, 0, 1, 0]
    assert values(df, "denominator") == [2, 1, 2, 3, 1, 1]
    assert values(df) == [0, 0, 50, 0, 100, 0]
    q = ref(tables, "reps_at_quota", "quarter", "2024-01-01", "2024-09-30")
    # Q1 none of r1 r2 r4 r5; Q2 r1 21600 >= 20000, r2 6000 < 15000, r4 has the GBP win o05:
    # left out; Q3 r1 and r6 below, r4 has a quota but left -> not active.
    assert values(q, "numerator") == [0, 1, 0] and values(q, "denominator") == [4, 2, 2]
    rep = ref(tables, "reps_at_quota", "quarter", "2024-04-01", "2024-06-30", by=["rep"])
    assert by_slice(rep, "rep") == {"r1": 100, "r2": 0, "r4": None}
    assert fx_left_out(
        "reps_at_quota", tables, "quarter", "2024-04-01", "2024-06-30", settings()
    ) == {D(2024, 4, 1): (1, ("GBP",))}


def test_ramp_days(tables: Any) -> None:
    q = ref(tables, "ramp_days", "quarter", "2024-01-01", "2024-12-31")
    # The first deal was created on 2023-11-15 (o01): reps hired before it are left out, their
    # first win may predate the data (r1 hired 2023-06-01, r4 2023-09-01, m1 2022-01-01).
    # Q1: r5 2024-01-08 -> o04 2024-03-31 = 83.  Q2: r2 2024-02-15 -> o07 2024-05-20 = 95 (r3
    # has no hire_date).  Q3, Q4: nobody's first win (m1's o13 is left out).
    assert values(q, "numerator") == [83, 95, 0, 0]
    assert values(q, "denominator") == [1, 1, 0, 0]
    assert values(q) == [83, 95, None, None]
    y = ref(tables, "ramp_days", "year", "2024-01-01", "2024-12-31")
    assert values(y) == [r6((83 + 95) / 2)]
    # r1's o15 (2025) and r5's o16 are not first wins
    assert values(ref(tables, "ramp_days", "quarter", "2025-01-01", "2025-03-31")) == [None]
    team = ref(tables, "ramp_days", "quarter", "2024-01-01", "2024-03-31", by=["team"])
    assert by_slice(team, "team") == {None: 83}
    mar = month(tables, "ramp_days", "2024-03")
    assert values(mar) == [83]


# -- finance -----------------------------------------------------------------------------------
def test_accounts_receivable(tables: Any) -> None:
    df = ref(tables, "accounts_receivable", "month", "2024-01-01", "2024-10-31")
    # Jan 31: i01 1000 + i02 2000 EUR x 1.10.  Feb 29: i02 2200 + i03 500 + i04 800 (i01 paid
    # Feb 5; i05 issued and paid Feb 29).  Mar 31: i03 + i04 + i08 400 x 1.08 (i07 paid on Mar
    # 31, i06 GBP left out).  Apr 30: i03 + i09 600 + i10 1000 x 1.08.  May 31: i03 + i10 +
    # i11 2500.  Jun 30: i03 + i10.  Jul 31: + i12 700.  Aug 31: 1580.  Sep 30: + i13 900.
    assert values(df) == [3200, 3500, 1732, 2180, 4080, 1580, 2280, 1580, 2480, 1580]
    assert values(ref(tables, "accounts_receivable", "day", "2024-03-05", "2024-03-05")) == [1300]
    team = month(tables, "accounts_receivable", "2024-03", by=["team"])
    # East: only the GBP invoice i06 (a01, r1) is receivable -> listed with 0.
    # West i04 (a04, r3); null: i03 (a03, r5 team "") + i08 (a07 without owner).
    assert by_slice(team, "team") == {"East": 0, "West": 800, None: 932}
    assert fx_left_out(
        "accounts_receivable", tables, "month", "2024-02-01", "2024-03-31", settings()
    ) == {D(2024, 3, 1): (1, ("GBP",))}


def test_dso(tables: Any) -> None:
    df = ref(tables, "dso", "month", "2024-01-01", "2024-06-30")
    # invoiced: Jan 3200, Feb 500 + 800 + 300, Mar 1200 (empty currency) + 432, Apr 600 ('usd')
    # + 1080, May 2500, Jun nothing.
    assert values(df, "denominator") == [3200, 1600, 1632, 1680, 2500, 0]
    assert values(df, "numerator") == [
        3200 * 31,
        3500 * 29,
        1732 * 31,
        2180 * 30,
        4080 * 31,
        1580 * 30,
    ]
    assert values(df) == [31, 63.4375, r6(53692 / 1632), r6(65400 / 1680), 50.592, None]
    q = ref(tables, "dso", "quarter", "2024-01-01", "2024-03-31")
    assert values(q) == [r6(1732 * 91 / 6432)]
    team = month(tables, "dso", "2024-03", by=["team"])
    # East 0 x 31 / 1200 (i07); West 800 x 31 / 0 -> null; null 932 x 31 / 432.
    assert by_slice(team, "team") == {"East": 0, "West": None, None: r6(28892 / 432)}


def test_cei(tables: Any) -> None:
    df = ref(tables, "cei", "month", "2024-01-01", "2024-06-30")
    # Jan: start 0 + 3200 - end 3200 over 0 + 3200 - current 3200 (i01, i02 not due) -> null.
    # Feb: 3200 + 1600 - 3500 = 1300 over 4800 - 500 (i03 due Mar 2).  Mar: 3500 + 1632 - 1732
    # = 3400 over 5132 - 432 (i08; i04 has no due_at: due at issue).  Apr: 1732 + 1680 - 2180
    # = 1232 over 3412 - 1680 (i09, i10).  May: 2180 + 2500 - 4080 = 600 over 4680 - 2500
    # (i11).  Jun: 4080 - 1580 = 2500 over 4080 - 0.
    assert values(df, "numerator") == [0, 1300, 3400, 1232, 600, 2500]
    assert values(df, "denominator") == [0, 4300, 4700, 1732, 2180, 4080]
    assert values(df)[0] is None and values(df)[2] == r6(340000 / 4700)
    q = ref(tables, "cei", "quarter", "2024-01-01", "2024-03-31")
    assert values(q) == [r6(470000 / 6000)]  # (6432 - 1732) / (6432 - 432)
    assert fx_left_out("cei", tables, "month", "2024-03-01", "2024-04-30", settings()) == {
        D(2024, 3, 1): (1, ("GBP",)),
        D(2024, 4, 1): (1, ("GBP",)),
    }


def test_fx_left_out_of_revenue_kpis(tables: Any) -> None:
    for kpi in ("revenue_per_activity", "quota_attainment"):
        got = fx_left_out(kpi, tables, "month", "2024-04-01", "2024-06-30", settings())
        assert got == {D(2024, 5, 1): (1, ("GBP",))}  # o05, won 2024-05-10 in GBP
    assert fx_left_out("activities", tables, "month", "2024-05-01", "2024-05-31", settings()) == {}
