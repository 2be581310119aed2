"""``/api/tables``: row count and date range of every canonical table."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from salesmetrics.access.roles import Permission
from salesmetrics.web.auth.guards import require
from salesmetrics.web.deps import CacheDep, SourceDep, cached
from salesmetrics.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/tables", tags=["tables"], responses=ERROR_RESPONSES,
                   dependencies=[Depends(require(Permission.quality))])  # fmt: skip


@router.get("", summary="The canonical tables")
def list_tables(source: SourceDep, cache: CacheDep) -> dict[str, Any]:
    """What `salesmetrics tables --format json` prints, as ``{data, count}``."""
    from salesmetrics.quality.overview import table_overview

    def compute() -> list[dict[str, Any]]:
        with source.read() as ws:
            return [s.to_dict() for s in table_overview(ws)]

    data: list[dict[str, Any]] = cached(source, cache, ("tables",), compute)
    return {"data": data, "count": len(data)}
