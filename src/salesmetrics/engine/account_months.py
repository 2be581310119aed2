"""Every account's MRR per calendar month, kept in the workspace (docs/kpi-usage.md, "Kept at
import").

The MRR row set (``customers.account_mrr``) joins every subscription to every period it
overlaps and groups the result per account: on a large company, a million rows grouped for
each request. At the month grain that grouping is the same for every request, so a DuckDB
workspace keeps it in ``_sm_account_months``: one row per (account, currency, month) in which
one of the account's subscriptions overlaps the month, with the account's MRR as stored on
the month's last day (``_end_raw``) and on the day before its first (``_start_raw``), whether
a subscription is active on each, and the account's first paying day and first paying month
end. Months are kept up to a horizon two years past the latest date in the data or today.

A request at the month grain that neither splits nor filters by plan (a subscription's own
dimension) reads each whole month up to the horizon from there: the rates of its currency
are joined to it, and only accounts with subscriptions in several currencies are grouped.
Other months (a month cut short by ``--to``, months past the horizon) are computed from the
subscriptions as before, in the same statement. The table is used only when it is current
(``engine.kept``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from salesmetrics.engine import kept
from salesmetrics.engine.periods import spine

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.backends.base import Session
    from salesmetrics.engine.ibis_context import Context
    from salesmetrics.engine.request import KpiRequest
    from salesmetrics.workspace import Workspace

TABLE = "_sm_account_months"
#: months are kept this far past the latest date of the data (or today)
HORIZON_MONTHS = 24
#: at most this many months are kept (from the first subscription's month: 200 years)
MAX_MONTHS = 2400
#: the columns the table is built from (``customers.subscription_base`` reads no other)
_SOURCES: dict[str, tuple[str, ...]] = {
    "subscriptions": (
        "subscription_id", "account_id", "start_date", "end_date", "mrr", "currency",
    ),
}  # fmt: skip
_BUILT_BY = (
    "account_months.py", "customers.py", "currency.py", "dimensions.py", "rowsets.py", "backend.py",
)  # fmt: skip


def _months(s: Table) -> Table:
    """Every month (``_month``, ``_month_last``) from the first subscription's month to the
    horizon (``_horizon``, the last month kept)."""
    import ibis

    from salesmetrics.engine.backend import date_literal
    from salesmetrics.engine.rowsets import FOREVER

    ended = ibis.ifelse(s._until < date_literal(FOREVER), s._until, ibis.null("date"))
    bounds = s.aggregate(_first=s._start.min(), _latest=s._start.max(), _ended=ended.max())
    latest = ibis.greatest(bounds._latest, bounds._ended.fill_null(bounds._latest), ibis.today())
    bounds = bounds.select(_first=_index(bounds._first), _last=_index(latest) + HORIZON_MONTHS)
    steps = ibis.range(0, MAX_MONTHS).unnest().name("_i").as_table()
    months = steps.cross_join(bounds)
    months = months.filter(months._first + months._i <= months._last)
    index = months._first + months._i
    return months.select(
        _month=_first_day(index),
        _month_last=_first_day(index + 1) - ibis.interval(days=1),
        _horizon=_first_day(months._last),
    )


def _index(day: Any) -> Any:
    """A month as a number (year * 12 + month - 1)."""
    return day.year() * 12 + day.month() - 1


def _first_day(index: Any) -> Any:
    """The first day of the month numbered ``index`` (``_index``), as a date."""
    import ibis

    return ibis.date(index // 12, index % 12 + 1, 1)


def _months_expr(workspace: Workspace, session: Session) -> Table:
    """One row per (account, currency, month) a subscription of the account overlaps."""
    import ibis

    from salesmetrics.engine import context
    from salesmetrics.engine.customers import subscription_base
    from salesmetrics.engine.measures import as_count

    ctx = context(workspace, "mrr", session, grain="month")
    s = subscription_base(ctx)
    s = s.filter(s._start.notnull())
    m = _months(s)
    rows = s.join(m, [s._start <= m._month_last, s._until >= m._month])
    at_end = rows._until > rows._month_last
    at_start = rows._start < rows._month
    grouped = rows.group_by(
        _account_id=rows._account_id,
        _cur=rows._cur,
        _month=rows._month,
        _horizon=rows._horizon,
    ).aggregate(
        _end_raw=ibis.ifelse(at_end, rows._mrr, 0.0).sum(),
        _start_raw=ibis.ifelse(at_start, rows._mrr, 0.0).sum(),
        _at_end=as_count(at_end).max() > 0,
        _at_start=as_count(at_start).max() > 0,
        _since=rows._since.min(),
        _first_end=rows._first_end.min(),
    )
    both = ibis.window(group_by=[grouped._account_id, grouped._month])
    grouped = grouped.mutate(_several=grouped.count().over(both) > 1)
    # stored in month order, so that a request reads only its months' blocks
    return grouped.order_by([grouped._month, grouped._account_id])


ACCOUNT_MONTHS = kept.Kept(
    TABLE, "account_months", _SOURCES, _BUILT_BY, _months_expr,
    facts_sql=f'SELECT max("_horizon") FROM "{TABLE}"',
)  # fmt: skip


def applies(request: KpiRequest) -> bool:
    """Whether the request can read whole months from the kept table (month grain, no plan)."""
    return request.grain == "month" and "plan" not in request.dims_used


def usable(workspace: Workspace, session: Session) -> bool:
    return kept.usable(workspace, session, ACCOUNT_MONTHS)


def how_read(workspace: Workspace, request: KpiRequest, session: Session) -> str:
    """How the request reads the MRR row set: ``""`` from the subscriptions, ``"whole"`` every
    period from the kept table, ``"mixed"`` whole months from it and a month cut short by the
    request's end from the subscriptions. Only requests at the month grain without plan, every
    month of them up to the kept horizon, read the kept table."""
    if not applies(request):
        return ""
    found = kept.facts(workspace, session, ACCOUNT_MONTHS)  # nothing unless it is current
    if not found or not isinstance(found[0], str):
        return ""
    horizon = dt.date.fromisoformat(found[0])
    periods = spine("month", request.start, request.end)
    if any(p.start > horizon for p in periods):
        return ""
    return "whole" if all(p.hi == p.last for p in periods) else "mixed"


def whole_months(periods: Table) -> Any:
    """The periods read from the kept table: whole months (a month cut short is not)."""
    import ibis

    last = (periods.period_start + ibis.interval(months=1) - ibis.interval(days=1)).cast("date")
    return periods.hi == last


def firsts(ctx: Context, periods: Table) -> Table:
    """Each account's first paying day and first paying month end (``_f_since``,
    ``_f_first_end``) beside each month of ``periods`` it has a kept row in (``_f_account``,
    ``_f_month``)."""
    k = kept_table(ctx)
    k = k.filter(k._month.isin(periods.period_start))
    return k.select(
        _f_account=k._account_id,
        _f_month=k._month,
        _f_since=k._since,
        _f_first_end=k._first_end,
    ).distinct()


def kept_table(ctx: Context) -> Table:
    import ibis

    return ibis.table(kept.kept_schema(ACCOUNT_MONTHS, ctx.workspace, ctx.session), name=TABLE)


def kept_mrr(ctx: Context, periods: Table, first: Any, last: Any) -> Table:
    """The MRR row set's rows of the whole months of ``periods`` (``_rated_periods``: with
    each currency's rates) from ``first`` to ``last``, before dimensions and filters: one per
    (period, account)."""
    import ibis

    from salesmetrics.engine.measures import as_count

    k = kept_table(ctx)
    p = periods.filter(whole_months(periods))
    k = k.filter(k._month >= first, k._month <= last)
    base = ctx.base_currency.upper()
    k = k.mutate(_p_key=ibis.ifelse(k._cur.isnull() | (k._cur == base), "", k._cur))
    rows = k.join(p, [k._month == p.period_start, k._p_key == p._p_cur])
    missing = (rows._at_end & rows._fxm_end) | (rows._at_start & rows._fxm_start)
    rows = rows.select(
        "period_start", "lo", "hi", "_account_id", "_several",
        _end_mrr=rows._end_raw * rows._rate_end,
        _start_mrr=rows._start_raw * rows._rate_start,
        _end_raw=rows._end_raw,
        _start_raw=rows._start_raw,
        _cur=ibis.ifelse(missing, rows._cur, ibis.null("string")),
        _since=rows._since,
        _first_end=rows._first_end,
        _active_end_n=as_count(rows._at_end),
        _fx_missing_n=as_count(missing),
    )  # fmt: skip
    one = rows.filter(~rows._several).drop("_several")
    several = rows.filter(rows._several)
    grouped = several.group_by("period_start", "lo", "hi", "_account_id").aggregate(
        _end_mrr=several._end_mrr.sum(),
        _start_mrr=several._start_mrr.sum(),
        _end_raw=several._end_raw.sum(),
        _start_raw=several._start_raw.sum(),
        _cur=several._cur.max(),
        _since=several._since.min(),
        _first_end=several._first_end.min(),
        _active_end_n=several._active_end_n.max(),
        _fx_missing_n=several._fx_missing_n.max(),
    )
    return one.union(grouped.select(one.columns))
