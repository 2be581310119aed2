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
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from salesmetrics.backends.duckdb import quote
from salesmetrics.errors import UserError
from salesmetrics.ingest.layout import Footer, HeaderChoice, csv_footer, pick_header, sniff

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
class Ragged:
    """A CSV record whose number of fields differs from the header's."""

    line: int
    fields: list[str]


@dataclass(frozen=True)
class Source:
    """A file exposed as ``RAW``: its header names (in column order) and header line.

    ``read_path`` is what DuckDB reads (a copy without the footer or ragged records, when the
    file has them; line numbers stay those of ``path``). ``skipped``: lines above the header
    (title rows); ``footer``: footer lines recognised at the end; ``ragged``: records with the
    wrong number of fields.
    """

    path: Path
    kind: str
    headers: list[str]
    header_line: int | None
    encoding: str = "utf-8"
    delimiter: str = ","
    read_path: Path | None = None
    skipped: int = 0
    footer: Footer | None = None
    ragged: list[Ragged] = field(default_factory=list)
    temporary: list[Path] = field(default_factory=list)

    def raw_column(self, index: int) -> str:
        return f"c{index}"

    @property
    def reads(self) -> Path:
        return self.read_path or self.path

    def cleanup(self) -> None:
        for temp in self.temporary:
            temp.unlink(missing_ok=True)


def sql_literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def read_source(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    sheet: str | None,
    header: HeaderChoice | None = None,
) -> Source:
    """Expose ``path`` as the temp view ``RAW``; unreadable files are user errors."""
    if not path.exists():
        raise UserError(f"File not found: {path}.")
    if not path.is_file():
        raise UserError(f"{path} is not a file.")
    suffix = path.suffix.lower()
    drop_raw(con)
    choice = header or HeaderChoice()
    if suffix in CSV_SUFFIXES:
        sniff(path, ".csv")
        return _read_csv(con, path, choice)
    if suffix == ".xlsx":
        from salesmetrics.ingest.xlsx import read_xlsx

        sniff(path, ".xlsx")
        return read_xlsx(con, path, sheet, choice)
    if suffix == ".parquet":
        sniff(path, ".parquet")
        return _read_parquet(con, path)
    if suffix == ".xls":
        raise UserError(
            f"Cannot import {path}: Excel 97-2003 .xls workbooks are not supported; open it in "
            "Excel and save it as .xlsx or CSV."
        )
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
    Records with the wrong number of fields are listed (all of them, with their lines) in
    ``Source.ragged`` and read as blank lines, so every other line keeps its number.
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
            if "unicode" in str(exc).lower() and source.encoding == "utf-8":
                source = replace(source, encoding="latin-1")
                _csv_view(con, source, exact_lines=False)
                rows = build()
            else:
                source = _without_ragged(con, source, exc)
                rows = build()
        newlines = _count_newlines(source.reads)
        first = (source.header_line or 1) + 1
        if source.ragged or newlines - (first - 1) - rows not in (0, -1):
            _csv_view(con, source, exact_lines=True)
            build()
    except (duckdb.InvalidInputException, duckdb.IOException) as exc:
        source.cleanup()
        raise UserError(f"Cannot read {source.path} as CSV: {_duckdb_reason(exc)}") from exc
    except BaseException:
        source.cleanup()  # the copies made here are not known to the caller
        raise
    return source


def _without_ragged(con: duckdb.DuckDBPyConnection, source: Source, error: duckdb.Error) -> Source:
    """``source`` reading a copy whose ragged records are blank lines; re-raise if none."""
    ragged = ragged_records(source)
    if not ragged:
        raise error
    bad_lines: set[int] = set()
    for record in ragged:
        bad_lines.update(range(record.line, record.line + record.fields_lines))
    copy = _temporary_copy(source, lambda number: number in bad_lines)
    source = replace(
        source,
        read_path=copy,
        ragged=[Ragged(r.line, r.fields) for r in ragged],
        temporary=[*source.temporary, copy],
    )
    try:
        _csv_view(con, source, exact_lines=True)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return source


@dataclass(frozen=True)
class _Record:
    line: int
    fields: list[str]
    fields_lines: int


def ragged_records(source: Source) -> list[_Record]:
    """Every data record whose field count differs from the header's, with its first line."""
    width = len(source.headers)
    found: list[_Record] = []
    last_line = source.footer.first_line - 1 if source.footer else None
    with source.reads.open(encoding=source.encoding, errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=source.delimiter)
        previous = 0
        for fields in reader:
            line, previous = previous + 1, reader.line_num
            if line <= (source.header_line or 1):
                continue
            if last_line is not None and line > last_line:
                break
            if fields and len(fields) != width and any(f.strip() for f in fields):
                found.append(_Record(line, fields, reader.line_num - line + 1))
    return found


def _temporary_copy(source: Source, blank: Callable[[int], bool], stop: int | None = None) -> Path:
    """A copy of the file with the lines ``blank`` picks emptied (and lines from ``stop`` on
    left out), so DuckDB reads it with every other line at its original number."""
    handle, name = tempfile.mkstemp(prefix="salesmetrics-", suffix=".csv")
    os.close(handle)
    out = Path(name)
    with source.reads.open("rb") as fh, out.open("wb") as dest:
        for number, raw_line in enumerate(fh, start=1):
            if stop is not None and number >= stop:
                break
            dest.write(b"\n" if blank(number) else raw_line)
    return out


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


def _read_csv(con: duckdb.DuckDBPyConnection, path: Path, choice: HeaderChoice) -> Source:
    text, encoding = _head(path)
    lines = _first_rows(text)
    if not lines:
        raise UserError(f"{path} is empty: expected a header line naming the columns.")
    try:
        index = pick_header([(n, fields) for n, fields, _ in lines], choice)
    except UserError as exc:
        raise UserError(f"Cannot find the header of {path}: {exc}.") from None
    header_line, headers, delimiter = lines[index]
    skipped = sum(1 for n, _, _ in lines[:index])
    source = Source(path, "csv", headers, header_line, encoding, delimiter, skipped=skipped)
    try:
        if encoding == "utf-16":  # read a UTF-8 copy: footers and ragged rows work line by line
            copy = _utf8_copy(path)
            source = replace(source, encoding="utf-8", read_path=copy, temporary=[copy])
        footer = csv_footer(source.reads, source.encoding, delimiter, len(headers))
        if footer is not None and footer.first_line > header_line:
            copy = _temporary_copy(source, lambda _n: False, stop=footer.first_line)
            source = replace(
                source, footer=footer, read_path=copy, temporary=[*source.temporary, copy]
            )
        _csv_view(con, source, exact_lines=False)
    except BaseException:
        source.cleanup()  # a copy of the user's file never outlives a failed read
        raise
    return source


def _utf8_copy(path: Path) -> Path:
    """A UTF-8 copy of a UTF-16 file, line for line."""
    handle, name = tempfile.mkstemp(prefix="salesmetrics-", suffix=".csv")
    os.close(handle)
    out = Path(name)
    with path.open(encoding="utf-16", newline="") as src, out.open("w", encoding="utf-8",
                                                                   newline="") as dest:  # fmt: skip
        while chunk := src.read(1 << 20):
            dest.write(chunk)
    return out


def _first_rows(text: str) -> list[tuple[int, list[str], str]]:
    """(line, fields, delimiter) of the first non-blank lines of the file's head."""
    rows = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        counts = {d: line.count(d) for d in DELIMITERS}
        delimiter = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
        try:
            fields = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
        except csv.Error:
            fields = [line]
        rows.append((number, fields, delimiter))
        if len(rows) >= 40:
            break
    return rows


def _csv_view(con: duckdb.DuckDBPyConnection, source: Source, exact_lines: bool) -> None:
    """RAW over read_csv; ``exact_lines`` also counts line breaks inside quoted values."""
    width = len(source.headers)
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    reader = (
        f"read_csv({sql_literal(str(source.reads))}, auto_detect=false, header=true, "
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
        with source.reads.open("rb") as fh:
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
