"""`salesmetrics pipeline-waterfall`, `funnel` and `forecast`: the pipeline over time."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from salesmetrics.cli.app import WaitOption, WorkspaceOption, app, console
from salesmetrics.cli.kpi_cmds import (
    ByOption,
    FromOption,
    Grain,
    GrainOption,
    ResultFormat,
    ToOption,
    WhereOption,
    parse_where,
    print_warnings,
)

FormatOption = Annotated[
    ResultFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="table, json or csv."),
]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _emit(rows: list[dict[str, Any]], columns: list[str], warnings: list[str],
          format: ResultFormat, extra: dict[str, Any] | None = None) -> bool:  # fmt: skip
    """JSON or CSV on stdout (True), or nothing for the caller's table (False)."""
    records = [{c: _plain(r.get(c)) for c in columns} for r in rows]
    if format is ResultFormat.json:
        print(json.dumps({**(extra or {}), "rows": records, "warnings": warnings}))
        return True
    if format is ResultFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        return True
    return False


@app.command("pipeline-waterfall")
def pipeline_waterfall_cmd(
    start: FromOption = None,
    end: ToOption = None,
    grain: GrainOption = Grain.month,
    by: ByOption = None,
    where: WhereOption = None,
    format: FormatOption = ResultFormat.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Pipeline due by each period's end: start + created + pulled in + increased − decreased −
    won − lost − pushed out + fx = end, per period (and slice)."""
    from salesmetrics.catalog.units import money
    from salesmetrics.engine.pipeline_waterfall import STEPS, pipeline_waterfall
    from salesmetrics.workspace import Workspace

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        found = pipeline_waterfall(
            ws, grain=grain.value, start=start, end=end, by=by or [], where=parse_where(where)
        )
        currency = str(ws.get_setting("base_currency"))
    print_warnings(found.warnings)
    if _emit(found.rows, list(found.columns), found.warnings, format):
        return
    table = Table(title=escape(f"Pipeline waterfall by {grain.value} ({currency})"))
    signs = {"start": "", "end": "= ", "fx": "± "}
    takes = {"decreased", "won", "lost", "pushed_out"}
    table.add_column("period")
    for dim in found.by:
        table.add_column(dim)
    for step in STEPS:
        sign = signs.get(step, "− " if step in takes else "+ ")
        table.add_column(f"{sign}{step.replace('_', ' ')}", justify="right")
    for row in found.rows:
        dims = [escape(str(row[d])) if row[d] is not None else "(empty)" for d in found.by]
        table.add_row(str(row["period_start"]), *dims, *(money(row[s], currency) for s in STEPS))
    console.print(table)


AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Follow the deals up to this day (default: today).")
]


def _number(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:,.{digits}f}"


@app.command("funnel")
def funnel_cmd(
    start: FromOption = None,
    end: ToOption = None,
    as_of: AsOfOption = None,
    where: WhereOption = None,
    format: FormatOption = ResultFormat.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """The stage funnel of the deals created from --from to --to: how many reached each stage,
    the conversion to the next, how many were lost there, the median days in it."""
    from salesmetrics.engine.funnel import COLUMNS, stage_funnel
    from salesmetrics.workspace import Workspace

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        found = stage_funnel(ws, start=start, end=end, as_of=as_of, where=parse_where(where))
    print_warnings(found.warnings)
    extra = {"start": found.start.isoformat(), "end": found.end.isoformat(),
             "as_of": found.as_of.isoformat(), "deals": found.deals}  # fmt: skip
    if _emit(found.rows, list(COLUMNS), found.warnings, format, extra):
        return
    title = f"Stage funnel: {found.deals:,} deals created {found.start} to {found.end}"
    table = Table(title=escape(f"{title}, as of {found.as_of}"))
    table.add_column("stage")
    for column in ("reached", "→ next %", "lost here", "median days"):
        table.add_column(column, justify="right")
    for row in found.rows:
        table.add_row(
            escape(str(row["stage"])), f"{row['reached']:,}", _number(row["conversion"]),
            f"{row['lost_here']:,}", _number(row["median_days"]),
        )  # fmt: skip
    console.print(table)


@app.command("forecast")
def forecast_cmd(
    period: Annotated[
        str | None,
        typer.Option(
            "--period", help="2025-Q3, 2025-07 or 2025 (default: the quarter of the as-of day)."
        ),
    ] = None,
    by: ByOption = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Forecast as on this day (default: today).")
    ] = None,
    backtest: Annotated[
        int | None,
        typer.Option(
            "--backtest",
            min=1,
            help="Replay the N periods before, each from the day before it began; print MAPE.",
        ),
    ] = None,
    format: FormatOption = ResultFormat.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Expected bookings of a period: won so far + open pipeline due by its end, weighted by
    learnt stage win rates, by the CRM's probabilities, or a run-rate; with 80 % ranges."""
    from salesmetrics.catalog.units import money
    from salesmetrics.engine import forecast as fc
    from salesmetrics.engine.request import parse_date
    from salesmetrics.workspace import Workspace

    day = parse_date(as_of, "--as-of") or dt.date.today()
    with Workspace(workspace, read_only=True, wait=wait) as ws:
        fy = int(ws.get_setting("fiscal_year_start_month"))
        currency = str(ws.get_setting("base_currency"))
        target = fc.parse_period(period, day, fy)
        if backtest:
            if by:
                from salesmetrics.errors import UserError

                raise UserError("--backtest scores the whole company: leave out --by.")
            _print_backtest(fc.backtest(ws, target, backtest), format, currency)
            return
        found = fc.forecast(ws, target, day, by or [])
    print_warnings(found.warnings)
    extra = {"period_start": found.period.first.isoformat(),
             "period_end": found.period.last.isoformat(), "day": found.day.isoformat()}  # fmt: skip
    if _emit(found.rows, list(found.columns), found.warnings, format, extra):
        return
    title = f"Forecast of {found.period.first} to {found.period.last}, made on {found.day}"
    table = Table(title=escape(f"{title} ({currency})"))
    for column in (*found.by, "method", "won so far", "expected", "low (80 %)", "high (80 %)"):
        table.add_column(column, justify="left" if column in (*found.by, "method") else "right")
    for row in found.rows:
        dims = [escape(str(row[d])) if row[d] is not None else "(empty)" for d in found.by]
        table.add_row(
            *dims, row["method"], money(row["won_so_far"], currency),
            money(row["expected"], currency), money(row["low"], currency),
            money(row["high"], currency),
        )  # fmt: skip
    console.print(table)


def _print_backtest(found: Any, format: ResultFormat, currency: str) -> None:
    from salesmetrics.catalog.units import money
    from salesmetrics.engine.forecast import METHODS

    print_warnings(found.warnings)
    columns = ["period_start", "period_end", "actual", *METHODS]
    if _emit(found.rows, columns, found.warnings, format, {"mape": found.mape}):
        return
    table = Table(
        title=escape(f"Backtest: each period forecast the day before it began ({currency})")
    )
    for column in ("period", "actual", *METHODS):
        table.add_column(column, justify="left" if column == "period" else "right")
    for row in found.rows:
        table.add_row(
            f"{row['period_start']} to {row['period_end']}", money(row["actual"], currency),
            *(money(row[m], currency) for m in METHODS),
        )  # fmt: skip
    table.add_row(
        "MAPE",
        "",
        *(_number(found.mape[m]) + " %" if found.mape[m] is not None else "" for m in METHODS),
    )
    console.print(table)


__all__ = ["forecast_cmd", "funnel_cmd", "pipeline_waterfall_cmd"]
