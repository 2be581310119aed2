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
