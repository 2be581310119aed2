"""Plotly figures (as the JSON plotly.js draws) of KPI rows."""

from __future__ import annotations

from typing import Any

LAYOUT: dict[str, Any] = {
    "margin": {"l": 60, "r": 20, "t": 30, "b": 40},
    "height": 320,
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
    "legend": {"orientation": "h"},
}


def trend(rows: list[dict[str, Any]], title: str, target: bool = False) -> dict[str, Any]:
    """The KPI per period, with its target as a dashed line when rows carry one."""
    x = [r["period_start"] for r in rows]
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": title,
            "x": x,
            "y": [r["value"] for r in rows],
        }
    ]
    if target and any(r.get("target") is not None for r in rows):
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": "target",
                "x": x,
                "y": [r.get("target") for r in rows],
                "line": {"dash": "dash"},
            }
        )
    return {"data": data, "layout": {**LAYOUT, "title": {"text": title}}}


def bars(labels: list[str], values: list[Any], title: str) -> dict[str, Any]:
    """One bar per slice."""
    return {
        "data": [{"type": "bar", "x": labels, "y": values, "name": title}],
        "layout": {**LAYOUT, "title": {"text": title}},
    }


def sparkline(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A tiny trend for a KPI card (no axes)."""
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "x": [r["period_start"] for r in rows],
                "y": [r["value"] for r in rows],
                "hoverinfo": "x+y",
            }
        ],
        "layout": {
            "height": 50,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "showlegend": False,
        },
    }
