"""Small valid rows for every canonical table, and writers for CSV, XLSX and Parquet files."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import duckdb

from salesmetrics.backends.duckdb import quote
from salesmetrics.schema import get_table

#: Three valid rows per table, as the text a CSV export would hold.
VALID_ROWS: dict[str, list[dict[str, str]]] = {
    "reps": [
        {
            "rep_id": "r1",
            "name": "Ann",
            "email": "ann@x.io",
            "team": "East",
            "manager": "r3",
            "region": "EMEA",
            "role": "AE",
            "hire_date": "2023-01-02",
            "end_date": "",
        },
        {
            "rep_id": "r2",
            "name": "Bo",
            "email": "bo@x.io",
            "team": "East",
            "manager": "r3",
            "region": "EMEA",
            "role": "bdr",
            "hire_date": "2023-02-01",
            "end_date": "2024-06-30",
        },
        {
            "rep_id": "r3",
            "name": "Cy",
            "email": "cy@x.io",
            "team": "East",
            "manager": "",
            "region": "EMEA",
            "role": "manager",
            "hire_date": "2022-05-01",
            "end_date": "",
        },
    ],
    "quotas": [
        {
            "rep_id": "r1",
            "period_start": "2024-01-01",
            "period_end": "2024-03-31",
            "amount": "100000",
        },
        {
            "rep_id": "r1",
            "period_start": "2024-04-01",
            "period_end": "2024-06-30",
            "amount": "120,000.50",
        },
        {
            "rep_id": "r2",
            "period_start": "2024-01-01",
            "period_end": "2024-03-31",
            "amount": "$90,000",
        },
    ],
    "accounts": [
        {
            "account_id": "a1",
            "name": "Acme",
            "industry": "Retail",
            "segment": "smb",
            "country": "DE",
            "region": "EMEA",
            "employees": "120",
            "annual_revenue": "5000000",
            "owner_rep_id": "r1",
            "created_at": "2023-03-01 09:30:00",
        },
        {
            "account_id": "a2",
            "name": "Globex",
            "industry": "Tech",
            "segment": "enterprise",
            "country": "US",
            "region": "NA",
            "employees": "5,400",
            "annual_revenue": "",
            "owner_rep_id": "r2",
            "created_at": "2023-04-01",
        },
        {
            "account_id": "a3",
            "name": "Initech",
            "industry": "",
            "segment": "",
            "country": "",
            "region": "",
            "employees": "",
            "annual_revenue": "1234.5",
            "owner_rep_id": "",
            "created_at": "",
        },
    ],
    "leads": [
        {
            "lead_id": "l1",
            "created_at": "2024-01-05 10:00:00",
            "source": "web",
            "owner_rep_id": "r1",
            "account_id": "a1",
            "mql_at": "2024-01-06",
            "sql_at": "",
            "first_response_at": "2024-01-05T11:00:00",
            "disqualified_at": "",
            "converted_opportunity_id": "",
        },
        {
            "lead_id": "l2",
            "created_at": "2024-01-07",
            "source": "event",
            "owner_rep_id": "",
            "account_id": "",
            "mql_at": "",
            "sql_at": "",
            "first_response_at": "",
            "disqualified_at": "2024-02-01",
            "converted_opportunity_id": "",
        },
        {
            "lead_id": "l3",
            "created_at": "2024-01-09 08:15",
            "source": "",
            "owner_rep_id": "r2",
            "account_id": "a2",
            "mql_at": "2024-01-10",
            "sql_at": "2024-01-12",
            "first_response_at": "",
            "disqualified_at": "",
            "converted_opportunity_id": "o2",
        },
    ],
    "opportunities": [
        {
            "opportunity_id": "o1",
            "created_at": "2024-01-01 09:00:00",
            "status": "Closed Won",
            "close_date": "2024-02-15",
            "amount": "12,500.00",
            "currency": "EUR",
            "stage": "Closed",
            "probability": "100",
            "owner_rep_id": "r1",
            "account_id": "a1",
            "lead_id": "l1",
            "source": "web",
            "type": "new",
            "product": "Pro",
            "contract_months": "12",
        },
        {
            "opportunity_id": "o2",
            "created_at": "2024-01-03",
            "status": "open",
            "close_date": "2024-05-01",
            "amount": "800",
            "currency": "",
            "stage": "Demo",
            "probability": "40",
            "owner_rep_id": "r2",
            "account_id": "a2",
            "lead_id": "",
            "source": "",
            "type": "upsell",
            "product": "",
            "contract_months": "",
        },
        {
            "opportunity_id": "o3",
            "created_at": "2024-02-01",
            "status": "lost",
            "close_date": "2024-03-01",
            "amount": "",
            "currency": "",
            "stage": "",
            "probability": "",
            "owner_rep_id": "",
            "account_id": "",
            "lead_id": "",
            "source": "",
            "type": "renewal",
            "product": "",
            "contract_months": "24",
        },
    ],
    "opportunity_history": [
        {
            "opportunity_id": "o1",
            "changed_at": "2024-01-01 09:00",
            "stage": "Discovery",
            "status": "open",
            "amount": "10000",
            "probability": "10",
            "close_date": "2024-03-01",
        },
        {
            "opportunity_id": "o1",
            "changed_at": "2024-02-15 12:00",
            "stage": "Closed",
            "status": "won",
            "amount": "12500",
            "probability": "100",
            "close_date": "2024-02-15",
        },
        {
            "opportunity_id": "o2",
            "changed_at": "2024-01-03",
            "stage": "",
            "status": "",
            "amount": "",
            "probability": "",
            "close_date": "",
        },
    ],
    "activities": [
        {
            "activity_id": "x1",
            "rep_id": "r1",
            "type": "Phone Call",
            "occurred_at": "2024-01-02",
            "account_id": "a1",
            "lead_id": "",
            "opportunity_id": "o1",
            "direction": "out",
            "duration_minutes": "12.5",
            "opened": "",
            "replied": "",
            "due_at": "",
            "completed_at": "",
        },
        {
            "activity_id": "x2",
            "rep_id": "r1",
            "type": "email",
            "occurred_at": "2024-01-03 10:00",
            "account_id": "",
            "lead_id": "l1",
            "opportunity_id": "",
            "direction": "outbound",
            "duration_minutes": "",
            "opened": "yes",
            "replied": "0",
            "due_at": "",
            "completed_at": "",
        },
        {
            "activity_id": "x3",
            "rep_id": "r2",
            "type": "task",
            "occurred_at": "2024-01-04",
            "account_id": "",
            "lead_id": "",
            "opportunity_id": "",
            "direction": "",
            "duration_minutes": "",
            "opened": "",
            "replied": "",
            "due_at": "2024-01-10",
            "completed_at": "2024-01-09 17:00",
        },
    ],
    "subscriptions": [
        {
            "subscription_id": "s1",
            "account_id": "a1",
            "start_date": "2024-01-01",
            "end_date": "2024-07-01",
            "mrr": "1000",
            "currency": "EUR",
            "plan": "Pro",
        },
        {
            "subscription_id": "s2",
            "account_id": "a1",
            "start_date": "2024-07-01",
            "end_date": "",
            "mrr": "1,250.25",
            "currency": "",
            "plan": "Pro",
        },
        {
            "subscription_id": "s3",
            "account_id": "a2",
            "start_date": "2024-02-01",
            "end_date": "",
            "mrr": "99.99",
            "currency": "",
            "plan": "",
        },
    ],
    "invoices": [
        {
            "invoice_id": "i1",
            "account_id": "a1",
            "issued_at": "2024-01-31",
            "amount": "1000",
            "due_at": "2024-02-29",
            "paid_at": "2024-02-20",
            "currency": "EUR",
        },
        {
            "invoice_id": "i2",
            "account_id": "a1",
            "issued_at": "2024-02-29",
            "amount": "1000.5",
            "due_at": "",
            "paid_at": "",
            "currency": "",
        },
        {
            "invoice_id": "i3",
            "account_id": "a2",
            "issued_at": "2024-03-31",
            "amount": "$99.99",
            "due_at": "",
            "paid_at": "",
            "currency": "",
        },
    ],
    "spend": [
        {
            "date": "2024-01-01",
            "amount": "500",
            "category": "Marketing",
            "channel": "linkedin",
            "campaign": "Q1",
        },
        {
            "date": "2024-01-01",
            "amount": "250",
            "category": "marketing",
            "channel": "linkedin",
            "campaign": "",
        },
        {"date": "2024-01-01", "amount": "900", "category": "sales", "channel": "", "campaign": ""},
    ],
    "web_stats": [
        {
            "date": "2024-01-01",
            "channel": "google_ads",
            "impressions": "10000",
            "clicks": "300",
            "visitors": "250",
            "bounces": "100",
            "conversions": "12",
            "attributed_revenue": "1500",
        },
        {
            "date": "2024-01-01",
            "channel": "linkedin",
            "impressions": "5,000",
            "clicks": "80",
            "visitors": "70",
            "bounces": "",
            "conversions": "",
            "attributed_revenue": "",
        },
        {
            "date": "2024-01-02",
            "channel": "google_ads",
            "impressions": "",
            "clicks": "",
            "visitors": "",
            "bounces": "",
            "conversions": "",
            "attributed_revenue": "",
        },
    ],
    "surveys": [
        {
            "response_id": "v1",
            "type": "NPS",
            "score": "9",
            "responded_at": "2024-01-05",
            "account_id": "a1",
        },
        {
            "response_id": "v2",
            "type": "csat",
            "score": "1",
            "responded_at": "2024-01-06 10:00",
            "account_id": "",
        },
        {
            "response_id": "v3",
            "type": "nps",
            "score": "0",
            "responded_at": "2024-01-07",
            "account_id": "a2",
        },
    ],
    "targets": [
        {
            "kpi": "revenue",
            "period_start": "2024-01-01",
            "period_end": "2024-03-31",
            "value": "250000",
            "dimension": "",
            "dimension_value": "",
        },
        {
            "kpi": "revenue",
            "period_start": "2024-01-01",
            "period_end": "2024-03-31",
            "value": "90000",
            "dimension": "team",
            "dimension_value": "East",
        },
        {
            "kpi": "win_rate",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "value": "0.25",
            "dimension": "",
            "dimension_value": "",
        },
    ],
    "fx_rates": [
        {"currency": "EUR", "date": "2024-01-01", "rate": "1.1"},
        {"currency": "EUR", "date": "2024-02-01", "rate": "1.08"},
        {"currency": "GBP", "date": "2024-01-01", "rate": "1.27"},
    ],
}


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    header: list[str] | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """Write ``rows`` (dicts keyed by canonical names) under ``header`` (default: the keys)."""
    keys = list(rows[0]) if rows else list(header or [])
    names = header or keys
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(names)
        for row in rows:
            writer.writerow([row.get(k, "") for k in keys])
    return path


def write_lines(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    """Write raw CSV lines exactly."""
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[dict[str, str]], sheet: str = "Sheet1") -> Path:
    """An .xlsx with a header row; empty strings become empty cells."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    keys = list(rows[0])
    ws.append(keys)
    for row in rows:
        ws.append([row[k] if row[k] != "" else None for k in keys])
    book.save(path)
    return path


def write_parquet(path: Path, rows: list[dict[str, str]]) -> Path:
    """A Parquet file of string columns (empty strings as nulls)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    keys = list(rows[0])
    table = pa.table({k: [row[k] or None for row in rows] for k in keys})
    pq.write_table(table, path)
    return path


def rows_of(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[Any, ...]]:
    """Every row of ``table`` in a stable order."""
    columns = ", ".join(quote(c) for c in get_table(table).column_names)
    return con.execute(f"SELECT {columns} FROM {quote(table)} ORDER BY ALL").fetchall()


def table_rows(ws_path: Path, table: str) -> list[tuple[Any, ...]]:
    """Every row of ``table`` of the (closed) workspace file ``ws_path``."""
    con = duckdb.connect(str(ws_path), read_only=True)
    try:
        return rows_of(con, table)
    finally:
        con.close()
