"""Tables a DuckDB workspace keeps beside its data so that KPIs read them instead of
recomputing them per request (docs/kpi-usage.md, "Kept at import"): every deal's states
(``engine.state_table``) and every account's MRR per month (``engine.account_months``).

A kept table is used only when it is certainly current: beside it the workspace keeps a
fingerprint (row counts and a hash of every row of the columns it is built from) and a hash of
the code that built it (the release and the engine modules' source: another release may build
it differently). The engine computes the fingerprint again when the workspace file has changed
since it last looked (once per change, per process), and recomputes from the data whenever
the two differ — a change made by any other program is never answered from a stale table,
only more slowly. ``refresh`` rebuilds what is not current (after imports, the demo, a copy).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ibis
    import ibis.expr.types as ir

    from salesmetrics.backends.base import Session
    from salesmetrics.workspace import Workspace


@dataclass(frozen=True, eq=False)
class Kept:
    """One kept table: its name, its meta key, the columns it is built from (``sources``:
    table -> columns), the engine modules whose code decides it, and its Ibis expression."""

    table: str
    meta_key: str
    sources: dict[str, tuple[str, ...]]
    built_by: tuple[str, ...]
    expr: Callable[[Workspace, Session], ir.Table]
    #: SQL of one row recorded beside the fingerprint once the table is built (``facts``)
    facts_sql: str | None = None


#: (kept table, workspace file, its stamp) -> whether the table was current then, its facts
_checked: dict[tuple[str, str, str], tuple[bool, list[Any]]] = {}
#: (kept table, dialect) -> the SQL that builds it, and its schema
_compiled: dict[tuple[str, str], tuple[str, ibis.Schema]] = {}
_lock = threading.Lock()


def every() -> tuple[Kept, ...]:
    """Every kept table (imported here: their modules import this one)."""
    from salesmetrics.engine.account_months import ACCOUNT_MONTHS
    from salesmetrics.engine.state_table import DEAL_STATES

    return (DEAL_STATES, ACCOUNT_MONTHS)


def sources() -> set[str]:
    """The tables some kept table is built from (an import into one refreshes them)."""
    return {table for kept in every() for table in kept.sources}


def supported(workspace: Workspace) -> bool:
    """Only a DuckDB workspace keeps tables (PostgreSQL and Spark compute from the data)."""
    return workspace.backend.dialect == "duckdb"


def fingerprint_sql(kept: Kept) -> str:
    """One row: each source table's row count and the sum of its rows' hashes."""
    parts = []
    for table, columns in kept.sources.items():
        cols = ", ".join(f'"{c}"' for c in columns)
        parts.append(f'(SELECT count(*) FROM "{table}")')
        parts.append(f'(SELECT CAST(coalesce(sum(hash({cols})), 0) AS VARCHAR) FROM "{table}")')
    return "SELECT " + ", ".join(parts)


def fingerprint(kept: Kept, session: Session) -> str:
    _, rows = session.rows(fingerprint_sql(kept))
    return _joined(rows[0])


def _joined(row: tuple[Any, ...]) -> str:
    return "|".join(str(v) for v in row)


def _compile(kept: Kept, workspace: Workspace, session: Session) -> tuple[str, ibis.Schema]:
    """The SQL that builds the table and its schema (compiled once per process)."""
    from salesmetrics.engine.backend import to_sql

    key = (kept.table, workspace.backend.dialect)
    with _lock:
        found = _compiled.get(key)
    if found is None:
        expr = kept.expr(workspace, session)
        found = (to_sql(workspace.backend, expr), expr.schema())
        with _lock:
            _compiled[key] = found
    return found


def kept_schema(kept: Kept, workspace: Workspace, session: Session) -> ibis.Schema:
    """The columns of the kept table."""
    return _compile(kept, workspace, session)[1]


def build_sql(kept: Kept, workspace: Workspace, session: Session) -> str:
    return _compile(kept, workspace, session)[0]


@cache
def code(kept: Kept) -> str:
    """What the table is built by: the release and the source of the modules that build it
    (read as text, so that checking needs no Ibis)."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("salesmetrics").encode())
    here = Path(__file__).parent
    for name in ("kept.py", *kept.built_by):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def refresh(workspace: Workspace, only: Kept | None = None) -> bool:
    """Rebuild every kept table (or ``only``) that is missing or not current; True when one
    was rebuilt.

    Each table's fingerprint is read, and the table and fingerprint written, in one
    transaction; a read-only workspace, or one whose backend keeps none, is left as it is."""
    if not supported(workspace) or getattr(workspace.backend, "read_only", False):
        return False
    rebuilt = False
    for kept in (only,) if only is not None else every():
        rebuilt = _refresh_one(workspace, kept) or rebuilt
    if rebuilt:
        _forget(workspace)
    return rebuilt


def _refresh_one(workspace: Workspace, kept: Kept) -> bool:
    backend = workspace.backend
    with backend.session() as session:
        sql = build_sql(kept, workspace, session)
    with backend.transaction():
        stamp: dict[str, Any] = {
            "code": code(kept),
            "fingerprint": _joined(backend.rows(fingerprint_sql(kept))[0]),
        }
        found = recorded(workspace, kept) or {}
        if {k: found.get(k) for k in stamp} == stamp and kept.table in backend.tables():
            return False
        backend.execute(f'CREATE OR REPLACE TABLE "{kept.table}" AS {sql}')
        if kept.facts_sql:
            stamp["facts"] = [_plain(v) for v in backend.rows(kept.facts_sql)[0]]
        backend.write_meta(kept.meta_key, json.dumps(stamp, sort_keys=True))
    return True


def _plain(value: Any) -> Any:
    """A fact as JSON holds it (dates as ISO text)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def recorded(workspace: Workspace, kept: Kept) -> dict[str, Any] | None:
    """What the workspace recorded of the kept table (its code, fingerprint …), if anything."""
    return workspace.backend.read_meta_record(kept.meta_key)


def _file_stamp(workspace: Workspace) -> str | None:
    """The workspace file's stamp (``backends.duckdb.file_stamp``); None in memory."""
    from salesmetrics.backends.duckdb import file_stamp

    path = getattr(workspace.backend, "path", None)
    if path is None or str(path) == ":memory:":
        return None
    return file_stamp(path)


def usable(workspace: Workspace, session: Session, kept: Kept) -> bool:
    """True when the kept table is certainly that of the workspace's data now (asked of the
    database once per change of the workspace file, per process)."""
    return _checked_state(workspace, session, kept)[0]


def facts(workspace: Workspace, session: Session, kept: Kept) -> list[Any]:
    """What was recorded of the kept table when it was built (``Kept.facts_sql``), while it
    is current; else nothing."""
    current, found = _checked_state(workspace, session, kept)
    return found if current else []


def _checked_state(workspace: Workspace, session: Session, kept: Kept) -> tuple[bool, list[Any]]:
    """Whether the kept table is current, and its facts (once per file stamp, per process)."""
    if not supported(workspace):
        return False, []
    stamp = _file_stamp(workspace)
    key = (kept.table, str(getattr(workspace.backend, "path", "")), stamp or "")
    if stamp is not None:
        with _lock:
            if key in _checked:
                return _checked[key]
    found = recorded(workspace, kept)
    current = (
        found is not None
        and found.get("code") == code(kept)
        and found.get("fingerprint") == fingerprint(kept, session)
        and kept.table in workspace.backend.tables()
    )
    value = found.get("facts") if found else None
    state = (current, value if isinstance(value, list) else [])
    if stamp is not None:
        with _lock:
            _checked[key] = state
    return state


def _forget(workspace: Workspace) -> None:
    path = str(getattr(workspace.backend, "path", ""))
    with _lock:
        for key in [k for k in _checked if k[1] == path]:
            del _checked[key]
