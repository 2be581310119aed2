"""Every canonical table imports from CSV, XLSX and Parquet, with the same typed result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from salesmetrics.ingest import import_file
from salesmetrics.schema import ALL_TABLES
from salesmetrics.workspace import Workspace
from tests.ingest.samples import VALID_ROWS, rows_of, write_csv, write_parquet, write_xlsx

WRITERS = {"csv": write_csv, "xlsx": write_xlsx, "parquet": write_parquet}


def test_samples_cover_every_table() -> None:
    assert set(VALID_ROWS) == {t.name for t in ALL_TABLES}
    for table in ALL_TABLES:
        assert set(VALID_ROWS[table.name][0]) == set(table.column_names), table.name


@pytest.mark.parametrize("table", [t.name for t in ALL_TABLES])
def test_table_imports_from_every_format(tmp_path: Path, table: str) -> None:
    results = {}
    for kind, writer in WRITERS.items():
        ws_path = tmp_path / f"{kind}.duckdb"
        file = writer(tmp_path / f"{table}.{kind}", VALID_ROWS[table])
        with Workspace.create(ws_path) as ws:
            result = import_file(ws, table, file)
            assert (result.inserted, result.replaced, result.rejected) == (3, 0, 0), kind
            results[kind] = rows_of(ws.con, table)
    assert len(results["csv"]) == 3
    assert results["xlsx"] == results["csv"]
    assert results["parquet"] == results["csv"]


def test_values_are_stored_with_canonical_types(tmp_path: Path) -> None:
    file = write_csv(tmp_path / "opps.csv", VALID_ROWS["opportunities"])
    with Workspace.create(tmp_path / "ws.duckdb") as ws:
        import_file(ws, "opportunities", file)
        row = ws.con.execute(
            "SELECT created_at, status, close_date, amount, probability, type, contract_months "
            "FROM opportunities WHERE opportunity_id = 'o1'"
        ).fetchone()
    assert row == (
        dt.datetime(2024, 1, 1, 9, 0),
        "won",
        dt.date(2024, 2, 15),
        Decimal("12500.0000"),
        100.0,
        "new_business",
        12,
    )


def test_xlsx_sheet_option_and_row_numbers(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Notes"
    first.append(["nothing to import here"])
    deals = book.create_sheet("Deals")
    rows = [  # row 1 stays empty: the header is on row 2
        ["opportunity_id", "created_at", "status"],
        ["o1", dt.datetime(2024, 1, 2, 10, 30), "open"],
        ["o2", "not a date", "open"],
    ]
    for number, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            deals.cell(row=number, column=col, value=value)
    book.save(path)
    from salesmetrics.ingest import ImportFailed, ImportOptions

    with Workspace.create(tmp_path / "ws.duckdb") as ws:
        with pytest.raises(ImportFailed) as failed:
            import_file(ws, "opportunities", path, ImportOptions(sheet="Deals"))
        issue = failed.value.issues[0]
        assert (issue.line, issue.column, issue.value) == (4, "created_at", "not a date")
        assert issue.reason == "not a timestamp"
        from salesmetrics.errors import UnknownNameError

        with pytest.raises(UnknownNameError, match="Did you mean 'Deals'"):
            import_file(ws, "opportunities", path, ImportOptions(sheet="deal"))
