"""The periods insights look at: the last complete period of a grain, the one running now, and
the periods to compare with (the previous one, the same one a year earlier)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from salesmetrics.engine.periods import add_months, next_start, period_start

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Window:
    first: dt.date
    last: dt.date
    grain: str

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Window:
        return self.shifted(-1)

    def year_earlier(self) -> Window:
        if self.grain == "day":
            return self.shifted(-364)  # the same weekday a year earlier
        if self.grain == "week":
            return Window(self.first - dt.timedelta(weeks=52), self.last - dt.timedelta(weeks=52),
                          "week")  # fmt: skip
        return self.shifted(-{"month": 12, "quarter": 4, "year": 1}[self.grain])

    def shifted(self, n: int) -> Window:
        if self.grain == "day":
            day = self.first + dt.timedelta(days=n)
            return Window(day, day, "day")
        if self.grain == "week":
            first = self.first + dt.timedelta(weeks=n)
            return Window(first, first + dt.timedelta(days=6), "week")
        months = {"month": 1, "quarter": 3, "year": 12}[self.grain]
        first = add_months(self.first, n * months)
        return Window(first, next_start(first, self.grain) - ONE_DAY, self.grain)

    def as_dict(self) -> dict[str, str]:
        return {"start": self.first.isoformat(), "end": self.last.isoformat()}

    def label(self) -> str:
        if self.grain == "month":
            return self.first.strftime("%Y-%m")
        return f"{self.first} to {self.last}"


def running(as_of: dt.date, grain: str, fy: int) -> Window:
    """The period of ``grain`` holding ``as_of``."""
    first = period_start(as_of, grain, fy)
    return Window(first, next_start(first, grain) - ONE_DAY, grain)


def last_complete(as_of: dt.date, grain: str, fy: int) -> Window:
    """The latest period of ``grain`` that ended on or before ``as_of``."""
    current = running(as_of, grain, fy)
    return current if current.last <= as_of else current.previous()
