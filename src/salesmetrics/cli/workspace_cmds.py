"""`salesmetrics init` and `salesmetrics settings`."""

from __future__ import annotations

from typing import Annotated

import typer

from salesmetrics.cli.app import WaitOption, WorkspaceOption, app, console
from salesmetrics.schema import ALL_TABLES
from salesmetrics.workspace import Workspace


@app.command()
def init(workspace: WorkspaceOption = None, wait: WaitOption = 0.0) -> None:
    """Create a workspace holding every canonical table (or bring an existing one up to
    date: its tables, and what it keeps for the pipeline and MRR KPIs)."""
    from salesmetrics.engine import kept
    from salesmetrics.insights.alerts import add_defaults

    with Workspace(workspace, create=True, wait=wait) as ws:
        for change in ws.migrations:
            console.print(f"  {change}")
        has_data = ws.row_count("opportunities") or ws.row_count("subscriptions")
        if has_data and kept.refresh(ws):
            console.print("  kept tables rebuilt: deal states and account months")
        added = add_defaults(ws)
        console.print(f"Workspace [bold]{ws.display}[/] ready with {len(ALL_TABLES)} tables.")
        if added:
            console.print(f"{len(added)} default alert rules added (salesmetrics alerts list).",
                          style="dim")  # fmt: skip


@app.command("settings")
def settings_cmd(
    assignments: Annotated[
        list[str] | None, typer.Argument(help="NAME=VALUE pairs to store; none = list them.")
    ] = None,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Show or change workspace settings (base_currency, fiscal_year_start_month, …)."""
    from salesmetrics.errors import UserError

    with Workspace(workspace, read_only=not assignments, wait=wait) as ws:
        for item in assignments or []:
            if "=" not in item:
                raise UserError(f"Expected NAME=VALUE, got {item!r}.")
            name, value = item.split("=", 1)
            ws.set_setting(name.strip(), value.strip())
        for name, value in ws.settings.items():
            console.print(f"{name} = {value!r}")
