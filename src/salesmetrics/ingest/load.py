"""Store the checked rows in one transaction: all of them, or (on any failure) none."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import duckdb

from salesmetrics.backends.duckdb import first_row, quote
from salesmetrics.ingest.report import Mode
from salesmetrics.ingest.rules import VALID, t
from salesmetrics.schema import Table

#: Fault-injection hook for the crash test: seconds to wait after inserting, before COMMIT.
PAUSE_BEFORE_COMMIT_ENV = "SALESMETRICS_TEST_PAUSE_BEFORE_COMMIT"


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = first_row(con, sql)
    return int(row[0]) if row and row[0] is not None else 0


def store(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    mode: Mode,
    step: Callable[[str], None],
) -> tuple[int, int, int]:
    """Insert the rows of ``VALID`` into ``table``; returns (inserted, replaced, removed).

    ``upsert`` replaces stored rows with the same key (empty key parts compare equal);
    ``replace`` empties the table first.
    """
    target = quote(table.name)
    names = ", ".join(quote(c) for c in table.column_names)
    values = ", ".join(f"{t(c)}" for c in table.column_names)
    con.execute("BEGIN TRANSACTION")
    try:
        replaced = removed = 0
        if mode == "replace":
            removed = _count(con, f"SELECT count(*) FROM {target}")
            con.execute(f"DELETE FROM {target}")
        else:
            replaced = _delete_matching(con, table)
        total = _count(con, f"INSERT INTO {target} ({names}) SELECT {values} FROM {VALID}")
        step("committing")
        pause = os.environ.get(PAUSE_BEFORE_COMMIT_ENV)
        if pause:
            time.sleep(float(pause))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return total - replaced, replaced, removed


def _delete_matching(con: duckdb.DuckDBPyConnection, table: Table) -> int:
    """Delete the stored rows whose key appears in ``VALID``; returns how many."""
    target = quote(table.name)
    if len(table.key) == 1:
        key = table.key[0]
        where = f"{quote(key)} IN (SELECT {t(key)} FROM {VALID})"
        return _count(con, f"DELETE FROM {target} WHERE {where}")
    keys = ", ".join(t(k) for k in table.key)
    match = " AND ".join(f"{target}.{quote(k)} IS NOT DISTINCT FROM n.{t(k)}" for k in table.key)
    return _count(
        con, f"DELETE FROM {target} USING (SELECT DISTINCT {keys} FROM {VALID}) n WHERE {match}"
    )
