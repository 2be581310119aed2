"""`salesmetrics stages`: the status and default probability of each deal stage."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from salesmetrics.cli.app import WaitOption, WorkspaceOption, console
from salesmetrics.workspace import Workspace

stages_app = typer.Typer(
    help="Deal stages: which are open, won or lost, and their default win probability.",
    invoke_without_command=True,
    no_args_is_help=False,
)


class Status(StrEnum):
    open = "open"
    won = "won"
    lost = "lost"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


@stages_app.callback()
def stages_list(
    ctx: typer.Context,
    format: Annotated[
        ListFormat, typer.Option("--format", "-f", case_sensitive=False, help="table or json.")
    ] = ListFormat.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """List every stage the workspace knows: status, probability, where it comes from, deals."""
    if ctx.invoked_subcommand is not None:
        return
    from salesmetrics.stage_map import list_stages

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        stages = list_stages(ws)
    if format is ListFormat.json:
        print(json.dumps([s.as_dict() for s in stages], ensure_ascii=False))
        return
    view = Table("stage", "status", "probability", "source", "deals", title="Deal stages")
    for s in stages:
        status = s.status or "open (assumed)"
        probability = "" if s.probability is None else f"{s.probability:g} %"
        view.add_row(escape(s.name), status, probability, s.source, f"{s.deals:,}")
    console.print(view)
    if any(s.source == "assumed open" for s in stages):
        console.print(
            "Stages 'assumed open' were not recognised as closed. If one is a closed stage: "
            "salesmetrics stages set 'NAME' --status won (or lost).",
            highlight=False,
        )


@stages_app.command("set")
def stages_set(
    stage: Annotated[str, typer.Argument(help="The stage name, as the CRM writes it.")],
    status: Annotated[
        Status | None,
        typer.Option(case_sensitive=False, help="open, won or lost."),
    ] = None,
    probability: Annotated[
        float | None,
        typer.Option(min=0, max=100, help="Default win probability (0-100) of open deals."),
    ] = None,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Set a stage's status (stored deals at that stage follow) and default probability."""
    from salesmetrics.errors import UserError
    from salesmetrics.stage_map import set_stage

    if status is None and probability is None:
        raise UserError("Pass --status open|won|lost, --probability P, or both.")
    with Workspace(workspace, wait=wait) as ws:
        changed = set_stage(ws, stage, status.value if status is not None else None, probability)
    shown = []
    if status is not None:
        shown.append(f"status {status.value}")
    if probability is not None:
        shown.append(f"probability {probability:g} %")
    console.print(f"Stage {stage!r}: {', '.join(shown)}.", highlight=False)
    if changed:
        console.print(f"Updated the status of {changed} stored deal(s) at this stage.")


@stages_app.command("order")
def stages_order(
    stages: Annotated[
        list[str] | None,
        typer.Argument(help="Open stages from first to last; none: show the order in use."),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Forget the set order: learn it from the history.")
    ] = False,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Show or set the order of the open stages (stage_conversion's "later stage", the funnel).

    Unset, the order is learnt from opportunity_history: stages by the mean days from a deal's
    creation to entering them."""
    from salesmetrics.engine.stage_changes import learnt_stage_order

    if stages and clear:
        from salesmetrics.errors import UserError

        raise UserError("Pass stage names or --clear, not both.")
    if stages or clear:
        with Workspace(workspace, wait=wait) as ws:
            ws.set_setting("stage_order", [] if clear else stages)
            order = ws.get_setting("stage_order")
        if clear:
            console.print("Stage order cleared: it is learnt from opportunity_history.")
        else:
            console.print("Stage order: " + escape(" → ".join(order)), highlight=False)
        return
    with Workspace(workspace, read_only=True, wait=wait) as ws:
        order = list(ws.get_setting("stage_order") or [])
        learnt = [] if order else learnt_stage_order(ws)
    if order:
        view = Table("#", "stage", title="Stage order (set)")
        for i, name in enumerate(order, 1):
            view.add_row(str(i), escape(name))
    else:
        view = Table("#", "stage", "mean days to enter", title="Stage order (learnt)")
        for i, (name, days) in enumerate(learnt, 1):
            view.add_row(str(i), escape(name), f"{days:,.1f}")
    console.print(view)
    if not order and not learnt:
        console.print("No deal enters an open stage yet: import opportunity_history.")
