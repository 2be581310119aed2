"""Rows for engine tests, written straight into real workspace files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pyarrow as pa

from salesmetrics.schema import get_table
from salesmetrics.workspace import Workspace

ARROW_TYPES = {
    "str": pa.string(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us"),
    "money": pa.decimal128(18, 4),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
}


def _typed(kind: str, value: Any) -> Any:
    if value is None or kind == "str":
        return value
    if kind == "date":
        return dt.date.fromisoformat(str(value)[:10])
    if kind == "timestamp":
        return dt.datetime.fromisoformat(str(value))
    if kind == "money":
        return Decimal(str(value)).quantize(Decimal("0.0001"))
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return bool(value)


def add(ws: Workspace, table: str, *rows: dict[str, Any]) -> None:
    """Insert ``rows`` (dicts of column -> value) into ``table`` on any engine, at once."""
    spec = get_table(table)
    columns = [c for c in spec.columns if any(c.name in row for row in rows)]
    data = pa.table(
        {
            c.name: pa.array(
                [_typed(c.type, row.get(c.name)) for row in rows], type=ARROW_TYPES[c.type]
            )
            for c in columns
        }
    )
    ws.backend.insert_rows(table, data)


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
