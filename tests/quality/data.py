"""Helpers for the quality tests: insert rows with SQL and build a clean workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from salesmetrics.workspace import Workspace

TODAY = dt.date(2024, 6, 15)


def insert(ws: Workspace, table: str, *rows: dict[str, Any]) -> None:
    """INSERT INTO ``table`` one row per dict, naming its columns."""
    for row in rows:
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        ws.con.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def opp(opportunity_id: str, **values: Any) -> dict[str, Any]:
    """An opportunity row: a clean won deal unless ``values`` say otherwise."""
    base = {
        "opportunity_id": opportunity_id,
        "created_at": "2024-02-01 09:30:00",
        "status": "won",
        "close_date": "2024-03-01",
        "amount": 1000,
        "owner_rep_id": "r1",
        "account_id": "a1",
        "probability": 50,
    }
    return {**base, **values}


def sub(subscription_id: str, start: str, end: str | None, **values: Any) -> dict[str, Any]:
    """A subscription row of account a1, plan pro, unless ``values`` say otherwise."""
    base = {"account_id": "a1", "plan": "pro", "mrr": 100}
    row = {"subscription_id": subscription_id, "start_date": start, "end_date": end}
    return {**row, **base, **values}


def fill_clean(ws: Workspace) -> None:
    """Clean data with every near miss the checks must not flag."""
    insert(
        ws,
        "reps",
        {"rep_id": "r1", "hire_date": "2023-01-01"},
        {"rep_id": "r2", "hire_date": "2023-06-01"},
    )
    insert(
        ws,
        "accounts",
        {"account_id": "a1", "owner_rep_id": "r1", "created_at": "2023-01-05 10:00:00"},
        {"account_id": "a2", "owner_rep_id": None},
        {"account_id": "a3", "owner_rep_id": ""},
    )
    insert(ws, "fx_rates", {"currency": "EUR", "date": "2024-01-01", "rate": 1.1})
    insert(
        ws,
        "opportunities",
        opp("o1"),
        opp("o2", status="lost", amount=None),  # only won deals need an amount
        opp("o3", status="open", close_date=None),  # no expected close date is allowed
        opp("o4", status="open", close_date=TODAY.isoformat()),  # due today: not overdue
        opp("o5", created_at="2024-03-01 23:59:00"),  # closed the day it was created
        opp("o6", probability=0, currency=""),
        opp("o7", probability=100, currency="usd"),  # base currency, any case
        opp("o8", currency="eur", created_at="2024-01-01 00:00:00"),  # rate that very day
        opp("o9", owner_rep_id=None, account_id=None, probability=None),
        opp("o10", owner_rep_id="", account_id=""),
        opp("o11", created_at="2024-01-02", close_date="2024-01-10"),  # closed in the past: fine
    )
    insert(
        ws,
        "leads",
        {"lead_id": "l1", "created_at": "2024-01-02", "owner_rep_id": "r2", "account_id": "a2"},
        {"lead_id": "l2", "created_at": "2024-01-03", "owner_rep_id": None, "account_id": None},
    )
    insert(
        ws,
        "activities",
        {"activity_id": "ac1", "rep_id": "r1", "type": "call", "occurred_at": "2024-02-02"},
        {
            "activity_id": "ac2",
            "rep_id": "r2",
            "type": "email",
            "occurred_at": "2024-02-03 08:00:00",
            "account_id": "a1",
        },
    )
    insert(
        ws,
        "subscriptions",
        sub("s1", "2024-01-01", "2024-02-01"),
        sub("s2", "2024-02-01", "2024-03-01"),  # starts the day s1 ends: adjacent
        sub("s3", "2024-03-01", None, currency="EUR"),  # open-ended, adjacent to s2
        sub("s4", "2024-01-15", None, plan="basic"),  # other plan, same days
        sub("s5", "2024-01-15", None, account_id="a2"),  # other account, same days
        sub("s6", "2024-02-10", "2024-02-10"),  # active on no day
        sub("s7", "2023-01-01", "2023-06-01", plan=None),
        sub("s8", "2023-06-01", None, plan=None),
    )
    insert(
        ws,
        "invoices",
        {"invoice_id": "i1", "account_id": "a1", "issued_at": "2024-02-01", "amount": 5},
        {
            "invoice_id": "i2",
            "account_id": "a2",
            "issued_at": "2024-02-01",
            "amount": 5,
            "currency": "EUR",
        },
    )
    insert(
        ws,
        "surveys",
        {"response_id": "sv1", "type": "nps", "score": 9, "responded_at": "2024-03-01"},
        {
            "response_id": "sv2",
            "type": "csat",
            "score": 4,
            "responded_at": "2024-03-02",
            "account_id": "a3",
        },
    )
    insert(
        ws,
        "opportunity_history",
        {"opportunity_id": "o1", "changed_at": "2024-02-05", "probability": 100},
    )


def clean_workspace(tmp_path: Path) -> Workspace:
    """A new workspace file in ``tmp_path`` holding the clean data."""
    ws = Workspace.create(tmp_path / "clean.duckdb")
    fill_clean(ws)
    return ws
