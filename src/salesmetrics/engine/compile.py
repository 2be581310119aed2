"""Compile a KPI request into Ibis expressions: one aggregate query per (row set, window).

Each query groups its row set by ``period_start`` and the ``by`` dimensions and computes every
measure it hosts as ``Σ value`` (or the median) over the member rows, plus one count of the rows
in any measure's population (``__population``, which tells which slices have input rows) and the
count of rows left out for a missing fx rate. Only these small aggregates ever leave the database.
"""

from __future__ import annotations

import operator
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.catalog.model import Aggregation, Kpi
from salesmetrics.engine.backend import spine_table, to_sql
from salesmetrics.engine.caveats import Caveat, caveats_for
from salesmetrics.engine.inputs import Need
from salesmetrics.engine.measures import MEASURES, Measure, as_count
from salesmetrics.engine.periods import Period, shifted, spine
from salesmetrics.engine.rowsets import ROWSETS, RowSet, build_rows
from salesmetrics.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from ibis.expr.types import BooleanValue, Table

    from salesmetrics.engine.context import Context

CURRENT = "cur"
FX_MISSING = "__fx_missing"
WARN = "__warn_"
#: Rows in the population of any measure of a query: a slice with some is listed.
POPULATION = "__population"

VELOCITY_MEASURES = (
    "open_count",
    "won_amount_known",
    "won_with_amount",
    "won_count",
    "closed_count",
    "won_cycle_days",
)


@dataclass
class Query:
    """One aggregate query of a KPI computation (and its row-level input, for explain)."""

    rowset: RowSet
    window: str
    measures: list[Measure]
    rows: Table
    expr: Table
    caveats: list[Caveat]

    def column(self, measure: str) -> str:
        return f"{measure}__{self.window}"

    def members(self, measure: Measure, ctx: Context) -> BooleanValue:
        """The rows ``measure`` counts, fx-less rows left out of money measures."""
        return _member(self.rows, measure, ctx)


def needed_measures(kpi: Kpi) -> list[tuple[str, str]]:
    """The (measure, window) pairs a KPI needs; windows: cur, prev, yoy."""
    agg = kpi.aggregation
    if agg is Aggregation.VELOCITY:
        return [(m, CURRENT) for m in VELOCITY_MEASURES]
    if agg is Aggregation.GROWTH:
        return [(kpi.numerator, CURRENT), (kpi.numerator, "prev")]
    if agg is Aggregation.GROWTH_YOY:
        return [(kpi.numerator, CURRENT), (kpi.numerator, "yoy")]
    pairs = [(kpi.numerator, CURRENT)]
    if kpi.denominator:
        pairs.append((kpi.denominator, CURRENT))
    return pairs


def periods_for(ctx: Context, window: str = CURRENT) -> list[Period]:
    req = ctx.request
    base = spine(req.grain, req.start, req.end, ctx.fiscal_year_start_month)
    if window == CURRENT:
        return base
    return shifted(base, req.grain, window, ctx.fiscal_year_start_month)


def _member(rows: Table, measure: Measure, ctx: Context) -> Any:
    member = measure.member(rows, ctx).fill_null(False)
    if measure.money:
        member = member & ~rows._fx_missing
    return member


def aggregate(
    ctx: Context, rows: Table, measures: list[Measure], window: str, caveats: list[Caveat]
) -> Table:
    """Group ``rows`` by period and slice and compute every measure (see module docstring)."""
    aggs: dict[str, Any] = {}
    for m in measures:
        member = _member(rows, m, ctx)
        name = f"{m.name}__{window}"
        count = as_count(member).sum()
        if m.value is None:
            aggs[name] = count
        elif m.agg == "median":
            # a median of the members' values (nulls elsewhere): every engine's percentile reads it
            aggs[name] = ibis.ifelse(member, m.value(rows, ctx), ibis.null()).median()
        else:
            aggs[name] = m.value(rows, ctx).sum(where=member)
    populations = [m.in_population(rows, ctx).fill_null(False) for m in measures]
    population = reduce(operator.or_, populations)
    aggs[POPULATION] = as_count(population).sum()
    for caveat in caveats:
        hit = population & caveat.predicate(rows, ctx).fill_null(False)
        aggs[f"{WARN}{caveat.name}"] = as_count(hit).sum()
    money = [m for m in measures if m.money]
    if money:
        left_out: Any = ibis.literal(False)
        for m in money:
            left_out = left_out | m.member(rows, ctx).fill_null(False)
        aggs[FX_MISSING] = as_count(left_out & rows._fx_missing).sum()
    keys = ["period_start", *ctx.request.by]
    return rows.group_by(keys).aggregate(**aggs)


def compile_queries(ctx: Context) -> list[Query]:
    """Every aggregate query the request needs (most KPIs need one)."""
    groups: dict[tuple[str, str], list[Measure]] = {}
    for name, window in needed_measures(ctx.request.kpi):
        measure = MEASURES[name]
        groups.setdefault((measure.rowset, window), []).append(measure)
    queries = []
    for (rowset_name, window), measures in groups.items():
        rowset = ROWSETS[rowset_name]
        rows = build_rows(ctx, rowset, spine_table(window), any(m.money for m in measures))
        caveats = caveats_for(ctx, rowset, rows, measures) if window == CURRENT else []
        expr = aggregate(ctx, rows, measures, window, caveats)
        queries.append(Query(rowset, window, measures, rows, expr, caveats))
    return queries


@dataclass(frozen=True)
class CompiledQuery:
    """One aggregate query as SQL, with what is needed to read its result."""

    window: str
    sql: str
    #: Caveat name -> its message template.
    warnings: dict[str, str]
    #: Inputs the query's row set and measures cannot do without.
    needs: tuple[Need, ...]
    #: The rows of the row set, (table, column) of its anchor date, and its noun.
    span: tuple[str, str] | None
    noun: str


_CACHE: OrderedDict[tuple[Any, ...], list[CompiledQuery]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 256


def cache_key(ctx: Context) -> tuple[Any, ...]:
    """Everything the SQL of a request depends on (the periods are data, not SQL)."""
    req = ctx.request
    subscriptions = req.kpi.numerator == "new_customer_count" and ctx.has_rows("subscriptions")
    return (
        SCHEMA_VERSION,
        ctx.backend.dialect,
        req.kpi.id,
        req.by,
        tuple(sorted(req.where.items())),
        tuple(sorted(req.scope.items())),
        req.as_of,
        ctx.base_currency,
        tuple(sorted(ctx.stage_probabilities.items())),
        subscriptions,
    )


def compiled_queries(ctx: Context) -> list[CompiledQuery]:
    """The SQL of every query of the request, compiled once per request shape."""
    key = cache_key(ctx)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    out = [
        CompiledQuery(
            q.window,
            to_sql(ctx.backend, q.expr),
            {c.name: c.message for c in q.caveats},
            tuple(dict.fromkeys([*q.rowset.needs, *(n for m in q.measures for n in m.needs)])),
            q.rowset.span,
            q.rowset.noun,
        )
        for q in compile_queries(ctx)
    ]
    with _CACHE_LOCK:
        _CACHE[key] = out
        if len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return out


def clear_cache() -> None:
    """Forget every compiled statement (benchmarks measure cold compiles with it)."""
    with _CACHE_LOCK:
        _CACHE.clear()
