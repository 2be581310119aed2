"""Shared test fixtures: real workspace files and a real CLI process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from salesmetrics.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# Compiled plans of the test run stay in the run's own directory (CLI subprocesses inherit it).
os.environ.setdefault("SALESMETRICS_CACHE_DIR", tempfile.mkdtemp(prefix="salesmetrics-plans-"))


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


def run_cli_here(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the real command line in this process (its exit code, stdout and stderr): for a
    Spark workspace, whose every new process starts a JVM, once a subprocess has shown the
    command works from a shell."""
    import contextlib
    import io

    from salesmetrics.cli.app import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return subprocess.CompletedProcess(list(map(str, args)), code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory):
    """A real PostgreSQL server for this test session (or worker), started in a temp dir."""
    import shutil
    import tempfile

    from tests.engines import postgres_bin, postgres_server

    if postgres_bin() is None:
        yield None
        return
    # outside pytest's private temp tree: the server runs as the postgres user when root
    base = Path(tempfile.mkdtemp(prefix="salesmetrics-pg-"))
    try:
        with postgres_server(base) as url:
            yield url
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def locations(tmp_path_factory: pytest.TempPathFactory, postgres_url):
    """Fresh workspace locations on every engine: ``locations.new("postgres")``."""
    from tests.engines import Locations

    return Locations(tmp_path_factory.mktemp("engines"), postgres_url)


def _engine_params():
    from tests.engines import engine_params

    return engine_params()


@pytest.fixture(params=_engine_params())
def engine_workspace(request, locations):
    """An empty workspace on each engine of the test matrix (DuckDB, PostgreSQL, Spark)."""
    with Workspace.create(locations.new(request.param)) as ws:
        yield ws
