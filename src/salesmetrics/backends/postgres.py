"""The PostgreSQL backend: a workspace is one schema of a PostgreSQL database.

Location: ``postgresql://user:password@host:5432/db?schema=NAME`` (schema default ``public``;
other query parameters, such as ``sslmode``, go to libpq). Statements written for DuckDB are
transpiled with sqlglot; imports are checked on a local DuckDB connection and their rows are
sent with ``COPY``, inside the one transaction that stores them.
"""

from __future__ import annotations

import datetime as dt
import decimal
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import duckdb

from salesmetrics.backends.base import Backend, Loaded, Mode, Session, commit_protected
from salesmetrics.backends.duckdb import CONFIG, load_relation
from salesmetrics.errors import UserError

if TYPE_CHECKING:
    import psycopg
    import pyarrow as pa

    from salesmetrics.schema import Column, Table

#: How each canonical column type is stored in PostgreSQL.
SQL_TYPES = {
    "str": "TEXT",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "money": "NUMERIC(18,4)",
    "int": "BIGINT",
    "float": "DOUBLE PRECISION",
    "bool": "BOOLEAN",
}
COPY_CHUNK = 1 << 20


def redact(url: str) -> str:
    """The URL without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def literal(value: Any) -> str:
    """A Python value as a SQL literal (for the few statements with parameters)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | decimal.Decimal):
        return repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def with_values(sql: str, params: list[Any] | None) -> str:
    """``sql`` with each ``?`` placeholder replaced by its parameter as a literal."""
    if not params:
        return sql
    pieces = sql.split("?")
    if len(pieces) - 1 != len(params):
        raise ValueError("parameter count does not match the placeholders")
    out = [pieces[0]]
    for value, piece in zip(params, pieces[1:], strict=True):
        out += [literal(value), piece]
    return "".join(out)


_TRANSPILED: dict[tuple[str, str], str] = {}


def transpile(sql: str, dialect: str) -> str:
    """DuckDB SQL in another dialect (cached; the statements are few and fixed)."""
    found = _TRANSPILED.get((sql, dialect))
    if found is None:
        import sqlglot

        found = ";\n".join(sqlglot.transpile(sql, read="duckdb", write=dialect))
        _TRANSPILED[(sql, dialect)] = found
    return found


class PostgresSession(Session):
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def rows(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        with self.conn.cursor() as cur:
            cur.execute(sql.encode())
            names = [d.name for d in cur.description or []]
            return names, cur.fetchall()


class PostgresBackend(Backend):
    """A PostgreSQL schema holding the canonical tables."""

    kind = "postgres"
    dialect = "postgres"
    windows_ignore_nulls = False

    def __init__(self, url: str, read_only: bool = False, wait: float = 0.0) -> None:
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        self.schema = query.pop("schema", "public")
        self.url = urlunsplit(parts._replace(query=urlencode(query)))
        self._display = redact(url)
        self.read_only = read_only
        self._local = threading.local()
        self.conn = self._connect()
        self._in_transaction = False

    @property
    def display(self) -> str:
        return self._display

    def _connect(self) -> psycopg.Connection[Any]:
        import psycopg

        try:
            conn = psycopg.connect(self.url, autocommit=True)
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise UserError(f"Cannot connect to PostgreSQL at {self.display}: {first}") from None
        with conn.cursor() as cur:
            if not self.read_only:
                cur.execute(f"CREATE SCHEMA IF NOT EXISTS {self.quote(self.schema)}".encode())
            cur.execute(f"SET search_path TO {self.quote(self.schema)}".encode())
            if self.read_only:
                cur.execute(b"SET default_transaction_read_only = on")
        return conn

    # -- catalog ---------------------------------------------------------------------------
    def tables(self) -> set[str]:
        rows = self._raw(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            + literal(self.schema)
        )
        return {str(r[0]) for r in rows}

    def columns(self) -> set[tuple[str, str]]:
        rows = self._raw(
            "SELECT table_name, column_name FROM information_schema.columns "
            f"WHERE table_schema = {literal(self.schema)}"
        )
        return {(str(t), str(c)) for t, c in rows}

    def create_table(self, table: Table) -> None:
        cols = ", ".join(f"{self.quote(c.name)} {SQL_TYPES[c.type]}" for c in table.columns)
        self._raw(f"CREATE TABLE IF NOT EXISTS {self.quote(table.name)} ({cols})", fetch=False)

    def add_column(self, table: Table, column: Column) -> None:
        self._raw(
            f"ALTER TABLE {self.quote(table.name)} ADD COLUMN {self.quote(column.name)} "
            f"{SQL_TYPES[column.type]}",
            fetch=False,
        )

    def create_meta(self) -> None:
        self._raw("CREATE TABLE IF NOT EXISTS _salesmetrics_meta (key TEXT, value TEXT)", False)

    # -- statements ------------------------------------------------------------------------
    def _raw(self, sql: str, fetch: bool = True) -> list[tuple[Any, ...]]:
        with self.conn.cursor() as cur:
            cur.execute(sql.encode())
            return cur.fetchall() if fetch and cur.description else []

    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self._raw(transpile(with_values(sql, params), self.dialect))

    def execute(self, sql: str, params: list[Any] | None = None) -> int:
        with self.conn.cursor() as cur:
            cur.execute(transpile(with_values(sql, params), self.dialect).encode())
            return int(cur.rowcount)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._in_transaction:
            yield
            return
        self._in_transaction = True
        self._raw("BEGIN", fetch=False)
        try:
            yield
            commit_protected(lambda: self._raw("COMMIT", fetch=False))
        except BaseException:
            if not self.conn.closed and self.conn.info.transaction_status != 0:
                self._raw("ROLLBACK", fetch=False)
            raise
        finally:
            self._in_transaction = False

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Each thread reads through its own connection (opened once, then reused)."""
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            conn = self._connect()
            self._local.conn = conn
            self._local_conns = [*getattr(self, "_local_conns", []), conn]
        yield PostgresSession(conn)

    # -- imports ---------------------------------------------------------------------------
    @contextmanager
    def staging(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = duckdb.connect(":memory:", config=dict(CONFIG))
        con.execute("SET enable_progress_bar = false")
        try:
            yield con
        finally:
            con.close()

    def mirror(self, staging: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> None:
        import pyarrow as pa

        names = ", ".join(self.quote(c) for c in columns)
        with self.conn.cursor() as cur:
            cur.execute(f"SELECT {names} FROM {self.quote(table)}".encode())
            rows = cur.fetchall()
        data = pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)})
        staging.register("__sm_mirror", data)
        try:
            staging.execute(f'CREATE OR REPLACE TEMP TABLE "{table}" AS SELECT * FROM __sm_mirror')
        finally:
            staging.unregister("__sm_mirror")

    def _copy_in(self, target: str, columns: list[str], con: duckdb.DuckDBPyConnection,
                 select: str) -> None:  # fmt: skip
        """COPY the rows of ``select`` (on the DuckDB connection ``con``) into ``target``."""
        handle, name = tempfile.mkstemp(prefix="salesmetrics-", suffix=".csv")
        os.close(handle)
        path = Path(name)
        try:
            con.execute(f"COPY ({select}) TO '{path}' (HEADER false, DELIMITER ',')")
            names = ", ".join(self.quote(c) for c in columns)
            with (
                self.conn.cursor() as cur,
                cur.copy(
                    f"COPY {self.quote(target)} ({names}) FROM STDIN (FORMAT csv)".encode()
                ) as copy,
                path.open("rb") as fh,
            ):
                while chunk := fh.read(COPY_CHUNK):
                    copy.write(chunk)
        finally:
            path.unlink(missing_ok=True)

    def _temp_like(self, name: str, table: Table, prefix: str) -> list[str]:
        """A temporary table with the columns of ``table`` named ``prefix`` + column."""
        cols = [f"{prefix}{c.name}" for c in table.columns]
        ddl = ", ".join(
            f"{self.quote(n)} {SQL_TYPES[c.type]}" for n, c in zip(cols, table.columns, strict=True)
        )
        self._raw(f"DROP TABLE IF EXISTS {self.quote(name)}", fetch=False)
        self._raw(f"CREATE TEMP TABLE {self.quote(name)} ({ddl})", fetch=False)
        return cols

    def load(self, table: Table, staging: duckdb.DuckDBPyConnection, relation: str, mode: Mode,
             columns: list[str]) -> Loaded:  # fmt: skip
        names = self._temp_like("__sm_valid", table, "t_")
        self._copy_in("__sm_valid", names, staging, f"SELECT {', '.join(columns)} FROM {relation}")
        loaded = load_relation(self, table, "__sm_valid", mode, [self.quote(n) for n in names])
        self._raw('DROP TABLE IF EXISTS "__sm_valid"', fetch=False)
        self._analyze(table.name)
        return loaded

    def _analyze(self, table: str) -> None:
        """Fresh planner statistics for a table just written: a query planned before
        autovacuum gets to it would otherwise guess its size (nested loops over millions)."""
        self._raw(f"ANALYZE {self.quote(table)}", fetch=False)

    def _arrow_into(self, target: str, data: pa.Table) -> None:
        con = duckdb.connect(":memory:", config=dict(CONFIG))
        try:
            con.register("__sm_rows", data)
            self._copy_in(target, data.column_names, con, "SELECT * FROM __sm_rows")
        finally:
            con.close()

    def insert_rows(self, table: str, data: pa.Table) -> int:
        if data.num_rows:
            self._arrow_into(table, data)
            self._analyze(table)
        return data.num_rows

    def _mapping_table(self, data: pa.Table, columns: list[str]) -> None:
        self._raw('DROP TABLE IF EXISTS "__sm_mapping"', fetch=False)
        ddl = ", ".join(f"{self.quote(c)} TEXT" for c in columns)
        self._raw(f'CREATE TEMP TABLE "__sm_mapping" ({ddl})', fetch=False)
        self._arrow_into("__sm_mapping", data)

    def update_column(self, table: str, key: str, column: str, mapping: pa.Table,
                      only_null: bool = False) -> int:  # fmt: skip
        if not mapping.num_rows:
            return 0
        self._mapping_table(mapping, ["key", "value"])
        t, k, c = self.quote(table), self.quote(key), self.quote(column)
        where = f" AND {t}.{c} IS NULL" if only_null else ""
        with self.conn.cursor() as cur:
            sql = f'UPDATE {t} SET {c} = m.value FROM "__sm_mapping" m WHERE {t}.{k} = m.key{where}'
            cur.execute(sql.encode())
            return int(cur.rowcount)

    def delete_keys(self, table: str, key: str, keys: pa.Table) -> int:
        if not keys.num_rows:
            return 0
        self._mapping_table(keys, ["key"])
        with self.conn.cursor() as cur:
            cur.execute(
                f"DELETE FROM {self.quote(table)} WHERE {self.quote(key)} IN "
                '(SELECT key FROM "__sm_mapping")'.encode()
            )
            return int(cur.rowcount)

    def replace_table(self, table: Table, data: pa.Table) -> None:
        with self.transaction():
            self._raw(f"DELETE FROM {self.quote(table.name)}", fetch=False)
            if data.num_rows:
                self._arrow_into(table.name, data)
            self._analyze(table.name)

    def close(self) -> None:
        for conn in [self.conn, *getattr(self, "_local_conns", [])]:
            if not conn.closed:
                conn.close()


__all__ = ["PostgresBackend", "redact"]
