"""The stand-ins a compiled statement holds for the data of one request (no Ibis import).

A compiled statement names its period spine ``sm_spine_<window>`` and the spine's periods by
calendar unit ``sm_buckets_<window>``, and holds each bound of a spine it filters on before any
join as a date constant in year 1, which no business record uses. ``engine.execute.with_spines``
writes the request's periods and bounds in their place, so one compiled statement serves every
range of a request shape.
"""

from __future__ import annotations

import datetime as dt

SPINE_SCHEMA = {"period_start": "date", "lo": "date", "hi": "date"}
BUCKETS_SCHEMA = {"bucket": "date", **SPINE_SCHEMA}
#: A spine of several windows (``cur_prev``: the periods and their previous periods) tags each
#: row with its window's code, so one query over the row set serves every window.
WINDOW_COLUMN = "_w"
WINDOW_CODES = {"cur": 0, "prev": 1, "yoy": 2}
SPINE_PREFIX = "sm_spine_"
BUCKETS_PREFIX = "sm_buckets_"
#: The bounds of a spine that queries filter on before any join, so every engine can push them
#: into its table scans (DuckDB zone maps, Parquet statistics, PostgreSQL indexes).
BOUNDS = ("first_lo", "last_hi", "first_hi", "first_start")
WINDOWS = ("cur", "prev", "yoy", "cur_prev", "cur_yoy", "cur_prev_yoy")


def merged(windows: list[str]) -> str:
    """The window name of several windows together (``["prev", "cur"]`` -> ``cur_prev``)."""
    return "_".join(sorted(set(windows), key=list(WINDOW_CODES).index))


def parts(window: str) -> list[str]:
    """The windows a (possibly merged) window holds."""
    return window.split("_")


def spine_schema(window: str) -> dict[str, str]:
    if len(parts(window)) == 1:
        return SPINE_SCHEMA
    return {**SPINE_SCHEMA, WINDOW_COLUMN: "int32"}


def buckets_schema(window: str) -> dict[str, str]:
    return {"bucket": "date", **spine_schema(window)}


def spine_name(window: str) -> str:
    return f"{SPINE_PREFIX}{window}"


def buckets_name(window: str) -> str:
    return f"{BUCKETS_PREFIX}{window}"


def bound_placeholder(window: str, bound: str) -> dt.date:
    """The stand-in date of a spine bound (``BOUNDS``) of ``window``."""
    return dt.date(1, WINDOWS.index(window) + 1, BOUNDS.index(bound) + 1)


#: The request's as-of date in a compiled statement (cohort KPIs follow their records up to it):
#: written in at run time, so one statement serves every as-of date.
AS_OF_PLACEHOLDER = dt.date(1, 12, 31)


#: A request filter's values in a compiled statement: ``column IN ('<placeholder>')`` is written
#: ``column IN ('a', 'b')`` at run time, so one statement serves every value of a filter.
FILTER_MARK = "@sm_filter@"


def filter_placeholder(dimension: str) -> str:
    """The stand-in value of the kept values of a request filter on ``dimension``."""
    return f"{FILTER_MARK}{dimension}@"


def filter_shape(filters: dict[str, tuple[str | None, ...]]) -> tuple[tuple[str, bool, bool], ...]:
    """What a request's filters change in its SQL: per dimension, whether it keeps some value
    and whether it keeps the null slice (the values themselves are bound at run time)."""
    return tuple(
        sorted((dim, any(v is not None for v in values), None in values)
               for dim, values in filters.items())
    )  # fmt: skip
