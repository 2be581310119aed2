"""A finding: one thing insights say about the data — an alert that fired, a slice that
changed, a driver of a change, a team's pace, a playbook action — with its numbers, a sentence
a manager reads, and a link to the KPI page that shows it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

#: dashboard filters that a link can carry (the filter bar's)
LINK_FILTERS = ("team", "region", "segment", "source")


@dataclass(frozen=True)
class Finding:
    kind: str  # alert, change, driver, pace, optimism, ramp, rep, action
    kpi: str
    title: str  # one plain sentence with the numbers
    period: tuple[dt.date, dt.date]
    slice: dict[str, Any] = field(default_factory=dict)
    numbers: dict[str, Any] = field(default_factory=dict)
    #: how strong: larger is more important (an effect size or a test statistic)
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)
    records: list[str] = field(default_factory=list)

    @property
    def link(self) -> str:
        """The KPI page with this finding's period and filters."""
        params: dict[str, str] = {
            "from": self.period[0].isoformat(), "to": self.period[1].isoformat(),
        }  # fmt: skip
        breakdown = None
        for dim, value in self.slice.items():
            if dim in LINK_FILTERS and value is not None:
                params[dim] = str(value)
            else:
                breakdown = dim
        if breakdown:
            params["breakdown"] = breakdown
        return f"/kpis/{self.kpi}?{urlencode(params)}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kpi": self.kpi,
            "title": self.title,
            "period": {"start": self.period[0].isoformat(), "end": self.period[1].isoformat()},
            "slice": self.slice,
            "numbers": self.numbers,
            "score": self.score,
            "evidence": self.evidence,
            "records": self.records,
            "link": self.link,
        }


def slice_text(values: dict[str, Any]) -> str:
    """``team Enterprise East, source linkedin`` (or ``the company``)."""
    if not values:
        return "the company"
    return ", ".join(f"{d} {'(empty)' if v is None else v}" for d, v in values.items())


def number(x: float) -> str:
    """A number as a sentence shows it: ``1,234,567`` from a thousand up, else four
    significant digits (``12.35``, ``0.4167``); never in scientific notation."""
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:,.4g}" if abs(x) >= 1e-4 or x == 0 else f"{x:.2e}"
