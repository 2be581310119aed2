"""Copy a workspace's tables and settings into another workspace, on any engine."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from salesmetrics.engine import kept
from salesmetrics.schema import ALL_TABLES

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

#: Told (table, rows) after each table is copied.
CopyHook = Callable[[str, int], None]
BATCH_ROWS = 2_000_000


def copy_workspace(
    source: Workspace, target: Workspace, meta_keys: list[str], progress: CopyHook | None = None
) -> dict[str, int]:
    """Make every canonical table of ``target`` hold exactly ``source``'s rows, and copy the
    settings and the meta entries ``meta_keys``; returns the rows copied per table."""
    from salesmetrics.backends.duckdb import arrow_of, quote
    from salesmetrics.settings import SETTINGS

    copied: dict[str, int] = {}
    con = source.con  # the source is a local DuckDB file (the demo is generated into one)
    for table in ALL_TABLES:
        names = ", ".join(quote(c) for c in table.column_names)
        data = arrow_of(con, f"SELECT {names} FROM {quote(table.name)}")
        target.backend.replace_table(table, data)
        copied[table.name] = data.num_rows
        if progress:
            progress(table.name, data.num_rows)
    for name in SETTINGS:
        raw = source.backend.read_meta(f"setting.{name}")
        if raw is not None:
            target.backend.write_meta(f"setting.{name}", raw)
    # the workspace's own KPIs, the time of its last import, its users, tokens, audit log and
    # alert rules travel with it
    access = [k for (k,) in source.backend.rows(
        "SELECT key FROM _salesmetrics_meta WHERE key LIKE 'access.%' OR key LIKE 'insights.%' "
        "ORDER BY key")]  # fmt: skip
    for key in dict.fromkeys([*meta_keys, "custom_kpis", "last_import", *access]):
        raw = source.backend.read_meta(key)
        if raw is not None:
            target.backend.write_meta(key, raw)
    kept.refresh(target)
    return copied
