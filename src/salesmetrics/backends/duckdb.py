"""The embedded DuckDB backend: connect, and the DDL of the canonical tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from salesmetrics.schema import Column, Table

#: How each canonical column type is stored in DuckDB.
SQL_TYPES = {
    "str": "VARCHAR",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "money": "DECIMAL(18,4)",
    "int": "BIGINT",
    "float": "DOUBLE",
    "bool": "BOOLEAN",
}


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (or create) the DuckDB file at ``path``.

    DuckDB's own progress bar is switched off: it writes to stdout on long queries, which
    would corrupt JSON and CSV output. salesmetrics shows its own progress with Rich.
    """
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute("SET enable_progress_bar = false")
    return con


def first_row(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    parameters: list[Any] | dict[str, Any] | None = None,
) -> tuple[Any, ...] | None:
    """The first row of a query that returns few rows, reading the result to its end.

    DuckDB keeps a result that was only partly read (``fetchone``) open on the connection,
    and the Ibis backend sharing that connection then fails with "unfinished result".
    """
    rows = con.execute(sql, parameters or []).fetchall()
    return rows[0] if rows else None


def quote(name: str) -> str:
    """A safely quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def column_ddl(column: Column) -> str:
    return f"{quote(column.name)} {SQL_TYPES[column.type]}"


def create_table_sql(table: Table, name: str | None = None) -> str:
    """CREATE TABLE for a canonical table (optionally under another name, e.g. staging)."""
    cols = ",\n  ".join(column_ddl(c) for c in table.columns)
    return f"CREATE TABLE IF NOT EXISTS {quote(name or table.name)} (\n  {cols}\n)"


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {r[0] for r in rows}


def existing_columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = 'main' AND table_name = ?",
        [table],
    ).fetchall()
    return {r[0] for r in rows}
