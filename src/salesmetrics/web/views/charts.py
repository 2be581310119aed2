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
    if target and any(r.get("benchmark_low") is not None for r in rows):
        # the industry benchmark range as a shaded band between its low and high
        for name, column, fill in (
            ("benchmark low", "benchmark_low", "none"),
            ("benchmark high", "benchmark_high", "tonexty"),
        ):
            data.append({
                "type": "scatter", "mode": "lines", "name": name, "x": x,
                "y": [r.get(column) for r in rows], "fill": fill,
                "line": {"width": 0.5, "color": "rgba(120,120,120,0.6)"},
                "fillcolor": "rgba(120,120,120,0.12)",
            })  # fmt: skip
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


def lines(series: dict[str, list[dict[str, Any]]], title: str) -> dict[str, Any]:
    """Several KPIs' rows on one time axis, one line each (named by the keys)."""
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": name,
            "x": [r["period_start"] for r in rows],
            "y": [r["value"] for r in rows],
        }
        for name, rows in series.items()
    ]
    return {"data": data, "layout": {**LAYOUT, "title": {"text": title}}}


def funnel(stages: list[str], reached: list[int], title: str) -> dict[str, Any]:
    """Deals reaching each stage, widest first, with the share of the first stage."""
    data = [
        {
            "type": "funnel",
            "y": stages,
            "x": reached,
            "textinfo": "value+percent initial",
            "name": title,
        }
    ]
    layout = {**LAYOUT, "title": {"text": title}, "margin": {**LAYOUT["margin"], "l": 140}}
    return {"data": data, "layout": layout}


def waterfall(steps: list[tuple[str, float]], title: str) -> dict[str, Any]:
    """A bridge from the first step (absolute) through signed moves to the total at the end."""
    measures = ["absolute", *["relative"] * (len(steps) - 2), "total"]
    data = [
        {
            "type": "waterfall",
            "x": [name for name, _ in steps],
            "y": [value for _, value in steps],
            "measure": measures,
            "name": title,
            "connector": {"line": {"width": 1}},
            "decreasing": {"marker": {"color": "#b3261e"}},
            "increasing": {"marker": {"color": "#1b6e3c"}},
            "totals": {"marker": {"color": "#1f4e99"}},
        }
    ]
    return {"data": data, "layout": {**LAYOUT, "title": {"text": title}, "showlegend": False}}


def heatmap(
    rows: list[str], columns: list[str], z: list[list[float | None]], title: str
) -> dict[str, Any]:
    """A matrix of percentages (cohort retention), darker where higher, values written in."""
    data = [
        {
            "type": "heatmap",
            "x": columns,
            "y": rows,
            "z": z,
            "colorscale": "Blues",
            "reversescale": True,  # plotly's Blues runs dark to light: darker is higher here
            "zmin": 0,
            "zmax": 100,
            "texttemplate": "%{z:.0f}",
            "hovertemplate": "cohort %{y}, period %{x}: %{z:.1f} %<extra></extra>",
            "colorbar": {"title": {"text": "%"}},
        }
    ]
    layout = {
        **LAYOUT,
        "title": {"text": title},
        "height": max(320, 28 * len(rows) + 120),
        "yaxis": {"autorange": "reversed", "type": "category", "automargin": True},
        "xaxis": {"type": "category", "title": {"text": "periods since the cohort's start"}},
        "margin": {**LAYOUT["margin"], "l": 90},
    }
    return {"data": data, "layout": layout}


def movements(
    periods: list[str], moves: dict[str, list[float]], levels: dict[str, list[float]], title: str
) -> dict[str, Any]:
    """Per period, signed moves as stacked bars (gains up, losses down) and levels as lines."""
    data: list[dict[str, Any]] = [
        {"type": "bar", "name": name, "x": periods, "y": values} for name, values in moves.items()
    ]
    data += [
        {"type": "scatter", "mode": "lines+markers", "name": name, "x": periods, "y": values}
        for name, values in levels.items()
    ]
    return {"data": data, "layout": {**LAYOUT, "title": {"text": title}, "barmode": "relative"}}
