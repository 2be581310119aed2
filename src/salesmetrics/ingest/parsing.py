"""SQL that turns a column's text into its canonical type, or into an error code.

Each canonical type gives two SQL expressions over the trimmed text ``v`` (NULL when empty):
the typed value, and an error code (NULL when the value is fine). ``describe`` turns a code
into the reason and hint shown to the user. How numbers and dates are written (decimal comma,
day-first dates) is decided once per file (see ``ingest.profile``) and handed in as ``Locale``.
"""

from __future__ import annotations

from dataclasses import dataclass

from salesmetrics.backends.duckdb import SQL_TYPES
from salesmetrics.ingest.currencies import GENERIC_SYMBOLS, ISO_CODES, SYMBOLS, symbol_pattern
from salesmetrics.ingest.readers import sql_literal
from salesmetrics.schema import Column

DATE_RE = r"\d{4}-\d{1,2}-\d{1,2}"
TIME_RE = r"([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?"
ZONE_RE = r"\s*(Z|z|UTC|[+-]\d{2}(:?\d{2})?)?"
OFFSET_RE = r".*[T ]\d{1,2}:\d{2}.*([+-]\d{2}(:?\d{2})?|Z|z|UTC)"
#: Day and month as numbers in either order: 3/18/2024, 18.03.2024 10:15, 18-3-24 9:05 PM.
CLOCK_RE = r"(\d{1,2}):(\d{2})(:\d{2})?\s*([AaPp]\.?[Mm]\.?)?"
NUMERIC_DATE_RE = rf"(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{2}}|\d{{4}})([T ]+{CLOCK_RE})?"
NON_ISO_DATE_RE = NUMERIC_DATE_RE
YMD_SLASH_RE = rf"\d{{4}}/\d{{1,2}}/\d{{1,2}}([T ]+{CLOCK_RE})?"
MONTH_NAME_RE = r".*[A-Za-z]{3}.*\d{4}.*"
PLAIN_NUMBER_RE = r"[-+]?\d+(\.\d*)?"
PLAIN_INT_RE = r"[-+]?\d+"
PLAIN_FLOAT_RE = r"[-+]?\d+(\.\d+)?"
PLAIN_TIMESTAMP_RE = r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?"
#: Thousands separators besides the one that is not the decimal mark.
SPACES = " '’\u00a0\u202f"
TRUE_WORDS = ("true", "1", "yes", "y", "t")
FALSE_WORDS = ("false", "0", "no", "n", "f")
MONEY_DECIMALS = 4
#: The time of day after a date, in every way exports write it.
CLOCKS = ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p")
MONTH_NAME_FORMATS = ("%d %b %Y", "%d-%b-%Y", "%b %d, %Y", "%b %d %Y", "%B %d, %Y", "%d %B %Y")
CURRENCY_MARK = rf"({symbol_pattern()}|[A-Za-z]{{3}})"


@dataclass(frozen=True)
class Locale:
    """How one file writes numbers and dates.

    ``decimal``: the decimal mark ('.' or ','); ``decimal_assumed``: no value of the file said
    which it is. ``date_order``: 'dmy' or 'mdy' for dates like 03/04/2024, None when unknown.
    """

    decimal: str = "."
    decimal_assumed: bool = True
    date_order: str | None = None

    @property
    def grouping(self) -> str:
        """The thousands separators of this locale (as a regex character class body)."""
        return ("," if self.decimal == "." else ".") + SPACES


def words(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(sql_literal(v) for v in values) + ")"


def full_match(v: str, pattern: str) -> str:
    return f"regexp_full_match({v}, {sql_literal(pattern)})"


def amount_currency_sql(v: str) -> str:
    """The currency written in an amount: an ISO code, a symbol's code, ``$``/``¥``, or NULL."""
    prefix = rf"^[-+]?\s*{CURRENCY_MARK}\s*[-+]?\s*[0-9.,]"
    suffix = rf"[0-9.,]\s*{CURRENCY_MARK}\s*$"
    mark = (
        f"coalesce(nullif(regexp_extract({v}, {sql_literal(prefix)}, 1), ''), "
        f"nullif(regexp_extract({v}, {sql_literal(suffix)}, 1), ''))"
    )
    cases = " ".join(f"WHEN {sql_literal(s)} THEN {sql_literal(c)}" for s, c in SYMBOLS.items())
    return f"CASE {mark} {cases} ELSE upper({mark}) END"


def currency_code_sql(v: str) -> str:
    """A currency column's text as an ISO code (symbols mapped; ``$`` means USD); else NULL."""
    upper = f"upper({v})"
    mapped = {**SYMBOLS, **{s: code for s, (code, _) in GENERIC_SYMBOLS.items()}}
    cases = " ".join(f"WHEN {sql_literal(s)} THEN {sql_literal(c)}" for s, c in mapped.items())
    return (
        f"CASE {v} {cases} ELSE CASE WHEN {upper} IN {words(tuple(sorted(ISO_CODES)))} "
        f"THEN {upper} END END"
    )


def known_currency_sql(mark: str) -> str:
    """SQL: the currency mark of an amount is a known code or symbol."""
    known = tuple(sorted(ISO_CODES | set(SYMBOLS.values()) | set(GENERIC_SYMBOLS)))
    return f"{mark} IN {words(known)}"


@dataclass(frozen=True)
class Parser:
    """Builds the typed-value and error-code SQL of one column."""

    column: Column
    date_format: str | None = None
    #: Time zone that timestamps with an offset (or Z) are converted to (workspace setting).
    timezone: str = "UTC"
    locale: Locale = Locale()

    # -- typed values ----------------------------------------------------------------
    def value_sql(self, v: str) -> str:
        kind = self.column.type
        if self.column.enum is not None:
            return self._enum_value(v)
        if self.column.name == "currency":
            return currency_code_sql(v)
        if kind == "str":
            return v
        if kind == "money":
            return self._money_value(v)
        if kind == "int":
            return self._int_value(v)
        if kind == "float":
            return self._float_value(v)
        if kind == "bool":
            return (
                f"CASE WHEN lower({v}) IN {words(TRUE_WORDS)} THEN true "
                f"WHEN lower({v}) IN {words(FALSE_WORDS)} THEN false END"
            )
        if kind == "timestamp":
            iso = (
                f"CASE WHEN {full_match(v, PLAIN_TIMESTAMP_RE)} THEN TRY_CAST({v} AS TIMESTAMP) "
                f"ELSE {self._iso_timestamp(v)} END"
            )
            return self._other_dates(v, iso, timestamp=True)
        if kind == "date":
            ts = self._iso_timestamp(v)
            iso = (
                f"CASE WHEN {full_match(v, DATE_RE)} THEN TRY_CAST({v} AS DATE) "
                f"WHEN {ts} IS NOT NULL THEN TRY_CAST(split_part(replace({v}, 'T', ' '), ' ', 1) "
                "AS DATE) END"
            )
            return self._other_dates(v, iso, timestamp=False)
        raise AssertionError(f"no parser for type {kind}")

    def _enum_value(self, v: str) -> str:
        assert self.column.enum is not None
        pairs = {e: e for e in self.column.enum} | dict(self.column.synonyms)
        cases = " ".join(f"WHEN {sql_literal(k)} THEN {sql_literal(c)}" for k, c in pairs.items())
        return f"CASE lower({v}) {cases} END"

    # -- numbers -------------------------------------------------------------------------
    def _grouped_re(self, decimals: bool = True) -> str:
        """A number with optional thousands groups and decimals, in this file's locale."""
        sep = self.locale.grouping
        mark = "\\." if self.locale.decimal == "." else ","
        fraction = rf"({mark}\d+)?" if decimals else ""
        return rf"[-+]?\s*(\d{{1,3}}([{sep}]\d{{3}})+|\d+){fraction}"

    def _normalised(self, x: str) -> str:
        """Digits, sign and a '.' decimal point: thousands separators removed."""
        separators = sql_literal(f"[{self.locale.grouping}\\s]")
        plain = f"regexp_replace({x}, {separators}, '', 'g')"
        return plain if self.locale.decimal == "." else f"replace({plain}, ',', '.')"

    def _number_text(self, v: str) -> str:
        """The amount without its currency code or symbol."""
        return f"trim(regexp_replace({v}, {sql_literal(CURRENCY_MARK)}, '', 'g'))"

    @staticmethod
    def _decimals(x: str) -> str:
        """Decimal places of ``x`` (which ends in a digit), ignoring trailing zeros."""
        places = f"length(rtrim({x}, '0')) - strpos({x}, '.')"
        return f"CASE WHEN contains({x}, '.') THEN {places} ELSE 0 END"

    def _money_value(self, v: str) -> str:
        """Plain numbers first (fast), then grouped digits with a currency code or symbol.

        Never rounded: more than MONEY_DECIMALS decimal places is an error, not a value.
        """
        money = SQL_TYPES["money"]
        number = self._number_text(v)
        normal = self._normalised(number)
        plain = ""
        if self.locale.decimal == ".":
            plain = (
                f"WHEN {full_match(v, PLAIN_NUMBER_RE)} AND NOT {self._ambiguous(v)} "
                f"THEN CASE WHEN {self._decimals(v)} <= {MONEY_DECIMALS} "
                f"THEN TRY_CAST({v} AS {money}) END "
            )
        checked = (
            f"WHEN {full_match(number, self._grouped_re())} AND NOT {self._ambiguous(number)} "
            f"AND regexp_matches({number}, '\\d') THEN CASE WHEN {self._decimals(normal)} <= "
            f"{MONEY_DECIMALS} THEN TRY_CAST({normal} AS {money}) END"
        )
        return f"CASE {plain}{checked} END"

    def _ambiguous(self, x: str) -> str:
        """SQL: ``1.234`` when nothing in the file says whether '.' is a decimal point."""
        if not self.locale.decimal_assumed or self.locale.decimal != ".":
            return "false"
        return full_match(x, r"[-+]?\s*[1-9]\d{0,2}\.\d{3}")

    def _int_value(self, v: str) -> str:
        zeros = "\\.0*" if self.locale.decimal == "." else ",0*"
        pattern = rf"{self._grouped_re(decimals=False)}({zeros})?"
        digits = f"regexp_replace({self._normalised(v)}, '\\.0*$', '')"
        return (
            f"CASE WHEN {full_match(v, PLAIN_INT_RE)} THEN TRY_CAST({v} AS BIGINT) "
            f"WHEN {full_match(v, pattern)} AND NOT {self._ambiguous(v)} "
            f"THEN TRY_CAST({digits} AS BIGINT) END"
        )

    def _float_value(self, v: str) -> str:
        mark = "\\." if self.locale.decimal == "." else ","
        pattern = rf"[-+]?(\d+{mark}?\d*|{mark}\d+)([eE][-+]?\d+)?\s*%?"
        text = f"trim(rtrim({v}, '%'))"
        if self.locale.decimal == ",":
            text = f"replace({text}, ',', '.')"
        number = f"TRY_CAST({text} AS DOUBLE)"
        plain = (
            f"WHEN {full_match(v, PLAIN_FLOAT_RE)} THEN TRY_CAST({v} AS DOUBLE) "
            if self.locale.decimal == "."
            else ""
        )
        return f"CASE {plain}WHEN {full_match(v, pattern)} AND isfinite({number}) THEN {number} END"

    # -- dates ---------------------------------------------------------------------------
    def _iso_timestamp(self, v: str) -> str:
        """ISO text as a timestamp; with an offset or Z, converted to the workspace zone."""
        pattern = DATE_RE + TIME_RE + ZONE_RE
        bare = f"regexp_replace({v}, '\\s*(Z|z|UTC)$', '')"
        absolute = f"TRY_CAST(regexp_replace({v}, 'z$', 'Z') AS TIMESTAMPTZ)"
        return (
            f"CASE WHEN {full_match(v, pattern)} THEN CASE WHEN {full_match(v, OFFSET_RE)} "
            f"THEN timezone({sql_literal(self.timezone)}, {absolute}) "
            f"ELSE TRY_CAST({bare} AS TIMESTAMP) END END"
        )

    @staticmethod
    def _formats(dates: tuple[str, ...]) -> str:
        """Every date format followed by every way of writing the time (or none): a date
        column keeps the date of a datetime, as it does for ISO values."""
        return "[" + ", ".join(sql_literal(d + c) for d in dates for c in CLOCKS) + "]"

    @staticmethod
    def _clock_text(v: str) -> str:
        """The text with 'T' as a space and 'p.m.'/'pm' as 'PM', as strptime reads it."""
        text = f"upper(replace({v}, 'T', ' '))"
        return f"regexp_replace({text}, '([AP])\\.?M\\.?$', '\\1M')"

    def _numeric_dates(self, v: str) -> str:
        """03/04/2024-style dates in the file's day/month order (or where order cannot matter)."""
        order = self.locale.date_order
        text = self._clock_text(f"regexp_replace({v}, '[/.-]', '/', 'g')")
        years = ("%Y", "%y")
        if order == "mdy":
            dates = tuple(f"%m/%d/{y}" for y in years)
        else:  # day first, or unknown: then only dates whose day equals their month
            dates = tuple(f"%d/%m/{y}" for y in years)
        parsed = f"TRY_STRPTIME({text}, {self._formats(dates)})"
        if order is None:
            same = (
                f"regexp_extract({v}, {sql_literal(NUMERIC_DATE_RE)}, 1)::INT = "
                f"regexp_extract({v}, {sql_literal(NUMERIC_DATE_RE)}, 2)::INT"
            )
            return f"CASE WHEN {full_match(v, NUMERIC_DATE_RE)} AND {same} THEN {parsed} END"
        return f"CASE WHEN {full_match(v, NUMERIC_DATE_RE)} THEN {parsed} END"

    def _other_dates(self, v: str, iso: str, timestamp: bool) -> str:
        """ISO first; then --date-format, or day/month numbers, year/month/day, month names."""
        if self.date_format:
            formats = self._formats((self.date_format,))
            as_written = f"TRY_STRPTIME({v}, {formats})"
            other = f"coalesce({as_written}, TRY_STRPTIME({self._clock_text(v)}, {formats}))"
        else:
            clock = self._clock_text(v)
            ymd = f"TRY_STRPTIME({clock}, {self._formats(('%Y/%m/%d',))})"
            names = f"TRY_STRPTIME({clock}, {self._formats(MONTH_NAME_FORMATS)})"
            numeric = self._numeric_dates(v)
            other = (
                f"CASE WHEN {full_match(v, NUMERIC_DATE_RE)} THEN {numeric} "
                f"WHEN {full_match(v, YMD_SLASH_RE)} THEN {ymd} "
                f"WHEN {full_match(v, MONTH_NAME_RE)} THEN {names} END"
            )
        if not timestamp:
            other = f"CAST({other} AS DATE)"
        return f"coalesce({iso}, {other})"

    # -- error codes -------------------------------------------------------------------
    def error_sql(self, v: str, t: str) -> str:
        """The error code of one value; ``t`` is the typed value computed by value_sql."""
        col = self.column
        missing = "'missing'" if col.required else "NULL"
        checks = [f"WHEN {v} IS NULL THEN {missing}"]
        for code, condition in self._range(t):
            checks.append(f"WHEN {t} IS NOT NULL AND {condition} THEN '{code}'")
        checks.append(f"WHEN {t} IS NOT NULL THEN NULL")
        checks += self._failure_codes(v)
        return f"CASE {' '.join(checks)} END"

    def _range(self, t: str) -> list[tuple[str, str]]:
        checks = []
        if self.column.min_value is not None:
            checks.append(("min", f"{t} < {self.column.min_value}"))
        if self.column.max_value is not None:
            checks.append(("max", f"{t} > {self.column.max_value}"))
        return checks

    def _failure_codes(self, v: str) -> list[str]:
        kind = self.column.type
        if self.column.enum is not None:
            return ["ELSE 'enum'"]
        if self.column.name == "currency":
            return ["ELSE 'currency'"]
        if kind == "money":
            number = self._number_text(v)
            mark = amount_currency_sql(v)
            return [
                f"WHEN {mark} IS NOT NULL AND NOT {known_currency_sql(mark)} THEN 'currency_code'",
                f"WHEN {self._ambiguous(number)} THEN 'money_ambiguous'",
                f"WHEN NOT ({full_match(number, self._grouped_re())} AND "
                f"regexp_matches({number}, '\\d')) THEN 'money'",
                f"WHEN {self._decimals(self._normalised(number))} > {MONEY_DECIMALS} "
                "THEN 'money_decimals'",
                "ELSE 'money_range'",
            ]
        if kind in ("int", "float"):
            return [f"WHEN {self._ambiguous(v)} THEN 'number_ambiguous'", f"ELSE '{kind}'"]
        if kind in ("date", "timestamp"):
            codes = []
            iso_like = full_match(v, DATE_RE + r"([T ].*)?")
            if self.date_format:
                codes.append(f"WHEN NOT {iso_like} THEN 'date_format'")
            codes.append(f"WHEN {iso_like} THEN 'date_calendar'")
            if not self.date_format and self.locale.date_order is None:
                codes.append(f"WHEN {full_match(v, NUMERIC_DATE_RE)} THEN 'date_ambiguous'")
            elif not self.date_format:
                codes.append(f"WHEN {full_match(v, NUMERIC_DATE_RE)} THEN 'date_calendar'")
            codes.append(f"ELSE '{kind}'")
            return codes
        return [f"ELSE '{kind}'"]
