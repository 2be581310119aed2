"""The stories planted in the demo company are visible with plain SQL, and its numbers are sane."""

from __future__ import annotations

import duckdb
import pandas as pd

from salesmetrics.demo.common import Timeline
from salesmetrics.demo.config import STORY
from tests.demo.conftest import START

TL = Timeline(START)
HISTORY_START = START.isoformat()


def frame(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> pd.DataFrame:
    return con.execute(sql, list(params)).df()


def test_dropping_source_qualifies_fewer_leads_in_the_last_two_quarters(con) -> None:
    since = str(TL.dropping_since())
    rates = frame(
        con,
        """SELECT source = ? AS dropping, created_at >= ?::DATE AS late,
                  avg(CASE WHEN sql_at IS NULL THEN 0 ELSE 1 END) AS rate
           FROM leads GROUP BY ALL""",
        STORY.dropping_source,
        since,
    ).set_index(["dropping", "late"])["rate"]
    assert rates[(True, True)] < 0.6 * rates[(True, False)]
    assert rates[(False, True)] > 0.85 * rates[(False, False)]


MONTHLY_MRR = """
WITH months AS (
    SELECT (range - INTERVAL 1 DAY)::DATE AS day
    FROM range(?::DATE, ?::DATE + INTERVAL 1 MONTH, INTERVAL 1 MONTH)
), accounts AS (SELECT DISTINCT account_id FROM subscriptions),
grid AS (
    SELECT m.day, a.account_id, coalesce(sum(s.mrr), 0) AS mrr
    FROM months m CROSS JOIN accounts a
    LEFT JOIN subscriptions s ON s.account_id = a.account_id AND s.start_date <= m.day
         AND (s.end_date IS NULL OR s.end_date > m.day)
    GROUP BY ALL
)
SELECT day, account_id, mrr,
       lag(mrr) OVER (PARTITION BY account_id ORDER BY day) AS prev,
       max(mrr) OVER (PARTITION BY account_id ORDER BY day
                      ROWS BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING) AS earlier_max
FROM grid
"""


def mrr_movements(con) -> pd.DataFrame:
    end = str(TL.end_day)
    moves = frame(con, MONTHLY_MRR, HISTORY_START, end).dropna(subset=["prev"])
    moves[["mrr", "prev"]] = moves[["mrr", "prev"]].astype(float)
    moves["earlier_max"] = moves["earlier_max"].astype(float).fillna(0)
    kind = pd.Series(None, index=moves.index, dtype=object)
    kind[(moves.prev == 0) & (moves.mrr > 0) & (moves.earlier_max == 0)] = "new"
    kind[(moves.prev == 0) & (moves.mrr > 0) & (moves.earlier_max > 0)] = "reactivation"
    kind[(moves.prev > 0) & (moves.mrr > moves.prev)] = "expansion"
    kind[(moves.mrr > 0) & (moves.mrr < moves.prev)] = "contraction"
    kind[(moves.prev > 0) & (moves.mrr == 0)] = "churn"
    moves["kind"] = kind
    return moves.dropna(subset=["kind"])


def test_every_mrr_movement_kind_happens_and_the_spike_quarter_churns_most(con) -> None:
    moves = mrr_movements(con)
    assert set(moves.kind) == {"new", "expansion", "contraction", "churn", "reactivation"}
    churn = moves[moves.kind == "churn"]
    quarter = pd.to_datetime(churn.day).dt.to_period("Q")
    churned = churn.prev.groupby(quarter).sum()
    spike = pd.Timestamp(str(TL.churn_spike()[0])).to_period("Q")
    assert churned.idxmax() == spike
    assert churned[spike] > 2 * churned.drop(spike).median()


def test_slow_ramper_wins_first_much_later_after_hire_than_other_new_hires(con) -> None:
    ramp = frame(
        con,
        """SELECT r.rep_id, min(o.close_date) - r.hire_date AS days
           FROM reps r JOIN opportunities o ON o.owner_rep_id = r.rep_id AND o.status = 'won'
           WHERE r.role = 'ae' AND r.hire_date >= ?::DATE GROUP BY r.rep_id, r.hire_date""",
        HISTORY_START,
    ).set_index("rep_id")["days"]
    slow = ramp.pop(STORY.slow_ramper_rep)
    assert len(ramp) >= 2
    assert slow > ramp.max()
    assert slow > 2 * ramp.median()


def test_star_sells_most_and_struggling_rep_least_among_peers(con) -> None:
    revenue = (
        frame(
            con,
            """SELECT r.rep_id, sum(o.amount) FILTER (WHERE o.status = 'won') AS won
           FROM reps r JOIN opportunities o ON o.owner_rep_id = r.rep_id
           WHERE r.role = 'ae' AND r.team = ? AND r.hire_date < ?::DATE AND r.end_date IS NULL
           GROUP BY r.rep_id""",
            STORY.story_team,
            HISTORY_START,
        )
        .set_index("rep_id")["won"]
        .astype(float)
    )
    assert len(revenue) >= 3
    assert revenue.idxmax() == STORY.star_rep
    assert revenue.idxmin() == STORY.struggling_rep


def test_win_rate_cycle_and_deal_sizes_are_sane(con) -> None:
    win_rate = con.execute(
        "SELECT avg(CASE WHEN status = 'won' THEN 1 ELSE 0 END) FROM opportunities "
        "WHERE status <> 'open'"
    ).fetchone()[0]
    assert 0.15 <= win_rate <= 0.40
    cycle = con.execute(
        "SELECT avg(close_date - created_at::DATE) FROM opportunities WHERE status = 'won'"
    ).fetchone()[0]
    assert 20 <= cycle <= 200
    by_segment = frame(
        con,
        """SELECT a.segment, avg(o.amount * coalesce(f.rate, 1)) AS size,
                  avg(o.close_date - o.created_at::DATE) AS cycle
           FROM opportunities o JOIN accounts a USING (account_id)
           LEFT JOIN fx_rates f ON f.currency = o.currency AND f.date = o.close_date
           WHERE o.status = 'won' AND o.type = 'new_business' GROUP BY a.segment""",
    ).set_index("segment")
    assert by_segment.loc["enterprise", "size"] > 3 * by_segment.loc["smb", "size"]
    assert by_segment.loc["enterprise", "cycle"] > by_segment.loc["smb", "cycle"]


def test_two_currencies_with_fx_rates_covering_the_history(con) -> None:
    currencies = {
        r[0] for r in con.execute("SELECT DISTINCT currency FROM opportunities").fetchall()
    }
    assert currencies == {"USD", "EUR"}
    for table in ("subscriptions", "invoices"):
        found = {r[0] for r in con.execute(f"SELECT DISTINCT currency FROM {table}").fetchall()}
        assert found == {"USD", "EUR"}
    first, last, n = con.execute(
        "SELECT min(date), max(date), count(*) FROM fx_rates WHERE currency = 'EUR'"
    ).fetchone()
    oldest = con.execute("SELECT min(created_at)::DATE FROM opportunities").fetchone()[0]
    assert first <= oldest and str(last) >= str(TL.end_day - 1) and n > 1000


def test_late_payers_overdue_tasks_and_email_engagement_exist(con) -> None:
    late = con.execute("SELECT count(*) FROM invoices WHERE paid_at > due_at + 14").fetchone()[0]
    overdue = con.execute(
        "SELECT count(*) FROM activities WHERE type = 'task' AND completed_at IS NULL "
        "AND due_at < ?::DATE",
        [str(TL.end_day)],
    ).fetchone()[0]
    opened, replied = con.execute(
        "SELECT avg(opened::INT), avg(replied::INT) FROM activities "
        "WHERE type = 'email' AND direction = 'outbound'"
    ).fetchone()
    assert late > 0 and overdue > 0
    assert 0.2 < opened < 0.6 and 0.05 < replied < opened
