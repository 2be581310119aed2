"""Pages that rank the slices of one dimension on a few KPIs: the team leaderboard (by rep),
leads (by source), customers (by segment) and marketing (by channel)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from salesmetrics.web.deps import CacheDep, SourceDep
from salesmetrics.web.views import charts
from salesmetrics.web.views.cards import change_pct
from salesmetrics.web.views.rendering import answers, render
from salesmetrics.web.views.state import ViewState

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Board:
    title: str
    dimension: str
    kpis: tuple[str, ...]
    intro: str


BOARDS = {
    "team": Board("Team leaderboard", "rep", ("quota_attainment", "revenue", "win_rate",
                  "activities", "ramp_days"),
                  "Each rep over the period, ranked by the first KPI that has a value."),
    "leads": Board("Leads by source", "source", ("leads_created", "lead_conversion_rate",
                   "lead_response_hours"), "Volume, conversion and response time per source."),
    "customers": Board("Customers by segment", "segment", ("customer_churn_rate",
                       "customer_retention_rate", "net_revenue_retention", "clv", "nps", "csat"),
                       "Churn, retention, lifetime value and satisfaction per segment."),
    "marketing": Board("Marketing by channel", "channel", ("sales_marketing_spend", "cpa",
                       "roas", "ctr", "website_conversion_rate", "bounce_rate"),
                       "Spend and its returns per channel."),
}  # fmt: skip


def boardrender(request: Request, source: SourceDep, cache: CacheDep, name: str) -> HTMLResponse:
    from salesmetrics.catalog import get_kpi

    board = BOARDS[name]
    view = ViewState.of(request)
    kpis = [get_kpi(k) for k in board.kpis]
    usable = [k for k in kpis if view.supports(k.dimensions) and board.dimension in k.dimensions]
    left_out = [k.label for k in kpis if k not in usable]
    ids = [k.id for k in usable]
    by = [board.dimension]
    found = answers(source, cache, ids, view, grain="total", by=by) if usable else {}
    before = (
        answers(source, cache, ids, view.shifted(back=True), grain="total", by=by) if usable else {}
    )
    table: dict[str, dict[str, Any]] = {}
    changes: dict[str, dict[str, Any]] = {}
    warnings: list[str] = []
    for kpi in usable:
        answer = found[kpi.id]
        warnings += answer.warnings
        previous = {
            str(r.get(board.dimension) or "(empty)"): r.get("value") for r in before[kpi.id].rows
        }
        for row in answer.rows:
            key = str(row.get(board.dimension) or "(empty)")
            table.setdefault(key, {})[kpi.id] = row.get("value")
            changes.setdefault(key, {})[kpi.id] = change_pct(row.get("value"), previous.get(key))
    # rank and chart by the first KPI that has a value (one not computed says why above)
    ranked = [k for k in usable if any(v.get(k.id) is not None for v in table.values())]
    first = ranked[0].id if ranked else None
    ordered = sorted(table.items(), key=lambda kv: -(kv[1].get(first) or 0) if first else 0)
    figure = None
    if first and ordered:
        figure = json.dumps(charts.bars([k for k, _ in ordered], [v.get(first) for _, v in ordered],
                                        f"{ranked[0].label} by {board.dimension}"))  # fmt: skip
    unique = list(dict.fromkeys(warnings))
    return render(request, "board.html", view, board=board, kpis=usable, rows=ordered,
                 changes=changes,
                 left_out=left_out, warnings=unique, figure=figure)  # fmt: skip


def _route(name: str) -> None:
    def page(request: Request, source: SourceDep, cache: CacheDep) -> HTMLResponse:
        return boardrender(request, source, cache, name)

    page.__name__ = f"{name}_page"
    router.add_api_route(f"/{name}", page, methods=["GET"], response_class=HTMLResponse)


for _name in BOARDS:
    _route(_name)
