"""Load the `kpi_small` fixture company into a fresh workspace and into pandas DataFrames.

The workspace is filled with plain SQL (`read_csv` + casts), not with the importer, so the
KPI comparisons do not depend on it. In the CSVs an unquoted empty field is NULL and a quoted
`""` is an empty string (planted in a few dimension columns: both must form the null slice).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from salesmetrics.backends.duckdb import SQL_TYPES, quote
from salesmetrics.schema import get_table
from salesmetrics.workspace import Workspace

FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "kpi_small"

#: Canonical tables the fixture provides, one CSV each.
TABLE_NAMES = (
    "reps",
    "accounts",
    "leads",
    "opportunities",
    "opportunity_history",
    "activities",
    "fx_rates",
)

#: Workspace settings the fixture company uses (base currency stays the default USD).
STAGE_PROBABILITIES = {"qualification": 20.0, "proposal": 60.0, "negotiation": 80.0}


def csv_path(table: str, directory: Path = FIXTURE_DIR) -> Path:
    return directory / f"{table}.csv"


def csv_columns(table: str, directory: Path = FIXTURE_DIR) -> list[str]:
    with csv_path(table, directory).open(encoding="utf-8") as fh:
        return fh.readline().strip().split(",")


def load_workspace(
    path: Path,
    fiscal_year_start_month: int = 1,
    directory: Path = FIXTURE_DIR,
    tables: tuple[str, ...] = TABLE_NAMES,
) -> Path:
    """Create a workspace at ``path`` holding the fixture rows and settings; returns ``path``.

    ``directory`` and ``tables`` pick another fixture company (one CSV per canonical table)."""
    with Workspace.create(path) as ws:
        for table in tables:
            spec = get_table(table)
            cols = csv_columns(table, directory)
            selects = []
            for name in cols:
                col_type = spec.column(name).type
                if col_type == "str":
                    selects.append(quote(name))
                else:
                    sql_type = SQL_TYPES[col_type]
                    selects.append(f"CAST(NULLIF({quote(name)}, '') AS {sql_type})")
            src = str(csv_path(table, directory)).replace("'", "''")
            ws.con.execute(
                f"INSERT INTO {quote(table)} ({', '.join(map(quote, cols))}) "
                f"SELECT {', '.join(selects)} FROM read_csv('{src}', header=true, "
                "all_varchar=true, allow_quoted_nulls=false)"
            )
        ws.set_setting("stage_probabilities", STAGE_PROBABILITIES)
        ws.set_setting("fiscal_year_start_month", fiscal_year_start_month)
    return path


def settings(fiscal_year_start_month: int = 1) -> dict[str, Any]:
    """The settings the reference uses, equal to those `load_workspace` stores."""
    return {
        "base_currency": "USD",
        "fiscal_year_start_month": fiscal_year_start_month,
        "stage_probabilities": dict(STAGE_PROBABILITIES),
    }


def load_tables() -> dict[str, pd.DataFrame]:
    """The fixture as DataFrames: empty strings become None, columns get their schema types.

    Dates and timestamps become `pd.Timestamp` (NaT when empty), money/float/int become float
    (NaN when empty), strings stay str or None.
    """
    out: dict[str, pd.DataFrame] = {}
    for table in TABLE_NAMES:
        spec = get_table(table)
        raw = pd.read_csv(csv_path(table), dtype=str, keep_default_na=False)
        df = pd.DataFrame(index=raw.index)
        for name in raw.columns:
            col = raw[name].astype(object).where(raw[name] != "", None)
            col_type = spec.column(name).type
            if col_type in ("date", "timestamp"):
                df[name] = pd.to_datetime(col, format="ISO8601")
            elif col_type in ("money", "float", "int"):
                df[name] = pd.to_numeric(col).astype(float)
            elif col_type == "bool":
                df[name] = col.map(lambda v: None if v is None else v.lower() in ("true", "1"))
            else:
                df[name] = col.astype(object)
        out[table] = df
    return out
