"""The subscription pandas reference checked against values worked out by hand.

Fixture numbers come from tests/fixtures/subs_small/*.csv (see its README): EUR rates 1.08 from
2023-11-01, 1.10 from 2024-03-01, 1.05 from 2024-09-01, 1.04 from 2025-01-01; no GBP rate; base
currency USD. The spec's worked examples are built as tiny in-memory table sets.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import pytest

from tests.reference.pandas_subscriptions import (
    REFERENCE,
    SUPPORTED_DIMS,
    cohorts,
    load_tables,
    mrr_waterfall,
    settings,
)

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


def march(tables: Any, kpi: str, **kw: Any) -> pd.DataFrame:
    return ref(tables, kpi, "month", "2024-03-01", "2024-03-31", **kw)


# -- stock KPIs ------------------------------------------------------------------------------
def test_mrr_on_2024_03_31(tables: Any) -> None:
    # a01 1200 (s02 from Mar 15) + a02 500 EUR x 1.10 + a03 200 + a07 250 (s14 from Mar 15)
    # + a08 600 + 100 (two plans) + a09 700 (starts Mar 31, the last day) + a10 400 EUR x 1.10
    # + a11 150 (empty currency) + a16 500 + a17 250 EUR x 1.10 + a18 250 = 5215.
    # a04's s08 ends Mar 1 (not active); a05 is GBP without a rate: left out.
    df = march(tables, "mrr")
    assert values(df) == [5215] and df["numerator"].isna().all()
    assert values(march(tables, "arr")) == [12 * 5215]
    # customers: the 11 above + a05 (GBP still makes it a customer)
    assert values(march(tables, "active_customers")) == [12]
    arpa = march(tables, "arpa")  # a05 out of both numerator and denominator
    assert values(arpa, "numerator") == [5215] and values(arpa, "denominator") == [11]
    assert values(arpa) == [round(5215 / 11, 6)]


def test_mrr_months_and_the_start_day_fx_exclusion(tables: Any) -> None:
    df = ref(tables, "mrr", "month", "2023-10-01", "2024-02-29")
    # Oct 2023: a01 1000 + a11 150 + a14 500 + a18 200; a02 (EUR from Oct 15) has no rate yet.
    # Nov: + a03 200 + a04 300; a02 still out: its start day Oct 31 had no EUR rate.
    # Dec: a14 ends Dec 1; + a08 600; a02 500 x 1.08 = 540 is back.
    # Jan 2024: a18 250, + a10 432 + a16 500 (a05 GBP out).  Feb: + a17 270 (a06 in and out).
    assert values(df) == [1850, 2350, 2990, 3972, 4242]
    counts = ref(tables, "active_customers", "month", "2023-10-01", "2024-02-29")
    assert values(counts) == [5, 7, 7, 10, 11]  # a02 and a05 always counted


def test_mrr_slices_segment_team_plan_and_where(tables: Any) -> None:
    seg = march(tables, "mrr", by=["segment"])
    assert list(seg["segment"]) == ["enterprise", "mid-market", "smb", None]
    # enterprise a01 1200 + a09 700; mid-market a02 550 + a08 700 + a18 250;
    # smb a03 200 + a07 250 + a16 500 + a17 275; null: a10 (NULL) 440 + a11 ("") 150.
    assert values(seg) == [1900, 1500, 1225, 590]
    team = march(tables, "mrr", by=["team"])
    # East: r1 (a01, a07, a16) + r2 (a08, a18); West: r3 (a02, a10) + r4 (a11, a17);
    # null: r5's team "" (a03), a09's owner r9 not in reps, (a19 has no owner, not active).
    assert list(team["team"]) == ["East", "West", None]
    assert values(team) == [2900, 1415, 900]
    plan = ref(tables, "active_customers", "month", "2024-06-01", "2024-07-31", by=["plan"])
    got = {(r.plan, r.period_start): r.value for r in plan.itertuples()}
    # a08 counts once in pro and once in addon; a15's zero-MRR trial lists the trial slice.
    assert got[("pro", D(2024, 6, 1))] == 7  # a01 a02 a07 a08 a13 a16 a18
    assert got[("addon", D(2024, 6, 1))] == 1
    assert got[("trial", D(2024, 6, 1))] == 0 and got[("trial", D(2024, 7, 1))] == 0
    assert got[("basic", D(2024, 6, 1))] == 3 and got[("basic", D(2024, 7, 1))] == 4  # + a06
    assert got[(None, D(2024, 6, 1))] == 1  # a10 (NULL plan); a11 ("" plan) ended May 1
    assert values(march(tables, "mrr", where={"plan": None})) == [590]
    assert values(march(tables, "mrr", where={"plan": ["addon", "trial"]})) == [100]


# -- movements --------------------------------------------------------------------------------
def test_march_2024_movements(tables: Any) -> None:
    # Start day Feb 29 (EUR 1.08), end day Mar 31 (EUR 1.10).
    # new: a07 0 (trial) -> 250, a09 0 -> 700.  expansion: a01 +200 (price change Mar 15),
    # a08 +100 (second plan), fx: a02 540 -> 550, a10 432 -> 440, a17 270 -> 275.
    # churn: a04 300 (s08 ends Mar 1).  a05 (GBP) is left out.
    assert values(march(tables, "mrr_new")) == [950]
    assert values(march(tables, "mrr_reactivation")) == [0]
    assert values(march(tables, "mrr_expansion")) == [323]
    assert values(march(tables, "mrr_contraction")) == [0]
    assert values(march(tables, "mrr_churn")) == [300]
    assert values(march(tables, "net_new_mrr")) == [973]  # = 5215 - 4242
    # customers on Feb 29: a01 a02 a03 a04 a05 a08 a10 a11 a16 a17 a18 = 11; a04 left.
    churn = march(tables, "customer_churn_rate")
    assert values(churn, "numerator") == [1] and values(churn, "denominator") == [11]
    assert values(churn) == [round(100 / 11, 6)]
    # retention: 12 customers at the end - 2 whose customer_since is in March (a07, a09) = 10.
    ret = march(tables, "customer_retention_rate")
    assert values(ret, "numerator") == [10] and values(ret, "denominator") == [11]
    # money over keys with start > 0 (a05 out): Σ start 4242; churn 300, no contraction;
    # Σ end of those keys = 5215 - 950 (new) = 4265.
    grr = march(tables, "gross_revenue_retention")
    assert values(grr, "numerator") == [3942] and values(grr, "denominator") == [4242]
    nrr = march(tables, "net_revenue_retention")
    assert values(nrr, "numerator") == [4265] and values(nrr) == [round(100 * 4265 / 4242, 6)]
    rc = march(tables, "revenue_churn_rate")
    assert values(rc, "numerator") == [300] and values(rc) == [round(100 * 300 / 4242, 6)]
    qr = march(tables, "quick_ratio")
    assert values(qr, "numerator") == [950 + 323] and values(qr, "denominator") == [300]
    assert values(qr) == [round(1273 / 300, 6)]


def test_waterfall_months(tables: Any) -> None:
    wf = mrr_waterfall(tables, "month", "2024-01-01", "2025-02-28", settings())
    rows = {r.period_start: r for r in wf.itertuples()}
    for r in wf.itertuples():
        assert math.isclose(
            r.end_mrr - r.start_mrr,
            r.new + r.reactivation + r.expansion - r.contraction - r.churn,
        )
    # Jan 2024: new a10 432 + a16 500 (a05 GBP out); a18 200 -> 250 (basic -> pro).
    assert (rows[D(2024, 1, 1)].start_mrr, rows[D(2024, 1, 1)].new) == (2990, 932)
    assert rows[D(2024, 1, 1)].expansion == 50
    # Jun: a03's upgrade (Jun 10) and downgrade (Jun 20) in one month: 200 -> 150.
    jun = rows[D(2024, 6, 1)]
    assert (jun.expansion, jun.contraction, jun.new, jun.churn) == (0, 50, 0, 0)
    # Jul: a06 comes back (120); its only earlier row was Feb 5 - Feb 20: never a customer on a
    # month end, so NEW, not reactivation.
    assert (rows[D(2024, 7, 1)].new, rows[D(2024, 7, 1)].reactivation) == (120, 0)
    # Aug: a04 back after its March churn: reactivation 350; a16 500 -> 300: contraction 200.
    aug = rows[D(2024, 8, 1)]
    assert (aug.reactivation, aug.contraction) == (350, 200)
    # Sep: EUR 1.10 -> 1.05: a02 -25, a10 -20, a13 -15; a08's addon ends Sep 1: -100;
    # a17's price change on Sep 1: 250 x 1.10 = 275 -> 275 x 1.05 = 288.75.
    sep = rows[D(2024, 9, 1)]
    assert sep.contraction == pytest.approx(160) and sep.expansion == pytest.approx(13.75)
    # Oct: a10 churns (ends Oct 1, 420); a14 reactivates (900).
    assert (rows[D(2024, 10, 1)].churn, rows[D(2024, 10, 1)].reactivation) == (420, 900)
    # Nov: a13 300 -> 450 EUR on Nov 15 at 1.05: 315 -> 472.5.
    assert rows[D(2024, 11, 1)].expansion == pytest.approx(157.5)
    # Jan 2025: EUR 1.05 -> 1.04 contracts a02 (5), a13 (4.5), a17 (2.75); a01 +100.
    jan = rows[D(2025, 1, 1)]
    assert jan.contraction == pytest.approx(12.25) and jan.expansion == 100
    assert rows[D(2025, 2, 1)].churn == 300  # a16 ends Feb 1
    assert rows[D(2025, 2, 1)].end_mrr == pytest.approx(5984)


def test_new_vs_reactivation_depends_on_grain(tables: Any) -> None:
    # a06 was a customer only Feb 5 - Feb 19: at grain day it was a customer on an earlier day.
    assert values(ref(tables, "mrr_reactivation", "day", "2024-07-10", "2024-07-10")) == [120]
    assert values(ref(tables, "mrr_new", "day", "2024-07-10", "2024-07-10")) == [0]
    # at grain quarter (end of Q1 Mar 31: not a customer) it is new in Q3.
    q = ref(tables, "mrr_new", "quarter", "2024-07-01", "2024-09-30")
    assert values(q) == [120]


def test_movements_by_plan(tables: Any) -> None:
    # August 2024: a16 moves pro -> basic; a04 reactivates on basic.
    new = ref(tables, "mrr_new", "month", "2024-08-01", "2024-08-31", by=["plan"])
    got = {r.plan: r.value for r in new.itertuples()}
    assert got["basic"] == 300 and got["pro"] == 0  # (a16, basic) never a customer before
    react = ref(tables, "mrr_reactivation", "month", "2024-08-01", "2024-08-31", by=["plan"])
    assert {r.plan: r.value for r in react.itertuples()}["basic"] == 350
    churn = ref(tables, "mrr_churn", "month", "2024-08-01", "2024-08-31", by=["plan"])
    assert {r.plan: r.value for r in churn.itertuples()}["pro"] == 500
    # October: a14 comes back on plan enterprise: new for (a14, enterprise).
    octo = ref(tables, "mrr_new", "month", "2024-10-01", "2024-10-31", by=["plan"])
    assert {r.plan: r.value for r in octo.itertuples()}["enterprise"] == 900
    # slices: every plan with a subscription overlapping [start day, end day]: a10's NULL plan
    # and a11's "" plan (ended May 1) are the null slice.
    assert list(octo["plan"]) == ["basic", "enterprise", "pro", None]


def test_quarter_total_and_fiscal_quarter(tables: Any) -> None:
    wf = mrr_waterfall(tables, "quarter", "2024-01-01", "2024-03-31", settings())
    # Q1 2024: start day Dec 31 2023 (2990). new a07 250, a09 700, a10 440, a16 500, a17 275;
    # expansion a01 200, a02 10, a08 100, a18 50; churn a04 300 -> 5215.
    assert list(wf.iloc[0])[1:] == [2990, 2165, 0, 360, 0, 300, 5215]
    # total 2024-03-10 .. 2024-06-30: start day Mar 9 (3965), end day Jun 30 (5435).
    tot = ref(tables, "net_new_mrr", "total", "2024-03-10", "2024-06-30")
    assert list(tot["period_start"]) == [D(2024, 3, 10)] and values(tot) == [1470]
    assert values(ref(tables, "mrr_new", "total", "2024-03-10", "2024-06-30")) == [1370]
    churn = ref(tables, "customer_churn_rate", "total", "2024-03-10", "2024-06-30")
    assert values(churn, "numerator") == [1] and values(churn, "denominator") == [10]  # a11
    # fiscal year from February: quarter Feb-Apr 2024, start day Jan 31:
    # new a17 275, a07 250, a09 700, a12 90 (a06 in and out in February).
    fq = ref(tables, "mrr_new", "quarter", "2024-02-01", "2024-04-30", fy=2)
    assert list(fq["period_start"]) == [D(2024, 2, 1)] and values(fq) == [1315]


def test_retention_subtracts_new_customers_even_if_gone(tables: Any) -> None:
    # Feb 2024: 11 customers at the end; customer_since in Feb: a17 (Feb 1) and a06 (Feb 5,
    # already gone on Feb 20) -> 11 - 2 = 9 of the 10 customers on Jan 31.
    ret = ref(tables, "customer_retention_rate", "month", "2024-02-01", "2024-02-29")
    assert values(ret, "numerator") == [9] and values(ret, "denominator") == [10]


def test_clv_march_2024(tables: Any) -> None:
    # churn Oct 2023 .. Mar 2024: Oct no customers at start (skipped), Nov 0/5, Dec 1/7 (a14),
    # Jan 0/7, Feb 0/10, Mar 1/11 -> mean (1/7 + 1/11) / 5 = 18/385 (as a fraction).
    clv = march(tables, "clv")
    assert values(clv, "numerator") == [round(5215 / 11, 6)]
    assert values(clv, "denominator") == [round(18 / 385, 6)]
    assert values(clv) == [round(5215 * 385 / (11 * 18), 6)]


# -- invoices and surveys -------------------------------------------------------------------
def test_average_order_value_and_repeat_purchases(tables: Any) -> None:
    aov = ref(tables, "average_order_value", "month", "2024-01-01", "2024-03-31")
    # Jan: i02 1000 + i05 500 EUR x 1.08 + i07 200 = 1740 / 3.  Feb: i03 1000; i09 GBP out.
    # Mar: i04 1200 + i06 550 + i08 200 + i11 250 + i12 700 + i13 50 (a99 unknown); i10 GBP out.
    assert values(aov, "numerator") == [1740, 1000, 2950]
    assert values(aov, "denominator") == [3, 1, 6]
    by_ind = ref(
        tables, "average_order_value", "month", "2024-03-01", "2024-03-31", by=["industry"]
    )
    assert list(by_ind["industry"]) == ["biotech", "finance", "software", None]
    assert values(by_ind, "numerator") == [250, 1250, 1400, 50]
    rpr = ref(tables, "repeat_purchase_rate", "month", "2024-01-01", "2024-03-31")
    # Jan: a01 a02 a03, only a01 invoiced before (i01, Dec 2023).  Feb: a01, a05 -> a01.
    # Mar: a01 a02 a03 a05 a07 a09 a99 -> a01 a02 a03 a05 had earlier invoices.
    assert values(rpr, "numerator") == [1, 1, 4] and values(rpr, "denominator") == [3, 2, 7]


def test_nps_and_csat(tables: Any) -> None:
    nps = ref(tables, "nps", "month", "2024-01-01", "2024-04-30")
    # Jan: 9, 0, 7 -> 1 - 1 = 0 of 3.  Feb: none.  Mar: 10 9 8 6 3 10 (23:30 on Mar 31) -> 3 - 2
    # of 6.  Apr: v16 at 00:00 on Apr 1 -> 1 of 1.
    assert values(nps, "numerator") == [0, 0, 1, 1] and values(nps, "denominator") == [3, 0, 6, 1]
    assert values(nps) == [0, None, round(100 / 6, 6), 100]
    q = ref(tables, "nps", "quarter", "2024-01-01", "2024-03-31")
    assert values(q, "numerator") == [1] and values(q, "denominator") == [9]
    ind = ref(tables, "nps", "month", "2024-03-01", "2024-03-31", by=["industry"])
    assert list(ind["industry"]) == ["biotech", "finance", "software", None]
    assert values(ind) == [0, 100, 50, -100]  # null slice: v10 without account (score 3)
    csat = ref(tables, "csat", "month", "2024-01-01", "2024-03-31")
    assert values(csat, "numerator") == [1, 0, 2] and values(csat, "denominator") == [2, 0, 4]
    assert values(csat) == [50, None, 50]


# -- cost: spend, cac, ltv_to_cac ---------------------------------------------------------------
def test_sales_marketing_spend(tables: Any) -> None:
    df = ref(tables, "sales_marketing_spend", "month", "2023-10-01", "2024-07-31")
    # Oct 2023: Oct 1 1500 + Oct 31 1000 (first and last day); Jan 2024: Jan 1 2000 + Jan 31
    # 700; Mar: Mar 1 1500 + Mar 31 500; May 2024: no spend at all -> 0 (a sum, not null).
    assert values(df) == [2500, 800, 1200, 2700, 1000, 2000, 600, 0, 1200, 450]
    assert df["numerator"].isna().all() and df["denominator"].isna().all()
    q = ref(tables, "sales_marketing_spend", "quarter", "2024-01-01", "2024-03-31")
    assert values(q) == [5700]
    # clipped: 2024-03-10 .. 2024-11-20 leaves out Mar 1, keeps Nov 20 (650.25)
    tot = ref(tables, "sales_marketing_spend", "total", "2024-03-10", "2024-11-20")
    assert values(tot) == [500 + 600 + 1200 + 450 + 1100 + 400 + 750 + 650.25]
    assert values(ref(tables, "sales_marketing_spend", "year", "2024-01-01", "2024-12-31")) == [
        11850.25
    ]


def test_cac(tables: Any) -> None:
    df = ref(tables, "cac", "month", "2023-10-01", "2024-07-31")
    # new customers (customer_since in the month): Oct 2023 a01 a02 a11 a14 a18; Nov a03 a04;
    # Dec a08; Jan a05 (GBP still counts) a10 a16; Feb a06 (gone by Feb 20) a17; Mar a07 (first
    # paying row Mar 15, after its trial) a09 (Mar 31); Apr a12; May a13 a19; none in Jun/Jul.
    assert values(df, "denominator") == [5, 2, 1, 3, 2, 2, 1, 2, 0, 0]
    assert values(df, "numerator") == [2500, 800, 1200, 2700, 1000, 2000, 600, 0, 1200, 450]
    # May: no spend, two new customers -> 0; June/July: spend and no new customer -> null.
    assert values(df) == [500, 400, 1200, 900, 500, 1000, 600, 0, None, None]
    late = ref(tables, "cac", "month", "2024-08-01", "2025-03-31")
    assert values(late) == [None] * 8 and values(late, "denominator") == [0] * 8
    q = ref(tables, "cac", "quarter", "2024-01-01", "2024-03-31")
    assert values(q, "numerator") == [5700] and values(q, "denominator") == [7]
    # total Mar 10 .. Mar 31: spend Mar 31 500 (Mar 1 left out); a07 and a09 are new.
    tot = ref(tables, "cac", "total", "2024-03-10", "2024-03-31")
    assert list(tot["period_start"]) == [D(2024, 3, 10)] and values(tot) == [250]
    # a06 reactivating in July at grain day is not a new customer (customer_since Feb 5)
    assert values(ref(tables, "cac", "day", "2024-07-10", "2024-07-10"), "denominator") == [0]


def test_ltv_to_cac(tables: Any) -> None:
    df = ref(tables, "ltv_to_cac", "month", "2023-10-01", "2024-06-30")
    # Dec 2023: clv = arpa 2990 / 7 over mean churn (Nov 0/5, Dec 1/7) = 1/14 -> 5980; cac 1200.
    # Jan 2024: arpa 3972 / 9 (a05 out) over mean(0/5, 1/7, 0/7) = 1/21 -> 9268; cac 900.
    # Mar 2024: clv 5215 x 385 / (11 x 18) (test_clv_march_2024); cac 1000.
    clv_mar = 5215 * 385 / (11 * 18)
    assert values(df, "numerator")[2:4] == [5980, 9268]
    assert values(df, "denominator") == [500, 400, 1200, 900, 500, 1000, 600, 0, None]
    got = values(df)
    assert got[2] == round(5980 / 1200, 6) and got[3] == round(9268 / 900, 6)
    assert got[5] == round(clv_mar / 1000, 6)
    # Oct 2023 no churn history and Nov mean churn 0: clv null; May cac 0; June cac null.
    assert got[0] is None and got[1] is None and got[7] is None and got[8] is None
    assert math.isnan(df["numerator"].iloc[0]) and values(df, "numerator")[1] is None
    q = ref(tables, "ltv_to_cac", "quarter", "2024-01-01", "2024-03-31")
    assert values(q) == [round(clv_mar / (5700 / 7), 6)]


# -- cohorts ----------------------------------------------------------------------------------
def test_cohorts(tables: Any) -> None:
    logo = cohorts(tables, "month", "2024-01-01", "2024-03-31", "logo", "2024-05-15", settings())
    # Jan cohort: a05 (Jan 1), a16 (Jan 1), a10 (Jan 10); Feb: a17 (Feb 1), a06 (Feb 5, gone
    # by Feb 29); Mar: a07 (Mar 15, first paying row), a09 (Mar 31).
    sizes = logo.groupby("cohort")["size"].first().to_dict()
    assert sizes == {D(2024, 1, 1): 3, D(2024, 2, 1): 2, D(2024, 3, 1): 2}
    jan = logo[logo["cohort"] == D(2024, 1, 1)]
    assert list(jan["period"]) == [0, 1, 2, 3, 4]  # k = 4 measured on as_of 2024-05-15
    feb = logo[logo["cohort"] == D(2024, 2, 1)]
    assert values(feb) == [50, 50, 50, 50]
    rev = cohorts(tables, "month", "2024-01-01", "2024-03-31", "revenue", "2024-05-15", settings())
    jan = rev[rev["cohort"] == D(2024, 1, 1)]
    # start: a10 400 x 1.08 + a16 500 = 932 (a05 GBP left out); from March 440 + 500 = 940.
    assert jan["start_mrr"].iloc[0] == 932
    up = round(94000 / 932, 6)
    assert values(jan) == [100, 100, up, up, up]
    feb = rev[rev["cohort"] == D(2024, 2, 1)]
    up = round(27500 / 270, 6)
    assert values(feb) == [100, up, up, up]


def test_supported_dims() -> None:
    assert "plan" in SUPPORTED_DIMS["mrr"] and "plan" not in SUPPORTED_DIMS["nps"]
    assert set(SUPPORTED_DIMS) == set(REFERENCE)
    for kpi in ("sales_marketing_spend", "cac", "ltv_to_cac"):
        assert SUPPORTED_DIMS[kpi] == ()


# -- the spec's worked examples on in-memory tables ----------------------------------------------
def mem_tables(
    subs: list[tuple[str, str, str | None, float]],
    surveys: list[tuple[str, int]] | None = None,
    spend: list[tuple[str, float]] | None = None,
) -> dict[str, pd.DataFrame]:
    """subs: (account_id, start, end or None, mrr) in USD; surveys: (type, score) on 2024-03-15;
    spend: (date, amount) in USD, category marketing."""
    spend = spend or []
    accounts = sorted({s[0] for s in subs})
    surveys = surveys or []
    ts = pd.Timestamp
    return {
        "reps": pd.DataFrame(columns=["rep_id", "name", "team", "manager", "region"]),
        "accounts": pd.DataFrame(
            {
                "account_id": accounts,
                "name": accounts,
                "industry": [None] * len(accounts),
                "segment": [None] * len(accounts),
                "country": [None] * len(accounts),
                "region": [None] * len(accounts),
                "owner_rep_id": [None] * len(accounts),
            }
        ),
        "subscriptions": pd.DataFrame(
            {
                "subscription_id": [f"s{i}" for i in range(len(subs))],
                "account_id": [s[0] for s in subs],
                "start_date": [ts(s[1]) for s in subs],
                "end_date": [ts(s[2]) if s[2] else pd.NaT for s in subs],
                "mrr": [float(s[3]) for s in subs],
                "currency": ["USD"] * len(subs),
                "plan": [None] * len(subs),
            }
        ),
        "invoices": pd.DataFrame(
            columns=["invoice_id", "account_id", "issued_at", "amount", "currency"]
        ),
        "surveys": pd.DataFrame(
            {
                "response_id": [f"v{i}" for i in range(len(surveys))],
                "type": [s[0] for s in surveys],
                "score": [float(s[1]) for s in surveys],
                "responded_at": [ts("2024-03-15 10:00")] * len(surveys),
                "account_id": [None] * len(surveys),
            }
        ),
        "fx_rates": pd.DataFrame(columns=["currency", "date", "rate"]),
        "spend": pd.DataFrame(
            {
                "date": [ts(d) for d, _ in spend],
                "amount": [float(a) for _, a in spend],
                "category": ["marketing"] * len(spend),
                "channel": [None] * len(spend),
                "campaign": [None] * len(spend),
            }
        ),
    }


def example(tables: Any, kpi: str, month: str) -> pd.DataFrame:
    first = D.fromisoformat(month + "-01")
    last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
    return REFERENCE[kpi](tables, "month", first, last, [], {}, last, settings())


def test_spec_mrr_and_net_new_examples() -> None:
    subs: list[tuple[str, str, str | None, float]] = []
    subs += [(f"x{i:03}", "2024-01-01", None, 50) for i in range(1, 100)]
    subs += [(f"y{i:03}", "2024-01-01", None, 100) for i in range(50)]
    subs += [(f"z{i:03}", "2024-01-01", None, 500) for i in range(9)]
    # x000 (50) expands to 190 on Feb 15 (+140); z009 (500) contracts to 270 on Feb 20 (-230).
    subs += [("x000", "2024-01-01", "2024-02-15", 50), ("x000", "2024-02-15", None, 190)]
    subs += [("z009", "2024-01-01", "2024-02-20", 500), ("z009", "2024-02-20", None, 270)]
    # 45 new accounts at 50 from Feb 10: new 2,250.
    subs += [(f"n{i:03}", "2024-02-10", None, 50) for i in range(45)]
    t = mem_tables(subs)
    assert values(example(t, "mrr", "2024-01")) == [15000]  # 100 x 50 + 50 x 100 + 10 x 500
    assert values(example(t, "active_customers", "2024-01")) == [160]
    assert values(example(t, "mrr_new", "2024-02")) == [2250]
    assert values(example(t, "mrr_expansion", "2024-02")) == [140]
    assert values(example(t, "mrr_contraction", "2024-02")) == [230]
    assert values(example(t, "net_new_mrr", "2024-02")) == [2160]
    assert values(example(t, "mrr", "2024-02")) == [15000 + 2160]


def test_spec_churn_and_retention_examples() -> None:
    subs: list[tuple[str, str, str | None, float]] = []
    subs += [
        (f"c{i:04}", "2024-01-01", "2024-02-10" if i < 300 else None, 100) for i in range(1000)
    ]
    subs += [(f"n{i:04}", "2024-02-05", None, 100) for i in range(500)]
    t = mem_tables(subs)
    churn = example(t, "customer_churn_rate", "2024-02")  # 300 of 1,000 left
    assert values(churn) == [30] and values(churn, "denominator") == [1000]
    ret = example(t, "customer_retention_rate", "2024-02")  # (1,200 - 500) / 1,000
    assert values(ret) == [70] and values(ret, "numerator") == [700]
    assert values(example(t, "active_customers", "2024-02")) == [1200]


def test_spec_nps_and_csat_examples() -> None:
    surveys = [("nps", 9 + i % 2) for i in range(60)]
    surveys += [("nps", 7 + i % 2) for i in range(25)]
    surveys += [("nps", i % 7) for i in range(15)]
    surveys += [("csat", 4 + i % 2) for i in range(60)] + [("csat", 1 + i % 3) for i in range(40)]
    t = mem_tables([("a", "2024-01-01", None, 1)], surveys)
    assert values(example(t, "nps", "2024-03")) == [45]
    csat = example(t, "csat", "2024-03")
    assert values(csat) == [60] and values(csat, "denominator") == [100]


def test_spec_cac_examples() -> None:
    # March 2024: 12,000 spend (two rows), 30 new customers; April: 50,000 and 100 new; the
    # 10 accounts paying since January are not new in either month.
    subs: list[tuple[str, str, str | None, float]] = []
    subs += [(f"o{i:03}", "2024-01-01", None, 100) for i in range(10)]
    subs += [(f"m{i:03}", "2024-03-05", None, 100) for i in range(30)]
    subs += [(f"p{i:03}", "2024-04-20", None, 100) for i in range(100)]
    spend = [("2024-03-01", 7000), ("2024-03-31", 5000), ("2024-04-15", 50000)]
    t = mem_tables(subs, spend=spend)
    mar = example(t, "cac", "2024-03")
    assert values(mar) == [400] and values(mar, "denominator") == [30]
    apr = example(t, "cac", "2024-04")
    assert values(apr) == [500] and values(apr, "numerator") == [50000]
    assert values(example(t, "sales_marketing_spend", "2024-03")) == [12000]
    # no spend table: null, not 0
    t.pop("spend")
    assert values(example(t, "cac", "2024-03")) == [None]
    assert values(example(t, "sales_marketing_spend", "2024-03")) == [None]
