"""Finance (spec/kpis.md, category money): what customers owe and how fast they pay."""

from __future__ import annotations

from salesmetrics.catalog.model import (
    BILLING_DIMS,
    Aggregation,
    Direction,
    Indicator,
    Kind,
    Kpi,
    Unit,
)

SECTION = "Finance"
ANCHOR = "invoices.issued_at, paid_at, due_at (converted at issued_at)"


def _kpi(**kw: object) -> Kpi:
    kw.setdefault("category", "money")
    kw.setdefault("indicator", Indicator.LAGGING)
    kw.setdefault("anchor", ANCHOR)
    kw.setdefault("dimensions", BILLING_DIMS)
    return Kpi(**kw)  # type: ignore[arg-type]


KPIS = (
    _kpi(
        id="accounts_receivable",
        label="Accounts receivable",
        description="Invoiced amounts not yet paid on the period's last day.",
        formula="stock: Σ amount of invoices issued on or before the period's last day and not "
        "paid by then",
        unit=Unit.MONEY,
        direction=Direction.DOWN,
        kind=Kind.STOCK,
        aggregation=Aggregation.SUM,
        numerator="receivable_end",
    ),
    _kpi(
        id="dso",
        label="Days sales outstanding",
        description="How many days of the period's invoicing are still unpaid at its end.",
        formula="accounts_receivable / Σ amount invoiced in the period × days in the period",
        unit=Unit.DAYS,
        direction=Direction.DOWN,
        kind=Kind.FLOW,
        aggregation=Aggregation.RATIO,
        numerator="receivable_days_end",
        denominator="invoiced_in_period",
    ),
    _kpi(
        id="cei",
        label="Collection effectiveness index",
        description="Share of what could be collected in the period that was collected.",
        formula="(AR at start + invoiced − AR at end) / (AR at start + invoiced − AR at end not "
        "yet due) × 100",
        unit=Unit.PERCENT,
        direction=Direction.UP,
        kind=Kind.FLOW,
        aggregation=Aggregation.RATIO,
        numerator="collected",
        denominator="collectable",
        scale=100.0,
    ),
)
