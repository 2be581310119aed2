"""The `kpis`, `kpi` and `explain` commands, run as real processes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from salesmetrics.catalog import all_kpis
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli
from tests.engine.data import add, deal

RANGE = ("--from", "2024-01-01", "--to", "2024-03-31")


def _fill(path: Path) -> None:
    with Workspace(path) as ws:
        add(ws, "reps", {"rep_id": "r1", "team": "East"}, {"rep_id": "r2", "team": ""})
        add(
            ws,
            "opportunities",
            deal("a", "won", "2024-01-10", 10_000_000, owner_rep_id="r1"),
            deal("b", "lost", "2024-01-11", 5, owner_rep_id="r1"),
            deal("c", "won", "2024-03-01", 50, owner_rep_id="r2", currency="XXX"),
            deal("d", "won", "2024-03-02", 50, owner_rep_id="r2"),
        )


def test_kpi_json_contract(ws_path: Path) -> None:
    _fill(ws_path)
    result = run_cli(
        "kpi", "win_rate", *RANGE, "--by", "team", "--format", "json", "--workspace", ws_path
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["kpi"], doc["unit"], doc["grain"]) == ("win_rate", "percent", "month")
    assert [list(r) for r in doc["rows"]] == [
        ["period_start", "team", "value", "numerator", "denominator"]
    ] * 6
    assert [(r["period_start"], r["team"]) for r in doc["rows"]] == [
        ("2024-01-01", "East"),
        ("2024-02-01", "East"),
        ("2024-03-01", "East"),
        ("2024-01-01", None),
        ("2024-02-01", None),
        ("2024-03-01", None),
    ]
    assert doc["rows"][0]["value"] == 50.0 and doc["rows"][1]["value"] is None
    assert doc["rows"][5]["numerator"] == 2.0


def test_kpi_csv_table_and_warnings(ws_path: Path) -> None:
    _fill(ws_path)
    out = run_cli("kpi", "revenue", *RANGE, "--format", "csv", "--workspace", ws_path)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == ["period_start", "value", "numerator", "denominator"]
    assert [float(r["value"]) for r in rows] == [10_000_000.0, 0.0, 50.0]
    assert "XXX" in out.stderr and "warning" in out.stderr
    table = run_cli("kpi", "revenue", *RANGE, "--workspace", ws_path)
    assert "$10.0M" in table.stdout and "$50" in table.stdout
    rate = run_cli("kpi", "win_rate", "--grain", "total", *RANGE, "--workspace", ws_path)
    assert "75.0 %" in rate.stdout


def test_kpi_where_and_as_of_options(ws_path: Path) -> None:
    _fill(ws_path)
    out = run_cli(
        "kpi",
        "won_deals",
        "--grain",
        "total",
        *RANGE,
        "--where",
        "team=",
        "--as-of",
        "2024-12-31",
        "--format",
        "json",
        "--workspace",
        ws_path,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["rows"][0]["value"] == 2


def test_unknown_names_exit_2_with_a_suggestion(ws_path: Path) -> None:
    bad_kpi = run_cli("kpi", "revenu", "--workspace", ws_path)
    assert bad_kpi.returncode == 2
    assert "Did you mean 'revenue'" in bad_kpi.stderr and "win_rate" in bad_kpi.stderr
    bad_dim = run_cli("kpi", "revenue", "--by", "teams", "--workspace", ws_path)
    assert bad_dim.returncode == 2 and "Did you mean 'team'" in bad_dim.stderr
    bad_where = run_cli("kpi", "revenue", "--where", "team", "--workspace", ws_path)
    assert bad_where.returncode == 2 and "DIM=VALUE" in bad_where.stderr


def test_kpis_lists_the_catalog(tmp_path: Path) -> None:
    out = run_cli("kpis", "--format", "json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    entries = json.loads(out.stdout)
    assert [e["id"] for e in entries] == [k.id for k in all_kpis()]
    assert {"id", "label", "unit", "category", "formula", "benchmark"} <= set(entries[0])
    table = run_cli("kpis", cwd=tmp_path)
    assert "lead_conversion_rate" in table.stdout and "10–15 %" in table.stdout


def test_explain_shows_formula_sql_and_records(ws_path: Path) -> None:
    _fill(ws_path)
    out = run_cli("explain", "win_rate", *RANGE, "--limit", "1", "--workspace", ws_path)
    assert out.returncode == 0, out.stderr
    assert "won / (won + lost)" in out.stdout
    assert "SELECT" in out.stdout and "opportunity_id" in out.stdout
    as_json = run_cli("explain", "win_rate", *RANGE, "--format", "json", "--workspace", ws_path)
    doc = json.loads(as_json.stdout)
    assert {r["opportunity_id"] for r in doc["records"]} == {"a", "b", "c", "d"}
