"""`serve` runs the review schedules: every minute, APScheduler (a background thread) asks the
runner to deliver what is due — reviews are built on read-only opens of the workspace, only
the delivery ledger is written, so the dashboard stays served meanwhile."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from salesmetrics.web.workspaces import WorkspaceSource

log = logging.getLogger("salesmetrics.schedules")
EVERY_SECONDS = 60


def start(source: WorkspaceSource) -> Any:
    """A started background scheduler (stop it with ``.shutdown()``)."""
    from apscheduler.schedulers.background import BackgroundScheduler

    from salesmetrics.reviews.runner import run_due

    def tick() -> None:
        try:
            outcome = run_due(source.read, source.write)
        except Exception:  # the next tick tries again; nothing half-sent is lost (ledger)
            log.exception("running the review schedules failed")
            return
        for entry in outcome.sent:
            log.warning(
                "review sent: %s %s to %s%s",
                entry["schedule"],
                entry["period_start"],
                entry["recipient"],
                " (late)" if entry["late"] else "",
            )
        for entry in outcome.failed:
            log.warning(
                "review delivery failed (%s): %s", entry["status"], entry["attempts"][-1]["error"]
            )

    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(
        tick,
        "interval",
        seconds=EVERY_SECONDS,
        id="review-schedules",
        max_instances=1,
        coalesce=True,
        next_run_time=None,
    )
    scheduler.start()
    scheduler.add_job(tick, id="review-schedules-now")  # once at start: missed runs go out
    return scheduler
