"""Cost and marketing (spec/kpis.md, category cost): what winning customers costs."""

from __future__ import annotations

from salesmetrics.catalog.model import Aggregation, Direction, Indicator, Kind, Kpi, Unit

SECTION = "Cost and marketing"
CATEGORY = "cost"

KPIS = (
    Kpi(
        id="sales_marketing_spend",
        label="Sales and marketing spend",
        description="Sales and marketing costs booked in the period.",
        formula="Σ spend in the period",
        unit=Unit.MONEY,
        direction=Direction.DOWN,
        category=CATEGORY,
        indicator=Indicator.LEADING,
        anchor="spend.date",
        kind=Kind.FLOW,
        aggregation=Aggregation.SUM,
        numerator="spend_amount",
        dimensions=(),
    ),
    Kpi(
        id="cac",
        label="Customer acquisition cost",
        description="Sales and marketing spend per new customer won in the period.",
        formula="sales_marketing_spend / new_customers",
        unit=Unit.MONEY,
        direction=Direction.DOWN,
        category=CATEGORY,
        indicator=Indicator.LAGGING,
        anchor="spend.date; accounts' customer_since",
        kind=Kind.FLOW,
        aggregation=Aggregation.RATIO,
        numerator="spend_amount",
        denominator="new_customer_count",
        dimensions=(),
        benchmark="SaaS 205, education 862, financial services 640, business consulting 410",
    ),
)
