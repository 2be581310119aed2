"""The sales organisation: teams, managers, SDRs and AEs with hires and leavers; quotas."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from salesmetrics.demo.common import Frame, Timeline, stream
from salesmetrics.demo.config import REGIONS, SEGMENT_LABELS, SEGMENTS, STORY, Scale
from salesmetrics.errors import InternalError

FIRST = (
    "Ava",
    "Ben",
    "Chloe",
    "Dan",
    "Elif",
    "Farah",
    "Gus",
    "Hana",
    "Ivan",
    "Jia",
    "Kofi",
    "Lena",
    "Mateo",
    "Nora",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tara",
    "Uma",
    "Viktor",
    "Wen",
    "Yusuf",
    "Zoe",
)
LAST = (
    "Adler",
    "Brooks",
    "Costa",
    "Dubois",
    "Evans",
    "Fischer",
    "Garcia",
    "Hughes",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Meyer",
    "Nakamura",
    "Okafor",
    "Patel",
    "Rossi",
    "Schmidt",
    "Turner",
    "Novak",
    "Weber",
    "Young",
)


@dataclass
class Org:
    """Reps as arrays. AEs and SDRs sit in slots: global index = team * per_team + slot."""

    teams: list[str]
    team_region: np.ndarray  #: region code per team
    team_segment: np.ndarray  #: segment code per team
    reps: Frame  #: every rep, in rep_no order (rep_id = R + rep_no)
    ae_rep_no: np.ndarray  #: (teams, aes_per_team) rep_no of each AE slot
    sdr_rep_no: np.ndarray  #: (teams, sdrs_per_team)
    win_skill: np.ndarray  #: per rep_no: win-probability multiplier
    size_skill: np.ndarray  #: per rep_no: deal-size multiplier
    volume: np.ndarray  #: per rep_no: share of the team's new deals

    def rep_no(self, rep_id: str) -> int:
        return int(rep_id.lstrip("R"))

    def active_weights(self, slots: np.ndarray, tl: Timeline, ramp_days: float) -> np.ndarray:
        """(teams, months, slots) weight of each rep slot for new work created in each month.

        A rep takes new work from their first full month until the month before they leave;
        new hires ramp up linearly over ``ramp_days``.
        """
        hire = self.reps["hire_date"][slots]
        end = self.reps["end_date"][slots]
        month_start = tl.month_starts[:-1][None, :, None]
        month_end = tl.month_starts[1:][None, :, None]
        after_hire = (month_start - hire[:, None, :]).astype(np.int64)
        active = (after_hire >= 0) & (
            np.isnat(end[:, None, :]) | (end[:, None, :] >= month_end + 30)
        )
        ramp = np.clip((after_hire + 15) / ramp_days, 0.15, 1.0)
        return np.where(active, ramp * self.volume[slots][:, None, :], 0.0)


def _team_names(pods: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    names, regions, segments = [], [], []
    for pod in range(pods):
        for r, region in enumerate(REGIONS):
            for s, segment in enumerate(SEGMENTS):
                suffix = f" {pod + 1}" if pod else ""
                names.append(f"{SEGMENT_LABELS[segment]} {region}{suffix}")
                regions.append(r)
                segments.append(s)
    first = names.index(STORY.story_team)  # the story team comes first: its AEs are R0002...
    order = [first, *[i for i in range(len(names)) if i != first]]
    return [names[i] for i in order], np.array(regions)[order], np.array(segments)[order]


def _unique(names: list[str]) -> list[str]:
    """Names made unique by numbering repeats (Ava Costa, Ava Costa 2, ...)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} {seen[name]}")
    return out


def story_reps() -> tuple[str, str, str]:
    """The star, struggling and slow-ramping reps (AEs of the story team, listed first)."""
    return STORY.star_rep, STORY.struggling_rep, STORY.slow_ramper_rep


def build_org(scale: Scale, tl: Timeline, seed: int) -> Org:
    """Teams with a manager, SDRs and AEs; about a quarter hired during the history."""
    rng = stream(seed, "org")
    teams, team_region, team_segment = _team_names(scale.pods)
    n_teams, n_ae, n_sdr = len(teams), scale.aes_per_team, scale.sdrs_per_team
    rows: dict[str, list] = {k: [] for k in ("team", "region", "role", "slot", "tenure")}

    def add(team: int, role: str, slot: int, tenure: str) -> int:
        rows["team"].append(team)
        rows["region"].append(REGIONS[team_region[team]] if team >= 0 else "Global")
        rows["role"].append(role)
        rows["slot"].append(slot)
        rows["tenure"].append(tenure)
        return len(rows["team"])  # rep_no, 1-based

    add(-1, "manager", 0, "full")  # R0001: head of sales
    ae_no = np.zeros((n_teams, n_ae), dtype=np.int64)
    sdr_no = np.zeros((n_teams, n_sdr), dtype=np.int64)
    manager_no = np.zeros(n_teams, dtype=np.int64)
    for t in range(n_teams):
        for s in range(n_ae):
            ae_no[t, s] = add(t, "ae", s, "full" if s == 0 else "random")
        for s in range(n_sdr):
            sdr_no[t, s] = add(t, "sdr", s, "full" if s == 0 else "random")
        manager_no[t] = add(t, "manager", 0, "full")
    star, weak, slow = (int(r.lstrip("R")) for r in story_reps())
    if not {star, weak, slow} <= set(ae_no[0].tolist()):
        raise InternalError(f"STORY reps {story_reps()} must be AEs of {STORY.story_team}.")
    for rep_no, tenure in ((star, "full"), (weak, "full"), (slow, "slow")):
        rows["tenure"][rep_no - 1] = tenure if tl.story.planted else "full"

    n = len(rows["team"])
    tenures = np.array(rows["tenure"])
    start_month = np.datetime64(tl.start, "M")
    hired_before = start_month - rng.integers(3, 48, n)
    hired_during = start_month + rng.integers(2, tl.months - 6, n)
    random_hire = np.where(rng.random(n) < 0.25, hired_during, hired_before)
    hire_month = np.where(tenures == "random", random_hire, hired_before)
    hire_month[tenures == "slow"] = start_month + STORY.slow_ramper_hire_month
    leaves = (tenures == "random") & (rng.random(n) < 0.18)
    leave_month = hire_month + rng.integers(8, 40, n)
    leaves &= leave_month < start_month + tl.months - 1
    leave_month = np.maximum(leave_month, start_month + 1)
    end_date = np.where(
        leaves, (leave_month + 1).astype("datetime64[D]") - 1, np.datetime64("NaT", "D")
    )

    first = rng.integers(0, len(FIRST), n)
    last = rng.integers(0, len(LAST), n)
    names = _unique([f"{FIRST[f]} {LAST[g]}" for f, g in zip(first, last, strict=True)])
    team_of = np.array(rows["team"])
    roles = rows["role"]
    manager_name = [
        "" if i == 0 else names[0] if roles[i] == "manager" else names[manager_no[team_of[i]] - 1]
        for i in range(n)
    ]

    win = rng.lognormal(0, 0.12, n + 1)
    size = rng.lognormal(0, 0.10, n + 1)
    volume = rng.lognormal(0, 0.12, n + 1)
    if tl.story.planted:
        win[star], size[star], volume[star] = 1.7, 1.3, 1.35
        win[weak], size[weak], volume[weak] = 0.3, 0.75, 0.6

    pad = np.datetime64("NaT", "D")
    reps: Frame = {
        "rep_no": np.arange(0, n + 1),
        "name": np.array(["", *names], dtype=object),
        "email": np.array(
            ["", *[f"{nm.lower().replace(' ', '.')}@northwind.example" for nm in names]],
            dtype=object,
        ),
        "team": np.array(["", *[teams[t] if t >= 0 else "" for t in team_of]], dtype=object),
        "manager": np.array(["", *manager_name], dtype=object),
        "region": np.array(["", *rows["region"]], dtype=object),
        "role": np.array(["", *rows["role"]], dtype=object),
        "hire_date": np.concatenate([[pad], hire_month.astype("datetime64[D]")]),
        "end_date": np.concatenate([[pad], end_date]),
    }
    return Org(teams, team_region, team_segment, reps, ae_no, sdr_no, win, size, volume)


def reps_frame(org: Org) -> Frame:
    """The reps table (index 0 of the arrays is padding)."""
    frame: Frame = {k: v[1:] for k, v in org.reps.items()}
    for key in ("team", "manager"):
        values = np.asarray(frame[key])
        frame[key] = np.where(values == "", np.array(None, dtype=object), values)
    return frame


def quota_rows(org: Org, tl: Timeline, team_capacity: np.ndarray) -> Frame:
    """A quota per AE and calendar quarter: the team's typical quarter, prorated and ramped —
    over the history and the quarter after it (quotas are set before a quarter begins, so
    next quarter's pipeline coverage can be measured).

    ``team_capacity`` is the won revenue of an average fully ramped AE, per team and quarter
    (a quarter past its last column takes the last one's).
    """
    first = tl.calendar_quarter(0)
    quarters = (tl.months - first + 2) // 3 + 1
    q_start = np.datetime64(tl.start, "M") + first + 3 * np.arange(quarters)
    q_first, q_last = q_start.astype("datetime64[D]"), (q_start + 3).astype("datetime64[D]") - 1
    ae = org.ae_rep_no.ravel()
    team = np.repeat(np.arange(len(org.teams)), org.ae_rep_no.shape[1])
    hire, end = org.reps["hire_date"][ae], org.reps["end_date"][ae]
    begin = np.maximum(q_first[None, :], hire[:, None])
    stop = np.where(
        np.isnat(end)[:, None], q_last[None, :], np.minimum(q_last[None, :], end[:, None])
    )
    share = np.clip(((stop - begin).astype(np.int64) + 1) / 91.0, 0, 1)
    tenure = (q_first[None, :] - hire[:, None]).astype(np.int64)
    ramp = np.clip((tenure + 90) / 180.0, 0.25, 1.0)
    columns = np.minimum(np.arange(quarters), team_capacity.shape[1] - 1)
    capacity = team_capacity[:, columns][team]
    amount = np.round(capacity * 1.15 * share * ramp, -3)
    rep, q = np.nonzero(amount > 0)
    return {
        "rep_no": ae[rep],
        "period_start": q_first[q],
        "period_end": q_last[q],
        "amount": amount[rep, q],
    }
