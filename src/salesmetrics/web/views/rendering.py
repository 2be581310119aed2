"""What every page shares: rendering a template with the workspace's facts, and KPI answers
from the result cache."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from salesmetrics.documents import KpiAnswer, kpi_answers
from salesmetrics.freshness import last_import
from salesmetrics.web.deps import CacheDep, SourceDep, cached
from salesmetrics.web.views.state import FILTER_DIMS, GRAINS, ViewState


def render(request: Request, template: str, view: ViewState | None, **context: Any) -> HTMLResponse:
    from salesmetrics.web.deps import get_source

    identity = getattr(request.state, "identity", None)

    def workspace_facts() -> tuple[Any, bool, str, Any]:
        with request.app.state.source.read() as ws:
            imported = last_import(ws.backend)
            has_data = imported is not None or any(
                ws.row_count(t) for t in ("opportunities", "leads", "subscriptions")
            )
            return (
                imported,
                has_data,
                str(ws.get_setting("base_currency")),
                ws.get_setting("company_name"),
            )

    # read once per state of the data, not on every page view (the sign-in page shows none)
    facts = (
        cached(get_source(request), request.app.state.cache, ("page-facts",), workspace_facts)
        if identity is not None
        else (None, False, "", None)
    )
    imported, has_data, currency, company = facts
    templates = request.app.state.templates
    return templates.TemplateResponse(request, template, {
        "view": view, "grains": GRAINS, "filter_dims": FILTER_DIMS, "imported": imported,
        "has_data": has_data, "currency": currency, "company": company,
        "path": request.url.path, "identity": identity,
        **context,
    })  # fmt: skip


def answers(source: SourceDep, cache: CacheDep, ids: list[str],
             view: ViewState, **request: Any) -> dict[str, KpiAnswer]:  # fmt: skip
    req = view.request(**request)
    key = ("answers", tuple(ids), json.dumps(req, sort_keys=True, default=str))

    def compute() -> dict[str, KpiAnswer]:
        with source.read() as ws:
            return kpi_answers(ws, ids, **req)

    found: dict[str, KpiAnswer] = cached(source, cache, key, compute)
    return found
