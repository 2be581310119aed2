"""Workspaces are never written by mistake: foreign files, locks, read-only commands."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from salesmetrics.backends.base import PAUSE_BEFORE_COMMIT_ENV
from salesmetrics.errors import UserError
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli
from tests.ingest.samples import VALID_ROWS, write_csv


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_duckdb_file_that_is_not_a_workspace_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE orders AS SELECT 1 AS id")
    con.close()
    before = digest(path)
    for command in (["tables"], ["check"], ["kpi", "revenue"], ["settings"], ["values", "team"]):
        result = run_cli(*command, "-w", path)
        assert result.returncode == 2, (command, result.stderr)
        assert "not a salesmetrics workspace" in result.stderr
        assert "salesmetrics init" in result.stderr
    assert digest(path) == before
    assert not Path(f"{path}.wal").exists()
    # init is the explicit way to make it one, keeping its own table
    assert run_cli("init", "-w", path).returncode == 0
    with Workspace(path, read_only=True) as ws:
        assert ws.row_count("opportunities") == 0
        assert ws.con.execute("SELECT id FROM orders").fetchall() == [(1,)]


def test_a_sqlite_file_is_refused_without_touching_the_network(tmp_path: Path) -> None:
    path = tmp_path / "crm.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE deals (id)")
    con.commit()
    con.close()
    before = digest(path)
    home = tmp_path / "home"  # DuckDB would put a downloaded extension under ~/.duckdb
    result = run_cli("tables", "-w", path, env={"HOME": str(home)})
    assert result.returncode == 2
    assert "is a SQLite database, not a DuckDB database" in result.stderr
    assert digest(path) == before
    assert not (home / ".duckdb").exists()


def test_extensions_are_never_autoloaded(ws_path: Path) -> None:
    with Workspace(ws_path, read_only=True) as ws:
        settings = dict(
            ws.con.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN "
                "('autoload_known_extensions', 'autoinstall_known_extensions')"
            ).fetchall()
        )
    assert settings == {
        "autoload_known_extensions": "false",
        "autoinstall_known_extensions": "false",
    }


def test_read_only_commands_can_run_side_by_side(ws_path: Path) -> None:
    with (
        Workspace(ws_path, read_only=True) as first,
        Workspace(ws_path, read_only=True),
        pytest.raises(UserError, match="open read-only"),
    ):
        first.set_setting("base_currency", "EUR")
    other = subprocess.run(
        [sys.executable, "-m", "salesmetrics", "tables", "-w", str(ws_path)],
        capture_output=True,
        text=True,
    )
    assert other.returncode == 0, other.stderr


def _start_import(ws_path: Path, tmp_path: Path) -> subprocess.Popen[str]:
    """A real import that holds the workspace lock for a minute, before its COMMIT."""
    big = tmp_path / "big.csv"
    duckdb.connect().execute(
        f"COPY (SELECT 'o' || i AS opportunity_id, '2024-01-01' AS created_at, 'open' AS status "
        f"FROM range(120000) t(i)) TO '{big}' (HEADER)"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "salesmetrics", "import", "opportunities", str(big), "-w",
         str(ws_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", PAUSE_BEFORE_COMMIT_ENV: "60"},
    )  # fmt: skip
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("committing"):
            return process
    raise AssertionError("the import never reached its commit")


@pytest.mark.slow
def test_a_locked_workspace_names_the_command_and_wait_waits(ws_path: Path, tmp_path: Path) -> None:
    holder = _start_import(ws_path, tmp_path)
    try:
        busy = run_cli("tables", "-w", ws_path)
        assert busy.returncode == 2
        assert "is in use by `salesmetrics import opportunities" in busy.stderr
        assert "--wait" in busy.stderr
        assert sys.executable not in busy.stderr and "/bin/python" not in busy.stderr
        waiter = subprocess.Popen(
            [sys.executable, "-m", "salesmetrics", "tables", "--wait", "60", "-w", str(ws_path),
             "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        time.sleep(1.0)
        assert waiter.poll() is None  # still waiting for the lock
        holder.send_signal(signal.SIGINT)  # the import rolls back and lets go
        out, err = waiter.communicate(timeout=60)
        assert waiter.returncode == 0, err
        assert '"table": "opportunities"' in out
    finally:
        holder.kill()
        holder.wait(timeout=30)


def test_version_and_workspace_option_everywhere(tmp_path: Path, ws_path: Path) -> None:
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("salesmetrics ")
    for command in (
        ["init"],
        ["tables"],
        ["check"],
        ["settings"],
        ["kpis"],
        ["values", "team"],
        ["stages"],
        ["kpi", "won_deals"],
        ["explain", "won_deals"],
    ):
        result = run_cli(*command, "-w", ws_path, "--wait", "1")
        assert result.returncode == 0, (command, result.stderr)
    reps = write_csv(tmp_path / "reps.csv", VALID_ROWS["reps"])
    assert run_cli("import", "reps", reps, "-w", ws_path, "--wait", "1").returncode == 0
    assert run_cli("demo", "--help").returncode == 0
