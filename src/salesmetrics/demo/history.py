"""Stage history of deals (stage changes, amount changes, pushed close dates) and the
current state of each deal at the end of the history."""

from __future__ import annotations

import numpy as np

from salesmetrics.demo.common import Frame, Timeline, stream, to_date
from salesmetrics.demo.config import (
    CLOSED_LOST,
    CLOSED_WON,
    STAGE_PROBABILITIES,
    STAGES,
    STORY,
)

STAGE_NAMES = (*STAGES, CLOSED_WON, CLOSED_LOST)
WON_CODE, LOST_CODE = len(STAGES), len(STAGES) + 1
PROBABILITY = np.array([STAGE_PROBABILITIES[s] for s in STAGE_NAMES])
STATUS_NAMES = ("open", "won", "lost")


def stage_times(deals: Frame, seed: int) -> Frame:
    """When each deal entered each stage, whether and when it was pushed and re-priced."""
    rng = stream(seed, "history")
    created, close = deals["created_at"], deals["close_at"]
    n = len(created)
    span = close - created
    fractions = np.sort(rng.uniform(0.02, 0.92, (n, len(STAGES) - 1)), axis=1)
    entries = np.empty((n, len(STAGES)), dtype="datetime64[s]")
    entries[:, 0] = created
    entries[:, 1:] = created[:, None] + (fractions * span.astype(np.int64)[:, None]).astype(
        "timedelta64[s]"
    )
    entries[np.arange(len(STAGES))[None, :] >= deals["reached"][:, None]] = np.datetime64("NaT")

    optimistic = deals.get("optimistic", np.zeros(n, dtype=bool))
    pushed = rng.random(n) < np.where(optimistic, STORY.optimistic_push_rate, 0.4)
    planned_fraction = rng.uniform(0.55, 0.9, n)
    planned = to_date(created + (planned_fraction * span.astype(np.int64)).astype("timedelta64[s]"))
    push_at = created + ((planned_fraction - 0.05) * span.astype(np.int64)).astype("timedelta64[s]")
    repriced = (rng.random(n) < 0.3) & (deals["reached"] >= 3)
    initial = np.round(deals["amount"] * rng.uniform(0.75, 1.3, n), -2)
    return {
        "entries": entries,
        "pushed": pushed,
        "planned": np.where(pushed, planned, to_date(close)),
        "push_at": np.where(pushed, push_at, np.datetime64("NaT")),
        "initial_amount": np.where(repriced, initial, deals["amount"]),
        "reprice_at": np.where(repriced, entries[:, min(2, len(STAGES) - 1)], np.datetime64("NaT")),
    }


def current_state(deals: Frame, times: Frame, tl: Timeline) -> Frame:
    """Status, stage, probability, amount and (expected) close date at the end of history."""
    end = tl.end_s
    closed = deals["close_at"] < end
    won = deals["won"]
    entered = (times["entries"] < end).sum(axis=1)
    stage = np.where(closed, np.where(won, WON_CODE, LOST_CODE), entered - 1)
    status = np.where(closed, np.where(won, 1, 2), 0)
    push_seen = times["push_at"] < end
    expected = np.where(push_seen | ~times["pushed"], to_date(deals["close_at"]), times["planned"])
    repriced_yet = ~(times["reprice_at"] >= end)
    amount = np.where(repriced_yet, deals["amount"], times["initial_amount"])
    return {
        "status": status,
        "stage": stage,
        "probability": probability(stage, deals.get("optimistic")),
        "close_date": expected,
        "amount": amount,
    }


def history_rows(deals: Frame, times: Frame, tl: Timeline) -> Frame:
    """One row per stage entry, per pushed close date and per close, up to the end."""
    n = len(deals["created_at"])
    slots = len(STAGES) + 2
    at = np.empty((n, slots), dtype="datetime64[s]")
    at[:, : len(STAGES)] = times["entries"]
    at[:, -2] = times["push_at"]
    at[:, -1] = deals["close_at"]
    stage_at_push = (times["entries"] <= times["push_at"][:, None]).sum(axis=1) - 1
    stage = np.empty((n, slots), dtype=np.int64)
    stage[:, : len(STAGES)] = np.arange(len(STAGES))
    stage[:, -2] = np.maximum(stage_at_push, 0)
    stage[:, -1] = np.where(deals["won"], WON_CODE, LOST_CODE)
    keep = at < tl.end_s  # NaT compares False

    opp, slot = np.nonzero(keep)
    when = at[opp, slot]
    order = np.lexsort((when, opp))
    opp, slot, when = opp[order], slot[order], _strictly_increasing(opp[order], when[order])
    stage_code = stage[opp, slot]
    closing = slot == slots - 1
    status = np.where(closing, np.where(deals["won"][opp], 1, 2), 0)
    repriced_yet = ~(when < times["reprice_at"][opp])
    amount = np.where(repriced_yet, deals["amount"][opp], times["initial_amount"][opp])
    before_push = when < times["push_at"][opp]
    close_date = np.where(before_push, times["planned"][opp], to_date(deals["close_at"][opp]))
    return {
        "opp_index": opp,
        "changed_at": when,
        "stage": stage_code,
        "status": status,
        "amount": amount,
        "probability": probability(stage_code, _at(deals.get("optimistic"), opp)),
        "close_date": close_date,
    }


def probability(stage: np.ndarray, optimistic: np.ndarray | None) -> np.ndarray:
    """The CRM probability of each stage code: the stage default, inflated for the deals of
    optimistic reps while open (``STORY.optimism_factor``, at most 95)."""
    base = PROBABILITY[stage]
    if optimistic is None:
        return base
    inflated = np.minimum(np.round(base * STORY.optimism_factor), 95.0)
    return np.where(optimistic & (stage < len(STAGES)), inflated, base)


def _at(values: np.ndarray | None, index: np.ndarray) -> np.ndarray | None:
    return None if values is None else values[index]


def _strictly_increasing(opp: np.ndarray, when: np.ndarray) -> np.ndarray:
    """Times sorted within each deal, moved a second later where two changes coincide.

    (opportunity_id, changed_at) is the table's key.
    """
    when = when.copy()
    while True:
        clash = np.flatnonzero((opp[1:] == opp[:-1]) & (when[1:] <= when[:-1])) + 1
        if not len(clash):
            return when
        when[clash] = when[clash - 1] + np.timedelta64(1, "s")
