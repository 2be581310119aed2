"""The layout of an export as it comes: what kind of file it is, title rows, footer lines.

CRM report exports are not bare tables: Salesforce ends a CSV report with its name, a
copyright and a confidentiality line, who generated it and the company name; a formatted
Excel report has title rows above the header and a Total row below the data. These functions
find the header row and the footer so the rows between them are read as data, and say so.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from salesmetrics.errors import UserError

#: First bytes of file kinds people export or rename by mistake.
MAGIC = (
    (b"PK\x03\x04", "an Excel .xlsx workbook (or another zip archive)", ".xlsx"),
    (b"\xd0\xcf\x11\xe0", "an Excel 97-2003 .xls workbook", ".xls"),
    (b"PAR1", "a Parquet file", ".parquet"),
    (b"%PDF", "a PDF document", ".pdf"),
    (b"\x1f\x8b", "a gzip archive", ".gz"),
    (b"SQLite format 3\x00", "a SQLite database", ".sqlite"),
)
#: How many non-blank lines at the top are searched for the header row.
HEADER_SEARCH_LINES = 30
FOOTER_MARKER = re.compile(
    r"^\s*("
    r"(grand\s+)?totals?(\s*\(\d[\d,.]*\s+records?\))?"
    r"|sub-?totals?"
    r"|record\s+count|\d[\d,.]*\s+records?"
    r"|copyright\b.*|\(c\)\s.*|©.*"
    r"|confidential\b.*"
    r"|generated\s+by\b.*"
    r")\s*:?\s*$",
    re.IGNORECASE,
)


def sniff(path: Path, expected: str) -> None:
    """Refuse a file whose bytes say it is not what its name says (or is binary)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    for magic, kind, suffix in MAGIC:
        if head.startswith(magic):
            if suffix == expected or (expected == ".xlsx" and suffix == ".xlsx"):
                return
            advice = {
                ".xlsx": "rename it to .xlsx",
                ".parquet": "rename it to .parquet",
                ".xls": "open it in Excel and save it as .xlsx or CSV",
                ".gz": "unpack it first",
            }.get(suffix, "export the data as CSV, .xlsx or Parquet")
            raise UserError(
                f"{path.name} is {kind}, not a {_name(expected)} file: {advice}. Nothing was "
                "imported."
            )
    if expected == ".csv" and b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError(
            f"{path.name} holds binary data, not CSV text: export the data as CSV, .xlsx or "
            "Parquet. Nothing was imported."
        )
    if (
        expected in (".xlsx", ".parquet")
        and head
        and not head.startswith(b"PK\x03\x04" if expected == ".xlsx" else b"PAR1")
    ):
        looks = "CSV text" if _looks_like_text(head) else "something else"
        raise UserError(
            f"{path.name} is not {_name(expected)} (it looks like {looks}): "
            + ("rename it to .csv. " if looks == "CSV text" else "")
            + "Nothing was imported."
        )


def _name(suffix: str) -> str:
    return {".csv": "CSV", ".xlsx": "an Excel .xlsx workbook", ".parquet": "a Parquet file"}.get(
        suffix, suffix
    )


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in head


@dataclass(frozen=True)
class HeaderChoice:
    """How to find the header: a given row (1-based), N rows to skip, or by known names."""

    header_row: int | None = None
    skip_rows: int = 0
    known: frozenset[str] = frozenset()


def normalise_header(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.lower())


def pick_header(rows: list[tuple[int, list[str]]], choice: HeaderChoice) -> int:
    """The index in ``rows`` ((line, fields) of the first non-blank rows) of the header row.

    ``header_row`` wins, then ``skip_rows``; otherwise the first row naming the most known
    columns (the first row when none names any).
    """
    if not rows:
        raise UserError("the file holds no header row")
    if choice.header_row is not None:
        for index, (line, _) in enumerate(rows):
            if line == choice.header_row:
                return index
        raise UserError(f"--header-row {choice.header_row} is blank or past the end of the file")
    if choice.skip_rows:
        for index, (line, _) in enumerate(rows):
            if line > choice.skip_rows:
                return index
        raise UserError(f"--skip-rows {choice.skip_rows} skips every row of the file")
    best, best_hits = 0, 0
    for index, (_, fields) in enumerate(rows[:HEADER_SEARCH_LINES]):
        hits = len({normalise_header(f) for f in fields if f.strip()} & choice.known)
        if hits > best_hits:
            best, best_hits = index, hits
    return best


def is_blank(fields: list[str | None]) -> bool:
    return all(f is None or not str(f).strip() for f in fields)


def footer_start(rows: list[list[str | None]], width: int) -> int | None:
    """Index of the first footer row among ``rows`` (the data rows, in order), or None.

    A footer is a run of rows at the end that are blank, hold at most one value, or start with
    a report marker (Total, Grand Totals (12 records), Copyright, Confidential, Generated By);
    it must hold a marker, and starts at its first blank or marker row, so a last data row
    with one value is kept.
    """
    marker_seen = False
    first = len(rows)
    for index in range(len(rows) - 1, -1, -1):
        fields = rows[index]
        values = [str(f).strip() for f in fields if f is not None and str(f).strip()]
        marker = bool(values) and bool(FOOTER_MARKER.match(values[0]))
        if not (not values or marker or (len(values) <= 1 and width >= 3)):
            break
        marker_seen = marker_seen or marker
        first = index
    if not marker_seen:
        return None
    for index in range(first, len(rows)):
        values = [str(f).strip() for f in rows[index] if f is not None and str(f).strip()]
        if not values or FOOTER_MARKER.match(values[0]):
            return index
    return None  # pragma: no cover - a marker row is always found


@dataclass(frozen=True)
class Footer:
    """Footer lines of a CSV file: the byte offset and line where they start, and a sample."""

    offset: int
    first_line: int
    last_line: int
    sample: str


TAIL_BYTES = 1 << 16


def csv_footer(path: Path, encoding: str, delimiter: str, width: int) -> Footer | None:
    """The footer at the end of a CSV file (see :func:`footer_start`), from its last lines."""
    if encoding.startswith("utf-16"):
        return None
    size = path.stat().st_size
    with path.open("rb") as fh:
        fh.seek(max(0, size - TAIL_BYTES))
        tail = fh.read()
    base = max(0, size - TAIL_BYTES)
    pieces = tail.split(b"\n")
    offsets = []
    position = base
    for piece in pieces:
        offsets.append(position)
        position += len(piece) + 1
    if base > 0:  # the first piece may be cut in the middle of a line
        pieces, offsets = pieces[1:], offsets[1:]
    if pieces and pieces[-1] == b"":  # the file ends with a newline
        pieces, offsets = pieces[:-1], offsets[:-1]
    rows = []
    for piece in pieces:
        text = piece.decode(encoding, errors="replace").rstrip("\r")
        try:
            rows.append(next(csv.reader(io.StringIO(text), delimiter=delimiter), []))
        except csv.Error:
            rows.append([text, "", ""])  # not a simple line: never footer-like on its own
    start = footer_start(rows, width)  # type: ignore[arg-type]
    if start is None or (start == 0 and base == 0):
        return None
    with path.open("rb") as fh:
        before = fh.read(offsets[start]).count(b"\n")
    shown = next((v for r in rows[start:] for v in r if v and v.strip()), "")
    total_lines = before + len(rows) - start
    return Footer(offsets[start], before + 1, total_lines, shown.strip()[:60])
