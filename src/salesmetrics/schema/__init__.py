"""The canonical data model of spec/schema.md as plain data; imports no database code."""

from __future__ import annotations

from salesmetrics.errors import UnknownNameError
from salesmetrics.schema.model import Column, ColumnType, Table
from salesmetrics.schema.tables import ALL_TABLES

#: Bumped whenever the stored layout changes; workspaces record the version they hold.
#: 2: leads.converted_opportunity_id.
SCHEMA_VERSION = 2

TABLES: dict[str, Table] = {t.name: t for t in ALL_TABLES}


def get_table(name: str) -> Table:
    """The canonical table called ``name``; unknown names answer 'did you mean …?'."""
    table = TABLES.get(name.strip().lower())
    if table is None:
        raise UnknownNameError("table", name, TABLES)
    return table


def dimensions() -> dict[str, tuple[str, str]]:
    """Every dimension name mapped to the (table, column) it is read from."""
    found: dict[str, tuple[str, str]] = {}
    for table in ALL_TABLES:
        for column in table.columns:
            if column.dimension and column.dimension not in found:
                found[column.dimension] = (table.name, column.name)
    return found


__all__ = ["SCHEMA_VERSION", "TABLES", "Column", "ColumnType", "Table", "dimensions", "get_table"]
