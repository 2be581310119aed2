"""Bring an older workspace up to the current schema version, in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from salesmetrics.backends.base import META_TABLE, Backend
from salesmetrics.schema import ALL_TABLES, SCHEMA_VERSION

Migration = Callable[[Backend], None]


def reconcile(backend: Backend) -> list[str]:
    """Create missing canonical tables and add missing columns; returns what changed."""
    changes: list[str] = []
    present = backend.tables()
    have = backend.columns()
    for table in ALL_TABLES:
        if table.name not in present:
            backend.create_table(table)
            changes.append(f"created table {table.name}")
            continue
        for column in table.columns:
            if (table.name, column.name) not in have:
                backend.add_column(table, column)
                changes.append(f"added column {table.name}.{column.name}")
    return changes


def reconcile_needed(backend: Backend) -> bool:
    """True when a canonical table or column is missing (reconcile would change something)."""
    present = backend.columns()
    return any((t.name, c) not in present for t in ALL_TABLES for c in t.column_names)


#: Steps beyond reconcile, keyed by the version they upgrade *from*.
MIGRATIONS: dict[int, Migration] = {}


def read_version(backend: Backend) -> int:
    """The schema version stored in the workspace; 0 for a workspace that predates it."""
    if META_TABLE not in backend.tables():
        return 0
    value = backend.read_meta("schema_version")
    return int(value) if value else 0


def migrate(backend: Backend) -> list[str]:
    """Upgrade the workspace to SCHEMA_VERSION atomically; returns what changed."""
    version = read_version(backend)
    if version == SCHEMA_VERSION and not reconcile_needed(backend):
        return []
    with backend.transaction():
        backend.create_meta()
        changes = []
        for step_from in range(version, SCHEMA_VERSION):
            step = MIGRATIONS.get(step_from)
            if step is not None:
                step(backend)
                changes.append(f"migrated from version {step_from}")
        changes += reconcile(backend)
        backend.write_meta("schema_version", str(SCHEMA_VERSION))
    return changes


__all__ = ["META_TABLE", "migrate", "read_version", "reconcile", "reconcile_needed"]
