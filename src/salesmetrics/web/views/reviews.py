"""Review pages: ``/reviews`` (each cadence, the schedules and what was delivered) and
``/reviews/{cadence}`` (the review itself, the same file an email carries — the link in the
email opens it; computed for whoever asks, within their scope)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from salesmetrics.access.roles import Permission
from salesmetrics.web.auth.guards import IdentityDep, check_form_csrf, require
from salesmetrics.web.deps import CacheDep, SourceDep, cached
from salesmetrics.web.views.rendering import render

router = APIRouter(include_in_schema=False)
CADENCE = Annotated[str, Path(pattern="^(daily|weekly|monthly|quarterly)$")]


@router.get("/reviews", response_class=HTMLResponse)
def reviews_index(request: Request, source: SourceDep, identity: IdentityDep) -> HTMLResponse:
    from salesmetrics.reviews.runner import deliveries
    from salesmetrics.reviews.schedules import all_schedules

    schedules, delivered = [], []
    if identity.may(Permission.write):
        with source.read() as ws:
            schedules = [s.as_dict() for s in all_schedules(ws)]
            delivered = deliveries(ws)[:30]
    return render(request, "reviews.html", None, schedules=schedules, delivered=delivered)


@router.get("/reviews/{cadence}", response_class=HTMLResponse)
def review_page(source: SourceDep, cache: CacheDep, cadence: CADENCE, period: str = "",
                team: str = "", rep: str = "") -> Response:  # fmt: skip
    """The review as `salesmetrics review --cadence … --format html` writes it."""
    import datetime as dt

    from salesmetrics.reviews.build import build_review
    from salesmetrics.reviews.render import to_html

    def compute() -> str:
        with source.read() as ws:
            review = build_review(
                ws, cadence, period or None, dt.date.today(), team or None, rep or None
            )
            return to_html(review)

    body: str = cached(
        source, cache, ("review", cadence, period, team, rep, dt.date.today()), compute
    )
    return HTMLResponse(body)


@router.post("/reviews/schedules", dependencies=[Depends(require(Permission.write))])
def add_schedule_form(
    source: SourceDep,
    identity: IdentityDep,
    schedule_id: Annotated[str, Form()],
    cadence: Annotated[str, Form()],
    time: Annotated[str, Form()] = "07:00",
    timezone: Annotated[str, Form()] = "UTC",
    emails: Annotated[str, Form()] = "",
    users: Annotated[str, Form()] = "",
    webhook: Annotated[str, Form()] = "",
    team: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Add a schedule from the page (admins)."""
    from salesmetrics.reviews.schedules import Schedule, add_schedule

    check_form_csrf(identity, csrf_token)
    made = Schedule(
        schedule_id.strip().lower(),
        cadence,
        time.strip(),
        timezone.strip(),
        tuple(u.strip().lower() for u in users.split(",") if u.strip()),
        tuple(e.strip() for e in emails.split(",") if e.strip()),
        webhook.strip(),
        team.strip(),
    )
    with source.write() as ws:
        add_schedule(ws, made)
    return RedirectResponse("/reviews#schedules", status_code=303)


@router.post(
    "/reviews/schedules/{schedule_id}/remove", dependencies=[Depends(require(Permission.write))]
)
def remove_schedule_form(source: SourceDep, identity: IdentityDep, schedule_id: str,
                         csrf_token: Annotated[str, Form()] = "") -> Response:  # fmt: skip
    from salesmetrics.reviews.schedules import remove_schedule

    check_form_csrf(identity, csrf_token)
    with source.write() as ws:
        remove_schedule(ws, schedule_id)
    return RedirectResponse("/reviews#schedules", status_code=303)
