"""The engines the test matrix runs on: DuckDB files, a real PostgreSQL server, PySpark local.

A PostgreSQL server is started for the test session (one per xdist worker) with the
``initdb``/``pg_ctl`` of Debian's ``postgresql`` package, in a temporary directory, on a free
port; it is stopped at the end. Spark runs in local mode (pip ``pyspark``, Java 17).

``SALESMETRICS_TEST_BACKENDS`` (default ``duckdb,postgres,pyspark``) names the engines. An
engine named there whose software is missing fails the run, unless
``SALESMETRICS_TEST_BACKENDS`` is unset, in which case it is skipped with the reason (so a
developer without Java can still run the DuckDB suite; CI sets the variable).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ALL_ENGINES = ("duckdb", "postgres", "pyspark")
SPARK_TEST_OPTIONS = (
    "spark.sql.shuffle.partitions=1&spark.sql.codegen.wholeStage=false"
    "&spark.sql.adaptive.enabled=false"
)
ENV = "SALESMETRICS_TEST_BACKENDS"


def requested() -> tuple[str, ...]:
    names = os.environ.get(ENV, ",".join(ALL_ENGINES)).split(",")
    return tuple(n.strip() for n in names if n.strip())


def explicit() -> bool:
    return bool(os.environ.get(ENV))


def postgres_bin() -> Path | None:
    """The directory of initdb and pg_ctl (Debian keeps them out of PATH)."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


def spark_missing() -> str | None:
    """Why PySpark cannot run here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed"
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        return "Java is not installed (apt-get install openjdk-17-jre-headless)"
    return None


def unavailable(engine: str) -> str | None:
    if engine == "postgres" and postgres_bin() is None:
        return "PostgreSQL is not installed (apt-get install postgresql)"
    if engine == "pyspark":
        return spark_missing()
    return None


def engine_params() -> list[object]:
    """pytest params for the requested engines; missing ones skip or fail (see module)."""
    params: list[object] = []
    for engine in requested():
        why = unavailable(engine)
        if why and explicit():
            raise RuntimeError(f"{ENV} asks for {engine}, but {why}")
        marks = [pytest.mark.skip(reason=why)] if why else []
        if engine == "pyspark":  # one xdist worker runs every Spark test: one JVM, and each
            marks.append(pytest.mark.xdist_group("spark"))  # module's Spark copy built once
        params.append(pytest.param(engine, marks=marks, id=engine))
    return params


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the postgres user then."""
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def postgres_server(base: Path) -> Iterator[str]:
    """A PostgreSQL server in ``base`` for the session; yields its URL (database created)."""
    bin_dir = postgres_bin()
    assert bin_dir is not None
    base.mkdir(parents=True, exist_ok=True)
    data, sockets = base / "data", base / "sockets"
    sockets.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    made = subprocess.run(
        _as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "sm",
                         "-E", "UTF8"]),
        capture_output=True,
        text=True,
    )  # fmt: skip
    if made.returncode:
        raise RuntimeError(f"initdb failed: {made.stderr or made.stdout}")
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                         str(base / "server.log"), "-w", "start"]),
        check=True,
        capture_output=True,
    )  # fmt: skip
    url = f"postgresql://sm@127.0.0.1:{port}/postgres"
    try:
        import psycopg

        for _ in range(50):
            try:
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute("CREATE DATABASE salesmetrics")
                break
            except psycopg.OperationalError:
                time.sleep(0.1)
        yield f"postgresql://sm@127.0.0.1:{port}/salesmetrics"
    finally:
        subprocess.run(
            _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                             "stop"]),
            capture_output=True,
        )  # fmt: skip


class Locations:
    """Fresh workspace locations on each engine (a new schema or database every time)."""

    def __init__(self, tmp: Path, postgres_url: str | None) -> None:
        self.tmp = tmp
        self.postgres_url = postgres_url

    def new(self, engine: str, name: str = "ws") -> str:
        token = f"{name}_{uuid.uuid4().hex[:8]}"
        if engine == "duckdb":
            return str(self.tmp / f"{token}.duckdb")
        if engine == "postgres":
            assert self.postgres_url, "no PostgreSQL server in this session"
            return f"{self.postgres_url}?schema={token}"
        if engine == "pyspark":  # tiny data: one partition, no code generation, no AQE
            return (
                f"spark:local[1]?warehouse={self.tmp / 'warehouse'}&database={token}"
                f"&{SPARK_TEST_OPTIONS}"
            )
        raise ValueError(engine)
