"""Why a result is empty: the requested range holds none of the KPI's records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from salesmetrics.engine.compile import CompiledQuery
    from salesmetrics.engine.context import Context


def _day(value: Any) -> dt.date | None:
    if value is None or value != value:  # None or NaN/NaT
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    import pandas as pd

    return pd.Timestamp(value).date()


def date_span(ctx: Context, table: str, column: str) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of ``table.column`` (None when no row has one)."""
    t = ctx[table]
    expr = t.aggregate(lo=t[column].min(), hi=t[column].max())
    frame = ctx.run(ctx.sql(expr))
    return _day(frame.iloc[0, 0]), _day(frame.iloc[0, 1])


def empty_range_warning(ctx: Context, queries: list[CompiledQuery]) -> list[str]:
    """A warning when no record of the KPI lies in the range because the data is elsewhere."""
    req = ctx.request
    for query in queries:
        if query.span is None:
            continue
        table, column = query.span
        first, last = date_span(ctx, table, column)
        if first is None or last is None:
            return [f"{req.kpi.id}: no row of {table} has a {column} yet."]
        if last < req.start or first > req.end:
            return [
                f"{req.kpi.id}: no {query.noun} in {req.start} to {req.end}; {table}.{column} "
                f"runs from {first} to {last}. Pass --from and --to inside that range."
            ]
        if req.where:
            filters = ", ".join(
                f"{dim} = {', '.join('(empty)' if v is None else v for v in values)}"
                for dim, values in req.where.items()
            )
            return [f"{req.kpi.id}: no {query.noun} match {filters} in {req.start} to {req.end}."]
        return []
    return []
