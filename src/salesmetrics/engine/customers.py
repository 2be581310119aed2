"""Row sets of customers: subscription MRR per account and period, invoices and surveys.

An account's MRR on a day is the sum of its subscriptions active that day (``start_date <= d <
end_date``; overlapping subscriptions add up), converted at that day's fx rate. The MRR row set
holds one row per (period, key), where a key is an account (and its plan when the request is
sliced by plan), with its MRR on the period's *start day* (the day before the period's own first
day: the previous period's last day) and *end day* (the stock day ``hi``). Movements compare the
two; customer status (MRR > 0) is read from the raw amounts (never negative), so it needs no
rate.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.engine import account_months
from salesmetrics.engine.backend import date_literal, window_of
from salesmetrics.engine.currency import currency_code, foreign_currencies, with_rate
from salesmetrics.engine.dimensions import own_dims
from salesmetrics.engine.inputs import INVOICES, SPEND, SUBSCRIPTIONS, SURVEYS
from salesmetrics.engine.measures import as_count
from salesmetrics.engine.plan import CURRENT
from salesmetrics.engine.rowsets import RowSet, filtered, first_of, flow, last_of

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context

FOREVER = dt.date(9999, 12, 31)
_TRUNC = {"month": "M", "quarter": "Q", "year": "Y"}
_SPAN = {"month": 1, "quarter": 3, "year": 12}


def period_end_of(day: Any, grain: str, fy_start_month: int) -> Any:
    """The last day of the ``grain`` period holding ``day`` (fiscal quarters and years); for
    grains day and total, ``day`` itself (every day is an earlier "period end")."""
    if grain in ("day", "total"):
        return day
    if grain == "week":
        return day.truncate("W") + ibis.interval(days=6)
    offset = 0 if grain == "month" else (fy_start_month - 1) % 12
    shifted = day - ibis.interval(months=offset) if offset else day
    first = shifted.truncate(_TRUNC[grain])
    return first + ibis.interval(months=offset + _SPAN[grain]) - ibis.interval(days=1)


def subscription_base(ctx: Context, firsts: bool = True) -> Table:
    """Subscriptions with their account's dimensions, where/scope filters applied, and per key
    ``_since`` (first paying day) and ``_first_end`` (first period end with MRR > 0); without
    ``firsts`` the two are null (the caller reads them elsewhere)."""
    s = ctx["subscriptions"]
    req = ctx.request
    base = s.select(
        _sub_id=s.subscription_id,
        _account_id=s.account_id,
        _rep_id=ibis.null("string"),
        _start=s.start_date,
        _until=s.end_date.fill_null(date_literal(FOREVER)),
        _mrr=s.mrr.cast("float64"),
        _cur=currency_code(s.currency),
        **own_dims(s, "subscription", req.dims_used),
    )
    base = filtered(ctx, base, "subscription", owner_from_account=True)
    if not firsts:
        return base.mutate(_since=ibis.null("date"), _first_end=ibis.null("date"))
    key = [base._account_id, *([base.plan] if "plan" in req.by else [])]
    window = ibis.window(group_by=key)
    paying = base._mrr > 0
    first_end = period_end_of(base._start, req.grain, ctx.fiscal_year_start_month)
    # a paying row is active on its first period end unless it ends before it; if not then,
    # never (it has ended); so a key's first paying period end is the least of those
    covers = paying & (base._until > first_end)
    return base.mutate(
        _since=ibis.ifelse(paying, base._start, ibis.null("date")).min().over(window),
        _first_end=ibis.ifelse(covers, first_end, ibis.null("date")).min().over(window),
    )


def _rated(rows: Table, ctx: Context, day: str, keys: Table | None, suffix: str) -> Table:
    """``rows`` plus ``_rate_<suffix>`` / ``_fxm_<suffix>`` (the rate on column ``day``)."""
    kept = list(rows.columns)
    joined = with_rate(rows, ctx["fx_rates"], ctx.base_currency, day, keys)
    return joined.select(
        *kept, **{f"_rate_{suffix}": joined._rate, f"_fxm_{suffix}": joined._fx_missing}
    )


def _flag(predicate: Any) -> Any:
    """Whether ``predicate`` holds on some row of the group (as 0/1: every engine takes max)."""
    return as_count(predicate).max()


def _per_account(ctx: Context, rows: Table, aggs: dict[str, Any]) -> Table:
    """``rows`` grouped to one row per (period, account, ``by`` values) with ``aggs``; an
    aggregate named ``<flag>_n`` (a ``_flag``) becomes the boolean ``<flag>``, and the rows'
    unlinked-rep/account caveats carry over the same way."""
    aggs = dict(aggs)
    for caveat in ("_acc_unlinked", "_rep_unlinked"):
        if caveat in rows.columns:
            aggs[f"{caveat}_n"] = _flag(rows[caveat])
    keys = ["period_start", "lo", "hi", "_account_id", *ctx.request.by]
    grouped = rows.group_by(keys).aggregate(**aggs)
    flags = {name[:-2]: grouped[name] > 0 for name in aggs if name.endswith("_n")}
    out = grouped.mutate(_id=grouped._account_id, **flags)
    return out.select([c for c in out.columns if not c.endswith("_n")])


def account_mrr(ctx: Context, spine: Table) -> Table:
    """One row per (period, key) with a subscription overlapping [start day, end day].

    Whole months are read from the MRR the workspace keeps per account and month where it
    can (``engine.account_months``); the other periods are computed from the subscriptions."""
    p = _rated_periods(ctx, spine)
    how = ctx.kept_months()
    if not how:
        return _subscription_mrr(ctx, spine, p)
    kept = account_months.kept_mrr(ctx, p, first_of(spine, "start"), last_of(spine, "hi"))
    kept = filtered(ctx, kept.mutate(_rep_id=ibis.null("string")), "subscription",
                    owner_from_account=True)  # fmt: skip
    kept = kept.mutate(
        _id=kept._account_id, _active_end=kept._active_end_n > 0, _fx_missing=kept._fx_missing_n > 0
    )
    types = _subscription_mrr(ctx, spine, p).schema()  # the columns as computed from them
    kept = kept.select(**{c: kept[c].cast(t) for c, t in types.items()})
    if how == "whole" and window_of(spine) == CURRENT:
        return kept
    # the other periods (a month cut short) from the subscriptions, with each account's first
    # paying day and month end from its kept row of that month (every account there has one)
    rest = p.filter(~account_months.whole_months(p))
    live = _subscription_mrr(ctx, spine, rest, firsts=False)
    firsts = account_months.firsts(ctx, rest)
    live = live.left_join(firsts, [live._account_id == firsts._f_account,
                                   live.period_start == firsts._f_month])  # fmt: skip
    live = live.mutate(_since=live._f_since, _first_end=live._f_first_end)
    return kept.union(live.select(kept.columns))


def _subscription_mrr(ctx: Context, spine: Table, p: Table, firsts: bool = True) -> Table:
    """``account_mrr`` of the periods ``p`` (``_rated_periods``) from the subscriptions: each
    subscription meets the periods of its currency, and one join gives its periods and both
    days' rates (``firsts``: see ``subscription_base``)."""
    s = subscription_base(ctx, firsts)
    # the spine's first period's own first day (before first_lo when --from clips it)
    s = s.filter(s._start <= last_of(spine, "hi"), s._until >= first_of(spine, "start"))
    base = ctx.base_currency.upper()
    s = s.mutate(_p_key=ibis.ifelse(s._cur.isnull() | (s._cur == base), "", s._cur))
    rows = s.join(p, [s._p_key == p._p_cur, s._start <= p.hi, s._until >= p.period_start])
    rows = rows.mutate(
        _at_end=rows._until > rows.hi,
        _at_start=rows._start < rows.period_start,
    )
    missing = (rows._at_end & rows._fxm_end) | (rows._at_start & rows._fxm_start)
    aggs: dict[str, Any] = {
        "_end_mrr": ibis.ifelse(rows._at_end, rows._mrr * rows._rate_end, 0.0).sum(),
        "_start_mrr": ibis.ifelse(rows._at_start, rows._mrr * rows._rate_start, 0.0).sum(),
        "_end_raw": ibis.ifelse(rows._at_end, rows._mrr, 0.0).sum(),
        "_start_raw": ibis.ifelse(rows._at_start, rows._mrr, 0.0).sum(),
        "_active_end_n": _flag(rows._at_end),
        "_fx_missing_n": _flag(missing),
        "_cur": ibis.ifelse(missing, rows._cur, ibis.null("string")).max(),
        "_since": rows._since.min(),
        "_first_end": rows._first_end.min(),
    }
    return _per_account(ctx, rows, aggs)


def _rated_periods(ctx: Context, spine: Table) -> Table:
    """Every period once per subscription currency (``_p_cur``; the base currency and none as
    ``''``) with that currency's rate on the period's end day (``_rate_end``/``_fxm_end``) and
    start day (``_rate_start``/``_fxm_start``): a few dozen rows, rated once."""
    currencies = foreign_currencies(ctx["subscriptions"], ctx.base_currency)
    foreign = currencies.cross_join(spine).mutate(
        _start_day=spine.period_start - ibis.interval(days=1)
    )
    foreign = foreign.select("period_start", "lo", "hi", "_start_day", _cur=foreign._k_cur)
    foreign = _rated(foreign, ctx, "hi", None, "end")
    foreign = _rated(foreign, ctx, "_start_day", None, "start")
    foreign = foreign.select(
        "period_start", "lo", "hi", "_rate_end", "_fxm_end", "_rate_start", "_fxm_start",
        _p_cur=foreign._cur,
    )  # fmt: skip
    own = spine.select(
        "period_start", "lo", "hi",
        _rate_end=ibis.literal(1.0), _fxm_end=ibis.literal(False),
        _rate_start=ibis.literal(1.0), _fxm_start=ibis.literal(False),
        _p_cur=ibis.literal(""),
    )  # fmt: skip
    return own.union(foreign)


def invoice_base(ctx: Context) -> Table:
    i = ctx["invoices"]
    base = i.select(
        _id=i.invoice_id,
        _account_id=i.account_id,
        _rep_id=ibis.null("string"),
        _issued=i.issued_at,
        _invoice_amount=i.amount.cast("float64"),
        _currency=i.currency,
        _cur=currency_code(i.currency),
        _due=i.due_at,
        _paid=i.paid_at,
    )
    return filtered(ctx, base, "invoice", owner_from_account=True)


def invoices_issued(ctx: Context, spine: Table) -> Table:
    """Invoices in the period of their issued_at."""
    return flow(ctx, invoice_base(ctx), spine, "_issued")


def invoiced_accounts(ctx: Context, spine: Table) -> Table:
    """One row per (period, account) invoiced in the period, with ``_first_invoice`` (the
    account's first invoice ever: before the period's first day means a repeat purchase)."""
    base = invoice_base(ctx)
    base = base.mutate(_first_invoice=base._issued.min().over(group_by=base._account_id))
    rows = flow(ctx, base, spine, "_issued")
    return _per_account(ctx, rows, {"_first_invoice": rows._first_invoice.min()})


def survey_responses(ctx: Context, spine: Table) -> Table:
    """Survey responses in the period of their responded_at date."""
    v = ctx["surveys"]
    base = v.select(
        _id=v.response_id,
        _account_id=v.account_id,
        _rep_id=ibis.null("string"),
        _type=v.type.strip().lower(),
        _score=v.score.cast("int64"),
        _responded=v.responded_at,
        _responded_date=v.responded_at.date(),
    )
    return flow(
        ctx, filtered(ctx, base, "survey", owner_from_account=True), spine, "_responded_date"
    )


def spend_booked(ctx: Context, spine: Table) -> Table:
    """Sales and marketing costs in the period of their date (amounts in the base currency:
    the spend table has no currency)."""
    s = ctx["spend"]
    base = s.select(
        _id=s.campaign,
        _day=s.date,
        _category=s.category,
        _channel=s.channel,
        _spend=s.amount.cast("float64"),
        **own_dims(s, "spend", ctx.request.dims_used),
    )
    return flow(ctx, filtered(ctx, base, "spend"), spine, "_day")


_MRR_RECORDS = {
    "account_id": "_id",
    "start_mrr": "_start_mrr",
    "end_mrr": "_end_mrr",
    "customer_since": "_since",
}
ROWSETS: dict[str, RowSet] = {
    r.name: r
    for r in (
        RowSet(
            "account_mrr",
            account_mrr,
            _MRR_RECORDS,
            None,
            (SUBSCRIPTIONS,),
            ("subscriptions", "start_date"),
            "subscriptions",
        ),
        RowSet(
            "invoices_issued",
            invoices_issued,
            {
                "invoice_id": "_id",
                "issued_at": "_issued",
                "amount": "_invoice_amount",
                "currency": "_currency",
            },
            "_issued",
            (INVOICES,),
            ("invoices", "issued_at"),
            "invoices",
        ),
        RowSet(
            "invoiced_accounts",
            invoiced_accounts,
            {"account_id": "_id", "first_invoice": "_first_invoice"},
            None,
            (INVOICES,),
            ("invoices", "issued_at"),
            "invoices",
        ),
        RowSet(
            "survey_responses",
            survey_responses,
            {
                "response_id": "_id",
                "type": "_type",
                "score": "_score",
                "responded_at": "_responded",
            },
            None,
            (SURVEYS,),
            ("surveys", "responded_at"),
            "survey responses",
        ),
        RowSet(
            "spend_booked",
            spend_booked,
            {"date": "_day", "category": "_category", "channel": "_channel", "amount": "_spend"},
            None,
            (SPEND,),
            ("spend", "date"),
            "spend rows",
        ),
    )
}
