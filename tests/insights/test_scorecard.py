"""`salesmetrics scorecard` on the small demo, in every format, checked against `kpi`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from salesmetrics.demo import build_demo
from salesmetrics.insights.scorecard import period_label, resolve_period
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scorecard") / "demo.duckdb"
    build_demo(path, "small", seed=42)
    return path


def _kpi_total(demo: Path, kpi: str, start: str, end: str, *more: str) -> list[dict]:
    out = run_cli(
        "kpi",
        kpi,
        "--grain",
        "total",
        "--from",
        start,
        "--to",
        end,
        *more,
        "--format",
        "json",
        "--workspace",
        demo,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["rows"]


def test_json_matches_kpi_for_both_periods(demo: Path) -> None:
    out = run_cli("scorecard", "--period", "last-quarter", "--format", "json", "-w", demo)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    period, previous = doc["period"], doc["previous"]
    assert period["grain"] == "quarter" and not period["to_date"]
    rows = {r["kpi"]: r for r in doc["rows"]}
    assert {"revenue", "win_rate", "pipeline_value", "sales_cycle_days", "cac"} <= set(rows)
    assert doc["rows"][0]["category"] == "money"
    for kpi in ("revenue", "win_rate", "pipeline_value", "cac"):
        (now,) = _kpi_total(demo, kpi, period["start"], period["measured_to"])
        (then,) = _kpi_total(demo, kpi, previous["start"], previous["end"])
        row = rows[kpi]
        assert (row["value"], row["previous"]) == (now["value"], then["value"]), kpi
        assert row["change"] == pytest.approx(now["value"] - then["value"])
        assert row["change_pct"] == round(
            (now["value"] - then["value"]) / abs(then["value"]) * 100, 2
        )
        assert row["good"] is ((row["change"] > 0) == (row["direction"] == "up"))
    # the demo's targets are quarterly: the quarter's revenue target and attainment
    (full,) = _kpi_total(demo, "revenue", period["start"], period["end"])
    revenue = rows["revenue"]
    assert revenue["target"] is not None
    assert revenue["attainment_pct"] == round(revenue["value"] / revenue["target"] * 100, 2)
    assert rows["lead_conversion_rate"]["benchmark_low"] == 10.0
    assert rows["lead_conversion_rate"]["benchmark_status"] in ("below", "within", "above")
    assert full["value"] == revenue["value"]  # a past quarter is measured whole


def test_by_team_in_csv_and_table(demo: Path) -> None:
    out = run_cli("scorecard", "--period", "last-quarter", "--by", "team", "-f", "csv", "-w", demo)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0])[:6] == ["category", "kpi", "label", "unit", "direction", "team"]
    assert "cac is not split by team" in out.stderr
    doc = json.loads(
        run_cli(
            "scorecard", "--period", "last-quarter", "--by", "team", "-f", "json", "-w", demo
        ).stdout
    )
    revenue = {r["team"]: r for r in doc["rows"] if r["kpi"] == "revenue"}
    start, end = doc["period"]["start"], doc["period"]["measured_to"]
    by_team = _kpi_total(demo, "revenue", start, end, "--by", "team")
    assert {r["team"]: r["value"] for r in by_team} == {t: r["value"] for t, r in revenue.items()}
    assert all(r["target"] is not None for r in revenue.values())  # demo team targets
    assert len(rows) == len(doc["rows"])
    table = run_cli("scorecard", "--period", "last-quarter", "-w", demo)
    assert table.returncode == 0, table.stderr
    assert "Scorecard" in table.stdout and "Revenue (bookings) (revenue)" in table.stdout
    assert "attainment" in table.stdout and "benchmark" in table.stdout


def test_a_running_period_is_compared_to_date(demo: Path) -> None:
    doc = json.loads(run_cli("scorecard", "-f", "json", "-w", demo).stdout)
    period, previous = doc["period"], doc["previous"]
    today = dt.date.today()
    assert period["measured_to"] == min(today, dt.date.fromisoformat(period["end"])).isoformat()
    days = dt.date.fromisoformat(period["measured_to"]) - dt.date.fromisoformat(period["start"])
    prev_days = dt.date.fromisoformat(previous["end"]) - dt.date.fromisoformat(previous["start"])
    assert prev_days <= days


def test_periods_follow_the_fiscal_year() -> None:
    as_of = dt.date(2025, 8, 15)
    q = resolve_period("2025-Q1", as_of, 2)  # fiscal year starting in February
    assert (q.first, q.last, period_label(q, 2)) == (
        dt.date(2025, 2, 1),
        dt.date(2025, 4, 30),
        "2025-Q1",
    )
    last = resolve_period("last-month", as_of, 1)
    assert (last.first, last.last) == (dt.date(2025, 7, 1), dt.date(2025, 7, 31))
    year = resolve_period("last-year", as_of, 2)
    assert (year.first, period_label(year, 2)) == (dt.date(2024, 2, 1), "2024")


def test_bad_period_and_by_are_refused(demo: Path) -> None:
    bad = run_cli("scorecard", "--period", "next-week", "-w", demo)
    assert bad.returncode == 2 and "last-month" in bad.stderr
    future = run_cli("scorecard", "--period", "2999-01", "-w", demo)
    assert future.returncode == 2 and "starts after today" in future.stderr
