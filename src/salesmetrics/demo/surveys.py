"""NPS and CSAT responses of customers; customers about to churn answer as detractors."""

from __future__ import annotations

import numpy as np

from salesmetrics.demo.common import DAY, SECONDS_PER_DAY, Frame, Timeline, stream
from salesmetrics.demo.customers import Lifecycle

NPS_SCORES = np.arange(11)
NPS_HAPPY = np.array([1, 1, 1, 1, 2, 3, 4, 8, 14, 30, 35], dtype=float)
NPS_UNHAPPY = np.array([8, 8, 10, 12, 14, 14, 12, 8, 6, 5, 3], dtype=float)
CSAT_SCORES = np.arange(1, 6)
CSAT_SHARE = np.array([0.04, 0.07, 0.15, 0.42, 0.32])
NPS_PER_MONTH, CSAT_PER_MONTH = 0.25, 0.35


def survey_rows(life: Lifecycle, tl: Timeline, seed: int) -> Frame:
    """Responses spread over each customer's active time."""
    rng = stream(seed, "surveys")
    customer = np.flatnonzero(~np.isnat(life.start))
    start = life.start[customer]
    churn = life.churn[customer]
    stop = np.where(np.isnat(churn), tl.end_day, churn)
    months = np.maximum((stop - start).astype(np.int64), 0) / 30.4
    parts = []
    for code, per_month in ((0, NPS_PER_MONTH), (1, CSAT_PER_MONTH)):
        count = rng.poisson(months * per_month)
        who = np.repeat(np.arange(len(customer)), count)
        span = (stop - start)[who].astype(np.int64) * SECONDS_PER_DAY
        when = start[who].astype("datetime64[s]") + (rng.random(len(who)) * span).astype(
            "timedelta64[s]"
        )
        if code == 0:
            leaving = churn[who] - when.astype("datetime64[D]") < 120 * DAY
            happy = rng.choice(NPS_SCORES, len(who), p=NPS_HAPPY / NPS_HAPPY.sum())
            unhappy = rng.choice(NPS_SCORES, len(who), p=NPS_UNHAPPY / NPS_UNHAPPY.sum())
            score = np.where(leaving, unhappy, happy)
        else:
            score = rng.choice(CSAT_SCORES, len(who), p=CSAT_SHARE)
        parts.append((np.full(len(who), code), score, when, customer[who]))
    kind, score, when, account = (np.concatenate(p) for p in zip(*parts, strict=True))
    order = np.argsort(when, kind="stable")
    return {
        "kind": kind[order],
        "score": score[order],
        "responded_at": when[order],
        "account": account[order],
    }
