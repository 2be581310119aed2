"""Cohort retention and the MRR waterfall: against the independent pandas reference on the
subs_small fixture (every engine), through the CLI, and reconciled on the demo company."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from salesmetrics.engine.cohorts import cohorts
from salesmetrics.engine.waterfall import mrr_waterfall
from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli
from tests.engines import engine_params
from tests.reference import pandas_subscriptions as ref
from tests.reference.fixture import load_workspace


@pytest.fixture(scope="module")
def fixture_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("subs_cohorts")
    return load_workspace(root / "subs.duckdb", 1, ref.FIXTURE_DIR, ref.TABLE_NAMES)


@pytest.fixture(scope="module", params=engine_params())
def ws(request: pytest.FixtureRequest, fixture_path: Path, locations: Any) -> Iterator[Workspace]:
    if request.param == "duckdb":
        handle = Workspace(fixture_path)
    else:
        handle = Workspace.create(locations.new(request.param, "subs_cohorts"))
        with Workspace(fixture_path) as source:
            copy_workspace(source, handle, [])
    yield handle
    handle.close()


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return ref.load_tables()


def _close(a: Any, b: Any) -> bool:
    a_null = a is None or (isinstance(a, float) and math.isnan(a))
    b_null = b is None or (isinstance(b, float) and math.isnan(b))
    if a_null or b_null:
        return a_null and b_null
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


COHORT_CASES = [
    ("month", "2023-10-01", "2024-12-31", "logo", "2025-03-31"),
    ("month", "2023-10-01", "2024-12-31", "revenue", "2025-03-31"),
    ("quarter", "2023-10-01", "2025-03-31", "logo", "2025-02-15"),
    ("quarter", "2024-01-01", "2024-12-31", "revenue", "2025-03-31"),
    ("month", "2024-02-10", "2024-08-20", "revenue", "2024-11-10"),
]


@pytest.mark.parametrize(("grain", "start", "end", "metric", "as_of"), COHORT_CASES)
def test_cohorts_match_reference(
    ws: Workspace,
    tables: dict[str, pd.DataFrame],
    grain: str,
    start: str,
    end: str,
    metric: str,
    as_of: str,
) -> None:
    got = cohorts(ws, grain, start, end, metric, as_of)
    want = ref.cohorts(tables, grain, start, end, metric, as_of, ref.settings(1))
    assert len(got.rows) == len(want), (got.rows, want)
    assert len(want) > 5
    for row, (_, expected) in zip(got.rows, want.iterrows(), strict=True):
        cohort, size, base, k, value = row
        assert cohort == pd.Timestamp(expected["cohort"]).date()
        assert (size, k) == (expected["size"], expected["period"])
        assert _close(base, expected["start_mrr"]), (row, expected.to_dict())
        assert _close(value, expected["value"]), (row, expected.to_dict())


@pytest.mark.parametrize(
    ("grain", "start", "end"),
    [("month", "2024-01-01", "2025-03-31"), ("quarter", "2023-10-01", "2025-03-31"),
     ("month", "2024-03-15", "2024-09-10")],
)  # fmt: skip
def test_waterfall_matches_reference_and_reconciles(
    ws: Workspace, tables: dict[str, pd.DataFrame], grain: str, start: str, end: str
) -> None:
    got = mrr_waterfall(ws, grain=grain, start=start, end=end)
    want = ref.mrr_waterfall(tables, grain, start, end, ref.settings(1))
    assert len(got.rows) == len(want)
    for row, (_, expected) in zip(got.rows, want.iterrows(), strict=True):
        period, first, *moves, last, reconciles = row
        assert period == pd.Timestamp(expected["period_start"]).date()
        assert reconciles
        for name, value in zip(ref_columns(), [first, *moves, last], strict=True):
            assert _close(value, expected[name]), (name, row, expected.to_dict())
    assert any("GBP" in w for w in got.warnings)


def ref_columns() -> list[str]:
    return ["start_mrr", "new", "reactivation", "expansion", "contraction", "churn", "end_mrr"]


def test_cli_cohorts_and_waterfall(tmp_path: Path) -> None:
    fixture_path = load_workspace(tmp_path / "cli.duckdb", 1, ref.FIXTURE_DIR, ref.TABLE_NAMES)
    out = run_cli("cohorts", "--metric", "revenue", "--grain", "quarter", "--from", "2024-01-01",
                  "--to", "2024-12-31", "--as-of", "2025-03-31", "-f", "json",
                  "--workspace", fixture_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    document = json.loads(out.stdout)
    with Workspace(fixture_path, read_only=True) as ws:
        direct = cohorts(ws, "quarter", "2024-01-01", "2024-12-31", "revenue", "2025-03-31")
    assert document["rows"] == direct.records()
    assert document["metric"] == "revenue" and document["rows"]
    table = run_cli("cohorts", "--from", "2024-01-01", "--to", "2024-06-30", "--as-of",
                    "2024-12-31", "--workspace", fixture_path)  # fmt: skip
    assert table.returncode == 0 and "Retention by month cohort" in table.stdout
    csv_out = run_cli("mrr-waterfall", "--from", "2024-01-01", "--to", "2024-06-30", "-f", "csv",
                      "--workspace", fixture_path)  # fmt: skip
    assert csv_out.returncode == 0, csv_out.stderr
    lines = csv_out.stdout.strip().splitlines()
    assert lines[0] == (
        "period_start,start_mrr,new,reactivation,expansion,contraction,churn,end_mrr,reconciles"
    )
    assert len(lines) == 7 and all(line.endswith("True") for line in lines[1:])
    assert "GBP" in csv_out.stderr  # the warning goes to stderr
    bad = run_cli("cohorts", "--grain", "week", "--workspace", fixture_path)
    assert bad.returncode == 2


def test_waterfall_reconciles_on_the_demo_for_three_years(tmp_path: Path) -> None:
    """Every month of three years of the demo company: the movements add up to the change,
    and the start of each month is the MRR of the month before (the demo has every rate)."""
    path = tmp_path / "demo.duckdb"
    built = run_cli("demo", "--scale", "small", "--seed", "3", "--start", "2023-01-01",
                    "--workspace", path)  # fmt: skip
    assert built.returncode == 0, built.stderr
    with Workspace(path, read_only=True) as demo:
        water = mrr_waterfall(demo, grain="month", start="2023-01-01", end="2025-12-31")
        mrr = demo.kpi("mrr", grain="month", start="2022-12-01", end="2025-12-31")
        net = demo.kpi("net_new_mrr", grain="month", start="2023-01-01", end="2025-12-31")
    assert len(water.rows) == 36 and not water.warnings
    previous = list(mrr["value"])
    assert sum(previous) > 0
    for i, row in enumerate(water.rows):
        period, first, *_moves, last, reconciles = row
        assert reconciles, row
        assert first == pytest.approx(previous[i], rel=1e-12, abs=1e-6)
        assert last == pytest.approx(previous[i + 1], rel=1e-12, abs=1e-6)
        assert net["value"].iloc[i] == pytest.approx(last - first, rel=1e-9, abs=1e-6)
        assert period == dt.date(2023 + i // 12, i % 12 + 1, 1)
