"""The insights page: the top findings of a period, what to do (with the records to open), why
the headline KPIs moved, the quarter's pace, and the alert rules (admins add and remove)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from salesmetrics.access.roles import Permission
from salesmetrics.web.auth.guards import IdentityDep, check_form_csrf, require
from salesmetrics.web.deps import CacheDep, SourceDep
from salesmetrics.web.views.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/insights", response_class=HTMLResponse)
def insights_page(request: Request, source: SourceDep, cache: CacheDep, period: str = "",
                  vs: str = "previous") -> HTMLResponse:  # fmt: skip
    from salesmetrics.web.api.insights import insights_document, list_alerts

    vs = vs if vs in ("previous", "year") else "previous"
    doc = insights_document(source, cache, period or None, vs, None, top=12)
    alerts = list_alerts(source)["data"]
    return render(request, "insights.html", None, doc=doc, period=period, vs=vs, alerts=alerts,
                  conditions=_conditions())  # fmt: skip


def _conditions() -> list[str]:
    from salesmetrics.insights.alerts import CONDITIONS

    return list(CONDITIONS)


@router.post("/insights/alerts", dependencies=[Depends(require(Permission.write))])
def add_alert_form(
    source: SourceDep,
    identity: IdentityDep,
    kpi: Annotated[str, Form()],
    condition: Annotated[str, Form()],
    value: Annotated[str, Form()] = "",
    grain: Annotated[str, Form()] = "month",
    by: Annotated[str, Form()] = "",
    rule_id: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Add a rule from the page's form (admins)."""
    from salesmetrics.insights.alerts import Rule, add_rule

    check_form_csrf(identity, csrf_token)
    number: Any = float(value) if value.strip() else None
    made = Rule(rule_id.strip() or f"{kpi}-{condition}".replace("_", "-"), kpi.strip(),
                condition.strip(), number, grain, tuple(d for d in [by.strip()] if d))  # fmt: skip
    with source.write() as ws:
        add_rule(ws, made)
    return RedirectResponse("/insights#alerts", status_code=303)


@router.post("/insights/alerts/{rule_id}/remove", dependencies=[Depends(require(Permission.write))])
def remove_alert_form(source: SourceDep, identity: IdentityDep, rule_id: str,
                      csrf_token: Annotated[str, Form()] = "") -> Response:  # fmt: skip
    from salesmetrics.insights.alerts import remove_rule

    check_form_csrf(identity, csrf_token)
    with source.write() as ws:
        remove_rule(ws, rule_id)
    return RedirectResponse("/insights#alerts", status_code=303)
