"""Deal states kept in the workspace (docs/kpi-usage.md, "Deal states kept at import").

``history.event_states`` — every deal's events and the state after each — needs one window
over the whole of ``opportunity_history``; on a large company that window is most of the
time of a pipeline KPI. A DuckDB workspace keeps its result for every deal and every day in
a table of its own, ``_sm_deal_states``, rebuilt after each import of opportunities or their
history, and the engine reads it instead of running the window — only when it is certainly
current (``engine.kept``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesmetrics.engine import kept
from salesmetrics.errors import InternalError

if TYPE_CHECKING:
    import ibis
    import ibis.expr.types as ir

    from salesmetrics.backends.base import Session
    from salesmetrics.workspace import Workspace

TABLE = "_sm_deal_states"

#: the columns the states are built from (history.event_states reads no other)
_SOURCES = {
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
_BUILT_BY = (
    "history.py", "stage_changes.py", "state_table.py", "dimensions.py", "rowsets.py",
    "currency.py", "backend.py",
)  # fmt: skip


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


DEAL_STATES = kept.Kept(TABLE, "deal_states", _SOURCES, _BUILT_BY, _states_expr)
#: the tables the states are built from
SOURCES = DEAL_STATES.sources


def kept_schema(workspace: Workspace, session: Session) -> ibis.Schema:
    """The columns of the kept table (``_states_expr``)."""
    return kept.kept_schema(DEAL_STATES, workspace, session)


def usable(workspace: Workspace, session: Session) -> bool:
    """True when the kept deal states are certainly those of the workspace's data now."""
    return kept.usable(workspace, session, DEAL_STATES)
