"""The embedded DuckDB backend: connect (safely), the DDL of the canonical tables, and the
Backend interface over one DuckDB file."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from salesmetrics.backends.base import (
    Backend,
    CommitInterrupted,
    Loaded,
    Mode,
    Session,
    commit_protected,
)
from salesmetrics.backends.locks import describe_process, holder_pid
from salesmetrics.errors import UserError
from salesmetrics.schema import Column, Table

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

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


#: DuckDB never fetches or loads extensions on its own: no surprise downloads, no network.
CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
#: Bytes 8-11 of every DuckDB database file.
MAGIC = b"DUCK"
#: First bytes of files people pass as a workspace by mistake.
FOREIGN_MAGIC = {
    b"SQLite format 3\x00": "a SQLite database",
    b"PK\x03\x04": "a zip archive or Excel workbook",
    b"PAR1": "a Parquet file",
    b"\xd0\xcf\x11\xe0": "an Excel 97-2003 workbook",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
}
LOCK_POLL_SECONDS = 0.2


def file_kind(path: Path) -> str | None:
    """None for a DuckDB database file (or a new, empty one), else what the file looks like."""
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise UserError(f"Cannot read workspace {path}: {exc.strerror or exc}.") from exc
    if not head or head[8:12] == MAGIC:
        return None
    for magic, kind in FOREIGN_MAGIC.items():
        if head.startswith(magic):
            return kind
    return "is not a DuckDB database"


def connect(
    path: Path | str, read_only: bool = False, wait: float = 0.0
) -> duckdb.DuckDBPyConnection:
    """Open (or create) the DuckDB file at ``path``.

    A file that is not a DuckDB database is refused before DuckDB sees it. A workspace locked
    by another process is waited for up to ``wait`` seconds, then refused naming the command
    that holds it. DuckDB's own progress bar is switched off: it writes to stdout on long
    queries, which would corrupt JSON and CSV output (salesmetrics shows progress with Rich).
    """
    path = Path(path)
    if path.exists():
        kind = file_kind(path)
        if kind is not None:
            what = kind if kind.startswith("is not") else f"is {kind}, not a DuckDB database"
            raise UserError(
                f"{path} {what}: it is not a salesmetrics workspace and was left untouched. "
                "Pass --workspace a .duckdb workspace (create one with `salesmetrics init`)."
            )
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=dict(CONFIG))
            break
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" not in message.lower():
                first = message.splitlines()[0].removeprefix("IO Error: ")
                raise UserError(f"Cannot open workspace {path}: {first}") from exc
            if time.monotonic() < deadline:
                time.sleep(LOCK_POLL_SECONDS)
                continue
            holder = describe_process(holder_pid(message))
            waited = f" after waiting {wait:g} s" if wait > 0 else ""
            raise UserError(
                f"Workspace {path} is in use by {holder}{waited}. DuckDB lets one process "
                "write a workspace at a time: wait for it to finish, or pass --wait SECONDS."
            ) from None
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


def arrow_of(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    """The whole result of ``sql`` as an Arrow table."""
    table = con.sql(sql).to_arrow_table()
    assert table is not None
    return table


def file_stamp(path: Path | str) -> str:
    """The DuckDB file's and its write-ahead log's modification time and size: it changes
    whenever a commit reaches the file, whichever process made it."""
    parts = []
    for name in (str(path), f"{path}.wal"):
        try:
            info = os.stat(name)
        except OSError:
            parts.append("-")
            continue
        parts.append(f"{info.st_mtime_ns}:{info.st_size}")
    return "|".join(parts)


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


class DuckDBSession(Session):
    """A cursor of the workspace connection: its own handle, safe beside other threads'."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self.cursor = cursor

    def rows(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        try:
            result = self.cursor.execute(sql)
            names = [d[0] for d in result.description or []]
            return names, result.fetchall()
        except duckdb.InterruptException:
            raise KeyboardInterrupt from None

    def frame(self, sql: str) -> pd.DataFrame:
        try:
            return self.cursor.execute(sql).df()
        except duckdb.InterruptException:
            raise KeyboardInterrupt from None

    def close(self) -> None:
        self.cursor.close()


class DuckDBBackend(Backend):
    """The embedded default: one DuckDB file (``con`` is its connection)."""

    kind = "duckdb"
    dialect = "duckdb"

    def __init__(self, path: Path, read_only: bool = False, wait: float = 0.0) -> None:
        self.path = path
        self.read_only = read_only
        self.con = connect(path, read_only=read_only, wait=wait)
        # The shared connection serves one thread at a time (requests use their own cursors).
        self.lock = threading.RLock()

    @property
    def display(self) -> str:
        return str(self.path)

    def tables(self) -> set[str]:
        return existing_tables(self.con)

    def columns(self) -> set[tuple[str, str]]:
        rows = self.con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'main'"
        ).fetchall()
        return {(str(t), str(c)) for t, c in rows}

    def create_table(self, table: Table) -> None:
        self.con.execute(create_table_sql(table))

    def add_column(self, table: Table, column: Column) -> None:
        self.con.execute(f"ALTER TABLE {quote(table.name)} ADD COLUMN {column_ddl(column)}")

    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.con.execute(sql, params or []).fetchall()

    def execute(self, sql: str, params: list[Any] | None = None) -> int:
        with self.lock:
            found = self.con.execute(sql, params or []).fetchall()
        try:
            return int(found[0][0]) if found and len(found[0]) == 1 else -1
        except (TypeError, ValueError):
            return -1

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield
                commit_protected(lambda: self.con.execute("COMMIT"))
            except CommitInterrupted:
                raise
            except BaseException:
                self.con.execute("ROLLBACK")
                raise

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.lock:
            cursor = self.con.cursor()
        session = DuckDBSession(cursor)
        try:
            yield session
        finally:
            session.close()

    @contextmanager
    def staging(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The workspace connection itself: files are checked next to the stored tables."""
        yield self.con

    def mirror(self, staging: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> None:
        """The stored tables are already there."""

    def load(self, table: Table, staging: duckdb.DuckDBPyConnection, relation: str, mode: Mode,
             columns: list[str]) -> Loaded:  # fmt: skip
        return load_relation(self, table, relation, mode, columns)

    def insert_rows(self, table: str, data: pa.Table) -> int:
        if not data.num_rows:
            return 0
        self.con.register("__sm_rows", data)
        try:
            names = ", ".join(quote(c) for c in data.column_names)
            self.con.execute(f"INSERT INTO {quote(table)} ({names}) SELECT {names} FROM __sm_rows")
        finally:
            self.con.unregister("__sm_rows")
        return data.num_rows

    def update_column(self, table: str, key: str, column: str, mapping: pa.Table,
                      only_null: bool = False) -> int:  # fmt: skip
        if not mapping.num_rows:
            return 0
        self.con.register("__sm_mapping", mapping)
        try:
            where = f" AND {quote(table)}.{quote(column)} IS NULL" if only_null else ""
            return self.execute(
                f"UPDATE {quote(table)} SET {quote(column)} = m.value FROM __sm_mapping m "
                f"WHERE {quote(table)}.{quote(key)} = m.key{where}"
            )
        finally:
            self.con.unregister("__sm_mapping")

    def delete_keys(self, table: str, key: str, keys: pa.Table) -> int:
        if not keys.num_rows:
            return 0
        self.con.register("__sm_keys", keys)
        try:
            return self.execute(
                f"DELETE FROM {quote(table)} WHERE {quote(key)} IN (SELECT key FROM __sm_keys)"
            )
        finally:
            self.con.unregister("__sm_keys")

    def replace_table(self, table: Table, data: pa.Table) -> None:
        with self.transaction():
            self.con.execute(f"DELETE FROM {quote(table.name)}")
            self.insert_rows(table.name, data)

    def close(self) -> None:
        self.con.close()


def load_relation(
    backend: Backend, table: Table, relation: str, mode: Mode, columns: list[str]
) -> Loaded:
    """Upsert or replace ``table`` from ``relation``, a table or view the backend can read
    whose ``columns`` hold the table's columns in order (inside the caller's transaction)."""
    target = quote(table.name)
    names = ", ".join(quote(c) for c in table.column_names)
    values = ", ".join(columns)
    replaced = removed = 0

    def count(sql: str) -> int:
        found = backend.rows(sql)
        return int(found[0][0]) if found and found[0][0] is not None else 0

    if mode == "replace":
        removed = count(f"SELECT count(*) FROM {target}")
        backend.execute(f"DELETE FROM {target}")
    else:
        key_map = dict(zip(table.column_names, columns, strict=True))
        if len(table.key) == 1:
            key = table.key[0]
            matching = f"{quote(key)} IN (SELECT {key_map[key]} FROM {relation})"
            replaced = count(f"SELECT count(*) FROM {target} WHERE {matching}")
            backend.execute(f"DELETE FROM {target} WHERE {matching}")
        else:
            keys = ", ".join(key_map[k] for k in table.key)
            match = " AND ".join(
                f"{target}.{quote(k)} IS NOT DISTINCT FROM n.{key_map[k]}" for k in table.key
            )
            replaced = count(
                f"SELECT count(*) FROM {target} WHERE EXISTS (SELECT 1 FROM "
                f"(SELECT DISTINCT {keys} FROM {relation}) n WHERE {match})"
            )
            backend.execute(
                f"DELETE FROM {target} WHERE EXISTS (SELECT 1 FROM "
                f"(SELECT DISTINCT {keys} FROM {relation}) n WHERE {match})"
            )
    total = count(f"SELECT count(*) FROM {relation}")
    backend.execute(f"INSERT INTO {target} ({names}) SELECT {values} FROM {relation}")
    return Loaded(total - replaced, replaced, removed)
