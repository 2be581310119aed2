"""The embedded DuckDB backend: connect, and the DDL of the canonical tables."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import duckdb

from salesmetrics.backends.locks import describe_process, holder_pid
from salesmetrics.errors import UserError
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
