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
