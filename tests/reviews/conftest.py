"""A small demo company built by the real CLI (its history ends 2026-09-30), and where test
artifacts go."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli

AS_OF = "2026-10-01"  # the day after the history: every review of it is whole


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reviews") / "demo.duckdb"
    built = run_cli("demo", "--seed", "7", "--start", "2023-10-01", "--workspace", path)
    assert built.returncode == 0, built.stderr
    return path


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SALESMETRICS_ARTIFACTS") or tmp_path) / "reviews"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
               "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
               "-addext", "subjectAltName=IP:127.0.0.1"]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True)
    return cert, key
