"""Write the problems (errors file) and the rejected rows (with their reasons) as CSV."""

from __future__ import annotations

from pathlib import Path

import duckdb

from salesmetrics.backends.duckdb import quote
from salesmetrics.errors import UserError
from salesmetrics.ingest.readers import RAW, Source, sql_literal


def _copy(con: duckdb.DuckDBPyConnection, select: str, path: Path) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con.execute(f"COPY ({select}) TO {sql_literal(str(path))} (HEADER, DELIMITER ',')")
    except (duckdb.Error, OSError) as exc:
        raise UserError(f"Cannot write {path}: {str(exc).splitlines()[0]}") from exc
    return path


def write_errors(con: duckdb.DuckDBPyConnection, issues: str, source: Source, path: Path) -> Path:
    """Every problem, one per line: file, line, column, value, reason, hint."""
    return _copy(
        con,
        f"SELECT {sql_literal(source.path.name)} AS file, line, column_name AS column, value, "
        f"reason, hint FROM {issues} ORDER BY line NULLS FIRST, column_name",
        path,
    )


def output_headers(source: Source) -> list[str]:
    """The file's header names, made unique and non-empty for the rejected-rows file."""
    seen: set[str] = {"line", "problems"}
    names = []
    for index, header in enumerate(source.headers):
        name = header.strip() or f"column{index + 1}"
        while name in seen:
            name += "_"
        seen.add(name)
        names.append(name)
    return names


def write_rejected(
    con: duckdb.DuckDBPyConnection,
    issues: str,
    source: Source,
    path: Path,
    ragged: str | None = None,
) -> Path:
    """The rejected rows as read, preceded by their line and problems.

    ``ragged`` names a table of records with the wrong number of fields (cut or padded to the
    header's width), which are not in ``RAW``.
    """
    columns = ", ".join(
        f"raw.c{i} AS {quote(name)}" for i, name in enumerate(output_headers(source))
    )
    rows = f"SELECT {', '.join(f'c{i}' for i in range(len(source.headers)))}, __line FROM {RAW}"
    if ragged:
        rows += f" UNION ALL SELECT * EXCLUDE (__line), __line FROM {ragged}"
    problems = (
        f"SELECT line, string_agg(column_name || ': ' || reason, '; ' ORDER BY column_name) "
        f"AS problems FROM {issues} WHERE line IS NOT NULL GROUP BY line"
    )
    return _copy(
        con,
        f"SELECT raw.__line AS line, p.problems, {columns} FROM ({rows}) raw "
        f"JOIN ({problems}) p ON p.line = raw.__line ORDER BY raw.__line",
        path,
    )
