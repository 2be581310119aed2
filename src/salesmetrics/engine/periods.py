"""Grains, fiscal calendars and the period spine (computed in Python: it is tiny)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

GRAINS = ("day", "week", "month", "quarter", "year", "total")


class Grain(StrEnum):
    """The grains a KPI request takes (the CLI's --grain, the API's grain)."""

    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"
    year = "year"
    total = "total"


@dataclass(frozen=True)
class Period:
    """One output period.

    ``start``/``last`` are the period's own first and last day; ``lo``/``hi`` clip them to the
    requested range (events count when their anchor lies in ``[lo, hi]``; ``hi`` is the stock day).
    """

    start: dt.date
    last: dt.date
    lo: dt.date
    hi: dt.date


def add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after ``day``'s month (``day`` must be a 1st)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def minus_one_year(day: dt.date) -> dt.date:
    """The same date one year earlier; 29 February becomes 28 February."""
    if day.month == 2 and day.day == 29:
        return dt.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def period_start(day: dt.date, grain: str, fy_start_month: int = 1) -> dt.date:
    """First day of the ``grain`` period holding ``day`` (quarters and years are fiscal)."""
    if grain == "day":
        return day
    if grain == "week":
        return day - dt.timedelta(days=day.weekday())
    first = day.replace(day=1)
    if grain == "month":
        return first
    months_into_year = (day.month - fy_start_month) % 12
    if grain == "quarter":
        return add_months(first, -(months_into_year % 3))
    if grain == "year":
        return add_months(first, -months_into_year)
    raise ValueError(f"no calendar period for grain {grain!r}")


def next_start(start: dt.date, grain: str) -> dt.date:
    """First day of the period after the one starting on ``start``."""
    if grain == "day":
        return start + dt.timedelta(days=1)
    if grain == "week":
        return start + dt.timedelta(days=7)
    step = {"month": 1, "quarter": 3, "year": 12}[grain]
    return add_months(start, step)


def previous_start(start: dt.date, grain: str, fy_start_month: int = 1) -> dt.date:
    """First day of the period before the one starting on ``start``."""
    return period_start(start - dt.timedelta(days=1), grain, fy_start_month)


def spine(grain: str, start: dt.date, end: dt.date, fy_start_month: int = 1) -> list[Period]:
    """Every period of ``grain`` intersecting ``[start, end]``, in order."""
    if grain == "total":
        return [Period(start, end, start, end)]
    periods = []
    first = period_start(start, grain, fy_start_month)
    while first <= end:
        following = next_start(first, grain)
        last = following - dt.timedelta(days=1)
        periods.append(Period(first, last, max(first, start), min(last, end)))
        first = following
    return periods


def shifted(periods: list[Period], grain: str, how: str, fy_start_month: int = 1) -> list[Period]:
    """For each period, the comparison window that keeps its ``start`` as the label.

    ``how="prev"``: the whole previous period of the grain (grain total: the window of the same
    length ending the day before). ``how="yoy"``: the period of the grain holding the date one
    year before the period's start (grain total: the same dates one year earlier).
    """
    out = []
    for p in periods:
        if how == "yoy" and grain == "total":
            lo, hi = minus_one_year(p.start), minus_one_year(p.last)
        elif how == "yoy":
            lo = period_start(minus_one_year(p.start), grain, fy_start_month)
            hi = next_start(lo, grain) - dt.timedelta(days=1)
        elif grain == "total":
            length = p.last - p.start + dt.timedelta(days=1)
            lo, hi = p.start - length, p.start - dt.timedelta(days=1)
        else:
            lo = previous_start(p.start, grain, fy_start_month)
            hi = p.start - dt.timedelta(days=1)
        out.append(Period(p.start, p.last, lo, hi))
    return out


def bucket_unit(grain: str) -> str:
    """The calendar unit records are matched to periods by: each period is a whole number of
    these (clipped to the range), so an equality join on the unit finds a record's period."""
    return {"day": "day", "week": "week"}.get(grain, "month")


def bucket_of(day: dt.date, unit: str) -> dt.date:
    """The first day of the ``unit`` holding ``day``."""
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def buckets(periods: list[Period], unit: str) -> list[tuple[dt.date, Period]]:
    """Every (unit start, period) pair where the period's ``[lo, hi]`` touches the unit."""
    out = []
    for p in periods:
        start = bucket_of(p.lo, unit)
        while start <= p.hi:
            out.append((start, p))
            if unit == "day":
                start += dt.timedelta(days=1)
            elif unit == "week":
                start += dt.timedelta(days=7)
            else:
                start = add_months(start, 1)
    return out
