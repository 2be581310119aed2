"""A real DuckDB workspace (the kpi_small fixture company) served by the real app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from salesmetrics.web.app import create_app
from tests.reference.fixture import load_workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return load_workspace(tmp_path / "web.duckdb")


@pytest.fixture
def client(workspace: Path) -> Iterator[TestClient]:
    with TestClient(create_app(workspace, wait=5, single_user=True)) as test_client:
        yield test_client
