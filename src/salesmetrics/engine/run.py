"""Run compiled queries, fill every period of every slice, and shape the result frame."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from salesmetrics.catalog.model import Aggregation, Kpi
from salesmetrics.engine.backend import with_spines
from salesmetrics.engine.compile import (
    CURRENT,
    FX_MISSING,
    POPULATION,
    WARN,
    CompiledQuery,
    compile_queries,
    compiled_queries,
    periods_for,
)
from salesmetrics.engine.inputs import missing_inputs, warning_for
from salesmetrics.engine.span import empty_range_warning

if TYPE_CHECKING:
    from salesmetrics.engine.context import Context

Key = tuple[Any, ...]
Cell = dict[str, float]


def _num(value: Any) -> float | None:
    """A float from a database value; null and NaN become None."""
    if value is None or value is pd.NA:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _dim(value: Any) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def execute(
    ctx: Context, queries: list[CompiledQuery]
) -> tuple[dict[Key, Cell], set[Key], list[str]]:
    """Run every query; cells by (period_start, *dims), the slices with input, and warnings."""
    by = ctx.request.by
    cells: dict[Key, Cell] = {}
    slices: set[Key] = set()
    fx_left_out = 0
    extra: dict[str, int] = {}
    messages: dict[str, str] = {}
    spines = {window: periods_for(ctx, window) for window in {q.window for q in queries}}
    for query in queries:
        messages.update(query.warnings)
        frame = ctx.run(with_spines(ctx.backend, query.sql, spines))
        for record in frame.to_dict("records"):
            dims = tuple(_dim(record[d]) for d in by)
            cell = cells.setdefault((_day(record["period_start"]), *dims), {})
            for key, value in record.items():
                col = str(key)
                if col == FX_MISSING:
                    fx_left_out += int(_num(value) or 0)
                elif col == POPULATION:
                    if query.window == CURRENT and (_num(value) or 0) > 0:
                        slices.add(dims)
                elif col.startswith(WARN):
                    name = col.removeprefix(WARN)
                    extra[name] = extra.get(name, 0) + int(_num(value) or 0)
                elif col != "period_start" and col not in by:
                    number = _num(value)
                    if number is not None:
                        cell[col] = number
    kpi_id = ctx.request.kpi.id
    warnings = [messages[name].format(n=n, kpi=kpi_id) + "." for name, n in extra.items() if n]
    if fx_left_out:
        warnings.append(_fx_warning(ctx, fx_left_out))
    return cells, slices, warnings


def run_in_window(ctx: Context, expr: Any, window: str) -> pd.DataFrame:
    """Compile and run a row-level query over the spine of ``window``."""
    return ctx.run(with_spines(ctx.backend, ctx.sql(expr), {window: periods_for(ctx, window)}))


def _fx_warning(ctx: Context, count: int) -> str:
    """Name the currencies without a rate (a second, tiny query, run only when needed)."""
    currencies: set[str] = set()
    for query in compile_queries(ctx):
        money = [m for m in query.measures if m.money]
        if not money:
            continue
        rows = query.rows
        hit: Any = rows._fx_missing
        member: Any = money[0].member(rows, ctx).fill_null(False)
        for m in money[1:]:
            member = member | m.member(rows, ctx).fill_null(False)
        found = run_in_window(
            ctx, rows.filter(hit & member).select("_cur").distinct(), query.window
        )
        currencies.update(str(c) for c in found["_cur"])
    names = ", ".join(sorted(currencies))
    return (
        f"{count} row(s) in a currency without an fx rate ({names}) were left out of "
        f"{ctx.request.kpi.id}; add their rates to fx_rates."
    )


def _ratio(num: float | None, den: float | None, scale: float) -> float | None:
    if num is None or den is None or den == 0:
        return None
    return scale * num / den


def combine(kpi: Kpi, cell: Cell) -> tuple[float | None, float | None, float | None]:
    """(value, numerator, denominator) of one output cell from its measure sums."""

    def get(measure: str, window: str = CURRENT) -> float | None:
        return cell.get(f"{measure}__{window}")

    agg = kpi.aggregation
    if agg is Aggregation.SUM:
        return get(kpi.numerator) or 0.0, None, None
    if agg is Aggregation.MEDIAN:
        return get(kpi.numerator), None, None
    if agg is Aggregation.RATIO:
        num, den = get(kpi.numerator) or 0.0, get(kpi.denominator or "") or 0.0
        return _ratio(num, den, kpi.scale), num, den
    if agg in (Aggregation.GROWTH, Aggregation.GROWTH_YOY):
        window = "prev" if agg is Aggregation.GROWTH else "yoy"
        current, previous = get(kpi.numerator) or 0.0, get(kpi.numerator, window) or 0.0
        return _ratio(current - previous, previous, 100.0), current - previous, previous
    if agg is Aggregation.VELOCITY:
        return _velocity(get)
    raise NotImplementedError(agg)


def _velocity(
    get: Callable[[str], float | None],
) -> tuple[float | None, float | None, float | None]:
    open_count = get("open_count") or 0.0
    deal_size = _ratio(get("won_amount_known") or 0.0, get("won_with_amount") or 0.0, 1.0)
    win_share = _ratio(get("won_count") or 0.0, get("closed_count") or 0.0, 1.0)
    cycle = _ratio(get("won_cycle_days") or 0.0, get("won_count") or 0.0, 1.0)
    product = None
    if deal_size is not None and win_share is not None:
        product = open_count * deal_size * win_share
    return _ratio(product, cycle, 1.0), product, cycle


def shape(
    ctx: Context, cells: dict[Key, Cell], slices: set[Key], undefined: bool = False
) -> pd.DataFrame:
    """Every period for every slice, sorted by dimensions (nulls last) then period.

    ``undefined``: the KPI could not be computed; every value is null.
    """
    req, kpi = ctx.request, ctx.request.kpi
    starts = [p.start for p in periods_for(ctx)]
    slice_keys = sorted(slices, key=lambda s: tuple((v is None, v or "") for v in s))
    if not req.by:
        slice_keys = [()]
    rows = []
    for dims in slice_keys:
        for start in starts:
            value, num, den = (
                (None, None, None) if undefined else combine(kpi, cells.get((start, *dims), {}))
            )
            rows.append((start, *dims, value, num, den))
    columns = ["period_start", *req.by, "value", "numerator", "denominator"]
    frame = pd.DataFrame(rows, columns=columns)
    for name in ("value", "numerator", "denominator"):
        frame[name] = frame[name].astype("float64")
    for position, name in enumerate(["period_start", *req.by]):
        frame[name] = pd.Series([row[position] for row in rows], dtype=object)
    return frame


def run(ctx: Context) -> tuple[pd.DataFrame, list[CompiledQuery]]:
    """Compute the KPI of ``ctx.request``: the result frame and the queries that ran.

    When an input the KPI cannot do without is absent, no query runs: every value is null and
    the warnings say what to load.
    """
    queries = compiled_queries(ctx)
    missing = missing_inputs(ctx, [need for q in queries for need in q.needs])
    if missing:
        frame = shape(ctx, {}, set(), undefined=True)
        warnings = warning_for(ctx.request.kpi.id, missing)
    else:
        cells, slices, warnings = execute(ctx, queries)
        frame = shape(ctx, cells, slices)
        if not slices:
            warnings += empty_range_warning(ctx, queries)
    req, kpi = ctx.request, ctx.request.kpi
    frame.attrs.update(
        kpi=kpi.id,
        unit=kpi.unit.value,
        grain=req.grain,
        warnings=warnings,
        start=req.start.isoformat(),
        end=req.end.isoformat(),
        as_of=req.as_of.isoformat(),
        as_of_used=kpi.kind.value == "cohort",
        where={dim: list(values) for dim, values in req.where.items()},
        computed=not missing,
    )
    return frame, queries
