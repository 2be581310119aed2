"""What an import tells the user: issues, warnings, notes and the outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from salesmetrics.errors import Interrupted, UserError

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
class Problem:
    """One kind of problem (same column, reason and hint) with every line it occurs on."""

    column: str
    reason: str
    hint: str
    count: int
    lines: tuple[int, ...]
    example: str | None

    def __str__(self) -> str:
        where = ", ".join(str(n) for n in self.lines)
        more = "" if self.count <= len(self.lines) else ", …"
        at = f" (line {where}{more})" if self.lines else ""
        value = "" if self.example is None else f", e.g. {self.example!r}"
        return f"{self.column}: {self.reason}: {self.count} row(s){at}{value} — {self.hint}"


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
    #: The decimal mark of numbers ('.' or ','); None: the file decides.
    decimal: str | None = None
    #: The header's row (1-based line or sheet row); None: found by its column names.
    header_row: int | None = None
    #: Lines (or sheet rows) above the header to skip.
    skip_rows: int = 0
    #: --mode replace may leave the table empty.
    allow_empty: bool = False


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
    problems: list[Problem] = field(default_factory=list)
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


class ImportInterrupted(Interrupted):
    """Ctrl-C during an import: the workspace holds either nothing of it or all of it."""

    def __init__(self, result: ImportResult, committed: bool) -> None:
        self.result = result
        self.committed = committed
        if committed:
            text = (
                f"Interrupted after the import of {result.file.name} was committed: {result.table} "
                f"holds the imported rows ({result.inserted} inserted, {result.replaced} replaced)."
            )
        else:
            text = (
                f"Interrupted: nothing of {result.file.name} was imported; {result.table} is "
                "unchanged."
            )
        super().__init__(text)
