"""The period a review covers: the last whole day, ISO week, month or quarter before ``as_of``,
or the one ``--period`` names (``2025-07-14``, ``2025-W28``, ``2025-07``, ``2025-Q3``)."""

from __future__ import annotations

import datetime as dt
import re

from salesmetrics.errors import UserError
from salesmetrics.insights.periods import Window, last_complete

ONE_DAY = dt.timedelta(days=1)


def review_window(cadence: str, period: str | None, as_of: dt.date, fy: int) -> Window:
    """The window of a ``cadence`` review named by ``period`` (default: the last whole one)."""
    text = (period or "").strip()
    if cadence == "daily":
        day = _date(text) if text else as_of - ONE_DAY
        return Window(day, day, "day")
    if cadence == "weekly":
        if not text:
            return last_complete(as_of - ONE_DAY, "week", fy)
        if m := re.fullmatch(r"(\d{4})-?W(\d{1,2})", text.upper()):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        else:
            day = _date(text)
            monday = day - dt.timedelta(days=day.weekday())
        return Window(monday, monday + dt.timedelta(days=6), "week")
    grain = {"monthly": "month", "quarterly": "quarter"}[cadence]
    if not text:
        return last_complete(as_of - ONE_DAY, grain, fy)
    from salesmetrics.insights.scorecard import resolve_period

    found = resolve_period(text, as_of, fy)
    if found.grain != grain:
        raise UserError(
            f"--period {text!r} is a {found.grain}; a {cadence} review covers a {grain}."
        )
    return Window(found.first, found.last, grain)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(
            f"--period {text!r} is not a day (YYYY-MM-DD) or a week (2025-W28)."
        ) from None
