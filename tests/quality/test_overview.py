"""`table_overview`: row counts and date ranges of every canonical table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from salesmetrics.quality import DATE_COLUMNS, table_overview
from salesmetrics.schema import TABLES, get_table
from salesmetrics.workspace import Workspace
from tests.quality.data import clean_workspace, insert, opp


def test_every_table_and_date_column_is_covered() -> None:
    assert set(DATE_COLUMNS) == set(TABLES)
    for table, columns in DATE_COLUMNS.items():
        for column in columns:
            assert get_table(table).column(column).type in ("date", "timestamp")


def test_empty_workspace_has_zero_rows_and_no_dates(workspace: Workspace) -> None:
    summaries = table_overview(workspace)
    assert [s.table for s in summaries] == list(TABLES)
    assert all(s.rows == 0 for s in summaries)
    assert all(r.first is None and r.last is None for s in summaries for r in s.ranges)
    assert summaries[0].to_dict() == {
        "table": "reps",
        "rows": 0,
        "date_ranges": {"hire_date": {"min": None, "max": None}},
    }


def test_counts_and_ranges_follow_the_rows(tmp_path: Path) -> None:
    with clean_workspace(tmp_path) as ws:
        insert(
            ws,
            "opportunities",
            opp("late", created_at="2025-12-31 23:59:59", close_date=None),
            opp("early", created_at="2022-01-01 00:00:01", close_date="2021-06-30"),
        )
        expected_opportunities = ws.row_count("opportunities")
        summaries = {s.table: s for s in table_overview(ws)}
    opportunities = summaries["opportunities"]
    assert opportunities.rows == expected_opportunities == 13
    created, closed = opportunities.ranges
    assert (created.column, created.first, created.last) == (
        "created_at",
        dt.date(2022, 1, 1),
        dt.date(2025, 12, 31),
    )
    assert (closed.column, closed.first, closed.last) == (
        "close_date",
        dt.date(2021, 6, 30),
        dt.date(2024, 6, 15),
    )
    subscriptions = summaries["subscriptions"].to_dict()
    assert subscriptions == {
        "table": "subscriptions",
        "rows": 8,
        "date_ranges": {"start_date": {"min": "2023-01-01", "max": "2024-03-01"}},
    }
    assert summaries["spend"].rows == 0
    assert summaries["activities"].ranges[0].last == dt.date(2024, 2, 3)
