"""Inputs a KPI cannot do without: when one is absent the KPI is null, with a warning.

A count of zero must mean "measured: none", never "nothing was loaded". Each row set names the
inputs it needs (a table with rows, a column that links records); :func:`missing_inputs`
checks them with one tiny query each (compiled once per process) and returns what to load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context

#: Rows of the table that count as the input being present.
Rows = Callable[["Context"], "Table"]


@dataclass(frozen=True)
class Need:
    """One input: present when ``rows`` holds at least one row of any of ``alternatives``."""

    name: str
    alternatives: tuple[Rows, ...]
    message: str


def _table(name: str) -> Rows:
    return lambda ctx: ctx[name]


def _with(table: str, column: str) -> Rows:
    def rows(ctx: Context) -> Table:
        t = ctx[table]
        return t.filter(t[column].notnull())

    return rows


def _won_with_account(ctx: Context) -> Table:
    o = ctx["opportunities"]
    return o.filter((o.status == "won") & o.account_id.notnull())


def _load(table: str) -> str:
    return f"import them with `salesmetrics import {table} FILE`"


OPPORTUNITIES = Need(
    "opportunities",
    (_table("opportunities"),),
    f"no opportunities are loaded; {_load('opportunities')}",
)
LEADS = Need("leads", (_table("leads"),), f"no leads are loaded; {_load('leads')}")
REPS = Need("reps", (_table("reps"),), f"no reps are loaded, so no rep is active; {_load('reps')}")
LEAD_LINKS = Need(
    "opportunities.lead_id",
    (_with("opportunities", "lead_id"),),
    "no opportunity carries a lead_id, so no lead can be linked to its deals: import "
    "opportunities with a lead_id column (HubSpot deals: Associated Contact IDs), or leads with "
    "their converted opportunity (Salesforce: Converted Opportunity ID)",
)
DEAL_TOUCHES = Need(
    "activities.opportunity_id or opportunity_history",
    (_with("activities", "opportunity_id"), _table("opportunity_history")),
    "whether a deal was touched needs activities linked to deals (activities.opportunity_id) "
    "or opportunity_history, and neither is loaded",
)
HISTORY = Need(
    "opportunity_history",
    (_table("opportunity_history"),),
    "this KPI follows deals through their stages and close dates, which needs "
    f"opportunity_history; {_load('opportunity_history')} (Salesforce: Opportunity History; "
    "HubSpot: deal stage history)",
)
RESPONSES = Need(
    "leads.first_response_at or activities.lead_id",
    (_with("leads", "first_response_at"), _with("activities", "lead_id")),
    "no lead has a first_response_at and no activity is linked to a lead (activities.lead_id), "
    "so no response time can be measured",
)
MQL_DATES = Need(
    "leads.mql_at",
    (_with("leads", "mql_at"),),
    "no lead has an mql_at date; import leads with the date they became marketing-qualified",
)
SQL_DATES = Need(
    "leads.sql_at",
    (_with("leads", "sql_at"),),
    "no lead has an sql_at date; import leads with the date they became sales-qualified",
)
CUSTOMERS = Need(
    "subscriptions or won deals with an account",
    (_table("subscriptions"), _won_with_account),
    "customers come from subscriptions or from won opportunities with an account_id, and "
    "neither is loaded",
)

SUBSCRIPTIONS = Need(
    "subscriptions",
    (_table("subscriptions"),),
    f"no subscriptions are loaded, so there is no MRR; {_load('subscriptions')}",
)
INVOICES = Need("invoices", (_table("invoices"),), f"no invoices are loaded; {_load('invoices')}")
SPEND = Need("spend", (_table("spend"),), f"no spend is loaded; {_load('spend')}")
SURVEYS = Need("surveys", (_table("surveys"),), f"no surveys are loaded; {_load('surveys')}")


ACTIVITIES = Need(
    "activities", (_table("activities"),), f"no activities are loaded; {_load('activities')}"
)


def _activities_where(predicate: Callable[[Table], object]) -> Rows:
    def rows(ctx: Context) -> Table:
        t = ctx["activities"]
        return t.filter(predicate(t))

    return rows


TASKS = Need(
    "activities of type task",
    (_activities_where(lambda t: t.type.strip().lower() == "task"),),
    "no activity has type task, so no task can be overdue; import tasks as activities of type "
    "task with due_at and completed_at",
)
EMAIL_TRACKING = Need(
    "activities.opened of emails",
    (_activities_where(lambda t: (t.type.strip().lower() == "email") & t.opened.notnull()),),
    "no email activity says whether it was opened (activities.opened is empty), so open and "
    "reply rates cannot be measured; import emails with their opened and replied flags",
)
CALL_DURATIONS = Need(
    "activities.duration_minutes of calls",
    (
        _activities_where(
            lambda t: (t.type.strip().lower() == "call") & t.duration_minutes.notnull()
        ),
    ),
    "no call activity has a duration_minutes; import calls with their duration",
)
DEAL_ACTIVITIES = Need(
    "activities.opportunity_id",
    (_with("activities", "opportunity_id"),),
    "no activity is linked to a deal (activities.opportunity_id is empty), so activities per "
    "deal cannot be counted; import activities with their opportunity id",
)
QUOTAS = Need("quotas", (_table("quotas"),), f"no quotas are loaded; {_load('quotas')}")
HIRE_DATES = Need(
    "reps.hire_date",
    (_with("reps", "hire_date"),),
    "no rep has a hire_date, so no ramp time can be measured; import reps with their hire date",
)
WEB_STATS = Need(
    "web_stats", (_table("web_stats"),), f"no web_stats are loaded; {_load('web_stats')}"
)
MARKETING_SPEND = Need(
    "spend of category marketing",
    (lambda ctx: ctx["spend"].filter(ctx["spend"].category.strip().lower() == "marketing"),),
    "no spend row has category marketing; import spend with category marketing or sales",
)


def _of_type(kind: str) -> Rows:
    def rows(ctx: Context) -> Table:
        t = ctx["surveys"]
        return t.filter(t.type.strip().lower() == kind)

    return rows


NPS_RESPONSES = Need(
    "surveys of type nps",
    (_of_type("nps"),),
    f"no survey response has type nps; {_load('surveys')} (type nps, score 0-10)",
)
CSAT_RESPONSES = Need(
    "surveys of type csat",
    (_of_type("csat"),),
    f"no survey response has type csat; {_load('surveys')} (type csat, score 1-5)",
)

#: Every need by name (compiled plans refer to them by name).
NEEDS: dict[str, Need] = {
    n.name: n
    for n in (
        OPPORTUNITIES,
        LEADS,
        REPS,
        LEAD_LINKS,
        DEAL_TOUCHES,
        HISTORY,
        RESPONSES,
        MQL_DATES,
        SQL_DATES,
        CUSTOMERS,
        SUBSCRIPTIONS,
        INVOICES,
        SURVEYS,
        SPEND,
        NPS_RESPONSES,
        CSAT_RESPONSES,
        ACTIVITIES,
        TASKS,
        EMAIL_TRACKING,
        CALL_DURATIONS,
        DEAL_ACTIVITIES,
        QUOTAS,
        HIRE_DATES,
        WEB_STATS,
        MARKETING_SPEND,
    )
}
