"""Build the Ibis expressions of a plan and compile them to the backend's SQL.

One aggregate query per (row set, window) serves every KPI of the request that needs it. It
groups its row set by ``period_start`` and the ``by`` dimensions and computes each measure once
as ``Σ value`` (or the median) over the member rows; for each KPI it also counts the rows of
that KPI's population (which slices it lists), its caveats and the rows it left out for a
missing fx rate. Only these small aggregates leave the database.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from functools import reduce
from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.catalog.model import Kpi
from salesmetrics.engine.backend import spine_table, to_sql
from salesmetrics.engine.caveats import Caveat, caveats_for
from salesmetrics.engine.inputs import NEEDS
from salesmetrics.engine.measures import Measure, as_count
from salesmetrics.engine.placeholders import WINDOW_CODES, WINDOW_COLUMN, merged, parts
from salesmetrics.engine.plan import CURRENT, CompiledPlan, KpiColumns, QuerySpec, needed_measures
from salesmetrics.engine.registry import MEASURES, ROWSETS
from salesmetrics.engine.rowsets import RowSet, build_rows

if TYPE_CHECKING:
    from ibis.expr.types import BooleanValue, Table

    from salesmetrics.engine.ibis_context import Context


def member(rows: Table, measure: Measure, ctx: Context) -> Any:
    """The rows ``measure`` counts; rows without an fx rate are left out of money measures."""
    hit = measure.member(rows, ctx).fill_null(False)
    if measure.money:
        hit = hit & ~rows._fx_missing
    return hit


@dataclass
class Query:
    """One aggregate query (and its row-level input, which explain reads)."""

    rowset: RowSet
    window: str
    measures: list[Measure]
    #: the measures of each KPI of the request that this query computes
    by_kpi: dict[str, list[Measure]]
    rows: Table
    expr: Table
    caveats: dict[str, list[Caveat]]
    #: KPI id -> the windows it reads this row set in (a merged query holds several)
    reads: dict[str, set[str]] = field(default_factory=dict)

    def left_out(self, kpi_id: str, money: list[Measure], ctx: Context) -> Any:
        """The rows of ``kpi_id``'s windows that a money measure would count but that have no
        fx rate."""
        return _left_out(self.rows, money, ctx, self.window, self.reads[kpi_id])

    def members(self, measure: Measure, ctx: Context) -> BooleanValue:
        return member(self.rows, measure, ctx)


def _measure_column(rows: Table, m: Measure, ctx: Context) -> Any:
    hit = member(rows, m, ctx)
    if m.value is None:
        return as_count(hit).sum()
    if m.agg == "median":
        # a median of the members' values (nulls elsewhere): every engine's percentile reads it
        return ibis.ifelse(hit, m.value(rows, ctx), ibis.null()).median()
    return m.value(rows, ctx).sum(where=hit)


def _population(rows: Table, measures: list[Measure], ctx: Context) -> Any:
    return reduce(operator.or_, [m.in_population(rows, ctx).fill_null(False) for m in measures])


def kpi_prefix(index: int) -> str:
    return f"__k{index}"


def build_queries(ctx: Context, kpis: list[Kpi]) -> list[Query]:
    """Every aggregate query the KPIs need: one per row set, over all the windows (current,
    previous, year-ago periods) its measures are asked in — one scan serves them all."""
    groups: dict[str, dict[str, Measure]] = {}
    windows: dict[str, list[str]] = {}
    users: dict[str, dict[str, list[Measure]]] = {}
    #: the windows each KPI reads each row set in
    reads: dict[tuple[str, str], set[str]] = {}
    for kpi in kpis:
        for name, window in needed_measures(kpi):
            measure = MEASURES[name]
            groups.setdefault(measure.rowset, {})[name] = measure
            windows.setdefault(measure.rowset, []).append(window)
            reads.setdefault((measure.rowset, kpi.id), set()).add(window)
            mine = users.setdefault(measure.rowset, {}).setdefault(kpi.id, [])
            if measure not in mine:
                mine.append(measure)
    queries = []
    index = {k.id: i for i, k in enumerate(kpis)}
    for rowset_name, measures in groups.items():
        rowset = ROWSETS[rowset_name]
        window = merged(windows[rowset_name])
        listed = list(measures.values())
        extras = tuple(dict.fromkeys(name for m in listed for name in m.uses))
        converts = any(m.money for m in listed)
        rows = build_rows(ctx, rowset, spine_table(window), converts, extras)
        aggs: dict[str, Any] = {
            f"{m.name}__{window}": _measure_column(rows, m, ctx) for m in listed
        }
        tagged = len(parts(window)) > 1
        # caveats are counted on the current periods' rows only
        current: Any = rows[WINDOW_COLUMN] == WINDOW_CODES[CURRENT] if tagged else None
        caveats: dict[str, list[Caveat]] = {}
        for kpi_id, mine in users[rowset_name].items():
            prefix = kpi_prefix(index[kpi_id])
            population = _population(rows, mine, ctx)
            aggs[f"{prefix}_pop"] = as_count(population).sum()
            found = caveats_for(ctx, rowset, rows, mine) if CURRENT in parts(window) else []
            caveats[kpi_id] = found
            for caveat in found:
                hit = population & caveat.predicate(rows, ctx).fill_null(False)
                if current is not None:
                    hit = hit & current
                aggs[f"{prefix}_warn_{caveat.name}"] = as_count(hit).sum()
            money = [m for m in mine if m.money]
            if money:
                left = _left_out(rows, money, ctx, window, reads[(rowset_name, kpi_id)])
                aggs[f"{prefix}_fx"] = as_count(left).sum()
        keys = ["period_start", *ctx.request.by, *([WINDOW_COLUMN] if tagged else [])]
        expr = rows.group_by(keys).aggregate(**aggs)
        mine_reads = {k: reads[(rowset_name, k)] for k in users[rowset_name]}
        queries.append(
            Query(rowset, window, listed, users[rowset_name], rows, expr, caveats, mine_reads)
        )
    return queries


def _left_out(rows: Table, money: list[Measure], ctx: Context, window: str, reads: set[str]) -> Any:
    """Rows some money measure would count but that have no fx rate, among the rows of the
    windows ``reads`` (a merged query holds the rows of several)."""
    counted: Any = ibis.literal(False)
    for m in money:
        counted = counted | m.member(rows, ctx).fill_null(False)
    left = counted & rows._fx_missing
    if len(parts(window)) > 1:
        left = left & rows[WINDOW_COLUMN].isin(sorted(WINDOW_CODES[w] for w in reads))
    return left


def _currencies_left_out(backend: Any, rows: Table, left_out: dict[str, Any]) -> str | None:
    """One statement for every KPI of a query: the currencies of rows left out for want of a
    rate, with each KPI's count of them (column name -> its left-out predicate)."""
    if not left_out:
        return None
    foreign = rows.filter(reduce(operator.or_, left_out.values()))
    counts = {name: as_count(left).sum() for name, left in left_out.items()}
    return to_sql(backend, foreign.group_by("_cur").aggregate(**counts))


def compile_plan(ctx: Context, kpis: list[Kpi]) -> CompiledPlan:
    """The plan of ``kpis`` over the request of ``ctx``, compiled to the backend's SQL."""
    backend = ctx.backend
    index = {k.id: i for i, k in enumerate(kpis)}
    specs = []
    need_names: list[str] = []
    spans: dict[str, str] = {}
    for q in build_queries(ctx, kpis):
        columns = {}
        left_out: dict[str, Any] = {}
        for kpi_id, mine in q.by_kpi.items():
            prefix = kpi_prefix(index[kpi_id])
            money = [m for m in mine if m.money]
            if money:
                left_out[f"{prefix}_fx"] = q.left_out(kpi_id, money, ctx)
            columns[kpi_id] = KpiColumns(
                population=f"{prefix}_pop",
                fx_missing=f"{prefix}_fx" if money else None,
                warnings={f"{prefix}_warn_{c.name}": c.message for c in q.caveats[kpi_id]},
                needs=[
                    n.name
                    for n in dict.fromkeys([*q.rowset.needs, *(n for m in mine for n in m.needs)])
                ],
            )
        needs = list(dict.fromkeys([*q.rowset.needs, *(n for m in q.measures for n in m.needs)]))
        need_names += [n.name for n in needs]
        if q.rowset.span:
            table, column = q.rowset.span
            t = ctx[table]
            spans[f"{table}.{column}"] = to_sql(
                backend, t.aggregate(lo=t[column].min(), hi=t[column].max())
            )
        specs.append(
            QuerySpec(
                rowset=q.rowset.name,
                window=q.window,
                sql=to_sql(backend, q.expr),
                measures=[f"{m.name}__{q.window}" for m in q.measures],
                kpis=columns,
                needs=[n.name for n in needs],
                span=q.rowset.span,
                noun=q.rowset.noun,
                fx_sql=_currencies_left_out(backend, q.rows, left_out),
            )
        )
    needs_sql = {
        name: [to_sql(backend, rows(ctx).limit(1).count()) for rows in NEEDS[name].alternatives]
        for name in dict.fromkeys(need_names)
    }
    return CompiledPlan(specs, needs_sql, spans)
