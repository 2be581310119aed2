"""Row sets of what changes in a deal's history (docs/kpi-conventions.md, "Stage entries and
exits"): stage entries (stage_conversion), stage exits (time_in_stage_days) and pushed close
dates (pushed_deals), from the event states of ``engine.history``.

Each reads only the deals with an event on a day of the range (``history.active_deals``) — a deal's
states need its whole history, but a deal with no event in the range has nothing to count —
and joins its dimensions to the rows that count, once they are found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.engine.history import (
    KEPT_CHANGED,
    KEPT_ENTERED,
    KEPT_PREV_CLOSE,
    _trim,
    deal_states,
    event_states,
    in_slice,
    stage_key,
    with_dims,
    with_fallbacks,
)
from salesmetrics.engine.rowsets import first_of, flow, last_of

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context


def _as_of_or_last(ctx: Context, spine: Table) -> Any:
    """The last day events are read up to: the later of the range's last day and as_of."""
    return ibis.greatest(last_of(spine, "hi"), ctx.as_of())


def _with_changes(t: Table) -> Table:
    """The events that change something, with what changed: ``_changed`` (a stage begins:
    the stage differs from the one before), ``_entered`` (an open stage begins) and
    ``_prev_close`` (the expected close before it). A deal with history rows starts at its
    first row (its creation event only carries the first values back); a deal without any
    starts at its creation (its minimal history).

    Kept states (``engine.state_table``) carry the three, worked out at import by
    ``change_columns``; otherwise they are worked out here."""
    t = t.filter((t._seq != 0) | t._hist.isnull())
    if KEPT_CHANGED in t.columns:
        return t.mutate(
            _changed=t[KEPT_CHANGED], _entered=t[KEPT_ENTERED], _prev_close=t[KEPT_PREV_CLOSE]
        )
    return t.mutate(**change_columns(t))


def change_columns(t: Table) -> dict[str, Any]:
    """``_stage_key``, ``_changed``, ``_entered`` and ``_prev_close`` of the events ``t`` (see
    ``_with_changes``). The state before each change is read from ``_p_*`` when the event
    window carried them (``history.event_states(changes=True)``: row by row, so the same
    before or after the sequence's creation events are left out), else by a window of its
    own."""
    key = t._stage_key if "_stage_key" in t.columns else stage_key(t._stage)
    if "_p_has" in t.columns:
        # the previous state, with the current row's fallbacks as with_fallbacks gives them
        fallback = ibis.ifelse(t._now_status == "open", t._now_key, ibis.null("string"))
        key_before = ibis.coalesce(t._p_key.nullif(""), fallback)
        prev_key = ibis.ifelse(t._p_has, key_before, ibis.null("string"))
        prev_close = ibis.ifelse(
            t._p_has, ibis.coalesce(t._p_close, t._now_close), ibis.null("date")
        )
    else:
        ordered = ibis.window(group_by=t._id, order_by=[t._at, t._seq])
        prev_key = key.lag().over(ordered)
        prev_close = t._close.lag().over(ordered)
    changed = t._stage.notnull() & (prev_key.isnull() | (prev_key != key))
    return {
        "_stage_key": key,
        "_changed": changed,
        "_entered": changed & (t._status == "open"),
        "_prev_close": prev_close,
    }


def _stage_rank(ctx: Context, entries: Table, learn_from: Table | None = None) -> Table:
    """``entries`` with ``_rank``: the stage's place in the stage order (setting
    ``stage_order``), else learnt from ``learn_from`` (default: ``entries``) — the mean days
    from creation to entering the stage."""
    if ctx.stage_order:
        keys = [(n.strip().lower(), float(i)) for i, n in enumerate(ctx.stage_order)]
        rank = entries._stage_key.cases(*keys, else_=None)
        return entries.mutate(_rank=rank)
    source = entries if learn_from is None else learn_from
    opened = source.filter(source._entered)
    seconds = opened._at.epoch_seconds() - opened._created.epoch_seconds()
    days = seconds.cast("float64") / 86_400.0
    learnt = opened.group_by(_l_key=opened._stage_key).aggregate(_l_rank=days.mean())
    joined = entries.left_join(learnt, entries._stage_key == learnt._l_key)
    joined = joined.mutate(_rank=joined._l_rank)
    return joined.select([c for c in joined.columns if c not in ("_l_key", "_l_rank")])


def _first_per_period(rows: Table, keys: list[str]) -> Table:
    """One row per deal, period and ``keys``: the earliest event."""
    window = ibis.window(group_by=[rows._id, rows.period_start, *keys], order_by=[rows._at])
    ranked = rows.mutate(_nth=ibis.row_number().over(window))
    ranked = ranked.filter(ranked._nth == 0)
    return ranked.select([c for c in ranked.columns if c != "_nth"])


def _changes(ctx: Context, spine: Table, last_day: Any) -> Table:
    """The changes (``_with_changes``) up to ``last_day`` of the deals with an event in the
    range, with the current row's fallbacks but no dimension yet."""
    active = (first_of(spine, "lo"), last_of(spine, "hi"))
    states = event_states(ctx, last_day, active=active, changes=True)
    return _with_changes(with_fallbacks(ctx, states))


def stage_entries(ctx: Context, spine: Table) -> Table:
    """Entries into open stages, in the period of their day (first per deal, stage and
    period), with ``_progressed``: a later stage or a win followed by as_of.

    A learnt stage order is learnt from every deal the request's filters keep (an aggregate
    over all their changes); what follows each entry is read for the deals with an event in
    the range only."""
    last_day = _as_of_or_last(ctx, spine)
    t = _changes(ctx, spine, last_day)
    every = None
    if not ctx.stage_order:
        states = event_states(ctx, last_day, changes=True)
        every = _with_changes(in_slice(ctx, with_fallbacks(ctx, states)))
    t = _stage_rank(ctx, t, every)
    as_of = ctx.as_of()
    after = ibis.window(group_by=t._id, order_by=[t._at, t._seq], following=(1, None))
    known = t._from <= as_of
    rank_later = ibis.ifelse(known & t._entered, t._rank, None).max().over(after)
    won_later = ibis.ifelse(known & (t._status == "won"), 1, 0).max().over(after)
    t = t.mutate(_progressed=(won_later == 1) | (rank_later > t._rank).fill_null(False))
    rows = flow(ctx, _trim(t.filter(t._entered)), spine, "_from")
    return with_dims(ctx, _first_per_period(rows, ["_stage_key"]))


def stage_exits(ctx: Context, spine: Table) -> Table:
    """Stays in a stage that ended in the period (the next stage began): ``_days`` in the
    stage; the stage dimension is the stage left."""
    t = _changes(ctx, spine, last_of(spine, "hi"))
    spells = t.filter(t._changed)
    ordered = ibis.window(group_by=spells._id, order_by=[spells._at, spells._seq])
    spells = spells.mutate(_left_at=spells._at.lead().over(ordered))
    spells = spells.filter(spells._left_at.notnull())
    seconds = spells._left_at.epoch_seconds() - spells._at.epoch_seconds()
    spells = spells.mutate(_days=seconds.cast("float64") / 86_400.0, _left=spells._left_at.date())
    return with_dims(ctx, flow(ctx, _trim(spells), spine, "_left"))


def pushes(ctx: Context, spine: Table) -> Table:
    """Deals whose expected close date moved later while open, once per period."""
    t = _changes(ctx, spine, last_of(spine, "hi"))
    pushed = t.filter(t._real, t._status == "open", t._close > t._prev_close)
    rows = flow(ctx, _trim(pushed), spine, "_from")
    return with_dims(ctx, _first_per_period(rows, []))


def learnt_stage_order(workspace: Any) -> list[tuple[str, float]]:
    """The open stages in the order learnt from opportunity_history: (name, mean days from
    creation to entering the stage), first stage first."""
    from salesmetrics.engine import context

    with workspace.backend.session() as session:
        ctx = context(workspace, "open_opportunities", session, grain="total", by=["stage"])
        ctx = _without_set_order(ctx)
        t = _with_changes(deal_states(ctx, ctx.as_of()))
        entries = _stage_rank(ctx, t.filter(t._entered))
        rows = entries.group_by(entries.stage).aggregate(_days=entries._rank.max())
        frame = session.frame(ctx.sql(rows))
    pairs = [(str(s), float(d)) for s, d in zip(frame["stage"], frame["_days"], strict=True)]
    return sorted(pairs, key=lambda p: (p[1], p[0]))


def _without_set_order(ctx: Context) -> Context:
    from dataclasses import replace

    return replace(ctx, stage_order=[])
