"""`salesmetrics scorecard`: the headline KPIs of a period beside the previous period, the
target and the benchmark."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from salesmetrics.cli.app import WaitOption, WorkspaceOption, app, console
from salesmetrics.cli.kpi_cmds import ResultFormat, benchmark_cell, percent_cell, print_warnings


class By(StrEnum):
    team = "team"
    rep = "rep"


COLUMNS = (
    "category",
    "kpi",
    "label",
    "unit",
    "direction",
    "value",
    "previous",
    "change",
    "change_pct",
    "good",
    "target",
    "attainment_pct",
    "benchmark_status",
    "benchmark_rating",
    "benchmark_low",
    "benchmark_high",
)


@app.command("scorecard")
def scorecard_cmd(
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="2025-Q3 (fiscal quarter), 2025-07, 2025 (fiscal year), this-/last-month, "
            "this-/last-quarter, this-/last-year (default: the current quarter).",
        ),
    ] = None,
    by: Annotated[
        By | None, typer.Option("--by", case_sensitive=False, help="team or rep.")
    ] = None,
    format: Annotated[
        ResultFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="table, json or csv."),
    ] = ResultFormat.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """The headline KPIs of each category for a period: change vs the previous period, target
    attainment and benchmark status."""
    from salesmetrics.insights.scorecard import scorecard
    from salesmetrics.workspace import Workspace

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        card = scorecard(ws, period, by.value if by else None)
        currency = str(ws.get_setting("base_currency"))
    print_warnings(card.warnings)
    columns = [*COLUMNS[:5], *([card.by] if card.by else []), *COLUMNS[5:]]
    if format is ResultFormat.json:
        print(json.dumps(card.document(), ensure_ascii=False))
    elif format is ResultFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(card.rows)
    else:
        console.print(_table(card, currency))


def _table(card: Any, currency: str) -> Table:
    from salesmetrics.catalog.units import format_value

    span = f"{card.period.first} to {card.end}" + (" (to date)" if card.to_date else "")
    previous = f"{card.previous[0]} to {card.previous[1]}"
    title = f"Scorecard {card.label}: {span}, against {previous}"
    table = Table("category", "KPI", *([card.by] if card.by else []), title=escape(title))
    for name in ("value", "previous", "change", "target", "attainment"):
        table.add_column(name, justify="right")
    table.add_column("benchmark")
    last_category = None
    for row in card.rows:
        unit = row["unit"]
        colour = {True: "green", False: "red"}.get(row["good"])
        change = _change_text(row, unit, currency)
        cells = [
            row["category"] if row["category"] != last_category else "",
            escape(f"{row['label']} ({row['kpi']})"),
            *([escape(str(row[card.by] or "(empty)"))] if card.by else []),
            format_value(row["value"], unit, currency),
            format_value(row["previous"], unit, currency),
            f"[{colour}]{escape(change)}[/]" if colour else escape(change),
            format_value(row["target"], unit, currency),
            percent_cell(row["attainment_pct"]),
            benchmark_cell(row, unit, currency),
        ]
        last_category = row["category"]
        table.add_row(*cells)
    return table


def _change_text(row: dict[str, Any], unit: str, currency: str) -> str:
    from salesmetrics.catalog.units import format_value

    change = row["change"]
    if change is None:
        return "—"
    sign = "+" if change > 0 else ""
    text = sign + format_value(change, unit, currency)
    if unit == "percent":
        text = text.replace(" %", " pts")
    if row["change_pct"] is not None:
        text += f" ({sign}{row['change_pct']:.1f} %)"
    return text
