"""Write generated frames into the canonical tables of a workspace, straight from Arrow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa

from salesmetrics.backends.duckdb import first_row, quote
from salesmetrics.demo.common import Frame
from salesmetrics.demo.config import DEMO_META_KEY
from salesmetrics.errors import UserError
from salesmetrics.migrations import META_TABLE
from salesmetrics.schema import ALL_TABLES

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

#: called after each write with (table, rows written so far, table finished)
ProgressHook = Callable[[str, int, bool], None]


def ident(prefix: str, width: int, column: str, offset: int = 0) -> str:
    """SQL for a readable id from an integer column (plus ``offset``); negatives are null."""
    number = f"({column} + {offset})" if offset else column
    return f"CASE WHEN {column} >= 0 THEN '{prefix}' || lpad({number}::VARCHAR, {width}, '0') END"


def money(column: str) -> str:
    return f"CAST(round({column}, 2) AS DECIMAL(18,4))"


def to_arrow(frame: Frame) -> pa.Table:
    """An Arrow table of a frame: NaN and NaT become null, object arrays become strings."""
    arrays = {}
    for name, values in frame.items():
        if isinstance(values, pa.Array):
            arrays[name] = values
        elif values.dtype == object:
            arrays[name] = pa.array(values, pa.string())
        else:
            arrays[name] = pa.array(values, from_pandas=values.dtype.kind == "f")
    return pa.table(arrays)


class DemoWriter:
    """Replaces the canonical tables of a workspace inside one transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection, progress: ProgressHook | None = None):
        self.con = con
        self.progress = progress
        self.rows: dict[str, int] = {t.name: 0 for t in ALL_TABLES}

    def begin(self) -> None:
        self.con.execute("BEGIN TRANSACTION")
        for table in ALL_TABLES:
            self.con.execute(f"DELETE FROM {quote(table.name)}")

    def write(
        self, table: str, frame: Frame, columns: dict[str, str] | None = None, done: bool = True
    ) -> None:
        """Insert ``frame`` into ``table``; ``columns`` maps a column to an SQL expression."""
        arrow = to_arrow(frame)
        exprs = columns or {}
        names = [c for c in _columns(table) if c in exprs or c in arrow.column_names]
        select = ", ".join(exprs.get(c, quote(c)) for c in names)
        self.con.register("_demo_batch", arrow)
        try:
            self.con.execute(
                f"INSERT INTO {quote(table)} ({', '.join(map(quote, names))}) "
                f"SELECT {select} FROM _demo_batch"
            )
        finally:
            self.con.unregister("_demo_batch")
        self.rows[table] += arrow.num_rows
        if self.progress:
            self.progress(table, self.rows[table], done)

    def finish(self, table: str) -> None:
        """Report a table written in several batches as complete."""
        if self.progress:
            self.progress(table, self.rows[table], True)

    def commit(self) -> None:
        self.con.execute("COMMIT")

    def rollback(self) -> None:
        self.con.execute("ROLLBACK")


def _columns(table: str) -> list[str]:
    return next(t.column_names for t in ALL_TABLES if t.name == table)


def check_replaceable(path: Path) -> None:
    """Refuse to overwrite a workspace that holds data and is not an earlier demo."""
    if not path.exists():
        return
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise UserError(
            f"{path} exists but cannot be opened as a workspace ({exc}); it is left "
            "untouched. Choose another --workspace for the demo."
        ) from exc
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            ).fetchall()
        ]
        if META_TABLE in tables:
            marker = first_row(
                con, f"SELECT value FROM {META_TABLE} WHERE key = ?", [DEMO_META_KEY]
            )
            if marker is not None:
                return
        # salesmetrics' own bookkeeping tables (meta, …) are not user data
        filled = [t for t in tables if not t.startswith("_salesmetrics") and _count(con, t) > 0]
    finally:
        con.close()
    if filled:
        raise UserError(
            f"Workspace {path} already holds data ({', '.join(sorted(filled)[:3])}"
            f"{', …' if len(filled) > 3 else ''}) and was not built by `salesmetrics demo`; "
            "it is left untouched. Use another --workspace, e.g. --workspace demo.duckdb."
        )


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = first_row(con, f"SELECT count(*) FROM {quote(table)}")
    return int(row[0]) if row else 0


def numbered(start: int, n: int) -> np.ndarray:
    """Running numbers ``start + 1 … start + n`` for ids written in batches."""
    return np.arange(start + 1, start + n + 1, dtype=np.int64)


def check_replaceable_workspace(workspace: Workspace) -> None:
    """The same refusal on any engine: a workspace with data not built by the demo is kept."""
    if workspace.backend.read_meta(DEMO_META_KEY) is not None:
        return
    filled = [t.name for t in ALL_TABLES if workspace.row_count(t.name) > 0]
    if filled:
        raise UserError(
            f"Workspace {workspace.display} already holds data ({', '.join(sorted(filled)[:3])}"
            f"{', …' if len(filled) > 3 else ''}) and was not built by `salesmetrics demo`; "
            "it is left untouched. Use another --workspace."
        )
