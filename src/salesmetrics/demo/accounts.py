"""Accounts: companies with industries, segments, countries and a current owner."""

from __future__ import annotations

import numpy as np

from salesmetrics.demo.common import Frame, Timeline, categorical, pick_codes, stream
from salesmetrics.demo.config import (
    COUNTRIES,
    INDUSTRIES,
    INDUSTRY_SHARE,
    REGIONS,
    SEGMENT_SHARE,
    Scale,
)
from salesmetrics.demo.org import Org

NAME_HEADS = (
    "Acme",
    "Blue",
    "Cedar",
    "Delta",
    "Echo",
    "Fern",
    "Granite",
    "Harbor",
    "Iron",
    "Juniper",
    "Keystone",
    "Lumen",
    "Maple",
    "North",
    "Orbit",
    "Pine",
    "Quartz",
    "River",
    "Summit",
    "Tidal",
    "Union",
    "Vertex",
    "Willow",
    "Zenith",
)
NAME_TAILS = (
    "works",
    "line",
    "field",
    "gate",
    "point",
    "stone",
    "bridge",
    "wave",
    "forge",
    "path",
    "light",
    "crest",
)
NAME_KINDS = (
    "Inc",
    "GmbH",
    "Ltd",
    "Group",
    "Labs",
    "Systems",
    "Partners",
    "Logistics",
    "Health",
    "Capital",
    "Foods",
    "Software",
)
EMPLOYEES = ((10, 200), (200, 2_000), (2_000, 60_000))


def build_accounts(scale: Scale, org: Org, tl: Timeline, seed: int) -> Frame:
    """Accounts spread over segments and countries; each belongs to one sales team."""
    rng = stream(seed, "accounts")
    n = int(scale.opportunities * scale.accounts_per_opportunity)
    segment = pick_codes(rng, SEGMENT_SHARE, n)
    countries = list(COUNTRIES)
    country = pick_codes(rng, tuple(c[2] for c in COUNTRIES.values()), n)
    region = np.array([REGIONS.index(COUNTRIES[c][0]) for c in countries])[country]
    eur = np.array([COUNTRIES[c][1] == "EUR" for c in countries])[country]

    pods = len(org.teams) // (len(REGIONS) * 3)
    pod = rng.integers(0, pods, n)
    team_lookup = _lookup(org, pods)
    team = team_lookup[pod, region, segment]

    low = np.log([EMPLOYEES[s][0] for s in range(3)])[segment]
    high = np.log([EMPLOYEES[s][1] for s in range(3)])[segment]
    employees = np.exp(rng.uniform(low, high)).astype(np.int64)
    revenue = np.round(employees * rng.uniform(60_000, 300_000, n), -3)

    owner_slot = rng.integers(0, org.ae_rep_no.shape[1], n)
    owner = org.ae_rep_no[team, owner_slot]
    gone = ~np.isnat(org.reps["end_date"][owner])
    owner[gone] = org.ae_rep_no[team[gone], 0]  # leavers' accounts go to the team's senior AE

    created = tl.at_days(rng.uniform(-720, tl.days - 20, n))
    return {
        "account_no": np.arange(1, n + 1),
        "name_head": categorical(rng.integers(0, len(NAME_HEADS), n), NAME_HEADS),
        "name_tail": categorical(rng.integers(0, len(NAME_TAILS), n), NAME_TAILS),
        "name_kind": categorical(rng.integers(0, len(NAME_KINDS), n), NAME_KINDS),
        "industry": categorical(pick_codes(rng, INDUSTRY_SHARE, n), INDUSTRIES),
        "segment_code": segment,
        "country_code": country,
        "region_code": region,
        "eur": eur,
        "team": team,
        "employees": employees,
        "annual_revenue": revenue,
        "owner_rep_no": owner,
        "created_at": created,
    }


def _lookup(org: Org, pods: int) -> np.ndarray:
    """(pod, region, segment) -> team index."""
    lookup = np.full((pods, len(REGIONS), 3), -1)
    for t, name in enumerate(org.teams):
        last = name.rsplit(" ", 1)[-1]
        pod = int(last) - 1 if last.isdigit() else 0
        lookup[pod, org.team_region[t], org.team_segment[t]] = t
    return lookup
