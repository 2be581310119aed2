"""`salesmetrics review` and `salesmetrics schedules`: periodic reviews, made now or on a
schedule and delivered by email or webhook."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from salesmetrics.cli.app import WaitOption, WorkspaceOption, app, console
from salesmetrics.workspace import Workspace


class Cadence(StrEnum):
    daily = "daily"
    weekly = "weekly"
    monthly = "monthly"
    quarterly = "quarterly"


class ReviewFormat(StrEnum):
    html = "html"
    md = "md"
    pdf = "pdf"
    json = "json"


@app.command("review")
def review_cmd(
    cadence: Annotated[
        Cadence,
        typer.Option(
            "--cadence", case_sensitive=False, help="daily, weekly, monthly or quarterly."
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option(
            help="The day (2025-07-14), week (2025-W28), month (2025-07) or quarter (2025-Q3); "
            "default: the last whole one."
        ),
    ] = None,
    team: Annotated[str | None, typer.Option(help="A team's review.")] = None,
    rep: Annotated[str | None, typer.Option(help="A rep's review (rep id).")] = None,
    as_user: Annotated[
        str | None, typer.Option("--as", help="As this user sees it (their access rules apply).")
    ] = None,
    format: Annotated[
        ReviewFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="html, md, pdf or json."),
    ] = ReviewFormat.html,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (default: standard output; pdf needs a file).",
        ),
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Today, for the data.")] = None,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """A periodic review: its cadence's numbers, charts and the insights of the period."""
    import json

    from salesmetrics.engine.request import parse_date
    from salesmetrics.errors import UserError
    from salesmetrics.reviews.build import build_review
    from salesmetrics.reviews.render import render

    day = parse_date(as_of, "--as-of") or dt.date.today()
    with Workspace(workspace, read_only=True, wait=wait) as ws:
        review = build_review(ws, cadence.value, period, day, team, rep, as_user)
    if format is ReviewFormat.json:
        data = json.dumps(review.document(), default=str).encode()
    else:
        data = render(review, format.value)
    if output is None:
        if format is ReviewFormat.pdf:
            raise UserError("A PDF review needs --output FILE.")
        sys.stdout.buffer.write(data)
        return
    output.write_bytes(data)
    console.print(
        f"{review.title}: {len(review.sections)} sections written to {output}.", highlight=False
    )


schedules_app = typer.Typer(
    help="Review schedules: who gets which review, when.", no_args_is_help=True
)


@schedules_app.command("add")
def schedules_add(
    schedule_id: Annotated[str, typer.Argument(help="The schedule's id.")],
    cadence: Annotated[Cadence, typer.Option("--cadence", case_sensitive=False)],
    time: Annotated[str, typer.Option(help="Time of day to send (HH:MM).")] = "07:00",
    timezone: Annotated[str, typer.Option(help="IANA time zone of --time.")] = "UTC",
    user: Annotated[
        list[str] | None, typer.Option(help="A user: their own review to their email (repeatable).")
    ] = None,
    email: Annotated[list[str] | None, typer.Option(help="An address (repeatable).")] = None,
    webhook: Annotated[str | None, typer.Option(help="A Slack-compatible webhook URL.")] = None,
    team: Annotated[str | None, typer.Option(help="The team's review (emails, webhook).")] = None,
    rep: Annotated[str | None, typer.Option(help="A rep's review (emails, webhook).")] = None,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Store a schedule (serve runs it; or `schedules run-due` from cron)."""
    from salesmetrics.reviews.schedules import Schedule, add_schedule

    made = Schedule(
        schedule_id.strip().lower(),
        cadence.value,
        time.strip(),
        timezone.strip(),
        tuple(u.strip().lower() for u in user or []),
        tuple(e.strip() for e in email or []),
        (webhook or "").strip(),
        (team or "").strip(),
        (rep or "").strip(),
    )
    with Workspace(workspace, wait=wait) as ws:
        stored = add_schedule(ws, made)
    console.print(f"Schedule {stored.id}: {stored.describe()}.", highlight=False)


@schedules_app.command("list")
def schedules_list(
    format: Annotated[str, typer.Option("--format", "-f")] = "table",
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Every schedule."""
    import json

    from rich.table import Table

    from salesmetrics.reviews.schedules import all_schedules

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        found = all_schedules(ws)
    if format == "json":
        print(json.dumps({"data": [s.as_dict() for s in found], "count": len(found)}))
        return
    view = Table("id", "schedule", title="Review schedules")
    for s in found:
        view.add_row(s.id, s.describe())
    console.print(view)


@schedules_app.command("remove")
def schedules_remove(
    schedule_id: Annotated[str, typer.Argument(help="The schedule's id.")],
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Remove a schedule."""
    from salesmetrics.reviews.schedules import remove_schedule

    with Workspace(workspace, wait=wait) as ws:
        remove_schedule(ws, schedule_id)
    console.print(f"Schedule {schedule_id} removed.", highlight=False)


@schedules_app.command("run-due")
def schedules_run_due(
    now: Annotated[
        str | None, typer.Option(help="The time to run at (ISO 8601, default now).")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f")] = "table",
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Deliver every review that is due and not sent yet (for cron: every few minutes)."""
    import json

    from salesmetrics.errors import UserError
    from salesmetrics.reviews.runner import run_due, same

    try:
        moment = dt.datetime.fromisoformat(now) if now else dt.datetime.now(dt.UTC)
    except ValueError:
        raise UserError(f"--now must be an ISO 8601 time, not {now!r}.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    with Workspace(workspace, wait=wait) as ws:
        outcome = run_due(same(ws), same(ws), moment)
    if format == "json":
        print(json.dumps(outcome.document(), default=str))
        return
    for entry in outcome.sent:
        late = " (late)" if entry["late"] else ""
        console.print(
            f"sent{late}: {entry['schedule']} {entry['period_start']} to {entry['recipient']}",
            highlight=False,
        )
    for entry in outcome.failed:
        console.print(
            f"[red]failed[/] ({entry['status']}): {entry['schedule']} "
            f"{entry['period_start']} to {entry['recipient']}: "
            f"{entry['attempts'][-1]['error']}",
            highlight=False,
        )
    console.print(
        f"{len(outcome.sent)} sent, {len(outcome.failed)} failed, "
        f"{len(outcome.waiting)} waiting for a retry.",
        highlight=False,
    )
    if outcome.failed:
        raise typer.Exit(1)


@schedules_app.command("deliveries")
def schedules_deliveries(
    limit: Annotated[int, typer.Option(min=1)] = 30,
    format: Annotated[str, typer.Option("--format", "-f")] = "table",
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """What was delivered (or failed), newest first."""
    import json

    from rich.table import Table

    from salesmetrics.reviews.runner import deliveries

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        found = deliveries(ws)[:limit]
    if format == "json":
        print(json.dumps({"data": found, "count": len(found)}, default=str))
        return
    view = Table("schedule", "period", "to", "status", "attempts", "when", title="Deliveries")
    for d in found:
        view.add_row(
            d["schedule"],
            d["period_start"],
            d["recipient"],
            d["status"] + (" (late)" if d.get("late") else ""),
            str(len(d.get("attempts", []))),
            d.get("updated_at", "")[:19],
        )
    console.print(view)
