"""Read an Excel .xlsx sheet (openpyxl, read-only) into the temp table of strings."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from salesmetrics.errors import UnknownNameError, UserError
from salesmetrics.ingest.layout import Footer, HeaderChoice, footer_start, is_blank, pick_header
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


def read_xlsx(
    con: duckdb.DuckDBPyConnection, path: Path, sheet: str | None, choice: HeaderChoice
) -> Source:
    """Load the first sheet (or ``sheet``) of ``path`` into ``RAW``.

    Title rows above the header and a report footer below the data are left out (and
    reported by the importer); see ``ingest.layout``.
    """
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
        rows = [
            (number, [cell_text(v) for v in row])
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    rows = [(n, texts) for n, texts in rows if not is_blank(texts)]
    if not rows:
        raise UserError(f"Sheet '{ws.title}' of {path} is empty: expected a header row.")
    try:
        index = pick_header([(n, [t or "" for t in texts]) for n, texts in rows], choice)
    except UserError as exc:
        raise UserError(f"Cannot find the header of {path}: {exc}.") from None
    header_row, header_texts = rows[index]
    while header_texts and (header_texts[-1] is None or not header_texts[-1].strip()):
        header_texts = header_texts[:-1]
    headers = [t or "" for t in header_texts]
    data = rows[index + 1 :]
    footer = None
    start = footer_start([texts for _, texts in data], len(headers))
    if start is not None:
        shown = next((v for _, texts in data[start:] for v in texts if v and v.strip()), "")
        footer = Footer(-1, data[start][0], data[-1][0], shown.strip()[:60])
        data = data[:start]
    columns: list[list[str | None]] = [[] for _ in headers]
    for _, texts in data:
        for position, column in enumerate(columns):
            column.append(texts[position] if position < len(texts) else None)
    lines = [n for n, _ in data]
    arrays = {f"c{i}": pa.array(col, type=pa.string()) for i, col in enumerate(columns)}
    arrays["__line"] = pa.array(lines, type=pa.int64())
    con.register("__sm_xlsx", pa.table(arrays))
    try:
        con.execute(f"CREATE TEMP TABLE {FILE_TABLE} AS SELECT * FROM __sm_xlsx")
        con.execute(f"CREATE TEMP VIEW {RAW} AS SELECT * FROM {FILE_TABLE}")
    finally:
        con.unregister("__sm_xlsx")
    return Source(path, "xlsx", headers, header_row, skipped=index, footer=footer)
