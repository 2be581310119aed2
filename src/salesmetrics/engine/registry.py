"""Every row set and measure the engine knows, by name (deals and leads, then customers)."""

from __future__ import annotations

from salesmetrics.engine import customer_measures, customers, measures, rowsets

MEASURES: dict[str, measures.Measure] = {
    **measures.MEASURES,
    **customer_measures.CUSTOMER_MEASURES,
}
ROWSETS: dict[str, rowsets.RowSet] = {**rowsets.ROWSETS, **customers.ROWSETS}
