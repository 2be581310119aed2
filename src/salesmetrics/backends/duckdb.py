"""The embedded DuckDB backend: connect, and the DDL of the canonical tables."""

from __future__ import annotations

from pathlib import Path

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
