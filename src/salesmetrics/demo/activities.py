"""Activities linked to deals and leads, generated in bounded batches.

Deal activities fall between the deal's creation and its close (or the end of history), or
only in the first half of that time for the deals that go quiet (stale pipeline);
every deal that reached the demo or proposal stage has that activity on the day it did.
Leads get their first response and a few follow-ups from their SDR.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from salesmetrics.demo.common import SECONDS_PER_DAY, Frame, Timeline, nat_after, stream
from salesmetrics.schema.enums import ACTIVITY_TYPE

CALL, EMAIL, MEETING, DEMO, PROPOSAL, TASK, SOCIAL = (
    ACTIVITY_TYPE.index(t)
    for t in ("call", "email", "meeting", "demo", "proposal", "task", "social")
)
DIRECTIONS = ("outbound", "inbound")
DEAL_MIX = {CALL: 0.30, EMAIL: 0.42, MEETING: 0.10, TASK: 0.14, SOCIAL: 0.04}
FOLLOW_UPS_PER_LEAD = 1.2
QUIET_SHARE = 0.3  #: of the deals not won, those that go quiet (stale pipeline)
BATCH = 100_000  #: deals (or leads) per batch


def _deal_base(deals: Frame, tl: Timeline) -> np.ndarray:
    """Relative number of activities of each deal: more for longer-running deals."""
    end = np.minimum(deals["close_at"], tl.end_s)
    days = (end - deals["created_at"]).astype(np.int64) / SECONDS_PER_DAY
    return 3 + np.maximum(days, 0) / 5


def activity_batches(
    deals: Frame, stage_entries: np.ndarray, leads: Frame, tl: Timeline, seed: int, target: int
) -> Iterator[Frame]:
    """Frames of activities (about ``target`` in all), each of bounded size."""
    end = tl.end_s
    n_leads = len(leads["lead_no"])
    responses = int((~np.isnat(leads["first_response_at"])).sum())
    milestones = int((stage_entries[:, 2:4] < end).sum())
    budget = max(
        target - responses - milestones - FOLLOW_UPS_PER_LEAD * n_leads, len(deals["created_at"])
    )
    per_base = budget / _deal_base(deals, tl).sum()
    for i, lo in enumerate(range(0, len(deals["created_at"]), BATCH)):
        part = {k: v[lo : lo + BATCH] for k, v in deals.items()}
        rng = stream(seed, f"deal-activities-{i}")
        quiet = stream(seed, f"quiet-deals-{i}").random(len(part["won"])) < QUIET_SHARE
        yield _deal_activities(rng, part, stage_entries[lo : lo + BATCH], lo, per_base, tl, quiet)
    for i, lo in enumerate(range(0, n_leads, BATCH)):
        part = {k: v[lo : lo + BATCH] for k, v in leads.items()}
        yield _lead_activities(stream(seed, f"lead-activities-{i}"), part, tl)


def _deal_activities(
    rng: np.random.Generator,
    deals: Frame,
    entries: np.ndarray,
    offset: int,
    per_base: float,
    tl: Timeline,
    quiet: np.ndarray,
) -> Frame:
    count = rng.poisson(_deal_base(deals, tl) * per_base)
    deal = np.repeat(np.arange(len(count)), count)
    created = deals["created_at"][deal]
    span = (np.minimum(deals["close_at"], tl.end_s)[deal] - created).astype(np.int64)
    # some deals that are not won go quiet: nobody touches them in the second half of their life
    quiet = quiet & ~deals["won"]
    span = np.where(quiet[deal], span // 2, span)
    when = created + (rng.random(len(deal)) * span).astype("timedelta64[s]")
    kind = rng.choice(list(DEAL_MIX), len(deal), p=list(DEAL_MIX.values()))

    stage_deal, stage = np.nonzero(entries[:, 2:4] < tl.end_s)
    deal = np.concatenate([deal, stage_deal])
    when = np.concatenate([when, entries[stage_deal, stage + 2]])
    kind = np.concatenate([kind, np.where(stage == 0, DEMO, PROPOSAL)])
    frame = _details(rng, kind, when, tl)
    frame["rep_no"] = deals["owner_rep_no"][deal]
    frame["account"] = deals["account"][deal]
    frame["lead_no"] = np.full(len(deal), -1)
    frame["opp_no"] = deal + offset + 1
    return frame


def _lead_activities(rng: np.random.Generator, leads: Frame, tl: Timeline) -> Frame:
    responded = np.flatnonzero(~np.isnat(leads["first_response_at"]))
    follow = rng.poisson(FOLLOW_UPS_PER_LEAD, len(leads["lead_no"]))
    follow_lead = np.repeat(np.arange(len(follow)), follow)
    follow_at = leads["created_at"][follow_lead] + (
        rng.random(len(follow_lead)) * 14 * SECONDS_PER_DAY
    ).astype("timedelta64[s]")
    lead = np.concatenate([responded, follow_lead])
    when = np.concatenate([leads["first_response_at"][responded], follow_at])
    first_kind = np.where(rng.random(len(responded)) < 0.5, CALL, EMAIL)
    follow_kind = rng.choice([CALL, EMAIL, SOCIAL, TASK], len(follow_lead), p=[0.4, 0.4, 0.1, 0.1])
    kind = np.concatenate([first_kind, follow_kind])
    keep = when < tl.end_s
    lead, when, kind = lead[keep], when[keep], kind[keep]
    frame = _details(rng, kind, when, tl)
    frame["direction"][: int(keep[: len(responded)].sum())] = 0  # the response goes out
    frame["rep_no"] = leads["owner_rep_no"][lead]
    frame["account"] = leads["account"][lead]
    frame["lead_no"] = leads["lead_no"][lead]
    frame["opp_no"] = np.full(len(lead), -1)
    return frame


def _details(rng: np.random.Generator, kind: np.ndarray, when: np.ndarray, tl: Timeline) -> Frame:
    """Direction, duration, email opens and replies, task due and completion dates."""
    n = len(kind)
    inbound_share = np.select([kind == EMAIL, kind == CALL], [0.25, 0.15], 0.0)
    direction = np.where(rng.random(n) < inbound_share, 1, 0)
    direction = np.where(kind == TASK, -1, direction)
    mean_minutes = np.select(
        [kind == CALL, kind == MEETING, kind == DEMO, kind == PROPOSAL],
        [7.0, 35.0, 50.0, 25.0],
        np.nan,
    )
    minutes = np.round(mean_minutes * rng.lognormal(-0.18, 0.6, n), 1)
    sent = (kind == EMAIL) & (direction == 0)
    opened = sent & (rng.random(n) < 0.36)
    replied = opened & (rng.random(n) < 0.35)
    task = kind == TASK
    due = when + (rng.uniform(1, 10, n) * SECONDS_PER_DAY).astype("timedelta64[s]")
    completes = task & (rng.random(n) < 0.83)
    done = when + ((due - when).astype(np.int64) * rng.uniform(0.1, 1.3, n)).astype(
        "timedelta64[s]"
    )
    nat = np.datetime64("NaT", "s")
    return {
        "type": kind,
        "occurred_at": when,
        "direction": direction,
        "duration_minutes": minutes,
        "opened": np.where(sent, opened, np.nan),
        "replied": np.where(sent, replied, np.nan),
        "due_at": np.where(task, due, nat),
        "completed_at": nat_after(np.where(completes, done, nat), tl.end_s),
    }
