"""The one small interface every engine that holds a workspace implements.

Everything above ``backends/`` talks to a workspace through this: SQL goes in the backend's
dialect (the engine compiles Ibis expressions to it; the few hand-written statements are written
for DuckDB and transpiled by sqlglot), rows come back as tuples or pandas frames, and imports
hand their checked rows over from a local DuckDB staging connection.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import duckdb
    import pandas as pd
    import pyarrow as pa

    from salesmetrics.schema import Column, Table

Mode = Literal["upsert", "replace"]
META_TABLE = "_salesmetrics_meta"


class Session(ABC):
    """One request's handle on the backend: safe to use while other threads use theirs."""

    @abstractmethod
    def rows(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run a query (backend dialect): its column names and rows (plain Python values)."""

    def frame(self, sql: str) -> pd.DataFrame:
        """Run a query and return its result as a pandas frame."""
        import pandas as pd

        names, rows = self.rows(sql)
        return pd.DataFrame.from_records(rows, columns=names)

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the handle."""


@dataclass(frozen=True)
class Loaded:
    """What storing an import did."""

    inserted: int
    replaced: int
    removed: int


class Backend(ABC):
    """An engine holding the canonical tables of one workspace."""

    #: Short engine name: duckdb, postgres, pyspark.
    kind: str
    #: The SQL dialect Ibis and sqlglot call it.
    dialect: str
    #: Whether window functions take IGNORE NULLS (FIRST_VALUE/LAST_VALUE skipping nulls).
    windows_ignore_nulls: bool = True
    read_only: bool = False

    @property
    @abstractmethod
    def display(self) -> str:
        """Where the workspace is, for messages: never a password or token."""

    def quote(self, name: str) -> str:
        """An identifier quoted as this dialect quotes it."""
        return '"' + name.replace('"', '""') + '"'

    def inline_dates(self, names: list[str], rows: list[tuple[Any, ...]]) -> str:
        """A subquery listing ``rows`` of dates (``datetime.date``, or small ints) as columns
        ``names``."""
        values = ", ".join(
            "(" + ", ".join(inline_literal(value) for value in row) + ")" for row in rows
        )
        return f"(SELECT * FROM (VALUES {values}) AS v({', '.join(names)}))"

    def inline_strings(self, values: list[str]) -> str:
        """``values`` as a comma-separated list of string literals (an ``IN`` list)."""
        return ", ".join("'" + v.replace("'", "''") + "'" for v in values)

    # -- catalog -----------------------------------------------------------------------
    @abstractmethod
    def tables(self) -> set[str]:
        """Names of the tables in the workspace's schema or database."""

    @abstractmethod
    def columns(self) -> set[tuple[str, str]]:
        """(table, column) of every column of the workspace's tables."""

    @abstractmethod
    def create_table(self, table: Table) -> None:
        """Create a canonical table (empty)."""

    @abstractmethod
    def add_column(self, table: Table, column: Column) -> None:
        """Add a canonical column to a stored table."""

    # -- statements on the shared connection (one thread) ---------------------------------
    @abstractmethod
    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """All rows of a (small) query; ``?`` placeholders take ``params``."""

    @abstractmethod
    def execute(self, sql: str, params: list[Any] | None = None) -> int:
        """Run a statement; returns the rows it changed (-1 when the engine does not say)."""

    def frame(self, sql: str) -> pd.DataFrame:
        with self.session() as session:
            return session.frame(sql)

    @abstractmethod
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together or not at all (as far as the engine can)."""

    @abstractmethod
    @contextmanager
    def session(self) -> Iterator[Session]:
        """A handle for one request (queries run concurrently from several threads)."""

    # -- settings (the meta table) ----------------------------------------------------------
    def read_meta(self, key: str) -> str | None:
        found = self.rows(f"SELECT value FROM {META_TABLE} WHERE key = ?", [key])
        return str(found[0][0]) if found else None

    def read_meta_record(self, key: str) -> dict[str, Any] | None:
        """The meta value of ``key`` as a JSON object; None when absent or not one."""
        raw = self.read_meta(key)
        if not raw:
            return None
        try:
            found = json.loads(raw)
        except ValueError:
            return None
        return found if isinstance(found, dict) else None

    def write_meta(self, key: str, value: str) -> None:
        self.execute(f"DELETE FROM {META_TABLE} WHERE key = ?", [key])
        self.execute(f"INSERT INTO {META_TABLE} VALUES (?, ?)", [key, value])

    def create_meta(self) -> None:
        self.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key VARCHAR, value VARCHAR)")

    # -- imports ----------------------------------------------------------------------------
    @abstractmethod
    @contextmanager
    def staging(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The DuckDB connection imports read, parse and check files on."""

    @abstractmethod
    def mirror(self, staging: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> None:
        """Make ``table`` (these columns) readable by name on ``staging`` (no-op on DuckDB)."""

    @abstractmethod
    def load(self, table: Table, staging: duckdb.DuckDBPyConnection, relation: str, mode: Mode,
             columns: list[str]) -> Loaded:  # fmt: skip
        """Store the rows of ``relation`` (on ``staging``; its ``columns`` in the table's
        column order) into ``table``: upsert by key, or replace the whole table."""

    @abstractmethod
    def insert_rows(self, table: str, data: pa.Table) -> int:
        """Append rows (columns named like the table's)."""

    @abstractmethod
    def update_column(self, table: str, key: str, column: str, mapping: pa.Table,
                      only_null: bool = False) -> int:  # fmt: skip
        """``SET column = mapping.value WHERE key = mapping.key`` (and column IS NULL)."""

    @abstractmethod
    def delete_keys(self, table: str, key: str, keys: pa.Table) -> int:
        """Delete the rows whose ``key`` is in ``keys.key``."""

    # -- whole tables ------------------------------------------------------------------------
    @abstractmethod
    def replace_table(self, table: Table, data: pa.Table) -> None:
        """Make ``table`` hold exactly ``data`` (the demo, copies between workspaces)."""

    @abstractmethod
    def close(self) -> None:
        """Close every connection."""


# -- commits that Ctrl-C cannot cut short ---------------------------------------------------
#: Fault-injection hooks for the crash and Ctrl-C tests: seconds to wait after the work of a
#: transaction, before COMMIT (interruptible), and inside the protected COMMIT section.
PAUSE_BEFORE_COMMIT_ENV = "SALESMETRICS_TEST_PAUSE_BEFORE_COMMIT"
PAUSE_IN_COMMIT_ENV = "SALESMETRICS_TEST_PAUSE_IN_COMMIT"


class CommitInterrupted(Exception):
    """Ctrl-C arrived while COMMIT ran; everything is committed."""


def pause(env: str) -> None:
    import os
    import time

    value = os.environ.get(env)
    if value:
        time.sleep(float(value))


@contextmanager
def held_interrupts() -> Iterator[list[int]]:
    """Hold SIGINT until the block ends (main thread only); yields the signals received."""
    import signal
    import threading

    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: received.append(signum))
    try:
        yield received
    finally:
        signal.signal(signal.SIGINT, previous)


def commit_protected(commit: Any) -> None:
    """Run ``commit()`` with Ctrl-C held; raise CommitInterrupted after it if one came."""
    pause(PAUSE_BEFORE_COMMIT_ENV)
    with held_interrupts() as received:
        pause(PAUSE_IN_COMMIT_ENV)
        commit()
    if received:
        raise CommitInterrupted()


def inline_literal(value: Any) -> str:
    """A date as ``DATE 'YYYY-MM-DD'`` (every dialect reads it), an int as itself."""
    if isinstance(value, int):
        return str(int(value))
    return f"DATE '{value.isoformat()}'"
