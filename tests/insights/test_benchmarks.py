"""Benchmark status beside `salesmetrics kpi` rows: shipped, per industry, overridden in the
workspace's settings, and bad overrides refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salesmetrics.catalog.benchmarks import SHIPPED, Band, parse_overrides
from salesmetrics.errors import UserError
from salesmetrics.insights.benchmarks import rating, status
from tests.conftest import run_cli

Q1 = ("--grain", "quarter", "--from", "2024-01-01", "--to", "2024-03-31")


def _rows(path: Path, *args: str) -> list[dict]:
    out = run_cli("kpi", *args, *Q1, "--format", "json", "--workspace", path)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["rows"]


def test_status_and_rating_follow_the_direction() -> None:
    band = Band.of(30)
    assert (band.low, band.high) == (27.0, 33.0)  # a single value: within ±10 %
    assert [status(v, band) for v in (26.9, 27, 33, 33.1, None)] == [
        "below",
        "within",
        "within",
        "above",
        None,
    ]
    assert rating("above", "up") == "better" and rating("above", "down") == "worse"
    assert rating("below", "down") == "better" and rating("within", "up") == "typical"
    assert rating("above", "neutral") is None


def test_the_spec_table_ships_as_data() -> None:
    assert (SHIPPED["lead_conversion_rate"].overall, SHIPPED["win_rate"].overall) == (
        Band(10.0, 15.0),
        None,
    )
    assert SHIPPED["win_rate"].band_for("Financial Services") == Band.of(19)  # "finance"
    assert SHIPPED["cac"].band_for("software") == Band.of(205)  # "SaaS"
    assert SHIPPED["sales_cycle_days"].band_for("retail") == Band.of(70)


def test_industry_benchmarks_apply_to_industry_rows(company: Path) -> None:
    rows = {r["industry"]: r for r in _rows(company, "win_rate", "--by", "industry")}
    software, retail = rows["software"], rows["retail"]
    # software: 3 won of 3 = 100 % against 22 % ± 10 %
    assert (software["benchmark_status"], software["benchmark_rating"]) == ("above", "better")
    assert (software["benchmark_low"], software["benchmark_high"]) == (19.8, 24.2)
    assert retail["benchmark_status"] is None and retail["benchmark_low"] is None
    (where,) = _rows(company, "sales_cycle_days", "--where", "industry=retail")
    # 10 days against 70 ± 10 %: below, better for a KPI where lower is better
    assert (where["value"], where["benchmark_status"], where["benchmark_rating"]) == (
        10.0,
        "below",
        "better",
    )
    # the company as a whole: win_rate has no overall benchmark, so no benchmark columns
    (whole,) = _rows(company, "win_rate")
    assert "benchmark_status" not in whole
    table = run_cli("kpi", "win_rate", "--by", "industry", *Q1, "--workspace", company)
    assert "above 19.8 %–24.2 % (better)" in table.stdout


def test_workspace_overrides_and_company_industry(company: Path) -> None:
    override = {
        "win_rate": {"low": 70, "high": 90},
        "sales_cycle_days": {"industry": {"software": {"value": 9}}},
        "lead_response_hours": None,
    }
    out = run_cli("settings", f"benchmarks={json.dumps(override)}", "--workspace", company)
    assert out.returncode == 0, out.stderr
    (whole,) = _rows(company, "win_rate")  # 80 % within 70-90
    assert (whole["benchmark_status"], whole["benchmark_rating"]) == ("within", "typical")
    assert (whole["benchmark_low"], whole["benchmark_high"]) == (70.0, 90.0)
    # the override replaces the KPI's whole benchmark: no retail band any more
    rows = {r["industry"]: r for r in _rows(company, "sales_cycle_days", "--by", "industry")}
    assert rows["software"]["benchmark_status"] == "above"  # 10 days against 8.1-9.9
    assert rows["retail"]["benchmark_status"] is None
    (overall,) = _rows(company, "sales_cycle_days")
    assert "benchmark_status" not in overall
    out = run_cli("settings", "company_industry=Software", "--workspace", company)
    assert out.returncode == 0, out.stderr
    (overall,) = _rows(company, "sales_cycle_days")
    assert (overall["benchmark_low"], overall["benchmark_status"]) == (8.1, "above")
    listed = json.loads(run_cli("kpis", "--format", "json").stdout)
    data = {e["id"]: e["benchmark_data"] for e in listed}
    assert data["lead_conversion_rate"]["overall"] == {"low": 10.0, "high": 15.0, "value": None}
    assert data["revenue"] is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            '{"win_rat": {"value": 20}}',
            "'win_rat' is not a KPI of the catalog. Did you mean 'win_rate'?",
        ),
        ('{"win_rate": {"low": 30, "high": 20}}', "win_rate: low 30 is above high 20"),
        ('{"win_rate": {"low": 30}}', 'win_rate needs both "low" and "high"'),
        ('{"cac": {"value": "cheap"}}', "cac: value must be a number"),
        ('{"cac": {"value": 1, "high": 2}}', 'cac: give either "value" or "low" and "high"'),
        ('{"acv": {"max": 3}}', "acv has unknown key 'max'"),
        ("[1, 2]", "benchmarks must be a JSON object"),
        ("{oops", "benchmarks must be a JSON object"),
    ],
)
def test_bad_overrides_are_refused(value: str, message: str) -> None:
    with pytest.raises(UserError, match=None) as caught:
        parse_overrides(value)
    assert message in str(caught.value)


def test_a_refused_override_changes_nothing(company: Path) -> None:
    out = run_cli("settings", 'benchmarks={"win_rate": {"low": 30}}', "--workspace", company)
    assert out.returncode == 2
    assert "win_rate" in out.stderr and '"low" and "high"' in out.stderr
    shown = run_cli("settings", "--workspace", company)
    assert "benchmarks = {}" in shown.stdout
