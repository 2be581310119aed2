"""Shape what the queries measured into each KPI's result: every period of every slice, the
value from its measures, and the warnings that travel with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from salesmetrics.catalog.model import Aggregation, Kpi
from salesmetrics.engine.execute import Cell, Key, Measured, day, number, periods_for
from salesmetrics.engine.inputs import NEEDS
from salesmetrics.engine.plan import CURRENT, CompiledPlan
from salesmetrics.engine.result import Result

if TYPE_CHECKING:
    from salesmetrics.backends.base import Session
    from salesmetrics.engine.request import KpiRequest


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
        return kpi.scale * (get(kpi.numerator) or 0.0), None, None
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
    if agg is Aggregation.LIFETIME:
        # ARPA here; engine.lifetime divides it by the mean monthly churn afterwards
        arpa = _ratio(get(kpi.numerator) or 0.0, get(kpi.denominator or "") or 0.0, 1.0)
        return arpa, arpa, None
    if agg is Aggregation.LIFETIME_TO_CAC:
        arpa = _ratio(get("mrr_end") or 0.0, get("paying_customers_end") or 0.0, 1.0)
        cac = _ratio(get("spend_amount") or 0.0, get("new_customer_count") or 0.0, 1.0)
        return arpa, arpa, cac
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


def rows_for(
    kpi: Kpi,
    request: KpiRequest,
    cells: dict[Key, Cell],
    slices: set[Key],
    fy_start_month: int,
    undefined: bool = False,
) -> list[tuple[Any, ...]]:
    """Every period for every slice, sorted by dimensions (nulls last) then period."""
    starts = [p.start for p in periods_for(request, fy_start_month)]
    keys = sorted(slices, key=lambda s: tuple((v is None, v or "") for v in s))
    if not request.by:
        keys = [()]
    out = []
    for dims in keys:
        for start in starts:
            value, num, den = (
                (None, None, None) if undefined else combine(kpi, cells.get((start, *dims), {}))
            )
            out.append((start, *dims, value, num, den))
    return out


def _fx_warning(session: Session, kpi: Kpi, plan: CompiledPlan, count: int,
                spines: Callable[[str, str], str]) -> str:  # fmt: skip
    """Name the currencies without a rate (small queries, run only when some rows lack one)."""
    currencies: set[str] = set()
    for query in plan.queries:
        cols = query.kpis.get(kpi.id)
        if cols is None or not cols.fx_missing or not query.fx_sql:
            continue
        columns, rows = session.rows(spines(query.fx_sql, query.window))
        mine = list(columns).index(cols.fx_missing)
        currencies.update(str(r[0]) for r in rows if r[mine])
    listed = ", ".join(sorted(currencies))
    return (
        f"{count} row(s) in a currency without an fx rate ({listed}) were left out of "
        f"{kpi.id}; add their rates to fx_rates."
    )


def empty_range_warning(session: Session, kpi: Kpi, request: KpiRequest,
                        plan: CompiledPlan) -> list[str]:  # fmt: skip
    """A warning when no record of the KPI lies in the range because the data is elsewhere."""
    for query in plan.queries:
        if kpi.id not in query.kpis or query.span is None:
            continue
        table, column = query.span
        _, rows = session.rows(plan.spans[f"{table}.{column}"])
        first = day(rows[0][0]) if rows and rows[0][0] is not None else None
        last = day(rows[0][1]) if rows and rows[0][1] is not None else None
        if first is None or last is None:
            return [f"{kpi.id}: no row of {table} has a {column} yet."]
        if last < request.start or first > request.end:
            return [
                f"{kpi.id}: no {query.noun} in {request.start} to {request.end}; {table}.{column} "
                f"runs from {first} to {last}. Pass --from and --to inside that range."
            ]
        if request.where:
            filters = ", ".join(
                f"{dim} = {', '.join('(empty)' if v is None else v for v in values)}"
                for dim, values in request.where.items()
            )
            return [
                f"{kpi.id}: no {query.noun} match {filters} in {request.start} to {request.end}."
            ]
        return []
    return []


def shape(
    kpi: Kpi,
    request: KpiRequest,
    plan: CompiledPlan,
    measured: Measured,
    missing: list[str],
    fy_start_month: int,
    session: Session,
    spines: Callable[[str, str], str],
) -> Result:
    """The result of one KPI of the plan."""
    columns = ["period_start", *request.by, "value", "numerator", "denominator"]
    if missing:
        rows = rows_for(kpi, request, {}, set(), fy_start_month, undefined=True)
        warnings = [f"{kpi.id} is not computed: {NEEDS[name].message}." for name in missing]
    else:
        slices = measured.slices.get(kpi.id, set())
        rows = rows_for(kpi, request, measured.cells, slices, fy_start_month)
        warnings = []
        messages = {
            column: message
            for q in plan.queries
            if kpi.id in q.kpis
            for column, message in q.kpis[kpi.id].warnings.items()
        }
        for column, n in measured.counts.get(kpi.id, {}).items():
            if n:
                warnings.append(messages[column].format(n=n, kpi=kpi.id) + ".")
        left_out = measured.fx_left_out.get(kpi.id, 0)
        if left_out:
            warnings.append(_fx_warning(session, kpi, plan, left_out, spines))
        if not slices:
            empty = empty_range_warning(session, kpi, request, plan)
            if not empty and kpi.derived:
                empty = [
                    f"{kpi.id}: no record in {request.start} to {request.end} passes its "
                    f"definition's filters ({kpi.formula}); check them with "
                    "`salesmetrics kpis --format json`."
                ]
            warnings += empty
    attrs = {
        "kpi": kpi.id,
        "label": kpi.label,
        "unit": kpi.unit.value,
        "ratio": kpi.is_ratio,
        "grain": request.grain,
        "warnings": warnings,
        "start": request.start.isoformat(),
        "end": request.end.isoformat(),
        "as_of": request.as_of.isoformat(),
        "as_of_used": kpi.kind.value == "cohort",
        "where": {dim: list(values) for dim, values in request.where.items()},
        "computed": not missing,
    }
    return Result(columns, rows, attrs)


__all__ = ["combine", "number", "shape"]
