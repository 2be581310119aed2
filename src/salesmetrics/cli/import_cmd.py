"""`salesmetrics import TABLE FILE`: load a CSV, Excel or Parquet file into a table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from salesmetrics.cli.app import WaitOption, WorkspaceOption, app, console, err_console
from salesmetrics.ingest import ImportFailed, ImportOptions, ImportResult, import_file
from salesmetrics.ingest.importer import Step
from salesmetrics.ingest.report import Problem
from salesmetrics.workspace import Workspace

#: Files at least this large show progress (they take more than a second or two).
PROGRESS_BYTES = 2_000_000
STAGES = ("reading", "checking", "loading", "committing")


class ModeChoice(StrEnum):
    UPSERT = "upsert"
    REPLACE = "replace"


@app.command("import")
def import_cmd(
    table: Annotated[str, typer.Argument(help="Canonical table, e.g. opportunities.")],
    file: Annotated[Path, typer.Argument(help="A .csv, .xlsx or .parquet file.")],
    preset: Annotated[
        str | None, typer.Option(help="CRM export preset: salesforce or hubspot.")
    ] = None,
    mode: Annotated[
        ModeChoice,
        typer.Option(
            case_sensitive=False,
            help="upsert: insert or replace rows by key; replace: whole table.",
        ),
    ] = ModeChoice.UPSERT,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Store the valid rows, write rejected ones.")
    ] = False,
    errors_file: Annotated[
        Path | None, typer.Option(help="Write every problem (or rejected row) to this CSV.")
    ] = None,
    date_format: Annotated[
        str | None, typer.Option(help="strftime format of non-ISO dates, e.g. %d/%m/%Y.")
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="Excel sheet (default: the first).")] = None,
    decimal: Annotated[
        str | None,
        typer.Option(help="Decimal mark of numbers: '.' or ',' (default: the file decides)."),
    ] = None,
    header_row: Annotated[
        int | None,
        typer.Option(help="Line (sheet row) of the header (default: found by column names)."),
    ] = None,
    skip_rows: Annotated[
        int, typer.Option(help="Lines (sheet rows) above the header to skip.")
    ] = 0,
    allow_empty: Annotated[
        bool,
        typer.Option("--allow-empty", help="Let --mode replace with no data rows empty the table."),
    ] = False,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Import a file into a canonical table; strict: any invalid row stores nothing."""
    options = ImportOptions(
        preset=preset,
        mode="replace" if mode is ModeChoice.REPLACE else "upsert",
        skip_invalid=skip_invalid,
        errors_file=errors_file,
        date_format=date_format,
        sheet=sheet,
        decimal=decimal,
        header_row=header_row,
        skip_rows=skip_rows,
        allow_empty=allow_empty,
    )
    with Workspace(workspace, wait=wait) as ws, _progress(file) as step:
        try:
            result = import_file(ws, table, file, options, step)
        except ImportFailed as failure:
            _print_notes(failure.result)
            _print_problems(failure.result.problems, failure.issue_count)
            raise
    _print_result(result)


@contextmanager
def _progress(file: Path) -> Iterator[Step]:
    """Stage-by-stage progress for big files: a bar on a terminal, plain lines otherwise."""
    try:
        big = file.stat().st_size >= PROGRESS_BYTES
    except OSError:
        big = False
    if not big:
        yield lambda _stage: None
        return
    if not console.is_terminal:

        def plain(stage: str) -> None:
            console.print(f"{stage} {file.name}…", highlight=False)

        yield plain
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(f"importing {file.name}", total=len(STAGES))

        def advance(stage: str) -> None:
            done = STAGES.index(stage) if stage in STAGES else 0
            bar.update(task, completed=done, description=f"{stage} {file.name}")

        yield advance


def _print_problems(problems: list[Problem], total: int) -> None:
    """Each kind of problem once: where, what, how many rows, the first lines, how to fix."""
    grid = RichTable(title=f"{total} problem(s)", title_justify="left")
    for name in ("column", "problem", "rows", "lines", "example", "how to fix"):
        grid.add_column(name, overflow="fold")
    for p in problems:
        lines = ", ".join(str(n) for n in p.lines) + (", …" if p.count > len(p.lines) else "")
        grid.add_row(
            escape(p.column),
            escape(p.reason),
            f"{p.count:,}",
            lines,
            "" if p.example is None else escape(p.example),
            escape(p.hint),
        )
    err_console.print(grid)
    err_console.print(
        "--errors-file F.csv writes every problem, one per line.", highlight=False, style="dim"
    )


def _print_notes(result: ImportResult) -> None:
    for note in result.notes:
        err_console.print(f"[dim]note:[/] {escape(note)}", highlight=False)


def _print_result(result: ImportResult) -> None:
    for note in result.notes:
        console.print(f"[dim]note:[/] {escape(note)}", highlight=False)
    for finding in result.warnings:
        console.print(f"[yellow]warning:[/] {escape(str(finding))}", highlight=False)
    if result.removed:
        console.print(f"Removed the {result.removed} rows {result.table} held (--mode replace).")
    console.print(
        f"Imported {result.file.name} into [bold]{result.table}[/]: "
        f"{result.inserted} rows inserted, {result.replaced} replaced.",
        highlight=False,
    )
    if result.rejected:
        console.print(
            f"Stored {result.stored} rows, rejected {result.rejected} "
            f"(rows and reasons written to {result.rejected_file}).",
            highlight=False,
        )
