"""`salesmetrics kpis, kpi and explain` (to be written)."""
