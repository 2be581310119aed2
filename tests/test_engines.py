"""Every command on every engine: DuckDB, a real PostgreSQL server and PySpark local.

The KPI numbers themselves are compared with the pandas reference on every engine in
tests/test_kpi_reference.py; this module checks the rest of the promise: imports (strict,
lenient, idempotent, atomic), the CLI, the demo, secrets, and what each engine does while another
process imports.
"""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from salesmetrics.backends.base import PAUSE_BEFORE_COMMIT_ENV
from salesmetrics.ingest import ImportFailed, ImportOptions, import_file
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli, run_cli_here
from tests.engines import engine_params
from tests.ingest.samples import VALID_ROWS, write_csv

ENGINES = engine_params()
OPEN = {"kpi_id": "open_opportunities", "grain": "total", "start": "2024-01-01",
        "end": "2024-12-31"}  # fmt: skip


def stored(ws: Workspace, table: str, columns: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in ws.backend.rows(f"SELECT {columns} FROM {table} ORDER BY 1")]


def test_imports_are_strict_lenient_and_idempotent_everywhere(
    engine_workspace: Workspace, tmp_path: Path
) -> None:
    ws = engine_workspace
    good = write_csv(tmp_path / "opps.csv", VALID_ROWS["opportunities"])
    first = import_file(ws, "opportunities", good)
    assert (first.inserted, first.replaced) == (3, 0)
    before = stored(ws, "opportunities", "opportunity_id, status, amount, currency")
    assert [r[0] for r in before] == ["o1", "o2", "o3"]
    again = import_file(ws, "opportunities", good)  # upsert: the same file changes nothing
    assert (again.inserted, again.replaced) == (0, 3)
    assert stored(ws, "opportunities", "opportunity_id, status, amount, currency") == before
    rows = copy.deepcopy(VALID_ROWS["opportunities"])
    rows[0]["opportunity_id"] = "o9"
    rows[1]["amount"] = "lots"
    bad = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(ImportFailed):
        import_file(ws, "opportunities", bad)  # strict: nothing is stored
    assert stored(ws, "opportunities", "opportunity_id, status, amount, currency") == before
    lenient = import_file(ws, "opportunities", bad, ImportOptions(skip_invalid=True))
    assert (lenient.stored, lenient.rejected) == (2, 1)
    assert [r[0] for r in stored(ws, "opportunities", "opportunity_id")] == ["o1", "o2", "o3", "o9"]
    replaced = import_file(ws, "opportunities", good, ImportOptions(mode="replace"))
    assert replaced.removed == 4
    assert stored(ws, "opportunities", "opportunity_id, status, amount, currency") == before


def test_links_and_settings_of_an_import_everywhere(
    engine_workspace: Workspace, tmp_path: Path
) -> None:
    ws = engine_workspace
    import_file(ws, "reps", write_csv(tmp_path / "reps.csv", VALID_ROWS["reps"]))
    lines = [
        '"Opportunity ID","Stage","Created Date","Close Date","Account Name","Opportunity Owner"',
        '"x1","Closed Won","2024-01-01","2024-02-01","Globex SA","Ann Archer"',
        '"x2","Verbal commit","2024-01-01","2024-05-01","Globex SA","r1"',
    ]
    report = tmp_path / "report.csv"
    report.write_text("\n".join(lines) + "\n")
    result = import_file(ws, "opportunities", report, ImportOptions(preset="salesforce"))
    assert any("created 1 account" in n for n in result.notes), result.notes
    assert stored(ws, "opportunities", "opportunity_id, status, account_id") == [
        ("x1", "won", "Globex SA"),
        ("x2", "open", "Globex SA"),
    ]
    assert stored(ws, "accounts", "account_id, name") == [("Globex SA", "Globex SA")]
    assert ws.get_setting("stages")["verbal commit"]["source"] == "assumed open"


@pytest.mark.parametrize("engine", ENGINES)
def test_the_cli_on_every_engine(engine: str, locations: Any, tmp_path: Path) -> None:
    where = locations.new(engine)
    # every Spark command starts a JVM (~25 s on a busy machine): the import and the KPI run
    # as processes, the other commands through the same CLI inside this test's process
    here = run_cli_here if engine == "pyspark" else run_cli
    assert here("init", "-w", where).returncode == 0
    reps = write_csv(tmp_path / "reps.csv", VALID_ROWS["reps"])
    opps = write_csv(tmp_path / "opps.csv", VALID_ROWS["opportunities"])
    assert here("import", "reps", reps, "-w", where).returncode == 0
    imported = run_cli("import", "opportunities", opps, "-w", where)
    assert imported.returncode == 0, imported.stderr
    tables = json.loads(here("tables", "--format", "json", "-w", where).stdout)
    assert {t["table"]: t["rows"] for t in tables}["opportunities"] == 3
    kpi = run_cli("kpi", "won_deals", "--grain", "total", "--from", "2024-01-01", "--to",
                  "2024-12-31", "--format", "json", "-w", where)  # fmt: skip
    assert kpi.returncode == 0, kpi.stderr
    assert json.loads(kpi.stdout)["rows"][0]["value"] == 1
    explained = here("explain", "won_deals", "--format", "json", "--from", "2024-01-01",
                     "--to", "2024-12-31", "-w", where)  # fmt: skip
    sql = json.loads(explained.stdout)["sql"][0]
    quote = "`" if engine == "pyspark" else '"'
    assert f"FROM {quote}opportunities{quote}" in sql
    checked = here("check", "--format", "json", "-w", where)
    assert checked.returncode == 0, checked.stderr
    assert len(json.loads(checked.stdout)) > 20
    settings = here("settings", "base_currency=EUR", "-w", where)
    assert "base_currency = 'EUR'" in settings.stdout


@pytest.mark.parametrize("engine", [p for p in ENGINES if p.values[0] != "duckdb"])
def test_the_demo_on_another_engine_equals_the_duckdb_demo(
    engine: str, locations: Any, tmp_path: Path
) -> None:
    from salesmetrics.demo import build_demo

    start = "2023-01-01"
    local = tmp_path / "demo.duckdb"
    build_demo(local, scale="small", seed=7, start=__import__("datetime").date(2023, 1, 1))
    remote = locations.new(engine, "demo")
    here = run_cli_here if engine == "pyspark" else run_cli  # no second JVM
    made = here("demo", "--scale", "small", "--seed", "7", "--start", start, "-w", remote)
    assert made.returncode == 0, made.stderr
    request = {"grain": "quarter", "start": "2023-01-01", "end": "2025-12-31", "by": ["team"]}
    with Workspace(local) as a, Workspace(remote) as b:
        for kpi in ("revenue", "win_rate", "pipeline_value", "lead_conversion_rate"):
            mine, theirs = a.kpi(kpi, **request), b.kpi(kpi, **request)
            assert mine["value"].round(6).tolist() == theirs["value"].round(6).tolist(), kpi
        assert a.row_count("activities") == b.row_count("activities") > 1000


def test_secrets_never_show(postgres_url: str | None) -> None:
    if postgres_url is None:
        pytest.skip("no PostgreSQL server")
    with_secret = postgres_url.replace("sm@", "sm:hunter2@") + "?schema=secretive"
    made = run_cli("init", "-w", with_secret)
    assert made.returncode == 0, made.stderr
    assert "hunter2" not in made.stdout + made.stderr and "sm:***@" in made.stdout
    listed = run_cli("tables", "-w", with_secret)
    explained = run_cli("explain", "revenue", "-w", with_secret)
    for out in (listed, explained):
        assert "hunter2" not in out.stdout + out.stderr
    wrong = with_secret.replace("127.0.0.1:", "127.0.0.1:1")  # nothing listens there
    refused = run_cli("tables", "-w", wrong)
    assert refused.returncode == 2 and "hunter2" not in refused.stderr
    assert "Cannot connect to PostgreSQL at postgresql://sm:***@" in refused.stderr


def _big_csv(path: Path, rows: int) -> Path:
    duckdb.connect().execute(
        f"COPY (SELECT 'o' || i AS opportunity_id, '2024-01-01 10:00:00' AS created_at, "
        f"'open' AS status, '1,250.50' AS amount FROM range(1, {rows + 1}) t(i)) "
        f"TO '{path}' (HEADER)"
    )
    return path


def _import_until(where: str, file: Path, marker: str, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "salesmetrics", "import", "opportunities", str(file), "-w", where],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1", **env},
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(marker):
            return process
    process.wait(timeout=60)
    raise AssertionError(f"the import never printed {marker!r}")


@pytest.mark.slow
def test_kill_9_mid_import_on_postgres_leaves_the_table_as_it_was(
    postgres_url: str | None, locations: Any, tmp_path: Path
) -> None:
    if postgres_url is None:
        pytest.skip("no PostgreSQL server")
    where = locations.new("postgres", "crash")
    with Workspace.create(where) as ws:
        import_file(ws, "opportunities", write_csv(tmp_path / "o.csv", VALID_ROWS["opportunities"]))
        before = stored(ws, "opportunities", "opportunity_id, amount")
        open_before = ws.kpi(**OPEN)["value"].tolist()
    big = _big_csv(tmp_path / "big.csv", 150_000)
    process = _import_until(where, big, "committing", {PAUSE_BEFORE_COMMIT_ENV: "60"})
    # the rows are in PostgreSQL, uncommitted; another reader sees the old table
    with Workspace(where, read_only=True) as reader:
        assert stored(reader, "opportunities", "opportunity_id, amount") == before
        assert reader.kpi(**OPEN)["value"].tolist() == open_before
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    with Workspace(where) as ws:
        assert stored(ws, "opportunities", "opportunity_id, amount") == before
        result = import_file(ws, "opportunities", big)  # and the same import now completes
        assert (result.inserted, result.replaced) == (150_000 - 3, 3)


@pytest.mark.slow
def test_reading_while_another_process_imports(
    locations: Any, tmp_path: Path, postgres_url: str | None
) -> None:
    """DuckDB refuses with the command holding it; PostgreSQL serves the committed data."""
    big = _big_csv(tmp_path / "big.csv", 150_000)
    for engine in ("duckdb", "postgres"):
        if engine == "postgres" and postgres_url is None:
            continue
        where = locations.new(engine, "busy")
        Workspace.create(where).close()
        process = _import_until(where, big, "committing", {PAUSE_BEFORE_COMMIT_ENV: "60"})
        try:
            read = run_cli("kpi", "open_opportunities", "--grain", "total", "--from", "2024-01-01",
                           "--to", "2024-12-31", "--format", "json", "-w", where)  # fmt: skip
            if engine == "duckdb":
                assert read.returncode == 2
                assert "is in use by `salesmetrics import opportunities" in read.stderr
                assert "--wait" in read.stderr
            else:
                assert read.returncode == 0, read.stderr
                assert json.loads(read.stdout)["rows"][0]["value"] is None  # nothing committed
        finally:
            process.kill()
            process.wait(timeout=60)


@pytest.mark.parametrize("engine", [p for p in ENGINES if p.values[0] == "pyspark"])
def test_spark_reads_tables_the_company_maintains(engine: str, tmp_path: Path) -> None:
    """Parquet written by someone else's pipeline under the canonical names is read as it is."""
    from tests.engines import SPARK_TEST_OPTIONS

    lake = tmp_path / "lake"
    target = lake / "crm.db" / "opportunities"
    target.mkdir(parents=True)
    duckdb.connect().execute(
        "COPY (SELECT 'o' || i AS opportunity_id, TIMESTAMP '2024-01-01 09:00:00' AS created_at, "
        "CASE WHEN i % 4 = 0 THEN 'lost' ELSE 'won' END AS status, "
        "DATE '2024-03-01' AS close_date, CAST(100 * i AS DECIMAL(18,4)) AS amount "
        "FROM range(1, 9) t(i)) "
        f"TO '{target}/part-00000.parquet' (FORMAT parquet)"
    )
    before = sorted(p.name for p in target.iterdir())
    where = f"spark:local[1]?warehouse={lake}&database=crm&{SPARK_TEST_OPTIONS}"
    made = run_cli("init", "-w", where)  # adds the settings and the missing tables only
    assert made.returncode == 0, made.stderr
    assert sorted(p.name for p in target.iterdir()) == before
    with Workspace(where, read_only=True) as ws:
        revenue = ws.kpi("revenue", grain="total", start="2024-01-01", end="2024-12-31")
        rate = ws.kpi("win_rate", grain="total", start="2024-01-01", end="2024-12-31")
    # won: i = 1,2,3,5,6,7 -> 100 * (1+2+3+5+6+7) = 2400; 6 of 8 won
    assert revenue["value"].tolist() == [2400.0]
    assert rate["value"].tolist() == [75.0]
