"""Cost and marketing (spec/kpis.md, category cost): what winning customers costs."""

from __future__ import annotations

from salesmetrics.catalog.model import (
    CHANNEL_DIMS,
    Aggregation,
    Direction,
    Indicator,
    Kind,
    Kpi,
    Unit,
)

SECTION = "Cost and marketing"
CATEGORY = "cost"


def _web(**kw: object) -> Kpi:
    """A ratio over the web funnel (web_stats), sliced by channel."""
    kw.setdefault("unit", Unit.PERCENT)
    kw.setdefault("direction", Direction.UP)
    kw.setdefault("category", CATEGORY)
    kw.setdefault("indicator", Indicator.LEADING)
    kw.setdefault("anchor", "web_stats.date")
    kw.setdefault("kind", Kind.FLOW)
    kw.setdefault("aggregation", Aggregation.RATIO)
    kw.setdefault("dimensions", CHANNEL_DIMS)
    if kw["unit"] is Unit.PERCENT:
        kw.setdefault("scale", 100.0)
    return Kpi(**kw)  # type: ignore[arg-type]


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
        dimensions=CHANNEL_DIMS,
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
    _web(
        id="cpa",
        label="Cost per acquisition",
        description="Marketing spend per web conversion (sign-up, demo request).",
        formula="marketing spend / web_stats conversions, per channel or overall",
        unit=Unit.MONEY,
        direction=Direction.DOWN,
        indicator=Indicator.LAGGING,
        anchor="spend.date; web_stats.date",
        numerator="marketing_spend",
        denominator="web_conversions",
    ),
    _web(
        id="roas",
        label="Return on ad spend",
        description="Revenue attributed to the channels' ads per unit of marketing spend.",
        formula="attributed_revenue / marketing spend × 100",
        unit=Unit.PERCENT,
        indicator=Indicator.LAGGING,
        anchor="web_stats.date; spend.date",
        numerator="web_attributed_revenue",
        denominator="marketing_spend",
        scale=100.0,
    ),
    _web(
        id="ctr",
        label="Click-through rate",
        description="Share of ad impressions that were clicked.",
        formula="clicks / impressions × 100",
        numerator="web_clicks",
        denominator="web_impressions",
    ),
    _web(
        id="website_conversion_rate",
        label="Website conversion rate",
        description="Share of website visitors who converted (signed up, asked for a demo).",
        formula="conversions / visitors × 100",
        numerator="web_conversions",
        denominator="web_visitors",
        benchmark="2–5 % typical B2B",
    ),
    _web(
        id="bounce_rate",
        label="Bounce rate",
        description="Share of website visitors who left without interacting.",
        formula="bounces / visitors × 100",
        direction=Direction.DOWN,
        numerator="web_bounces",
        denominator="web_visitors",
    ),
)
