"""The catalog of data-quality checks: one declarative entry each, written in SQL."""

from __future__ import annotations

from salesmetrics.quality.model import Check, Severity
from salesmetrics.schema import ALL_TABLES, get_table
from salesmetrics.schema.enums import SURVEY_SCORE_RANGE

#: Tables holding money in a ``currency`` column: their id and the column the money is dated by
#: (opportunities: created_at, their earliest anchor).
MONEY_TABLES: dict[str, tuple[str, str]] = {
    "opportunities": ("opportunity_id", "created_at"),
    "subscriptions": ("subscription_id", "start_date"),
    "invoices": ("invoice_id", "issued_at"),
}

#: (table, its id column) of the tables with an ``account_id`` column.
ACCOUNT_REFERENCES = (
    ("opportunities", "opportunity_id"),
    ("leads", "lead_id"),
    ("activities", "activity_id"),
    ("subscriptions", "subscription_id"),
    ("invoices", "invoice_id"),
    ("surveys", "response_id"),
)

#: (table, the column shown as example, the column referring to a rep, how it relates).
REP_REFERENCES = (
    ("activities", "activity_id", "rep_id", "by"),
    ("opportunities", "opportunity_id", "owner_rep_id", "owned by"),
    ("leads", "lead_id", "owner_rep_id", "owned by"),
    ("accounts", "account_id", "owner_rep_id", "owned by"),
    ("quotas", "rep_id", "rep_id", "of"),
)

STATUS = "lower(trim(t.status))"


def _present(column: str) -> str:
    """SQL: ``column`` holds a non-blank value."""
    return f"NULLIF(trim({column}), '') IS NOT NULL"


def _where(table: str, id_column: str, condition: str) -> str:
    """Rows of ``table`` matching ``condition``, shown by their id."""
    return f"SELECT t.{id_column} AS example FROM {table} t WHERE {condition}"


def _unknown_reference(
    table: str, id_column: str, column: str, target: str, target_column: str
) -> str:
    """Rows whose ``column`` names a ``target`` row that does not exist (an anti-join)."""
    return _where(
        table,
        id_column,
        f"{_present('t.' + column)} AND NOT EXISTS "
        f"(SELECT 1 FROM {target} r WHERE r.{target_column} = t.{column})",
    )


def _opportunity_checks() -> list[Check]:
    def opp(check_id: str, severity: Severity, title: str, hint: str, condition: str) -> Check:
        sql = _where("opportunities", "opportunity_id", condition)
        return Check(f"opportunities.{check_id}", "opportunities", severity, title, hint, sql)

    return [
        opp(
            "won_without_amount",
            "warning",
            "won deals without an amount",
            "Fill in `amount` of won deals and re-import; revenue and deal size leave them out.",
            f"{STATUS} = 'won' AND t.amount IS NULL",
        ),
        opp(
            "closed_without_close_date",
            "warning",
            "won or lost deals without a close_date",
            "Set `close_date` of every won or lost deal; closed-deal KPIs cannot date them.",
            f"{STATUS} IN ('won', 'lost') AND t.close_date IS NULL",
        ),
        opp(
            "close_before_created",
            "warning",
            "deals whose close_date is before created_at",
            "Correct `close_date` or `created_at`; sales cycle lengths come out negative.",
            "t.close_date < CAST(t.created_at AS DATE)",
        ),
        opp(
            "open_past_close_date",
            "info",
            "open deals whose expected close_date has passed",
            "Update the expected `close_date` in the CRM, or mark the deal won or lost.",
            f"{STATUS} = 'open' AND t.close_date < $today",
        ),
        opp(
            "probability_out_of_range",
            "warning",
            "deals with a probability outside 0-100",
            "Give `probability` in percent (0-100, e.g. 40 not 0.4 or 4000).",
            "t.probability < 0 OR t.probability > 100",
        ),
    ]


def _reference_checks() -> list[Check]:
    checks = []
    for table, id_column, column, role in REP_REFERENCES:
        checks.append(
            Check(
                f"{table}.unknown_rep",
                table,
                "warning",
                f"{table} {role} a rep missing from the reps table",
                f"Import the missing reps (salesmetrics import reps FILE) or correct `{column}`; "
                "rep, team and region slices leave these rows out.",
                _unknown_reference(table, id_column, column, "reps", "rep_id"),
                examples_of="id" if (id_column,) == get_table(table).key else id_column,
            )
        )
    for table, id_column in ACCOUNT_REFERENCES:
        checks.append(
            Check(
                f"{table}.unknown_account",
                table,
                "warning",
                f"{table} referring to an account missing from the accounts table",
                "Import the missing accounts (salesmetrics import accounts FILE) or correct "
                "`account_id`; industry, segment and country slices leave these rows out.",
                _unknown_reference(table, id_column, "account_id", "accounts", "account_id"),
            )
        )
    return checks


def _overlapping_subscriptions() -> Check:
    """Rows of one account and plan active on a common day (end_date is exclusive).

    Sorted by start, a row overlaps an earlier row when it starts before the latest end seen
    so far, and a later row when the next start comes before its own end.
    """
    stop = "coalesce(end_date, 'infinity'::DATE)"
    group = "PARTITION BY account_id, coalesce(plan, '') ORDER BY start_date, subscription_id"
    sql = (
        "SELECT subscription_id AS example FROM ("
        f"SELECT subscription_id, start_date, {stop} AS stop, "
        f"max({stop}) OVER ({group} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) "
        "AS seen_stop, "
        f"min(start_date) OVER ({group} ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) "
        "AS next_start "
        f"FROM subscriptions WHERE start_date < {stop}"
        ") s WHERE start_date < seen_stop OR next_start < stop"
    )
    return Check(
        "subscriptions.overlapping",
        "subscriptions",
        "warning",
        "subscription rows of one account and plan active on the same day",
        "End the old row on the day the new one starts (`end_date` is exclusive); "
        "overlapping rows count MRR twice.",
        sql,
    )


def _currency_checks() -> list[Check]:
    checks = []
    currency = "upper(trim(t.currency))"
    foreign = f"{_present('t.currency')} AND {currency} <> upper(trim($base_currency))"
    for table, (id_column, dated_by) in MONEY_TABLES.items():
        no_rates = (
            f"SELECT {currency} AS example FROM {table} t WHERE {foreign} AND NOT EXISTS "
            f"(SELECT 1 FROM fx_rates f WHERE upper(trim(f.currency)) = {currency})"
        )
        too_early = (
            f"SELECT t.{id_column} AS example FROM {table} t JOIN ("
            "SELECT upper(trim(currency)) AS currency, min(date) AS first_rate "
            f"FROM fx_rates GROUP BY 1) f ON f.currency = {currency} "
            f"WHERE {foreign} AND CAST(t.{dated_by} AS DATE) < f.first_rate"
        )
        checks += [
            Check(
                f"{table}.currency_without_rate",
                table,
                "warning",
                f"{table} in a currency with no fx rate at all",
                "Import rates for these currencies (salesmetrics import fx_rates FILE); "
                "money KPIs leave these rows out.",
                no_rates,
                examples_of="currency",
            ),
            Check(
                f"{table}.no_rate_before_date",
                table,
                "warning",
                f"{table} dated before the first fx rate of their currency",
                f"Import fx rates that start on or before the rows' {dated_by}; "
                "money KPIs dated before a currency's first rate leave the row out.",
                too_early,
            ),
        ]
    return checks


def _survey_score_check() -> Check:
    """Scores outside the range of their survey type (nps 0-10, csat 1-5)."""
    ranges = " ".join(
        f"WHEN '{kind}' THEN t.score NOT BETWEEN {low} AND {high}"
        for kind, (low, high) in SURVEY_SCORE_RANGE.items()
    )
    return Check(
        "surveys.score_out_of_range",
        "surveys",
        "warning",
        "survey scores outside their type's range",
        "NPS scores run 0-10 and CSAT scores 1-5; correct `score` or `type`.",
        _where("surveys", "response_id", f"CASE lower(trim(t.type)) {ranges} ELSE false END"),
    )


def _history_checks() -> list[Check]:
    return [
        Check(
            "opportunity_history.probability_out_of_range",
            "opportunity_history",
            "warning",
            "history rows with a probability outside 0-100",
            "Give `probability` in percent (0-100).",
            _where(
                "opportunity_history",
                "opportunity_id",
                "t.probability < 0 OR t.probability > 100",
            ),
        ),
        Check(
            "opportunity_history.unknown_opportunity",
            "opportunity_history",
            "info",
            "history rows of opportunities missing from the opportunities table",
            "Import the missing opportunities or drop their history rows.",
            _unknown_reference(
                "opportunity_history",
                "opportunity_id",
                "opportunity_id",
                "opportunities",
                "opportunity_id",
            ),
        ),
    ]


def _integrity_checks() -> list[Check]:
    """Ids used by more than one row (KPIs would count those records twice), bad spans."""
    checks = []
    for table in ALL_TABLES:
        if len(table.key) != 1:
            continue
        (key,) = table.key
        checks.append(
            Check(
                f"{table.name}.duplicate_id",
                table.name,
                "warning",
                f"{table.name} rows sharing one {key}",
                f"Keep one row per `{key}`: remove the copies at the source and re-import; "
                "KPIs count every copy.",
                _where(
                    table.name,
                    key,
                    f"t.{key} IN (SELECT {key} FROM {table.name} GROUP BY {key} "
                    "HAVING count(*) > 1)",
                ),
            )
        )
    checks.append(
        Check(
            "subscriptions.end_before_start",
            "subscriptions",
            "warning",
            "subscriptions whose end_date is before their start_date",
            "Correct `start_date` or `end_date` (end_date is exclusive: the first day "
            "no longer active); these rows count on no day.",
            _where("subscriptions", "subscription_id", "t.end_date < t.start_date"),
        )
    )
    return checks


#: Every check, in the order the report shows them.
CHECKS: tuple[Check, ...] = (
    *_integrity_checks(),
    *_opportunity_checks(),
    *_reference_checks(),
    _overlapping_subscriptions(),
    *_currency_checks(),
    _survey_score_check(),
    *_history_checks(),
)
