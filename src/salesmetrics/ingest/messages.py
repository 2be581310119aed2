"""The reason and hint shown for each error code, as SQL over the offending value."""

from __future__ import annotations

from salesmetrics.ingest.readers import sql_literal
from salesmetrics.schema import Column

TYPE_HINTS = {
    "int": ("not a whole number", "write whole numbers like 42 or 1,200"),
    "float": (
        "not a number",
        "write numbers like 12.5 (or 12,5 in a file that writes a decimal comma; --decimal ,)",
    ),
    "bool": ("not a true/false value", "use true/false, 1/0 or yes/no"),
    "date": (
        "not a date",
        "write dates as YYYY-MM-DD, or pass --date-format (e.g. --date-format %d/%m/%Y)",
    ),
    "timestamp": (
        "not a timestamp",
        "write timestamps as YYYY-MM-DD HH:MM:SS (a date alone means 00:00), or pass --date-format",
    ),
}


def number(value: float) -> str:
    return f"{value:g}"


def range_text(column: Column) -> tuple[str, str, str]:
    """Reasons for a value below the minimum / above the maximum, and the hint."""
    low, high = column.min_value, column.max_value
    if low is not None and high is not None:
        reason = f"outside {number(low)}–{number(high)}"
        hint = f"{column.name} must be between {number(low)} and {number(high)}"
        return reason, reason, hint
    if low is not None:
        below = f"negative {column.name}" if low == 0 else f"below the minimum {number(low)}"
        return below, "", f"{column.name} must be {number(low)} or more"
    assert high is not None
    return "", f"above the maximum {number(high)}", f"{column.name} must be {number(high)} or less"


def ambiguous_hint(v: str) -> str:
    """SQL: suggest both day-first and month-first formats with the value's own separator."""
    sep = f"regexp_extract({v}, '^\\d{{1,2}}([/.-])', 1)"
    year = f"CASE WHEN regexp_full_match({v}, '.*[/.-]\\d{{2}}([T ].*)?') THEN 'y' ELSE 'Y' END"
    day_first = f"'%d' || {sep} || '%m' || {sep} || '%' || {year}"
    month_first = f"'%m' || {sep} || '%d' || {sep} || '%' || {year}"
    return (
        f"'pass --date-format ' || {day_first} || ' (day first) or --date-format ' || "
        f"{month_first} || ' (month first), or write YYYY-MM-DD'"
    )


def reasons(column: Column, date_format: str | None) -> dict[str, tuple[str, str]]:
    """Every error code of ``column`` -> (reason, hint), as plain text."""
    below, above, range_hint = (
        range_text(column)
        if column.min_value is not None or column.max_value is not None
        else ("", "", "")
    )
    table: dict[str, tuple[str, str]] = {
        "missing": ("missing required value", f"every row needs a {column.name}"),
        "min": (below, range_hint),
        "max": (above, range_hint),
        "money": (
            "not an amount",
            "write amounts like 1234.50, 1,234.50, $1,234.50 or EUR 1.234,50 (with --decimal ,)",
        ),
        "money_ambiguous": (
            "ambiguous amount: is '.' a decimal point or a thousands separator?",
            "pass --decimal . (1.234 is one point two three four) or --decimal , (one thousand "
            "two hundred thirty-four)",
        ),
        "number_ambiguous": (
            "ambiguous number: is '.' a decimal point or a thousands separator?",
            "pass --decimal . or --decimal , to say which this file uses",
        ),
        "currency_code": (
            "unknown currency in the amount",
            "write an ISO 4217 code (USD, EUR, GBP…) or a currency symbol before or after it",
        ),
        "currency": (
            "not a currency code",
            "write an ISO 4217 code such as USD, EUR or GBP (or a symbol such as €)",
        ),
        "money_decimals": (
            "more than 4 decimal places",
            "money is stored with 4 decimals and never rounded silently: round it in the file",
        ),
        "money_range": ("amount too large", "money holds at most 14 digits before the point"),
        "date_calendar": (
            "not a real calendar date or time",
            "check the day and month (e.g. February has 28 or 29 days)",
        ),
        "date_ambiguous": ("ambiguous date: day/month order unknown", ""),
        "date_format": (
            f"does not match --date-format {date_format}",
            "check the value or the format (strftime codes, e.g. %d/%m/%Y)",
        ),
    }
    if column.enum is not None:
        allowed = ", ".join(column.enum)
        table["enum"] = (
            f"unknown value; allowed: {allowed}",
            f"use one of {allowed} (common synonyms are accepted, see docs/importing.md)",
        )
    if column.type in TYPE_HINTS:
        table[column.type] = TYPE_HINTS[column.type]
    return table


def describe_sql(column: Column, code: str, v: str, date_format: str | None) -> tuple[str, str]:
    """SQL expressions for the reason and hint of error code column ``code``."""
    texts = reasons(column, date_format)
    reason = " ".join(f"WHEN {sql_literal(k)} THEN {sql_literal(r)}" for k, (r, _) in texts.items())
    hints = [f"WHEN {sql_literal(k)} THEN {sql_literal(h)}" for k, (_, h) in texts.items() if h]
    hints.append(f"WHEN 'date_ambiguous' THEN {ambiguous_hint(v)}")
    return f"CASE {code} {reason} END", f"CASE {code} {' '.join(hints)} END"
