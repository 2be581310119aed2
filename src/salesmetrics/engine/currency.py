"""Currency conversion to the base currency at an anchor date (as-of fx join).

The rate of a currency on day D is the rate of its ``fx_rates`` row with the latest ``date`` on
or before D. Each fx row is turned into a validity interval ``[date, next date)`` with a window
``lead`` and joined on currency and interval: plain joins and windows, which DuckDB, Postgres and
Spark all run.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.engine.backend import date_literal

if TYPE_CHECKING:
    from ibis.expr.types import Table


def fx_intervals(fx_rates: Table) -> Table:
    """``fx_rates`` as ``(_fx_cur, _fx_from, _fx_to, _fx_rate)`` validity intervals."""
    fx = fx_rates.select(
        _fx_cur=fx_rates.currency.strip().upper(),
        _fx_from=fx_rates.date,
        _fx_rate=fx_rates.rate.cast("float64"),
    )
    window = ibis.window(group_by=fx._fx_cur, order_by=fx._fx_from)
    # The last rate stays valid "forever": a plain range keeps the join a fast range join.
    forever = date_literal(dt.date(9999, 12, 31))
    return fx.mutate(_fx_to=fx._fx_from.lead().over(window).fill_null(forever))


def with_rate(
    rows: Table, fx_rates: Table, base_currency: str, anchor: str, keys: Table | None = None
) -> Table:
    """``rows`` plus ``_rate`` (to base currency at column ``anchor``) and ``_fx_missing``.

    ``rows`` must hold ``_cur`` (see :func:`currency_code`). Empty currency or the base currency:
    rate 1. A currency without a rate on or before the anchor date: ``_rate`` null and
    ``_fx_missing`` true.

    The rate is looked up once per distinct (currency, day) of foreign-currency rows — an as-of
    lookup on a table of a few thousand keys — and joined back to the rows on equality: no row
    meets the fx table in a range join. ``keys`` (``_k_cur``, ``_k_day``), when given, are
    those (currency, day) pairs computed more cheaply than from ``rows``; they must cover them.
    """
    fx = fx_intervals(fx_rates)
    base = base_currency.upper()
    at = rows[anchor]
    if keys is None:
        foreign = rows.filter(rows._cur.notnull() & (rows._cur != base))
        keys = foreign.select(_k_cur=foreign._cur, _k_day=foreign[anchor]).distinct()
    rated = keys.join(
        fx, [keys._k_cur == fx._fx_cur, keys._k_day >= fx._fx_from, keys._k_day < fx._fx_to]
    ).select("_k_cur", "_k_day", "_fx_rate")
    joined = rows.left_join(rated, [rows._cur == rated._k_cur, at == rated._k_day])
    is_base: Any = joined._cur.isnull() | (joined._cur == base)
    return joined.mutate(
        _rate=ibis.ifelse(is_base, 1.0, joined._fx_rate),
        _fx_missing=~is_base & joined._fx_rate.isnull(),
    )


def foreign_currencies(table: Table, base_currency: str) -> Table:
    """The distinct currency codes (``_k_cur``) of ``table.currency`` other than the base."""
    code = currency_code(table.currency)
    foreign = table.filter(code.notnull() & (code != base_currency.upper()))
    return foreign.select(_k_cur=code).distinct()


def currency_code(currency: Any) -> Any:
    """A currency column as a comparable code: trimmed, upper-case, empty as null."""
    return currency.strip().upper().nullif("")
