"""Explain a KPI: the formula in words, the inputs, the SQL that ran, and the records behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import ibis
import pandas as pd

from salesmetrics.engine.execute import with_spines
from salesmetrics.engine.measures import as_count
from salesmetrics.engine.placeholders import WINDOW_CODES, WINDOW_COLUMN
from salesmetrics.engine.plan import CURRENT
from salesmetrics.engine.sql import Query, build_queries

if TYPE_CHECKING:
    from salesmetrics.engine.ibis_context import Context


@dataclass
class Explanation:
    """Everything behind one KPI result."""

    kpi: str
    label: str
    formula: str
    description: str
    inputs: list[str]
    sql: list[str]
    records: pd.DataFrame
    result: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def _inputs(ctx: Context, queries: list[Query]) -> list[str]:
    req, kpi = ctx.request, ctx.request.kpi
    lines = [
        f"KPI {kpi.id} ({kpi.kind.value}, anchor {kpi.anchor}, unit {kpi.unit.value})",
        f"grain {req.grain}, from {req.start} to {req.end}, as of {req.as_of}",
        f"fiscal year starts in month {ctx.fiscal_year_start_month}; money in {ctx.base_currency}",
    ]
    if req.by:
        lines.append("sliced by " + ", ".join(req.by))
    for name, values in req.filters.items():
        shown = ", ".join("(empty)" if v is None else v for v in values)
        lines.append(f"filter {name} in [{shown}]")
    for query in queries:
        measures = ", ".join(m.name for m in query.measures)
        shown = query.window.replace("_", " and ")
        window = "" if query.window == CURRENT else f" ({shown} period windows)"
        lines.append(f"row set {query.rowset.name}{window}: {measures}")
    return lines


def records_of(ctx: Context, query: Query, limit: int) -> pd.DataFrame:
    """The rows of ``query``'s row set that count in one of its measures, at most ``limit``."""
    rows = query.rows
    columns: dict[str, Any] = {"period_start": rows.period_start}
    columns.update({d: rows[d] for d in ctx.request.by})
    if WINDOW_COLUMN in rows.columns:
        columns[WINDOW_COLUMN] = rows[WINDOW_COLUMN]
    columns.update(
        {name: rows[col] for name, col in query.rowset.records.items() if col in rows.columns}
    )
    if "_rate" in rows.columns:
        columns["fx_rate"] = rows._rate
    counted: Any = ibis.literal(False)
    for measure in query.measures:
        member = query.members(measure, ctx)
        counted = counted | member
        if measure.value is None:
            columns[measure.name] = as_count(member)
        else:
            columns[measure.name] = ibis.ifelse(member, measure.value(rows, ctx), None)
    picked = rows.filter(counted).select(**columns).order_by(["period_start", columns_key(query)])
    sql = with_spines(ctx.backend, ctx.sql(picked.limit(limit)), ctx.request,
                      ctx.fiscal_year_start_month, [query.window])  # fmt: skip
    frame = ctx.run(sql)
    if WINDOW_COLUMN in frame.columns:
        names = {code: name for name, code in WINDOW_CODES.items()}
        frame.insert(0, "window", [names[int(c)] for c in frame.pop(WINDOW_COLUMN)])
    elif query.window != CURRENT:
        frame.insert(0, "window", query.window)
    return frame


def compute_one(ctx: Context) -> pd.DataFrame:
    """The KPI of ``ctx`` as the engine computes it (its frame)."""
    from salesmetrics.engine import run_request

    return run_request(ctx.workspace, ctx.request, ctx.session)[ctx.request.kpi.id].frame()


def columns_key(query: Query) -> str:
    """The record id column used to order records."""
    return next(iter(query.rowset.records))


def explain_kpi(ctx: Context, limit: int = 20) -> Explanation:
    """Run the KPI and gather its explanation; ``limit`` caps the records of each row set."""
    kpi = ctx.request.kpi
    result = compute_one(ctx)
    queries = build_queries(ctx, [kpi])
    # the statements as they ran: periods and range bounds written in
    fy = ctx.fiscal_year_start_month
    sql = [
        with_spines(ctx.backend, ctx.sql(q.expr, pretty=True), ctx.request, fy, [q.window])
        for q in queries
    ]
    computed = bool(result.attrs.get("computed", True))
    frames = [records_of(ctx, q, limit) for q in queries] if computed else []
    frames = [f for f in frames if not f.empty]
    records = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return Explanation(
        kpi=kpi.id,
        label=kpi.label,
        formula=kpi.formula,
        description=kpi.description,
        inputs=_inputs(ctx, queries),
        sql=sql,
        records=records,
        result=result,
        warnings=list(result.attrs.get("warnings", [])),
    )


def not_shown_explanation(kpi: Any, result: pd.DataFrame) -> Explanation:
    """What a viewer who may not see ``kpi`` is told: its definition and why, no SQL, no
    record."""
    warnings = list(result.attrs.get("warnings", []))
    return Explanation(kpi=kpi.id, label=kpi.label, formula=kpi.formula,
                       description=kpi.description, inputs=warnings, sql=[],
                       records=pd.DataFrame(), result=result, warnings=warnings)  # fmt: skip
