"""Read an Excel .xlsx sheet (openpyxl, read-only) into the temp table of strings."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from salesmetrics.errors import UnknownNameError, UserError
from salesmetrics.ingest.readers import FILE_TABLE, RAW, Source


def cell_text(value: Any) -> str | None:
    """An Excel cell value as the text the importer parses."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def read_xlsx(con: duckdb.DuckDBPyConnection, path: Path, sheet: str | None) -> Source:
    """Load the first sheet (or ``sheet``) of ``path`` into ``RAW``."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise UserError(f"Cannot read {path} as an Excel .xlsx workbook: {exc}.") from exc
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            raise UnknownNameError(f"sheet in {path.name}", sheet, book.sheetnames)
        headers, header_row, columns, lines = _collect(ws.iter_rows(values_only=True))
    finally:
        book.close()
    if header_row is None:
        raise UserError(f"Sheet '{ws.title}' of {path} is empty: expected a header row.")
    arrays = {f"c{i}": pa.array(col, type=pa.string()) for i, col in enumerate(columns)}
    arrays["__line"] = pa.array(lines, type=pa.int64())
    con.register("__sm_xlsx", pa.table(arrays))
    try:
        con.execute(f"CREATE TEMP TABLE {FILE_TABLE} AS SELECT * FROM __sm_xlsx")
        con.execute(f"CREATE TEMP VIEW {RAW} AS SELECT * FROM {FILE_TABLE}")
    finally:
        con.unregister("__sm_xlsx")
    return Source(path, "xlsx", headers, header_row)


def _collect(
    rows: Any,
) -> tuple[list[str], int | None, list[list[str | None]], list[int]]:
    """Header (first non-empty row), its row number, the value columns and their row numbers."""
    headers: list[str] = []
    header_row: int | None = None
    columns: list[list[str | None]] = []
    lines: list[int] = []
    for number, row in enumerate(rows, start=1):
        texts = [cell_text(v) for v in row]
        if all(t is None or not t.strip() for t in texts):
            continue
        if header_row is None:
            while texts and (texts[-1] is None or not texts[-1].strip()):
                texts.pop()
            headers = [t or "" for t in texts]
            header_row = number
            columns = [[] for _ in headers]
            continue
        for index, column in enumerate(columns):
            column.append(texts[index] if index < len(texts) else None)
        lines.append(number)
    return headers, header_row, columns, lines
