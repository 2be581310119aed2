"""`salesmetrics kpis`: the catalog (built-in and the workspace's own KPIs), the measures a
custom KPI may name, and `kpis define FILE` / `kpis remove ID`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from salesmetrics.cli.app import WaitOption, WorkspaceOption, console
from salesmetrics.cli.kpi_cmds import ListFormat

if TYPE_CHECKING:
    from salesmetrics.catalog.model import Kpi

kpis_app = typer.Typer(
    help="The KPI catalog; define and remove the workspace's own KPIs.",
    invoke_without_command=True,
    no_args_is_help=False,
)


def _custom_kpis(workspace: str | None, wait: float) -> list[Kpi]:
    """The custom KPIs of the workspace, when there is one (the catalog needs none)."""
    from salesmetrics.engine.custom import workspace_kpis
    from salesmetrics.workspace import Workspace, resolve_location

    location = resolve_location(workspace)
    is_file = "://" not in location and not location.startswith("spark:")
    if workspace is None and is_file and not Path(location).exists():
        return []
    with Workspace(workspace, read_only=True, wait=wait) as ws:
        return list(workspace_kpis(ws).values())


@kpis_app.callback()
def kpis_list(
    ctx: typer.Context,
    format: Annotated[
        ListFormat, typer.Option("--format", "-f", case_sensitive=False, help="table or json.")
    ] = ListFormat.table,
    measures: Annotated[
        bool, typer.Option("--measures", help="List the measures a custom KPI may name.")
    ] = False,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """List the KPI catalog: id, label, unit, category, formula, benchmark (custom KPIs last)."""
    if ctx.invoked_subcommand:
        return
    if measures:
        _print_measures(format)
        return
    from salesmetrics.catalog import all_kpis

    kpis = [*all_kpis(), *_custom_kpis(workspace, wait)]
    if format is ListFormat.json:
        from salesmetrics.insights.benchmarks import catalog_entry

        # benchmark: the spec's text; benchmark_data: the same as ranges (insights.benchmarks)
        entries = [{**k.as_dict(), "benchmark_data": catalog_entry(k.id)} for k in kpis]
        print(json.dumps(entries, indent=2, ensure_ascii=False))
        return
    table = Table("id", "label", "unit", "category", "formula", "benchmark", title="KPI catalog")
    for k in kpis:
        label = f"{k.label} (custom)" if k.custom else k.label
        table.add_row(
            k.id, escape(label), k.unit.value, k.category, escape(k.formula), k.benchmark or ""
        )
    console.print(table)


def _print_measures(format: ListFormat) -> None:
    from salesmetrics.engine.custom import measure_uses

    uses = sorted(measure_uses().values(), key=lambda u: u.name)
    if format is ListFormat.json:
        rows = [
            {
                "measure": u.name,
                "kind": u.kind.value,
                "counts": u.counts,
                "money": u.money,
                "anchor": u.anchor,
                "dimensions": list(u.dimensions),
                "fields": list(u.fields),
            }
            for u in uses
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("measure", "is", "kind", "dimensions", "fields", title="Measures of custom KPIs")
    for u in uses:
        what = "count" if u.counts else ("money" if u.money else "value")
        table.add_row(u.name, what, u.kind.value, ", ".join(u.dimensions), ", ".join(u.fields))
    console.print(table)


@kpis_app.command("define")
def kpis_define(
    file: Annotated[Path, typer.Argument(help="A TOML file of [[kpi]] definitions.")],
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Check the KPI definitions of FILE and store them in the workspace (all or nothing)."""
    from salesmetrics.catalog.custom import parse_toml
    from salesmetrics.engine.custom import define
    from salesmetrics.errors import UserError
    from salesmetrics.workspace import Workspace

    if not file.is_file():
        raise UserError(f"{file} does not exist; pass a TOML file of [[kpi]] definitions.")
    tables = parse_toml(file.read_text(encoding="utf-8"), str(file))
    with Workspace(workspace, wait=wait) as ws:
        kpis = define(ws, tables)
    for kpi in kpis:
        console.print(f"defined [bold]{kpi.id}[/]: {escape(kpi.formula)}", highlight=False)


@kpis_app.command("remove")
def kpis_remove(
    kpi_id: Annotated[str, typer.Argument(help="The id of a custom KPI.")],
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Forget one of the workspace's custom KPIs."""
    from salesmetrics.engine.custom import remove
    from salesmetrics.workspace import Workspace

    with Workspace(workspace, wait=wait) as ws:
        remove(ws, kpi_id)
    console.print(f"removed {kpi_id}")
