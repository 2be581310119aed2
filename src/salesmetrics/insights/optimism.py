"""Optimistic pipelines: reps whose open deals carry higher CRM probabilities than their
colleagues' deals at the same stage, and whose close dates are pushed more often."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from salesmetrics.insights.findings import Finding

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

#: a rep's open deals must average this many points above their stages' company mean
EXCESS_POINTS = 10.0
MIN_DEALS = 5


def optimistic_reps(ws: Workspace, as_of: dt.date,
                    window: tuple[dt.date, dt.date]) -> list[Finding]:  # fmt: skip
    """Per rep, the mean excess of the CRM probability of each open deal over the company's
    mean probability at that deal's stage (so a rep's stage mix does not count); reps at least
    ``EXCESS_POINTS`` over, with the share of their deals pushed in the window beside it."""
    from salesmetrics.engine.forecast import _open_and_rates
    from salesmetrics.insights.people import _names, who
    from salesmetrics.insights.stats import two_proportions

    deals, _, by_stage, _ = _open_and_rates(ws, as_of, dt.date(9999, 12, 31), ["rep"])
    stage_p: dict[Any, list[float]] = {}
    for deal in deals:
        p = deal["_p"]
        if p is not None and p == p:
            stage_p.setdefault(deal["_key"], []).append(float(p))
    mean_p = {k: sum(v) / len(v) for k, v in stage_p.items()}
    per_rep: dict[Any, list[tuple[float, Any]]] = {}
    for deal in deals:
        p = deal["_p"]
        if p is None or p != p or deal["rep"] is None:
            continue
        per_rep.setdefault(deal["rep"], []).append((float(p) - mean_p[deal["_key"]], deal["_key"]))
    pushed = _pushed(ws, window)
    total_pushed = sum(p for p, _ in pushed.values())
    total_open = sum(n for _, n in pushed.values())
    names = _names(ws)
    found = []
    for rep, excesses in per_rep.items():
        if len(excesses) < MIN_DEALS:
            continue
        excess = sum(e for e, _ in excesses) / len(excesses)
        if excess < EXCESS_POINTS:
            continue
        learnt = [by_stage.get(key, (0.0, 0.0)) for _, key in excesses]
        won_rate = sum(w for w, _ in learnt) / max(sum(c for _, c in learnt), 1.0) * 100
        mine_pushed, mine_open = pushed.get(rep, (0.0, 0.0))
        test = two_proportions(mine_pushed, mine_open, total_pushed - mine_pushed,
                               total_open - mine_open)  # fmt: skip
        share = mine_pushed / mine_open * 100 if mine_open else None
        rest = ((total_pushed - mine_pushed) / (total_open - mine_open) * 100
                if total_open > mine_open else None)  # fmt: skip
        pushes = (f"; {share:.0f} % of their deals were pushed against {rest:.0f} % for the "
                  "others" if share is not None and rest is not None else "")  # fmt: skip
        found.append(Finding(
            "optimism", "weighted_pipeline",
            f"{who(rep, names)} rates their {len(excesses)} open deals {excess:.0f} points more "
            f"likely to win than colleagues rate deals at the same stages (deals at those stages "
            f"have been won {won_rate:.0f} % of the time){pushes}: their weighted pipeline is "
            "optimistic.",
            window, {"rep": rep},
            {"who": who(rep, names), "open_deals": len(excesses), "excess_points": excess,
             "stage_win_rate": won_rate,
             "pushed_share": share, "others_pushed_share": rest,
             "push_p_value": test.p_value if test else None},
            excess,
        ))  # fmt: skip
    return found


def _pushed(ws: Workspace, window: tuple[dt.date, dt.date]) -> dict[Any, tuple[float, float]]:
    """Per rep: deals pushed in the window, and deals open at some point of it (the ones that
    could be pushed)."""
    frames = ws.kpis(["pushed_deals", "opportunities_created"], grain="total", start=window[0],
                     end=window[1], by=["rep"])  # fmt: skip
    pushed = {r["rep"]: float(r["value"] or 0) for r in frames["pushed_deals"].to_dict("records")}
    made = {r["rep"]: float(r["value"] or 0)
            for r in frames["opportunities_created"].to_dict("records")}  # fmt: skip
    return {rep: (pushed.get(rep, 0.0), max(made.get(rep, 0.0), pushed.get(rep, 0.0)))
            for rep in {*pushed, *made}}  # fmt: skip
