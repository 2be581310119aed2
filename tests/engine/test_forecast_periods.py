"""`--period` of `salesmetrics forecast`: quarters of the fiscal year, months, fiscal years."""

from __future__ import annotations

import datetime as dt

import pytest

from salesmetrics.engine.forecast import parse_period
from salesmetrics.errors import UserError

TODAY = dt.date(2025, 8, 14)


@pytest.mark.parametrize(
    ("text", "fy", "first", "last", "grain"),
    [
        ("2025-Q3", 1, "2025-07-01", "2025-09-30", "quarter"),
        ("2025q1", 4, "2025-04-01", "2025-06-30", "quarter"),  # FY starting in April
        ("2025-Q4", 4, "2026-01-01", "2026-03-31", "quarter"),
        ("2025-02", 1, "2025-02-01", "2025-02-28", "month"),
        ("2025", 7, "2025-07-01", "2026-06-30", "year"),
        ("FY2025", 1, "2025-01-01", "2025-12-31", "year"),
        (None, 1, "2025-07-01", "2025-09-30", "quarter"),  # the quarter of the as-of day
        (None, 2, "2025-08-01", "2025-10-31", "quarter"),
    ],
)
def test_periods(text: str | None, fy: int, first: str, last: str, grain: str) -> None:
    period = parse_period(text, TODAY, fy)
    assert (period.first.isoformat(), period.last.isoformat(), period.grain) == (first, last, grain)


@pytest.mark.parametrize("text", ["2025-13", "Q3", "2025-Q5", "next quarter"])
def test_bad_periods_say_how_to_write_one(text: str) -> None:
    with pytest.raises(UserError, match=r"--period"):
        parse_period(text, TODAY, 1)


def test_the_periods_before() -> None:
    q1 = parse_period("2025-Q1", TODAY, 1)
    assert [q1.shifted(-k, 1).first.isoformat() for k in (1, 4)] == ["2024-10-01", "2024-01-01"]
