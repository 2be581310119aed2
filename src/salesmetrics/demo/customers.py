"""Customer lifecycles: when accounts become customers, contract, churn and come back.

The first won new-business deal makes an account a customer. Churn follows a monthly hazard
that spikes in ``STORY.churn_spike_quarter``. Customers bring expansion deals, renewals
(a lost renewal is how a churn shows in the pipeline) and win-back deals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from salesmetrics.demo.common import DAY, Frame, Timeline, business_hours, stream, to_date
from salesmetrics.demo.config import (
    CONTRACTION_SHARE,
    MONTHLY_CHURN,
    REACTIVATION_SHARE,
)
from salesmetrics.demo.opportunities import EXPANSION, NEW_BUSINESS, RENEWAL

NAT_D = np.datetime64("NaT", "D")
MIN_TENURE_DAYS = 90


@dataclass
class Lifecycle:
    """Per account (index = account position): first customer day, churn and contraction."""

    start: np.ndarray  #: datetime64[D], NaT = never a customer
    churn: np.ndarray  #: datetime64[D], NaT = no churn in the history
    contraction: np.ndarray  #: datetime64[D], NaT = none


def daily_hazard(tl: Timeline) -> np.ndarray:
    """Cumulative churn hazard per day of the history (length days + 1)."""
    day = tl.start_day + np.arange(tl.days) * DAY
    spike_from, spike_to = tl.churn_spike()
    spike = (day >= spike_from) & (day < spike_to)
    rate = MONTHLY_CHURN / 30.4 * np.where(spike, tl.story.churn_spike_factor, 1.0)
    return np.concatenate([[0.0], np.cumsum(rate)])


def lifecycle(new_deals: Frame, n_accounts: int, tl: Timeline, seed: int) -> Lifecycle:
    """Customer start from the first won new-business deal; churn and contraction drawn."""
    rng = stream(seed, "lifecycle")
    wins = new_deals["won"] & (new_deals["close_at"] < tl.end_s)
    start = np.full(n_accounts, np.datetime64("2262-01-01"), dtype="datetime64[D]")
    np.minimum.at(start, new_deals["account"][wins], to_date(new_deals["close_at"][wins]))
    start[start == np.datetime64("2262-01-01")] = NAT_D

    hazard = daily_hazard(tl)
    first = (start - tl.start_day).astype(np.int64) + MIN_TENURE_DAYS
    customer = ~np.isnat(start)
    first = np.clip(first, 0, tl.days)
    target = hazard[first] + rng.exponential(1.0, n_accounts)
    churn_day = np.searchsorted(hazard, target)
    churn = np.where(customer & (churn_day < tl.days), tl.start_day + churn_day * DAY, NAT_D)

    contraction = start + rng.integers(60, 500, n_accounts) * DAY
    contracts = customer & (rng.random(n_accounts) < CONTRACTION_SHARE)
    contracts &= (contraction < tl.end_day) & ~(contraction >= churn)
    return Lifecycle(start, churn, np.where(contracts, contraction, NAT_D))


def retype_deals(deals: Frame, life: Lifecycle) -> None:
    """New-business deals created while the account is a customer are expansions."""
    created = to_date(deals["created_at"])
    start, churn = life.start[deals["account"]], life.churn[deals["account"]]
    active = (created > start) & ~(created >= churn)
    deals["kind"] = np.where((deals["kind"] == NEW_BUSINESS) & active, EXPANSION, deals["kind"])


def follow_on_requests(life: Lifecycle, tl: Timeline, seed: int, expansions: int) -> Frame:
    """Expansion, renewal and win-back deals of customers (about ``expansions`` expansions).

    ``close_at`` is set for renewals (they close on their date); NaT = simulate.
    """
    rng = stream(seed, "follow_on")
    customer = np.flatnonzero(~np.isnat(life.start))
    start = life.start[customer]
    stop = np.where(np.isnat(life.churn[customer]), tl.end_day, life.churn[customer])
    active_days = np.maximum((stop - start).astype(np.int64) - 20, 0)
    rate = expansions / max(active_days.sum(), 1)
    count = rng.poisson(active_days * rate)
    acc = np.repeat(customer, count)
    offset = rng.random(len(acc)) * np.repeat(active_days, count)
    exp_created = np.repeat(start, count) + 20 * DAY + offset.astype(np.int64) * DAY

    churned = customer[~np.isnat(life.churn[customer])]
    churn_day = life.churn[churned]
    lost_created = churn_day - rng.integers(20, 60, len(churned)) * DAY
    ok = lost_created > life.start[churned]

    years = (((tl.end_day - start).astype(np.int64)) // 365).clip(0, 3)
    renew_acc = np.repeat(customer, years)
    renew_at = (
        np.repeat(start, years)
        + 365 * (np.arange(len(renew_acc)) - np.repeat(np.cumsum(years) - years, years) + 1) * DAY
    )
    renew_ok = (renew_at < tl.end_day) & ~(renew_at >= life.churn[renew_acc])

    back = churned[
        (churn_day < tl.end_day - 120 * DAY) & (rng.random(len(churned)) < REACTIVATION_SHARE)
    ]
    back_created = life.churn[back] + rng.integers(60, 330, len(back)) * DAY
    back = back[back_created < tl.end_day]
    back_created = back_created[back_created < tl.end_day]

    renewals = renew_acc[renew_ok], renew_at[renew_ok]
    parts = [  # (account, created day, kind, forced outcome, close day)
        (acc, exp_created, EXPANSION, -1, np.full(len(acc), NAT_D)),
        (churned[ok], lost_created[ok], RENEWAL, 0, churn_day[ok]),
        (renewals[0], renewals[1] - 45 * DAY, RENEWAL, 1, renewals[1]),
        (back, back_created, NEW_BUSINESS, 1, np.full(len(back), NAT_D)),
    ]
    frame: Frame = {
        "account": np.concatenate([p[0] for p in parts]),
        "created_day": np.concatenate([p[1] for p in parts]),
        "kind": np.concatenate([np.full(len(p[0]), p[2]) for p in parts]),
        "forced_win": np.concatenate([np.full(len(p[0]), p[3]) for p in parts]),
        "close_day": np.concatenate([p[4] for p in parts]),
    }
    frame["created_at"] = business_hours(rng, frame["created_day"])
    frame["close_at"] = business_hours(rng, frame["close_day"])
    return frame
