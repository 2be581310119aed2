"""Row sets and measures of the activity KPIs (spec/kpis.md, "Activity"): what reps do.

Activities are dated by ``occurred_at`` (tasks: when created) and sliced by their rep (rep,
team, manager, region), their type (``activity_type``) and their account (industry, segment,
country, account_region). Emails *sent* are emails not marked inbound; a reply shows an email
was read, so the reply rate divides replies by emails opened or replied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from salesmetrics.engine.backend import date_literal
from salesmetrics.engine.customers import _flag, _per_account
from salesmetrics.engine.dimensions import own_dims
from salesmetrics.engine.inputs import (
    ACTIVITIES,
    CALL_DURATIONS,
    DEAL_ACTIVITIES,
    EMAIL_TRACKING,
    OPPORTUNITIES,
    TASKS,
)
from salesmetrics.engine.measures import Measure, as_count
from salesmetrics.engine.rowsets import (
    FOREVER,
    RowSet,
    filtered,
    first_of,
    flow,
    last_of,
    opportunity_base,
)

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context


def activity_base(ctx: Context) -> Table:
    """Activities with their dimensions and cleaned type, direction and email flags."""
    a = ctx["activities"]
    kind = a.type.strip().lower()
    base = a.select(
        _id=a.activity_id,
        _rep_id=a.rep_id,
        _account_id=a.account_id,
        _opportunity_id=a.opportunity_id,
        _type=kind,
        _direction=a.direction.strip().lower(),
        _minutes=a.duration_minutes.cast("float64"),
        _opened=a.opened.fill_null(False),
        _replied=a.replied.fill_null(False),
        _occurred=a.occurred_at,
        _day=a.occurred_at.date(),
        _due_day=a.due_at.date(),
        _completed_day=a.completed_at.date(),
        **own_dims(a, "activity", ctx.request.dims_used),
    )
    return filtered(ctx, base, "activity")


def activities_logged(ctx: Context, spine: Table) -> Table:
    """Activities in the period of their ``occurred_at`` date."""
    return flow(ctx, activity_base(ctx), spine, "_day")


def accounts_touched(ctx: Context, spine: Table) -> Table:
    """One row per (period, account, slice) with an activity: ``_outbound`` (some outbound
    activity) and ``_responded`` (an inbound activity or a replied email)."""
    base = activity_base(ctx)
    rows = flow(ctx, base.filter(base._account_id.notnull()), spine, "_day")
    inbound = (rows._direction == "inbound") | ((rows._type == "email") & rows._replied)
    aggs = {"_outbound_n": _flag(rows._direction == "outbound"), "_responded_n": _flag(inbound)}
    return _per_account(ctx, rows, aggs)


def open_tasks(ctx: Context, spine: Table) -> Table:
    """Tasks created by each period's last day ``hi`` and not completed by then."""
    base = activity_base(ctx)
    tasks = base.filter(base._type == "task")
    tasks = tasks.mutate(_open_until=tasks._completed_day.fill_null(date_literal(FOREVER)))
    tasks = tasks.filter(
        tasks._day <= last_of(spine, "hi"), tasks._open_until > first_of(spine, "hi")
    )
    return tasks.join(spine, [tasks._day <= spine.hi, tasks._open_until > spine.hi])


def closed_deal_touches(ctx: Context, spine: Table) -> Table:
    """Deals closed in the period with the number of activities linked to them up to their
    close date: ``_touches`` (all), ``_meetings`` and ``_proposals``."""
    o = opportunity_base(ctx)
    o = o.filter(o._status.isin(["won", "lost"]))
    a, deals = ctx["activities"], ctx["opportunities"]
    acts = a.filter(a.opportunity_id.notnull()).select(
        _l_id=a.opportunity_id, _l_day=a.occurred_at.date(), _l_type=a.type.strip().lower()
    )
    # only deals closed in the range are counted: their activities are the only ones read
    close = deals.close_date
    deals = deals.filter(
        deals.status.isin(["won", "lost"]),
        close >= first_of(spine, "lo"),
        close <= last_of(spine, "hi"),
    )
    closes = deals.select(_d_id=deals.opportunity_id, _d_close=deals.close_date)
    linked = acts.join(closes, acts._l_id == closes._d_id).filter(lambda t: t._l_day <= t._d_close)
    per_deal = linked.group_by(_t_id=linked._l_id).aggregate(
        _t_all=linked.count(),
        _t_meetings=as_count(linked._l_type == "meeting").sum(),
        _t_proposals=as_count(linked._l_type == "proposal").sum(),
    )
    o = o.left_join(per_deal, o._id == per_deal._t_id)
    o = o.mutate(
        _touches=o._t_all.fill_null(0),
        _meetings=o._t_meetings.fill_null(0),
        _proposals=o._t_proposals.fill_null(0),
    )
    helpers = ("_t_id", "_t_all", "_t_meetings", "_t_proposals")
    o = o.select([c for c in o.columns if c not in helpers])
    return flow(ctx, o, spine, "_close")


def _all(t: Table, ctx: Context) -> Any:
    return t.period_start.notnull()


def _of_type(kind: str) -> Any:
    return lambda t, ctx: t._type == kind


def _sent_email(t: Table, ctx: Context) -> Any:
    return (t._type == "email") & (t._direction.isnull() | (t._direction != "inbound"))


def _timed(t: Table, ctx: Context) -> Any:
    return t._minutes.notnull()


def _won(t: Table, ctx: Context) -> Any:
    return t._status == "won"


def _lost(t: Table, ctx: Context) -> Any:
    return t._status == "lost"


M = Measure
LOGGED = "activities_logged"
TOUCHES = "closed_deal_touches"
ACTIVITY_MEASURES: dict[str, Measure] = {
    m.name: m
    for m in (
        M("activity_count", LOGGED, _all),
        M("emails_sent", LOGGED, _sent_email, needs=(EMAIL_TRACKING,)),
        M(
            "emails_opened",
            LOGGED,
            lambda t, c: _sent_email(t, c) & t._opened,
            population=_sent_email,
            needs=(EMAIL_TRACKING,),
        ),
        M(
            "emails_read",
            LOGGED,
            lambda t, c: _sent_email(t, c) & (t._opened | t._replied),
            population=_sent_email,
            needs=(EMAIL_TRACKING,),
        ),
        M(
            "emails_replied",
            LOGGED,
            lambda t, c: _sent_email(t, c) & t._replied,
            population=_sent_email,
            needs=(EMAIL_TRACKING,),
        ),
        M(
            "call_count_timed",
            LOGGED,
            lambda t, c: (t._type == "call") & _timed(t, c),
            population=_of_type("call"),
            needs=(CALL_DURATIONS,),
        ),
        M(
            "call_minutes",
            LOGGED,
            lambda t, c: (t._type == "call") & _timed(t, c),
            lambda t, c: t._minutes,
            population=_of_type("call"),
            needs=(CALL_DURATIONS,),
        ),
        M(
            "demo_minutes",
            LOGGED,
            lambda t, c: (t._type == "demo") & _timed(t, c),
            lambda t, c: t._minutes,
            population=_all,
        ),
        M("activity_minutes", LOGGED, _timed, lambda t, c: t._minutes, population=_all),
        M("accounts_contacted_count", "accounts_touched", lambda t, c: t._outbound),
        M("accounts_responded_count", "accounts_touched", lambda t, c: t._responded),
        M(
            "overdue_task_count",
            "open_tasks",
            lambda t, c: t._due_day.notnull() & (t._due_day < t.hi),
            population=_all,
        ),
        M("touch_deals_closed", TOUCHES, _all),
        M("touch_deals_won", TOUCHES, _won),
        M("touch_deals_lost", TOUCHES, _lost),
        M("meetings_on_closed", TOUCHES, _all, lambda t, c: t._meetings),
        M("proposals_on_closed", TOUCHES, _all, lambda t, c: t._proposals),
        M("touches_on_won", TOUCHES, _won, lambda t, c: t._touches),
        M("touches_on_lost", TOUCHES, _lost, lambda t, c: t._touches),
    )
}

_ACTIVITY_RECORDS = {
    "activity_id": "_id",
    "rep_id": "_rep_id",
    "type": "_type",
    "occurred_at": "_occurred",
    "account_id": "_account_id",
}
ACTIVITY_ROWSETS: dict[str, RowSet] = {
    r.name: r
    for r in (
        RowSet(
            LOGGED,
            activities_logged,
            {
                **_ACTIVITY_RECORDS,
                "direction": "_direction",
                "duration_minutes": "_minutes",
                "opened": "_opened",
                "replied": "_replied",
            },
            None,
            (ACTIVITIES,),
            ("activities", "occurred_at"),
            "activities",
        ),
        RowSet(
            "accounts_touched",
            accounts_touched,
            {"account_id": "_id", "outbound": "_outbound", "responded": "_responded"},
            None,
            (ACTIVITIES,),
            ("activities", "occurred_at"),
            "accounts",
        ),
        RowSet(
            "open_tasks",
            open_tasks,
            {**_ACTIVITY_RECORDS, "due_at": "_due_day", "completed_at": "_completed_day"},
            None,
            (ACTIVITIES, TASKS),
            ("activities", "occurred_at"),
            "tasks",
        ),
        RowSet(
            TOUCHES,
            closed_deal_touches,
            {
                "opportunity_id": "_id",
                "status": "_status",
                "close_date": "_close",
                "activities": "_touches",
                "meetings": "_meetings",
                "proposals": "_proposals",
            },
            None,
            (OPPORTUNITIES, DEAL_ACTIVITIES),
            ("opportunities", "close_date"),
            "deals",
        ),
    )
}
