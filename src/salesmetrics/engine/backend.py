"""The Ibis side of the engine: canonical tables as unbound Ibis tables, and SQL of a dialect.

The canonical tables are built from the schema module, so compiling needs no database and is
safe from many threads. Compiled SQL refers to the period spine as a named table
(``sm_spine_<window>``, and ``sm_buckets_<window>`` for its periods by calendar unit); at run
time the names are replaced by the periods written inline (``engine.execute.with_spines``),
so one compiled statement serves every range of the same request shape (and every grain of
the same calendar unit), and no request shares a table with another.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.backends import compile_sql
from salesmetrics.engine.placeholders import (
    SPINE_PREFIX,
    bound_placeholder,
    buckets_name,
    buckets_schema,
    spine_name,
    spine_schema,
)
from salesmetrics.schema import get_table

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.backends.base import Backend

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


def spine_table(window: str) -> Table:
    """The spine of ``window`` as a named Ibis table (its rows are written in at run time)."""
    return ibis.table(spine_schema(window), name=spine_name(window))


def spine_bound(spine: Table, bound: str) -> Any:
    """A bound of ``spine`` (see ``BOUNDS``) as a date constant of the compiled statement."""
    return date_literal(bound_placeholder(window_of(spine), bound))


def window_of(spine: Table) -> str:
    """The window (cur, prev, yoy, or several: cur_prev) whose spine ``spine`` is."""
    return spine.get_name().removeprefix(SPINE_PREFIX)


def buckets_table(spine: Table) -> Table:
    """The spine's periods listed once per calendar unit they touch (``bucket``), so a record
    finds its period by an equality join on its anchor's unit (see ``periods.buckets``)."""
    window = window_of(spine)
    return ibis.table(buckets_schema(window), name=buckets_name(window))


@cache
def canonical_table(name: str) -> Table:
    """The canonical table ``name`` as an unbound Ibis table."""
    table = get_table(name)
    return ibis.table({c.name: IBIS_TYPES[c.type] for c in table.columns}, name=table.name)


def to_sql(backend: Backend, expr: Table, pretty: bool = False) -> str:
    """The SQL of ``expr`` in the backend's dialect (``pretty``: indented)."""
    return compile_sql(expr, backend.dialect, pretty=pretty)
