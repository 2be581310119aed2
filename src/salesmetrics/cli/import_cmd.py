"""`salesmetrics import TABLE FILE`: load a CSV, Excel or Parquet file into a table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from salesmetrics.cli.app import WorkspaceOption, app, console, err_console
from salesmetrics.ingest import ImportFailed, ImportOptions, ImportResult, Issue, import_file
from salesmetrics.ingest.importer import Step
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
        typer.Option(help="upsert: insert or replace rows by key; replace: whole table."),
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
    workspace: WorkspaceOption = None,
) -> None:
    """Import a file into a canonical table; strict: any invalid row stores nothing."""
    options = ImportOptions(
        preset=preset,
        mode="replace" if mode is ModeChoice.REPLACE else "upsert",
        skip_invalid=skip_invalid,
        errors_file=errors_file,
        date_format=date_format,
        sheet=sheet,
    )
    with Workspace(workspace) as ws, _progress(file) as step:
        try:
            result = import_file(ws, table, file, options, step)
        except ImportFailed as failure:
            _print_issues(failure.issues, failure.issue_count)
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


def _print_issues(issues: list[Issue], total: int) -> None:
    grid = RichTable(title=f"{total} problem(s)", title_justify="left")
    for name in ("file", "line", "column", "value", "reason", "hint"):
        grid.add_column(name, overflow="fold")
    for issue in issues:
        line = "" if issue.line is None else str(issue.line)
        value = "" if issue.value is None else issue.value
        grid.add_row(issue.file, line, issue.column, value, issue.reason, issue.hint)
    err_console.print(grid)
    if total > len(issues):
        err_console.print(
            f"… and {total - len(issues)} more (--errors-file F.csv writes all of them).",
            highlight=False,
        )


def _print_result(result: ImportResult) -> None:
    for note in result.notes:
        console.print(f"[dim]note:[/] {note}", highlight=False)
    for finding in result.warnings:
        console.print(f"[yellow]warning:[/] {finding}", highlight=False)
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
