"""Expose a CSV, Excel or Parquet file to DuckDB as a temporary view of strings.

Every reader produces the same shape: a temp view ``RAW`` whose columns ``c0, c1, …`` hold
the file's values as VARCHAR, plus ``__line``: the physical line (CSV, header = line 1), the
sheet row (xlsx) or the row number from 1 (Parquet) that error messages point at. CSV and
Parquet views read the file as they are queried (no copy); ``materialise`` runs the first
query over the view, retrying CSV files as Latin-1 and fixing line numbers when needed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from salesmetrics.backends.duckdb import quote
from salesmetrics.errors import UserError

RAW = "__sm_raw"
#: The table the file is read into; RAW is a view over it adding ``__line``.
FILE_TABLE = "__sm_file"
#: Blank lines inside a CSV (the reader skips them), to keep line numbers physical.
BLANK_LINES = "__sm_blank_lines"
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
SUPPORTED = ".csv, .tsv, .txt, .xlsx, .parquet"
DELIMITERS = (",", ";", "\t", "|")
#: Bytes read to find the header line and the delimiter.
HEAD_BYTES = 1 << 16


@dataclass(frozen=True)
class Source:
    """A file exposed as ``RAW``: its header names (in column order) and header line."""

    path: Path
    kind: str
    headers: list[str]
    header_line: int | None
    encoding: str = "utf-8"
    delimiter: str = ","

    def raw_column(self, index: int) -> str:
        return f"c{index}"


def sql_literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def read_source(con: duckdb.DuckDBPyConnection, path: Path, sheet: str | None) -> Source:
    """Expose ``path`` as the temp view ``RAW``; unreadable files are user errors."""
    if not path.exists():
        raise UserError(f"File not found: {path}.")
    if not path.is_file():
        raise UserError(f"{path} is not a file.")
    suffix = path.suffix.lower()
    drop_raw(con)
    if suffix in CSV_SUFFIXES:
        return _read_csv(con, path)
    if suffix == ".xlsx":
        from salesmetrics.ingest.xlsx import read_xlsx

        return read_xlsx(con, path, sheet)
    if suffix == ".parquet":
        return _read_parquet(con, path)
    raise UserError(f"Cannot import {path}: unsupported file type '{suffix}'. Use {SUPPORTED}.")


def drop_raw(con: duckdb.DuckDBPyConnection) -> None:
    """Drop what a reader created."""
    con.execute(f"DROP VIEW IF EXISTS {RAW}")
    con.execute(f"DROP TABLE IF EXISTS {FILE_TABLE}")
    con.execute(f"DROP TABLE IF EXISTS {BLANK_LINES}")


def materialise(con: duckdb.DuckDBPyConnection, source: Source, build: Callable[[], int]) -> Source:
    """Run ``build`` (the first full read of ``RAW``; returns its row count).

    A CSV that is not UTF-8 is read again as Latin-1; when its rows do not sit one per line
    (values with line breaks, blank lines) the line numbers are recounted and build rerun.
    """
    if source.kind != "csv":
        try:
            build()
        except (duckdb.InvalidInputException, duckdb.IOException) as exc:
            kind = "Parquet" if source.kind == "parquet" else source.kind
            raise UserError(f"Cannot read {source.path} as {kind}: {_duckdb_reason(exc)}") from exc
        return source
    try:
        try:
            rows = build()
        except duckdb.InvalidInputException as exc:
            if "unicode" not in str(exc).lower() or source.encoding != "utf-8":
                raise
            source = replace(source, encoding="latin-1")
            _csv_view(con, source, exact_lines=False)
            rows = build()
        newlines = _count_newlines(source.path)
        first = (source.header_line or 1) + 1
        if newlines - (first - 1) - rows not in (0, -1):
            _csv_view(con, source, exact_lines=True)
            build()
    except (duckdb.InvalidInputException, duckdb.IOException) as exc:
        raise UserError(f"Cannot read {source.path} as CSV: {_duckdb_reason(exc)}") from exc
    return source


def _head(path: Path) -> tuple[str, str]:
    """The first bytes of the file decoded, and the encoding to read it with."""
    try:
        with path.open("rb") as fh:
            data = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="ignore"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 4:  # a multi-byte character cut by HEAD_BYTES
            return data[: exc.start].decode("utf-8-sig"), "utf-8"
        return data.decode("latin-1"), "latin-1"


def _header_and_delimiter(text: str, path: Path) -> tuple[list[str], str]:
    first_line = text.lstrip("\r\n").splitlines()[0] if text.strip() else ""
    if not first_line.strip():
        raise UserError(f"{path} is empty: expected a header line naming the columns.")
    counts = {d: first_line.count(d) for d in DELIMITERS}
    delimiter = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    reader = csv.reader(io.StringIO(text.lstrip("\r\n")), delimiter=delimiter)
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as exc:
        raise UserError(f"Cannot read the header line of {path}: {exc}.") from exc
    return header, delimiter


def _read_csv(con: duckdb.DuckDBPyConnection, path: Path) -> Source:
    text, encoding = _head(path)
    headers, delimiter = _header_and_delimiter(text, path)
    leading_blank = text[: len(text) - len(text.lstrip("\r\n"))].count("\n")
    source = Source(path, "csv", headers, 1 + leading_blank, encoding, delimiter)
    _csv_view(con, source, exact_lines=False)
    return source


def _csv_view(con: duckdb.DuckDBPyConnection, source: Source, exact_lines: bool) -> None:
    """RAW over read_csv; ``exact_lines`` also counts line breaks inside quoted values."""
    width = len(source.headers)
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    reader = (
        f"read_csv({sql_literal(str(source.path))}, auto_detect=false, header=true, "
        f"skip={(source.header_line or 1) - 1}, "
        f"delim={sql_literal(source.delimiter)}, quote='\"', escape='\"', "
        f"columns={columns}, encoding={sql_literal(source.encoding)})"
    )
    first = (source.header_line or 1) + 1
    numbered = f"SELECT *, row_number() OVER () - 1 AS __row FROM {reader}"
    names = ", ".join(f"c{i}" for i in range(width))
    line = f"{first} + __row"
    if not exact_lines:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {RAW} AS SELECT {names}, {line} AS __line "
            f"FROM ({numbered})"
        )
        return
    newlines = " + ".join(
        f"coalesce(length(c{i}) - length(replace(c{i}, chr(10), '')), 0)" for i in range(width)
    )
    logical = (
        f"{line} + coalesce(sum({newlines}) OVER "
        "(ORDER BY __row ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)"
    )
    _blank_lines_table(con, source)
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {RAW} AS SELECT {names}, "
        f"__logical + coalesce(b.shift, 0) AS __line FROM "
        f"(SELECT *, {logical} AS __logical FROM ({numbered})) "
        f"ASOF LEFT JOIN {BLANK_LINES} b ON __logical >= b.threshold"
    )


def _blank_lines_table(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    """Blank lines after the header as (threshold, shift): a row whose line, counted without
    blank lines, is at least ``threshold`` sits ``shift`` lines further down the file."""
    blank: list[int] = []
    if not source.encoding.startswith("utf-16"):
        with source.path.open("rb") as fh:
            for number, raw_line in enumerate(fh, start=1):
                if number > (source.header_line or 1) and not raw_line.strip(b"\r\n"):
                    blank.append(number)
    shifts: dict[int, int] = {}
    for index, number in enumerate(blank):
        shifts[number - index] = index + 1
    con.execute(f"CREATE OR REPLACE TEMP TABLE {BLANK_LINES} (threshold BIGINT, shift BIGINT)")
    if shifts:
        con.executemany(f"INSERT INTO {BLANK_LINES} VALUES (?, ?)", list(shifts.items()))


def _count_newlines(path: Path) -> int:
    count = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 24):
            count += chunk.count(b"\n")
    return count


def _read_parquet(con: duckdb.DuckDBPyConnection, path: Path) -> Source:
    file = sql_literal(str(path))
    try:
        headers = list(con.sql(f"SELECT * FROM read_parquet({file}) LIMIT 0").columns)
    except duckdb.Error as exc:
        raise UserError(f"Cannot read {path} as Parquet: {_duckdb_reason(exc)}") from exc
    casts = ", ".join(f"CAST({quote(name)} AS VARCHAR) AS c{i}" for i, name in enumerate(headers))
    con.execute(
        f"CREATE TEMP VIEW {RAW} AS SELECT {casts}, file_row_number + 1 AS __line "
        f"FROM read_parquet({file}, file_row_number=true)"
    )
    return Source(path, "parquet", headers, None)


def _duckdb_reason(exc: duckdb.Error) -> str:
    """The useful first lines of a DuckDB reader error."""
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    keep = [ln for ln in lines[:4] if not ln.startswith(("Possible", "*"))]
    text = " ".join(keep) or type(exc).__name__
    return text.replace("Invalid Input Error: ", "").replace("IO Error: ", "")
