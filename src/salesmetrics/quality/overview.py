"""What a workspace holds: row counts and date ranges of every canonical table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.backends.duckdb import quote
from salesmetrics.schema import ALL_TABLES

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

#: The main date columns of each canonical table, whose ranges `tables` reports.
DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "reps": ("hire_date",),
    "quotas": ("period_start",),
    "accounts": ("created_at",),
    "leads": ("created_at",),
    "opportunities": ("created_at", "close_date"),
    "opportunity_history": ("changed_at",),
    "activities": ("occurred_at",),
    "subscriptions": ("start_date",),
    "invoices": ("issued_at",),
    "spend": ("date",),
    "web_stats": ("date",),
    "surveys": ("responded_at",),
    "targets": ("period_start",),
    "fx_rates": ("date",),
}


@dataclass(frozen=True)
class DateRange:
    """The earliest and latest day found in one column (None when it holds no dates)."""

    column: str
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True)
class TableSummary:
    """One canonical table: how many rows it holds and the span of its main dates."""

    table: str
    rows: int
    ranges: list[DateRange] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: ``{"table", "rows", "date_ranges": {column: {"min", "max"}}}``."""
        return {
            "table": self.table,
            "rows": self.rows,
            "date_ranges": {
                r.column: {
                    "min": r.first.isoformat() if r.first else None,
                    "max": r.last.isoformat() if r.last else None,
                }
                for r in self.ranges
            },
        }


def _summary_sql(table: str, columns: tuple[str, ...]) -> str:
    """One scan per table: its count and the min/max day of each date column."""
    parts = ["count(*)"]
    for column in columns:
        day = f"CAST({quote(column)} AS DATE)"
        parts += [f"min({day})", f"max({day})"]
    return f"SELECT {', '.join(parts)} FROM {quote(table)}"


def table_overview(workspace: Workspace) -> list[TableSummary]:
    """Row count and date ranges of every canonical table, in schema order."""
    summaries = []
    for table in ALL_TABLES:
        columns = DATE_COLUMNS.get(table.name, ())
        found = workspace.backend.rows(_summary_sql(table.name, columns))
        row = found[0] if found else None
        values: list[Any] = list(row) if row else [0] + [None] * (2 * len(columns))
        ranges = [
            DateRange(column, values[1 + 2 * i], values[2 + 2 * i])
            for i, column in enumerate(columns)
        ]
        summaries.append(TableSummary(table.name, int(values[0]), ranges))
    return summaries
