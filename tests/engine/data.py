"""Rows for engine tests, written straight into real workspace files."""

from __future__ import annotations

from typing import Any

from salesmetrics.backends.duckdb import quote
from salesmetrics.workspace import Workspace


def add(ws: Workspace, table: str, *rows: dict[str, Any]) -> None:
    """Insert ``rows`` (dicts of column -> value) into ``table``, same-shaped rows at once."""
    shapes: dict[tuple[str, ...], list[list[Any]]] = {}
    for row in rows:
        shapes.setdefault(tuple(row), []).append(list(row.values()))
    for columns, batch in shapes.items():
        cols = ", ".join(map(quote, columns))
        marks = ", ".join("?" for _ in columns)
        ws.con.executemany(f"INSERT INTO {quote(table)} ({cols}) VALUES ({marks})", batch)


def deal(opp_id: str, status: str, close: str | None, amount: float | None = 1000.0, **kw: Any):
    """An opportunity row; created 2024-01-01 unless ``created_at`` is given."""
    row: dict[str, Any] = {
        "opportunity_id": opp_id,
        "created_at": kw.pop("created_at", "2024-01-01 00:00:00"),
        "status": status,
        "close_date": close,
        "amount": amount,
    }
    row.update(kw)
    return row


def lead(lead_id: str, created: str, **kw: Any) -> dict[str, Any]:
    return {"lead_id": lead_id, "created_at": created, **kw}


def values(frame: Any, column: str = "value") -> list[Any]:
    """A frame column as plain floats rounded to 2 places (None for NaN)."""
    out = []
    for v in frame[column]:
        out.append(None if v is None or v != v else round(float(v), 2))
    return out
