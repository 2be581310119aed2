"""Read a whole file once to learn how it writes numbers and dates (its locale).

A column holding ``3/18/2024`` is month-first, whatever its other rows say; ``1.234,50`` means
a decimal comma. The evidence of every column of the file is combined (one export, one locale);
evidence for both readings is a problem reported with the lines that show each, so a file is
never read one way for some rows and another way for others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from salesmetrics.ingest.parsing import NUMERIC_DATE_RE, Locale
from salesmetrics.ingest.readers import sql_literal
from salesmetrics.schema import Column, Table

#: Digits and separators only, for the number evidence.
NUMBER_CHARS = "regexp_replace({v}, '[^0-9.,]', '', 'g')"
COMMA_DECIMAL = r"^\d*,\d{1,2}$|^\d*,\d{4,}$|\.\d{3},\d+$|^\d{1,3}(\.\d{3}){2,}$"
POINT_DECIMAL = r"^\d*\.\d{1,2}$|^\d*\.\d{4,}$|,\d{3}\.\d+$|^\d{1,3}(,\d{3}){2,}$"


@dataclass(frozen=True)
class Evidence:
    """The first line of a file that shows one reading, and its value."""

    column: str
    line: int
    value: str


@dataclass
class Profile:
    """What a file says about its locale, and the conflicts found."""

    locale: Locale = field(default_factory=Locale)
    #: (line, column, value, reason, hint) for conflicting evidence.
    conflicts: list[tuple[int, str, str, str, str]] = field(default_factory=list)


def _first(v: str, condition: str) -> list[str]:
    """Aggregates: the first line where ``condition`` holds, and its value."""
    return [
        f"min(CASE WHEN {condition} THEN __line END)",
        f"arg_min({v}, CASE WHEN {condition} THEN __line END)",
    ]


def _evidence(row: tuple[Any, ...], index: int, column: str) -> Evidence | None:
    line, value = row[index], row[index + 1]
    return None if line is None else Evidence(column, int(line), str(value))


def profile(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    texts_sql: str,
    mapped: list[Column],
    decimal: str | None,
    date_order: str | None = None,
) -> Profile:
    """Scan the mapped columns of ``texts_sql`` (``r_<name>`` texts) for locale evidence.

    ``decimal`` (``--decimal``) is taken as given; without it, the file decides.
    """
    numeric = [c for c in mapped if c.type in ("money", "float", "int") and c.enum is None]
    dated = [c for c in mapped if c.type in ("date", "timestamp")]
    aggregates: list[str] = []
    for c in numeric:
        v = f'"r_{c.name}"'
        digits = NUMBER_CHARS.format(v=v)
        aggregates += _first(v, f"regexp_matches({digits}, {sql_literal(COMMA_DECIMAL)})")
        aggregates += _first(v, f"regexp_matches({digits}, {sql_literal(POINT_DECIMAL)})")
    for c in dated:
        v = f'"r_{c.name}"'
        match = f"regexp_full_match({v}, {sql_literal(NUMERIC_DATE_RE)})"
        first = f"TRY_CAST(regexp_extract({v}, {sql_literal(NUMERIC_DATE_RE)}, 1) AS INT)"
        second = f"TRY_CAST(regexp_extract({v}, {sql_literal(NUMERIC_DATE_RE)}, 2) AS INT)"
        aggregates += _first(v, f"{match} AND {first} > 12")
        aggregates += _first(v, f"{match} AND {second} > 12")
    if not aggregates:
        return Profile(Locale(decimal or ".", decimal is None, date_order))
    row = con.execute(f"SELECT {', '.join(aggregates)} FROM ({texts_sql})").fetchall()[0]
    result = Profile()
    comma: list[Evidence] = []
    point: list[Evidence] = []
    for i, c in enumerate(numeric):
        found = (_evidence(row, 4 * i, c.name), _evidence(row, 4 * i + 2, c.name))
        comma += [found[0]] if found[0] else []
        point += [found[1]] if found[1] else []
    day_first: list[Evidence] = []
    month_first: list[Evidence] = []
    offset = 4 * len(numeric)
    for i, c in enumerate(dated):
        found = (_evidence(row, offset + 4 * i, c.name), _evidence(row, offset + 4 * i + 2, c.name))
        day_first += [found[0]] if found[0] else []
        month_first += [found[1]] if found[1] else []
    chosen = decimal
    if chosen is None and comma and point:
        result.conflicts.append(
            _conflict(
                comma[0],
                point[0],
                "a decimal comma",
                "a decimal point",
                "--decimal , or --decimal . to say which this file uses",
            )
        )
    elif chosen is None:
        chosen = "," if comma else "."
    order = date_order
    if order is None and day_first and month_first:
        result.conflicts.append(
            _conflict(
                day_first[0],
                month_first[0],
                "a day-first date",
                "a month-first date",
                "--date-format (e.g. --date-format %d/%m/%Y) to say which this file uses",
            )
        )
    elif order is None and (day_first or month_first):
        order = "dmy" if day_first else "mdy"
    assumed = decimal is None and not comma and not point
    result.locale = Locale(chosen or ".", assumed, order)
    return result


def _conflict(
    one: Evidence, other: Evidence, one_is: str, other_is: str, hint: str
) -> tuple[int, str, str, str, str]:
    reason = (
        f"{one_is} here, but {other_is} in {other.column} on line {other.line} "
        f"({other.value!r}); one file is read one way"
    )
    return (one.line, one.column, one.value, reason, f"pass {hint}")
