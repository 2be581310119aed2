"""Deals: owners, outcomes, amounts, cycle lengths and stage paths.

Win rates and cycles differ by segment, source and rep; enterprise deals are bigger and
slower. The story reps (star, struggling, slow ramper) come from ``STORY``.
"""

from __future__ import annotations

import numpy as np

from salesmetrics.demo.common import SECONDS_PER_DAY, Frame, Timeline, lognormal
from salesmetrics.demo.config import (
    EUR_USD_START,
    LEAD_SOURCE_WIN_FACTOR,
    PRODUCTS,
    SEGMENT_CONTRACT_MONTHS,
    SEGMENT_CYCLE_DAYS,
    SEGMENT_DEAL_SIZE,
    SEGMENT_WIN_RATE,
    STAGES,
    STORY,
)
from salesmetrics.demo.leads import pick_owner
from salesmetrics.demo.org import Org

NEW_BUSINESS, EXPANSION, RENEWAL = 0, 1, 2
DEAL_TYPES = ("new_business", "expansion", "renewal")
LOST_STAGE_SHARE = (0.34, 0.26, 0.20, 0.12, 0.08)  #: how far lost deals got


def make_deals(
    rng: np.random.Generator,
    org: Org,
    accounts: Frame,
    tl: Timeline,
    created: np.ndarray,
    account: np.ndarray,
    kind: np.ndarray,
    source: np.ndarray,
    forced_win: np.ndarray | None = None,
) -> Frame:
    """Simulate each deal to its end (close may lie after the history; it is then open).

    ``source`` is a lead source code or -1; ``forced_win`` (-1 = draw, 0 = lose, 1 = win).
    """
    n = len(created)
    team = accounts["team"][account]
    segment = accounts["segment_code"][account]
    month = np.clip(tl.month_index(created), 0, tl.months - 1)
    weights = org.active_weights(org.ae_rep_no, tl, ramp_days=STORY.normal_ramp_days)
    owner = pick_owner(rng, weights, org.ae_rep_no, team, month)
    hire = org.reps["hire_date"][owner].astype("datetime64[s]")
    tenure_days = (created - hire).astype(np.int64) / SECONDS_PER_DAY

    source_factor = np.where(source >= 0, np.asarray(LEAD_SOURCE_WIN_FACTOR)[source], 1.0)
    p_win = np.asarray(SEGMENT_WIN_RATE)[segment] * source_factor
    p_win = np.where(kind == EXPANSION, 0.45, np.where(kind == RENEWAL, 0.9, p_win))
    ramping = np.clip(tenure_days / STORY.normal_ramp_days, 0.5, 1.0)
    p_win = np.clip(p_win * org.win_skill[owner] * ramping, 0.02, 0.95)
    won = rng.random(n) < p_win
    if forced_win is not None:
        won = np.where(forced_win >= 0, forced_win == 1, won)

    cycle = lognormal(rng, np.asarray(SEGMENT_CYCLE_DAYS)[segment], 0.55, n)
    cycle *= np.where(won, 1.0, 0.8) * np.where(kind == NEW_BUSINESS, 1.0, 0.5)
    cycle = np.maximum(cycle, 4 + rng.random(n) * 4)
    leaves = org.reps["end_date"][owner].astype("datetime64[s]") + np.timedelta64(17, "h")
    latest = (leaves - created).astype(np.int64) / SECONDS_PER_DAY
    cycle = np.where(np.isnat(leaves), cycle, np.minimum(cycle, latest))
    close = created + (cycle * SECONDS_PER_DAY).astype("timedelta64[s]")
    slow_no = org.rep_no(STORY.slow_ramper_rep)
    too_early = hire + np.timedelta64(STORY.slow_ramper_no_win_days, "D")
    slow = (owner == slow_no) & tl.story.planted
    won &= ~(slow & (close < too_early))  # the slow ramper cannot close yet

    size = np.asarray(SEGMENT_DEAL_SIZE)[segment] * org.size_skill[owner]
    size = np.where(kind == EXPANSION, size * 0.35, size)
    amount = lognormal(rng, size, 0.6, n)
    eur = accounts["eur"][account]
    amount = np.round(np.where(eur, amount / EUR_USD_START, amount), -2) + 100
    options = [np.array(SEGMENT_CONTRACT_MONTHS[s]) for s in range(3)]
    contract = np.select(
        [segment == s for s in range(3)],
        [rng.choice(options[s], n) for s in range(3)],
    )
    contract = np.where(kind == RENEWAL, 12, contract)
    lost_reach = rng.choice(len(STAGES), n, p=LOST_STAGE_SHARE) + 1
    reached = np.where(won, len(STAGES), lost_reach)
    reached = np.where(kind == RENEWAL, np.minimum(reached, 2) + 3 * won, reached)
    return {
        "created_at": created,
        "close_at": close,
        "won": won,
        "account": account,
        "team": team,
        "segment": segment,
        "owner_rep_no": owner,
        "kind": kind,
        "source": source,
        "amount": amount,
        "eur": eur,
        "contract_months": contract,
        "product": rng.integers(0, len(PRODUCTS), n).astype(np.int16),
        "reached": reached,
    }


def concat(frames: list[Frame]) -> Frame:
    """Deal frames joined and ordered by created_at (the order gives opportunity ids)."""
    joined = {k: np.concatenate([np.asarray(f[k]) for f in frames]) for k in frames[0]}
    order = np.argsort(joined["created_at"], kind="stable")
    return {k: v[order] for k, v in joined.items()}


def plant_ramp_story(deals: Frame, org: Org, tl: Timeline) -> None:
    """New hires win their first deal once ramped: most after a month, the slow ramper late.

    For each AE hired during the history, the first deal closing after their ramp is won.
    """
    owner = deals["owner_rep_no"]
    hire = org.reps["hire_date"][owner].astype("datetime64[s]")
    slow = (owner == org.rep_no(STORY.slow_ramper_rep)) & tl.story.planted
    ramp_days = np.where(slow, STORY.slow_ramper_no_win_days, 30)
    ready = hire + ramp_days.astype("timedelta64[D]")
    candidate = (hire >= tl.start_s) & (deals["close_at"] >= ready) & (deals["close_at"] < tl.end_s)
    index = np.flatnonzero(candidate)
    order = index[np.lexsort((deals["close_at"][index], owner[index]))]
    _, first = np.unique(owner[order], return_index=True)
    chosen = order[first]
    deals["won"][chosen] = True
    deals["reached"][chosen] = len(STAGES)
