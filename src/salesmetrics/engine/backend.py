"""The Ibis side of the engine: canonical tables as unbound Ibis tables, and SQL of a dialect.

The canonical tables are built from the schema module, so compiling needs no database and is
safe from many threads. Compiled SQL refers to the period spine as a named table
(``sm_spine_<window>``); at run time the name is replaced by the periods written inline
(``engine.execute.with_spines``), so one compiled statement serves every range and grain of the
same request shape and no request shares a table with another.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.backends import compile_sql
from salesmetrics.schema import get_table

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.backends.base import Backend

SPINE_SCHEMA = {"period_start": "date", "lo": "date", "hi": "date"}
#: How each canonical column type is seen by Ibis.
IBIS_TYPES = {
    "str": "string",
    "date": "date",
    "timestamp": "timestamp",
    "money": "decimal(18, 4)",
    "int": "int64",
    "float": "float64",
    "bool": "boolean",
}


def date_literal(day: dt.date) -> Any:
    """A date constant every dialect compiles the same way: CAST('2024-01-31' AS DATE)."""
    return ibis.literal(day.isoformat()).cast("date")


def spine_name(window: str) -> str:
    return f"sm_spine_{window}"


def spine_table(window: str) -> Table:
    """The spine of ``window`` as a named Ibis table (its rows are written in at run time)."""
    return ibis.table(SPINE_SCHEMA, name=spine_name(window))


@cache
def canonical_table(name: str) -> Table:
    """The canonical table ``name`` as an unbound Ibis table."""
    table = get_table(name)
    return ibis.table({c.name: IBIS_TYPES[c.type] for c in table.columns}, name=table.name)


def to_sql(backend: Backend, expr: Table, pretty: bool = False) -> str:
    """The SQL of ``expr`` in the backend's dialect (``pretty``: indented)."""
    return compile_sql(expr, backend.dialect, pretty=pretty)
