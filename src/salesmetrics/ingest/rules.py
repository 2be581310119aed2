"""Row rules beyond single values (duplicate keys, cross-column checks) and warnings."""

from __future__ import annotations

import duckdb

from salesmetrics.backends.duckdb import existing_tables, first_row, quote
from salesmetrics.ingest.readers import sql_literal
from salesmetrics.ingest.report import Finding
from salesmetrics.schema import Table
from salesmetrics.schema.enums import SURVEY_SCORE_RANGE

STAGE = "__sm_stage"
VALID = "__sm_valid"
#: The rows with a bad value, with their text (``r_`` columns) for the messages.
BAD_ROWS = "__sm_bad_rows"
#: The rows whose amounts carry a currency, with their text, for the currency rules.
BAD_CURRENCY_ROWS = "__sm_currency_rows"

#: Columns that name a row of another table, for the "unknown reference" warnings.
REFERENCES = {
    "owner_rep_id": ("reps", "rep_id"),
    "rep_id": ("reps", "rep_id"),
    "account_id": ("accounts", "account_id"),
}


def r(column: str) -> str:
    """The trimmed text of ``column`` (in BAD_ROWS)."""
    return quote(f"r_{column}")


def t(column: str) -> str:
    """The typed value of ``column`` in the stage table."""
    return quote(f"t_{column}")


def e(column: str) -> str:
    """The error code of ``column`` in the stage table."""
    return quote(f"e_{column}")


def issue_select(
    column: str, value: str, reason: str, hint: str, where: str, source: str = STAGE
) -> str:
    """A SELECT of (line, column_name, value, reason, hint) from ``source``."""
    return (
        f"SELECT __line AS line, {sql_literal(column)} AS column_name, {value} AS value, "
        f"{reason} AS reason, {hint} AS hint FROM {source} WHERE {where}"
    )


def text(column: str) -> str:
    """The typed value of ``column`` as text, for messages."""
    return f"CAST({t(column)} AS VARCHAR)"


def has_duplicate_keys(con: duckdb.DuckDBPyConnection, table: Table) -> bool:
    """Whether two rows of STAGE share a key (a quick check before the detailed rule)."""
    keys = ", ".join(t(k) for k in table.key)
    parse_ok = " AND ".join(f"{e(k)} IS NULL" for k in table.key)
    row = first_row(
        con,
        f"SELECT count(*) FROM (SELECT 1 FROM {STAGE} WHERE {parse_ok} GROUP BY {keys} "
        "HAVING count(*) > 1 LIMIT 1)",
    )
    return bool(row and row[0])


def k(column: str) -> str:
    """The currency written inside the amount text of ``column`` (stage table)."""
    return quote(f"k_{column}")


FILE_CURRENCY = quote("f_currency")


def currency_rules(
    table: Table, money: list[str], base_currency: str, currency_mapped: bool
) -> list[str]:
    """An amount's own currency must agree with the row's currency column; in a table
    without one (quotas, spend, …) it must be the base currency."""
    from salesmetrics.ingest.currencies import GENERIC_SYMBOLS

    rules = []

    def fits(mark: str, code: str) -> str:
        generic = " ".join(
            f"WHEN {sql_literal(s)} THEN {code} IN "
            + "("
            + ", ".join(sql_literal(c) for c in codes)
            + ")"
            for s, (_, codes) in GENERIC_SYMBOLS.items()
        )
        return f"(CASE {mark} {generic} ELSE {mark} = {code} END)"

    for column in money:
        amount = f"{r(column)}"
        if "currency" in table.column_names:
            if not currency_mapped:  # the amount's own currency is the row's: no conflict
                continue
            rules.append(
                issue_select(
                    column,
                    amount,
                    f"'written in ' || {k(column)} || ' but currency says ' || {FILE_CURRENCY}",
                    "'make the amount and the currency column agree (or leave one of them out)'",
                    f"{k(column)} IS NOT NULL AND {FILE_CURRENCY} IS NOT NULL "
                    f"AND NOT {fits(k(column), FILE_CURRENCY)}",
                    BAD_CURRENCY_ROWS,
                )
            )
        else:
            base = sql_literal(base_currency.upper())
            rules.append(
                issue_select(
                    column,
                    amount,
                    f"'written in ' || {k(column)} || ', but {table.name}.{column} is in the "
                    f"base currency {base_currency.upper()}'",
                    f"'convert it to {base_currency.upper()} in the file (the table has no "
                    "currency column), or change the base_currency setting'",
                    f"{k(column)} IS NOT NULL AND NOT {fits(k(column), base)}",
                    BAD_CURRENCY_ROWS,
                )
            )
    return rules


def row_rules(con: duckdb.DuckDBPyConnection, table: Table) -> list[str]:
    """SELECTs yielding (line, column_name, value, reason, hint) for every row rule."""
    rules = [_duplicate_keys(table)] if has_duplicate_keys(con, table) else []
    if table.name == "opportunities":
        rules.append(
            issue_select(
                "close_date",
                "NULL",
                f"'missing close_date for a ' || {t('status')} || ' opportunity'",
                "'won and lost opportunities need the date they closed'",
                f"{t('status')} IN ('won', 'lost') AND {t('close_date')} IS NULL "
                f"AND {e('close_date')} IS NULL",
            )
        )
    if table.name == "surveys":
        ranges = ", ".join(f"{k} {lo}–{hi}" for k, (lo, hi) in SURVEY_SCORE_RANGE.items())
        for kind, (low, high) in SURVEY_SCORE_RANGE.items():
            rules.append(
                issue_select(
                    "score",
                    text("score"),
                    sql_literal(f"score outside {low}–{high} for {kind}"),
                    sql_literal(f"survey scores run: {ranges}"),
                    f"{t('type')} = '{kind}' AND ({t('score')} < {low} OR {t('score')} > {high})",
                )
            )
    return rules


def _duplicate_keys(table: Table) -> str:
    keys = ", ".join(t(k) for k in table.key)
    label = ", ".join(table.key)
    value = " || ', ' || ".join(f"coalesce({text(k)}, '')" for k in table.key)
    parse_ok = " AND ".join(f"{e(k)} IS NULL" for k in table.key)
    return (
        f"SELECT __line AS line, {sql_literal(label)} AS column_name, {value} AS value, "
        f"'duplicate key: same {label} as line ' || first_line AS reason, "
        f"'each row needs a unique {label}: remove or merge the duplicate rows' AS hint "
        f"FROM (SELECT *, min(__line) OVER (PARTITION BY {keys}) AS first_line "
        f"FROM {STAGE} WHERE {parse_ok}) WHERE __line > first_line"
    )


def warnings(con: duckdb.DuckDBPyConnection, table: Table, columns: set[str]) -> list[Finding]:
    """Data-quality findings on the rows about to load (table ``VALID``)."""
    found: list[Finding] = []
    if table.name == "opportunities" and {"close_date", "created_at"} <= columns:
        where = f"{t('close_date')} < CAST({t('created_at')} AS DATE)"
        found += _finding(con, "close_date before created_at", where, "__line", "line ")
    stored = existing_tables(con)
    for column, (ref_table, ref_column) in REFERENCES.items():
        if column not in columns or (table.name == ref_table and column == ref_column):
            continue
        known = []
        if ref_table in stored:
            known.append(f"SELECT {quote(ref_column)} AS id FROM {quote(ref_table)}")
        if table.name == ref_table:
            known.append(f"SELECT {t(ref_column)} AS id FROM {VALID}")
        known_ids = " UNION ALL ".join(known) or "SELECT NULL::VARCHAR AS id WHERE false"
        where = (
            f"{t(column)} IS NOT NULL AND {t(column)} NOT IN "
            f"(SELECT id FROM ({known_ids}) WHERE id IS NOT NULL)"
        )
        message = f"{column} not found in {ref_table}"
        empty = ref_table not in stored or not first_row(
            con, f"SELECT 1 FROM {quote(ref_table)} LIMIT 1"
        )
        if empty and table.name != ref_table:
            message += f" (no {ref_table} imported yet)"
        found += _finding(con, message, where, f"DISTINCT {t(column)}")
    return found


def _finding(
    con: duckdb.DuckDBPyConnection, message: str, where: str, example: str, prefix: str = ""
) -> list[Finding]:
    """A finding counting the VALID rows matching ``where``, with three examples."""
    row = first_row(con, f"SELECT count(*) FROM {VALID} WHERE {where}")
    count = int(row[0]) if row else 0
    if not count:
        return []
    examples = con.execute(
        f"SELECT {example} AS ex FROM {VALID} WHERE {where} ORDER BY ex LIMIT 3"
    ).fetchall()
    return [Finding(message, count, tuple(f"{prefix}{x[0]}" for x in examples))]
