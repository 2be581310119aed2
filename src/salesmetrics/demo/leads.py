"""Leads from several sources through MQL and SQL, with realistic response times.

The story: ``STORY.dropping_source`` qualifies far fewer leads in the last quarters.
"""

from __future__ import annotations

import numpy as np

from salesmetrics.demo.common import (
    DAY,
    Frame,
    Timeline,
    business_hours,
    nat_after,
    pick_codes,
    stream,
)
from salesmetrics.demo.config import (
    LEAD_SOURCE_SHARE,
    LEAD_SOURCE_SQL_RATE,
    LEAD_SOURCES,
    STORY,
    Scale,
)
from salesmetrics.demo.org import Org

GROWTH = 0.6  #: the company makes 60 % more leads at the end than at the start
SQL_TO_OPPORTUNITY = 0.85
NAT = np.datetime64("NaT", "s")


def growing_days(rng: np.random.Generator, n: int, days: int) -> np.ndarray:
    """Day offsets whose density grows linearly by GROWTH over the history."""
    u = rng.random(n)
    x = (np.sqrt(1 + GROWTH * (2 + GROWTH) * u) - 1) / GROWTH
    return np.floor(x * days).astype(np.int64)


def pick_owner(
    rng: np.random.Generator,
    weights: np.ndarray,
    slots: np.ndarray,
    team: np.ndarray,
    month: np.ndarray,
) -> np.ndarray:
    """rep_no of a rep of ``team`` active in ``month``, drawn by the reps' weights."""
    cum = np.cumsum(weights[team, month], axis=1)
    u = rng.random(len(team)) * cum[:, -1]
    slot = np.minimum((cum <= u[:, None]).sum(axis=1), slots.shape[1] - 1)
    return slots[team, slot]


def build_leads(scale: Scale, org: Org, accounts: Frame, tl: Timeline, seed: int) -> Frame:
    """Leads, each of an account; SQL leads are marked for conversion to an opportunity."""
    rng = stream(seed, "leads")
    avg_sql = float(np.dot(LEAD_SOURCE_SHARE, LEAD_SOURCE_SQL_RATE))
    n = int(0.80 * scale.opportunities / (avg_sql * SQL_TO_OPPORTUNITY))
    day = growing_days(rng, n, tl.days)
    created = business_hours(rng, tl.start_day + day * DAY)
    order = np.argsort(created, kind="stable")
    created = created[order]
    source = pick_codes(rng, LEAD_SOURCE_SHARE, n)
    account = rng.integers(0, len(accounts["account_no"]), n)
    team = accounts["team"][account]
    month = np.clip(tl.month_index(created), 0, tl.months - 1)
    sdr_weights = org.active_weights(org.sdr_rep_no, tl, ramp_days=30)
    owner = pick_owner(rng, sdr_weights, org.sdr_rep_no, team, month)

    sql_rate = np.asarray(LEAD_SOURCE_SQL_RATE)[source]
    drop_from = tl.dropping_since()
    dropping = (source == LEAD_SOURCES.index(STORY.dropping_source)) & (created >= drop_from)
    sql_rate = np.where(dropping, sql_rate * tl.story.dropping_factor, sql_rate)
    is_sql = rng.random(n) < sql_rate
    outbound = source == LEAD_SOURCES.index("outbound")
    is_mql = ~outbound & (is_sql | (rng.random(n) < 0.55))

    def hours(mean: float) -> np.ndarray:
        return (rng.exponential(mean, n) * 3600).astype("timedelta64[s]")

    mql_at = np.where(is_mql, created + hours(30), NAT)
    sql_at = np.where(is_sql, np.where(is_mql, mql_at, created) + hours(70) + hours(2), NAT)
    disqualified = np.where(~is_sql & (rng.random(n) < 0.65), created + hours(360), NAT)
    response_hours = np.where(outbound, rng.exponential(2, n), rng.lognormal(1.8, 1.3, n))
    responded = rng.random(n) < 0.92
    first_response = np.where(
        responded, created + (response_hours * 3600).astype("timedelta64[s]"), NAT
    )
    converts = is_sql & (rng.random(n) < SQL_TO_OPPORTUNITY)
    opp_created = np.where(converts, sql_at + hours(48), NAT)

    end = tl.end_s
    acc_created = accounts["created_at"]
    np.minimum.at(acc_created, account, created - np.timedelta64(3, "D"))
    return {
        "lead_no": np.arange(1, n + 1),
        "created_at": created,
        "source": source,
        "owner_rep_no": owner,
        "account": account,
        "team": team,
        "mql_at": nat_after(mql_at, end),
        "sql_at": nat_after(sql_at, end),
        "first_response_at": nat_after(first_response, end),
        "disqualified_at": nat_after(disqualified, end),
        "opp_created": nat_after(opp_created, end),
    }
