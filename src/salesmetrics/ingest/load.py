"""Store the checked rows in one transaction: all of them, or (on any failure) none.

Ctrl-C before COMMIT rolls everything back; Ctrl-C while COMMIT runs is held until it is done,
so the workspace is never left half-written and the user is told which of the two happened.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb

from salesmetrics.backends.duckdb import first_row, quote
from salesmetrics.ingest.report import Mode
from salesmetrics.ingest.rules import VALID, t
from salesmetrics.schema import Table

#: Fault-injection hooks for the crash and Ctrl-C tests: seconds to wait after inserting,
#: before COMMIT (interruptible), and inside the protected COMMIT section.
PAUSE_BEFORE_COMMIT_ENV = "SALESMETRICS_TEST_PAUSE_BEFORE_COMMIT"
PAUSE_IN_COMMIT_ENV = "SALESMETRICS_TEST_PAUSE_IN_COMMIT"

#: Extra statements of the same import (new accounts, links, settings); each may return a note.
Write = Callable[[duckdb.DuckDBPyConnection], str | None]


class CommitInterrupted(Exception):
    """Ctrl-C arrived while COMMIT ran; the import is committed."""


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = first_row(con, sql)
    return int(row[0]) if row and row[0] is not None else 0


def _pause(env: str) -> None:
    value = os.environ.get(env)
    if value:
        time.sleep(float(value))


@contextmanager
def held_interrupts() -> Iterator[list[int]]:
    """Hold SIGINT until the block ends (main thread only); yields the signals received."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: received.append(signum))
    try:
        yield received
    finally:
        signal.signal(signal.SIGINT, previous)


def store(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    mode: Mode,
    step: Callable[[str], None],
    writes: list[Write] | None = None,
) -> tuple[int, int, int, list[str]]:
    """Insert the rows of ``VALID`` into ``table`` and run ``writes``, in one transaction.

    Returns (inserted, replaced, removed, notes of the writes). ``upsert`` replaces stored
    rows with the same key (empty key parts compare equal); ``replace`` empties the table
    first. Raises ``CommitInterrupted`` after committing when Ctrl-C came during COMMIT.
    """
    target = quote(table.name)
    names = ", ".join(quote(c) for c in table.column_names)
    values = ", ".join(f"{t(c)}" for c in table.column_names)
    notes: list[str] = []
    con.execute("BEGIN TRANSACTION")
    try:
        replaced = removed = 0
        if mode == "replace":
            removed = _count(con, f"SELECT count(*) FROM {target}")
            con.execute(f"DELETE FROM {target}")
        else:
            replaced = _delete_matching(con, table)
        total = _count(con, f"INSERT INTO {target} ({names}) SELECT {values} FROM {VALID}")
        for write in writes or []:
            note = write(con)
            if note:
                notes.append(note)
        step("committing")
        _pause(PAUSE_BEFORE_COMMIT_ENV)
        with held_interrupts() as received:
            _pause(PAUSE_IN_COMMIT_ENV)
            con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    if received:
        raise CommitInterrupted(total - replaced, replaced, removed, notes)
    return total - replaced, replaced, removed, notes


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
