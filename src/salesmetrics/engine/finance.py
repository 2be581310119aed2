"""Row sets and measures of the finance KPIs (spec/kpis.md, "Finance"): receivables and
collections.

An invoice is receivable on day d when it was issued on or before d and not paid by d. Each
period reads three days of it: the day before the period (start), and its last day (end, with
or without the invoices not yet due). Money is converted at the invoice's issue date, so a
receivable keeps the base-currency value it was booked at and collections add up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from salesmetrics.engine.backend import date_literal
from salesmetrics.engine.customers import invoice_base
from salesmetrics.engine.inputs import INVOICES
from salesmetrics.engine.measures import Measure, as_count
from salesmetrics.engine.rowsets import FOREVER, RowSet, first_of, last_of

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context


def invoice_balances(ctx: Context, spine: Table) -> Table:
    """Invoices outstanding at some time of each period (issued by its last day, not paid
    before its first), with ``_open_start`` (receivable the day before the period),
    ``_open_end`` (on its last day), ``_current_end`` (then, and not yet due) and
    ``_issued_in`` (issued in the period)."""
    base = invoice_base(ctx)
    base = base.mutate(_paid_until=base._paid.fill_null(date_literal(FOREVER)))
    base = base.filter(
        base._issued <= last_of(spine, "hi"), base._paid_until >= first_of(spine, "lo")
    )
    rows = base.join(spine, [base._issued <= spine.hi, base._paid_until >= spine.lo])
    return rows.mutate(
        _open_start=(rows._issued < rows.lo) & (rows._paid_until >= rows.lo),
        _open_end=rows._paid_until > rows.hi,
        _current_end=(rows._paid_until > rows.hi) & rows._due.notnull() & (rows._due > rows.hi),
        _issued_in=rows._issued >= rows.lo,
    )


def _money(t: Table) -> Any:
    return t._invoice_amount * t._rate


def _all(t: Table, ctx: Context) -> Any:
    return t.period_start.notnull()


def _days(t: Table) -> Any:
    seconds = t.hi.cast("timestamp").epoch_seconds() - t.lo.cast("timestamp").epoch_seconds()
    return (seconds / 86_400.0).round() + 1.0


def _n(flag: Any) -> Any:
    return as_count(flag)


M = Measure
BALANCES = "invoice_balances"
FINANCE_MEASURES: dict[str, Measure] = {
    m.name: m
    for m in (
        # a stock: the slices with a receivable on some period's last day
        M("receivable_end", BALANCES, lambda t, c: t._open_end, lambda t, c: _money(t),
          money=True),
        M("receivable_days_end", BALANCES, lambda t, c: t._open_end,
          lambda t, c: _money(t) * _days(t), money=True, population=_all),
        M("invoiced_in_period", BALANCES, lambda t, c: t._issued_in, lambda t, c: _money(t),
          money=True, population=_all),
        M("collected", BALANCES, _all,
          lambda t, c: _money(t) * (_n(t._open_start) + _n(t._issued_in) - _n(t._open_end)),
          money=True),
        M("collectable", BALANCES, _all,
          lambda t, c: _money(t) * (_n(t._open_start) + _n(t._issued_in) - _n(t._current_end)),
          money=True),
    )
}  # fmt: skip

FINANCE_ROWSETS: dict[str, RowSet] = {
    BALANCES: RowSet(
        BALANCES,
        invoice_balances,
        {
            "invoice_id": "_id",
            "issued_at": "_issued",
            "due_at": "_due",
            "paid_at": "_paid",
            "amount": "_invoice_amount",
            "currency": "_currency",
        },
        "_issued",
        (INVOICES,),
        ("invoices", "issued_at"),
        "invoices",
    )
}
