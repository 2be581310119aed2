"""Measures over the customer row sets (``engine.customers``): MRR and its movements per key,
invoices and survey responses.

In the MRR row set, ``start`` and ``end`` are a key's MRR on the period's start day and end day
(``_start_mrr``/``_end_mrr`` converted, ``_start_raw``/``_end_raw`` as stored); a key is a
customer on a day when its raw MRR is above 0. Movements classify each key once:
new (0 → >0, never a customer on an earlier period end), reactivation (0 → >0, a customer on
some earlier period end), expansion (0 < start < end), contraction (0 < end < start) and churn
(start > 0, end 0), so they add up to end − start exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.engine.inputs import CSAT_RESPONSES, NPS_RESPONSES
from salesmetrics.engine.measures import Measure, as_count

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context


def _all(t: Table, ctx: Context) -> Any:
    return t.period_start.notnull()


def _active_end(t: Table, ctx: Context) -> Any:
    return t._active_end


def _was(t: Table, ctx: Context) -> Any:
    """A customer on the start day."""
    return t._start_raw > 0


def _is(t: Table, ctx: Context) -> Any:
    """A customer on the end day."""
    return t._end_raw > 0


def _arrived(t: Table, ctx: Context) -> Any:
    return ~_was(t, ctx) & _is(t, ctx)


def _paid_before(t: Table, ctx: Context) -> Any:
    """A customer on some period end before this period (at the request's grain)."""
    return t._first_end.notnull() & (t._first_end < t.period_start)


def _end(t: Table, ctx: Context) -> Any:
    return t._end_mrr


def _gain(t: Table, ctx: Context) -> Any:
    return ibis.ifelse(t._end_mrr > t._start_mrr, t._end_mrr - t._start_mrr, 0.0)


def _loss(t: Table, ctx: Context) -> Any:
    return ibis.ifelse(t._start_mrr > t._end_mrr, t._start_mrr - t._end_mrr, 0.0)


def _new_in_period(t: Table, ctx: Context) -> Any:
    """The key's first paying day lies in the period (from its own first day to its end day)."""
    return t._since.notnull() & (t._since >= t.period_start) & (t._since <= t.hi)


def _promoter_minus_detractor(t: Table, ctx: Context) -> Any:
    return ibis.ifelse(t._score >= 9, 1, ibis.ifelse(t._score <= 6, -1, 0))


def _nps(t: Table, ctx: Context) -> Any:
    return t._type == "nps"


def _csat(t: Table, ctx: Context) -> Any:
    return t._type == "csat"


M = Measure
MRR = "account_mrr"
CUSTOMER_MEASURES: dict[str, Measure] = {
    m.name: m
    for m in (
        # stock at the end day
        M("mrr_end", MRR, _all, _end, money=True, population=_active_end),
        M("customers_end", MRR, _is, population=_active_end),
        M("paying_customers_end", MRR, _is, money=True, population=_active_end),
        # movements from the start day to the end day
        M(
            "mrr_new_sum",
            MRR,
            lambda t, c: _arrived(t, c) & ~_paid_before(t, c),
            _end,
            money=True,
            population=_all,
        ),
        M(
            "mrr_reactivation_sum",
            MRR,
            lambda t, c: _arrived(t, c) & _paid_before(t, c),
            _end,
            money=True,
            population=_all,
        ),
        M(
            "mrr_expansion_sum",
            MRR,
            lambda t, c: _was(t, c) & _is(t, c) & (t._end_mrr > t._start_mrr),
            lambda t, c: t._end_mrr - t._start_mrr,
            money=True,
            population=_all,
        ),
        M(
            "mrr_contraction_sum",
            MRR,
            lambda t, c: _was(t, c) & _is(t, c) & (t._end_mrr < t._start_mrr),
            lambda t, c: t._start_mrr - t._end_mrr,
            money=True,
            population=_all,
        ),
        M(
            "mrr_churn_sum",
            MRR,
            lambda t, c: _was(t, c) & ~_is(t, c),
            lambda t, c: t._start_mrr,
            money=True,
            population=_all,
        ),
        M(
            "mrr_net_change",
            MRR,
            _all,
            lambda t, c: t._end_mrr - t._start_mrr,
            money=True,
        ),
        M("mrr_gained", MRR, _all, _gain, money=True),
        M("mrr_lost", MRR, _all, _loss, money=True),
        # customers and revenue of the start day
        M("customers_start", MRR, _was, population=_all),
        M(
            "customers_churned",
            MRR,
            lambda t, c: _was(t, c) & ~_is(t, c),
            population=_all,
        ),
        M(
            "customers_retained_net",
            MRR,
            _all,
            lambda t, c: as_count(_is(t, c)) - as_count(_new_in_period(t, c)),
        ),
        M("mrr_start", MRR, _was, lambda t, c: t._start_mrr, money=True, population=_all),
        M(
            "mrr_start_kept",
            MRR,
            _was,
            lambda t, c: ibis.ifelse(t._end_mrr < t._start_mrr, t._end_mrr, t._start_mrr),
            money=True,
            population=_all,
        ),
        M("mrr_start_now", MRR, _was, _end, money=True, population=_all),
        M("mrr_start_lost", MRR, _was, _loss, money=True, population=_all),
        # invoices
        M(
            "invoice_amount",
            "invoices_issued",
            _all,
            lambda t, c: t._invoice_amount * t._rate,
            money=True,
        ),
        M("invoice_count_rated", "invoices_issued", _all, money=True),
        M("invoiced_account_count", "invoiced_accounts", _all),
        M(
            "repeat_account_count",
            "invoiced_accounts",
            lambda t, c: t._first_invoice < t.lo,
            population=_all,
        ),
        # spend
        M("spend_amount", "spend_booked", _all, lambda t, c: t._spend),
        # surveys
        M("nps_responses", "survey_responses", _nps, needs=(NPS_RESPONSES,)),
        M(
            "nps_net",
            "survey_responses",
            _nps,
            _promoter_minus_detractor,
            needs=(NPS_RESPONSES,),
        ),
        M("csat_responses", "survey_responses", _csat, needs=(CSAT_RESPONSES,)),
        M(
            "csat_satisfied",
            "survey_responses",
            lambda t, c: _csat(t, c) & (t._score >= 4),
            population=_csat,
            needs=(CSAT_RESPONSES,),
        ),
    )
}
