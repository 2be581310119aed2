"""`salesmetrics alerts`: rules that watch KPIs, and running them (once per new condition)."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from salesmetrics.cli.app import WaitOption, WorkspaceOption, console
from salesmetrics.workspace import Workspace

alerts_app = typer.Typer(help="Alert rules on KPIs: add, list, remove, run.", no_args_is_help=True)


class Format(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", case_sensitive=False, help="table or json.")
]


WHEN_HELP = (
    "below, above, below_target, off_benchmark, change_previous, change_year, "
    "outside_expected, below_pace or coverage_below."
)


def _parse_where(items: list[str] | None) -> dict[str, list[str]]:
    from salesmetrics.errors import UserError

    where: dict[str, list[str]] = {}
    for item in items or []:
        if "=" not in item:
            raise UserError(f"--where expects DIM=VALUE, got {item!r}.")
        dim, value = (p.strip() for p in item.split("=", 1))
        where.setdefault(dim.lower(), []).append(value)
    return where


@alerts_app.command("add")
def alerts_add(
    kpi: Annotated[str, typer.Argument(help="KPI id (or pipeline_coverage).")],
    when: Annotated[str, typer.Option("--when", help=WHEN_HELP)],
    value: Annotated[float | None, typer.Option(help="The level, margin (%) or points.")] = None,
    grain: Annotated[str, typer.Option(help="week, month, quarter or year.")] = "month",
    by: Annotated[list[str] | None, typer.Option(help="Watch each slice of DIM.")] = None,
    where: Annotated[list[str] | None, typer.Option(help="Keep DIM=VALUE only.")] = None,
    name: Annotated[str | None, typer.Option("--id", help="The rule's id.")] = None,
    note: Annotated[str, typer.Option(help="Why the rule matters (shown with it).")] = "",
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Store an alert rule."""
    from salesmetrics.insights.alerts import Rule, add_rule

    rule_id = name or f"{kpi}-{when}".replace("_", "-").lower()
    rule = Rule(rule_id, kpi.strip().lower(), when.strip().lower(), value, grain.strip().lower(),
                tuple(d.strip().lower() for d in by or []), _parse_where(where), note)  # fmt: skip
    with Workspace(workspace, wait=wait) as ws:
        stored = add_rule(ws, rule)
    console.print(f"Alert {stored.id}: {escape(stored.describe())}.", highlight=False)


@alerts_app.command("list")
def alerts_list(format: FormatOption = Format.table, workspace: WorkspaceOption = None,
                wait: WaitOption = 0.0) -> None:  # fmt: skip
    """Every rule, and how many of its conditions are firing now."""
    from salesmetrics.insights.alerts import all_rules
    from salesmetrics.insights.firing import firings

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        rules = all_rules(ws)
        firing = firings(ws, "firing")
    counts = {r.id: sum(1 for f in firing if f["rule"] == r.id) for r in rules}
    if format is Format.json:
        data = [{**r.as_dict(), "firing": counts[r.id]} for r in rules]
        print(json.dumps({"data": data, "count": len(data)}))
        return
    view = Table("id", "rule", "firing", title="Alert rules")
    for r in rules:
        view.add_row(r.id, escape(r.describe()), str(counts[r.id]))
    console.print(view)


@alerts_app.command("remove")
def alerts_remove(rule_id: Annotated[str, typer.Argument(help="The rule's id.")],
                  workspace: WorkspaceOption = None, wait: WaitOption = 0.0) -> None:  # fmt: skip
    """Remove a rule."""
    from salesmetrics.insights.alerts import remove_rule

    with Workspace(workspace, wait=wait) as ws:
        remove_rule(ws, rule_id)
    console.print(f"Alert {rule_id} removed.", highlight=False)


@alerts_app.command("defaults")
def alerts_defaults(workspace: WorkspaceOption = None, wait: WaitOption = 0.0) -> None:
    """Add the default rules a workspace does not hold yet."""
    from salesmetrics.insights.alerts import add_defaults

    with Workspace(workspace, wait=wait) as ws:
        added = add_defaults(ws)
    console.print(f"{len(added)} default rule(s) added: {', '.join(r.id for r in added) or '-'}.",
                  highlight=False)  # fmt: skip


@alerts_app.command("run")
def alerts_run(
    as_of: Annotated[str | None, typer.Option("--as-of", help="Evaluate on this day.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Store nothing.")] = False,
    format: FormatOption = Format.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Evaluate every rule; print (and store) the conditions that are new since the last run."""
    from salesmetrics.engine.request import parse_date
    from salesmetrics.insights.firing import run_alerts

    day = parse_date(as_of, "--as-of") or dt.date.today()
    with Workspace(workspace, read_only=dry_run, wait=wait) as ws:
        run = run_alerts(ws, day, record=not dry_run)
    if format is Format.json:
        print(json.dumps(run.document(), default=str))
        return
    view = Table("", "rule", "what", title=f"Alerts on {day}")
    for label, items in (("NEW", run.new), ("still", run.ongoing)):
        for rule, finding in items:
            view.add_row(label, rule, escape(finding.title))
    for item in run.resolved:
        view.add_row("resolved", item["rule"], escape(item.get("title", "")))
    console.print(view)
    console.print(f"{len(run.new)} new, {len(run.ongoing)} still firing, {len(run.resolved)} "
                  "resolved.", highlight=False)  # fmt: skip
    for error in run.errors:
        console.print(f"[yellow]not evaluated:[/] {escape(error)}", highlight=False)
