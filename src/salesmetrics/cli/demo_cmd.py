"""`salesmetrics demo`: build the demo company into a workspace."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from salesmetrics.cli.app import WorkspaceOption, app, console
from salesmetrics.errors import UserError
from salesmetrics.schema import ALL_TABLES
from salesmetrics.workspace import resolve_location


def _parse_start(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise UserError(f"--start must be a date like 2023-01-01, not {value!r}.") from None


@app.command()
def demo(
    workspace: WorkspaceOption = None,
    scale: Annotated[
        str, typer.Option(help="small (~2,000 deals), medium (~50,000) or large (~1,000,000).")
    ] = "small",
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same data.")] = 42,
    start: Annotated[
        str | None,
        typer.Option(
            help="First month of a 36-month history (YYYY-MM-DD). "
            "Default: 36 months ago, through yesterday.",
            show_default=False,
        ),
    ] = None,
    stories: Annotated[
        bool,
        typer.Option(
            "--stories/--no-stories",
            help="Plant the stories insights should find (--no-stories: the same company "
            "without them).",
        ),
    ] = True,
) -> None:
    """Build a realistic demo company (three years of CRM, billing and marketing data)."""
    from salesmetrics.demo import SCALES, build_demo

    path = resolve_location(workspace)
    first = _parse_start(start)
    columns = (
        TextColumn("{task.description:<22}"),
        BarColumn(),
        TextColumn("{task.fields[rows]:>12,} rows"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        tasks = {
            t.name: progress.add_task(t.name, total=1, rows=0, visible=False) for t in ALL_TABLES
        }

        expected = {"activities": SCALES[scale].activities} if scale in SCALES else {}

        def report(table: str, rows: int, done: bool) -> None:
            total = max(rows, 1) if done else max(expected.get(table, rows * 2), rows + 1)
            progress.update(
                tasks[table], visible=True, rows=rows, total=total, completed=rows if rows else done
            )

        summary = build_demo(path, scale=scale, seed=seed, start=first, progress=report,
                             stories=stories)  # fmt: skip

    table = Table(title=f"Demo company in {summary.path}")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in summary.rows.items():
        table.add_row(name, f"{rows:,}")
    table.add_row("[bold]total[/]", f"[bold]{sum(summary.rows.values()):,}[/]")
    console.print(table)
    console.print(
        f"Scale {summary.scale}, seed {summary.seed}, history {summary.start} to "
        f"{summary.end}; built in {summary.seconds:.1f} s."
    )
