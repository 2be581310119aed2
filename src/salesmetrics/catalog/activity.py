"""Activity (spec/kpis.md, category activity): the leading indicators reps are coached on."""

from __future__ import annotations

from salesmetrics.catalog.model import (
    ACCOUNT_DIMS,
    ACTIVITY_DIMS,
    OPPORTUNITY_DIMS,
    REP_DIMS,
    Aggregation,
    Direction,
    Indicator,
    Kind,
    Kpi,
    Unit,
)

SECTION = "Activity"
CATEGORY = "activity"
OCCURRED = "activities.occurred_at"
CLOSE = "opportunities.close_date; activities.opportunity_id"


def _kpi(**kw: object) -> Kpi:
    kw.setdefault("category", CATEGORY)
    kw.setdefault("direction", Direction.UP)
    kw.setdefault("indicator", Indicator.LEADING)
    kw.setdefault("kind", Kind.FLOW)
    kw.setdefault("anchor", OCCURRED)
    kw.setdefault("dimensions", ACTIVITY_DIMS)
    return Kpi(**kw)  # type: ignore[arg-type]


def _per_deal(
    id: str,
    label: str,
    what: str,
    numerator: str,
    denominator: str,
    direction: Direction,
    deals: str,
) -> Kpi:
    return _kpi(
        id=id,
        label=label,
        description=f"{what.capitalize()} linked to the deals {deals} in the period, per deal "
        "(activities up to each deal's close date).",
        formula=f"{what} linked to opportunities {deals} in the period / those opportunities",
        unit=Unit.COUNT,
        direction=direction,
        indicator=Indicator.LAGGING,
        anchor=CLOSE,
        aggregation=Aggregation.RATIO,
        numerator=numerator,
        denominator=denominator,
        dimensions=OPPORTUNITY_DIMS,
    )


KPIS = (
    _kpi(
        id="activities",
        label="Activities",
        description="Calls, emails, meetings, demos, proposals and tasks logged in the period "
        "(slice by activity_type for one kind).",
        formula="activities with occurred_at in the period",
        unit=Unit.COUNT,
        aggregation=Aggregation.SUM,
        numerator="activity_count",
    ),
    _kpi(
        id="activities_per_rep_day",
        label="Activities per rep per day",
        description="Activities per active rep and working day (Monday to Friday).",
        formula="activities / (active reps × weekdays in the period)",
        unit=Unit.COUNT,
        aggregation=Aggregation.RATIO,
        numerator="activity_count",
        denominator="active_rep_weekdays",
        dimensions=(*REP_DIMS, "activity_type"),
        benchmark="about 50 calls a day for outbound reps",
    ),
    _kpi(
        id="email_open_rate",
        label="Email open rate",
        description="Share of the emails sent in the period that were opened.",
        formula="emails with opened = true / emails sent × 100",
        unit=Unit.PERCENT,
        aggregation=Aggregation.RATIO,
        numerator="emails_opened",
        denominator="emails_sent",
        scale=100.0,
        dimensions=tuple(d for d in ACTIVITY_DIMS if d != "activity_type"),
        benchmark="30 %",
    ),
    _kpi(
        id="email_reply_rate",
        label="Email reply rate",
        description="Share of the emails sent and read in the period that got a reply.",
        formula="emails with replied = true / emails opened (or replied) × 100",
        unit=Unit.PERCENT,
        aggregation=Aggregation.RATIO,
        numerator="emails_replied",
        denominator="emails_read",
        scale=100.0,
        dimensions=tuple(d for d in ACTIVITY_DIMS if d != "activity_type"),
        benchmark="50 % of openers",
    ),
    _kpi(
        id="avg_call_minutes",
        label="Average call length",
        description="Mean length of the calls of the period that have a duration.",
        formula="mean duration_minutes of calls",
        unit=Unit.MINUTES,
        aggregation=Aggregation.RATIO,
        numerator="call_minutes",
        denominator="call_count_timed",
        dimensions=tuple(d for d in ACTIVITY_DIMS if d != "activity_type"),
    ),
    _kpi(
        id="overdue_tasks",
        label="Overdue tasks",
        description="Tasks open on the period's last day whose due date had passed.",
        formula="stock: tasks due before the period's last day and not completed by then",
        unit=Unit.COUNT,
        direction=Direction.DOWN,
        anchor="period's last day (activities.due_at, completed_at)",
        kind=Kind.STOCK,
        aggregation=Aggregation.SUM,
        numerator="overdue_task_count",
    ),
    _per_deal(
        "meetings_per_opportunity",
        "Meetings per opportunity",
        "meetings",
        "meetings_on_closed",
        "touch_deals_closed",
        Direction.NEUTRAL,
        "closed",
    ),
    _per_deal(
        "touches_per_won_deal",
        "Touches per won deal",
        "activities",
        "touches_on_won",
        "touch_deals_won",
        Direction.DOWN,
        "won",
    ),
    _per_deal(
        "touches_per_lost_deal",
        "Touches per lost deal",
        "activities",
        "touches_on_lost",
        "touch_deals_lost",
        Direction.NEUTRAL,
        "lost",
    ),
    _per_deal(
        "proposals_per_opportunity",
        "Proposals per opportunity",
        "proposals",
        "proposals_on_closed",
        "touch_deals_closed",
        Direction.NEUTRAL,
        "closed",
    ),
    _kpi(
        id="revenue_per_activity",
        label="Revenue per activity",
        description="Revenue of the period divided by the activities logged in it.",
        formula="revenue / activities",
        unit=Unit.MONEY,
        indicator=Indicator.LAGGING,
        anchor="opportunities.close_date; activities.occurred_at",
        aggregation=Aggregation.RATIO,
        numerator="won_amount",
        denominator="activity_count",
        dimensions=REP_DIMS,
    ),
    _kpi(
        id="accounts_contacted",
        label="Accounts contacted",
        description="Distinct accounts reached by an outbound activity in the period.",
        formula="distinct accounts with an outbound activity in the period",
        unit=Unit.COUNT,
        aggregation=Aggregation.SUM,
        numerator="accounts_contacted_count",
    ),
    _kpi(
        id="accounts_responded",
        label="Accounts responded",
        description="Distinct accounts that answered in the period: an inbound activity or a "
        "replied email.",
        formula="distinct accounts with an inbound activity or a replied email in the period",
        unit=Unit.COUNT,
        aggregation=Aggregation.SUM,
        numerator="accounts_responded_count",
    ),
    _kpi(
        id="demo_time_share",
        label="Demo time share",
        description="Share of the time logged on activities of the period spent in demos.",
        formula="Σ duration of demos / Σ duration of all activities × 100",
        unit=Unit.PERCENT,
        direction=Direction.NEUTRAL,
        aggregation=Aggregation.RATIO,
        numerator="demo_minutes",
        denominator="activity_minutes",
        scale=100.0,
        dimensions=(*REP_DIMS, *(d for d in ACCOUNT_DIMS if d not in REP_DIMS)),
    ),
)
