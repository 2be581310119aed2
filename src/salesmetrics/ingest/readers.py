"""Read a CSV, Excel or Parquet file into a temporary DuckDB table of strings.

Every reader produces the same shape: a temp table ``RAW`` whose columns ``c0, c1, …`` hold
the file's values as VARCHAR, plus ``__line``: the physical line (CSV, header = line 1), the
sheet row (xlsx) or the row number from 1 (Parquet) that error messages point at.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb

from salesmetrics.backends.duckdb import quote
from salesmetrics.errors import UserError

RAW = "__sm_raw"
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
SUPPORTED = ".csv, .tsv, .txt, .xlsx, .parquet"
DELIMITERS = (",", ";", "\t", "|")
#: Bytes read to find the header line and the delimiter.
HEAD_BYTES = 1 << 16


@dataclass(frozen=True)
class Source:
    """A file loaded into ``RAW``: its header names (in column order) and header line."""

    path: Path
    kind: str
    headers: list[str]
    header_line: int | None

    def raw_column(self, index: int) -> str:
        return f"c{index}"


def sql_literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def read_source(con: duckdb.DuckDBPyConnection, path: Path, sheet: str | None) -> Source:
    """Load ``path`` into the temp table ``RAW``; unreadable files are user errors."""
    if not path.exists():
        raise UserError(f"File not found: {path}.")
    if not path.is_file():
        raise UserError(f"{path} is not a file.")
    suffix = path.suffix.lower()
    con.execute(f"DROP TABLE IF EXISTS {RAW}")
    if suffix in CSV_SUFFIXES:
        return _read_csv(con, path)
    if suffix == ".xlsx":
        from salesmetrics.ingest.xlsx import read_xlsx

        return read_xlsx(con, path, sheet)
    if suffix == ".parquet":
        return _read_parquet(con, path)
    raise UserError(f"Cannot import {path}: unsupported file type '{suffix}'. Use {SUPPORTED}.")


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
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(headers))) + "}"

    def load(enc: str) -> None:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE __sm_csv AS SELECT * FROM read_csv("
            f"{sql_literal(str(path))}, auto_detect=false, header=true, "
            f"delim={sql_literal(delimiter)}, quote='\"', escape='\"', "
            f"columns={columns}, encoding={sql_literal(enc)})"
        )

    try:
        try:
            load(encoding)
        except duckdb.InvalidInputException as exc:
            if "unicode" not in str(exc).lower() or encoding != "utf-8":
                raise
            load("latin-1")
    except duckdb.Error as exc:
        raise UserError(f"Cannot read {path} as CSV: {_duckdb_reason(exc)}") from exc
    _number_csv_lines(con, len(headers), text)
    return Source(path, "csv", headers, 1 + _leading_blank_lines(text))


def _leading_blank_lines(text: str) -> int:
    stripped = text.lstrip("\r\n")
    return text[: len(text) - len(stripped)].count("\n")


def _number_csv_lines(con: duckdb.DuckDBPyConnection, width: int, text: str) -> None:
    """Physical line numbers: the header line, plus newlines inside earlier quoted values."""
    first = 2 + _leading_blank_lines(text)
    newlines = " + ".join(
        f"coalesce(length(c{i}) - length(replace(c{i}, chr(10), '')), 0)" for i in range(width)
    )
    multiline = con.execute(
        "SELECT count(*) FROM __sm_csv WHERE "
        + " OR ".join(f"contains(c{i}, chr(10))" for i in range(width))
    ).fetchone()
    if multiline and multiline[0]:
        line = (
            f"{first} + rowid + coalesce(sum({newlines}) OVER "
            "(ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)"
        )
    else:
        line = f"{first} + rowid"
    con.execute(f"CREATE TEMP TABLE {RAW} AS SELECT *, {line} AS __line FROM __sm_csv")
    con.execute("DROP TABLE __sm_csv")


def _read_parquet(con: duckdb.DuckDBPyConnection, path: Path) -> Source:
    try:
        rel = con.sql(f"SELECT * FROM read_parquet({sql_literal(str(path))})")
        headers = list(rel.columns)
        casts = ", ".join(
            f"CAST({quote(name)} AS VARCHAR) AS c{i}" for i, name in enumerate(headers)
        )
        con.execute(
            f"CREATE TEMP TABLE {RAW} AS SELECT {casts}, file_row_number + 1 AS __line "
            f"FROM read_parquet({sql_literal(str(path))}, file_row_number=true)"
        )
    except duckdb.Error as exc:
        raise UserError(f"Cannot read {path} as Parquet: {_duckdb_reason(exc)}") from exc
    return Source(path, "parquet", headers, None)


def _duckdb_reason(exc: duckdb.Error) -> str:
    """The useful first lines of a DuckDB reader error."""
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    keep = [ln for ln in lines[:4] if not ln.startswith(("Possible", "*"))]
    text = " ".join(keep) or type(exc).__name__
    return text.replace("Invalid Input Error: ", "").replace("IO Error: ", "")
