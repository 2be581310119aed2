"""A review: its cadence, period and audience, and its sections — each a table of raw numbers
(what the CLI prints), a chart, notes, and the command that prints the same numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

CADENCES = ("daily", "weekly", "monthly", "quarterly")


@dataclass
class Column:
    key: str
    header: str
    #: money, percent, count, days, hours, ratio, text, date, score, minutes
    unit: str = "text"


@dataclass
class Section:
    title: str
    intro: str = ""
    columns: list[Column] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    #: a PNG as a data URI (inline: the file is self-contained)
    chart: str | None = None
    notes: list[str] = field(default_factory=list)
    command: str = ""
    #: findings (insights sections): their title, link and records
    findings: list[dict[str, Any]] = field(default_factory=list)

    def document(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "intro": self.intro,
            "command": self.command,
            "columns": [c.key for c in self.columns],
            "rows": self.rows,
            "notes": self.notes,
            "findings": self.findings,
            "chart": self.chart is not None,
        }


@dataclass
class Review:
    cadence: str
    first: dt.date
    last: dt.date
    audience: str  # "the company", "team East", "rep R0002 (Ann)", "mia (manager)"
    company: str
    currency: str
    generated: dt.datetime
    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: the URL of the same review on the dashboard (set by whoever serves or sends it)
    link: str = ""

    @property
    def title(self) -> str:
        span = self.first.isoformat() if self.first == self.last else f"{self.first} to {self.last}"
        return f"{self.cadence.capitalize()} review, {span} — {self.audience}"

    def headline(self) -> list[dict[str, Any]]:
        """The first section's rows: the numbers a chat message or subject line carries."""
        return self.sections[0].rows if self.sections else []

    def document(self) -> dict[str, Any]:
        return {
            "cadence": self.cadence,
            "start": self.first.isoformat(),
            "end": self.last.isoformat(),
            "audience": self.audience,
            "title": self.title,
            "currency": self.currency,
            "sections": [s.document() for s in self.sections],
            "warnings": self.warnings,
        }
