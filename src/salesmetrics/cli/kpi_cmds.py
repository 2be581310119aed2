"""`salesmetrics kpis`, `kpi` and `explain`: the catalog, one KPI, and what is behind it."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from salesmetrics.cli.app import WaitOption, WorkspaceOption, app, console, err_console
from salesmetrics.documents import clean, explain_document, frame_rows
from salesmetrics.engine.periods import Grain
from salesmetrics.errors import UserError

if TYPE_CHECKING:
    pass


class ResultFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class TextFormat(StrEnum):
    text = "text"
    json = "json"


GrainOption = Annotated[
    Grain,
    typer.Option(
        "--grain", "-g", case_sensitive=False, help="day, week, month, quarter, year or total."
    ),
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
        where.setdefault(dim.lower(), []).append(value or None)
    return where


def _request(
    grain: Grain,
    start: str | None,
    end: str | None,
    by: list[str] | None,
    where: list[str] | None,
    as_of: str | None,
) -> dict[str, Any]:
    return {
        "grain": grain.value,
        "start": start,
        "end": end,
        "by": by or [],
        "where": parse_where(where),
        "as_of": as_of,
    }


@app.command("kpi")
def kpi_cmd(
    kpi_id: Annotated[str, typer.Argument(help="KPI id, e.g. win_rate (see `salesmetrics kpis`).")],
    grain: GrainOption = Grain.month,
    start: FromOption = None,
    end: ToOption = None,
    by: ByOption = None,
    where: WhereOption = None,
    as_of: AsOfOption = None,
    format: Annotated[
        ResultFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="table, json or csv."),
    ] = ResultFormat.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Compute one KPI per period (and slice)."""
    from salesmetrics.documents import kpi_answer
    from salesmetrics.workspace import Workspace

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        answer = kpi_answer(ws, kpi_id, **_request(grain, start, end, by, where, as_of))
        currency = str(ws.get_setting("base_currency"))
    print_warnings(answer.warnings)
    if format is ResultFormat.json:
        print(json.dumps(answer.document(), ensure_ascii=False))
    elif format is ResultFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=answer.columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(answer.rows)
    else:
        result = answer.result
        console.print(
            kpi_table(result.attrs, result.columns, answer.rows, currency, answer.extra.columns)
        )


def print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        err_console.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False, soft_wrap=True)


def describe_request(attrs: Mapping[Any, Any]) -> str:
    """``by month, 2024-01-01 to 2024-12-31, team = East`` from a result's attrs."""
    parts = [f"by {attrs['grain']}"]
    if attrs.get("start") and attrs.get("end"):
        parts.append(f"{attrs['start']} to {attrs['end']}")
    for dim, values in (attrs.get("where") or {}).items():
        shown = ", ".join("(empty)" if v is None else str(v) for v in values)
        parts.append(f"{dim} = {shown}")
    if attrs.get("as_of_used"):
        parts.append(f"as of {attrs['as_of']}")
    return ", ".join(parts)


def kpi_table(
    attrs: Mapping[Any, Any],
    columns: list[str],
    rows: list[dict[str, Any]],
    currency: str,
    extra: Sequence[str] = (),
) -> Table:
    """A Rich table of a KPI result with values in their unit (and, for ``extra`` columns of
    ``insights.annotate``, target, attainment and benchmark after them)."""
    from salesmetrics.catalog.units import format_plain, format_value

    # from the result itself: a custom KPI is not in the shipped catalog
    kpi_id, label, unit, is_ratio = attrs["kpi"], attrs["label"], attrs["unit"], attrs["ratio"]
    dims = [c for c in columns if c not in ("period_start", "value", "numerator", "denominator")]
    title = f"{label} ({kpi_id}), {describe_request(attrs)}"
    table = Table("period", *dims, title=escape(title))
    table.add_column("value", justify="right")
    if is_ratio:
        table.add_column("numerator", justify="right")
        table.add_column("denominator", justify="right")
    if "target" in extra:
        table.add_column("target", justify="right")
        table.add_column("attainment", justify="right")
    if "benchmark_status" in extra:
        table.add_column("benchmark")
    for row in rows:
        cells = [str(row["period_start"])]
        cells += ["(empty)" if clean(row[d]) is None else str(row[d]) for d in dims]
        cells.append(format_value(clean(row["value"]), unit, currency))
        if is_ratio:
            cells += [
                format_plain(clean(row["numerator"])),
                format_plain(clean(row["denominator"])),
            ]
        if "target" in extra:
            cells += [
                format_value(row["target"], unit, currency),
                percent_cell(row["attainment_pct"]),
            ]
        if "benchmark_status" in extra:
            cells.append(benchmark_cell(row, unit, currency))
        table.add_row(*cells)
    return table


def percent_cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} %"


def benchmark_cell(row: Mapping[str, Any], unit: str, currency: str) -> str:
    """``above 17.1 %–20.9 % (better)`` from a row's benchmark columns; empty without one."""
    from salesmetrics.catalog.units import format_value

    state = row.get("benchmark_status")
    if row.get("benchmark_low") is None:
        return ""
    low = format_value(row["benchmark_low"], unit, currency)
    high = format_value(row["benchmark_high"], unit, currency)
    if state is None:
        return f"— ({low}–{high})"
    rating = row.get("benchmark_rating")
    colour = {"better": "green", "worse": "red"}.get(str(rating))
    text = f"{state} {low}–{high}" + (f" ({rating})" if rating else "")
    return f"[{colour}]{escape(text)}[/]" if colour else escape(text)


@app.command("explain")
def explain_cmd(
    kpi_id: Annotated[str, typer.Argument(help="KPI id, e.g. win_rate.")],
    grain: GrainOption = Grain.month,
    start: FromOption = None,
    end: ToOption = None,
    by: ByOption = None,
    where: WhereOption = None,
    as_of: AsOfOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Records shown per row set.")] = 20,
    format: Annotated[
        TextFormat, typer.Option("--format", "-f", case_sensitive=False, help="text or json.")
    ] = TextFormat.text,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Show the formula, inputs, SQL and the records behind a KPI."""
    from salesmetrics.workspace import Workspace

    if limit < 0:
        raise UserError("--limit must be 0 or more.")
    with Workspace(workspace, read_only=True, wait=wait) as ws:
        ex = ws.explain(kpi_id, limit=limit, **_request(grain, start, end, by, where, as_of))
        currency = str(ws.get_setting("base_currency"))
    if format is TextFormat.json:
        doc = explain_document(ex)
        print(json.dumps(doc, ensure_ascii=False, default=str))
        return
    console.print(f"[bold]{ex.label}[/] ({ex.kpi})")
    console.print(f"Formula: {ex.formula}", highlight=False)
    console.print(ex.description, highlight=False)
    console.print("\n[bold]Inputs[/]")
    for line in ex.inputs:
        console.print(f"  {line}", highlight=False)
    print_warnings(ex.warnings)
    console.print(
        kpi_table(ex.result.attrs, list(ex.result.columns), frame_rows(ex.result), currency)
    )
    console.print("\n[bold]SQL that ran[/]")
    for sql in ex.sql:
        console.print(sql, highlight=False, markup=False, soft_wrap=True)
    console.print(f"\n[bold]Records behind the number[/] (up to {limit} per row set)")
    console.print(
        ex.records.to_string(index=False) if not ex.records.empty else "(none)",
        highlight=False,
        markup=False,
    )


@app.command("values")
def values_cmd(
    dimension: Annotated[str, typer.Argument(help="A dimension, e.g. team, source or stage.")],
    format: Annotated[
        ListFormat, typer.Option("--format", "-f", case_sensitive=False, help="table or json.")
    ] = ListFormat.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """List the values a dimension takes (what --by shows and --where accepts)."""
    from salesmetrics.engine.values import dimension_values, sources, values_table
    from salesmetrics.workspace import Workspace

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        values = dimension_values(ws, dimension)
    rows = values_table(values)
    if format is ListFormat.json:
        print(json.dumps({"dimension": values.dimension, "values": rows}, ensure_ascii=False))
        return
    read_from = ", ".join(f"{t}.{c}" for t, c in sources(values.dimension))
    tables = sorted({t for c in values.counts.values() for t in c})
    view = Table(
        "value",
        *(f"{t} rows" for t in tables),
        title=escape(f"Values of {values.dimension} ({len(rows)}; read from {read_from})"),
    )
    for row in rows:
        view.add_row(escape(row["value"]), *(f"{row[t]:,}" for t in tables))
    console.print(view)
    if not rows:
        err_console.print(f"No row of this workspace has a {values.dimension}.", highlight=False)
