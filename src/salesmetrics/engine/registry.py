"""Every row set and measure the engine knows, by name (deals and leads, customers, activity,
team, finance, marketing)."""

from __future__ import annotations

from salesmetrics.engine import (
    activity,
    customer_measures,
    customers,
    finance,
    marketing,
    measures,
    rowsets,
    team,
)

MEASURES: dict[str, measures.Measure] = {
    **measures.MEASURES,
    **customer_measures.CUSTOMER_MEASURES,
    **activity.ACTIVITY_MEASURES,
    **team.TEAM_MEASURES,
    **finance.FINANCE_MEASURES,
    **marketing.MARKETING_MEASURES,
}
ROWSETS: dict[str, rowsets.RowSet] = {
    **rowsets.ROWSETS,
    **customers.ROWSETS,
    **activity.ACTIVITY_ROWSETS,
    **team.TEAM_ROWSETS,
    **finance.FINANCE_ROWSETS,
    **marketing.MARKETING_ROWSETS,
}
#: Measures that leave out some rows for another reason than fx, with the warning's wording.
EXTRA_WARNINGS = {**measures.EXTRA_WARNINGS, **team.TEAM_WARNINGS}
