"""Data quality: what a workspace holds (`tables`) and what looks wrong in it (`check`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from salesmetrics.quality.checks import CHECKS
from salesmetrics.quality.model import SEVERITIES, Check, Finding, Severity, run_check
from salesmetrics.quality.overview import DATE_COLUMNS, DateRange, TableSummary, table_overview

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace


def run_checks(
    workspace: Workspace,
    *,
    today: dt.date | None = None,
    examples: int = 5,
    checks: tuple[Check, ...] = CHECKS,
) -> list[Finding]:
    """Run every data-quality check; passed checks are returned too (count 0).

    ``today`` (default: the current date) decides which open deals are overdue;
    ``examples`` caps the example ids per finding.
    """
    day = today or dt.date.today()
    base_currency = str(workspace.get_setting("base_currency"))
    return [
        run_check(workspace, check, today=day, base_currency=base_currency, examples=examples)
        for check in checks
    ]


__all__ = [
    "CHECKS",
    "DATE_COLUMNS",
    "SEVERITIES",
    "Check",
    "DateRange",
    "Finding",
    "Severity",
    "TableSummary",
    "run_checks",
    "table_overview",
]
