"""Deal states kept in the workspace (docs/kpi-usage.md, "Deal states kept at import").

``history.event_states`` — every deal's events and the state after each — needs one window
over the whole of ``opportunity_history``; on a large company that window is most of the
time of a pipeline KPI. A DuckDB workspace keeps its result for every deal and every day in
a table of its own, ``_sm_deal_states``, rebuilt after each import of opportunities or their
history, and the engine reads it instead of running the window.

It is used only when it is certainly current: beside it the workspace keeps a fingerprint
(row counts and a hash of every row of the columns the states are built from) and a hash of
the code that built it (the release and the engine modules' source: another release may build
states differently). The engine computes the
fingerprint again when the workspace file has changed since it last looked (once per change,
per process), and reads the states from the window whenever the two differ — a change made
by any other program is never answered from stale states, only more slowly.
"""

from __future__ import annotations

import hashlib
import json
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salesmetrics.errors import InternalError

if TYPE_CHECKING:
    import ibis
    import ibis.expr.types as ir

    from salesmetrics.backends.base import Session
    from salesmetrics.workspace import Workspace

TABLE = "_sm_deal_states"
META_KEY = "deal_states"
#: the columns the states are built from (history.event_states reads no other)
SOURCES = {
    "opportunities": ("opportunity_id", "created_at", "status", "close_date", "stage", "amount"),
    "opportunity_history": (
        "opportunity_id", "changed_at", "stage", "status", "amount", "probability", "close_date",
    ),
}  # fmt: skip
#: the deal's creation day beside every event (``event_states`` leaves out the creation and
#: closing events of deals created after its last day)
CREATED_DAY = "_created_day"
#: the days of the deal's first and last events beside every event (``active`` in
#: ``event_states``: a filter instead of a join)
FIRST_DAY, LAST_DAY = "_deal_first_day", "_deal_last_day"
#: the engine modules whose code decides the states
BUILT_BY = (
    "history.py", "stage_changes.py", "state_table.py", "dimensions.py", "rowsets.py",
    "currency.py", "backend.py",
)  # fmt: skip

#: (workspace file, its stamp) -> whether the kept states were current then
_checked: dict[tuple[str, str], bool] = {}
#: dialect -> the SQL that builds the states, and their schema
_compiled: dict[str, tuple[str, ibis.Schema]] = {}
_lock = threading.Lock()


def supported(workspace: Workspace) -> bool:
    """Only a DuckDB workspace keeps the states (PostgreSQL and Spark run the window)."""
    return workspace.backend.dialect == "duckdb"


def fingerprint_sql() -> str:
    """One row: each source table's row count and the sum of its rows' hashes."""
    parts = []
    for table, columns in SOURCES.items():
        cols = ", ".join(f'"{c}"' for c in columns)
        parts.append(f'(SELECT count(*) FROM "{table}")')
        parts.append(f'(SELECT CAST(coalesce(sum(hash({cols})), 0) AS VARCHAR) FROM "{table}")')
    return "SELECT " + ", ".join(parts)


def fingerprint(session: Session) -> str:
    _, rows = session.rows(fingerprint_sql())
    return _joined(rows[0])


def _joined(row: tuple[Any, ...]) -> str:
    return "|".join(str(v) for v in row)


def _states_expr(workspace: Workspace, session: Session) -> ir.Table:
    """Every deal's event states up to the end of time (``history.event_states``), with the
    stage's name and key, the deal's creation day and first and last event days, and what
    each event changes (``stage_changes.change_columns``: read from the deal's current row,
    which the fingerprint covers too)."""
    import ibis

    from salesmetrics.engine import context
    from salesmetrics.engine.backend import date_literal
    from salesmetrics.engine.dimensions import clean
    from salesmetrics.engine.history import (
        FOREVER,
        KEPT_CHANGED,
        KEPT_ENTERED,
        KEPT_KEY,
        KEPT_NAME,
        KEPT_PREV_CLOSE,
        event_states,
        stage_key,
        with_fallbacks,
    )
    from salesmetrics.engine.stage_changes import change_columns

    ctx = context(workspace, "open_opportunities", session, grain="total")
    ctx.states_table = False
    states = event_states(ctx, date_literal(FOREVER), changes=True)
    if "_p_has" not in states.columns:  # pragma: no cover - DuckDB has IGNORE NULLS
        raise InternalError("kept deal states need the previous state in the event window")
    name = clean(states._c_stage.strip())
    states = states.mutate(**{KEPT_NAME: name, KEPT_KEY: stage_key(name)})
    full = with_fallbacks(ctx, states, orphans=True)
    changes = change_columns(full)
    deal = ibis.window(group_by=full._id)
    full = full.mutate(
        **{
            CREATED_DAY: full._created_date,
            FIRST_DAY: full._from.min().over(deal),
            LAST_DAY: full._from.max().over(deal),
            KEPT_CHANGED: changes["_changed"],
            KEPT_ENTERED: changes["_entered"],
            KEPT_PREV_CLOSE: changes["_prev_close"],
        }
    )
    extra = [CREATED_DAY, FIRST_DAY, LAST_DAY, KEPT_CHANGED, KEPT_ENTERED, KEPT_PREV_CLOSE]
    return full.select([*states.columns, *extra])


def _compile(workspace: Workspace, session: Session) -> tuple[str, ibis.Schema]:
    """The SQL that builds the states and their schema (compiled once per process)."""
    from salesmetrics.engine.backend import to_sql

    key = workspace.backend.dialect
    with _lock:
        found = _compiled.get(key)
    if found is None:
        expr = _states_expr(workspace, session)
        found = (to_sql(workspace.backend, expr), expr.schema())
        with _lock:
            _compiled[key] = found
    return found


def build_sql(workspace: Workspace, session: Session) -> str:
    return _compile(workspace, session)[0]


def kept_schema(workspace: Workspace, session: Session) -> ibis.Schema:
    """The columns of the kept table (``_states_expr``)."""
    return _compile(workspace, session)[1]


@cache
def code() -> str:
    """What the states are built by: the release and the source of the modules that build
    them (read as text, so that checking needs no Ibis)."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("salesmetrics").encode())
    here = Path(__file__).parent
    for name in BUILT_BY:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def refresh(workspace: Workspace) -> bool:
    """Rebuild the states when they are missing or not current; True when rebuilt.

    The fingerprint is read, and the table and fingerprint written, in one transaction; a
    read-only workspace, or one whose backend keeps no states, is left as it is."""
    if not supported(workspace) or getattr(workspace.backend, "read_only", False):
        return False
    backend = workspace.backend
    with backend.session() as session:
        sql = build_sql(workspace, session)
    with backend.transaction():
        stamp = {"code": code(), "fingerprint": _joined(backend.rows(fingerprint_sql())[0])}
        if _recorded(workspace) == stamp and TABLE in backend.tables():
            return False
        backend.execute(f'CREATE OR REPLACE TABLE "{TABLE}" AS {sql}')
        backend.write_meta(META_KEY, json.dumps(stamp, sort_keys=True))
    _forget(workspace)
    return True


def _recorded(workspace: Workspace) -> dict[str, Any] | None:
    raw = workspace.backend.read_meta(META_KEY)
    if not raw:
        return None
    try:
        found = json.loads(raw)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _file_stamp(workspace: Workspace) -> str | None:
    """The workspace file's stamp (``backends.duckdb.file_stamp``); None in memory."""
    from salesmetrics.backends.duckdb import file_stamp

    path = getattr(workspace.backend, "path", None)
    if path is None or str(path) == ":memory:":
        return None
    return file_stamp(path)


def usable(workspace: Workspace, session: Session) -> bool:
    """True when the kept states are certainly those of the workspace's data now (asked of
    the database once per change of the workspace file, per process)."""
    if not supported(workspace):
        return False
    stamp = _file_stamp(workspace)
    key = (str(getattr(workspace.backend, "path", "")), stamp or "")
    if stamp is not None:
        with _lock:
            if key in _checked:
                return _checked[key]
    recorded = _recorded(workspace)
    current = (
        recorded is not None
        and recorded.get("code") == code()
        and recorded.get("fingerprint") == fingerprint(session)
        and TABLE in workspace.backend.tables()
    )
    if stamp is not None:
        with _lock:
            _checked[key] = current
    return current


def _forget(workspace: Workspace) -> None:
    path = str(getattr(workspace.backend, "path", ""))
    with _lock:
        for key in [k for k in _checked if k[0] == path]:
            del _checked[key]
