"""The few backend-specific steps of a KPI run: the period spine table and running SQL.

Everything else is Ibis. Compiled SQL refers to the spine as a named table
(``sm_spine_<window>``) that is registered on the connection just before the query runs, so one
compiled statement serves every range and grain of the same request shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import pyarrow as pa

from salesmetrics.engine.periods import Period

if TYPE_CHECKING:
    import pandas as pd
    from ibis.expr.types import Table

    from salesmetrics.workspace import Workspace

SPINE_SCHEMA = {"period_start": "date", "lo": "date", "hi": "date"}


def spine_name(window: str) -> str:
    return f"sm_spine_{window}"


def spine_table(window: str) -> Table:
    """The spine of ``window`` as a named Ibis table (its rows are registered at run time)."""
    return ibis.table(SPINE_SCHEMA, name=spine_name(window))


def register_spine(workspace: Workspace, window: str, periods: list[Period]) -> None:
    """Make the rows of ``periods`` visible as the spine table of ``window``."""
    data = pa.table(
        {
            "period_start": pa.array([p.start for p in periods], pa.date32()),
            "lo": pa.array([p.lo for p in periods], pa.date32()),
            "hi": pa.array([p.hi for p in periods], pa.date32()),
        }
    )
    workspace.con.register(spine_name(window), data)


def dialect(workspace: Workspace) -> str:
    return str(workspace.ibis.name)


def to_sql(workspace: Workspace, expr: Table, pretty: bool = False) -> str:
    """The SQL of ``expr`` in the workspace backend's dialect (``pretty``: indented)."""
    return str(workspace.ibis.compile(expr, pretty=pretty))


def run_sql(workspace: Workspace, sql: str) -> pd.DataFrame:
    """Run compiled SQL and return its (small) result; Ctrl-C stops it as KeyboardInterrupt."""
    import duckdb

    try:
        return workspace.con.execute(sql).df()
    except duckdb.InterruptException:
        raise KeyboardInterrupt from None
