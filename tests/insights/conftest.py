"""A small company for the insights tests: two teams, two industries, Q1 2024 deals."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesmetrics.workspace import Workspace
from tests.engine.data import add, deal


def target(
    kpi: str,
    start: str,
    end: str,
    value: float,
    dim: str | None = None,
    dim_value: str | None = None,
) -> dict[str, object]:
    return {
        "kpi": kpi,
        "period_start": start,
        "period_end": end,
        "value": value,
        "dimension": dim,
        "dimension_value": dim_value,
    }


@pytest.fixture
def company(tmp_path: Path) -> Path:
    """Won in Q1 2024: East 1000 + 2000 + 3000 (software), West 500 (retail); one lost West
    deal; two open deals (10,000 from 5 Jan, 4,000 from 10 Feb). Every closed deal took 10 days."""
    path = tmp_path / "company.duckdb"
    with Workspace.create(path) as ws:
        add(ws, "reps", {"rep_id": "r1", "team": "East"}, {"rep_id": "r2", "team": "West"})
        add(
            ws,
            "accounts",
            {"account_id": "a1", "industry": "software"},
            {"account_id": "a2", "industry": "retail"},
        )
        add(
            ws,
            "opportunities",
            deal(
                "w1",
                "won",
                "2024-01-10",
                1000,
                owner_rep_id="r1",
                account_id="a1",
                created_at="2023-12-31 00:00:00",
            ),
            deal(
                "w2",
                "won",
                "2024-02-15",
                2000,
                owner_rep_id="r1",
                account_id="a1",
                created_at="2024-02-05 00:00:00",
            ),
            deal(
                "w3",
                "won",
                "2024-03-20",
                3000,
                owner_rep_id="r1",
                account_id="a1",
                created_at="2024-03-10 00:00:00",
            ),
            deal(
                "w4",
                "won",
                "2024-01-12",
                500,
                owner_rep_id="r2",
                account_id="a2",
                created_at="2024-01-02 00:00:00",
            ),
            deal(
                "l1",
                "lost",
                "2024-03-11",
                700,
                owner_rep_id="r2",
                account_id="a2",
                created_at="2024-03-01 00:00:00",
            ),
            deal(
                "o1",
                "open",
                "2024-09-30",
                10_000,
                owner_rep_id="r1",
                account_id="a1",
                created_at="2024-01-05 00:00:00",
            ),
            deal(
                "o2",
                "open",
                "2024-09-30",
                4000,
                owner_rep_id="r2",
                account_id="a2",
                created_at="2024-02-10 00:00:00",
            ),
        )
    return path
