"""How values of each unit are written for people: `$10.0M`, `63.2 %`, `42.5 d`."""

from __future__ import annotations

import math

from salesmetrics.catalog.model import Unit

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CNY": "¥"}


def money(value: float, currency: str = "USD") -> str:
    """Money with the currency symbol and a K/M/B suffix: ``$10.0M``, ``€26.7K``, ``$950``."""
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    sign = "-" if value < 0 else ""
    size = abs(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if size >= limit:
            number = f"{size / limit:.1f}{suffix}"
            break
    else:
        number = f"{size:.0f}" if size == int(size) else f"{size:.2f}"
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{number} {currency.upper()}"


def format_value(value: float | None, unit: Unit | str, currency: str = "USD") -> str:
    """``value`` in ``unit`` for display; undefined values show as an em dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    unit = Unit(unit)
    if unit is Unit.MONEY:
        return money(value, currency)
    if unit is Unit.MONEY_PER_DAY:
        return money(value, currency) + "/d"
    if unit is Unit.PERCENT:
        return f"{value:.1f} %"
    if unit is Unit.DAYS:
        return f"{value:.1f} d"
    if unit is Unit.HOURS:
        return f"{value:.1f} h"
    if unit is Unit.MINUTES:
        return f"{value:.1f} min"
    if unit is Unit.RATIO:
        return f"{value:.2f}×"
    if unit is Unit.SCORE:
        return f"{value:.1f}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def format_plain(value: float | None) -> str:
    """A numerator or denominator: plain number, empty when undefined."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
