"""`salesmetrics cohorts` and `mrr-waterfall`: retention by signup cohort and MRR movements."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from salesmetrics.cli.app import WaitOption, WorkspaceOption, app, console
from salesmetrics.cli.kpi_cmds import (
    FromOption,
    ResultFormat,
    ToOption,
    WhereOption,
    parse_where,
    print_warnings,
)

if TYPE_CHECKING:
    from salesmetrics.engine.cohorts import Cohorts


class CohortMetric(StrEnum):
    logo = "logo"
    revenue = "revenue"


class CohortGrain(StrEnum):
    month = "month"
    quarter = "quarter"


FormatOption = Annotated[
    ResultFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="table, json or csv."),
]


@app.command("cohorts")
def cohorts_cmd(
    metric: Annotated[
        CohortMetric,
        typer.Option(
            "--metric",
            "-m",
            case_sensitive=False,
            help="logo: % of customers still there; revenue: % of starting MRR.",
        ),
    ] = CohortMetric.logo,
    grain: Annotated[
        CohortGrain,
        typer.Option("--grain", "-g", case_sensitive=False, help="month or quarter."),
    ] = CohortGrain.month,
    start: FromOption = None,
    end: ToOption = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Measure retention up to this day (default: today)."),
    ] = None,
    format: FormatOption = ResultFormat.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Retention by signup cohort: rows are cohorts (first paying period), columns the periods
    since, values the % of the cohort's customers (or starting MRR) still there."""
    from salesmetrics.engine.cohorts import cohorts
    from salesmetrics.workspace import Workspace

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        found = cohorts(ws, grain.value, start, end, metric.value, as_of)
        currency = str(ws.get_setting("base_currency"))
    print_warnings(found.warnings)
    if format is ResultFormat.json:
        document = {"metric": found.metric, "grain": found.grain, "rows": found.records(),
                    "warnings": found.warnings}  # fmt: skip
        print(json.dumps(document, ensure_ascii=False))
        return
    if format is ResultFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(found.columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(found.records())
        return
    console.print(cohort_table(found, currency))


def cohort_table(found: Cohorts, currency: str) -> Table:
    """The cohorts as a matrix: one row per cohort, one column per period since its start."""
    from salesmetrics.catalog.units import money

    width = max((k for *_, k, _ in found.rows), default=-1) + 1
    what = "customers" if found.metric == "logo" else "starting MRR"
    table = Table(title=f"Retention by {found.grain} cohort (% of {what} still there)")
    table.add_column("cohort")
    table.add_column("size", justify="right")
    if found.metric == "revenue":
        table.add_column("start MRR", justify="right")
    for k in range(width):
        table.add_column(str(k), justify="right")
    by_cohort: dict[dt.date, list[tuple[dt.date, int, float | None, int, float | None]]] = {}
    for row in found.rows:
        by_cohort.setdefault(row[0], []).append(row)
    for cohort, rows in by_cohort.items():
        _, size, base, _, _ = rows[0]
        cells = [str(cohort), str(size)]
        if found.metric == "revenue":
            cells.append(money(base or 0.0, currency))
        values = ["—" if v is None else f"{v:.0f}%" for *_, v in rows]
        table.add_row(*cells, *values, *[""] * (width - len(values)))
    if not found.rows:
        table.caption = "no cohort: no account's first paying day lies in the range"
    return table


@app.command("mrr-waterfall")
def mrr_waterfall_cmd(
    start: FromOption = None,
    end: ToOption = None,
    grain: Annotated[
        CohortGrain, typer.Option("--grain", "-g", case_sensitive=False, help="month or quarter.")
    ] = CohortGrain.month,
    where: WhereOption = None,
    format: FormatOption = ResultFormat.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Start MRR + new + reactivation + expansion − contraction − churn = end MRR, per period."""
    from salesmetrics.catalog.units import money
    from salesmetrics.engine.waterfall import STEPS, mrr_waterfall
    from salesmetrics.workspace import Workspace

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        found = mrr_waterfall(ws, grain=grain.value, start=start, end=end, where=parse_where(where))
        currency = str(ws.get_setting("base_currency"))
    print_warnings(found.warnings)
    if format is ResultFormat.json:
        print(json.dumps({"rows": found.records(), "warnings": found.warnings}))
        return
    if format is ResultFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(found.columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(found.records())
        return
    table = Table(title=escape(f"MRR waterfall by {grain.value} ({currency})"))
    signs = {"contraction": "− ", "churn": "− "}
    for column in (
        "period",
        "start MRR",
        *(f"{signs.get(s, '+ ')}{s}" for s in STEPS),
        "= end MRR",
    ):
        table.add_column(column, justify="left" if column == "period" else "right")
    for period, first, *moves, last, _ in found.rows:
        table.add_row(
            str(period), money(first, currency), *(money(m, currency) for m in moves),
            money(last, currency),
        )  # fmt: skip
    console.print(table)


__all__ = ["cohorts_cmd", "mrr_waterfall_cmd"]
