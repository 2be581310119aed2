"""Every table and column of spec/schema.md, as data. Names are a contract."""

from __future__ import annotations

from salesmetrics.schema import enums as E
from salesmetrics.schema.model import Column, Table

C = Column

REPS = Table(
    "reps",
    "The people who sell.",
    (
        C("rep_id", "str", True, dimension="rep"),
        C("name", "str"),
        C("email", "str"),
        C("team", "str", dimension="team"),
        C("manager", "str", description="manager's name or rep_id", dimension="manager"),
        C("region", "str", dimension="region"),
        C("role", "str", enum=E.ROLE, synonyms=E.ROLE_SYNONYMS),
        C("hire_date", "date", description="start of ramp"),
        C("end_date", "date", description="last day employed; empty = still employed"),
    ),
    key=("rep_id",),
)

QUOTAS = Table(
    "quotas",
    "Revenue targets per rep and period.",
    (
        C("rep_id", "str", True),
        C("period_start", "date", True, description="inclusive"),
        C("period_end", "date", True, description="inclusive"),
        C("amount", "money", True, description="quota in base currency", min_value=0),
    ),
    key=("rep_id", "period_start"),
)

ACCOUNTS = Table(
    "accounts",
    "Companies: prospects and customers.",
    (
        C("account_id", "str", True),
        C("name", "str"),
        C("industry", "str", dimension="industry"),
        C("segment", "str", dimension="segment"),
        C("country", "str", dimension="country"),
        C("region", "str", dimension="account_region"),
        C("employees", "int", min_value=0),
        C("annual_revenue", "money", min_value=0),
        C("owner_rep_id", "str"),
        C("created_at", "timestamp"),
    ),
    key=("account_id",),
)

LEADS = Table(
    "leads",
    "People or companies that showed interest.",
    (
        C("lead_id", "str", True),
        C("created_at", "timestamp", True),
        C("source", "str", dimension="source"),
        C("owner_rep_id", "str"),
        C("account_id", "str"),
        C("mql_at", "timestamp", description="became marketing-qualified"),
        C("sql_at", "timestamp", description="became sales-qualified"),
        C("first_response_at", "timestamp", description="first reply by sales"),
        C("disqualified_at", "timestamp"),
        C(
            "converted_opportunity_id",
            "str",
            description="the opportunity the lead converted to (salesmetrics addition: CRMs "
            "export the link on the lead); sets opportunities.lead_id",
        ),
    ),
    key=("lead_id",),
)

OPPORTUNITIES = Table(
    "opportunities",
    "Deals.",
    (
        C("opportunity_id", "str", True),
        C("created_at", "timestamp", True),
        C("status", "str", True, enum=E.STATUS, synonyms=E.STATUS_SYNONYMS),
        C("close_date", "date", description="required when won or lost; expected close when open"),
        C("amount", "money", description="deal value (total contract value)", min_value=0),
        C("currency", "str", description="ISO 4217; empty = base currency"),
        C("stage", "str", dimension="stage"),
        C("probability", "float", min_value=0, max_value=100),
        C("owner_rep_id", "str"),
        C("account_id", "str"),
        C("lead_id", "str"),
        C("source", "str", dimension="source"),
        C("type", "str", enum=E.DEAL_TYPE, synonyms=E.DEAL_TYPE_SYNONYMS, dimension="type"),
        C("product", "str", dimension="product"),
        C("contract_months", "int", description="empty = 12", min_value=1),
    ),
    key=("opportunity_id",),
)

OPPORTUNITY_HISTORY = Table(
    "opportunity_history",
    "Stage and value changes of deals.",
    (
        C("opportunity_id", "str", True),
        C("changed_at", "timestamp", True),
        C("stage", "str"),
        C("status", "str", enum=E.STATUS, synonyms=E.STATUS_SYNONYMS),
        C("amount", "money", min_value=0),
        C("probability", "float", min_value=0, max_value=100),
        C("close_date", "date"),
    ),
    key=("opportunity_id", "changed_at"),
)

ACTIVITIES = Table(
    "activities",
    "Calls, emails, meetings, demos, proposals, tasks.",
    (
        C("activity_id", "str", True),
        C("rep_id", "str", True),
        C(
            "type",
            "str",
            True,
            enum=E.ACTIVITY_TYPE,
            synonyms=E.ACTIVITY_TYPE_SYNONYMS,
            dimension="activity_type",
        ),
        C("occurred_at", "timestamp", True, description="for tasks: when created"),
        C("account_id", "str"),
        C("lead_id", "str"),
        C("opportunity_id", "str"),
        C("direction", "str", enum=E.DIRECTION, synonyms=E.DIRECTION_SYNONYMS),
        C("duration_minutes", "float", min_value=0),
        C("opened", "bool"),
        C("replied", "bool"),
        C("due_at", "timestamp"),
        C("completed_at", "timestamp"),
    ),
    key=("activity_id",),
)

SUBSCRIPTIONS = Table(
    "subscriptions",
    "Recurring revenue; one row per price period.",
    (
        C("subscription_id", "str", True),
        C("account_id", "str", True),
        C("start_date", "date", True),
        C("end_date", "date", description="exclusive; empty = still active"),
        C("mrr", "money", True, min_value=0),
        C("currency", "str"),
        C("plan", "str", dimension="plan"),
    ),
    key=("subscription_id",),
)

INVOICES = Table(
    "invoices",
    "Billed amounts.",
    (
        C("invoice_id", "str", True),
        C("account_id", "str", True),
        C("issued_at", "date", True),
        C("amount", "money", True, min_value=0),
        C("due_at", "date"),
        C("paid_at", "date", description="empty = unpaid"),
        C("currency", "str"),
    ),
    key=("invoice_id",),
)

SPEND = Table(
    "spend",
    "Sales and marketing costs.",
    (
        C("date", "date", True),
        C("amount", "money", True, min_value=0),
        C("category", "str", True, enum=E.SPEND_CATEGORY, synonyms=E.SPEND_CATEGORY_SYNONYMS),
        C("channel", "str", dimension="channel"),
        C("campaign", "str"),
    ),
    key=("date", "category", "channel", "campaign"),
)

WEB_STATS = Table(
    "web_stats",
    "Daily marketing funnel counts per channel.",
    (
        C("date", "date", True),
        C("channel", "str", True, dimension="channel"),
        C("impressions", "int", min_value=0),
        C("clicks", "int", min_value=0),
        C("visitors", "int", min_value=0),
        C("bounces", "int", min_value=0),
        C("conversions", "int", min_value=0),
        C("attributed_revenue", "money", min_value=0),
    ),
    key=("date", "channel"),
)

SURVEYS = Table(
    "surveys",
    "NPS and CSAT responses.",
    (
        C("response_id", "str", True),
        C("type", "str", True, enum=E.SURVEY_TYPE, synonyms=E.SURVEY_TYPE_SYNONYMS),
        C("score", "int", True, description="nps 0-10, csat 1-5"),
        C("responded_at", "timestamp", True),
        C("account_id", "str"),
    ),
    key=("response_id",),
)

TARGETS = Table(
    "targets",
    "Goals for any KPI.",
    (
        C("kpi", "str", True),
        C("period_start", "date", True),
        C("period_end", "date", True, description="inclusive"),
        C("value", "float", True, description="in the KPI's unit"),
        C("dimension", "str", description="empty = whole company"),
        C("dimension_value", "str"),
    ),
    key=("kpi", "period_start", "period_end", "dimension", "dimension_value"),
)

FX_RATES = Table(
    "fx_rates",
    "Currency conversion to the base currency.",
    (
        C("currency", "str", True),
        C("date", "date", True, description="rate valid from this date until the next row"),
        C("rate", "float", True, description="1 unit = rate units of base currency", min_value=0),
    ),
    key=("currency", "date"),
)

ALL_TABLES: tuple[Table, ...] = (
    REPS,
    QUOTAS,
    ACCOUNTS,
    LEADS,
    OPPORTUNITIES,
    OPPORTUNITY_HISTORY,
    ACTIVITIES,
    SUBSCRIPTIONS,
    INVOICES,
    SPEND,
    WEB_STATS,
    SURVEYS,
    TARGETS,
    FX_RATES,
)
