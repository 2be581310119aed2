"""Access records (users, tokens, audit entries) as JSON values of the workspace's meta table,
one key each: the same on DuckDB, PostgreSQL and Spark, and inside an import's transaction
where one runs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from salesmetrics.backends.base import META_TABLE

if TYPE_CHECKING:
    from salesmetrics.backends.base import Backend

USER = "access.user."
TOKEN = "access.token."
AUDIT = "access.audit."
#: Changes with every user or token change (servers on PostgreSQL and Spark watch it).
VERSION = "access.version"


def put(backend: Backend, key: str, value: dict[str, Any]) -> None:
    backend.write_meta(key, json.dumps(value, sort_keys=True))
    if key.startswith((USER, TOKEN)):
        import secrets

        backend.write_meta(VERSION, secrets.token_hex(8))


def get(backend: Backend, key: str) -> dict[str, Any] | None:
    raw = backend.read_meta(key)
    return _decode(raw)


def entries(backend: Backend, prefix: str) -> dict[str, dict[str, Any]]:
    """Every record whose key starts with ``prefix`` (key without the prefix -> record)."""
    found = backend.rows(
        f"SELECT key, value FROM {META_TABLE} WHERE substr(key, 1, ?) = ?", [len(prefix), prefix]
    )
    out = {}
    for key, raw in found:
        record = _decode(raw)
        if record is not None:
            out[str(key)[len(prefix) :]] = record
    return out


def _decode(raw: str | None) -> dict[str, Any] | None:
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
