"""Running due schedules (``salesmetrics schedules run-due`` from cron, or ``serve`` every
minute): each schedule's latest due occurrence is delivered to each of its recipients exactly
once. The delivery ledger in the workspace makes that hold across runs, restarts and a cron
job beside a server: a recipient's review of a period is sent once; a run that comes after
the due time (the server was down) sends it marked late; a failed delivery is recorded and
retried with a growing delay, and given up after ``MAX_ATTEMPTS``."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.access import store
from salesmetrics.reviews.schedules import Schedule, all_schedules

if TYPE_CHECKING:
    from salesmetrics.reviews.model import Review
    from salesmetrics.workspace import Workspace

LEDGER = "reviews.delivery."
#: a run this long after the due time sends the review marked late
GRACE = dt.timedelta(minutes=15)
#: minutes to wait after the 1st, 2nd … failed attempt
BACKOFF = (1, 5, 15, 60, 180, 360)
MAX_ATTEMPTS = 7
#: a delivery claimed by another run less than this long ago is left to it
CLAIM = dt.timedelta(minutes=10)

Opener = Callable[[], AbstractContextManager["Workspace"]]
Deliver = Callable[..., str]


@dataclass
class Outcome:
    sent: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    waiting: list[dict[str, Any]] = field(default_factory=list)

    def document(self) -> dict[str, Any]:
        return {"sent": self.sent, "failed": self.failed, "waiting": self.waiting}


@dataclass(frozen=True)
class Recipient:
    key: str  # user:NAME, emails:A,B or webhook:URL
    user: str | None = None
    emails: tuple[str, ...] = ()
    webhook: str = ""


def recipients(ws: Workspace, schedule: Schedule) -> list[Recipient]:
    from salesmetrics.access.users import find_user

    found = []
    for name in schedule.users:
        user = find_user(ws.backend, name)
        found.append(Recipient(f"user:{name}", name, (user.email,) if user and user.email else ()))
    if schedule.emails:
        found.append(Recipient("emails:" + ",".join(schedule.emails), emails=schedule.emails))
    if schedule.webhook:
        found.append(Recipient(f"webhook:{schedule.webhook}", webhook=schedule.webhook))
    return found


def ledger_key(schedule: Schedule, first: dt.date, recipient: Recipient) -> str:
    digest = hashlib.sha256(recipient.key.encode()).hexdigest()[:16]
    return f"{LEDGER}{schedule.id}.{first.isoformat()}.{digest}"


def deliveries(ws: Workspace) -> list[dict[str, Any]]:
    """Every delivery recorded, newest first."""
    found = list(store.entries(ws.backend, LEDGER).values())
    return sorted(found, key=lambda r: r.get("updated_at", ""), reverse=True)


def review_link(base: str, schedule: Schedule, review: Review, user: str | None) -> str:
    from urllib.parse import urlencode

    if not base:
        return ""
    params = {
        "period": _period_text(review),
        **({"team": schedule.team} if schedule.team else {}),
        **({"rep": schedule.rep} if schedule.rep else {}),
    }
    return f"{base.rstrip('/')}/reviews/{review.cadence}?{urlencode(params)}"


def _period_text(review: Review) -> str:
    if review.cadence == "daily":
        return review.first.isoformat()
    if review.cadence == "weekly":
        year, week, _ = review.first.isocalendar()
        return f"{year}-W{week:02d}"
    if review.cadence == "monthly":
        return review.first.strftime("%Y-%m")
    return review.first.isoformat()


def run_due(
    read: Opener,
    write: Opener,
    now: dt.datetime | None = None,
    email: Deliver | None = None,
    webhook: Deliver | None = None,
) -> Outcome:
    """Deliver what is due at ``now``; ``read`` opens the workspace to build reviews,
    ``write`` to record deliveries (a server keeps its file free between them)."""
    from salesmetrics.reviews import delivery

    moment = now or dt.datetime.now(dt.UTC)
    send_email = email or delivery.send_email
    post = webhook or delivery.post_webhook
    outcome = Outcome()
    with read() as ws:
        schedules = all_schedules(ws)
        fy = int(ws.get_setting("fiscal_year_start_month"))
        base = str(ws.get_setting("dashboard_url") or "")
        plan = [(s, r) for s in schedules for r in recipients(ws, s)]
        held = store.entries(ws.backend, LEDGER)
    for schedule, recipient in plan:
        due = schedule.occurrence(moment, fy)
        due_day = due.astimezone(_zone(schedule)).date()
        from salesmetrics.reviews.periods import review_window

        window = review_window(schedule.cadence, None, due_day, fy)
        key = ledger_key(schedule, window.first, recipient)
        before = held.get(key[len(LEDGER) :], {})
        entry: dict[str, Any] = {
            "schedule": schedule.id,
            "cadence": schedule.cadence,
            "period_start": window.first.isoformat(),
            "period_end": window.last.isoformat(),
            "recipient": recipient.key,
            "due_at": due.isoformat(),
            "attempts": list(before.get("attempts", [])),
        }
        status = before.get("status")
        if status in ("sent", "gave_up"):
            continue
        if status == "failed" and before.get("next_attempt_at", "") > moment.isoformat():
            outcome.waiting.append(entry)
            continue
        if status == "sending" and before.get("claimed_at", "") > (moment - CLAIM).isoformat():
            outcome.waiting.append(entry)
            continue
        late = moment - due > GRACE
        with write() as ws:  # claim it: a second runner leaves it alone
            store.put(
                ws.backend,
                key,
                {
                    **entry,
                    "status": "sending",
                    "claimed_at": moment.isoformat(),
                    "updated_at": moment.isoformat(),
                },
            )
        try:
            with read() as ws:
                from salesmetrics.reviews.build import build_review

                review = build_review(
                    ws,
                    schedule.cadence,
                    None,
                    due_day,
                    None if recipient.user else schedule.team or None,
                    None if recipient.user else schedule.rep or None,
                    recipient.user,
                )
            review.link = review_link(base, schedule, review, recipient.user)
            if recipient.webhook:
                detail = post(recipient.webhook, review, late)
            else:
                if not recipient.emails:
                    raise OSError(f"{recipient.key} has no email address")
                with read() as ws:
                    from salesmetrics.reviews.delivery import Smtp

                    smtp = Smtp.of(ws)
                detail = send_email(smtp, review, list(recipient.emails), late, base)
        except Exception as exc:
            attempts = [
                *entry["attempts"],
                {"at": moment.isoformat(), "error": f"{type(exc).__name__}: {exc}"},
            ]
            gave_up = len(attempts) >= MAX_ATTEMPTS
            wait = BACKOFF[min(len(attempts), len(BACKOFF)) - 1]
            record = {
                **entry,
                "attempts": attempts,
                "status": "gave_up" if gave_up else "failed",
                "next_attempt_at": (moment + dt.timedelta(minutes=wait)).isoformat(),
                "updated_at": moment.isoformat(),
            }
            with write() as ws:
                store.put(ws.backend, key, record)
            outcome.failed.append(record)
            continue
        record = {
            **entry,
            "status": "sent",
            "late": late,
            "sent_at": moment.isoformat(),
            "detail": detail,
            "updated_at": moment.isoformat(),
            "attempts": [*entry["attempts"], {"at": moment.isoformat(), "error": None}],
        }
        with write() as ws:
            store.put(ws.backend, key, record)
        outcome.sent.append(record)
    return outcome


def _zone(schedule: Schedule) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(schedule.timezone)


def same(ws: Workspace) -> Opener:
    """An opener yielding an already open workspace (the command line's)."""
    from contextlib import contextmanager

    @contextmanager
    def opener() -> Iterator[Workspace]:
        yield ws

    return opener
