"""Each data-quality check flags exactly the planted rows and nothing on clean data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from salesmetrics.quality import CHECKS, Finding, run_checks, workspace_today
from salesmetrics.schema import get_table
from salesmetrics.workspace import Workspace
from tests.quality.data import TODAY, clean_workspace, insert, opp, sub


def by_id(findings: list[Finding]) -> dict[str, Finding]:
    return {f.check: f for f in findings}


def test_clean_data_passes_every_check(tmp_path: Path) -> None:
    with clean_workspace(tmp_path) as ws:
        findings = run_checks(ws, today=TODAY)
    assert [f.check for f in findings] == [c.id for c in CHECKS]
    flagged = {f.check: f.examples for f in findings if not f.passed}
    assert flagged == {}


def test_check_ids_are_unique_and_name_their_table() -> None:
    ids = [c.id for c in CHECKS]
    assert len(ids) == len(set(ids))
    assert all(c.id.startswith(c.table + ".") for c in CHECKS)


# (check id, table, rows to plant, the examples the check must report)
PLANTED: list[tuple[str, str, list[dict[str, Any]], list[str]]] = [
    (
        "opportunities.won_without_amount",
        "opportunities",
        [opp("x1", amount=None), opp("x2", status="open", amount=None)],
        ["x1"],
    ),
    (
        "opportunities.closed_without_close_date",
        "opportunities",
        [opp("x1", close_date=None), opp("x2", status="lost", close_date=None)],
        ["x1", "x2"],
    ),
    (
        "opportunities.close_before_created",
        "opportunities",
        [opp("x1", created_at="2024-03-10 10:00:00", close_date="2024-03-09")],
        ["x1"],
    ),
    (
        "opportunities.open_past_close_date",
        "opportunities",
        [
            opp("x1", status="open", close_date="2024-06-14"),
            opp("x2", status="won", close_date="2024-06-14"),
        ],
        ["x1"],
    ),
    (
        "opportunities.probability_out_of_range",
        "opportunities",
        [opp("x1", probability=-1), opp("x2", probability=100.5), opp("x3", probability=99.9)],
        ["x1", "x2"],
    ),
    (
        "activities.unknown_rep",
        "activities",
        [
            {"activity_id": "x1", "rep_id": "ghost", "type": "call", "occurred_at": "2024-01-01"},
            {"activity_id": "x2", "rep_id": "R1", "type": "call", "occurred_at": "2024-01-01"},
        ],
        ["x1", "x2"],
    ),
    ("opportunities.unknown_rep", "opportunities", [opp("x1", owner_rep_id="ghost")], ["x1"]),
    (
        "leads.unknown_rep",
        "leads",
        [{"lead_id": "x1", "created_at": "2024-01-01", "owner_rep_id": "ghost"}],
        ["x1"],
    ),
    (
        "quotas.unknown_rep",
        "quotas",
        [
            {
                "rep_id": "gone",
                "period_start": "2024-01-01",
                "period_end": "2024-03-31",
                "amount": 1,
            },
            {"rep_id": "r1", "period_start": "2024-01-01", "period_end": "2024-03-31", "amount": 1},
        ],
        ["gone"],
    ),
    (
        "surveys.score_out_of_range",
        "surveys",
        [
            {"response_id": "x1", "type": "nps", "score": 11, "responded_at": "2024-01-01"},
            {"response_id": "x2", "type": "csat", "score": 0, "responded_at": "2024-01-01"},
            {"response_id": "x3", "type": "NPS", "score": -1, "responded_at": "2024-01-01"},
            {"response_id": "y1", "type": "nps", "score": 0, "responded_at": "2024-01-01"},
            {"response_id": "y2", "type": "nps", "score": 10, "responded_at": "2024-01-01"},
            {"response_id": "y3", "type": "csat", "score": 5, "responded_at": "2024-01-01"},
            {"response_id": "y4", "type": "csat", "score": 1, "responded_at": "2024-01-01"},
        ],
        ["x1", "x2", "x3"],
    ),
    ("accounts.unknown_rep", "accounts", [{"account_id": "x1", "owner_rep_id": "g"}], ["x1"]),
    ("opportunities.unknown_account", "opportunities", [opp("x1", account_id="zz")], ["x1"]),
    (
        "leads.unknown_account",
        "leads",
        [{"lead_id": "x1", "created_at": "2024-01-01", "account_id": "zz"}],
        ["x1"],
    ),
    (
        "activities.unknown_account",
        "activities",
        [
            {
                "activity_id": "x1",
                "rep_id": "r1",
                "type": "call",
                "occurred_at": "2024-01-01",
                "account_id": "zz",
            }
        ],
        ["x1"],
    ),
    (
        "subscriptions.unknown_account",
        "subscriptions",
        [sub("x1", "2020-01-01", None, account_id="zz")],
        ["x1"],
    ),
    (
        "invoices.unknown_account",
        "invoices",
        [{"invoice_id": "x1", "account_id": "zz", "issued_at": "2024-01-01", "amount": 1}],
        ["x1"],
    ),
    (
        "surveys.unknown_account",
        "surveys",
        [
            {
                "response_id": "x1",
                "type": "nps",
                "score": 3,
                "responded_at": "2024-01-01",
                "account_id": "zz",
            }
        ],
        ["x1"],
    ),
    (
        "subscriptions.overlapping",
        "subscriptions",
        [
            # one day in common (end_date exclusive: x1 runs through 2021-02-28)
            sub("x1", "2021-01-01", "2021-03-01", account_id="b1"),
            sub("x2", "2021-02-28", "2021-04-01", account_id="b1"),
            # an open-ended row overlaps one far in the future
            sub("x3", "2021-01-01", None, account_id="b2"),
            sub("x4", "2030-01-01", "2030-02-01", account_id="b2"),
            # one long row containing two that do not overlap each other
            sub("x5", "2021-01-01", "2022-01-01", account_id="b3"),
            sub("x6", "2021-03-01", "2021-04-01", account_id="b3"),
            sub("x7", "2021-05-01", "2021-06-01", account_id="b3"),
            # the same start day, no plan
            sub("x8", "2021-01-01", "2021-01-02", account_id="b4", plan=None),
            sub("x9", "2021-01-01", "2021-01-05", account_id="b4", plan=None),
            # adjacent rows of another account: not overlapping
            sub("y1", "2021-01-01", "2021-02-01", account_id="b5"),
            sub("y2", "2021-02-01", None, account_id="b5"),
        ],
        ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"],
    ),
    (
        "opportunities.no_rate_before_date",
        "opportunities",
        [opp("x1", currency="EUR", created_at="2023-12-31 23:00:00"), opp("x2", currency="GBP")],
        ["x1"],
    ),
    (
        "subscriptions.no_rate_before_date",
        "subscriptions",
        [sub("x1", "2023-12-31", "2024-01-01", currency="eur", account_id="b1")],
        ["x1"],
    ),
    (
        "invoices.no_rate_before_date",
        "invoices",
        [
            {
                "invoice_id": "x1",
                "account_id": "a1",
                "issued_at": "2023-05-01",
                "amount": 1,
                "currency": " EUR ",
            }
        ],
        ["x1"],
    ),
    (
        "opportunity_history.probability_out_of_range",
        "opportunity_history",
        [{"opportunity_id": "o2", "changed_at": "2024-01-01", "probability": 101}],
        ["o2"],
    ),
    (
        "subscriptions.end_before_start",
        "subscriptions",
        [
            sub("x1", "2021-05-01", "2021-04-30", account_id="b1"),
            sub("y1", "2021-05-01", "2021-05-01"),
        ],
        ["x1"],
    ),
    (
        "opportunity_history.unknown_opportunity",
        "opportunity_history",
        [{"opportunity_id": "gone", "changed_at": "2024-01-01"}],
        ["gone"],
    ),
]


@pytest.mark.parametrize(
    ("check_id", "table", "rows", "expected"), PLANTED, ids=[case[0] for case in PLANTED]
)
def test_each_check_finds_exactly_the_planted_rows(
    tmp_path: Path, check_id: str, table: str, rows: list[dict[str, Any]], expected: list[str]
) -> None:
    with clean_workspace(tmp_path) as ws:
        insert(ws, table, *rows)
        finding = by_id(run_checks(ws, today=TODAY, examples=50))[check_id]
    assert finding.examples == expected
    assert finding.count == len(expected)
    assert finding.table == table
    assert finding.examples_of == ("rep_id" if table == "quotas" else "id")
    assert not finding.passed


DUPLICATED = {  # a table with a one-column key -> an id of the clean data
    "reps": "r1",
    "accounts": "a1",
    "leads": "l1",
    "opportunities": "o1",
    "activities": "ac1",
    "subscriptions": "s1",
    "invoices": "i1",
    "surveys": "sv1",
}


@pytest.mark.parametrize(("table", "row_id"), DUPLICATED.items())
def test_duplicate_ids_are_found(tmp_path: Path, table: str, row_id: str) -> None:
    key = get_table(table).key[0]
    with clean_workspace(tmp_path) as ws:
        ws.con.execute(f"INSERT INTO {table} SELECT * FROM {table} WHERE {key} = ?", [row_id])
        findings = run_checks(ws, today=TODAY)
    flagged = {f.check: (f.count, f.examples) for f in findings if not f.passed}
    expected = {f"{table}.duplicate_id": (2, [row_id])}
    if table == "subscriptions":  # two copies of one row are also active on the same days
        expected["subscriptions.overlapping"] = (2, [row_id])
    assert flagged == expected


def test_every_check_has_a_planted_case() -> None:
    planted = (
        {case[0] for case in PLANTED}
        | {f"{t}.duplicate_id" for t in DUPLICATED}
        | {
            "opportunities.currency_without_rate",
            "subscriptions.currency_without_rate",
            "invoices.currency_without_rate",
        }
    )
    assert planted == {c.id for c in CHECKS}


def test_currencies_without_any_rate_are_named_and_their_rows_counted(tmp_path: Path) -> None:
    with clean_workspace(tmp_path) as ws:
        insert(ws, "opportunities", opp("x1", currency="GBP"), opp("x2", currency="gbp"))
        insert(ws, "opportunities", opp("x3", currency="JPY"))
        insert(ws, "subscriptions", sub("x4", "2020-01-01", None, currency="CHF", plan="z"))
        insert(
            ws,
            "invoices",
            {"invoice_id": "x5", "account_id": "a1", "issued_at": "2024-01-01", "amount": 1},
        )
        findings = by_id(run_checks(ws, today=TODAY))
    opportunities = findings["opportunities.currency_without_rate"]
    assert (opportunities.count, opportunities.examples) == (3, ["GBP", "JPY"])
    assert opportunities.examples_of == "currency"
    assert findings["subscriptions.currency_without_rate"].examples == ["CHF"]
    assert findings["invoices.currency_without_rate"].passed
    # rows with no rate at all are not counted a second time as "before the first rate"
    assert findings["opportunities.no_rate_before_date"].passed


def test_the_base_currency_setting_needs_no_rate(tmp_path: Path) -> None:
    with clean_workspace(tmp_path) as ws:
        ws.set_setting("base_currency", "CHF")
        insert(ws, "opportunities", opp("x1", currency="chf"), opp("x2", currency="USD"))
        finding = by_id(run_checks(ws, today=TODAY))["opportunities.currency_without_rate"]
    # o7 holds "usd": with base CHF it needs a rate too
    assert (finding.count, finding.examples) == (2, ["USD"])


def test_today_decides_which_open_deals_are_overdue(tmp_path: Path) -> None:
    with clean_workspace(tmp_path) as ws:
        later = by_id(run_checks(ws, today=TODAY.replace(month=7)))
    assert later["opportunities.open_past_close_date"].examples == ["o4"]


def test_examples_are_capped_and_sorted_but_every_row_is_counted(tmp_path: Path) -> None:
    with clean_workspace(tmp_path) as ws:
        insert(ws, "opportunities", *[opp(f"x{i}", amount=None) for i in range(9, 0, -1)])
        two = by_id(run_checks(ws, today=TODAY, examples=2))["opportunities.won_without_amount"]
        none = by_id(run_checks(ws, today=TODAY, examples=0))["opportunities.won_without_amount"]
    assert (two.count, two.examples) == (9, ["x1", "x2"])
    assert (none.count, none.examples) == (9, [])


def test_a_fresh_workspace_passes_every_check(ws_path: Path) -> None:
    with Workspace(ws_path) as ws:
        findings = run_checks(ws)
    assert findings and all(f.passed for f in findings)


def test_today_defaults_to_the_date_in_the_workspace_time_zone(workspace: Workspace) -> None:
    workspace.set_setting("timezone", "Pacific/Kiritimati")  # UTC+14
    east = workspace_today(workspace)
    workspace.set_setting("timezone", "Pacific/Pago_Pago")  # UTC-11: always a day or two behind
    west = workspace_today(workspace)
    assert 1 <= (east - west).days <= 2
    # set_setting refuses unknown zones; a workspace written before that check may hold one.
    workspace.backend.write_meta("setting.timezone", '"Not/AZone"')
    assert west <= workspace_today(workspace) <= east
