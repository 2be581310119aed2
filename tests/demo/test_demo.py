"""The demo company: every table filled, reproducible, coherent, with its stories visible."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

import duckdb
import numpy as np

from salesmetrics.demo import build_demo, default_start
from salesmetrics.demo.common import Timeline
from salesmetrics.demo.config import DEMO_META_KEY, STAGE_PROBABILITIES
from salesmetrics.migrations import META_TABLE
from salesmetrics.schema import ALL_TABLES
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli
from tests.demo.conftest import SEED, START


def table_digests(path: Path) -> dict[str, str]:
    """A digest of each canonical table's rows in a fixed order."""
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            t.name: hashlib.sha256(
                repr(con.execute(f'SELECT * FROM "{t.name}" ORDER BY ALL').fetchall()).encode()
            ).hexdigest()
            for t in ALL_TABLES
        }


def test_every_canonical_table_is_filled(con: duckdb.DuckDBPyConnection) -> None:
    counts = {
        t.name: con.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0] for t in ALL_TABLES
    }
    assert all(n > 0 for n in counts.values()), counts
    assert 1_500 <= counts["opportunities"] <= 2_600


def test_cli_prints_rows_per_table_and_time(tmp_path: Path) -> None:
    path = tmp_path / "shown.duckdb"
    result = run_cli("demo", "--seed", "3", "--start", "2024-01-01", "--workspace", path)
    assert result.returncode == 0, result.stderr
    for table in ALL_TABLES:
        assert table.name in result.stdout
    assert "built in" in result.stdout
    with Workspace(path) as ws:
        assert ws.get_setting("base_currency") == "USD"
        assert ws.get_setting("stage_probabilities") == STAGE_PROBABILITIES
        assert ws.get_setting("company_name")


def test_same_seed_gives_identical_tables_and_another_seed_differs(
    demo_path: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again.duckdb"
    build_demo(again, "small", SEED, START)
    assert table_digests(again) == table_digests(demo_path)

    build_demo(again, "small", SEED + 1, START)  # rebuilding a demo workspace is allowed
    first, other = table_digests(demo_path), table_digests(again)
    for table in ("opportunities", "activities", "leads", "subscriptions", "fx_rates"):
        assert first[table] != other[table]


def test_refuses_to_overwrite_a_workspace_holding_other_data(tmp_path: Path) -> None:
    path = tmp_path / "mine.duckdb"
    with Workspace.create(path) as ws:
        ws.con.execute("INSERT INTO reps (rep_id, name) VALUES ('me', 'Real Person')")
    result = run_cli("demo", "--workspace", path, "--start", START.isoformat())
    assert result.returncode == 2
    assert "--workspace" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reps").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM opportunities").fetchone()[0] == 0


def test_empty_workspace_is_filled_and_marked_as_demo(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    Workspace.create(path).close()
    summary = build_demo(path, "small", 11, START)
    assert summary.rows["opportunities"] > 0
    with duckdb.connect(str(path), read_only=True) as con:
        marker = con.execute(f"SELECT value FROM {META_TABLE} WHERE key = ?", [DEMO_META_KEY])
        assert marker.fetchone() == ("11",)


def test_bad_start_and_scale_are_user_errors(tmp_path: Path) -> None:
    path = tmp_path / "x.duckdb"
    bad_start = run_cli("demo", "--start", "last year", "--workspace", path)
    bad_scale = run_cli("demo", "--scale", "huge", "--workspace", path)
    assert bad_start.returncode == 2 and "--start" in bad_start.stderr
    assert bad_scale.returncode == 2 and "small" in bad_scale.stderr


def test_refuses_a_file_that_is_not_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("my notes, not a database\n")
    result = run_cli("demo", "--workspace", path, "--start", START.isoformat())
    assert result.returncode == 2
    assert "--workspace" in result.stderr
    assert path.read_text() == "my notes, not a database\n"


def test_default_history_is_the_36_months_before_this_month() -> None:
    assert default_start(date(2026, 11, 22)) == date(2023, 11, 1)
    assert default_start(date(2026, 1, 1)) == date(2023, 1, 1)
    assert Timeline(default_start(date(2026, 11, 22))).end_day == np.datetime64("2026-11-01")


def test_without_start_the_history_runs_through_yesterday(tmp_path: Path) -> None:
    path = tmp_path / "now.duckdb"
    summary = build_demo(path, "small", 5)
    today = date.today()
    assert summary.start == default_start(today)
    assert summary.end == today - timedelta(days=1)
    with duckdb.connect(str(path), read_only=True) as con:
        latest = con.execute(
            "SELECT max(created_at)::DATE, (SELECT max(occurred_at)::DATE FROM activities) "
            "FROM leads"
        ).fetchone()
    assert latest[0] < today and latest[1] < today
    assert latest[0] >= today.replace(day=1) - timedelta(days=7)  # the current month is alive
