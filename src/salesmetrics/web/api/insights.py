"""``/api/insights``, ``/api/changes``, ``/api/why/{kpi}``, ``/api/pace`` and ``/api/alerts``:
what the insights commands print, for the user's scope."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query

from salesmetrics.access.roles import Permission
from salesmetrics.web.auth.guards import require
from salesmetrics.web.deps import CacheDep, SourceDep, cached
from salesmetrics.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["insights"], responses=ERROR_RESPONSES)


class Versus(StrEnum):
    previous = "previous"
    year = "year"


Period = Annotated[str | None, Query(description="2025-Q3, 2025-07, 2025, last-quarter …")]
Vs = Annotated[Versus, Query(description="previous or year.")]
AsOf = Annotated[str | None, Query(description="Today, for the data (YYYY-MM-DD).")]


def _day(as_of: str | None) -> dt.date:
    from salesmetrics.engine.request import parse_date

    return parse_date(as_of, "as_of") or dt.date.today()


def insights_document(
    source: SourceDep,
    cache: CacheDep,
    period: str | None,
    vs: str,
    as_of: str | None,
    top: int = 10,
) -> dict[str, Any]:
    """`salesmetrics insights --format json` (cached per data state and scope)."""
    from salesmetrics.insights.report import insights

    day = _day(as_of)

    def compute() -> dict[str, Any]:
        with source.read() as ws:
            return insights(ws, period, day, vs).document(top)

    found: dict[str, Any] = cached(source, cache, ("insights", period, vs, day, top), compute)
    return found


@router.get("/insights", summary="Insights of a period")
def get_insights(
    source: SourceDep,
    cache: CacheDep,
    period: Period = None,
    vs: Vs = Versus.previous,
    as_of: AsOf = None,
    top: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    """Top findings; alerts, changes, reps, ramps, optimistic pipelines, pace; why; actions."""
    return insights_document(source, cache, period, vs.value, as_of, top)


@router.get("/changes", summary="What changed")
def get_changes(
    source: SourceDep,
    cache: CacheDep,
    period: Period = None,
    vs: Vs = Versus.previous,
    as_of: AsOf = None,
    top: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    """`salesmetrics changes --format json`."""
    from salesmetrics.insights.changes import scan
    from salesmetrics.insights.report import windows

    day = _day(as_of)

    def compute() -> dict[str, Any]:
        with source.read() as ws:
            current, compared = windows(ws, period, day, vs.value)
            return scan(ws, current, compared, day, None, top).document()

    found: dict[str, Any] = cached(source, cache, ("changes", period, vs, day, top), compute)
    return found


@router.get("/why/{kpi_id}", summary="Why a KPI changed")
def get_why(
    source: SourceDep,
    cache: CacheDep,
    kpi_id: Annotated[str, Path(description="KPI id.")],
    period: Period = None,
    vs: Vs = Versus.previous,
    as_of: AsOf = None,
    by: Annotated[str | None, Query(description="A dimension.")] = None,
) -> dict[str, Any]:
    """`salesmetrics why KPI --format json`: contributions adding up to the change."""
    from salesmetrics.insights.report import windows
    from salesmetrics.insights.why import explain_change

    day = _day(as_of)

    def compute() -> dict[str, Any]:
        with source.read() as ws:
            current, compared = windows(ws, period, day, vs.value)
            return explain_change(ws, kpi_id, current, compared, day, by or None).document()

    found: dict[str, Any] = cached(source, cache, ("why", kpi_id, period, vs, day, by), compute)
    return found


@router.get("/pace", summary="Pace of the quarter against quota")
def get_pace(
    source: SourceDep,
    cache: CacheDep,
    as_of: AsOf = None,
    by: Annotated[str, Query(pattern="^(team|rep)$")] = "team",
) -> dict[str, Any]:
    """`salesmetrics pace --format json`."""
    from salesmetrics.insights.pace import pace
    from salesmetrics.insights.periods import running

    day = _day(as_of)

    def compute() -> dict[str, Any]:
        with source.read() as ws:
            fy = int(ws.get_setting("fiscal_year_start_month"))
            return pace(ws, running(day, "quarter", fy), day, by).document()

    found: dict[str, Any] = cached(source, cache, ("pace", day, by), compute)
    return found


@router.get("/alerts", summary="Alert rules and what is firing")
def list_alerts(source: SourceDep) -> dict[str, Any]:
    """Every rule; with what is firing now (stored firings are shown to those who read every
    row: a manager's or rep's page evaluates the rules within their own scope)."""
    from salesmetrics.insights.alerts import all_rules
    from salesmetrics.insights.firing import firings

    with source.read() as ws:
        rules = all_rules(ws)
        fired = firings(ws, "firing") if not source.viewer.restricted else []
    data = [{**r.as_dict(), "firing": [f["finding"] for f in fired if f["rule"] == r.id]}
            for r in rules]  # fmt: skip
    return {"data": data, "count": len(data)}


WRITER = [Depends(require(Permission.write))]


@router.post("/alerts", summary="Add an alert rule", dependencies=WRITER)
def add_alert(
    source: SourceDep,
    rule: Annotated[
        dict[str, Any],
        Body(
            examples=[
                {
                    "id": "win-rate-low",
                    "kpi": "win_rate",
                    "condition": "below",
                    "value": 20,
                    "grain": "month",
                }
            ]
        ),
    ],
) -> dict[str, Any]:
    """Body: id, kpi, condition, value, grain, by (list), where ({dim: [values]}), note."""
    from salesmetrics.insights.alerts import Rule, add_rule
    from salesmetrics.web.errors import ApiError

    try:
        made = Rule(str(rule["id"]), str(rule["kpi"]), str(rule["condition"]),
                    None if rule.get("value") is None else float(rule["value"]),
                    str(rule.get("grain", "month")), tuple(rule.get("by") or ()),
                    {str(k): [str(x) for x in v] for k, v in (rule.get("where") or {}).items()},
                    str(rule.get("note", "")))  # fmt: skip
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ApiError(422, f"A rule needs id, kpi and condition ({exc}).",
                       "invalid_parameter") from None  # fmt: skip
    with source.write() as ws:
        return add_rule(ws, made).as_dict()


@router.delete("/alerts/{rule_id}", summary="Remove an alert rule", dependencies=WRITER)
def remove_alert(source: SourceDep, rule_id: str) -> dict[str, Any]:
    from salesmetrics.insights.alerts import remove_rule

    with source.write() as ws:
        remove_rule(ws, rule_id)
    return {"removed": rule_id}
