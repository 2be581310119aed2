"""Compiled plans kept between processes, so a repeated request shape runs without Ibis.

A plan is stored under its request shape and a fingerprint of everything that decides its SQL:
the package version, the source of the engine, catalog and schema, and the Ibis and sqlglot
versions. Any change to them is a new fingerprint, so a stale plan is never used. The store is
a small SQLite file in ``$SALESMETRICS_CACHE_DIR`` (default ``$XDG_CACHE_HOME/salesmetrics``
or ``~/.cache/salesmetrics``); ``SALESMETRICS_CACHE_DIR=off`` keeps plans in memory only.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from pathlib import Path

from salesmetrics.engine.plan import CompiledPlan

ENV = "SALESMETRICS_CACHE_DIR"
MEMORY_SIZE = 512
_memory: OrderedDict[str, CompiledPlan] = OrderedDict()
_lock = threading.Lock()


@cache
def fingerprint() -> str:
    """What the compiled SQL depends on besides the request: code and compiler versions."""
    from importlib.metadata import PackageNotFoundError, version

    import salesmetrics

    digest = hashlib.sha256(salesmetrics.__version__.encode())
    root = Path(salesmetrics.__file__).parent
    for folder in ("engine", "catalog", "schema", "backends"):
        for source in sorted((root / folder).glob("*.py")):
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    for extra in ("stage_map.py", "stages.py"):
        digest.update((root / extra).read_bytes())
    for package in ("ibis-framework", "sqlglot"):
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(package.encode())
    return digest.hexdigest()[:20]


def _directory() -> Path | None:
    configured = os.environ.get(ENV)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "salesmetrics"


def _connect() -> sqlite3.Connection | None:
    folder = _directory()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(folder / "plans.sqlite", timeout=2)
        con.execute("CREATE TABLE IF NOT EXISTS plans (key TEXT PRIMARY KEY, plan TEXT)")
        return con
    except (OSError, sqlite3.Error):
        return None  # a read-only home: plans stay in memory


def key_of(shape: tuple[object, ...]) -> str:
    return fingerprint() + ":" + hashlib.sha256(repr(shape).encode()).hexdigest()


def get(shape: tuple[object, ...]) -> CompiledPlan | None:
    """The compiled plan of a request shape, from memory or from disk."""
    key = key_of(shape)
    with _lock:
        found = _memory.get(key)
        if found is not None:
            _memory.move_to_end(key)
            return found
    con = _connect()
    if con is None:
        return None
    try:
        row = con.execute("SELECT plan FROM plans WHERE key = ?", [key]).fetchone()
    except sqlite3.Error:
        row = None
    finally:
        con.close()
    if row is None:
        return None
    plan = CompiledPlan.from_json(row[0])
    _remember(key, plan)
    return plan


_building: dict[str, threading.RLock] = {}


def get_or_build(shape: tuple[object, ...], build: Callable[[], CompiledPlan]) -> CompiledPlan:
    """The plan of ``shape``, built once even when several threads ask for it at once (the
    dashboard computes a page's windows concurrently; one compiles, the others wait)."""
    plan = get(shape)
    if plan is not None:
        return plan
    key = key_of(shape)
    with _lock:
        building = _building.setdefault(key, threading.RLock())
    with building:
        plan = get(shape)
        if plan is None:
            plan = build()
            put(shape, plan)
    with _lock:
        _building.pop(key, None)
    return plan


def put(shape: tuple[object, ...], plan: CompiledPlan) -> None:
    key = key_of(shape)
    _remember(key, plan)
    con = _connect()
    if con is None:
        return
    try:
        with con:
            con.execute("INSERT OR REPLACE INTO plans VALUES (?, ?)", [key, plan.to_json()])
    except sqlite3.Error:
        pass  # another process wrote it meanwhile, or the disk is full: memory still has it
    finally:
        con.close()


def _remember(key: str, plan: CompiledPlan) -> None:
    with _lock:
        _memory[key] = plan
        if len(_memory) > MEMORY_SIZE:
            _memory.popitem(last=False)


def clear() -> None:
    """Forget every plan kept in memory (benchmarks measure cold compiles with it)."""
    with _lock:
        _memory.clear()


_texts: dict[str, str] = {}


def text(shape: tuple[object, ...], build: object) -> str:
    """A small compiled statement (a dimension's values, a table's row check), cached like a
    plan; ``build`` is called (and may import Ibis) only the first time."""
    key = "text:" + key_of(shape)
    with _lock:
        found = _texts.get(key)
    if found is not None:
        return found
    con = _connect()
    row = None
    if con is not None:
        try:
            row = con.execute("SELECT plan FROM plans WHERE key = ?", [key]).fetchone()
        except sqlite3.Error:
            row = None
    if row is not None:
        value = str(row[0])
    else:
        value = build()  # type: ignore[operator]
        if con is not None:
            try:
                with con:
                    con.execute("INSERT OR REPLACE INTO plans VALUES (?, ?)", [key, value])
            except sqlite3.Error:
                pass
    if con is not None:
        con.close()
    with _lock:
        _texts[key] = value
    return value
