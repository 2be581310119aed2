"""``/api/kpis``: the catalog, one KPI (the CLI's JSON), and its explanation."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse, Response

from salesmetrics.web.deps import CacheDep, SelectorsDep, SourceDep, cached
from salesmetrics.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/kpis", tags=["kpis"], responses=ERROR_RESPONSES)

KpiId = Annotated[str, Path(description="KPI id, e.g. win_rate (see GET /api/kpis).")]


def catalog_entries(source: SourceDep, cache: CacheDep) -> list[dict[str, Any]]:
    """Every KPI (built-in, then the workspace's own) as `salesmetrics kpis --format json`."""
    from salesmetrics.catalog import all_kpis
    from salesmetrics.engine.custom import workspace_kpis
    from salesmetrics.insights.benchmarks import catalog_entry

    def compute() -> list[dict[str, Any]]:
        with source.read() as ws:
            custom = list(workspace_kpis(ws).values())
        return [
            {**k.as_dict(), "benchmark_data": catalog_entry(k.id)} for k in [*all_kpis(), *custom]
        ]

    entries: list[dict[str, Any]] = cached(source, cache, ("catalog",), compute)
    return entries


@router.get("", summary="The KPI catalog")
def list_kpis(source: SourceDep, cache: CacheDep) -> dict[str, Any]:
    """id, label, unit, category, formula, dimensions and benchmark of every KPI."""
    data = catalog_entries(source, cache)
    return {"data": data, "count": len(data)}


@router.get("/{kpi_id}", summary="One KPI per period and slice", response_class=JSONResponse)
def get_kpi(kpi_id: KpiId, sel: SelectorsDep, source: SourceDep, cache: CacheDep) -> Response:
    """``{kpi, unit, grain, rows, warnings}``: ``rows`` are exactly the rows of
    `salesmetrics kpi KPI --format json` with the same selectors."""

    from salesmetrics.documents import kpi_answer

    def encode() -> bytes:
        with source.read() as ws:
            document = kpi_answer(ws, kpi_id, **sel.request()).document()
        return json.dumps(document, ensure_ascii=False).encode()

    # kept encoded: a repeated request costs a dictionary look-up, not a serialisation
    body: bytes = cached(source, cache, ("kpi-json", kpi_id, *sel.key()), encode)
    return Response(body, media_type="application/json")


@router.get("/{kpi_id}/explain", summary="Formula, inputs, SQL and records behind a KPI")
def explain_kpi(
    kpi_id: KpiId,
    sel: SelectorsDep,
    source: SourceDep,
    cache: CacheDep,
    limit: Annotated[int, Query(ge=0, le=10_000, description="Records per row set.")] = 20,
) -> dict[str, Any]:
    """What `salesmetrics explain KPI --format json` prints."""
    from salesmetrics.documents import explain_document

    def compute() -> dict[str, Any]:
        with source.read() as ws:
            return explain_document(ws.explain(kpi_id, limit=limit, **sel.request()))

    document: dict[str, Any] = cached(
        source, cache, ("explain", kpi_id, limit, *sel.key()), compute
    )
    return document
