"""Targets and attainment against hand computations (flow, stock, team rollup), through the
real `salesmetrics kpi` command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from salesmetrics.workspace import Workspace
from tests.conftest import run_cli
from tests.engine.data import add
from tests.insights.conftest import target

Q1 = ("--from", "2024-01-01", "--to", "2024-03-31")
H1 = ("--from", "2024-01-01", "--to", "2024-06-30")


def _kpi(path: Path, *args: str) -> tuple[list[dict], str]:
    out = run_cli("kpi", *args, "--format", "json", "--workspace", path)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["rows"], out.stderr


def test_monthly_flow_targets_add_up_to_the_quarter_and_a_missing_month_gives_none(
    company: Path,
) -> None:
    with Workspace(company) as ws:
        add(
            ws,
            "targets",
            target("revenue", "2024-01-01", "2024-01-31", 2000),
            target("revenue", "2024-02-01", "2024-02-29", 2000),
            target("Revenue", "2024-03-01", "2024-03-31", 3000),  # ids ignore case
            target("revenue", "2024-04-01", "2024-04-30", 1000),  # Q2 has no May target
            target("revenue", "2024-06-01", "2024-06-30", 1000),
        )
    rows, stderr = _kpi(company, "revenue", "--grain", "quarter", *H1)
    q1, q2 = rows
    # Q1 revenue 1000 + 2000 + 3000 + 500 = 6500 against 2000 + 2000 + 3000 = 7000
    assert (q1["value"], q1["target"], q1["attainment_pct"]) == (6500.0, 7000.0, 92.86)
    assert (q2["target"], q2["attainment_pct"]) == (None, None)
    assert "no target for 2024-05-01 to 2024-05-31" in stderr
    monthly, _ = _kpi(company, "revenue", *Q1)
    assert [(r["target"], r["attainment_pct"]) for r in monthly] == [
        (2000.0, 75.0),  # 1500 / 2000
        (2000.0, 100.0),
        (3000.0, 100.0),
    ]


def test_a_flow_target_longer_than_the_period_is_not_split(company: Path) -> None:
    with Workspace(company) as ws:
        add(ws, "targets", target("revenue", "2024-01-01", "2024-03-31", 6000))
    rows, stderr = _kpi(company, "revenue", *Q1)
    assert [r["target"] for r in rows] == [None, None, None]
    assert "3 period(s) lie inside a longer target" in stderr and "--grain quarter" in stderr
    quarter, _ = _kpi(company, "revenue", "--grain", "quarter", *Q1)
    assert (quarter[0]["target"], quarter[0]["attainment_pct"]) == (6000.0, 108.33)


def test_a_stock_takes_the_target_of_the_period_last_day(company: Path) -> None:
    with Workspace(company) as ws:
        add(
            ws,
            "targets",
            target("pipeline_value", "2024-01-01", "2024-01-31", 9000),
            target("pipeline_value", "2024-02-01", "2024-02-29", 12_000),
            target("pipeline_value", "2024-03-01", "2024-03-31", 16_000),
            target("pipeline_value", "2024-01-01", "2024-03-31", 20_000),
        )
    # open on 31 Jan: o1 10,000; on 29 Feb and 31 Mar: o1 + o2 = 14,000 (closed deals are not)
    monthly, _ = _kpi(company, "pipeline_value", *Q1)
    assert [(r["value"], r["target"], r["attainment_pct"]) for r in monthly] == [
        (10_000.0, 9000.0, 111.11),
        (14_000.0, 12_000.0, 116.67),
        (14_000.0, 16_000.0, 87.5),
    ]
    # the quarter's last day is 31 March: March's target (the shortest holding it) applies
    quarter, _ = _kpi(company, "pipeline_value", "--grain", "quarter", *Q1)
    assert (quarter[0]["target"], quarter[0]["attainment_pct"]) == (16_000.0, 87.5)


def test_team_targets_match_by_team_and_where(company: Path) -> None:
    with Workspace(company) as ws:
        add(
            ws,
            "targets",
            target("revenue", "2024-01-01", "2024-03-31", 5000, "Team", "East"),
            target("revenue", "2024-01-01", "2024-03-31", 1000, "team", "West"),
            target("revenue", "2024-01-01", "2024-03-31", 7000),
            target("win_rate", "2024-01-01", "2024-03-31", 75, "team", "East"),
            target("win_rate", "2024-01-01", "2024-03-31", 80),
        )
    rows, _ = _kpi(company, "revenue", "--grain", "quarter", "--by", "team", *Q1)
    assert {r["team"]: (r["value"], r["target"], r["attainment_pct"]) for r in rows} == {
        "East": (6000.0, 5000.0, 120.0),
        "West": (500.0, 1000.0, 50.0),
    }
    (east,), _ = _kpi(company, "revenue", "--grain", "quarter", "--where", "team=east", *Q1)
    assert (east["target"], east["attainment_pct"]) == (5000.0, 120.0)
    # two dimensions: no target is the slice's
    both, _ = _kpi(company, "revenue", "--grain", "quarter", "--by", "team", "--by", "rep", *Q1)
    assert {r["target"] for r in both} == {None}
    # a ratio takes the target of the period holding it: each month of Q1 is held by Q1
    rates, _ = _kpi(company, "win_rate", "--by", "team", *Q1)
    east_rates = [
        (r["value"], r["target"], r["attainment_pct"]) for r in rates if r["team"] == "East"
    ]
    assert east_rates == [(100.0, 75.0, 133.33)] * 3
    company_q1, _ = _kpi(company, "win_rate", "--grain", "quarter", *Q1)
    # 4 won of 5 closed = 80 % against 80
    assert (company_q1[0]["value"], company_q1[0]["attainment_pct"]) == (80.0, 100.0)


def test_lower_is_better_attainment_is_target_over_value(company: Path) -> None:
    with Workspace(company) as ws:
        add(ws, "targets", target("sales_cycle_days", "2024-01-01", "2024-03-31", 12))
    (row,), _ = _kpi(company, "sales_cycle_days", "--grain", "quarter", *Q1)
    assert (row["value"], row["target"], row["attainment_pct"]) == (10.0, 12.0, 120.0)


def test_without_targets_the_rows_are_the_engine_rows(company: Path) -> None:
    rows, _ = _kpi(company, "won_deals", *Q1)
    assert [list(r) for r in rows] == [["period_start", "value", "numerator", "denominator"]] * 3
    with Workspace(company) as ws:
        add(ws, "targets", target("won_deals", "2024-01-01", "2024-01-31", 4))
    out = run_cli("kpi", "won_deals", *Q1, "--format", "csv", "--workspace", company)
    assert out.returncode == 0, out.stderr
    table = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(table[0])[-2:] == ["target", "attainment_pct"]
    assert [(r["target"], r["attainment_pct"]) for r in table] == [
        ("4.0", "50.0"),
        ("", ""),
        ("", ""),
    ]
    shown = run_cli("kpi", "won_deals", *Q1, "--workspace", company)
    assert "attainment" in shown.stdout and "50.0 %" in shown.stdout


@pytest.mark.parametrize(
    ("value", "target_value", "direction", "expected"),
    [
        (50, 40, "up", 125.0),
        (10, 12, "down", 120.0),
        (0, 12, "down", None),
        (None, 5, "up", None),
        (3, 0, "up", None),
        (0, 10, "up", 0.0),
    ],
)
def test_attainment_formula(
    value: float | None, target_value: float, direction: str, expected: float | None
) -> None:
    from salesmetrics.insights.targets import attainment

    assert attainment(value, target_value, direction) == expected
