"""The demo tables agree with each other the way a real CRM and billing system would."""

from __future__ import annotations

import duckdb
import pytest

from salesmetrics.demo.config import STAGE_PROBABILITIES, STORY
from salesmetrics.schema import ALL_TABLES


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]


@pytest.mark.parametrize("table", ALL_TABLES, ids=lambda t: t.name)
def test_keys_are_unique_and_required_columns_filled(con, table) -> None:
    key = ", ".join(table.key)
    assert scalar(con, f"SELECT count(*) - count(DISTINCT ({key})) FROM {table.name}") == 0
    for column in table.required_columns:
        assert scalar(con, f"SELECT count(*) FROM {table.name} WHERE {column.name} IS NULL") == 0


def test_deal_owners_are_aes_employed_when_the_deal_was_created(con) -> None:
    bad = scalar(
        con,
        """SELECT count(*) FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
           WHERE r.role IS DISTINCT FROM 'ae' OR r.hire_date > o.created_at::DATE
              OR r.end_date < o.created_at::DATE""",
    )
    assert bad == 0


def test_deals_close_after_creation_with_known_stages(con) -> None:
    assert (
        scalar(con, "SELECT count(*) FROM opportunities WHERE close_date < created_at::DATE") == 0
    )
    stages = {r[0] for r in con.execute("SELECT DISTINCT stage FROM opportunities").fetchall()}
    assert stages <= set(STAGE_PROBABILITIES) and {"closed_won", "closed_lost"} <= stages
    # every deal carries its stage's default probability, but the open deals of the optimistic
    # reps (a story), which carry more
    optimists = ", ".join(f"'{r}'" for r in STORY.optimistic_reps)
    mismatched = sum(
        scalar(
            con,
            f"SELECT count(*) FROM opportunities WHERE stage = '{s}' AND probability <> {p} "
            f"AND NOT (owner_rep_id IN ({optimists}) AND status = 'open' AND probability > {p})",
        )
        for s, p in STAGE_PROBABILITIES.items()
    )
    assert mismatched == 0
    inflated = scalar(con, f"SELECT count(*) FROM opportunities WHERE owner_rep_id IN "
                      f"({optimists}) AND status = 'open' AND probability > 0")  # fmt: skip
    assert inflated > 0
    statuses = {r[0] for r in con.execute("SELECT DISTINCT status FROM opportunities").fetchall()}
    assert statuses == {"open", "won", "lost"}


def test_history_ends_in_the_deal_state_and_shows_pushes_and_repricing(con) -> None:
    last_differs = scalar(
        con,
        """SELECT count(*) FROM opportunities o JOIN (
               SELECT opportunity_id, arg_max(status, changed_at) AS status,
                      arg_max(stage, changed_at) AS stage, arg_max(amount, changed_at) AS amount
               FROM opportunity_history GROUP BY ALL) h USING (opportunity_id)
           WHERE h.status <> o.status OR h.stage <> o.stage OR h.amount <> o.amount""",
    )
    assert last_differs == 0
    changes = con.execute(
        """SELECT count(*) FILTER (WHERE close_date > prev_close),
                  count(*) FILTER (WHERE amount <> prev_amount)
           FROM (SELECT *, lag(close_date) OVER w AS prev_close, lag(amount) OVER w AS prev_amount
                 FROM opportunity_history
                 WINDOW w AS (PARTITION BY opportunity_id ORDER BY changed_at))"""
    ).fetchone()
    assert changes[0] > 0 and changes[1] > 0


def test_deal_activities_fall_inside_the_deal(con) -> None:
    outside = scalar(
        con,
        """SELECT count(*) FROM activities a JOIN opportunities o USING (opportunity_id)
           WHERE a.occurred_at < o.created_at
              OR (o.status <> 'open' AND a.occurred_at::DATE > o.close_date)
              OR a.rep_id <> o.owner_rep_id OR a.account_id <> o.account_id""",
    )
    assert outside == 0
    kinds = {r[0] for r in con.execute("SELECT DISTINCT type FROM activities").fetchall()}
    assert {"call", "email", "meeting", "demo", "proposal", "task"} <= kinds
    linked = con.execute(
        "SELECT count(lead_id), count(opportunity_id), count(account_id), count(*) FROM activities"
    ).fetchone()
    assert all(n > 0 for n in linked) and linked[2] == linked[3]


def test_deals_come_from_their_leads_after_qualification(con) -> None:
    bad = scalar(
        con,
        """SELECT count(*) FROM opportunities o JOIN leads l USING (lead_id)
           WHERE o.account_id <> l.account_id OR o.created_at < l.sql_at OR l.sql_at IS NULL""",
    )
    assert bad == 0
    assert scalar(con, "SELECT count(*) FROM opportunities WHERE lead_id IS NOT NULL") > 500
    hours = scalar(
        con,
        "SELECT median(epoch(first_response_at - created_at) / 3600) FROM leads "
        "WHERE first_response_at IS NOT NULL",
    )
    assert 0.5 < hours < 48


def test_customers_are_accounts_that_won_a_deal(con) -> None:
    without_deal = scalar(
        con,
        """SELECT count(*) FROM (SELECT account_id, min(start_date) AS first
                                 FROM subscriptions GROUP BY ALL) s
           WHERE NOT EXISTS (SELECT 1 FROM opportunities o WHERE o.account_id = s.account_id
                             AND o.status = 'won' AND o.close_date = s.first)""",
    )
    assert without_deal == 0
    won_without_subscription = scalar(
        con,
        """SELECT count(*) FROM opportunities o WHERE status = 'won' AND type = 'new_business'
           AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.account_id = o.account_id)""",
    )
    assert won_without_subscription == 0
    assert scalar(con, "SELECT count(*) FROM subscriptions WHERE end_date <= start_date") == 0
    strays = scalar(
        con,
        "SELECT count(*) FROM invoices i WHERE paid_at < issued_at OR NOT EXISTS "
        "(SELECT 1 FROM subscriptions s WHERE s.account_id = i.account_id)",
    )
    assert strays == 0


def test_targets_cover_headline_kpis_company_wide_and_per_team(con) -> None:
    rows = con.execute(
        "SELECT kpi, count(*) FILTER (WHERE dimension IS NULL), "
        "count(*) FILTER (WHERE dimension = 'team') FROM targets GROUP BY kpi"
    ).fetchall()
    found = {kpi: (company, team) for kpi, company, team in rows}
    for kpi in ("revenue", "win_rate", "new_customers", "mrr", "pipeline_created", "leads_created"):
        assert found[kpi][0] >= 12
    assert found["revenue"][1] > 0
    assert (
        scalar(con, "SELECT count(*) FROM quotas q JOIN reps r USING (rep_id) WHERE r.role <> 'ae'")
        == 0
    )
