"""The real `salesmetrics tables` and `salesmetrics check` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salesmetrics.quality import CHECKS
from salesmetrics.schema import TABLES
from tests.conftest import run_cli
from tests.quality.data import clean_workspace, insert, opp, sub


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """Clean data plus one warning (an unknown account) and one info (an overdue deal)."""
    with clean_workspace(tmp_path) as ws:
        insert(
            ws,
            "opportunities",
            opp("late", status="open", created_at="2019-12-01", close_date="2020-01-01"),
        )
        insert(ws, "subscriptions", sub("[b]ghost", "2020-01-01", None, account_id="nobody"))
        return ws.path


def test_tables_json_lists_every_table(planted: Path) -> None:
    result = run_cli("tables", "--workspace", planted, "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["table"] for r in rows] == list(TABLES)
    by_table = {r["table"]: r for r in rows}
    assert by_table["subscriptions"]["rows"] == 9
    assert by_table["subscriptions"]["date_ranges"]["start_date"]["min"] == "2020-01-01"
    assert by_table["opportunities"]["date_ranges"]["close_date"]["min"] == "2020-01-01"
    assert by_table["web_stats"] == {
        "table": "web_stats",
        "rows": 0,
        "date_ranges": {"date": {"min": None, "max": None}},
    }


def test_tables_prints_a_readable_table(planted: Path) -> None:
    result = run_cli("tables", "--workspace", planted)
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "subscriptions" in x)
    assert "9" in line and "2020-01-01" in line and "2024-03-01" in line


def test_check_json_reports_findings_and_passed_checks(planted: Path) -> None:
    result = run_cli("check", "--workspace", planted, "--format", "json", "--examples", "1")
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    assert [f["check"] for f in findings] == [c.id for c in CHECKS]
    failed = {f["check"]: f for f in findings if not f["passed"]}
    assert set(failed) == {"subscriptions.unknown_account", "opportunities.open_past_close_date"}
    unknown = failed["subscriptions.unknown_account"]
    assert unknown["severity"] == "warning"
    assert (unknown["table"], unknown["count"], unknown["examples"]) == (
        "subscriptions",
        1,
        ["[b]ghost"],
    )
    assert "import accounts" in unknown["hint"]
    overdue = failed["opportunities.open_past_close_date"]
    assert overdue["severity"] == "info"
    assert overdue["count"] == 2  # "late" and the clean o4, due long before the real today
    assert len(overdue["examples"]) == 1
    assert set(findings[0]) == {
        "check",
        "severity",
        "table",
        "title",
        "count",
        "examples",
        "examples_of",
        "hint",
        "passed",
    }


def test_check_table_shows_passed_and_failed_checks(planted: Path) -> None:
    result = run_cli("check", "--workspace", planted)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[b]ghost" in out and "warning" in out and "info" in out
    passed_lines = [line for line in out.splitlines() if line.startswith("ok  ")]
    assert len(passed_lines) == len(CHECKS) - 2
    assert any("opportunities.won_without_amount" in line for line in passed_lines)
    assert f"{len(CHECKS)} checks: {len(CHECKS) - 2} passed, 1 warning(s), 1 info." in out


@pytest.mark.parametrize(
    ("fail_on", "status"), [("never", 0), ("warning", 1), ("info", 1)], ids=str
)
def test_fail_on_warning_exits_1_when_a_warning_is_found(
    planted: Path, fail_on: str, status: int
) -> None:
    result = run_cli("check", "--workspace", planted, "--fail-on", fail_on, "--format", "json")
    assert result.returncode == status, result.stderr
    assert json.loads(result.stdout)  # the report is printed either way


def test_fail_on_levels_on_info_only_data(tmp_path: Path) -> None:
    with clean_workspace(tmp_path) as ws:  # o4 is due 2024-06-15: overdue by the real today
        path = ws.path
    assert run_cli("check", "-w", path, "--fail-on", "warning").returncode == 0
    assert run_cli("check", "-w", path, "--fail-on", "info").returncode == 1


@pytest.mark.parametrize("command", ["tables", "check"])
def test_missing_workspace_exits_2_with_one_line(tmp_path: Path, command: str) -> None:
    result = run_cli(command, "--workspace", tmp_path / "none.duckdb")
    assert result.returncode == 2
    assert "No workspace at" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_negative_examples_is_a_usage_error(planted: Path) -> None:
    result = run_cli("check", "--workspace", planted, "--examples", "-1")
    assert result.returncode == 2
