"""What an import tells the user: issues, warnings, notes and the outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from salesmetrics.errors import UserError

Mode = Literal["upsert", "replace"]

#: How many issues are shown on screen; the errors file holds all of them.
SHOWN_ISSUES = 20


@dataclass(frozen=True)
class Issue:
    """One problem found in the file: where it is, what is wrong and how to fix it."""

    file: str
    line: int | None
    column: str
    value: str | None
    reason: str
    hint: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        value = "" if self.value is None else f" {self.value!r}"
        return f"{where}: {self.column}{value}: {self.reason} ({self.hint})"


@dataclass(frozen=True)
class Finding:
    """A data-quality warning: the rows load, but something looks wrong."""

    message: str
    count: int
    examples: tuple[str, ...] = ()

    def __str__(self) -> str:
        shown = f" (e.g. {', '.join(self.examples)})" if self.examples else ""
        return f"{self.message}: {self.count} row(s){shown}"


@dataclass(frozen=True)
class ImportOptions:
    """How to read and store one file."""

    preset: str | None = None
    mode: Mode = "upsert"
    skip_invalid: bool = False
    errors_file: Path | None = None
    date_format: str | None = None
    sheet: str | None = None


@dataclass
class ImportResult:
    """What one import did."""

    table: str
    file: Path
    rows_read: int = 0
    inserted: int = 0
    replaced: int = 0
    removed: int = 0
    rejected: int = 0
    issue_count: int = 0
    issues: list[Issue] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rejected_file: Path | None = None
    errors_file: Path | None = None

    @property
    def stored(self) -> int:
        return self.inserted + self.replaced


class ImportFailed(UserError):
    """A strict import found invalid rows: nothing was stored.

    ``issues`` holds the first problems (for display); ``issue_count`` counts all of them.
    """

    def __init__(self, result: ImportResult, message: str) -> None:
        self.result = result
        self.issues = result.issues
        self.issue_count = result.issue_count
        super().__init__(message)
