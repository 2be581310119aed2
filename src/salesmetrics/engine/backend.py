"""The few engine steps that touch a backend: SQL in its dialect, and running it.

Everything else is Ibis, compiled without a connection: the canonical tables are unbound Ibis
tables built from the schema module, so compiling needs no database and is safe from many
threads. Compiled SQL refers to the period spine as a named table (``sm_spine_<window>``); at
run time the name is replaced by the periods written inline, so one compiled statement serves
every range and grain of the same request shape and no request shares a table with another.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.backends import compile_sql
from salesmetrics.engine.periods import Period
from salesmetrics.schema import get_table

if TYPE_CHECKING:
    import pandas as pd
    from ibis.expr.types import Table

    from salesmetrics.backends.base import Backend, Session

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


def with_spines(backend: Backend, sql: str, spines: dict[str, list[Period]]) -> str:
    """``sql`` with each spine table replaced by its periods, written inline."""
    for window, periods in spines.items():
        rows = [(p.start, p.lo, p.hi) for p in periods]
        inline = backend.inline_dates(list(SPINE_SCHEMA), rows)
        sql = sql.replace(backend.quote(spine_name(window)), inline)
    return sql


def to_sql(backend: Backend, expr: Table, pretty: bool = False) -> str:
    """The SQL of ``expr`` in the backend's dialect (``pretty``: indented)."""
    return compile_sql(expr, backend.dialect, pretty=pretty)


def run_sql(session: Session, sql: str) -> pd.DataFrame:
    """Run compiled SQL on a request's session and return its (small) result."""
    return session.frame(sql)
