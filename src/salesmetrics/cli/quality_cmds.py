"""`salesmetrics tables` and `salesmetrics check`: what a workspace holds and its data quality."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table as RichTable

from salesmetrics.cli.app import WaitOption, WorkspaceOption, app, console
from salesmetrics.quality import Finding, TableSummary, run_checks, table_overview
from salesmetrics.workspace import Workspace


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class FailOn(StrEnum):
    never = "never"
    warning = "warning"
    info = "info"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format", "-f", case_sensitive=False, help="table (readable) or json (for scripts)."
    ),
]


def _open(workspace: str | None, wait: float) -> Workspace:
    """Open the workspace for reading only: these commands never write."""
    return Workspace(workspace, read_only=True, wait=wait)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2))


@app.command()
def tables(
    workspace: WorkspaceOption = None,
    output: FormatOption = OutputFormat.table,
    wait: WaitOption = 0.0,
) -> None:
    """Row count and date range of every canonical table."""
    with _open(workspace, wait) as ws:
        summaries = table_overview(ws)
        path = ws.display
    if output is OutputFormat.json:
        _print_json([s.to_dict() for s in summaries])
        return
    console.print(_tables_view(summaries, str(path)))


def _tables_view(summaries: list[TableSummary], path: str) -> RichTable:
    view = RichTable(title=f"Tables in {escape(path)}", title_justify="left")
    view.add_column("table", style="bold")
    view.add_column("rows", justify="right")
    view.add_column("date column")
    view.add_column("from")
    view.add_column("to")
    for summary in summaries:
        style = "dim" if summary.rows == 0 else ""
        for i, span in enumerate(summary.ranges or [None]):
            view.add_row(
                summary.table if i == 0 else "",
                f"{summary.rows:,}" if i == 0 else "",
                span.column if span else "",
                str(span.first or "-") if span else "",
                str(span.last or "-") if span else "",
                style=style,
            )
    return view


@app.command()
def check(
    workspace: WorkspaceOption = None,
    output: FormatOption = OutputFormat.table,
    examples: Annotated[
        int, typer.Option("--examples", "-n", min=0, help="Example ids shown per finding.")
    ] = 5,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            case_sensitive=False,
            help="Exit 1 when a check of this severity or worse finds rows "
            "(warning: any warning; info: any finding). Default: always exit 0.",
        ),
    ] = FailOn.never,
    wait: WaitOption = 0.0,
) -> None:
    """Data-quality report: every check, the rows it flags, examples and how to fix them."""
    with _open(workspace, wait) as ws:
        findings = run_checks(ws, examples=examples)
    if output is OutputFormat.json:
        _print_json([f.to_dict() for f in findings])
    else:
        _print_report(findings)
    if _fails(findings, fail_on):
        raise typer.Exit(1)


def _fails(findings: list[Finding], fail_on: FailOn) -> bool:
    if fail_on is FailOn.never:
        return False
    severities = {"warning"} if fail_on is FailOn.warning else {"warning", "info"}
    return any(not f.passed and f.severity in severities for f in findings)


SEVERITY_STYLE = {"warning": "yellow", "info": "cyan"}


def _print_report(findings: list[Finding]) -> None:
    """Findings first (warnings before info), then one green line per passed check."""
    failed = sorted((f for f in findings if not f.passed), key=lambda f: f.severity != "warning")
    if failed:
        console.print(_findings_view(failed))
    passed = [f for f in findings if f.passed]
    _print_passed(passed)
    console.print(_summary_line(findings))


def _findings_view(failed: list[Finding]) -> RichTable:
    view = RichTable(title="Data quality findings", title_justify="left")
    view.add_column("severity")
    view.add_column("check", overflow="fold", min_width=24)
    view.add_column("rows", justify="right")
    view.add_column("examples", overflow="fold")
    view.add_column("how to fix")
    for f in failed:
        shown = ", ".join(f.examples)
        if f.examples and f.examples_of != "id":
            shown = f"{f.examples_of}: {shown}"
        view.add_row(
            f"[{SEVERITY_STYLE[f.severity]}]{f.severity}[/]",
            f"{escape(f.title)}\n[dim]{f.check}[/]",
            f"{f.count:,}",
            escape(shown),
            escape(f.hint),
        )
    return view


def _print_passed(passed: list[Finding]) -> None:
    """One green line per check that found nothing."""
    for f in passed:
        console.print(
            f"[green]ok[/]  {escape(f.title)}: none  [dim]{f.check}[/]",
            no_wrap=True,
            overflow="ellipsis",
            highlight=False,
        )


def _summary_line(findings: list[Finding]) -> str:
    passed = sum(f.passed for f in findings)
    warnings = sum(not f.passed and f.severity == "warning" for f in findings)
    infos = sum(not f.passed and f.severity == "info" for f in findings)
    return (
        f"{len(findings)} checks: [green]{passed} passed[/], "
        f"[yellow]{warnings} warning(s)[/], [cyan]{infos} info[/]."
    )
