"""A small demo company built once per test module through the real CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_cli

START = date(2023, 10, 1)
SEED = 7


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    result = run_cli(
        "demo",
        "--scale",
        "small",
        "--seed",
        str(SEED),
        "--start",
        START.isoformat(),
        "--workspace",
        path,
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def con(demo_path: Path):
    connection = duckdb.connect(str(demo_path), read_only=True)
    yield connection
    connection.close()
