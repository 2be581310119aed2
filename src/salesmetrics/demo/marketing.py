"""Marketing and sales spend, daily web statistics per channel, and EUR fx rates."""

from __future__ import annotations

import numpy as np

from salesmetrics.demo.common import DAY, Frame, Timeline, categorical, stream
from salesmetrics.demo.config import CHANNEL_DAILY_SPEND, CHANNELS, EUR_USD_START, STORY
from salesmetrics.demo.org import Org

#: per channel: cost per 1,000 impressions, click-through rate, visit-to-conversion rate
CPM = np.array([9.0, 30.0, 60.0, 4.0])
CTR = np.array([0.030, 0.008, 0.020, 0.012])
CONVERSION = np.array([0.035, 0.045, 0.060, 0.025])
REVENUE_PER_CONVERSION = 420.0
MONTHLY_COST_PER_REP = 9_500.0


def _growth(tl: Timeline, n: int) -> np.ndarray:
    return 1.0 + 0.6 * np.arange(n) / max(n - 1, 1)


def spend_rows(org: Org, tl: Timeline, seed: int, size: float) -> Frame:
    """Daily marketing spend per channel (events in bursts) and monthly sales costs.

    ``size`` scales marketing with the company (1 = the small demo).
    """
    rng = stream(seed, "spend")
    days = tl.start_day + np.arange(tl.days) * DAY
    day = np.tile(days, len(CHANNELS))
    channel = np.repeat(np.arange(len(CHANNELS)), tl.days)
    base = (
        size
        * np.asarray(CHANNEL_DAILY_SPEND)[channel]
        * np.tile(_growth(tl, tl.days), len(CHANNELS))
    )
    amount = base * rng.lognormal(-0.02, 0.2, len(day))
    events = channel == CHANNELS.index("events")
    burst = rng.random(len(day)) < 0.04
    amount = np.where(events, np.where(burst, base * 25, 0.0), amount)
    keep = amount > 0
    quarter = day.astype("datetime64[M]").astype(np.int64) // 3
    campaign = [
        f"{CHANNELS[c]}-{1970 + q // 4}-q{q % 4 + 1}"
        for c, q in zip(channel[keep].tolist(), quarter[keep].tolist(), strict=True)
    ]

    months = tl.month_starts[:-1]
    hire, end = org.reps["hire_date"][1:], org.reps["end_date"][1:]
    active = (hire[None, :] <= months[:, None]) & (
        np.isnat(end)[None, :] | (end[None, :] >= months[:, None])
    )
    headcount = active.sum(axis=1)
    sales_amount = headcount * MONTHLY_COST_PER_REP * rng.lognormal(0, 0.03, len(months))
    tools = headcount * 300.0
    return {
        "date": np.concatenate([day[keep], months, months]),
        "amount": np.round(np.concatenate([amount[keep], sales_amount, tools]), 2),
        "category": categorical(
            np.concatenate([np.zeros(keep.sum()), np.ones(2 * len(months))]).astype(np.int64),
            ("marketing", "sales"),
        ),
        "channel": np.array(
            [CHANNELS[c] for c in channel[keep].tolist()]
            + ["salaries"] * len(months)
            + ["tools"] * len(months),
            dtype=object,
        ),
        "campaign": np.array(campaign + [None] * (2 * len(months)), dtype=object),
    }


def web_stats_rows(tl: Timeline, seed: int, size: float) -> Frame:
    """Impressions, clicks, visitors, bounces and conversions per channel and day."""
    rng = stream(seed, "web_stats")
    days = tl.start_day + np.arange(tl.days) * DAY
    n = tl.days * len(CHANNELS)
    channel = np.repeat(np.arange(len(CHANNELS)), tl.days)
    day = np.tile(days, len(CHANNELS))
    budget = (
        size
        * np.asarray(CHANNEL_DAILY_SPEND)[channel]
        * np.tile(_growth(tl, tl.days), len(CHANNELS))
    )
    impressions = rng.poisson(budget / CPM[channel] * 1000)
    clicks = rng.binomial(impressions, CTR[channel])
    organic = np.where(channel == CHANNELS.index("content"), rng.poisson(60 * size, n), 0)
    visitors = rng.binomial(clicks, 0.85) + organic
    bounces = rng.binomial(visitors, rng.uniform(0.4, 0.6, n))
    rate = CONVERSION[channel]
    dropping = (
        (channel == CHANNELS.index(STORY.dropping_source))
        if STORY.dropping_source in CHANNELS
        else np.zeros(n, bool)
    )
    rate = np.where(dropping & (day >= tl.dropping_since()), rate * tl.story.dropping_factor,
                    rate)  # fmt: skip
    conversions = rng.binomial(visitors, rate)
    return {
        "date": day,
        "channel": categorical(channel, CHANNELS),
        "impressions": impressions,
        "clicks": clicks,
        "visitors": visitors,
        "bounces": bounces,
        "conversions": conversions,
        "attributed_revenue": np.round(
            conversions * REVENUE_PER_CONVERSION * rng.lognormal(0, 0.3, n), 2
        ),
    }


def fx_rows(tl: Timeline, seed: int) -> Frame:
    """Daily EUR -> USD rates (a mean-reverting walk) from a month before the history."""
    rng = stream(seed, "fx")
    n = tl.days + 31
    steps = rng.normal(0, 0.004, n)
    log_rate = np.zeros(n)
    for i in range(1, n):  # a few thousand steps
        log_rate[i] = 0.995 * log_rate[i - 1] + steps[i]
    return {
        "currency": np.array(["EUR"] * n, dtype=object),
        "date": tl.start_day - 31 * DAY + np.arange(n) * DAY,
        "rate": np.round(EUR_USD_START * np.exp(log_rate), 6),
    }
