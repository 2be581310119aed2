"""Team (spec/kpis.md, category activity / money): quotas, attainment, headcount and ramp."""

from __future__ import annotations

from salesmetrics.catalog.model import REP_DIMS, Aggregation, Direction, Indicator, Kind, Kpi, Unit

SECTION = "Team"

KPIS = (
    Kpi(
        id="quota_attainment",
        label="Quota attainment",
        description="Revenue of the period against the quotas that start in it.",
        formula="revenue / quota × 100; quota = Σ quotas whose period_start lies in the period; "
        "groups: Σ revenue / Σ quota",
        unit=Unit.PERCENT,
        direction=Direction.UP,
        category="money",
        indicator=Indicator.LAGGING,
        anchor="opportunities.close_date; quotas.period_start",
        kind=Kind.FLOW,
        aggregation=Aggregation.RATIO,
        numerator="won_amount",
        denominator="quota_amount",
        scale=100.0,
        dimensions=REP_DIMS,
    ),
    Kpi(
        id="reps_at_quota",
        label="Reps at quota",
        description="Of the active reps with a quota in the period, the share who reached it.",
        formula="active reps with a quota and quota_attainment ≥ 100 / active reps with a quota "
        "× 100",
        unit=Unit.PERCENT,
        direction=Direction.UP,
        category="money",
        indicator=Indicator.LAGGING,
        anchor="quotas.period_start; opportunities.close_date",
        kind=Kind.FLOW,
        aggregation=Aggregation.RATIO,
        numerator="reps_at_quota_count",
        denominator="reps_with_quota",
        scale=100.0,
        dimensions=REP_DIMS,
        benchmark="60–70 % of reps is a healthy team",
    ),
    Kpi(
        id="active_reps",
        label="Active reps",
        description="Sellers employed in the period (managers do not count).",
        formula="reps with hire_date (or first record) on or before the period's last day and "
        "end_date empty or on/after its first day",
        unit=Unit.COUNT,
        direction=Direction.NEUTRAL,
        category="activity",
        indicator=Indicator.LEADING,
        anchor="reps.hire_date, end_date",
        kind=Kind.FLOW,
        aggregation=Aggregation.SUM,
        numerator="active_rep_count",
        dimensions=REP_DIMS,
    ),
    Kpi(
        id="ramp_days",
        label="Ramp time",
        description="Days from hire to first won deal, for reps whose first win closed in the "
        "period.",
        formula="mean days from hire_date to first won deal, over reps whose first won deal "
        "closed in the period",
        unit=Unit.DAYS,
        direction=Direction.DOWN,
        category="activity",
        indicator=Indicator.LAGGING,
        anchor="first won opportunities.close_date of each rep; reps.hire_date",
        kind=Kind.FLOW,
        aggregation=Aggregation.RATIO,
        numerator="ramp_days_sum",
        denominator="ramped_reps",
        dimensions=REP_DIMS,
    ),
)
