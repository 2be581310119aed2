"""Numbers as people read them (units, thousands, signs), for the templates."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment


def value(number: Any, unit: str, currency: str = "") -> str:
    """``€1,234,567``-style money, ``41.2 %``, ``37 days``; an em dash when absent."""
    from salesmetrics.catalog.units import format_value

    if number is None:
        return "—"
    return str(format_value(number, unit, currency))


def change(pct: Any) -> str:
    if pct is None:
        return "—"
    arrow = "▲" if pct > 0 else "▼" if pct < 0 else "▬"
    return f"{arrow} {pct:+.1f} %"


def cell(raw: Any) -> str:
    """A record's field: empty for null, midnight timestamps as their date."""
    if raw is None:
        return ""
    text = str(raw)
    return text[:10] if text.endswith("T00:00:00") else text


def install(env: Environment) -> None:
    env.filters["kpi_value"] = value
    env.filters["change"] = change
    env.filters["cell"] = cell
