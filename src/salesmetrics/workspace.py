"""A workspace: the canonical tables and the workspace settings, held by one backend.

The location is a DuckDB file path (default), a ``postgresql://`` URL or a Spark location
(see ``salesmetrics.backends``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salesmetrics import settings as settings_mod
from salesmetrics.access.reach import EVERYONE, Viewer
from salesmetrics.backends import exists, kind_of, open_backend
from salesmetrics.backends.base import META_TABLE, Backend
from salesmetrics.errors import InternalError, UnknownNameError, UserError
from salesmetrics.migrations import migrate, read_version, reconcile_needed
from salesmetrics.schema import ALL_TABLES, SCHEMA_VERSION, get_table

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

DEFAULT_WORKSPACE = "salesmetrics.duckdb"
ENV_VAR = "SALESMETRICS_WORKSPACE"


def resolve_location(location: str | Path | None = None) -> str:
    """``--workspace``, else ``$SALESMETRICS_WORKSPACE``, else ``./salesmetrics.duckdb``."""
    if location:
        return str(location)
    return os.environ.get(ENV_VAR) or DEFAULT_WORKSPACE


def resolve_path(path: str | Path | None = None) -> Path:
    """The workspace location as a path (DuckDB workspaces)."""
    return Path(resolve_location(path))


class Workspace:
    """A salesmetrics workspace; opening it migrates an older layout.

    ``Workspace(location)`` opens an existing workspace; ``Workspace.create(location)`` makes
    one. ``read_only`` opens it for reading only (several processes may read a DuckDB file at
    once), ``wait`` waits that many seconds for a workspace another process is writing.
    ``viewer`` is whom results are computed for (``viewing``); whoever opens the workspace
    itself reads everything.
    """

    viewer: Viewer = EVERYONE

    def __init__(
        self,
        location: str | Path | None = None,
        *,
        create: bool = False,
        read_only: bool = False,
        wait: float = 0.0,
    ) -> None:
        self.location = resolve_location(location)
        if not create and not exists(self.location):
            raise UserError(
                f"No workspace at {self.location}. Create one with `salesmetrics init "
                f"--workspace {self.location}` or `salesmetrics demo`."
            )
        self.read_only = read_only
        self.migrations: list[str] = []
        # Look before writing: a store that is not a workspace is never changed (connecting
        # and reading the catalog writes nothing).
        self.backend: Backend = open_backend(
            self.location, read_only=read_only and not create, wait=wait, create=create
        )
        try:
            current = create or self._check_is_workspace()
            if create or (not current and not read_only):
                self.migrations = self._upgrade()
        except BaseException:
            self.backend.close()
            raise
        if current or not read_only:
            return
        # An older workspace opened for reading: migrate it once, then read it.
        self.backend.close()
        with Workspace(self.location, wait=wait) as upgraded:
            self.migrations = upgraded.migrations
        self.backend = open_backend(self.location, read_only=True, wait=wait)

    @classmethod
    def create(cls, location: str | Path | None = None) -> Workspace:
        """Create (or open and migrate) the workspace at ``location``."""
        return cls(location, create=True)

    @property
    def display(self) -> str:
        """Where the workspace is, without secrets."""
        return self.backend.display

    @property
    def path(self) -> Path:
        """The DuckDB file of a file workspace."""
        if kind_of(self.location) != "duckdb":
            raise InternalError("Only a DuckDB workspace has a file path.")
        return Path(self.location)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection of a file workspace (tests and the demo writer use it)."""
        from salesmetrics.backends.duckdb import DuckDBBackend

        if not isinstance(self.backend, DuckDBBackend):
            raise InternalError("Only a DuckDB workspace has a DuckDB connection.")
        return self.backend.con

    def _check_is_workspace(self) -> bool:
        """Refuse a database that is not a workspace; True when it needs no migration."""
        present = self.backend.tables()
        canonical = {t.name for t in ALL_TABLES}
        if META_TABLE not in present and not (present and present <= canonical):
            held = ", ".join(sorted(present)[:5]) or "no tables"
            raise UserError(
                f"{self.display} is a database but not a salesmetrics workspace (it holds "
                f"{held}); it was left untouched. Run `salesmetrics init --workspace "
                f"{self.display}` to add the canonical tables to it, or pass another --workspace."
            )
        version = read_version(self.backend)
        if version > SCHEMA_VERSION:
            raise self._too_new(version)
        return version == SCHEMA_VERSION and not reconcile_needed(self.backend)

    def _too_new(self, version: int) -> UserError:
        return UserError(
            f"Workspace {self.display} has schema version {version}, newer than this "
            f"salesmetrics understands ({SCHEMA_VERSION}). Upgrade salesmetrics."
        )

    def _upgrade(self) -> list[str]:
        version = read_version(self.backend)
        if version > SCHEMA_VERSION:
            raise self._too_new(version)
        return migrate(self.backend)

    # -- settings -----------------------------------------------------------------
    def get_setting(self, name: str) -> Any:
        """A workspace setting, or its default."""
        if name not in settings_mod.SETTINGS:
            raise UnknownNameError("setting", name, settings_mod.SETTINGS)
        raw = self.backend.read_meta(f"setting.{name}")
        return settings_mod.decode(raw) if raw is not None else settings_mod.SETTINGS[name].default

    def set_setting(self, name: str, value: Any) -> Any:
        """Check and store a workspace setting; returns the stored value."""
        self.require_writable(f"changing setting {name}")
        parsed = settings_mod.parse_setting(name, value)
        self.backend.write_meta(f"setting.{name}", settings_mod.encode(parsed))
        from salesmetrics.access.audit import Actor, record

        actor = Actor.cli() if self.viewer is EVERYONE else Actor(self.viewer.name)
        record(self.backend, actor.name, "settings", {"name": name, "value": parsed},
               actor.client)  # fmt: skip
        return parsed

    def require_writable(self, what: str) -> None:
        """Refuse a write on a workspace opened read-only."""
        if self.read_only:
            raise UserError(
                f"Workspace {self.display} is open read-only; {what} needs write access."
            )

    @property
    def settings(self) -> dict[str, Any]:
        return {name: self.get_setting(name) for name in settings_mod.SETTINGS}

    def engine_settings(self) -> dict[str, Any]:
        """What the KPI engine reads of the settings, in one query: base_currency,
        fiscal_year_start_month and the default probability of each stage."""
        from salesmetrics.stage_map import default_probabilities

        names = (
            "base_currency",
            "fiscal_year_start_month",
            "stages",
            "stage_probabilities",
            "stage_order",
        )
        keys = ", ".join(f"'setting.{n}'" for n in names)
        stored = dict(
            self.backend.rows(f"SELECT key, value FROM {META_TABLE} WHERE key IN ({keys})")
        )
        value = {
            n: settings_mod.decode(stored[f"setting.{n}"])
            if f"setting.{n}" in stored
            else settings_mod.SETTINGS[n].default
            for n in names
        }
        return {
            "base_currency": str(value["base_currency"]).upper(),
            "fiscal_year_start_month": int(value["fiscal_year_start_month"]),
            "stage_probabilities": default_probabilities(
                value["stages"], value["stage_probabilities"]
            ),
            "stage_order": [str(s) for s in value["stage_order"] or []],
        }

    def row_count(self, table: str) -> int:
        """Number of rows stored in a canonical table."""
        found = self.backend.rows(f'SELECT count(*) FROM "{get_table(table).name}"')
        return int(found[0][0]) if found else 0

    # -- KPIs (implemented by the engine) -------------------------------------------
    def kpi(self, kpi_id: str, **request: Any) -> pd.DataFrame:
        """One KPI as a DataFrame with the columns of the CLI JSON rows."""
        from salesmetrics.engine import kpi_frame

        return kpi_frame(self, kpi_id, **request)

    def kpis(self, kpi_ids: list[str], **request: Any) -> dict[str, pd.DataFrame]:
        """Several KPIs over one request (one query per row set they share): id -> frame."""
        from salesmetrics.engine import kpi_frames

        return kpi_frames(self, kpi_ids, **request)

    def explain(self, kpi_id: str, **request: Any) -> Any:
        """Formula, inputs, SQL and contributing records of one KPI."""
        from salesmetrics.engine import explain

        return explain(self, kpi_id, **request)

    def viewing(self, viewer: Viewer) -> Workspace:
        """This workspace as ``viewer`` sees it: every KPI, explanation and analysis computed
        through the copy carries the viewer's scope (docs/access-control.md). The copy shares
        the connection: close the original, not the copy."""
        import copy

        seen = copy.copy(self)
        seen.viewer = viewer
        return seen

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
