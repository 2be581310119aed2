"""The access reference (tests/reference/pandas_access.py) against reaches, row counts and KPI
values worked out by hand from the fixture CSVs and docs/access-control.md."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.reference import fixture
from tests.reference import pandas_history as hist
from tests.reference import pandas_kpis as kpis
from tests.reference import pandas_subscriptions as subs
from tests.reference.pandas_access import (
    allowed_ids,
    currencies_of,
    expected_frame,
    expected_records,
    find_tokens,
    forbidden_tokens,
    reached_reps,
    visible_tables,
)

LATE = "2025-03-31"


@pytest.fixture(scope="module")
def small() -> dict[str, pd.DataFrame]:
    return fixture.load_tables()


def _reps(*rows: tuple[str, str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["rep_id", "name", "email", "team", "manager"])


def _kpi(
    small: dict[str, pd.DataFrame],
    kpi: str,
    role: str,
    rep: str | None,
    grain: str,
    start: str,
    end: str,
    by: list[str] | None = None,
) -> pd.DataFrame:
    got = expected_frame(
        kpis.REFERENCE,
        kpis.SUPPORTED_DIMS,
        kpi,
        small,
        role,
        rep,
        grain,
        start,
        end,
        by or [],
        {},
        LATE,
        fixture.settings(),
    )
    assert got is not None
    return got


# -- reach ----------------------------------------------------------------------------------------
def test_manager_m1_reaches_the_reps_naming_m1_and_itself(small: dict) -> None:
    # m1 has no row (so no team); r1-r3 (East) and r8 (team "") name m1 as manager
    assert reached_reps(small["reps"], "manager", "m1") == {"m1", "r1", "r2", "r3", "r8"}


def test_manager_linked_to_a_rep_row_reaches_its_team(small: dict) -> None:
    # r4's row says team West (r4, r5); nobody names r4, "Dee Dunn" or dee@example.com
    assert reached_reps(small["reps"], "manager", "r4") == {"r4", "r5"}


def test_rep_and_unrestricted_roles(small: dict) -> None:
    assert reached_reps(small["reps"], "rep", "r7") == {"r7"}
    assert reached_reps(small["reps"], "executive", "r2") is None
    assert reached_reps(small["reps"], "admin", None) is None
    with pytest.raises(ValueError):
        reached_reps(small["reps"], "rep", None)


def test_manager_reach_by_name_or_email_ignoring_case_and_spaces_transitively() -> None:
    reps = _reps(
        ("b", "Bea Boss", "bea@x.com", "North", ""),
        ("c", "Cal", "cal@x.com", "South", "  BEA@X.com "),  # e-mail, case and spaces
        ("d", "Dan", "dan@x.com", "South", "cal"),  # name of c: transitive
        ("e", "Eli", "eli@x.com", "West", " b"),  # id with a space
        ("f", "Fox", "fox@x.com", "north ", "z"),  # b's own team (case, space)
        ("g", "Gil", "gil@x.com", "East", "fox"),  # managed by a teammate of b only
        ("h", "Hal", "hal@x.com", "West", "zed"),  # e's team, but e manages no one
        ("i", "Ivy", "ivy@x.com", "South", ""),  # c's team: c is in the chain and manages d
    )
    assert reached_reps(reps, "manager", "b") == {"b", "c", "d", "e", "f", "i"}


def test_a_name_two_reps_share_names_no_one() -> None:
    reps = _reps(
        ("k1", "Kim Park", "kim@x.com", "", ""),
        ("k2", "Kim Park", "kim.park@x.com", "", ""),
        ("s", "Sal", "sal@x.com", "", "kim park"),  # shared name: nobody
        ("t", "Tao", "tao@x.com", "", "KIM@x.com"),  # unique e-mail: k1
    )
    assert reached_reps(reps, "manager", "k1") == {"k1", "t"}
    assert reached_reps(reps, "manager", "k2") == {"k2"}


def test_a_rep_id_names_that_rep_before_anyone_so_named() -> None:
    reps = _reps(
        ("al", "Bo", "bo@x.com", "", ""),
        ("x", "Al", "al@x.com", "", ""),
        ("y", "Yu", "yu@x.com", "", "AL"),  # id of "al" (also x's name): names "al"
    )
    assert reached_reps(reps, "manager", "al") == {"al", "y"}
    assert reached_reps(reps, "manager", "x") == {"x"}


def test_cycles_in_the_org_chart_are_harmless() -> None:
    reps = _reps(
        ("p", "Pia", "pia@x.com", "", "q"),
        ("q", "Quin", "quin@x.com", "", "Pia"),
        ("s", "Sam", "sam@x.com", "", "q"),
    )
    assert reached_reps(reps, "manager", "p") == {"p", "q", "s"}
    assert reached_reps(reps, "manager", "s") == {"s"}  # no team, nobody names s


def test_subs_and_ops_managers(small: dict) -> None:
    s = subs.load_tables()
    # m1's own row is team East (r1, r2, m1); r5 (team "") names m1 too
    assert reached_reps(s["reps"], "manager", "m1") == {"m1", "r1", "r2", "r5"}
    assert reached_reps(s["reps"], "manager", "m2") == {"m2", "r3", "r4"}


# -- rows -----------------------------------------------------------------------------------------
def test_rep_r1_rows_in_kpi_small(small: dict) -> None:
    v = visible_tables(small, "rep", "r1")
    assert list(v["opportunities"]["opportunity_id"]) == [
        "o01",
        "o06",
        "o09",
        "o11",
        "o24",
        "o29",
        "o38",
        "o46",
        "o49",
        "o56",
    ]
    assert list(v["leads"]["lead_id"]) == [
        "L03",
        "L05",
        "L42",
        "L15",
        "L21",
        "L26",
        "L46",
        "L28",
        "L35",
        "L39",
    ]
    assert list(v["activities"]["activity_id"]) == ["ac02", "ac03", "ac10", "ac15", "ac18"]
    assert list(v["accounts"]["account_id"]) == ["a01", "a05"]
    assert list(v["reps"]["rep_id"]) == ["r1"]
    assert len(v["fx_rates"]) == 6  # kept whole


def test_deals_without_owner_are_for_admins_and_executives(small: dict) -> None:
    # o61 has no owner: nobody restricted reaches it, not even the manager reaching every rep
    every = visible_tables(small, "executive", None)
    assert "o61" in set(every["opportunities"]["opportunity_id"])
    for role, rep in (("manager", "m1"), ("manager", "r4"), ("rep", "r1")):
        assert "o61" not in set(visible_tables(small, role, rep)["opportunities"]["opportunity_id"])
    # leads L06, L16, L32 have no owner
    m1 = visible_tables(small, "manager", "m1")
    assert not {"L06", "L16", "L32"} & set(m1["leads"]["lead_id"])


def test_subscriptions_invoices_surveys_follow_their_account() -> None:
    s = subs.load_tables()
    v = visible_tables(s, "manager", "m1")
    # accounts of r1, r2, r5: a01 a03 a04 a07 a08 a12 a13 a14 a16 a18 (a09's owner r9 is unknown)
    assert sorted(v["accounts"]["account_id"]) == [
        "a01",
        "a03",
        "a04",
        "a07",
        "a08",
        "a12",
        "a13",
        "a14",
        "a16",
        "a18",
    ]
    assert len(v["subscriptions"]) == 21
    assert set(v["invoices"]["account_id"]) <= set(v["accounts"]["account_id"])
    assert set(v["surveys"]["account_id"]) <= set(v["accounts"]["account_id"])
    assert len(v["spend"]) == 0 and len(s["spend"]) > 0  # never reached


def test_history_rows_follow_their_deal() -> None:
    h = hist.load_tables()
    v = visible_tables(h, "rep", "r1")
    assert sorted(v["opportunities"]["opportunity_id"]) == ["h01", "h05", "h09", "h13", "h17"]
    assert len(v["opportunity_history"]) == 6 + 2 + 7 + 4 + 4


def test_targets_by_rep_and_by_whole_team(small: dict) -> None:
    targets = pd.DataFrame(
        [
            ("revenue", "rep", "r1"),
            ("revenue", "rep", "r4"),
            ("revenue", "team", "East"),  # r1, r2, r3
            ("revenue", "team", "west"),  # r4, r5 (case ignored)
            ("revenue", "", ""),  # company-wide
            ("revenue", "segment", "smb"),  # another dimension
            ("revenue", "team", "Nowhere"),  # no rep of that team
        ],
        columns=["kpi", "dimension", "dimension_value"],
    )
    tables = {**small, "targets": targets}

    def seen(role: str, rep: str | None) -> list[str]:
        t = visible_tables(tables, role, rep)["targets"]
        return [f"{d}:{v}" for d, v in zip(t["dimension"], t["dimension_value"], strict=True)]

    assert seen("rep", "r1") == ["rep:r1"]  # East is not whole for r1
    assert seen("manager", "m1") == ["rep:r1", "team:East"]
    assert seen("manager", "r4") == ["rep:r4", "team:west"]
    assert len(seen("executive", None)) == 7


# -- KPIs for a user ------------------------------------------------------------------------------
def test_rep_revenue_is_their_own_won_deals(small: dict) -> None:
    # r1: o09 (11000, 2024-02-01) and o11 (25000 usd, 2024-03-31) in Q1; o49 (7000) in Q2
    got = _kpi(small, "revenue", "rep", "r1", "quarter", "2024-01-01", "2024-06-30")
    assert list(got["value"]) == [36000.0, 7000.0]
    company = _kpi(small, "revenue", "admin", None, "quarter", "2024-01-01", "2024-03-31")
    assert list(company["value"]) == [76500.0]  # 30600 + 20900 + 25000


def test_account_attributes_slice_a_reps_deal_on_another_reps_account(small: dict) -> None:
    # o11 (r1) is on a07 Gamma, r6's smb account; o09 on r1's own enterprise a05
    got = _kpi(small, "revenue", "rep", "r1", "total", "2024-01-01", "2024-03-31", ["segment"])
    assert list(zip(got["segment"], got["value"], strict=True)) == [
        ("enterprise", 11000.0),
        ("smb", 25000.0),
    ]


def test_manager_win_rate_covers_their_reps_only(small: dict) -> None:
    # Q1 2024 closes of r1-r3, r8: o08, o09, o11, o12 all won; r4's o13 and r6's o10 were lost
    got = _kpi(small, "win_rate", "manager", "m1", "quarter", "2024-01-01", "2024-03-31")
    assert got.iloc[0][["value", "numerator", "denominator"]].tolist() == [100.0, 4.0, 4.0]
    company = _kpi(small, "win_rate", "admin", None, "quarter", "2024-01-01", "2024-03-31")
    assert company.iloc[0]["denominator"] > 4


def test_a_reached_lead_converts_through_any_deal(small: dict) -> None:
    # r4's leads: L02 (o58, won by r4), L41, L09, L20 (o54 won by r7), L34, L48: whether
    # r4's lead converted is the lead's own fact, whoever owns the deal it became
    got = _kpi(small, "lead_conversion_rate", "rep", "r4", "total", "2023-11-01", LATE)
    assert got.iloc[0][["numerator", "denominator"]].tolist() == [2.0, 6.0]
    # r7 does not reach L20: r7's won o54 adds no lead to r7's cohort
    got = _kpi(small, "lead_conversion_rate", "rep", "r7", "total", "2023-11-01", LATE)
    assert got.iloc[0]["numerator"] == 0.0
    # a manager reaching r4 and r7 sees L20 converted (org chart: r7 names r5 by e-mail)
    reps = small["reps"].copy()
    reps.loc[reps["rep_id"] == "r7", "manager"] = " EVE@example.com"
    reps.loc[reps["rep_id"] == "r6", "manager"] = "gus gray"
    tweaked = {**small, "reps": reps}
    assert reached_reps(reps, "manager", "r5") == {"r4", "r5", "r6", "r7"}
    got = _kpi(tweaked, "lead_conversion_rate", "manager", "r5", "total", "2023-11-01", LATE)
    # r4 6 leads (L02, L20), r5 5 (L01), r6 4 (L10), r7 5 (none won)
    assert got.iloc[0][["numerator", "denominator"]].tolist() == [4.0, 20.0]


def test_company_level_kpis_are_not_shown_to_restricted_users() -> None:
    s = subs.load_tables()
    for kpi in ("cac", "sales_marketing_spend", "ltv_to_cac"):
        args = (subs.REFERENCE, subs.SUPPORTED_DIMS, kpi, s)
        req = ("month", "2024-01-01", "2024-03-31", [], {}, "2025-06-30", subs.settings())
        assert expected_frame(*args, "rep", "r1", *req) is None
        assert expected_frame(*args, "manager", "m1", *req) is None
        shown = expected_frame(*args, "executive", None, *req)
        assert shown is not None and len(shown) == 3
    # mrr can be split by rep: shown, over the reached accounts only
    mrr = expected_frame(
        subs.REFERENCE,
        subs.SUPPORTED_DIMS,
        "mrr",
        s,
        "manager",
        "m2",
        "month",
        "2024-01-01",
        "2024-01-31",
        [],
        {},
        "2025-06-30",
        subs.settings(),
    )
    whole = expected_frame(
        subs.REFERENCE,
        subs.SUPPORTED_DIMS,
        "mrr",
        s,
        "admin",
        None,
        "month",
        "2024-01-01",
        "2024-01-31",
        [],
        {},
        "2025-06-30",
        subs.settings(),
    )
    assert mrr is not None and whole is not None
    assert 0 < mrr.iloc[0]["value"] < whole.iloc[0]["value"]


def test_new_customers_are_reached_accounts_dated_by_their_first_won_deal(small: dict) -> None:
    # r1 owns a01 (first won deal o01, 2023-11-01) and a05 (o09, 2024-02-01)
    got = expected_records(
        "new_customers", small, "rep", "r1", "total", "2023-11-01", LATE, fixture.settings()
    )
    assert got == {(dt.date(2023, 11, 1), "a01"), (dt.date(2023, 11, 1), "a05")}
    frame = _kpi(small, "new_customers", "rep", "r1", "month", "2024-01-01", "2024-03-31")
    assert list(frame["value"]) == [0.0, 1.0, 0.0]


def test_expected_records_of_a_rep(small: dict) -> None:
    got = expected_records(
        "win_rate", small, "rep", "r1", "quarter", "2024-01-01", "2024-12-31", fixture.settings()
    )
    q = dt.date
    assert got == {
        (q(2024, 1, 1), "o09"),
        (q(2024, 1, 1), "o11"),
        (q(2024, 4, 1), "o49"),
        (q(2024, 7, 1), "o24"),
        (q(2024, 10, 1), "o29"),
    }
    # open on 2024-03-31: o06 (open now), o24 (lost 2024-09-30), o49 (won 2024-04-20);
    # o46 is created 2025-02-20
    got = expected_records(
        "open_opportunities",
        small,
        "rep",
        "r1",
        "total",
        "2024-01-01",
        "2024-03-31",
        fixture.settings(),
    )
    assert got == {(q(2024, 1, 1), "o06"), (q(2024, 1, 1), "o24"), (q(2024, 1, 1), "o49")}


# -- what may appear in an answer ----------------------------------------------------------------
def test_forbidden_and_allowed_tokens_of_rep_r1(small: dict) -> None:
    v = visible_tables(small, "rep", "r1")
    allowed = allowed_ids(small, v)
    assert "a07" in allowed["accounts"]  # o11 is on a07: the id comes with r1's deal
    banned = forbidden_tokens(small, v)
    assert "Gamma" in banned  # …but a07's name is r6's account's
    assert "Acme" not in banned and "Ann Archer" not in banned and "o11" not in banned
    for token in ("o02", "r4", "Dee Dunn", "dee@example.com", "L20", "ac01", "a02"):
        assert token in banned, token
    assert currencies_of(v) == {"USD"}  # r1's deals are all in USD ("usd" on o11)
    assert currencies_of(visible_tables(small, "rep", "r5")) == {"USD", "EUR", "GBP"}


def test_find_tokens_matches_whole_words_only() -> None:
    tokens = {"r1": "rep", "o07": "deal", "dee@example.com": "mail", "Ann Archer": "name"}
    assert find_tokens("r10 xr1 o070 ao07", tokens) == []
    assert find_tokens('{"rep": "r1"}', tokens) == ["'r1' (rep)"]
    assert find_tokens("<td>o07</td> DEE@Example.com", tokens) == [
        "'o07' (deal)",
        "'dee@example.com' (mail)",
    ]
    assert find_tokens("by Ann Archer.", tokens) == ["'Ann Archer' (name)"]


def test_the_org_charts_of_the_matrix() -> None:
    from tests.access.companies import COMPANIES

    def reach(company: str, slot: str) -> set[str] | None:
        c = COMPANIES[company]
        got = c.reach(c.user(slot))
        return None if got is None else set(got)

    # kpi_small: r3's manager " eve ernst" is shared by r5 and r8 (renamed): nobody's
    assert reach("kpi_small", "manager_a") == {"m1", "r1", "r8"}
    # chain r5 -> r7 (e-mail) -> r2 (name); teams of r5 (West) and r7 (Inside: r6 too)
    assert reach("kpi_small", "manager_b") == {"r2", "r4", "r5", "r6", "r7"}
    assert reach("kpi_small", "executive") is None
    # subs_small: r5 names r3 ("Cid Cole "); m1's team East
    assert reach("subs_small", "manager_a") == {"m1", "r1", "r2"}
    assert reach("subs_small", "manager_b") == {"r3", "r4", "r5"}
    # ops_small: r6 names r1 by name; r1 manages r6, so r1's team (East) — no new rep
    assert reach("ops_small", "manager_a") == {"m1", "r1", "r2", "r6"}
    assert reach("ops_small", "manager_b") == {"r3", "r4", "r6"}
