"""Data-quality checks as data, their findings, and the SQL that runs them."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

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


def _with_values(sql: str, today: dt.date, base_currency: str) -> str:
    """``sql`` with its named parameters written in as literals (every engine reads them)."""
    code = base_currency.replace("'", "''")
    return sql.replace("$today", f"DATE '{today.isoformat()}'").replace(
        "$base_currency", f"'{code}'"
    )


def run_check(
    workspace: Workspace, check: Check, *, today: dt.date, base_currency: str, examples: int
) -> Finding:
    """Count the rows ``check`` flags and pick up to ``examples`` distinct examples, in SQL."""
    problems = _with_values(check.sql, today, base_currency)
    backend = workspace.backend
    counted = backend.rows(f"SELECT count(*) FROM ({problems}) p")
    count = int(counted[0][0]) if counted else 0
    found: list[str] = []
    if count and examples > 0:
        rows = backend.rows(
            f"SELECT DISTINCT CAST(example AS VARCHAR) AS example FROM ({problems}) p "
            f"WHERE example IS NOT NULL ORDER BY 1 LIMIT {int(examples)}"
        )
        found = [str(r[0]) for r in rows]
    return Finding(
        check=check.id,
        severity=check.severity,
        table=check.table,
        title=check.title,
        count=count,
        examples=found,
        hint=check.hint,
        examples_of=check.examples_of,
    )
