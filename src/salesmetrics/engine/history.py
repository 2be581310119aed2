"""Deals as they were on any day, from ``opportunity_history`` (docs/kpi-conventions.md,
"Pipeline history").

Every deal is a sequence of *events* — its creation, its history rows, and a closing event at
its close_date when it is closed now but its history never says so — and after each event a
*state* (stage, status, amount, probability, expected close date), each field the last
non-empty value so far. A state holds from its event's day until the next event's day, so the
pipeline on day D is a filter on ``[_from, _to)`` and needs no per-day expansion. Deals
without history get the creation and closing events only: the current-row rule exactly.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.engine.backend import date_literal
from salesmetrics.engine.currency import currency_code
from salesmetrics.engine.dimensions import apply_filters, attach_dims, clean, own_dims

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context

#: columns of kept states (engine.state_table): the carried stage trimmed (null when empty),
#: and its key
KEPT_NAME, KEPT_KEY = "_c_name", "_c_key"
#: columns of kept states: whether the event begins a stage, an open stage, and the expected
#: close before it (``stage_changes.change_columns``, worked out at import)
KEPT_CHANGED, KEPT_ENTERED, KEPT_PREV_CLOSE = "_g_changed", "_g_entered", "_g_prev_close"
#: the end of a state that has no next event
FOREVER = dt.date(9999, 12, 31)
CLOSED = ("won", "lost")
#: the progress score of a won state: later than every stage
WON_SCORE = 1e12


def stage_key(stage: Any) -> Any:
    """A stage name as stages are compared: trimmed, lower-case."""
    return stage.strip().lower()


def _deals(
    ctx: Context, last_day: Any, alive_from: Any | None, keep: Table | None = None
) -> tuple[Table, Table]:
    """The deals that matter up to ``last_day`` and their history rows.

    Each deal knows the first value its history gives each field (it holds from the deal's
    creation) and whether it needs a closing event: the current row is the truth about now,
    so a deal closed now whose history does not end closed (never closes it, or reopens it
    last) closes at its close_date, or at the history's last open status when that is later.
    With ``alive_from``, a deal closed now whose close_date and every history change lie before
    that day is closed on every day from then on: it is left out (with its history) before
    any window runs. ``keep`` (distinct ids ``_k_id``, see ``active_deals``): only those deals.
    """
    o, h = ctx["opportunities"], ctx["opportunity_history"]
    d = o.filter(o.created_at.date() <= last_day)
    rows = h
    if keep is not None:
        d = d.join(keep, d.opportunity_id == keep._k_id)
        d = d.select([c for c in d.columns if c != "_k_id"])
        rows = h.join(keep, h.opportunity_id == keep._k_id)
        rows = rows.select([c for c in rows.columns if c != "_k_id"])
    if alive_from is not None:
        late = h.filter(h.changed_at.date() >= alive_from)
        touched = late.select(_t_id=late.opportunity_id).distinct()
        d = d.left_join(touched, d.opportunity_id == touched._t_id)
        closed_now = d.status.isin(CLOSED) & d.close_date.notnull()
        settled = closed_now & (d.close_date < alive_from) & d._t_id.isnull()
        d = d.filter(~settled)
        d = d.select([c for c in d.columns if c != "_t_id"])
        ids = d.select(_k_id=d.opportunity_id)
        rows = h.join(ids, h.opportunity_id == ids._k_id)
        rows = rows.select([c for c in rows.columns if c != "_k_id"])
    closed_at = ibis.ifelse(rows.status.isin(CLOSED), rows.changed_at, ibis.null("timestamp"))
    open_at = ibis.ifelse(rows.status == "open", rows.changed_at, ibis.null("timestamp"))
    stage = clean(rows.stage)  # trimmed once the state is known (fewer rows)
    sums = rows.group_by(_h_id=rows.opportunity_id).aggregate(
        _h_closed=closed_at.max(),
        _h_open=open_at.max(),
        # each field's first value: what the deal had from its creation to that row
        _h_stage=stage.argmin(rows.changed_at, where=stage.notnull()),
        _h_amount=rows.amount.cast("float64").argmin(rows.changed_at, where=rows.amount.notnull()),
        _h_close=rows.close_date.argmin(rows.changed_at, where=rows.close_date.notnull()),
    )
    d = d.left_join(sums, d.opportunity_id == sums._h_id)
    ends_closed = d._h_closed.notnull() & (d._h_open.isnull() | (d._h_closed > d._h_open))
    close_at = d.close_date.cast("timestamp")
    d = d.mutate(
        _needs_close=d.status.isin(CLOSED) & d.close_date.notnull() & ~ends_closed,
        _close_at=ibis.ifelse(d._h_open.notnull() & (d._h_open > close_at), d._h_open, close_at),
    )
    return d, rows


def _events(
    ctx: Context, last_day: Any, alive_from: Any | None = None, keep: Table | None = None
) -> Table:
    """Creation, history and (see ``_deals``) closing events up to ``last_day`` of the deals
    that matter (``alive_from``: not closed for good before that day; ``keep``: those ids)."""
    d, h = _deals(ctx, last_day, alive_from, keep)
    no_number = ibis.null("float64")
    has_history = ibis.ifelse(d._h_id.notnull(), 1, ibis.null("int8"))
    creation = d.select(
        _id=d.opportunity_id,
        _at=d.created_at,
        _seq=ibis.literal(0, "int8"),
        _e_stage=d._h_stage,
        _e_status=ibis.literal("open"),
        _e_amount=d._h_amount,
        _e_probability=no_number,
        _e_close=d._h_close,
        _real=ibis.literal(False),
        _hist=has_history,
    )
    rows = h.filter(h.changed_at.date() <= last_day)
    history = rows.select(
        _id=rows.opportunity_id,
        _at=rows.changed_at,
        _seq=ibis.literal(1, "int8"),
        _e_stage=clean(rows.stage),
        _e_status=rows.status,
        _e_amount=rows.amount.cast("float64"),
        _e_probability=rows.probability.cast("float64"),
        _e_close=rows.close_date,
        _real=ibis.literal(True),
        _hist=ibis.literal(1, "int8"),
    )
    ends = d.filter(d._needs_close)
    closing = ends.select(
        _id=ends.opportunity_id,
        _at=ends._close_at,
        _seq=ibis.literal(2, "int8"),
        _e_stage=clean(ends.stage),
        _e_status=ends.status,
        _e_amount=ends.amount.cast("float64"),
        _e_probability=no_number,
        _e_close=ends.close_date,
        _real=ibis.literal(False),
        _hist=ibis.ifelse(ends._h_id.notnull(), 1, ibis.null("int8")),
    )
    events = creation.union(history).union(closing)
    return events.filter(events._at.date() <= last_day)


def _carry(
    ctx: Context,
    t: Table,
    last: dict[str, Any],
    plain: dict[str, Any] | None = None,
    previous: dict[str, Any] | None = None,
) -> Table:
    """``t`` plus, per deal in event order, each expression of ``last`` as its last non-empty
    value up to the row; ``plain`` and ``previous``: analytic expressions (``lead``) over the
    same order, computed alongside (one sort of the events serves them all; ``previous`` is
    only given where the backend has IGNORE NULLS).

    With IGNORE NULLS one window does it; without it (PostgreSQL), each value's non-empty rows
    are numbered by a running count and every row takes the one value of its run.
    """
    order = [t._at, t._seq]
    upto = ibis.window(group_by=t._id, order_by=order, preceding=None, following=0)
    ordered = ibis.window(group_by=t._id, order_by=order)
    plain = plain or {}
    if ctx.backend.windows_ignore_nulls:
        return t.mutate(
            **{k: e.last(include_null=False).over(upto) for k, e in last.items()},
            **{k: e.over(ordered) for k, e in plain.items()},
            **(previous or {}),
        )
    counted = t.mutate(
        **{f"{k}_v": e for k, e in last.items()},
        **{f"{k}_n": e.count().over(upto) for k, e in last.items()},
        **{k: e.over(ordered) for k, e in plain.items()},
    )
    filled = counted.mutate(
        **{
            k: counted[f"{k}_v"].max().over(ibis.window(group_by=[counted._id, counted[f"{k}_n"]]))
            for k in last
        }
    )
    helpers = {f"{k}_{s}" for k in last for s in ("v", "n")}
    return filled.select([c for c in filled.columns if c not in helpers])


def event_states(
    ctx: Context,
    last_day: Any,
    alive_from: Any | None = None,
    active: tuple[Any, Any] | None = None,
    changes: bool = False,
) -> Table:
    """One row per event up to ``last_day`` with the deal's state after it (``_c_*``, before
    the current row's fallbacks), its day ``_from`` and the next event's day ``_to``.

    A row naming a stage starts that stage's probability: its own, else none recorded (the
    ``-1`` it carries until a probability is) — so one window carries every field.
    ``changes``: see ``_previous``. ``active`` (lo, hi): only the deals with an event on a
    day of [lo, hi] (and perhaps a few more) — those that can change in it.

    Where the workspace keeps every deal's states (``engine.state_table``) they are read from
    there: the same rows, but for the day a deal's last state up to ``last_day`` ends (a later
    event's day instead of the end of time), which is after every day asked about."""
    if ctx.reads_kept_states():
        return _kept_states(ctx, last_day, active)
    keep = active_deals(ctx, *active) if active is not None else None
    ev = _events(ctx, last_day, alive_from, keep)
    reset = ev._e_stage.notnull() & ev._e_probability.isnull()
    ev = _carry(
        ctx,
        ev,
        last={
            "_c_stage": ev._e_stage,
            "_c_status": ev._e_status,
            "_c_amount": ev._e_amount,
            "_c_close": ev._e_close,
            "_c_probability": ibis.ifelse(reset, NO_PROBABILITY, ev._e_probability),
        },
        plain={"_next_day": ev._at.date().lead()},
        previous=_previous(ctx, ev) if changes else None,
    )
    return ev.mutate(
        _c_probability=ev._c_probability.nullif(NO_PROBABILITY),
        _from=ev._at.date(),
        _to=ev._next_day.fill_null(date_literal(FOREVER)),
    )


def _kept_states(ctx: Context, last_day: Any, active: tuple[Any, Any] | None) -> Table:
    """``event_states`` from the kept table: the events up to ``last_day`` (a deal's creation
    and closing events only when it was created by then, as ``_events`` reads them); with
    ``active``, of the deals whose events span a day of it (a filter, not a join)."""
    from salesmetrics.engine.state_table import CREATED_DAY, FIRST_DAY, LAST_DAY, TABLE, kept_schema

    t = ibis.table(kept_schema(ctx.workspace, ctx.session), name=TABLE)
    t = t.filter(t._from <= last_day, t._real | (t[CREATED_DAY] <= last_day))
    if active is not None:
        t = t.filter(t[FIRST_DAY] <= active[1], t[LAST_DAY] >= active[0])
    return t.select([c for c in t.columns if c not in (CREATED_DAY, FIRST_DAY, LAST_DAY)])


def active_deals(ctx: Context, lo: Any, hi: Any) -> Table:
    """The distinct ids (``_k_id``) of the deals with an event on a day of ``[lo, hi]``: a
    history row, their creation, or their close (a closing event is on the close date, or on
    a history row's day when that is later)."""
    o, h = ctx["opportunities"], ctx["opportunity_history"]
    day = h.changed_at.date()
    changed = h.filter(day >= lo, day <= hi).select(_k_id=h.opportunity_id)
    created = o.created_at.date()
    closed = o.status.isin(CLOSED) & (o.close_date >= lo) & (o.close_date <= hi)
    own = o.filter(((created >= lo) & (created <= hi)) | closed).select(_k_id=o.opportunity_id)
    return changed.union(own, distinct=True)


def _previous(ctx: Context, ev: Table) -> dict[str, Any] | None:
    """What ``stage_changes`` compares each change with, computed by the window that carries
    the states (one sort of the events) where the backend has IGNORE NULLS: the stage and
    expected close carried at the previous event a change sequence keeps (``_p_key``,
    ``_p_close``) and whether there is one (``_p_has``). A deal's sequence leaves out its
    creation event when it has history rows, so when the event before is that creation the
    value is the one carried two events back. Without IGNORE NULLS: none (a second window
    reads them)."""
    if not ctx.backend.windows_ignore_nulls:
        return None
    order = [ev._at, ev._seq]
    ordered = ibis.window(group_by=ev._id, order_by=order)
    one = ibis.window(group_by=ev._id, order_by=order, rows=(None, -1))
    two = ibis.window(group_by=ev._id, order_by=order, rows=(None, -2))
    skipped = ibis.ifelse((ev._seq == 0) & ev._hist.notnull(), 1, 0).lag().over(ordered) == 1
    position = ibis.row_number().over(ordered)  # from 0

    def before(e: Any) -> Any:
        last = e.last(include_null=False)
        return ibis.ifelse(skipped, last.over(two), last.over(one))

    return {
        # the stage as a key (trimmed, lower case; '' when blank), so no row reworks the text
        "_p_key": before(stage_key(ev._e_stage)),
        "_p_close": before(ev._e_close),
        "_p_has": ibis.ifelse(skipped, position >= 2, position >= 1),
    }


#: carried after a stage change without a probability (none recorded for that stage yet)
NO_PROBABILITY = -1.0


def deal_states(
    ctx: Context, last_day: Any, stage_names: bool = True, alive_from: Any | None = None
) -> Table:
    """Every event's state joined to its deal (dimensions attached, filters applied).

    Columns as ``rowsets.opportunity_base`` (``_status``, ``_stage``, ``_amount``, ``_close``,
    ``_probability`` hold the state) plus ``_from``/``_to``/``_at``, ``_win_probability`` (the
    state's probability, else the current row's on its current stage, else the stage
    default), ``_stage_unknown`` (a closed deal's earlier stage, unknown) and ``_real`` (the
    event is a history row).
    """
    return with_deal(ctx, event_states(ctx, last_day, alive_from), stage_names)


def with_deal(ctx: Context, ev: Table, stage_names: bool = True) -> Table:
    """Event states ``ev`` joined to their deals: the state with the current row's fallbacks,
    the deal's dimensions (filters applied); see ``deal_states``."""
    return with_dims(ctx, with_fallbacks(ctx, ev), stage_names)


def with_fallbacks(ctx: Context, ev: Table, orphans: bool = False) -> Table:
    """Event states ``ev`` joined to their deal's current row: the state with its fallbacks
    (see ``deal_states``) and the deal's own columns and dimensions (source, product, type),
    but neither its rep's nor its account's dimensions nor any filter (``with_dims``)."""
    from salesmetrics.engine.rowsets import stage_default

    dims = [d for d in ctx.request.dims_used if d != "stage"]
    o = ctx["opportunities"]
    base = o.select(
        _id=o.opportunity_id,
        _created=o.created_at,
        _created_date=o.created_at.date(),
        _now_status=o.status,
        _now_close=o.close_date,
        _now_amount=o.amount.cast("float64"),
        _currency=o.currency,
        _cur=currency_code(o.currency),
        _now_probability=o.probability.cast("float64"),
        _now_stage=clean(o.stage.strip()),
        _now_key=stage_key(clean(o.stage.strip())),
        _months=o.contract_months.cast("float64"),
        _rep_id=o.owner_rep_id,
        _account_id=o.account_id,
        **own_dims(o, "opportunity", dims),
    )
    # ``orphans``: history rows of deals not in opportunities stay (the kept states keep them)
    t = ev.left_join(base, ev._id == base._id) if orphans else ev.join(base, ev._id == base._id)
    if KEPT_NAME in t.columns:  # kept states: the stage's name and key computed once, at import
        name, key = t[KEPT_NAME], t[KEPT_KEY]
    else:
        name = clean(t._c_stage.strip())
        key = stage_key(name)
    is_open = t._now_status == "open"
    stage = ibis.coalesce(name, ibis.ifelse(is_open, t._now_stage, ibis.null("string")))
    key = ibis.coalesce(key, ibis.ifelse(is_open, t._now_key, ibis.null("string")))
    recorded = t._c_probability
    on_current = stage.isnull() | (key == t._now_key)
    current = ibis.ifelse(on_current, t._now_probability, ibis.null("float64"))
    t = t.mutate(
        _status=t._c_status,
        _stage=stage,
        _stage_key=key,
        _amount=ibis.coalesce(t._c_amount, t._now_amount),
        _close=ibis.coalesce(t._c_close, t._now_close),
        _probability=recorded,
        _stage_unknown=stage.isnull() & t._now_stage.notnull(),
    )
    default = stage_default(ctx, t._stage, t._stage_key)
    return t.mutate(_win_probability=ibis.coalesce(t._probability, current, default))


def with_dims(ctx: Context, t: Table, stage_names: bool = True) -> Table:
    """Deal states ``t`` (``with_fallbacks``) with their rep's and account's dimensions, the
    stage's name, and the request's filters: joined to the rows that count, late, since every
    dimension is the deal's (or its state's stage)."""
    req = ctx.request
    t = in_slice(ctx, t, [d for d in req.dims_used if d != "stage"])
    if "stage" in req.dims_used:
        t = with_stage_names(ctx, t, "_stage") if stage_names else t.mutate(stage=t._stage)
        on_stage = {d: v for d, v in req.filters.items() if d == "stage"}
        t = apply_filters(t, on_stage, bind=ctx.bind_filters)
    return t


def in_slice(ctx: Context, t: Table, dims: list[str] | None = None) -> Table:
    """Deal states ``t`` of the deals the request's filters keep (the stage's aside: it is a
    state's, not a deal's), with ``dims`` (default: the filtered ones) attached."""
    outside = {d: v for d, v in ctx.request.filters.items() if d != "stage"}
    t = attach_dims(ctx, t, "opportunity", list(outside) if dims is None else dims)
    return apply_filters(t, outside, bind=ctx.bind_filters)


def with_stage_names(ctx: Context, t: Table, column: str) -> Table:
    """``t`` with ``stage``: ``column``'s stage as shown — its first spelling in
    opportunity_history (by changed_at), else its smallest spelling on opportunities."""
    names = stage_names(ctx)
    key = t._stage_key if column == "_stage" and "_stage_key" in t.columns else stage_key(t[column])
    joined = t.left_join(names, key == names._n_key)
    joined = joined.mutate(stage=joined._n_name)
    return joined.select([c for c in joined.columns if c not in ("_n_key", "_n_name")])


def stage_names(ctx: Context) -> Table:
    """Each stage key (``_n_key``) with the name it is shown by (``_n_name``).

    The spellings are first reduced to their earliest day (a hash aggregate over a handful of
    groups), so the ranking window meets a few rows instead of every history row."""
    o, h = ctx["opportunities"], ctx["opportunity_history"]
    never = ibis.literal("9999-12-31 00:00:00").cast("timestamp")
    spellings = h.select(_n=clean(h.stage.strip()), _n_at=h.changed_at).union(
        o.select(_n=clean(o.stage.strip()), _n_at=never)
    )
    spellings = spellings.filter(spellings._n.notnull())
    names = spellings.group_by("_n").aggregate(_n_at=spellings._n_at.min())
    names = names.mutate(_n_key=stage_key(names._n))
    first = ibis.window(group_by=names._n_key, order_by=[names._n_at, names._n])
    names = names.mutate(_nth=ibis.row_number().over(first))
    return names.filter(names._nth == 0).select("_n_key", _n_name=names._n)


def open_states(ctx: Context, spine: Table) -> Table:
    """Deals open on each period's stock day ``hi``, in their state of that day."""
    from salesmetrics.engine.rowsets import first_of, last_of

    ev = event_states(ctx, last_of(spine, "hi"), alive_from=first_of(spine, "hi"))
    ev = ev.filter(ev._c_status == "open", ev._to > first_of(spine, "hi"))
    ev = _covering_a_stock_day(ctx, ev, spine)
    # the deal (its fallbacks and dimensions) is joined to the few states that count
    rows = with_deal(ctx, ev.join(spine, [ev._from <= spine.hi, ev._to > spine.hi]))
    rows = rows.filter(rows._created_date <= rows.hi)
    return rows.select([c for c in rows.columns if not c.startswith(_WORK_COLUMNS)])


def _covering_a_stock_day(ctx: Context, t: Table, spine: Table) -> Table:
    """The states ``[_from, _to)`` that hold on at least one period's stock day ``hi``.

    Most states (a stage of a few days) hold on none; the first stock day on or after
    ``_from`` is the ``hi`` of the period holding ``_from`` (found by an equality join on its
    calendar unit, as ``rowsets.flow`` does), so one comparison tells, and the range join that
    follows meets only the states that count."""
    from salesmetrics.engine.backend import buckets_table
    from salesmetrics.engine.periods import bucket_unit
    from salesmetrics.engine.rowsets import _UNIT_CODES, first_of

    unit = bucket_unit(ctx.request.grain)
    day = t._from
    t = t.mutate(_bucket=day if unit == "day" else day.truncate(_UNIT_CODES[unit]).cast("date"))
    periods = buckets_table(spine).select(_p_bucket="bucket", _p_lo="lo", _p_hi="hi")
    j = t.left_join(
        periods,
        [t._bucket == periods._p_bucket, t._from >= periods._p_lo, t._from <= periods._p_hi],
    )
    before = (j._from < first_of(spine, "lo")) & (j._to > first_of(spine, "hi"))
    j = j.filter(before | (j._p_hi < j._to))
    return j.select([c for c in t.columns if c != "_bucket"])


#: columns of deal_states that only build the state
_WORK_COLUMNS = ("_c_", "_h_", "_now_", "_e_", "_p_", "_g_")


def _trim(rows: Table) -> Table:
    return rows.select([c for c in rows.columns if not c.startswith(_WORK_COLUMNS)])


def pipeline_moves(ctx: Context, spine: Table) -> Table:
    """Per period, each deal in its pipeline at the start or end (or closed in it) with its
    waterfall step (docs/kpi-conventions.md, "Pipeline waterfall"): amounts ``_s_start``
    (start amount at the start day's rate), ``_s_end`` (at the end day's rate) and ``_e_end``
    (end amount at the end day's rate); flags ``_in0``, ``_in1``, ``_closed_in``,
    ``_created_in``; ``_fx_bad`` (a rate is missing on one of the two days)."""
    from salesmetrics.engine.currency import foreign_currencies, with_rate
    from salesmetrics.engine.rowsets import first_of, last_of

    start_day = first_of(spine, "lo") - ibis.interval(days=1)
    states = deal_states(ctx, last_of(spine, "hi"), alive_from=start_day)
    sp = spine.mutate(_start_day=spine.lo - ibis.interval(days=1))
    opened = states.filter(states._status == "open", states._to > first_of(spine, "lo"))
    starts = opened.join(sp, [opened._from <= sp._start_day, opened._to > sp._start_day])
    starts = starts.filter(starts._created_date <= starts._start_day)
    starts = starts.select(
        _s_id=starts._id,
        _s_period=starts.period_start,
        _s_amount=starts._amount.fill_null(0.0),
        _s_close=starts._close,
    )
    live = states.filter(
        (states._status == "open") | (states._from >= first_of(spine, "lo")),
        states._to > first_of(spine, "hi"),
    )
    ends = live.join(sp, [live._from <= sp.hi, live._to > sp.hi])
    ends = ends.filter(
        ends._created_date <= ends.hi, (ends._status == "open") | (ends._from >= ends.lo)
    )
    t = ends.left_join(starts, [ends._id == starts._s_id, ends.period_start == starts._s_period])
    t = _trim(t)
    closed = t._status.isin(CLOSED)
    in0 = t._s_id.notnull() & (t._s_close <= t.hi)
    created_in = (t._created_date >= t.lo) & (t._created_date <= t.hi)
    closed_in = closed & (t._from >= t.lo) & (t._s_id.notnull() | created_in)
    t = t.mutate(
        _in0=in0.fill_null(False),
        _in1=((t._status == "open") & (t._close <= t.hi)).fill_null(False),
        _closed_in=closed_in.fill_null(False),
        _created_in=created_in.fill_null(False),
    )
    t = t.filter(t._in0 | t._in1 | t._closed_in)
    o = ctx["opportunities"]
    currencies = foreign_currencies(o, ctx.base_currency)
    at_end = currencies.cross_join(spine.select(_k_day=spine.hi))
    at_start = currencies.cross_join(spine.select(_k_day=spine.lo - ibis.interval(days=1)))
    fx = ctx["fx_rates"]
    t = with_rate(t, fx, ctx.base_currency, "hi", at_end)
    t = t.rename(_rate_end="_rate", _fx_missing_end="_fx_missing")
    t = t.select([c for c in t.columns if c not in ("_k_cur", "_k_day", "_fx_rate")])
    t = with_rate(t, fx, ctx.base_currency, "_start_day", at_start)
    t = t.mutate(
        _s_start=t._s_amount.fill_null(0.0) * t._rate,
        _s_end=t._s_amount.fill_null(0.0) * t._rate_end,
        _e_end=t._amount.fill_null(0.0) * t._rate_end,
        _fx_bad=t._fx_missing_end | (t._in0 & t._fx_missing),
    )
    return t.select([c for c in t.columns if c not in ("_k_cur", "_k_day", "_fx_rate")])
