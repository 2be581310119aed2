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
SPINE_PREFIX = "sm_spine_"
BUCKETS_PREFIX = "sm_buckets_"
#: The bounds of a spine that queries filter on before any join, so every engine can push them
#: into its table scans (DuckDB zone maps, Parquet statistics, PostgreSQL indexes).
BOUNDS = ("first_lo", "last_hi", "first_hi", "first_start")
WINDOWS = ("cur", "prev", "yoy")


def spine_name(window: str) -> str:
    return f"{SPINE_PREFIX}{window}"


def buckets_name(window: str) -> str:
    return f"{BUCKETS_PREFIX}{window}"


def bound_placeholder(window: str, bound: str) -> dt.date:
    """The stand-in date of a spine bound (``BOUNDS``) of ``window``."""
    return dt.date(1, WINDOWS.index(window) + 1, BOUNDS.index(bound) + 1)
