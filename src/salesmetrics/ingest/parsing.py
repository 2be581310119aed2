"""SQL that turns a column's text into its canonical type, or into an error code.

Each canonical type gives two SQL expressions over the trimmed text ``v`` (NULL when empty):
the typed value, and an error code (NULL when the value is fine). ``describe`` turns a code
into the reason and hint shown to the user.
"""

from __future__ import annotations

from dataclasses import dataclass

from salesmetrics.backends.duckdb import SQL_TYPES
from salesmetrics.ingest.readers import sql_literal
from salesmetrics.schema import Column

DATE_RE = r"\d{4}-\d{1,2}-\d{1,2}"
TIME_RE = r"([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?"
ZONE_RE = r"\s*(Z|z|UTC|[+-]\d{2}(:?\d{2})?)?"
OFFSET_RE = r".*[T ]\d{1,2}:\d{2}.*([+-]\d{2}(:?\d{2})?|Z|z|UTC)"
NON_ISO_DATE_RE = r"\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})([T ].*)?"
CURRENCY_RE = r"([$€£¥]|[A-Za-z]{3})?"
MONEY_RE = rf"[-+]?\s*{CURRENCY_RE}\s*[-+]?(\d{{1,3}}(,\d{{3}})+|\d+)?(\.\d+)?\s*{CURRENCY_RE}"
PLAIN_NUMBER_RE = r"[-+]?\d+(\.\d*)?"
GROUPED_NUMBER_RE = r"[-+]?\d{1,3}(,\d{3})*(\.\d*)?"
SYMBOL_MONEY_RE = r"[-+]?[$€£¥][-+]?\d{1,3}(,\d{3})*(\.\d*)?"
PLAIN_INT_RE = r"[-+]?\d+"
PLAIN_FLOAT_RE = r"[-+]?\d+(\.\d+)?"
PLAIN_TIMESTAMP_RE = r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?"
INT_RE = r"[-+]?(\d{1,3}(,\d{3})+|\d+)(\.0*)?"
FLOAT_RE = r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*%?"
TRUE_WORDS = ("true", "1", "yes", "y", "t")
FALSE_WORDS = ("false", "0", "no", "n", "f")
MONEY_DECIMALS = 4


def words(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(sql_literal(v) for v in values) + ")"


def full_match(v: str, pattern: str) -> str:
    return f"regexp_full_match({v}, {sql_literal(pattern)})"


@dataclass(frozen=True)
class Parser:
    """Builds the typed-value and error-code SQL of one column."""

    column: Column
    date_format: str | None = None
    #: Time zone that timestamps with an offset (or Z) are converted to (workspace setting).
    timezone: str = "UTC"

    # -- typed values ----------------------------------------------------------------
    def value_sql(self, v: str) -> str:
        kind = self.column.type
        if self.column.enum is not None:
            return self._enum_value(v)
        if kind == "str":
            return v
        if kind == "money":
            return self._money_value(v)
        if kind == "int":
            digits = f"regexp_replace(regexp_replace({v}, '\\.0*$', ''), ',', '', 'g')"
            return (
                f"CASE WHEN {full_match(v, PLAIN_INT_RE)} THEN TRY_CAST({v} AS BIGINT) "
                f"WHEN {full_match(v, INT_RE)} THEN TRY_CAST({digits} AS BIGINT) END"
            )
        if kind == "float":
            number = f"TRY_CAST(trim(rtrim({v}, '%')) AS DOUBLE)"
            return (
                f"CASE WHEN {full_match(v, PLAIN_FLOAT_RE)} THEN TRY_CAST({v} AS DOUBLE) "
                f"WHEN {full_match(v, FLOAT_RE)} AND isfinite({number}) THEN {number} END"
            )
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
            return self._with_format(v, iso, timestamp=True)
        if kind == "date":
            ts = self._iso_timestamp(v)
            iso = (
                f"CASE WHEN {full_match(v, DATE_RE)} THEN TRY_CAST({v} AS DATE) "
                f"WHEN {ts} IS NOT NULL THEN TRY_CAST(split_part(replace({v}, 'T', ' '), ' ', 1) "
                "AS DATE) END"
            )
            return self._with_format(v, iso, timestamp=False)
        raise AssertionError(f"no parser for type {kind}")

    def _enum_value(self, v: str) -> str:
        assert self.column.enum is not None
        pairs = {e: e for e in self.column.enum} | dict(self.column.synonyms)
        cases = " ".join(f"WHEN {sql_literal(k)} THEN {sql_literal(c)}" for k, c in pairs.items())
        return f"CASE lower({v}) {cases} END"

    @staticmethod
    def _money_digits(v: str) -> str:
        return f"regexp_replace({v}, '[^0-9.+-]', '', 'g')"

    @staticmethod
    def _decimals(x: str) -> str:
        """Decimal places of ``x`` (which ends in a digit), ignoring trailing zeros."""
        places = f"length(rtrim({x}, '0')) - strpos({x}, '.')"
        return f"CASE WHEN contains({x}, '.') THEN {places} ELSE 0 END"

    def _money_value(self, v: str) -> str:
        """Plain numbers first (fast), then 1,234.50, $1,234.50, then currency codes and spaces."""
        money = SQL_TYPES["money"]
        symbols = f"regexp_replace({v}, '[$€£¥,]', '', 'g')"
        clean = self._money_digits(v)
        branches = [
            (PLAIN_NUMBER_RE, v, v),
            (GROUPED_NUMBER_RE, v, f"replace({v}, ',', '')"),
            (SYMBOL_MONEY_RE, v, symbols),
            (MONEY_RE, clean, clean),
        ]
        cases = " ".join(
            f"WHEN {full_match(v, pattern)} THEN CASE WHEN {self._decimals(digits)} <= "
            f"{MONEY_DECIMALS} THEN TRY_CAST({number} AS {money}) END"
            for pattern, digits, number in branches
        )
        return f"CASE {cases} END"

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

    def _with_format(self, v: str, iso: str, timestamp: bool) -> str:
        if not self.date_format:
            return iso
        fmt = self.date_format
        formats = [fmt, f"{fmt} %H:%M", f"{fmt} %H:%M:%S"] if timestamp else [fmt]
        parsed = f"TRY_STRPTIME({v}, [{', '.join(sql_literal(f) for f in formats)}])"
        if not timestamp:
            parsed = f"CAST({parsed} AS DATE)"
        return f"coalesce({parsed}, {iso})"

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
        if kind == "money":
            return [
                f"WHEN NOT ({full_match(v, MONEY_RE)} AND regexp_matches({v}, '\\d')) THEN 'money'",
                f"WHEN {self._decimals(self._money_digits(v))} > {MONEY_DECIMALS} "
                "THEN 'money_decimals'",
                "ELSE 'money_range'",
            ]
        if kind in ("date", "timestamp"):
            codes = []
            iso_like = full_match(v, DATE_RE + r"([T ].*)?")
            if self.date_format:
                codes.append(f"WHEN NOT {iso_like} THEN 'date_format'")
            codes.append(f"WHEN {iso_like} THEN 'date_calendar'")
            codes.append(f"WHEN {full_match(v, NON_ISO_DATE_RE)} THEN 'date_ambiguous'")
            codes.append(f"ELSE '{kind}'")
            return codes
        return [f"ELSE '{kind}'"]
