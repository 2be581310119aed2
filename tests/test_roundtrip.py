"""Imports never lose or change data: demo tables exported and imported again are identical."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from salesmetrics.demo import build_demo
from salesmetrics.ingest import ImportOptions, import_file
from salesmetrics.schema import TABLES
from salesmetrics.workspace import Workspace


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_every_table_survives_export_and_import_unchanged(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "demo.duckdb"
    build_demo(source, "small", seed=3, start=dt.date(2023, 1, 1))
    con = duckdb.connect(str(source), read_only=True)
    for name in TABLES:
        option = "(HEADER)" if fmt == "csv" else "(FORMAT parquet)"
        con.execute(f"COPY {name} TO '{tmp_path / f'{name}.{fmt}'}' {option}")
    con.close()

    target = tmp_path / "imported.duckdb"
    with Workspace.create(target) as ws:
        for name in TABLES:
            result = import_file(ws, name, tmp_path / f"{name}.{fmt}", ImportOptions())
            assert result.rejected == 0, name
        ws.con.execute(f"ATTACH '{source}' AS original (READ_ONLY)")
        for name in TABLES:
            stored = ws.row_count(name)
            assert stored > 0, name
            for left, right in (("original", "main"), ("main", "original")):
                differing = ws.con.execute(
                    f"SELECT count(*) FROM (SELECT * FROM {left}.{name} "
                    f"EXCEPT ALL SELECT * FROM {right}.{name})"
                ).fetchall()[0][0]
                assert differing == 0, f"{name}: {differing} rows in {left} not in {right}"
