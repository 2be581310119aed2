"""`salesmetrics insights`, `changes`, `why` and `pace`: what changed, why, and what to do."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from salesmetrics.cli.app import WaitOption, WorkspaceOption, app, console
from salesmetrics.workspace import Workspace


class Format(StrEnum):
    table = "table"
    json = "json"


class Versus(StrEnum):
    previous = "previous"
    year = "year"


PeriodOption = Annotated[str | None, typer.Option(
    help="2025-Q3, 2025-07, 2025, last-quarter, this-month … (default: the last whole "
    "quarter); a period still running is compared over the same days.",
)]  # fmt: skip
VsOption = Annotated[Versus, typer.Option("--vs", case_sensitive=False,
                     help="Compare with the previous period or a year earlier.")]  # fmt: skip
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Today, for the data (YYYY-MM-DD).")
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", case_sensitive=False, help="table or json.")
]


def _day(as_of: str | None) -> dt.date:
    from salesmetrics.engine.request import parse_date

    return parse_date(as_of, "--as-of") or dt.date.today()


def _findings(title: str, findings: list[Any]) -> None:
    view = Table("kind", "finding", "link", title=title, show_lines=False)
    for f in findings:
        view.add_row(f.kind, escape(f.title), escape(f.link))
    console.print(view)


@app.command("insights")
def insights_cmd(
    period: PeriodOption = None,
    vs: VsOption = Versus.previous,
    as_of: AsOfOption = None,
    top: Annotated[int, typer.Option(min=1, help="Findings in the summary.")] = 10,
    format: FormatOption = Format.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Everything insights say about a period: alerts, what changed and why, reps who stand
    out, slow ramps, optimistic pipelines, pace, and what to do."""
    from salesmetrics.insights.report import insights

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        report = insights(ws, period, _day(as_of), vs.value)
    if format is Format.json:
        print(json.dumps(report.document(top), default=str))
        return
    label = f"{report.current.first} to {report.current.last} against {report.compared.first} "
    _findings(f"Insights, {label}to {report.compared.last}", report.top(top))
    for why in report.why:
        _why_table(why)
    actions = report.sections.get("action", [])
    if actions:
        view = Table("what to do", "because", "records to open", title="What to do")
        for a in actions:
            view.add_row(escape(a.title), escape(a.numbers.get("because", "")),
                         escape(", ".join(a.records[:5])))  # fmt: skip
        console.print(view)
    for warning in report.warnings:
        console.print(f"[yellow]note:[/] {escape(warning)}", highlight=False)


@app.command("changes")
def changes_cmd(
    period: PeriodOption = None,
    vs: VsOption = Versus.previous,
    as_of: AsOfOption = None,
    kpi: Annotated[list[str] | None, typer.Option(help="Only these KPIs (repeatable).")] = None,
    top: Annotated[int, typer.Option(min=1, help="Changes to list.")] = 20,
    format: FormatOption = Format.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """The slices whose change is largest and statistically significant (every dimension of
    the headline KPIs; Benjamini-Hochberg over all the slices scanned)."""
    from salesmetrics.insights.changes import scan
    from salesmetrics.insights.report import windows

    day = _day(as_of)
    with Workspace(workspace, read_only=True, wait=wait) as ws:
        current, compared = windows(ws, period, day, vs.value)
        found = scan(ws, current, compared, day, kpi, top)
    if format is Format.json:
        print(json.dumps(found.document(), default=str))
        return
    _findings(f"What changed, {current.first} to {current.last} against {compared.first} to "
              f"{compared.last} ({found.tested} slices tested)", found.findings)  # fmt: skip
    if not found.findings:
        console.print("No change is significant at a 5 % false discovery rate.")


def _why_table(doc: dict[str, Any]) -> None:
    view = Table(doc["dimension"], "before", "after", "contribution", "rate", "mix",
                 title=f"Why {doc['kpi']} moved {doc['before']:,.4g} → {doc['after']:,.4g} "
                 f"({doc['change']:+,.4g}), by {doc['dimension']}")  # fmt: skip

    def num(value: Any) -> str:
        return "" if value is None else f"{value:+,.4g}" if isinstance(value, float) else str(value)

    for p in doc["parts"]:
        view.add_row(escape(str(p["slice"] if p["slice"] is not None else "(empty)")),
                     "" if p["before"] is None else f"{p['before']:,.4g}",
                     "" if p["after"] is None else f"{p['after']:,.4g}",
                     num(p["contribution"]), num(p["rate"]), num(p["mix"]))  # fmt: skip
    console.print(view)
    total = sum(p["contribution"] for p in doc["parts"])
    rest = "" if doc["exact"] else " (with the unattributed rest)"
    console.print(f"The contributions add up to {total:+,.6g} = the change "
                  f"({doc['change']:+,.6g}){rest}.", highlight=False)  # fmt: skip


@app.command("why")
def why_cmd(
    kpi: Annotated[str, typer.Argument(help="The KPI whose change to explain.")],
    period: PeriodOption = None,
    vs: VsOption = Versus.previous,
    as_of: AsOfOption = None,
    by: Annotated[
        str | None,
        typer.Option(
            help="Split by this dimension (default: the one whose biggest slice explains most)."
        ),
    ] = None,
    format: FormatOption = Format.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """A KPI's change split into its slices' contributions (rate and mix for ratios), adding
    up exactly to the change."""
    from salesmetrics.insights.report import windows
    from salesmetrics.insights.why import explain_change

    day = _day(as_of)
    with Workspace(workspace, read_only=True, wait=wait) as ws:
        current, compared = windows(ws, period, day, vs.value)
        found = explain_change(ws, kpi, current, compared, day, by)
    doc = found.document()
    if format is Format.json:
        print(json.dumps(doc, default=str))
        return
    _why_table(doc)


@app.command("pace")
def pace_cmd(
    by: Annotated[str, typer.Option(help="team or rep.")] = "team",
    as_of: AsOfOption = None,
    format: FormatOption = Format.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Where each team (or rep) will land this quarter: at its pace so far and with its
    pipeline's forecast, against quota."""
    from salesmetrics.errors import UserError
    from salesmetrics.insights.pace import pace
    from salesmetrics.insights.periods import running

    if by not in ("team", "rep"):
        raise UserError(f"--by must be team or rep, not {by!r}.")
    day = _day(as_of)
    with Workspace(workspace, read_only=True, wait=wait) as ws:
        window = running(day, "quarter", int(ws.get_setting("fiscal_year_start_month")))
        result = pace(ws, window, day, by)
    if format is Format.json:
        print(json.dumps(result.document(), default=str))
        return
    view = Table(by, "won so far", "quota", "at this pace", "%", "forecast", "80 % range", "%",
                 title=f"Pace of {window.first} to {window.last} on {result.as_of}")  # fmt: skip

    def money(value: Any) -> str:
        return "" if value is None else f"{value:,.0f}"

    def pct(value: Any) -> str:
        return "" if value is None else f"{value:.0f} %"

    for r in result.rows:
        view.add_row(escape(str(r[by])), money(r["won_so_far"]), money(r["quota"]),
                     money(r["pace_projection"]), pct(r["pace_pct"]), money(r["forecast"]),
                     f"{money(r['forecast_low'])}–{money(r['forecast_high'])}",
                     pct(r["forecast_pct"]))  # fmt: skip
    console.print(view)
