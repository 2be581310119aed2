"""A crash (kill -9) in the middle of an import leaves the workspace exactly as before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from salesmetrics.backends.base import PAUSE_BEFORE_COMMIT_ENV
from salesmetrics.ingest import import_file
from salesmetrics.workspace import Workspace
from tests.ingest.samples import VALID_ROWS, rows_of, write_csv

ROWS = 100_000


def big_opportunities_csv(path: Path, rows: int) -> Path:
    """``rows`` valid opportunities (ids overlap the sample rows' ids o1..o3)."""
    duckdb.connect().execute(
        f"""COPY (SELECT 'o' || i AS opportunity_id, '2024-01-01 10:00:00' AS created_at,
                         'open' AS status, '1,250.50' AS amount, 'r1' AS owner_rep_id
                  FROM range(1, {rows + 1}) t(i)) TO '{path}' (HEADER)"""
    )
    return path


def run_and_kill_at(ws_path: Path, file: Path, marker: str, env: dict[str, str]) -> str:
    """Start an import, wait for ``marker`` on its output, then SIGKILL it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "salesmetrics", "import", "opportunities", str(file),
         "--workspace", str(ws_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1", **env},
    )  # fmt: skip
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        if line.startswith(marker):
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "".join(seen)
    return "".join(seen)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("marker", "env"),
    [
        ("committing", {PAUSE_BEFORE_COMMIT_ENV: "60"}),  # rows inserted, COMMIT not yet run
        ("checking", {}),  # while parsing and validating
    ],
    ids=["before-commit", "while-checking"],
)
def test_kill_9_mid_import_keeps_the_workspace(
    tmp_path: Path, marker: str, env: dict[str, str]
) -> None:
    ws_path = tmp_path / "ws.duckdb"
    with Workspace.create(ws_path) as ws:
        import_file(ws, "opportunities", write_csv(tmp_path / "o.csv", VALID_ROWS["opportunities"]))
        import_file(ws, "reps", write_csv(tmp_path / "r.csv", VALID_ROWS["reps"]))
        before = rows_of(ws.con, "opportunities")
        reps = rows_of(ws.con, "reps")
    big = big_opportunities_csv(tmp_path / "big.csv", ROWS)
    output = run_and_kill_at(ws_path, big, marker, env)
    assert "reading big.csv" in output
    with Workspace(ws_path) as ws:
        assert rows_of(ws.con, "opportunities") == before
        assert rows_of(ws.con, "reps") == reps
        # and the workspace still works: the same import now completes
        result = import_file(ws, "opportunities", big)
        assert (result.inserted, result.replaced) == (ROWS - 3, 3)
