"""The dashboard's filter bar, held in the URL: period, grain and the team, region, segment
and source filters, so a link shows a colleague the same view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from salesmetrics.engine.periods import GRAINS as ENGINE_GRAINS
from salesmetrics.errors import UserError

FILTER_DIMS = ("team", "region", "segment", "source")
#: the filter bar's grains (a page shows periods; total is the cards' own)
GRAINS = tuple(g for g in ENGINE_GRAINS if g != "total")


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _date(raw: str | None, name: str) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise UserError(f"{name} must be a date (YYYY-MM-DD), got {raw!r}.") from None


@dataclass(frozen=True)
class ViewState:
    """What every page shows: ``start``–``end`` by ``grain``, kept to ``filters``."""

    start: dt.date
    end: dt.date
    grain: str = "month"
    filters: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, request: Request, today: dt.date | None = None) -> ViewState:
        q = request.query_params
        today = today or dt.date.today()
        end = _date(q.get("to"), "to") or today
        start = _date(q.get("from"), "from") or _month_start(end, 11)
        if start > end:
            raise UserError(f"from ({start}) is after to ({end}).")
        grain = q.get("grain") or "month"
        if grain not in GRAINS:
            raise UserError(f"grain must be one of {', '.join(GRAINS)}, got {grain!r}.")
        filters = {d: q[d] for d in FILTER_DIMS if q.get(d)}
        return cls(start, end, grain, filters)

    def shifted(self, years: int = 0, back: bool = False) -> ViewState:
        """The previous window of the same length, or the same window ``years`` earlier."""
        if back:
            days = (self.end - self.start).days + 1
            return replace(
                self, start=self.start - dt.timedelta(days), end=self.start - dt.timedelta(1)
            )

        def move(day: dt.date) -> dt.date:
            try:
                return day.replace(year=day.year - years)
            except ValueError:  # 29 February
                return day.replace(year=day.year - years, day=28)

        return replace(self, start=move(self.start), end=move(self.end))

    def supports(self, dimensions: tuple[str, ...] | list[str]) -> bool:
        return all(d in dimensions for d in self.filters)

    def request(self, grain: str | None = None, **extra: Any) -> dict[str, Any]:
        """The engine request of this view."""
        return {
            "grain": grain or self.grain,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "where": {d: [v] for d, v in self.filters.items()},
            **extra,
        }

    def query(self, **changes: str | None) -> str:
        """This view's query string, with ``changes`` (None drops a key)."""
        params: dict[str, str] = {
            "from": self.start.isoformat(), "to": self.end.isoformat(), "grain": self.grain,
            **self.filters,
        }  # fmt: skip
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return urlencode(params)

    def api_query(self) -> str:
        """The same view as the REST API's selectors."""
        pairs = [
            ("grain", self.grain),
            ("from", self.start.isoformat()),
            ("to", self.end.isoformat()),
        ]
        pairs += [("where", f"{d}:{v}") for d, v in self.filters.items()]
        return urlencode(pairs)
