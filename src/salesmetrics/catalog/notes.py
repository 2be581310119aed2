"""Notes per KPI for the reference docs: what a careful reader needs beyond the formula.

Generated docs (docs/kpis.md) print each beside its catalog entry.
"""

from __future__ import annotations

NOTES: dict[str, str] = {
    "revenue": (
        "Bookings: deals with status `won` whose `close_date` lies in the period and in `[from, "
        "to]`. Amounts convert to the base currency at the close date."
    ),
    "won_deals": (
        "Counts every won deal, including deals in a currency without an fx rate (no conversion "
        "is needed to count)."
    ),
    "lost_deals": (
        "Counts every lost deal closed in the period, including lost deals with amount 0."
    ),
    "average_deal_size": (
        "Σ converted amount / number of won deals *with an amount*; deals without an amount or "
        "without an fx rate are left out of both. Example: 5,000, 7,500 and 10,000 → 7,500."
    ),
    "revenue_per_rep": (
        "Numerator: revenue of deals owned by the slice's reps; deals whose owner is not a row of "
        "`reps` count only in the unsliced total. Denominator: reps active in the period (hire "
        "date, else first record, on or before the period's last day; end date empty or on/after "
        "its first day); reps with role `manager` are not sellers and never count. "
        "Dimensions: rep, team, manager, region."
    ),
    "revenue_growth": (
        "numerator = revenue(p) − revenue(p−1), denominator = revenue(p−1), value = 100 × "
        "numerator / denominator. p−1 is the whole previous period of the grain, even before "
        "`--from`; for grain total, the window of the same length ending the day before `--from`. "
        "Example: 1,000,000 → 1,200,000 gives 20 %."
    ),
    "revenue_growth_yoy": (
        "As revenue_growth, against the period of the grain holding the date one year before the "
        "period's start (grain total: the same dates one year earlier; 29 February → 28 "
        "February)."
    ),
    "acv": (
        "Mean over won deals with an amount of amount / (contract_months / 12); empty "
        "contract_months = 12. Example: one 3-year contract of 80,000 → 26,666.67."
    ),
    "new_customers": (
        "customer_since = earliest start_date of a subscription with mrr > 0 when the workspace "
        "has subscriptions, else the earliest close_date of a won deal of the account. Dimensions "
        "come from the account, and rep/team/manager/region from the account's owner."
    ),
    "win_rate": (
        "numerator = won deals, denominator = won + lost deals closed in the period. Example: 587 "
        "closed, 191 won → 32.54 %."
    ),
    "win_rate_by_value": (
        "Won amount / (won + lost amount), converted at the close date; a deal without an amount "
        "counts as 0, a deal without an fx rate is left out of both sides."
    ),
    "close_rate": (
        "Cohort: of the opportunities created in the period, the share with status `won` and "
        "close_date on or before `--as-of`."
    ),
    "opportunities_created": ("Flow on created_at (its date)."),
    "pipeline_created": ("Flow on created_at; amounts convert at the creation date."),
    "open_opportunities": (
        "Stock at the period's last day D (the earlier of the period's last day and `--to`): "
        "created on or before D, and status `open` or close_date after D. A won/lost deal without "
        "close_date is never open."
    ),
    "pipeline_value": ("Σ amount of the deals open on D, converted at D."),
    "weighted_pipeline": (
        "Σ amount × probability / 100 of the deals open on D; an empty probability takes the "
        "stage's default from the `stage_probabilities` setting (stage names matched case- "
        "insensitively); a deal with neither is left out and counted in a warning. Example: "
        "10,000 at 50 % + 60,000 at 70 % → 47,000."
    ),
    "sales_cycle_days": (
        "Days = (close_date at 00:00 − created_at) / 86,400 s, fractional, over deals won in the "
        "period; numerator = Σ days, denominator = number of deals."
    ),
    "sales_cycle_days_median": ("Median of the same days; numerator and denominator are empty."),
    "pipeline_velocity": (
        "open_opportunities(D) × average_deal_size × win_rate / 100 / sales_cycle_days, all for "
        "the same period and slice; numerator = the product, denominator = the sales cycle; empty "
        "when any factor is empty or the cycle is 0. Example: 100 × 10,000 × 100 % / 30 → "
        "33,333.33 per day."
    ),
    "aged_opportunities": ("Open on D and D − created_at date > 180 days."),
    "stale_opportunities": (
        "Open on D, created on or before D − 30, with no activity (`activities.opportunity_id`) "
        "and no `opportunity_history` change whose date lies in (D − 30, D]."
    ),
    "leads_created": ("Flow on leads.created_at."),
    "mqls": ("Flow on leads.mql_at."),
    "sqls": ("Flow on leads.sql_at."),
    "lead_conversion_rate": (
        "Cohort: of the leads created in the period, the share with an opportunity "
        "(`opportunities.lead_id`) won with close_date on or before `--as-of`. Example: 100 "
        "leads, 10 become customers → 10 %."
    ),
    "lead_to_opportunity_rate": (
        "Cohort: of the leads created in the period, the share with an opportunity created on or "
        "before `--as-of`."
    ),
    "lead_qualification_rate": (
        "Cohort: of the leads created in the period, the share with sql_at on or before `--as- of`."
    ),
    "mql_to_sql_rate": (
        "Cohort: of the leads with mql_at in the period, the share with sql_at on or before "
        "`--as-of`."
    ),
    "lead_response_hours": (
        "First response = first_response_at, else the earliest activity linked to the lead "
        "(`activities.lead_id`) at or after created_at; counted when it happened by the end of "
        "`--as-of`. Hours = seconds / 3,600; numerator = Σ hours, denominator = leads that got a "
        "response."
    ),
    "lead_response_hours_median": ("Median of the same hours."),
}
