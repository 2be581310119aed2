"""``/api/scorecard``: the headline KPIs of a period (`salesmetrics scorecard`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query

from salesmetrics.web.deps import CacheDep, SourceDep, cached
from salesmetrics.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/scorecard", tags=["scorecard"], responses=ERROR_RESPONSES)


class By(StrEnum):
    team = "team"
    rep = "rep"


def scorecard_document(source: SourceDep, cache: CacheDep, period: str | None,
                       by: str | None, as_of: str | None = None) -> dict[str, Any]:  # fmt: skip
    """`salesmetrics scorecard --format json` for the same options."""
    import datetime as dt

    from salesmetrics.errors import UserError
    from salesmetrics.insights.scorecard import scorecard

    try:
        day = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise UserError(f"as_of must be a date (YYYY-MM-DD), got {as_of!r}.") from None

    def compute() -> dict[str, Any]:
        with source.read() as ws:
            return scorecard(ws, period, by=by, as_of=day).document()

    document: dict[str, Any] = cached(source, cache, ("scorecard", period, by, as_of), compute)
    return document


@router.get("", summary="The scorecard of a period")
def get_scorecard(
    source: SourceDep,
    cache: CacheDep,
    period: Annotated[
        str | None,
        Query(description="2025-Q3, 2025-07, 2025, this-/last-month, -quarter, -year."),
    ] = None,
    by: Annotated[By | None, Query(description="team or rep.")] = None,
) -> dict[str, Any]:
    """Each headline KPI with the previous period, change, target, attainment, benchmark."""
    return scorecard_document(source, cache, period or None, by.value if by else None)
