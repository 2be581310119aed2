"""Row sets: the records a KPI counts, one row per (record, period), with dimensions attached.

Each builder returns an Ibis table holding the spine's ``period_start``/``lo``/``hi``, one column
per requested dimension, and the record's own columns (prefixed ``_``). Where and scope filters
are applied before anything else, so every query carries them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.engine.backend import buckets_table, date_literal, spine_bound
from salesmetrics.engine.currency import currency_code, foreign_currencies, with_rate
from salesmetrics.engine.dimensions import apply_filters, attach_dims, clean, own_dims
from salesmetrics.engine.inputs import (
    CUSTOMERS,
    DEAL_TOUCHES,
    HISTORY,
    LEAD_LINKS,
    LEADS,
    MQL_DATES,
    OPPORTUNITIES,
    REPS,
    RESPONSES,
    SQL_DATES,
    Need,
)
from salesmetrics.engine.periods import bucket_unit

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context

Builder = Callable[["Context", "Table"], "Table"]


@dataclass(frozen=True)
class RowSet:
    """A named set of records: how to build it and which of its columns explain shows.

    ``needs``: inputs without which the KPI is not computed; ``span``: the (table, column)
    whose date range tells where data is when a request's range holds none.
    """

    name: str
    build: Builder
    records: dict[str, str]
    money_anchor: str | None = None
    needs: tuple[Need, ...] = ()
    span: tuple[str, str] | None = None
    noun: str = "records"
    #: columns added only for queries with a measure that uses them (``Measure.uses``): each
    #: returns the rows with its column added
    extras: dict[str, Callable[[Context, Table], Table]] = field(default_factory=dict)


def filtered(ctx: Context, base: Table, entity: str, **kw: Any) -> Table:
    req = ctx.request
    base = attach_dims(ctx, base, entity, req.dims_used, **kw)
    return apply_filters(base, req.filters, bind=ctx.bind_filters)


def first_of(spine: Table, column: str) -> Any:
    """The earliest ``column`` (lo, hi or start) of the spine: a constant filtering rows before
    any join."""
    return spine_bound(spine, f"first_{column}")


def last_of(spine: Table, column: str) -> Any:
    return spine_bound(spine, f"last_{column}")


def _in_range(rows: Table, spine: Table, anchor: str) -> Table:
    """The rows whose ``anchor`` lies between the spine's first and last day."""
    at = rows[anchor]
    return rows.filter(at >= first_of(spine, "lo"), at <= last_of(spine, "hi"))


def flow(ctx: Context, rows: Table, spine: Table, anchor: str) -> Table:
    """Each record joined to the period whose ``[lo, hi]`` holds its ``anchor`` date.

    Records outside the whole range are dropped first; the rest find their period by an
    equality join on the calendar unit of the anchor (a hash join on every engine, where a
    range join would sort or loop), checked against the period's clipped ``[lo, hi]``.
    """
    rows = _in_range(rows, spine, anchor)
    unit = bucket_unit(ctx.request.grain)
    at = rows[anchor]
    bucket = at if unit == "day" else at.truncate(_UNIT_CODES[unit]).cast("date")
    rows = rows.mutate(_bucket=bucket)
    periods = buckets_table(spine)
    joined = rows.join(
        periods,
        [rows._bucket == periods.bucket, rows[anchor] >= periods.lo, rows[anchor] <= periods.hi],
    )
    # an explicit list: Ibis' drop() writes its columns in hash order (unstable SQL text)
    return joined.select([c for c in joined.columns if c not in ("_bucket", "bucket")])


_UNIT_CODES = {"week": "W", "month": "M"}


def opportunity_base(ctx: Context, stock: bool = False) -> Table:
    """Deals with their dimensions; ``stock``: as seen on a day when they may have been open.

    For a deal closed now, its current stage is a closed one; on a day it was still open its
    stage is unknown without history, so a stock row set shows it under the empty stage.
    """
    o = ctx["opportunities"]
    own = own_dims(o, "opportunity", ctx.request.dims_used)
    if stock and "stage" in own:
        own["stage"] = ibis.ifelse(o.status == "open", own["stage"], ibis.null("string"))
    base = o.select(
        _id=o.opportunity_id,
        _created=o.created_at,
        _created_date=o.created_at.date(),
        _status=o.status,
        _close=o.close_date,
        _amount=o.amount.cast("float64"),
        _currency=o.currency,
        _cur=currency_code(o.currency),
        _probability=o.probability.cast("float64"),
        _stage=o.stage,
        _months=o.contract_months.cast("float64"),
        _rep_id=o.owner_rep_id,
        _account_id=o.account_id,
        **own,
    )
    return filtered(ctx, base, "opportunity")


def closed_deals(ctx: Context, spine: Table) -> Table:
    """Won and lost deals, in the period of their close_date."""
    o = opportunity_base(ctx)
    return flow(ctx, o.filter(o._status.isin(["won", "lost"])), spine, "_close")


def closed_deals_with_owner(ctx: Context, spine: Table) -> Table:
    """As closed_deals, plus ``_owner_known`` (the owner is a row of reps)."""
    o = opportunity_base(ctx)
    reps = ctx["reps"].select(_known_rep=ctx["reps"].rep_id).distinct()
    o = o.left_join(reps, o._rep_id == reps._known_rep)
    o = o.mutate(_owner_known=o._known_rep.notnull()).drop("_known_rep")
    return flow(ctx, o.filter(o._status.isin(["won", "lost"])), spine, "_close")


def created_deals(ctx: Context, spine: Table) -> Table:
    """Deals in the period of their created_at date."""
    return flow(ctx, opportunity_base(ctx), spine, "_created_date")


def open_deals(ctx: Context, spine: Table) -> Table:
    """Deals open on each period's stock day ``hi``: as the history says they were, or (no
    history in the workspace) by their current row's created_at and close_date."""
    if ctx.has_rows("opportunity_history"):
        from salesmetrics.engine.history import open_states

        return open_states(ctx, spine)
    o = opportunity_base(ctx, stock=True)
    # open until: for ever when open, else the close date (a closed deal without one: never)
    o = o.mutate(
        _open_until=ibis.ifelse(o._status == "open", date_literal(FOREVER), o._close),
        _win_probability=probability_or_default(o, ctx),
        _stage_unknown=o._status != "open",
    )
    # open on some stock day: created by the last one, not closed before the first one
    o = o.filter(o._created_date <= last_of(spine, "hi"), o._open_until > first_of(spine, "hi"))
    # two inequalities on two columns: an inequality join (IEJoin) rather than a loop
    return o.join(spine, [o._created_date <= spine.hi, o._open_until > spine.hi])


FOREVER = dt.date(9999, 12, 31)


def probability_or_default(o: Table, ctx: Context) -> Any:
    """The deal's probability, else its stage's default from the workspace setting."""
    return o._probability.fill_null(stage_default(ctx, o._stage))


def stage_default(ctx: Context, stage: Any, key: Any | None = None) -> Any:
    """The default probability of ``stage`` (workspace settings), null when it has none;
    ``key``: the stage's key when the caller has it (trimmed, lower case)."""
    defaults = {k.strip().lower(): v for k, v in sorted(ctx.stage_probabilities.items())}
    if not defaults:
        return ibis.null("float64")
    key = stage.strip().lower() if key is None else key
    # one CASE on the key: the key is computed once, not once per stage
    return key.cases(*((k, float(v)) for k, v in defaults.items()), else_=None)


def open_deals_touched(ctx: Context, spine: Table) -> Table:
    """Open deals plus ``_touched``: an activity or history change in (hi − 30 days, hi]."""
    rows = open_deals(ctx, spine)
    act, hist = ctx["activities"], ctx["opportunity_history"]
    touches = act.select(_t_id=act.opportunity_id, _t_day=act.occurred_at.date()).union(
        hist.select(_t_id=hist.opportunity_id, _t_day=hist.changed_at.date())
    )
    # only touches inside some period's 30-day look-back can matter
    touches = touches.filter(
        touches._t_id.notnull(),
        touches._t_day > first_of(spine, "hi") - ibis.interval(days=30),
        touches._t_day <= last_of(spine, "hi"),
    )
    keys = rows.select(_k_id=rows._id, _k_hi=rows.hi)
    touched = (
        keys.join(
            touches,
            [
                keys._k_id == touches._t_id,
                touches._t_day > keys._k_hi - ibis.interval(days=30),
                touches._t_day <= keys._k_hi,
            ],
        )
        .select("_k_id", "_k_hi")
        .distinct()
    )
    rows = rows.left_join(touched, [rows._id == touched._k_id, rows.hi == touched._k_hi])
    return rows.mutate(_touched=rows._k_id.notnull())


def lead_base(ctx: Context) -> Table:
    lead = ctx["leads"]
    base = lead.select(
        _id=lead.lead_id,
        _created=lead.created_at,
        _created_date=lead.created_at.date(),
        _mql_date=lead.mql_at.date(),
        _sql_date=lead.sql_at.date(),
        _first_response=lead.first_response_at,
        _rep_id=lead.owner_rep_id,
        _account_id=lead.account_id,
        **own_dims(lead, "lead", ctx.request.dims_used),
    )
    return filtered(ctx, base, "lead")


def leads_created(ctx: Context, spine: Table) -> Table:
    return flow(ctx, lead_base(ctx), spine, "_created_date")


def leads_mql(ctx: Context, spine: Table) -> Table:
    return flow(ctx, lead_base(ctx), spine, "_mql_date")


def leads_sql(ctx: Context, spine: Table) -> Table:
    return flow(ctx, lead_base(ctx), spine, "_sql_date")


def leads_created_outcomes(ctx: Context, spine: Table) -> Table:
    """Leads created in the period with ``_won_opp`` (an opportunity of the lead was won by
    as_of) and ``_has_opp`` (one was created by as_of), each a join to distinct lead ids added
    only when a measure of the query uses it (see ``RowSet.extras``)."""
    return flow(ctx, lead_base(ctx), spine, "_created_date")


def _lead_opportunities(ctx: Context) -> Table:
    o = ctx["opportunities"]
    return o.filter(o.lead_id.notnull())


def _has_lead_in(rows: Table, lead_ids: Table) -> tuple[Table, Any]:
    """Whether each row's lead is among ``lead_ids`` (one column ``lead_id``).

    A left join to the distinct ids, not ``IN (subquery)`` in a projection: PostgreSQL runs the
    latter row by row once the ids outgrow work_mem."""
    ids = lead_ids.select(_in_lead=lead_ids.lead_id).distinct()
    joined = rows.left_join(ids, rows._id == ids._in_lead)
    return joined, joined._in_lead.notnull()


def _won_opp(ctx: Context, rows: Table) -> Table:
    o = _lead_opportunities(ctx)
    won = o.filter(o.status == "won", o.close_date <= ctx.as_of())
    joined, hit = _has_lead_in(rows, won)
    return joined.mutate(_won_opp=hit).drop("_in_lead")


def _has_opp(ctx: Context, rows: Table) -> Table:
    o = _lead_opportunities(ctx)
    created = o.filter(o.created_at.date() <= ctx.as_of())
    joined, hit = _has_lead_in(rows, created)
    return joined.mutate(_has_opp=hit).drop("_in_lead")


def leads_created_response(ctx: Context, spine: Table) -> Table:
    """Leads created in the period with ``_response``: first_response_at, else first activity.

    The first activity is looked up only for the range's leads without a first_response_at,
    among activities between the range's first day and as_of (a lead's response cannot come
    before the lead, and later ones do not count)."""
    leads = lead_base(ctx)
    lead, act = ctx["leads"], ctx["activities"]
    day = act.occurred_at.date()
    acts = act.filter(
        act.lead_id.notnull(), day >= first_of(spine, "lo"), day <= ctx.as_of()
    ).select(_a_lead=act.lead_id, _a_at=act.occurred_at)
    keys = _in_range(lead.mutate(_created_date=lead.created_at.date()), spine, "_created_date")
    keys = keys.filter(keys.first_response_at.isnull())
    keys = keys.select(_k_id=keys.lead_id, _k_created=keys.created_at)
    first_act = (
        keys.join(acts, [keys._k_id == acts._a_lead, acts._a_at >= keys._k_created])
        .group_by("_k_id")
        .aggregate(_first_activity=acts._a_at.min())
    )
    leads = leads.left_join(first_act, leads._id == first_act._k_id)
    leads = leads.mutate(_response=leads._first_response.fill_null(leads._first_activity))
    return flow(ctx, leads, spine, "_created_date")


def new_customers(ctx: Context, spine: Table) -> Table:
    """Accounts in the period of their customer_since (first paying day or first won deal)."""
    if ctx.has_rows("subscriptions"):
        s = ctx["subscriptions"]
        since = (
            s.filter(s.mrr > 0)
            .group_by(_account_id=s.account_id)
            .aggregate(_since=s.start_date.min())
        )
    else:
        o = ctx["opportunities"]
        since = (
            o.filter((o.status == "won") & o.account_id.notnull() & o.close_date.notnull())
            .group_by(_account_id=o.account_id)
            .aggregate(_since=o.close_date.min())
        )
    since = since.mutate(_id=since._account_id, _rep_id=ibis.null("string"))
    rows = filtered(ctx, since, "account", owner_from_account=True)
    return flow(ctx, rows, spine, "_since")


def _first_records(ctx: Context) -> Table:
    """The first record day (deal created, lead created or activity) of each rep without a
    hire_date (only they need it)."""
    o, lead, a, r = ctx["opportunities"], ctx["leads"], ctx["activities"], ctx["reps"]
    unhired = r.filter(r.hire_date.isnull()).rep_id
    days = (
        o.select(_f_rep=o.owner_rep_id, _f_day=o.created_at.date())
        .union(lead.select(_f_rep=lead.owner_rep_id, _f_day=lead.created_at.date()))
        .union(a.select(_f_rep=a.rep_id, _f_day=a.occurred_at.date()))
    )
    days = days.filter(days._f_rep.isin(unhired))
    return days.group_by("_f_rep").aggregate(_first_day=days._f_day.min())


def active_reps(ctx: Context, spine: Table) -> Table:
    """Sellers active in each period: started on or before ``hi``, not gone before ``lo``.

    Managers do not count as reps (role ``manager``); reps without a role do.
    """
    r = ctx["reps"]
    r = r.filter(r.role.isnull() | (r.role != "manager"))
    base = r.select(_id=r.rep_id, _rep_id=r.rep_id, _hire=r.hire_date, _end=r.end_date)
    first = _first_records(ctx)
    base = base.left_join(first, base._id == first._f_rep)
    base = base.mutate(_since=base._hire.fill_null(base._first_day))
    if "activity_type" in ctx.request.dims_used:
        # reps are not typed: each activity type present gets every rep (per-type rates)
        a = ctx["activities"]
        kinds = a.select(activity_type=clean(a.type)).distinct()
        base = base.cross_join(kinds)
    base = filtered(ctx, base, "rep")
    return base.join(
        spine,
        [base._since <= spine.hi, base._end.isnull() | (base._end >= spine.lo)],
    )


def _history(name: str, module: str = "history") -> Builder:
    """A row set of engine.history or engine.stage_changes (imported when a query is
    compiled)."""

    def build(ctx: Context, spine: Table) -> Table:
        from importlib import import_module

        builder: Builder = getattr(import_module(f"salesmetrics.engine.{module}"), name)
        return builder(ctx, spine)

    return build


_DEAL_RECORDS = {
    "opportunity_id": "_id",
    "status": "_status",
    "created_at": "_created",
    "close_date": "_close",
    "amount": "_amount",
    "currency": "_currency",
}
_LEAD_RECORDS = {"lead_id": "_id", "created_at": "_created"}

DEALS = (OPPORTUNITIES,)
CLOSES = ("opportunities", "close_date")
CREATIONS = ("opportunities", "created_at")
LEAD_CREATIONS = ("leads", "created_at")

ROWSETS: dict[str, RowSet] = {
    r.name: r
    for r in (
        RowSet("closed_deals", closed_deals, _DEAL_RECORDS, "_close", DEALS, CLOSES, "deals"),
        RowSet(
            "closed_deals_with_owner",
            closed_deals_with_owner,
            _DEAL_RECORDS,
            "_close",
            DEALS,
            CLOSES,
            "deals",
        ),
        RowSet(
            "created_deals",
            created_deals,
            _DEAL_RECORDS,
            "_created_date",
            DEALS,
            CREATIONS,
            "deals",
        ),
        RowSet(
            "open_deals",
            open_deals,
            # the stage, amount and probability the deal had on the day (history, else now)
            {**_DEAL_RECORDS, "stage": "_stage", "probability": "_win_probability"},
            "hi",
            DEALS,
            CREATIONS,
            "deals",
        ),
        RowSet(
            "open_deals_touched",
            open_deals_touched,
            _DEAL_RECORDS,
            None,
            (OPPORTUNITIES, DEAL_TOUCHES),
            CREATIONS,
            "deals",
        ),
        RowSet(
            "stage_entries",
            _history("stage_entries", "stage_changes"),
            {**_DEAL_RECORDS, "stage": "_stage", "entered_at": "_at", "progressed": "_progressed"},
            None,
            (OPPORTUNITIES, HISTORY),
            ("opportunity_history", "changed_at"),
            "stage entries",
        ),
        RowSet(
            "stage_exits",
            _history("stage_exits", "stage_changes"),
            {
                **_DEAL_RECORDS,
                "stage": "_stage",
                "entered_at": "_at",
                "left_at": "_left_at",
                "days": "_days",
            },
            None,
            (OPPORTUNITIES, HISTORY),
            ("opportunity_history", "changed_at"),
            "stage exits",
        ),
        RowSet(
            "pushes",
            _history("pushes", "stage_changes"),
            {**_DEAL_RECORDS, "pushed_at": "_at", "close_date_before": "_prev_close"},
            None,
            (OPPORTUNITIES, HISTORY),
            ("opportunity_history", "changed_at"),
            "deals",
        ),
        RowSet(
            "pipeline_moves",
            _history("pipeline_moves"),
            {
                **_DEAL_RECORDS,
                "in_at_start": "_in0",
                "in_at_end": "_in1",
                "closed_in_period": "_closed_in",
                "start_amount": "_s_start",
                "end_amount": "_e_end",
            },
            None,
            (OPPORTUNITIES,),
            CREATIONS,
            "deals",
        ),
        RowSet(
            "leads_created", leads_created, _LEAD_RECORDS, None, (LEADS,), LEAD_CREATIONS, "leads"
        ),
        RowSet(
            "leads_mql",
            leads_mql,
            {**_LEAD_RECORDS, "mql_date": "_mql_date"},
            None,
            (LEADS, MQL_DATES),
            ("leads", "mql_at"),
            "leads",
        ),
        RowSet(
            "leads_sql",
            leads_sql,
            {**_LEAD_RECORDS, "sql_date": "_sql_date"},
            None,
            (LEADS, SQL_DATES),
            ("leads", "sql_at"),
            "leads",
        ),
        RowSet(
            "leads_created_outcomes",
            leads_created_outcomes,
            {**_LEAD_RECORDS, "won_opportunity": "_won_opp", "opportunity": "_has_opp"},
            None,
            (LEADS, LEAD_LINKS),
            LEAD_CREATIONS,
            "leads",
            extras={"_won_opp": _won_opp, "_has_opp": _has_opp},
        ),
        RowSet(
            "leads_created_response",
            leads_created_response,
            {**_LEAD_RECORDS, "first_response_at": "_response"},
            None,
            (LEADS, RESPONSES),
            LEAD_CREATIONS,
            "leads",
        ),
        RowSet(
            "new_customers",
            new_customers,
            {"account_id": "_id", "customer_since": "_since"},
            None,
            (CUSTOMERS,),
            None,
            "accounts",
        ),
        RowSet(
            "active_reps",
            active_reps,
            {"rep_id": "_id", "hire_date": "_hire", "end_date": "_end", "active_since": "_since"},
            None,
            (REPS,),
            None,
            "reps",
        ),
    )
}


def build_rows(
    ctx: Context, rowset: RowSet, spine: Table, money: bool, extras: tuple[str, ...] = ()
) -> Table:
    """The row set over ``spine`` plus its ``extras``; with ``money``, ``_rate``/``_fx_missing``."""
    rows = rowset.build(ctx, spine)
    for name in extras:
        rows = rowset.extras[name](ctx, rows)
    if money and rowset.money_anchor:
        keys = deal_fx_keys(ctx, spine, rowset.money_anchor)
        rows = with_rate(rows, ctx["fx_rates"], ctx.base_currency, rowset.money_anchor, keys)
    return rows


#: The day each deal row set converts its money at, as a column of ``opportunities``.
_DEAL_DAYS: dict[str, Callable[[Table], Any]] = {
    "_close": lambda o: o.close_date,
    "_created_date": lambda o: o.created_at.date(),
}


def deal_fx_keys(ctx: Context, spine: Table, anchor: str) -> Table | None:
    """The (currency, day) pairs a deal row set's rates are looked up for, read straight from
    ``opportunities`` (a superset of the row set's: no dimension joins, no period expansion).
    Stock row sets convert at each period's last day: every deal currency on every ``hi``."""
    o = ctx["opportunities"]
    cur = currency_code(o.currency)
    foreign = cur.notnull() & (cur != ctx.base_currency.upper())
    if anchor == "hi":
        currencies = foreign_currencies(o, ctx.base_currency)
        return currencies.cross_join(spine.select(_k_day=spine.hi))
    if anchor not in _DEAL_DAYS:
        return None
    days = _in_range(o.filter(foreign).mutate(_k_day=_DEAL_DAYS[anchor](o)), spine, "_k_day")
    return days.select(_k_cur=currency_code(days.currency), _k_day=days._k_day).distinct()
