"""Build a review for a cadence, a period and an audience — the company, a team, a rep, or a
user (whose access rules apply: a manager's review covers their team, a rep's their own
numbers)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from salesmetrics.access.reach import Viewer, whole_teams
from salesmetrics.access.roles import Role
from salesmetrics.engine.scope import viewer_of
from salesmetrics.errors import UnknownNameError, UserError
from salesmetrics.reviews.content import BUILDERS, insights_sections
from salesmetrics.reviews.model import CADENCES, Review
from salesmetrics.reviews.periods import review_window

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace


def audience(
    ws: Workspace, team: str | None = None, rep: str | None = None, user: str | None = None
) -> tuple[Viewer | None, str]:
    """The viewer a review is computed for, and how it is named."""
    from salesmetrics.access.reach import viewer_for
    from salesmetrics.access.users import get_user

    every = ws.backend.rows("SELECT rep_id, name, email, team, manager FROM reps")
    current = viewer_of(ws)
    # whoever asks, a review never reaches past their own scope: names outside it are not even
    # suggested
    rows = [r for r in every if current.reps is None or str(r[0]) in current.reps]
    viewer: Viewer | None = current if current.restricted else None
    label = "the company" if viewer is None else f"{current.name} ({current.role.value})"
    if user:
        found = get_user(ws.backend, user)
        viewer = viewer_for(ws.backend, found)
        if current.restricted and current.reps is not None:
            reps = (
                set(viewer.reps) & set(current.reps)
                if viewer.reps is not None
                else set(current.reps)
            )
            viewer = Viewer(
                viewer.name, viewer.role, viewer.rep_id, frozenset(reps), whole_teams(every, reps)
            )
        label = f"{found.name} ({found.role.value})"
    if team or rep:
        if team:
            members = {
                str(r[0]) for r in rows if r[3] is not None and str(r[3]).lower() == team.lower()
            }
            if not members:
                teams = {str(r[3]) for r in rows if r[3]}
                raise UnknownNameError("team", team, teams)
            label = f"team {next(str(r[3]) for r in rows if str(r[0]) in members)}"
        else:
            names = {str(r[0]): str(r[1] or "") for r in rows}
            if rep not in names:
                raise UnknownNameError("rep", str(rep), names)
            members = {str(rep)}
            label = f"rep {rep}" + (f" ({names[str(rep)]})" if names[str(rep)] else "")
        if viewer is not None and viewer.reps is not None:
            members &= set(viewer.reps)
            label = f"{label}, as {viewer.name}"
        name = viewer.name if viewer else label
        viewer = Viewer(
            name,
            Role.manager if team else Role.rep,
            rep,
            frozenset(members),
            whole_teams(every, members),
        )
    return viewer, label


def build_review(
    ws: Workspace,
    cadence: str,
    period: str | None = None,
    as_of: dt.date | None = None,
    team: str | None = None,
    rep: str | None = None,
    user: str | None = None,
    insights: bool = True,
) -> Review:
    """The review of ``cadence`` for ``period`` (default: the last whole one) as of ``as_of``."""
    if cadence not in CADENCES:
        raise UnknownNameError("cadence", cadence, CADENCES)
    if team and rep:
        raise UserError("Pass --team or --rep, not both.")
    day = as_of or dt.date.today()
    fy = int(ws.get_setting("fiscal_year_start_month"))
    window = review_window(cadence, period, day, fy)
    if window.first >= day:
        raise UserError(
            f"The {cadence} review of {window.first} to {window.last} can be made "
            f"once it has begun; today is {day}."
        )
    viewer, label = audience(ws, team, rep, user)
    seen = ws.viewing(viewer) if viewer is not None and viewer is not viewer_of(ws) else ws
    review = Review(
        cadence,
        window.first,
        window.last,
        label,
        str(ws.get_setting("company_name") or "salesmetrics"),
        str(ws.get_setting("base_currency")),
        dt.datetime.now(dt.UTC).replace(microsecond=0),
    )
    as_of_day = max(day, window.last)
    BUILDERS[cadence](seen, review, window, as_of_day)
    if insights:
        insights_sections(seen, review, window, as_of_day)
    return review
