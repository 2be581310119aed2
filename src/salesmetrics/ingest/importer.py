"""Import one file into one canonical table: read, map, parse, validate, then store atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from salesmetrics.backends.duckdb import SQL_TYPES, first_row
from salesmetrics.errors import UserError
from salesmetrics.ingest import rules
from salesmetrics.ingest.headers import ColumnPlan, plan_columns
from salesmetrics.ingest.load import store
from salesmetrics.ingest.messages import describe_sql
from salesmetrics.ingest.parsing import Parser
from salesmetrics.ingest.presets import get_preset_table
from salesmetrics.ingest.readers import (
    RAW,
    Source,
    drop_raw,
    materialise,
    read_source,
    sql_literal,
)
from salesmetrics.ingest.rejects import write_errors, write_rejected
from salesmetrics.ingest.report import (
    SHOWN_ISSUES,
    ImportFailed,
    ImportOptions,
    ImportResult,
    Issue,
)
from salesmetrics.ingest.rules import BAD_ROWS, STAGE, VALID, e, r, t
from salesmetrics.schema import Table, get_table
from salesmetrics.workspace import Workspace

ISSUES = "__sm_issues"
TEMP_TABLES = (STAGE, ISSUES, BAD_ROWS)
Step = Callable[[str], None]


def import_file(
    workspace: Workspace,
    table_name: str,
    path: str | Path,
    options: ImportOptions | None = None,
    step: Step | None = None,
) -> ImportResult:
    """Import ``path`` into ``table_name``; strict unless ``options.skip_invalid``.

    Raises ``ImportFailed`` (a UserError) when rows are invalid and nothing was stored.
    ``step`` is told each stage: reading, checking, loading, committing.
    """
    options = options or ImportOptions()
    table = get_table(table_name)
    preset = get_preset_table(options.preset, table.name) if options.preset else None
    con = workspace.con
    _check_date_format(con, options.date_format)
    zone = _check_timezone(con, workspace)
    report = step or (lambda _stage: None)
    result = ImportResult(table=table.name, file=Path(path))
    try:
        report("reading")
        source = read_source(con, Path(path), options.sheet)
        plan = plan_columns(table, source, preset)
        _notes(result, plan)
        report("checking")
        source = materialise(
            con, source, lambda: _build_stage(con, table, plan, options.date_format, zone)
        )
        result.rows_read = _scalar(con, f"SELECT count(*) FROM {STAGE}")
        _collect_issues(con, table, source, plan, options)
        result.issue_count = _scalar(con, f"SELECT count(*) FROM {ISSUES}")
        result.issues = _first_issues(con, source)
        fatal = bool(plan.missing)
        if result.issue_count and (fatal or not options.skip_invalid):
            if options.errors_file:
                result.errors_file = write_errors(con, ISSUES, source, options.errors_file)
            raise ImportFailed(result, _failure_message(result, table, plan, options))
        valid = f"SELECT * FROM {STAGE}"
        if result.issue_count:
            valid += f" WHERE __line NOT IN (SELECT line FROM {ISSUES} WHERE line IS NOT NULL)"
        con.execute(f"CREATE OR REPLACE TEMP VIEW {VALID} AS {valid}")
        result.rejected = _scalar(con, f"SELECT count(DISTINCT line) FROM {ISSUES}")
        result.warnings = rules.warnings(con, table, set(plan.sources))
        if result.rejected:  # written first: if it cannot be written, nothing is stored
            target = options.errors_file or source.path.with_name(
                f"{source.path.stem}.rejected.csv"
            )
            result.rejected_file = write_rejected(con, ISSUES, source, target)
        report("loading")
        result.inserted, result.replaced, result.removed = store(con, table, options.mode, report)
    finally:
        con.execute(f"DROP VIEW IF EXISTS {VALID}")
        for name in TEMP_TABLES:
            con.execute(f"DROP TABLE IF EXISTS {name}")
        drop_raw(con)
    return result


def _check_date_format(con: duckdb.DuckDBPyConnection, fmt: str | None) -> None:
    if fmt is None:
        return
    if "%" not in fmt:
        raise UserError(f"--date-format {fmt!r} has no strftime codes; e.g. %d/%m/%Y.")
    try:
        con.execute(f"SELECT TRY_STRPTIME('2000-01-01', {sql_literal(fmt)})").fetchall()
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0].split("Error: ", 1)[-1]
        raise UserError(f"--date-format {fmt!r} is not a valid strftime format: {first}") from exc


def _check_timezone(con: duckdb.DuckDBPyConnection, workspace: Workspace) -> str:
    """The workspace time zone that timestamps with an offset are converted to."""
    zone = str(workspace.get_setting("timezone") or "UTC")
    try:
        con.execute(f"SELECT timezone({sql_literal(zone)}, TIMESTAMPTZ '2000-01-01 00:00+00')")
    except duckdb.Error as exc:
        raise UserError(
            f"The workspace timezone setting {zone!r} is not a known time zone; fix it with "
            "`salesmetrics settings timezone=UTC` (or e.g. Europe/Berlin)."
        ) from exc
    return zone


def _notes(result: ImportResult, plan: ColumnPlan) -> None:
    if plan.ignored:
        result.notes.append(
            f"ignored columns not in {result.table}: " + ", ".join(repr(h) for h in plan.ignored)
        )
    for duplicate in plan.duplicates:
        result.notes.append(f"ignored column {duplicate}")


def _build_stage(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    plan: ColumnPlan,
    date_format: str | None,
    zone: str,
) -> int:
    """STAGE: per row its __line, per column the typed value t_ and the error code e_."""
    typed, codes = [], []
    for column in table.columns:
        if column.name not in plan.sources:
            typed.append(f"NULL::{SQL_TYPES[column.type]} AS {t(column.name)}")
            codes.append(f"NULL::VARCHAR AS {e(column.name)}")
            continue
        parser = Parser(column, date_format, zone)
        typed.append(f"{parser.value_sql(r(column.name))} AS {t(column.name)}")
        codes.append(f"{parser.error_sql(r(column.name), t(column.name))} AS {e(column.name)}")
    typed_names = ", ".join(t(c) for c in table.column_names)
    return _scalar(
        con,
        f"CREATE OR REPLACE TEMP TABLE {STAGE} AS SELECT __line, {typed_names}, "
        f"{', '.join(codes)} FROM (SELECT *, {', '.join(typed)} FROM ({_texts(plan)}))",
    )


def _texts(plan: ColumnPlan) -> str:
    """The trimmed text (NULL when empty) of each mapped column, read from RAW."""
    texts = [
        f"nullif(trim(CAST({source} AS VARCHAR)), '') AS {r(name)}"
        for name, source in plan.sources.items()
    ]
    return f"SELECT __line, {', '.join(texts)} FROM {RAW}"


def _collect_issues(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    source: Source,
    plan: ColumnPlan,
    options: ImportOptions,
) -> None:
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {ISSUES} (line BIGINT, column_name VARCHAR, "
        "value VARCHAR, reason VARCHAR, hint VARCHAR)"
    )
    spelled = "headers match ignoring case, spaces and punctuation"
    if options.preset:
        spelled += ", or use the preset's export name"
    for name in plan.missing:
        con.execute(
            f"INSERT INTO {ISSUES} VALUES (?, ?, NULL, 'required column is missing', ?)",
            [source.header_line, name, f"add a column named {name} ({spelled})"],
        )
    selects = _value_issues(con, table, plan, options.date_format)
    if not plan.missing:
        selects += rules.row_rules(con, table)
    for select in selects:
        con.execute(f"INSERT INTO {ISSUES} {select}")


def _value_issues(
    con: duckdb.DuckDBPyConnection, table: Table, plan: ColumnPlan, date_format: str | None
) -> list[str]:
    """Issue SELECTs for bad values, over BAD_ROWS (made only when some value is bad)."""
    mapped = [c for c in table.columns if c.name in plan.sources]
    if not mapped:
        return []
    any_bad = " OR ".join(f"{e(c.name)} IS NOT NULL" for c in mapped)
    if not _scalar(con, f"SELECT count(*) FROM {STAGE} WHERE {any_bad}"):
        return []
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {BAD_ROWS} AS SELECT * FROM {STAGE} "
        f"JOIN ({_texts(plan)}) USING (__line) WHERE {any_bad}"
    )
    selects = []
    for column in mapped:
        reason, hint = describe_sql(column, e(column.name), r(column.name), date_format)
        where = f"{e(column.name)} IS NOT NULL"
        selects.append(
            rules.issue_select(column.name, r(column.name), reason, hint, where, BAD_ROWS)
        )
    return selects


def _first_issues(con: duckdb.DuckDBPyConnection, source: Source) -> list[Issue]:
    rows = con.execute(
        f"SELECT line, column_name, value, reason, hint FROM {ISSUES} "
        f"ORDER BY line NULLS FIRST, column_name LIMIT {SHOWN_ISSUES}"
    ).fetchall()
    return [Issue(source.path.name, *row) for row in rows]


def _failure_message(
    result: ImportResult, table: Table, plan: ColumnPlan, options: ImportOptions
) -> str:
    file = result.file.name
    if plan.missing:
        cols = ", ".join(plan.missing)
        return (
            f"{file} lacks the required column(s) {cols} of {table.name}; nothing was imported. "
            f"Add the column(s) or rename the header(s)."
        )
    text = (
        f"{result.issue_count} problem(s) in {file}; nothing was imported into {table.name}. "
        "Fix the file, or pass --skip-invalid to load the valid rows"
    )
    if result.errors_file:
        return f"{text}. All problems are in {result.errors_file}."
    return f"{text}; --errors-file F.csv writes every problem."


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = first_row(con, sql)
    return int(row[0]) if row and row[0] is not None else 0
