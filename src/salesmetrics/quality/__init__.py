"""Data quality: what a workspace holds (`tables`) and what looks wrong in it (`check`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from salesmetrics.quality.checks import CHECKS
from salesmetrics.quality.model import SEVERITIES, Check, Finding, Severity, run_check
from salesmetrics.quality.overview import DATE_COLUMNS, DateRange, TableSummary, table_overview

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace


def workspace_today(workspace: Workspace) -> dt.date:
    """Today's date in the workspace's ``timezone`` setting (the machine's date if unknown)."""
    try:
        return dt.datetime.now(ZoneInfo(str(workspace.get_setting("timezone")))).date()
    except (ZoneInfoNotFoundError, ValueError):
        return dt.date.today()


def run_checks(
    workspace: Workspace,
    *,
    today: dt.date | None = None,
    examples: int = 5,
    checks: tuple[Check, ...] = CHECKS,
) -> list[Finding]:
    """Run every data-quality check; passed checks are returned too (count 0).

    ``today`` (default: today in the workspace time zone) decides which open deals are overdue;
    ``examples`` caps the example ids per finding.
    """
    day = today or workspace_today(workspace)
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
    "workspace_today",
]
