"""The pipeline-history pandas reference checked against values worked out by hand.

Fixture: tests/fixtures/history_small (see its README for the deals h01–h17). EUR rates: 1.10
from 2024-09-01, 1.05 from 2024-12-01, 1.08 from 2025-01-31, 1.12 from 2025-04-01, 1.15 from
2025-05-31. Stage defaults: Prospecting 10, Discovery 20, Demo 40, Proposal 60, Negotiation 80.
Notation below: "h01 20000 p10" = amount 20,000 (USD unless said) at probability 10 %.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from typing import Any

import pandas as pd
import pytest

from tests.reference import pandas_kpis
from tests.reference.pandas_history import (
    REFERENCE,
    STAGE_ORDER,
    WATERFALL_COLUMNS,
    Model,
    forecast,
    funnel,
    load_tables,
    pipeline_waterfall,
    settings,
)

D = dt.date
FROM, TO, AS_OF = "2024-10-01", "2025-06-30", "2025-06-30"


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return load_tables()


def ref(
    tables: dict[str, pd.DataFrame],
    kpi: str,
    grain: str = "month",
    start: str = FROM,
    end: str = TO,
    by: list[str] | None = None,
    where: dict[str, Any] | None = None,
    as_of: str = AS_OF,
    learnt: bool = False,
) -> pd.DataFrame:
    return REFERENCE[kpi](tables, grain, start, end, by or [], where or {}, as_of, settings(learnt))


def values(df: pd.DataFrame, col: str = "value") -> list[float | None]:
    return [None if math.isnan(v) else round(v, 6) for v in df[col]]


def at(df: pd.DataFrame, day: dt.date, col: str = "value", **dims: Any) -> float | None:
    rows = df[df["period_start"] == day]
    for dim, v in dims.items():
        rows = rows[[x == v for x in rows[dim]]]
    assert len(rows) == 1, rows
    x = float(rows[col].iloc[0])
    return None if math.isnan(x) else round(x, 6)


OCT, NOV, DEC, JAN = D(2024, 10, 1), D(2024, 11, 1), D(2024, 12, 1), D(2025, 1, 1)
FEB, MAR, APR, MAY, JUN = D(2025, 2, 1), D(2025, 3, 1), D(2025, 4, 1), D(2025, 5, 1), D(2025, 6, 1)


# -- stock KPIs from the history ---------------------------------------------------------------
def test_open_count_every_month_end(tables: Any) -> None:
    # Oct 31: h01 h02 h04 h07 h08 h09 h14 (h14: created Oct 14, before its first row)      = 7
    # Nov 30: + h03 h05                                                                     = 9
    # Dec 31: − h02 (lost Dec 30) + h06 h10 h13                                             = 11
    # Jan 31: − h05 (closes Jan 24) − h08 (won Jan 15) − h10 (lost Jan 8) + h11 h17         = 10
    # Feb 28: − h07 (lost Feb 14) + h08 (reopened Feb 10) + h12                             = 11
    # Mar 31: − h01 (won Mar 10) − h04 (won Mar 25) + h16                                   = 10
    # Apr 30: − h08 (won Apr 22) − h11 (won Apr 10)                                         = 8
    # May 31: − h13 (lost May 6) − h17 (lost May 20)       (h15 created May 5, won May 22) = 6
    # Jun 30: − h16 (won Jun 5)                                                             = 5
    df = ref(tables, "open_opportunities")
    assert values(df) == [7, 9, 11, 10, 11, 10, 8, 6, 5]
    assert df["numerator"].isna().all() and df["denominator"].isna().all()


def test_pipeline_and_weighted_on_2024_10_31(tables: Any) -> None:
    # h01 Prospecting 20000 p10 = 2000; h02 Discovery 12000 p20 = 2400; h04 Discovery 50000 p25
    # = 12500; h07 (no history) 9000, no probability (left out of weighted); h08 Demo 22000 p40
    # = 8800; h09 40000 EUR x 1.10 = 44000 p10 = 4400; h14 (backfilled first row) 7000 p20 = 1400.
    # pipeline = 20000 + 12000 + 50000 + 9000 + 22000 + 44000 + 7000 = 164000
    # weighted = 2000 + 2400 + 12500 + 8800 + 4400 + 1400 = 31500
    assert at(ref(tables, "pipeline_value"), OCT) == 164000
    weighted = ref(tables, "weighted_pipeline")
    assert at(weighted, OCT) == 31500
    assert any(w.startswith("h07: no probability") for w in weighted.attrs["warnings"])


def test_pipeline_and_weighted_on_2024_12_31(tables: Any) -> None:
    # h01 Demo 25000 p45 = 11250; h03 Discovery 8000 p20 (no p after the stage row) = 1600;
    # h04 Discovery 50000 p25 = 12500; h05 Proposal 15000 p55 = 8250; h06 Demo 18000 p40 (stage
    # default, no history) = 7200; h07 9000 (no p); h08 Negotiation 22000 p75 = 16500; h09 Demo
    # 42000 EUR x 1.05 = 44100 p35 = 15435; h10 Prospecting 6000 p10 = 600; h13 Prospecting 14000
    # (amount backfilled from its second row) p10 = 1400; h14 Discovery 7000 p20 = 1400.
    # pipeline = 25000+8000+50000+15000+18000+9000+22000+44100+6000+14000+7000 = 218100
    # weighted = 11250+1600+12500+8250+7200+16500+15435+600+1400+1400 = 76135
    assert at(ref(tables, "pipeline_value"), DEC) == 218100
    assert at(ref(tables, "weighted_pipeline"), DEC) == 76135


def test_pipeline_and_weighted_on_2025_01_31(tables: Any) -> None:
    # h01 Proposal 25000 p60 = 15000; h03 Discovery 8000 p20 = 1600; h04 Demo 50000 p40 = 20000;
    # h06 18000 p40 = 7200; h07 9000; h09 " proposal " 38000 EUR x 1.08 (rate of Jan 31) = 41040
    # p60 (default: the stage row has no p; not the current 90) = 24624; h11 Discovery 30000
    # p20 = 6000; h13 Discovery 14000 p20 = 2800; h14 7000 p20 = 1400; h17 Demo 11000 p40 = 4400.
    # pipeline = 25000+8000+50000+18000+9000+41040+30000+14000+7000+11000 = 213040
    # weighted = 15000+1600+20000+7200+24624+6000+2800+1400+4400 = 83024
    assert at(ref(tables, "pipeline_value"), JAN) == 213040
    assert at(ref(tables, "weighted_pipeline"), JAN) == 83024


def test_pipeline_and_weighted_on_2025_03_31(tables: Any) -> None:
    # h03 Demo 8000 p45 (its current row's, on its current stage) = 3600; h06 18000 p40 = 7200;
    # h08 Negotiation 22000 p70 = 15400; h09
    # 41040 p60 = 24624; h11 Negotiation 30000 p80 = 24000; h12 Discovery 12000 p20 = 2400; h13
    # Demo 14000 p40 = 5600; h14 Demo 7000 p40 = 2800; h16 Discovery 9500 p20 = 1900; h17
    # Negotiation 11000 p80 (default) = 8800.
    # pipeline = 8000+18000+22000+41040+30000+12000+14000+7000+9500+11000 = 172540
    # weighted = 3600+7200+15400+24624+24000+2400+5600+2800+1900+8800 = 96324
    assert at(ref(tables, "pipeline_value"), MAR) == 172540
    assert at(ref(tables, "weighted_pipeline"), MAR) == 96324


def test_current_rows_alone_give_other_numbers(tables: Any) -> None:
    """The no-history rule (pandas_kpis) on the same deals: the history changes the numbers."""

    def current(kpi: str) -> pd.DataFrame:
        return pandas_kpis.REFERENCE[kpi](tables, "month", FROM, TO, [], {}, AS_OF, settings())

    # Oct 31 (current rows): h01 30000 p100, h02 12000 p0, h04 45000 p100, h07 9000 (no p),
    # h08 24000 p100, h09 40000 x 1.10 = 44000 p90 = 39600, h14 6000 p40 = 2400.
    # count 7; value 170000; weighted 30000 + 45000 + 24000 + 39600 + 2400 = 141000
    # Dec 31: h01 30000 p100, h03 7500 p45 = 3375, h04 45000 p100, h05 16000 p100, h06 18000 p40
    # = 7200, h07 9000, h08 24000 p100, h09 40000 x 1.05 = 42000 p90 = 37800, h10 6000 p0,
    # h13 14000 p0, h14 6000 p40 = 2400: count 11; value 217500; weighted 165775
    # Jan 31: h08 still open (close_date Apr 22), h05 and h10 closed, + h11 30000 p100,
    # h17 11000 p0, h09 40000 x 1.08 = 43200 p90 = 38880: count 11 (history: 10);
    # value 30000+7500+45000+18000+9000+24000+43200+30000+14000+6000+11000 = 237700
    # weighted 30000+3375+45000+7200+24000+38880+30000+2400 = 180855
    cur = [current(k) for k in ("open_opportunities", "pipeline_value", "weighted_pipeline")]
    hist = [ref(tables, k) for k in ("open_opportunities", "pipeline_value", "weighted_pipeline")]
    assert [at(df, OCT) for df in cur] == [7, 170000, 141000]
    assert [at(df, DEC) for df in cur] == [11, 217500, 165775]
    assert [at(df, JAN) for df in cur] == [11, 237700, 180855]
    assert [at(df, OCT) for df in hist] == [7, 164000, 31500]
    assert [at(df, DEC) for df in hist] == [11, 218100, 76135]
    assert [at(df, JAN) for df in hist] == [10, 213040, 83024]


def test_stage_on_the_day_and_same_day_rows(tables: Any) -> None:
    # Nov 30: Prospecting h03; Discovery h01 h04 h05 h14; Demo h02 h08 h09 (its 18:30 row wins
    # over the 16:00 Discovery row of the same day, although the file lists it first); empty
    # stage: h07 (no history, closed now). Demo value: 12000 + 22000 + 42000 x 1.10 = 80200;
    # Demo weighted: 12000 x 0.40 + 22000 x 0.40 + 46200 x 0.35 = 4800 + 8800 + 16170 = 29770.
    # Jan 31: Demo h04 h06 h17; Discovery h03 h11 h13 h14; Proposal h01 h09 (" proposal ");
    # null h07.
    count = ref(tables, "open_opportunities", by=["stage"])
    assert list(dict.fromkeys(count["stage"])) == [
        "Demo",
        "Discovery",
        "Negotiation",
        "Proposal",
        "Prospecting",
        None,
    ]
    assert [at(count, NOV, stage=s) for s in ("Prospecting", "Discovery", "Demo", None)] == [
        1,
        4,
        3,
        1,
    ]
    assert [at(count, JAN, stage=s) for s in ("Demo", "Discovery", "Proposal", None)] == [
        3,
        4,
        2,
        1,
    ]
    assert at(ref(tables, "pipeline_value", by=["stage"]), NOV, stage="Demo") == 80200
    assert at(ref(tables, "weighted_pipeline", by=["stage"]), NOV, stage="Demo") == 29770
    # where on the stage on the day, case-insensitively: Jan 31 Proposal = 25000 + 41040
    where = ref(tables, "pipeline_value", where={"stage": "proposal"})
    assert at(where, JAN) == 66040


def test_by_team_on_2025_01_31(tables: Any) -> None:
    # East (r1, r2): h01 h06 h09 h13 h14 h17 = 6; West (r3, r4): h03 h04 h07 h11 = 4
    df = ref(tables, "open_opportunities", by=["team"])
    assert at(df, JAN, team="East") == 6 and at(df, JAN, team="West") == 4


def test_aged_opportunities(tables: Any) -> None:
    # Mar 31: h09 (created Oct 1: 181 days).  Apr 30: + h14 (Oct 14: 198).
    # May 31: + h03 (Nov 4: 208); h06 (Dec 2) is exactly 180 days old: not aged.
    # Jun 30: + h06 (210).  Before March nothing open is older than 180 days.
    assert values(ref(tables, "aged_opportunities")) == [0, 0, 0, 0, 0, 1, 2, 3, 4]


# -- pushes ------------------------------------------------------------------------------------
def test_pushed_deals_per_month(tables: Any) -> None:
    # Nov: h02 (Nov 30 -> Dec 31), h04 (Dec 31 -> Jan 31)                        = 2
    # Dec: h03 twice (Jan 15 -> Jan 31 -> Feb 28)                                = 1
    # Jan: h01 (Jan 31 -> Feb 28), h04 (Jan 31 -> Mar 31)                        = 2
    # Feb: h08 (reopened: Jan 15 -> Mar 20), h14 (Feb 28 -> May 31)              = 2
    # Mar: h08 (Mar 20 -> Apr 30), h09 (Mar 31 -> May 31 on Mar 31); h04's move to Mar 25 is
    #      earlier; h01's won row (close Mar 10 > Feb 28) closes it               = 2
    # Apr: h12 (May 31 -> Jun 30), h17 (Apr 30 -> May 31)                        = 2
    # May: h14 (May 31 -> Jun 30); h13 lost with a later date, h16 pulled in     = 1
    # Jun: h09 (May 31 -> Jul 31); h16 won with a later date                     = 1
    df = ref(tables, "pushed_deals")
    assert values(df) == [0, 2, 1, 2, 2, 2, 2, 1, 1]
    assert df["numerator"].isna().all()
    # Quarters: Q4 {h02, h04, h03} = 3; Q1 {h01, h04, h08 (Feb and Mar: once), h14, h09} = 5;
    # Q2 {h12, h17, h14, h09} = 4
    assert values(ref(tables, "pushed_deals", grain="quarter")) == [3, 5, 4]
    # by the stage on the push day, November: h02 in Demo, h04 in Discovery
    by_stage = ref(tables, "pushed_deals", by=["stage"])
    assert at(by_stage, NOV, stage="Demo") == 1 and at(by_stage, NOV, stage="Discovery") == 1
    assert at(by_stage, OCT, stage="Demo") == 0  # every period of a listed slice: 0


# -- stage conversion and time in stage --------------------------------------------------------
def test_stage_conversion(tables: Any) -> None:
    df = ref(tables, "stage_conversion")
    assert list(df.columns) == ["period_start", "stage", "value", "numerator", "denominator"]
    # Prospecting, Dec 2024: h10 (lost) and h13 (Discovery on Jan 13) entered -> 1/2 = 50 %
    assert [at(df, DEC, c, stage="Prospecting") for c in ("value", "numerator", "denominator")] == [
        50,
        1,
        2,
    ]
    # Proposal, Dec 2024: h02 (lost) and h05 (minimal history: won on its close_date Jan 24) = 50 %
    assert at(df, DEC, stage="Proposal") == 50
    # Demo, Feb 2025: h03 and h14 entered, neither moved on -> 0 / 2 = 0 (not null)
    assert [at(df, FEB, c, stage="Demo") for c in ("value", "numerator", "denominator")] == [
        0,
        0,
        2,
    ]
    # Prospecting, Jan 2025: nobody entered -> null, numerator 0, denominator 0
    assert [at(df, JAN, c, stage="Prospecting") for c in ("value", "numerator", "denominator")] == [
        None,
        0,
        0,
    ]
    # Demo, Q1 2025: h04 (Proposal Mar 3), h17 (Negotiation Mar 19) of h04 h17 h03 h14 h13 = 40 %
    q = ref(tables, "stage_conversion", grain="quarter", by=["stage"])
    assert at(q, JAN, stage="Demo") == 40
    # as_of 2025-01-12: h13 reaches Discovery only on Jan 13 -> Prospecting Dec = 0 / 2
    early = ref(tables, "stage_conversion", as_of="2025-01-12")
    assert at(early, DEC, stage="Prospecting") == 0
    # closed stages are not rows
    assert not {"Closed Won", "Closed Lost"} & set(df["stage"])


def test_time_in_stage_days(tables: Any) -> None:
    df = ref(tables, "time_in_stage_days")
    # Discovery exits in Feb 2025: h03 Dec 3 10:00 -> Feb 10 10:00 = 69 d; h11 Jan 6 -> Feb 3
    # = 28 d; h14 Nov 25 -> Feb 26 = 93 d (entered at its first row, not at created_at).
    # mean = (69 + 28 + 93) / 3 = 190 / 3
    assert [at(df, FEB, c, stage="Discovery") for c in ("value", "numerator", "denominator")] == [
        round(190 / 3, 6),
        190,
        3,
    ]
    # Discovery exits in Nov 2024: h02 Oct 15 10:00 -> Nov 20 14:00 = 36 d 4 h; h09 Nov 30 16:00
    # -> 18:30 = 2.5 h.  mean = (36 + 4/24 + 2.5/24) / 2
    assert at(df, NOV, stage="Discovery") == round((36 + 4 / 24 + 2.5 / 24) / 2, 6)
    # Demo exits in Mar 2025: h04 Jan 14 -> Mar 3 = 48 d; h17 Jan 27 -> Mar 19 = 51 d -> 49.5
    assert at(df, MAR, stage="Demo") == 49.5
    # Proposal exit of the minimal-history h05: Dec 10 09:00 -> Jan 24 00:00 = 45 d − 9 h
    assert at(df, JAN, stage="Proposal") == round(45 - 9 / 24, 6)
    # decision 3: the reopened h08 exits Closed Won: Jan 15 11:00 -> Feb 10 09:00 = 26 d − 2 h
    assert at(df, FEB, stage="Closed Won") == round(26 - 2 / 24, 6)
    # empty period of a listed stage: null, 0, 0
    assert [at(df, OCT, c, stage="Demo") for c in ("value", "numerator", "denominator")] == [
        None,
        0,
        0,
    ]


def test_learnt_stage_order_is_the_set_order(tables: Any) -> None:
    # mean days from created_at to the rows naming a stage: Prospecting 0 (7 rows), Discovery
    # 23.1, Demo 64.4, Proposal 71.9, Negotiation 113.4 -> the set order
    req = pandas_kpis.Request(tables, "month", FROM, TO, [], {}, AS_OF, settings(learnt_order=True))
    model = Model(req)
    assert [model.name(s) for s in model.order] == STAGE_ORDER
    for kpi in ("stage_conversion", "time_in_stage_days"):
        pd.testing.assert_frame_equal(ref(tables, kpi), ref(tables, kpi, learnt=True))


# -- pipeline waterfall ------------------------------------------------------------------------
def reconciles(row: Any) -> bool:
    total = (
        row["start"]
        + row["created"]
        + row["pulled_in"]
        + row["increased"]
        - row["decreased"]
        - row["won"]
        - row["lost"]
        - row["pushed_out"]
        + row["fx"]
    )
    return math.isclose(total, row["end"], abs_tol=1e-6)


def test_waterfall_may_2025(tables: Any) -> None:
    # start (Apr 30, due <= May 31): h03 8000 (overdue), h09 38000 EUR x 1.12 = 42560, h13 14000,
    # h14 7000, h17 11000 = 82560.  end (May 31, rate 1.15):
    # h03 7500 still in: decreased 500.  h09 40000 x 1.15 = 46000 still in: increased
    # (40000 − 38000) x 1.15 = 2300, fx 38000 x (1.15 − 1.12) = 1140.  h13, h17 lost: 25000.
    # h14 pushed to Jun 30: pushed out 6000 (end amount) + decreased 1000.  h16 (due Jul 31 ->
    # May 30 on May 12, created in March): pulled in 9500.  h15 created May 5, won May 22:
    # created 5000, won 5000.  end = 7500 + 46000 + 9500 = 63000.
    w = pipeline_waterfall(tables, "month", FROM, TO, [], settings())
    may = w[w["period_start"] == MAY].iloc[0]
    assert [round(may[c], 6) for c in WATERFALL_COLUMNS] == [
        82560,
        5000,
        9500,
        2300,
        1500,
        5000,
        25000,
        6000,
        1140,
        63000,
    ]
    # January: start h01 25000 + h04 50000 + h05 15000 + h08 22000 = 112000; h01, h04 pushed
    # out (75000); h05 closes with its current 16000 (increased 1000, won 16000); h08 won 22000;
    # h10 (due Mar 31) lost Jan 8: pulled in 6000, lost 6000; end 0.
    jan = w[w["period_start"] == JAN].iloc[0]
    assert [jan[c] for c in ("start", "pulled_in", "increased", "won", "lost", "pushed_out")] == [
        112000,
        6000,
        1000,
        38000,
        6000,
        75000,
    ]
    assert jan["end"] == 0
    assert all(reconciles(r) for _, r in w.iterrows())
    # every period reconciles, also by team at grain quarter
    by_team = pipeline_waterfall(tables, "quarter", FROM, TO, ["team"], settings())
    assert set(by_team["team"]) == {"East", "West"}
    assert all(reconciles(r) for _, r in by_team.iterrows())


# -- funnel ------------------------------------------------------------------------------------
def test_funnel(tables: Any) -> None:
    # furthest stage per deal (won counts for every row): h07 none (no history, lost);
    # h10 Prospecting; h03 h06 (no history, open in Demo) h12 h13 h14 Demo; h02 Proposal;
    # h09 h17 Negotiation; h01 h04 h05 h08 h11 h15 h16 won.
    # reached: Prospecting 16, Discovery 15, Demo 15 (h05, h11, h15 skipped it), Proposal 10,
    # Negotiation 9, won 7.  lost here: h10 Prospecting, h13 Demo, h02 Proposal, h17 Negotiation.
    f = funnel(tables, FROM, TO, AS_OF, settings())
    assert list(f["stage"]) == [*STAGE_ORDER, "won"]
    assert list(f["reached"]) == [16, 15, 15, 10, 9, 7]
    assert list(f["lost_here"]) == [1, 0, 1, 1, 1, 0]
    assert values(f, "conversion") == [
        round(100 * 15 / 16, 6),
        100,
        round(100 * 10 / 15, 6),
        90,
        round(100 * 7 / 9, 6),
        None,
    ]
    # median days of the completed spells:
    # Prospecting: 20 (h04), 28 (h13), 29.042 (h03), 30.125 (h10), 35 (h12), 40.042 (h01),
    #   60.292 (h09) -> 30.125
    # Demo: 17 (h16), 27.792 (h02), 46.167 (h01), 48 (h04), 51 (h17), 61.729 (h09), 63 (h08),
    #   63 (h13) -> (48 + 51) / 2 = 49.5
    # Negotiation: 7.083 (h16), 13.25 (h01), 27.208 (h11), 34.083 (h08), 62 (h17),
    #   71.042 (h08 again, after the reopen) -> (27.208333 + 34.083333) / 2
    med = values(f, "median_days")
    assert med[0] == 30.125 and med[2] == 49.5
    assert med[4] == round((27 + 5 / 24 + 34 + 2 / 24) / 2, 6)
    assert med[5] is None


# -- forecast ----------------------------------------------------------------------------------
def test_forecast_june_2025_on_june_10(tables: Any) -> None:
    # won so far (Jun 1 .. Jun 10): h16 9500.  Open on Jun 10 and due by Jun 30:
    # h03 Demo 7500 (overdue), h09 Proposal 40000 EUR x 1.15 = 46000 (overdue; Negotiation only
    # from Jun 16), h12 Demo 12000, h14 Demo 6000.
    fc = forecast(tables, "2025-06-01", "2025-06-30", "2025-06-10", settings()).set_index("method")
    assert (fc["won_so_far"] == 9500).all()
    # crm: h03 is on its current stage (Demo) without a recorded probability: its current
    # row's 45; the others the stage defaults (Demo 40, Proposal 60):
    # 9500 + 0.45 x 7500 + 0.4 x (12000 + 6000) + 0.6 x 46000 = 9500 + 3375 + 7200 + 27600
    # = 47675; sigma^2 = 0.45 x 0.55 x 7500² + 0.24 x (46000² + 12000² + 6000²)
    sigma = math.sqrt(0.45 * 0.55 * 7500**2 + 0.24 * (46000**2 + 12000**2 + 6000**2))
    assert round(fc.at["crm", "expected"], 6) == 47675
    assert round(fc.at["crm", "low"], 6) == round(47675 - 1.28 * sigma, 6)
    assert round(fc.at["crm", "high"], 6) == round(47675 + 1.28 * sigma, 6)
    # learnt win rates on Jun 10 (per stage: no segment has 30 closed deals):
    # Demo entered and closed: won h01 h04 h08 h16, lost h02 h13 h17 -> 4/7
    # Proposal: won h01 h04 h05 (minimal history) h11 h15, lost h02 -> 5/6
    expected = 9500 + 4 / 7 * (7500 + 12000 + 6000) + 5 / 6 * 46000
    var = 4 / 7 * 3 / 7 * (7500**2 + 12000**2 + 6000**2) + 5 / 6 * 1 / 6 * 46000**2
    assert round(fc.at["learnt", "expected"], 6) == round(expected, 6)  # 62404.761905
    assert round(fc.at["learnt", "low"], 6) == round(expected - 1.28 * math.sqrt(var), 6)
    # run rate: revenue Feb 0, Mar 75000 (h01 30000 + h04 45000), Apr 54000 (h08 24000 + h11
    # 30000), May 5000 (h15): mean 33500; share of June after Jun 10 = 20/30.
    # expected = 9500 + 33500 x 2/3 = 31833.33; band 1.28 x stdev(0, 75000, 54000, 5000) x 2/3
    # = 1.28 x 36864.62 x 2/3 = 31457.8 -> low 375.5 is clipped to the won so far, 9500
    band = 1.28 * statistics.stdev([0, 75000, 54000, 5000]) * 2 / 3
    assert round(fc.at["run_rate", "expected"], 6) == round(9500 + 33500 * 2 / 3, 6)
    assert fc.at["run_rate", "low"] == 9500
    assert round(fc.at["run_rate", "high"], 6) == round(9500 + 33500 * 2 / 3 + band, 6)
