"""The KPI catalog: one declarative entry per KPI, collected in a registry."""

from __future__ import annotations

from salesmetrics.catalog.model import Aggregation, Direction, Indicator, Kind, Kpi, Unit
from salesmetrics.catalog.registry import REGISTRY, all_kpis, get_kpi

__all__ = [
    "REGISTRY",
    "Aggregation",
    "Direction",
    "Indicator",
    "Kind",
    "Kpi",
    "Unit",
    "all_kpis",
    "get_kpi",
]
