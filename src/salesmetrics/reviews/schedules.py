"""Review schedules stored in the workspace: a cadence, an audience (users — each receives
their own review — an email list, or a webhook), a time of day and a time zone.

A daily review goes out every day for the day before; weekly on Mondays for the week before;
monthly on the first of the month for the month before; quarterly on a quarter's first day
for the quarter before (of the workspace's fiscal year)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from salesmetrics.access import store
from salesmetrics.errors import UnknownNameError, UserError
from salesmetrics.reviews.model import CADENCES

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

PREFIX = "reviews.schedule."


@dataclass(frozen=True)
class Schedule:
    id: str
    cadence: str
    time: str = "07:00"
    timezone: str = "UTC"
    users: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    webhook: str = ""
    #: the review of an email list or webhook: the company, or a team's or a rep's
    team: str = ""
    rep: str = ""
    created_at: str = ""

    def describe(self) -> str:
        to = [
            *(f"user {u}" for u in self.users),
            *self.emails,
            *([self.webhook] if self.webhook else []),
        ]
        scope = f" of team {self.team}" if self.team else f" of rep {self.rep}" if self.rep else ""
        return f"{self.cadence} review{scope} at {self.time} {self.timezone} to {', '.join(to)}"

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "users": list(self.users),
            "emails": list(self.emails),
            "description": self.describe(),
        }

    def occurrence(self, now: dt.datetime, fy: int) -> dt.datetime:
        """The latest moment (UTC) at or before ``now`` when this schedule was due."""
        zone = ZoneInfo(self.timezone)
        local = now.astimezone(zone)
        hour, minute = (int(p) for p in self.time.split(":"))
        day = local.date()
        for _ in range(400):
            at = dt.datetime.combine(day, dt.time(hour, minute), zone)
            if at <= local and self._due_on(day, fy):
                return at.astimezone(dt.UTC)
            day -= dt.timedelta(days=1)
        raise UserError(f"Schedule {self.id} has no occurrence in the last 400 days.")

    def _due_on(self, day: dt.date, fy: int) -> bool:
        if self.cadence == "daily":
            return True
        if self.cadence == "weekly":
            return day.weekday() == 0
        if self.cadence == "monthly":
            return day.day == 1
        return day.day == 1 and (day.month - fy) % 3 == 0


def _check(ws: Workspace, schedule: Schedule) -> Schedule:
    from salesmetrics.access.users import get_user

    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", schedule.id):
        raise UserError(f"Schedule id {schedule.id!r}: use lower-case letters, digits, _ and -.")
    if schedule.cadence not in CADENCES:
        raise UnknownNameError("cadence", schedule.cadence, CADENCES)
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", schedule.time):
        raise UserError(f"--time must be HH:MM (24 hours), not {schedule.time!r}.")
    try:
        ZoneInfo(schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(
            f"--timezone {schedule.timezone!r} is not an IANA time zone (e.g. Europe/Berlin)."
        ) from None
    if not (schedule.users or schedule.emails or schedule.webhook):
        raise UserError("A schedule needs an audience: --user, --email or --webhook.")
    for name in schedule.users:
        user = get_user(ws.backend, name)
        if not user.email:
            raise UserError(
                f"User {user.name} has no email; add one or list the address with --email."
            )
    for address in schedule.emails:
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address):
            raise UserError(f"--email {address!r} is not an email address.")
    if schedule.webhook and not re.match(r"https?://", schedule.webhook):
        raise UserError(f"--webhook must be an http(s) URL, not {schedule.webhook!r}.")
    if schedule.team and schedule.rep:
        raise UserError("Pass --team or --rep, not both.")
    return schedule


def add_schedule(ws: Workspace, schedule: Schedule) -> Schedule:
    checked = _check(ws, schedule)
    held = store.get(ws.backend, PREFIX + checked.id)
    if held is not None and not held.get("removed"):
        raise UserError(f"A schedule {checked.id!r} exists; remove it first.")
    stamped = Schedule(
        **{**asdict(checked), "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    )
    store.put(ws.backend, PREFIX + stamped.id, stamped.as_dict())
    return stamped


def remove_schedule(ws: Workspace, schedule_id: str) -> None:
    known = {s.id for s in all_schedules(ws)}
    if schedule_id not in known:
        raise UnknownNameError("schedule", schedule_id, known)
    store.put(ws.backend, PREFIX + schedule_id, {"removed": True})


def all_schedules(ws: Workspace) -> list[Schedule]:
    found = []
    for record in store.entries(ws.backend, PREFIX).values():
        if record.get("removed"):
            continue
        fields = {k: v for k, v in record.items() if k != "description"}
        found.append(
            Schedule(
                **{
                    **fields,
                    "users": tuple(fields.get("users", ())),
                    "emails": tuple(fields.get("emails", ())),
                }
            )
        )
    return sorted(found, key=lambda s: s.id)
