"""Data-quality checks as data, their findings, and the SQL that runs them."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

from salesmetrics.backends.duckdb import first_row

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

Severity = Literal["warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("warning", "info")


@dataclass(frozen=True)
class Check:
    """One declarative data-quality check.

    ``sql`` selects the affected rows of ``table`` with one column ``example`` (the row's id,
    or what to show for it). It may use the parameters ``$today`` and ``$base_currency``.
    """

    id: str
    table: str
    severity: Severity
    title: str
    hint: str
    sql: str
    examples_of: str = "id"


@dataclass(frozen=True)
class Finding:
    """The result of one check: how many rows it affects and a few of them."""

    check: str
    severity: Severity
    table: str
    title: str
    count: int
    examples: list[str]
    hint: str
    examples_of: str = "id"

    @property
    def passed(self) -> bool:
        return self.count == 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of one finding (``passed`` included)."""
        return {**asdict(self), "passed": self.passed}


def _parameters(sql: str, today: dt.date, base_currency: str) -> dict[str, Any]:
    """Only the named parameters the query uses (DuckDB refuses extra ones)."""
    available = {"today": today, "base_currency": base_currency}
    return {name: value for name, value in available.items() if f"${name}" in sql}


def run_check(
    workspace: Workspace, check: Check, *, today: dt.date, base_currency: str, examples: int
) -> Finding:
    """Count the rows ``check`` flags and pick up to ``examples`` distinct examples, in SQL."""
    sql = (
        f"WITH problems AS ({check.sql}) "
        "SELECT (SELECT count(*) FROM problems), "
        "(SELECT list(example ORDER BY example) FROM ("
        "SELECT DISTINCT CAST(example AS VARCHAR) AS example FROM problems "
        f"WHERE example IS NOT NULL ORDER BY example LIMIT {max(0, int(examples))}))"
    )
    row = first_row(workspace.con, sql, _parameters(sql, today, base_currency))
    count, found = (row[0], row[1]) if row else (0, None)
    return Finding(
        check=check.id,
        severity=check.severity,
        table=check.table,
        title=check.title,
        count=int(count),
        examples=list(found or []),
        hint=check.hint,
        examples_of=check.examples_of,
    )
