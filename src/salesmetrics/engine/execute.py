"""Run a compiled plan on a request's session: the aggregate cells and what each KPI counted."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.engine.periods import Period, bucket_unit, buckets, shifted, spine
from salesmetrics.engine.placeholders import (
    AS_OF_PLACEHOLDER,
    WINDOW_CODES,
    WINDOW_COLUMN,
    bound_placeholder,
    buckets_name,
    buckets_schema,
    filter_placeholder,
    parts,
    spine_name,
    spine_schema,
)
from salesmetrics.engine.plan import CURRENT, CompiledPlan

if TYPE_CHECKING:
    from salesmetrics.backends.base import Backend, Session
    from salesmetrics.engine.request import KpiRequest

Key = tuple[Any, ...]
Cell = dict[str, float]
WINDOW_NAMES = {code: name for name, code in WINDOW_CODES.items()}


def number(value: Any) -> float | None:
    """A float from a database value; null and NaN become None."""
    if value is None:
        return None
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(result) else result


def dimension(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date"):  # pandas Timestamp
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def periods_for(request: KpiRequest, fy_start_month: int, window: str = CURRENT) -> list[Period]:
    base = spine(request.grain, request.start, request.end, fy_start_month)
    if window == CURRENT:
        return base
    return shifted(base, request.grain, window, fy_start_month)


def with_spines(
    backend: Backend, sql: str, request: KpiRequest, fy_start_month: int, windows: list[str]
) -> str:
    """``sql`` with the spine tables of ``windows`` replaced by their periods, written inline,
    and the request's as-of date and filter values in place of their placeholders."""
    unit = bucket_unit(request.grain)
    for window in windows:
        # one window, or several tagged with their code (a merged window)
        tagged = [
            (p, () if len(parts(window)) == 1 else (WINDOW_CODES[part],))
            for part in parts(window)
            for p in periods_for(request, fy_start_month, part)
        ]
        periods = [p for p, _ in tagged]
        spine_sql = backend.quote(spine_name(window))
        if spine_sql in sql:
            rows = [(p.start, p.lo, p.hi, *code) for p, code in tagged]
            sql = sql.replace(spine_sql, backend.inline_dates(list(spine_schema(window)), rows))
        buckets_sql = backend.quote(buckets_name(window))
        if buckets_sql in sql:
            pairs = [
                (b, p.start, p.lo, p.hi, *code) for p, code in tagged for b, _ in buckets([p], unit)
            ]
            sql = sql.replace(
                buckets_sql, backend.inline_dates(list(buckets_schema(window)), pairs)
            )
        bounds = {
            "first_lo": min(p.lo for p in periods),
            "last_hi": max(p.hi for p in periods),
            "first_hi": min(p.hi for p in periods),
            "first_start": min(p.start for p in periods),
        }
        for name, day in bounds.items():
            placeholder = f"'{bound_placeholder(window, name).isoformat()}'"
            sql = sql.replace(placeholder, f"'{day.isoformat()}'")
    return with_filters(backend, with_as_of(sql, request), request)


def with_as_of(sql: str, request: KpiRequest) -> str:
    """``sql`` with the request's as-of date in place of its stand-in."""
    return sql.replace(f"'{AS_OF_PLACEHOLDER.isoformat()}'", f"'{request.as_of.isoformat()}'")


def with_filters(backend: Backend, sql: str, request: KpiRequest) -> str:
    """``sql`` with the placeholder of each request filter replaced by the values it keeps."""
    lists = {
        f"'{filter_placeholder(dim)}'": backend.inline_strings([v for v in values if v is not None])
        for dim, values in request.filters.items()
        if any(v is not None for v in values)
    }
    if not lists:
        return sql
    # one pass: a value that looks like a placeholder is never replaced again
    pattern = "|".join(re.escape(p) for p in lists)
    return re.sub(pattern, lambda m: lists[m.group(0)], sql)


@dataclass
class Measured:
    """The cells of every query and, per KPI, its slices and caveat counts."""

    cells: dict[Key, Cell] = field(default_factory=dict)
    slices: dict[str, set[Key]] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    fx_left_out: dict[str, int] = field(default_factory=dict)


def execute(
    backend: Backend,
    session: Session,
    request: KpiRequest,
    plan: CompiledPlan,
    fy_start_month: int,
) -> Measured:
    """Run every query of ``plan`` once (for every KPI it serves)."""
    measured = Measured()
    width = len(request.by)
    for query in plan.queries:
        sql = with_spines(backend, query.sql, request, fy_start_month, [query.window])
        names, rows = session.rows(sql)
        position = {name: i for i, name in enumerate(names)}
        measures = [(m, position[m]) for m in query.measures]
        tag = position.get(WINDOW_COLUMN)
        for record in rows:
            dims = tuple(dimension(record[1 + i]) for i in range(width))
            cell = measured.cells.setdefault((day(record[0]), *dims), {})
            window = query.window if tag is None else WINDOW_NAMES[int(record[tag])]
            for measure, at in measures:
                value = number(record[at])
                if value is not None:
                    # a merged query names its columns by the merged window: file each row's
                    # values under its own window
                    name = measure if tag is None else f"{measure.rsplit('__', 1)[0]}__{window}"
                    cell[name] = value
            for kpi_id, cols in query.kpis.items():
                counts = measured.counts.setdefault(kpi_id, {})
                if window == CURRENT and (number(record[position[cols.population]]) or 0):
                    measured.slices.setdefault(kpi_id, set()).add(dims)
                for column in cols.warnings:
                    counts[column] = counts.get(column, 0) + int(
                        number(record[position[column]]) or 0
                    )
                if cols.fx_missing:
                    left = int(number(record[position[cols.fx_missing]]) or 0)
                    measured.fx_left_out[kpi_id] = measured.fx_left_out.get(kpi_id, 0) + left
    return measured


def missing_needs(session: Session, plan: CompiledPlan, names: list[str]) -> list[str]:
    """The needs among ``names`` that no row satisfies (each checked once)."""
    missing = []
    for name in dict.fromkeys(names):
        found = False
        for sql in plan.needs[name]:
            _, rows = session.rows(sql)
            if rows and int(number(rows[0][0]) or 0) > 0:
                found = True
                break
        if not found:
            missing.append(name)
    return missing
