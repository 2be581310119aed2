"""A workspace: one DuckDB file holding the canonical tables and the workspace settings."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from salesmetrics import settings as settings_mod
from salesmetrics.backends.duckdb import connect, existing_tables, first_row, quote
from salesmetrics.errors import UnknownNameError, UserError
from salesmetrics.migrations import (
    META_TABLE,
    migrate,
    read_version,
    reconcile_needed,
    write_meta,
)
from salesmetrics.schema import ALL_TABLES, SCHEMA_VERSION, get_table

if TYPE_CHECKING:
    import ibis.backends.duckdb
    import pandas as pd

DEFAULT_WORKSPACE = "salesmetrics.duckdb"
ENV_VAR = "SALESMETRICS_WORKSPACE"


def resolve_path(path: str | Path | None = None) -> Path:
    """``--workspace``, else ``$SALESMETRICS_WORKSPACE``, else ``./salesmetrics.duckdb``."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path(DEFAULT_WORKSPACE)


class Workspace:
    """A salesmetrics workspace file; opening it migrates an older layout.

    ``Workspace(path)`` opens an existing workspace; ``Workspace.create(path)`` makes one.
    ``read_only`` opens it for reading only (several processes may read at once), ``wait``
    waits that many seconds for a workspace another process is writing.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        create: bool = False,
        read_only: bool = False,
        wait: float = 0.0,
    ) -> None:
        self.path = resolve_path(path)
        if not create and not self.path.exists():
            raise UserError(
                f"No workspace at {self.path}. Create one with `salesmetrics init "
                f"--workspace {self.path}` or `salesmetrics demo`."
            )
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.read_only = read_only
        self._ibis: Any = None
        self.migrations: list[str] = []
        if create:
            self.con: duckdb.DuckDBPyConnection = connect(self.path, wait=wait)
            self.migrations = self._upgrade()
            return
        # Look before writing: a file that is not a workspace is never changed (opening a
        # DuckDB file and reading its catalog writes nothing).
        self.con = connect(self.path, read_only=read_only, wait=wait)
        try:
            current = self._check_is_workspace()
            if not current and not read_only:
                self.migrations = self._upgrade()
        except BaseException:
            self.con.close()
            raise
        if current or not read_only:
            return
        # An older read-only workspace: migrate it once, then read it.
        self.con.close()
        with Workspace(self.path, wait=wait) as upgraded:
            self.migrations = upgraded.migrations
        self.con = connect(self.path, read_only=True, wait=wait)

    @classmethod
    def create(cls, path: str | Path | None = None) -> Workspace:
        """Create (or open and migrate) the workspace at ``path``."""
        return cls(path, create=True)

    def _check_is_workspace(self) -> bool:
        """Refuse a database that is not a workspace; True when it needs no migration."""
        present = existing_tables(self.con)
        canonical = {t.name for t in ALL_TABLES}
        if META_TABLE not in present and not (present and present <= canonical):
            held = ", ".join(sorted(present)[:5]) or "no tables"
            raise UserError(
                f"{self.path} is a DuckDB database but not a salesmetrics workspace (it holds "
                f"{held}); it was left untouched. Run `salesmetrics init --workspace "
                f"{self.path}` to add the canonical tables to it, or pass another --workspace."
            )
        version = read_version(self.con)
        if version > SCHEMA_VERSION:
            raise self._too_new(version)
        return version == SCHEMA_VERSION and not reconcile_needed(self.con)

    def _too_new(self, version: int) -> UserError:
        return UserError(
            f"Workspace {self.path} has schema version {version}, newer than this "
            f"salesmetrics understands ({SCHEMA_VERSION}). Upgrade salesmetrics."
        )

    def _upgrade(self) -> list[str]:
        version = read_version(self.con)
        if version > SCHEMA_VERSION:
            raise self._too_new(version)
        return migrate(self.con)

    # -- settings -----------------------------------------------------------------
    def get_setting(self, name: str) -> Any:
        """A workspace setting, or its default."""
        if name not in settings_mod.SETTINGS:
            raise UnknownNameError("setting", name, settings_mod.SETTINGS)
        row = first_row(
            self.con, f"SELECT value FROM {META_TABLE} WHERE key = ?", [f"setting.{name}"]
        )
        return settings_mod.decode(row[0]) if row else settings_mod.SETTINGS[name].default

    def set_setting(self, name: str, value: Any) -> Any:
        """Check and store a workspace setting; returns the stored value."""
        self.require_writable(f"changing setting {name}")
        parsed = settings_mod.parse_setting(name, value)
        write_meta(self.con, f"setting.{name}", settings_mod.encode(parsed))
        return parsed

    def require_writable(self, what: str) -> None:
        """Refuse a write on a workspace opened read-only."""
        if self.read_only:
            raise UserError(f"Workspace {self.path} is open read-only; {what} needs write access.")

    @property
    def settings(self) -> dict[str, Any]:
        return {name: self.get_setting(name) for name in settings_mod.SETTINGS}

    # -- query layers -------------------------------------------------------------
    @property
    def ibis(self) -> ibis.backends.duckdb.Backend:
        """An Ibis backend over this workspace's connection."""
        if self._ibis is None:
            import ibis

            self._ibis = ibis.duckdb.from_connection(self.con)
        return self._ibis

    def row_count(self, table: str) -> int:
        """Number of rows stored in a canonical table."""
        row = first_row(self.con, f"SELECT count(*) FROM {quote(get_table(table).name)}")
        return int(row[0]) if row else 0

    # -- KPIs (implemented by the engine) -------------------------------------------
    def kpi(self, kpi_id: str, **request: Any) -> pd.DataFrame:
        """One KPI as a DataFrame with the columns of the CLI JSON rows."""
        from salesmetrics.engine import kpi_frame

        return kpi_frame(self, kpi_id, **request)

    def explain(self, kpi_id: str, **request: Any) -> Any:
        """Formula, inputs, SQL and contributing records of one KPI."""
        from salesmetrics.engine import explain

        return explain(self, kpi_id, **request)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
