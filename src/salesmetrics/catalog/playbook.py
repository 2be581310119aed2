"""The playbook: symptoms the data can show, linked to what a sales team usually does about
them. Each play names the findings that trigger it (their kind, KPIs and direction) and says,
with the finding's own numbers, what to do. Declarative: no database code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Play:
    id: str
    #: findings that trigger the play: kinds (alert, change, rep, ramp, optimism, pace) …
    kinds: tuple[str, ...]
    #: … of these KPIs (empty: any) …
    kpis: tuple[str, ...]
    #: … moving this way ("worse", "better", or "" for either)
    direction: str
    title: str
    #: what to do; ``{subject}`` is the slice or rep, other fields come from the finding
    action: str
    #: the records worth opening, as a KPI whose explanation lists them
    records_kpi: str = ""


PLAYS: tuple[Play, ...] = (
    Play("respond-faster", ("alert", "change"), ("lead_response_hours",
         "lead_response_hours_median"), "worse", "Answer new leads within the hour",
         "Leads of {subject} wait too long for a first answer. Route new leads to whoever is "
         "on duty the same hour (a round-robin with a one-hour service level), and call back "
         "the leads below that are still waiting: response within the hour converts several "
         "times better than after a day.", "lead_response_hours"),
    Play("fix-lead-source", ("change",), ("lead_qualification_rate", "lead_to_opportunity_rate",
         "lead_conversion_rate", "mql_to_sql_rate"), "worse",
         "Check what changed in this lead source",
         "Leads from {subject} qualify far less often than they did. Look at the campaigns, "
         "targeting and forms feeding it since the drop began, and hold its spend until the "
         "qualified share recovers; meanwhile, move SDR time to the sources that still "
         "qualify.", "lead_qualification_rate"),
    Play("coach-messaging", ("change", "alert"), ("email_reply_rate", "email_open_rate"),
         "worse", "Coach on messaging",
         "Emails of {subject} get fewer replies. Review the last 20 outbound emails in a "
         "one-to-one: shorter first lines, one clear ask, personal relevance; test two subject "
         "lines next week and compare reply rates.", "email_reply_rate"),
    Play("prospecting-push", ("alert",), ("pipeline_value",), "",
         "Run a prospecting push for next quarter",
         "Pipeline due next quarter covers only part of its quota for {subject}. Block two "
         "prospecting mornings a week until coverage reaches about 3x: at the usual win rate "
         "and deal size, the gap below is the number of first meetings to book now.",
         "pipeline_value"),
    Play("review-channel-mix", ("change", "alert"), ("cac", "cpa"), "worse",
         "Review the channel mix",
         "Acquisition got more expensive for {subject}. Compare cost per acquisition by "
         "channel and move budget from the most expensive channels to those converting best "
         "this quarter.", "cpa"),
    Play("save-churning-accounts", ("change", "alert"), ("customer_churn_rate",
         "revenue_churn_rate", "mrr_churn"), "worse", "Talk to the accounts at risk",
         "Churn rose for {subject}. Call the customers of this slice whose renewal is in the "
         "next 90 days, starting with the largest; ask what changed, and look for a shared "
         "cause (a plan, a price change, a product gap).", "customer_churn_rate"),
    Play("win-back-losses", ("change", "alert"), ("win_rate",), "worse",
         "Hold a loss review",
         "Win rate fell for {subject}. Go through the deals it lost below with their owners: "
         "at which stage they were lost, to whom, and why; a pattern (price, a competitor, "
         "a missing feature, a weak stage) tells what to change.", "win_rate"),
    Play("coach-struggling-rep", ("rep",), ("win_rate",), "worse",
         "Coach this rep on their deals",
         "{subject} wins far fewer of their deals than their team. Review their open "
         "pipeline together every week for a month, join two of their calls, and pair them "
         "with the team's best closer on their next late-stage deal.", "win_rate"),
    Play("share-what-works", ("rep",), ("win_rate",), "better",
         "Learn from this rep",
         "{subject} wins far more of their deals than their team. Ask them to walk the team "
         "through two recent wins: how they qualify, what they send after a demo, how they "
         "handle pricing.", "win_rate"),
    Play("ramp-plan", ("ramp",), ("ramp_days",), "", "Give slow starters a ramp plan",
         "{subject} took far longer than other hires to win a first deal. For the next hires, "
         "set a 30-60-90 day plan with a mentor, shadowed calls in the first month and a "
         "first deal handed over from an experienced rep.", "ramp_days"),
    Play("forecast-on-evidence", ("optimism",), (), "",
         "Forecast on evidence, not on hope",
         "{subject} rates open deals well above what deals at those stages have won. Review "
         "their pipeline stage by stage, asking for the buyer's next committed step on each "
         "deal, and forecast their deals on the stages' win rates, not on their "
         "probabilities.", "weighted_pipeline"),
    Play("mid-quarter-review", ("alert", "pace"), ("quota_attainment", "revenue"), "",
         "Hold a mid-quarter deal review",
         "{subject} is behind pace for the quarter. Go through the deals that can still close "
         "this quarter, agree a next step and a date on each, and drop the ones that will "
         "not.", "pipeline_value"),
    Play("clear-follow-ups", ("alert", "change"), ("overdue_tasks",), "worse",
         "Clear overdue follow-ups",
         "Overdue tasks of {subject} are piling up. Spend the first hour of tomorrow closing "
         "or rescheduling them, oldest first; follow-ups that slip are deals that go quiet.",
         "overdue_tasks"),
)  # fmt: skip
