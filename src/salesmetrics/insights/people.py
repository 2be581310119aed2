"""Reps whose numbers stand out from their team: struggling or excelling (won deals against
their teammates', an exact Poisson test per rep, Benjamini–Hochberg over every rep), and new
hires who ramp slowly (days from hire to a first win, against the other hires of the data)."""

from __future__ import annotations

import datetime as dt
import statistics
from typing import TYPE_CHECKING, Any

from salesmetrics.insights.findings import Finding

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

#: the false discovery rate over the reps scanned
FDR = 0.05
#: a ramp this many times the median of the other hires (and this many days over it) is slow
SLOW_FACTOR = 2.0
SLOW_EXTRA_DAYS = 60


def _names(ws: Workspace) -> dict[str, str]:
    return {str(r): str(n) for r, n in ws.backend.rows("SELECT rep_id, name FROM reps") if n}


def who(rep: Any, names: dict[str, str]) -> str:
    return f"{rep} ({names[rep]})" if rep in names else str(rep)


def standouts(ws: Workspace, first: dt.date, last: dt.date) -> list[Finding]:
    """Reps winning significantly fewer (or more) deals than their teammates in the window."""
    from salesmetrics.insights.stats import adjust, poisson_rates

    frames = ws.kpis(["won_deals", "active_reps"], grain="total", start=first, end=last,
                     by=["team", "rep"])  # fmt: skip
    won = {(r["team"], r["rep"]): r["value"] for r in frames["won_deals"].to_dict("records")}
    active = {(r["team"], r["rep"]): r["value"] for r in frames["active_reps"].to_dict("records")}
    teams: dict[Any, list[Any]] = {}
    for team, rep in active:
        if team is not None and active[(team, rep)]:
            teams.setdefault(team, []).append(rep)
    tests, keys = [], []
    for team, reps in teams.items():
        if len(reps) < 3:
            continue
        for rep in reps:
            c1 = float(won.get((team, rep)) or 0)
            others = [r for r in reps if r != rep]
            c0 = float(sum(won.get((team, r)) or 0 for r in others))
            tests.append(poisson_rates(c1, 1.0, c0, float(len(others))))
            keys.append((team, rep, c1, c0 / len(others)))
    q_values = adjust([t.p_value if t else None for t in tests])
    names = _names(ws)
    found = []
    for test, q, (team, rep, mine, peers) in zip(tests, q_values, keys, strict=True):
        if test is None or q is None or q >= FDR:
            continue
        worse = mine < peers
        found.append(Finding(
            "rep", "won_deals",
            f"{who(rep, names)} won {mine:.0f} deals from {first} to {last}, against "
            f"{peers:.1f} for the average rep of {team}: {'far fewer' if worse else 'far more'} "
            f"({test.describe(q_value=q)}).",
            (first, last), {"rep": rep, "team": team},
            {"won": mine, "team_average": peers, "p_value": test.p_value, "q_value": q,
             "direction": "worse" if worse else "better"},
            abs(test.statistic - 1.0) if test.statistic != float("inf") else 10.0,
        ))  # fmt: skip
    return found


def slow_ramps(ws: Workspace, first: dt.date, last: dt.date) -> list[Finding]:
    """Hires whose first win, closed in the window, came far later than the other hires' (the
    median over every hire of the data)."""

    def ramps(start: dt.date) -> dict[Any, float]:
        frame = ws.kpi("ramp_days", grain="total", start=start, end=last, by=["rep"])
        return {r["rep"]: r["value"] for r in frame.to_dict("records") if r["value"] == r["value"]}

    everyone = ramps(dt.date(1900, 1, 1))
    if len(everyone) < 3:
        return []
    names = _names(ws)
    found = []
    for rep, days in ramps(first).items():
        peers = [d for r, d in everyone.items() if r != rep]
        median = statistics.median(peers)
        if days < SLOW_FACTOR * median or days < median + SLOW_EXTRA_DAYS:
            continue
        found.append(Finding(
            "ramp", "ramp_days",
            f"{who(rep, names)} took {days:.0f} days from hire to a first won deal, against a "
            f"median of {median:.0f} days for the other {len(peers)} reps hired in the data.",
            (first, last), {"rep": rep}, {"ramp_days": days, "median_days": median,
                                          "hires": len(peers) + 1}, days / max(median, 1.0),
        ))  # fmt: skip
    return found
