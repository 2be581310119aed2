"""Bring an older workspace up to the current schema version, in one transaction."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from salesmetrics.backends.duckdb import (
    column_ddl,
    create_table_sql,
    existing_columns,
    existing_tables,
    first_row,
    quote,
)
from salesmetrics.schema import ALL_TABLES, SCHEMA_VERSION

META_TABLE = "_salesmetrics_meta"

Migration = Callable[[duckdb.DuckDBPyConnection], None]


def reconcile(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create missing canonical tables and add missing columns; returns what changed."""
    changes: list[str] = []
    present = existing_tables(con)
    for table in ALL_TABLES:
        if table.name not in present:
            con.execute(create_table_sql(table))
            changes.append(f"created table {table.name}")
            continue
        have = existing_columns(con, table.name)
        for column in table.columns:
            if column.name not in have:
                con.execute(f"ALTER TABLE {quote(table.name)} ADD COLUMN {column_ddl(column)}")
                changes.append(f"added column {table.name}.{column.name}")
    return changes


def reconcile_needed(con: duckdb.DuckDBPyConnection) -> bool:
    """True when a canonical table or column is missing (reconcile would change something)."""
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
    ).fetchall()
    present = set(rows)
    return any((t.name, c) not in present for t in ALL_TABLES for c in t.column_names)


#: Steps beyond reconcile, keyed by the version they upgrade *from*.
MIGRATIONS: dict[int, Migration] = {}


def read_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version stored in the workspace; 0 for a workspace that predates it."""
    if META_TABLE not in existing_tables(con):
        return 0
    row = first_row(con, f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'")
    return int(row[0]) if row else 0


def write_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute(f"DELETE FROM {META_TABLE} WHERE key = ?", [key])
    con.execute(f"INSERT INTO {META_TABLE} VALUES (?, ?)", [key, value])


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Upgrade the workspace to SCHEMA_VERSION atomically; returns what changed."""
    version = read_version(con)
    if version == SCHEMA_VERSION and not reconcile_needed(con):
        return []
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key VARCHAR, value VARCHAR)")
        changes = []
        for step_from in range(version, SCHEMA_VERSION):
            step = MIGRATIONS.get(step_from)
            if step is not None:
                step(con)
                changes.append(f"migrated from version {step_from}")
        changes += reconcile(con)
        write_meta(con, "schema_version", str(SCHEMA_VERSION))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return changes
