"""Shared test fixtures: real workspace files and a real CLI process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from salesmetrics.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def ws_path(tmp_path: Path) -> Path:
    """A freshly initialised workspace file."""
    path = tmp_path / "ws.duckdb"
    Workspace.create(path).close()
    return path


@pytest.fixture
def workspace(ws_path: Path):
    with Workspace(ws_path) as ws:
        yield ws


def run_cli(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `salesmetrics` command in a subprocess."""
    full_env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "salesmetrics", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=600,
    )
