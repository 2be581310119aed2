"""Import one file into one canonical table: read, map, parse, link, validate, store atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from salesmetrics.access import audit
from salesmetrics.access.audit import Actor
from salesmetrics.backends.base import Backend, CommitInterrupted
from salesmetrics.backends.duckdb import first_row
from salesmetrics.engine import kept
from salesmetrics.errors import UserError
from salesmetrics.freshness import record_import
from salesmetrics.ingest import rules
from salesmetrics.ingest.headers import ColumnPlan, known_headers, plan_columns
from salesmetrics.ingest.layout import HeaderChoice
from salesmetrics.ingest.links import (
    MIRRORS,
    Links,
    Write,
    link_accounts,
    link_converted_leads,
    link_owners,
    relink_placeholder_accounts,
)
from salesmetrics.ingest.messages import describe_sql
from salesmetrics.ingest.presets import get_preset_table
from salesmetrics.ingest.presets.model import PresetTable
from salesmetrics.ingest.readers import Source, drop_raw, materialise, read_source, sql_literal
from salesmetrics.ingest.rejects import write_errors, write_rejected
from salesmetrics.ingest.report import (
    SHOWN_ISSUES,
    Finding,
    ImportFailed,
    ImportInterrupted,
    ImportOptions,
    ImportResult,
    Issue,
    Problem,
)
from salesmetrics.ingest.rules import BAD_CURRENCY_ROWS, BAD_ROWS, STAGE, VALID, e, k, r, t
from salesmetrics.ingest.stage import StageBuilder, money_columns, texts_sql
from salesmetrics.ingest.stage_status import learn_from_rows
from salesmetrics.schema import Table, get_table
from salesmetrics.workspace import Workspace

ISSUES = "__sm_issues"
RAGGED = "__sm_ragged"
TEMP_TABLES = (STAGE, ISSUES, BAD_ROWS, BAD_CURRENCY_ROWS, RAGGED)
Step = Callable[[str], None]
#: Lines listed per kind of problem.
PROBLEM_LINES = 5


def import_file(
    workspace: Workspace,
    table_name: str,
    path: str | Path,
    options: ImportOptions | None = None,
    step: Step | None = None,
    actor: Actor | None = None,
) -> ImportResult:
    """Import ``path`` into ``table_name``; strict unless ``options.skip_invalid``.

    Raises ``ImportFailed`` (a UserError) when rows are invalid and nothing was stored, and
    ``ImportInterrupted`` on Ctrl-C (saying whether the import was committed or not at all).
    ``step`` is told each stage: reading, checking, loading, committing. The audit log records
    the import (in its transaction) or its refusal, as ``actor`` (default: the command line).
    """
    options = options or ImportOptions()
    table = get_table(table_name)
    preset = get_preset_table(options.preset, table.name) if options.preset else None
    workspace.require_writable(f"importing into {table.name}")
    backend = workspace.backend
    who = actor or Actor.cli()
    try:
        with backend.staging() as con:
            result = _import(workspace, backend, con, table, preset, Path(path), options, step,
                             who)  # fmt: skip
    except ImportFailed as failed:
        audit.record(backend, who.name, "import_refused", {
            **_audit_detail(failed.result, options), "problems": failed.result.issue_count,
        }, who.client)  # fmt: skip
        raise
    if table.name in kept.sources():
        if step is not None:
            step("keeping deal states and account months")
        _keep_tables(workspace, result)
    return result


def _keep_tables(workspace: Workspace, result: ImportResult) -> None:
    """Rebuild the tables the workspace keeps (deal states, account months); the import is
    committed already, so a failure here only leaves the KPIs reading the data itself."""
    try:
        kept.refresh(workspace)
    except Exception as exc:  # the rows are stored; the kept tables are optional
        result.notes.append(
            f"The deal states and account months kept for the pipeline and MRR KPIs were not "
            f"rebuilt ({exc}); the rows are stored and every KPI is right, those KPIs read the "
            "history and subscriptions directly (more slowly) until `salesmetrics init` or "
            "the next import rebuilds them."
        )


def _audit_detail(result: ImportResult, options: ImportOptions) -> dict[str, Any]:
    return {
        "table": result.table, "file": result.file.name, "mode": options.mode,
        "preset": options.preset, "rows_read": result.rows_read, "stored": result.stored,
        "rejected": result.rejected,
    }  # fmt: skip


def _import(
    workspace: Workspace,
    backend: Backend,
    con: duckdb.DuckDBPyConnection,
    table: Table,
    preset: PresetTable | None,
    path: Path,
    options: ImportOptions,
    step: Step | None,
    actor: Actor,
) -> ImportResult:
    _check_options(con, options)
    zone = _check_timezone(con, workspace)
    report = step or (lambda _stage: None)
    result = ImportResult(table=table.name, file=path)
    source: Source | None = None
    try:
        report("reading")
        choice = HeaderChoice(options.header_row, options.skip_rows, known_headers(table, preset))
        source = read_source(con, path, options.sheet, choice)
        plan = plan_columns(table, source, preset)
        _notes(result, plan, source)
        report("checking")
        builder = StageBuilder(
            con, table, plan, options, zone, dict(workspace.get_setting("stages") or {})
        )
        source = materialise(con, source, builder.build)
        result.rows_read = _scalar(con, f"SELECT count(*) FROM {STAGE}") + len(source.ragged)
        for name, columns in MIRRORS.items():
            backend.mirror(con, name, columns)
        links = _link(con, table, plan)
        result.notes += links.notes
        base = str(workspace.get_setting("base_currency"))
        _collect_issues(con, table, source, plan, builder, base, options)
        result.issue_count = _scalar(con, f"SELECT count(*) FROM {ISSUES}")
        result.issues = _first_issues(con, source)
        result.problems = _problems(con)
        fatal = bool(plan.missing) or bool(builder.profile.conflicts)
        if result.issue_count and (fatal or not options.skip_invalid):
            if options.errors_file:
                result.errors_file = write_errors(con, ISSUES, source, options.errors_file)
            raise ImportFailed(result, _failure_message(result, table, plan, options))
        valid = f"SELECT * FROM {STAGE}"
        if result.issue_count:
            valid += f" WHERE __line NOT IN (SELECT line FROM {ISSUES} WHERE line IS NOT NULL)"
        con.execute(f"CREATE OR REPLACE TEMP VIEW {VALID} AS {valid}")
        result.rejected = _scalar(con, f"SELECT count(DISTINCT line) FROM {ISSUES}")
        if result.rejected:  # written first: if it cannot be written, nothing is stored
            target = options.errors_file or source.path.with_name(
                f"{source.path.stem}.rejected.csv"
            )
            result.rejected_file = write_rejected(con, ISSUES, source, target, RAGGED)
        _refuse_empty(con, workspace, table, result, options)
        result.warnings = rules.warnings(con, table, set(plan.sources)) + links.warnings
        result.warnings += _stage_warnings(builder)
        before: list[Write] = [relink_placeholder_accounts] if table.name == "accounts" else []
        before += links.before_load
        after = [*links.after_load, *_stage_map_writes(workspace, table, plan, builder)]
        report("loading")
        _store(backend, con, table, options, result, before, after, report, actor)
    except CommitInterrupted:
        raise ImportInterrupted(result, committed=True) from None
    except (KeyboardInterrupt, duckdb.InterruptException):
        raise ImportInterrupted(result, committed=False) from None
    finally:
        _drop_temporaries(con, source)
    return result


def _store(
    backend: Backend,
    con: duckdb.DuckDBPyConnection,
    table: Table,
    options: ImportOptions,
    result: ImportResult,
    before: list[Write],
    after: list[Write],
    report: Step,
    actor: Actor,
) -> None:
    """One transaction: the writes that must come first, the rows, the writes that follow,
    and the audit entry."""
    with backend.transaction():
        notes = [note for write in before if (note := write(backend, con))]
        loaded = backend.load(table, con, VALID, options.mode, [t(c) for c in table.column_names])
        notes += [note for write in after if (note := write(backend, con))]
        result.inserted, result.replaced, result.removed = (
            loaded.inserted,
            loaded.replaced,
            loaded.removed,
        )
        result.notes += notes
        record_import(backend, table.name, result.file.name, result.stored)
        audit.record(backend, actor.name, "import", _audit_detail(result, options), actor.client)
        report("committing")


def _drop_temporaries(con: duckdb.DuckDBPyConnection, source: Source | None) -> None:
    con.execute(f"DROP VIEW IF EXISTS {VALID}")
    for name in TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    drop_raw(con)
    if source is not None:
        source.cleanup()


def _check_options(con: duckdb.DuckDBPyConnection, options: ImportOptions) -> None:
    fmt = options.date_format
    if options.decimal is not None and options.decimal not in (".", ","):
        raise UserError(f"--decimal must be '.' or ',', not {options.decimal!r}.")
    if options.header_row is not None and options.header_row < 1:
        raise UserError("--header-row counts lines from 1.")
    if options.skip_rows < 0:
        raise UserError("--skip-rows must be 0 or more.")
    if options.header_row is not None and options.skip_rows:
        raise UserError("Pass --header-row or --skip-rows, not both.")
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


def _notes(result: ImportResult, plan: ColumnPlan, source: Source) -> None:
    unit = "row" if source.kind == "xlsx" else "line"
    if source.skipped:
        result.notes.append(
            f"skipped {source.skipped} title {unit}(s) above the header on {unit} "
            f"{source.header_line}"
        )
    if source.footer is not None:
        f = source.footer
        result.notes.append(
            f"ignored the report footer on {unit}s {f.first_line}-{f.last_line} ({f.sample!r} …)"
        )
    if plan.ignored:
        result.notes.append(
            f"ignored columns not in {result.table}: " + ", ".join(repr(h) for h in plan.ignored)
        )
    for duplicate in plan.duplicates:
        result.notes.append(f"ignored column {duplicate}")
    if plan.status_from_stage and "status" not in plan.origins:
        result.notes.append("status: read from each row's stage (see `salesmetrics stages`)")


def _link(con: duckdb.DuckDBPyConnection, table: Table, plan: ColumnPlan) -> Links:
    links = Links()
    link_owners(con, table, links)
    if "account_name" in plan.links and "account_id" in table.column_names:
        link_accounts(con, table, links)
    if table.name in ("opportunities", "leads"):
        link_converted_leads(con, table, links)
    return links


def _collect_issues(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    source: Source,
    plan: ColumnPlan,
    builder: StageBuilder,
    base_currency: str,
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
    for issue in builder.profile.conflicts:
        con.execute(f"INSERT INTO {ISSUES} VALUES (?, ?, ?, ?, ?)", list(issue))
    _ragged_issues(con, source)
    if builder.profile.conflicts:  # values read in a locale the file contradicts say nothing
        return
    selects = _value_issues(con, table, plan, options.date_format)
    selects += _currency_issues(con, table, plan, base_currency)
    if not plan.missing:
        selects += rules.row_rules(con, table)
    for select in selects:
        con.execute(f"INSERT INTO {ISSUES} {select}")


def _ragged_issues(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    """Records with the wrong number of fields: one issue each, and their fields for the
    rejected-rows file."""
    width = len(source.headers)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {RAGGED} (__line BIGINT, "
        + ", ".join(f"c{i} VARCHAR" for i in range(width))
        + ")"
    )
    for record in source.ragged:
        text = source.delimiter.join(record.fields)
        fields: list[str | None] = list(record.fields[:width]) + [None] * (
            width - len(record.fields)
        )
        if len(record.fields) > width:  # nothing is cut: the extra fields stay in the last
            fields[-1] = source.delimiter.join(record.fields[width - 1 :])
        con.execute(
            f"INSERT INTO {ISSUES} VALUES (?, '(row)', ?, ?, ?)",
            [
                record.line,
                text[:200],
                f"{len(record.fields)} fields where the header has {width}",
                "a value holding the delimiter needs quotes; check this line of the export",
            ],
        )
        con.execute(
            f"INSERT INTO {RAGGED} VALUES ({', '.join('?' * (width + 1))})", [record.line, *fields]
        )


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
        f"JOIN ({texts_sql(plan, links=False)}) USING (__line) WHERE {any_bad}"
    )
    selects = []
    for column in mapped:
        reason, hint = describe_sql(column, e(column.name), r(column.name), date_format)
        where = f"{e(column.name)} IS NOT NULL"
        selects.append(
            rules.issue_select(column.name, r(column.name), reason, hint, where, BAD_ROWS)
        )
    return selects


def _currency_issues(
    con: duckdb.DuckDBPyConnection, table: Table, plan: ColumnPlan, base_currency: str
) -> list[str]:
    """Amounts whose own currency disagrees with the row's (or the base) currency."""
    money = money_columns(table, plan)
    if not money:
        return []
    written = " OR ".join(f"{k(m)} IS NOT NULL" for m in money)
    if not _scalar(con, f"SELECT count(*) FROM {STAGE} WHERE {written}"):
        return []
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {BAD_CURRENCY_ROWS} AS SELECT * FROM {STAGE} "
        f"JOIN ({texts_sql(plan, links=False)}) USING (__line) WHERE {written}"
    )
    return rules.currency_rules(table, money, base_currency, "currency" in plan.sources)


def _first_issues(con: duckdb.DuckDBPyConnection, source: Source) -> list[Issue]:
    rows = con.execute(
        f"SELECT line, column_name, value, reason, hint FROM {ISSUES} "
        f"ORDER BY line NULLS FIRST, column_name LIMIT {SHOWN_ISSUES}"
    ).fetchall()
    return [Issue(source.path.name, *row) for row in rows]


def _problems(con: duckdb.DuckDBPyConnection) -> list[Problem]:
    """The issues grouped by kind: each reported once with its count and first lines."""
    rows = con.execute(
        f"SELECT column_name, reason, coalesce(hint, ''), count(*), "
        f"list(line ORDER BY line NULLS FIRST)[1:{PROBLEM_LINES}], arg_min(value, line) "
        f"FROM {ISSUES} GROUP BY 1, 2, 3 ORDER BY min(line) NULLS FIRST, 1, 2"
    ).fetchall()
    return [
        Problem(col, reason, hint, int(n), tuple(x for x in lines if x is not None), value)
        for col, reason, hint, n, lines, value in rows
    ]


def _refuse_empty(
    con: duckdb.DuckDBPyConnection,
    workspace: Workspace,
    table: Table,
    result: ImportResult,
    options: ImportOptions,
) -> None:
    """Every row rejected is a failure; a replace that would empty the table needs consent."""
    valid = _scalar(con, f"SELECT count(*) FROM {VALID}")
    file = result.file.name
    if result.rows_read and not valid:
        written = f" Rows and reasons: {result.rejected_file}." if result.rejected_file else ""
        raise ImportFailed(
            result,
            f"Every row of {file} was rejected ({result.issue_count} problem(s)); nothing was "
            f"imported into {table.name}.{written}",
        )
    if not valid and options.mode == "replace" and not options.allow_empty:
        held = workspace.row_count(table.name)
        raise UserError(
            f"{file} holds no data rows: --mode replace would empty {table.name} (it holds "
            f"{held} rows). Nothing was changed; pass --allow-empty to empty it on purpose."
        )
    if not valid:
        result.notes.append(f"{file} holds no data rows; nothing to import")


def _stage_warnings(builder: StageBuilder) -> list[Finding]:
    unknown = builder.stages.assumed_open
    if not unknown:
        return []
    rows = sum(n for _, n in unknown)
    return [
        Finding(
            "stage(s) not recognised as closed were stored as open; if one is a closed stage, "
            "run `salesmetrics stages set 'STAGE' --status won` (or lost)",
            rows,
            tuple(f"{name!r} ({n})" for name, n in unknown[:5]),
        )
    ]


def _stage_map_writes(
    workspace: Workspace, table: Table, plan: ColumnPlan, builder: StageBuilder
) -> list[Write]:
    """Record the file's stages in the workspace's stage map, with the import."""
    if table.name not in ("opportunities", "opportunity_history") or "stage" not in plan.sources:
        return []
    explicit = not plan.status_from_stage or builder.flags is not None

    def write(backend: Backend, con: duckdb.DuckDBPyConnection) -> str | None:
        current = dict(workspace.get_setting("stages") or {})
        new = {k: v for k, v in builder.stages.learnt.items() if k not in current}
        taught = learn_from_rows(con, VALID, current) if explicit else {}
        if not new and not taught:
            return None
        workspace.set_setting("stages", {**current, **new, **taught})
        if taught:
            shown = ", ".join(f"{v['name']} = {v['status']}" for v in list(taught.values())[:4])
            return f"stages: learnt {len(taught)} stage status(es) from the rows ({shown})"
        return None

    return [write]


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
