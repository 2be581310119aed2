"""`salesmetrics kpis`, `kpi` and `explain`: the catalog, one KPI, and what is behind it."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from salesmetrics.cli.app import WorkspaceOption, app, console, err_console
from salesmetrics.errors import UserError

if TYPE_CHECKING:
    import pandas as pd

GrainOption = Annotated[
    str, typer.Option("--grain", "-g", help="day, week, month, quarter, year or total.")
]
FromOption = Annotated[
    str | None, typer.Option("--from", help="First day, inclusive (default: 12 months back).")
]
ToOption = Annotated[str | None, typer.Option("--to", help="Last day, inclusive (default: as-of).")]
ByOption = Annotated[
    list[str] | None, typer.Option("--by", help="Slice by a dimension; repeatable.")
]
WhereOption = Annotated[
    list[str] | None,
    typer.Option("--where", help="Keep DIM=VALUE only; repeatable; DIM= keeps the empty slice."),
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Evaluation date of cohort KPIs (default: today).")
]


def parse_where(items: list[str] | None) -> dict[str, list[str | None]]:
    """``["team=East", "team=West", "source="]`` -> ``{"team": [...], "source": [None]}``."""
    where: dict[str, list[str | None]] = {}
    for item in items or []:
        if "=" not in item:
            raise UserError(f"--where expects DIM=VALUE, got {item!r}.")
        dim, value = (part.strip() for part in item.split("=", 1))
        where.setdefault(dim, []).append(value or None)
    return where


def _request(
    grain: str,
    start: str | None,
    end: str | None,
    by: list[str] | None,
    where: list[str] | None,
    as_of: str | None,
) -> dict[str, Any]:
    return {
        "grain": grain,
        "start": start,
        "end": end,
        "by": by or [],
        "where": parse_where(where),
        "as_of": as_of,
    }


def _clean(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def result_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame's rows as JSON-ready dicts (dates ISO, NaN as null)."""
    return [{str(k): _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


@app.command("kpis")
def kpis_cmd(
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List the KPI catalog: id, label, unit, category, formula, benchmark."""
    from salesmetrics.catalog import all_kpis

    if format == "json":
        print(json.dumps([k.as_dict() for k in all_kpis()], indent=2, ensure_ascii=False))
        return
    if format != "table":
        raise UserError(f"--format must be table or json, not {format!r}.")
    table = Table("id", "label", "unit", "category", "formula", "benchmark", title="KPI catalog")
    for k in all_kpis():
        table.add_row(k.id, k.label, k.unit.value, k.category, k.formula, k.benchmark or "")
    console.print(table)


@app.command("kpi")
def kpi_cmd(
    kpi_id: Annotated[str, typer.Argument(help="KPI id, e.g. win_rate (see `salesmetrics kpis`).")],
    grain: GrainOption = "month",
    start: FromOption = None,
    end: ToOption = None,
    by: ByOption = None,
    where: WhereOption = None,
    as_of: AsOfOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    workspace: WorkspaceOption = None,
) -> None:
    """Compute one KPI per period (and slice)."""
    from salesmetrics.workspace import Workspace

    if format not in ("table", "json", "csv"):
        raise UserError(f"--format must be table, json or csv, not {format!r}.")
    with Workspace(workspace) as ws:
        frame = ws.kpi(kpi_id, **_request(grain, start, end, by, where, as_of))
        currency = str(ws.get_setting("base_currency"))
    for warning in frame.attrs.get("warnings", []):
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    rows = result_rows(frame)
    if format == "json":
        unit, grain_used = frame.attrs["unit"], frame.attrs["grain"]
        doc = {"kpi": frame.attrs["kpi"], "unit": unit, "grain": grain_used, "rows": rows}
        print(json.dumps(doc, ensure_ascii=False))
    elif format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(frame.columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        console.print(kpi_table(frame, currency))


def kpi_table(frame: pd.DataFrame, currency: str) -> Table:
    """A Rich table of a KPI frame with values in their unit."""
    from salesmetrics.catalog import get_kpi
    from salesmetrics.catalog.units import format_plain, format_value

    kpi = get_kpi(frame.attrs["kpi"])
    dims = [
        c for c in frame.columns if c not in ("period_start", "value", "numerator", "denominator")
    ]
    title = f"{kpi.label} ({kpi.id}), by {frame.attrs['grain']}"
    table = Table("period", *dims, title=title)
    table.add_column("value", justify="right")
    if kpi.is_ratio:
        table.add_column("numerator", justify="right")
        table.add_column("denominator", justify="right")
    for row in frame.to_dict("records"):
        cells = [str(row["period_start"])]
        cells += ["(empty)" if _clean(row[d]) is None else str(row[d]) for d in dims]
        cells.append(format_value(_clean(row["value"]), kpi.unit, currency))
        if kpi.is_ratio:
            cells += [
                format_plain(_clean(row["numerator"])),
                format_plain(_clean(row["denominator"])),
            ]
        table.add_row(*cells)
    return table


@app.command("explain")
def explain_cmd(
    kpi_id: Annotated[str, typer.Argument(help="KPI id, e.g. win_rate.")],
    grain: GrainOption = "month",
    start: FromOption = None,
    end: ToOption = None,
    by: ByOption = None,
    where: WhereOption = None,
    as_of: AsOfOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Records shown per row set.")] = 20,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    workspace: WorkspaceOption = None,
) -> None:
    """Show the formula, inputs, SQL and the records behind a KPI."""
    from salesmetrics.workspace import Workspace

    if limit < 0:
        raise UserError("--limit must be 0 or more.")
    with Workspace(workspace) as ws:
        ex = ws.explain(kpi_id, limit=limit, **_request(grain, start, end, by, where, as_of))
        currency = str(ws.get_setting("base_currency"))
    if format == "json":
        doc = {
            "kpi": ex.kpi,
            "formula": ex.formula,
            "description": ex.description,
            "inputs": ex.inputs,
            "sql": ex.sql,
            "warnings": ex.warnings,
            "result": result_rows(ex.result),
            "records": result_rows(ex.records),
        }
        print(json.dumps(doc, ensure_ascii=False, default=str))
        return
    console.print(f"[bold]{ex.label}[/] ({ex.kpi})")
    console.print(f"Formula: {ex.formula}", highlight=False)
    console.print(ex.description, highlight=False)
    console.print("\n[bold]Inputs[/]")
    for line in ex.inputs:
        console.print(f"  {line}", highlight=False)
    for warning in ex.warnings:
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    console.print(kpi_table(ex.result, currency))
    console.print("\n[bold]SQL that ran[/]")
    for sql in ex.sql:
        console.print(sql, highlight=False, markup=False, soft_wrap=True)
    console.print(f"\n[bold]Records behind the number[/] (up to {limit} per row set)")
    console.print(
        ex.records.to_string(index=False) if not ex.records.empty else "(none)",
        highlight=False,
        markup=False,
    )
