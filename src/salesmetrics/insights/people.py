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
FDR = 0.01
#: reps are compared over this many years to the period's end (enough closed deals)
YEARS = 2
#: a ramp this many times the median of the other hires (and this many days over it) is slow
SLOW_FACTOR = 2.0
SLOW_EXTRA_DAYS = 60


def _names(ws: Workspace) -> dict[str, str]:
    return {str(r): str(n) for r, n in ws.backend.rows("SELECT rep_id, name FROM reps") if n}


def who(rep: Any, names: dict[str, str]) -> str:
    return f"{rep} ({names[rep]})" if rep in names else str(rep)


def standouts(ws: Workspace, first: dt.date, last: dt.date) -> list[Finding]:
    """Reps whose win rate differs significantly from the rest of their team's, over the
    ``YEARS`` years to the window's end and without renewals (which reps win or lose for
    reasons of the customer's, not of their selling): per rep, a two-proportion z-test of their
    won / closed deals against their teammates'; Benjamini–Hochberg over every rep tested
    (false discovery rate 1 %). Win rates vary between reps little more than chance allows;
    deal counts and revenue vary far more with territory and hiring, and a test on them would
    take that ordinary spread for news."""
    from salesmetrics.engine.periods import add_months
    from salesmetrics.engine.values import dimension_values
    from salesmetrics.insights.stats import adjust, two_proportions

    first = add_months(last.replace(day=1), 1 - 12 * YEARS)
    types = dimension_values(ws, "type").values
    where = {"type": [t for t in types if t != "renewal"] + [""]} if "renewal" in types else {}
    frame = ws.kpi("win_rate", grain="total", start=first, end=last, by=["team", "rep"],
                   where=where or None)  # fmt: skip
    cells: dict[Any, dict[Any, tuple[float, float]]] = {}
    for r in frame.to_dict("records"):
        closed = r["denominator"]
        if r["team"] is not None and r["rep"] is not None and closed == closed and closed:
            cells.setdefault(r["team"], {})[r["rep"]] = (float(r["numerator"] or 0), closed)
    tests, keys = [], []
    for team, reps in sorted(cells.items(), key=lambda kv: str(kv[0])):
        if len(reps) < 3:
            continue
        for rep, (won, closed) in sorted(reps.items()):
            won0 = sum(w for r, (w, _) in reps.items() if r != rep)
            closed0 = sum(c for r, (_, c) in reps.items() if r != rep)
            tests.append(two_proportions(won, closed, won0, closed0))
            keys.append((team, rep, won, closed, won0 / closed0 * 100 if closed0 else None))
    q_values = adjust([t.p_value if t else None for t in tests])
    names = _names(ws)
    aside = " (renewals aside)" if where else ""
    found = []
    for test, q, (team, rep, won, closed, others) in zip(tests, q_values, keys, strict=True):
        if test is None or q is None or q >= FDR or others is None:
            continue
        rate = won / closed * 100
        worse = rate < others
        found.append(Finding(
            "rep", "win_rate",
            f"{who(rep, names)} won {won:.0f} of {closed:.0f} deals{aside} "
            f"closed from {first} to {last} ({rate:.0f} %), against {others:.0f} % for the rest "
            f"of {team}: "
            f"{'far worse' if worse else 'far better'} (two-proportion test, q = {q:.2g} after "
            f"adjusting for the {len(tests)} reps scanned).",
            (first, last), {"rep": rep, "team": team},
            {"who": who(rep, names), "win_rate": rate, "team_win_rate": others, "won": won,
             "closed": closed,
             "p_value": test.p_value, "q_value": q, "direction": "worse" if worse else "better"},
            abs(rate - others),
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
            (first, last), {"rep": rep}, {"who": who(rep, names), "ramp_days": days,
                                          "median_days": median, "hires": len(peers) + 1},
            days / max(median, 1.0),
        ))  # fmt: skip
    return found
