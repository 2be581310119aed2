"""Quarterly targets for the headline KPIs: the plan a sales leader would have set."""

from __future__ import annotations

import numpy as np

from salesmetrics.demo.common import Frame, Timeline, stream
from salesmetrics.demo.config import EUR_USD_START

FLOW_KPIS = ("revenue", "new_customers", "pipeline_created", "leads_created")
COMPANY_KPIS = ("revenue", "win_rate", "new_customers", "mrr", "pipeline_created", "leads_created")
TEAM_KPIS = ("revenue", "win_rate", "pipeline_created")


def _quarter(tl: Timeline, when: np.ndarray) -> np.ndarray:
    """Index of the calendar quarter (0 = the one containing the first month)."""
    first = tl.calendar_quarter(0)
    return (tl.month_index(when) - first) // 3


def quarterly_actuals(
    tl: Timeline,
    deals: Frame,
    state: Frame,
    leads: Frame,
    subs: Frame,
    starts: np.ndarray,
    teams: int,
) -> dict[str, np.ndarray]:
    """(teams + 1, quarters) actual values; row 0 is the company, row t + 1 team t."""
    n_q = _quarter(tl, np.array([tl.end_day - 1])).item() + 1
    usd = np.where(deals["eur"], EUR_USD_START, 1.0)
    closed = state["status"] > 0
    close_q = _quarter(tl, state["close_date"])
    created_q = _quarter(tl, deals["created_at"])
    row = deals["team"] + 1
    out: dict[str, np.ndarray] = {}

    def total(q: np.ndarray, weight: np.ndarray, mask: np.ndarray) -> np.ndarray:
        grid = np.zeros((teams + 1, n_q))
        ok = mask & (q >= 0) & (q < n_q)
        np.add.at(grid, (row[ok], q[ok]), weight[ok])
        grid[0] = grid[1:].sum(axis=0)
        return grid

    won = closed & (state["status"] == 1)
    out["revenue"] = total(close_q, deals["amount"] * usd, won)
    wins, decided = (
        total(close_q, np.ones(len(row)), won),
        total(close_q, np.ones(len(row)), closed),
    )
    out["win_rate"] = 100 * wins / np.maximum(decided, 1)
    out["pipeline_created"] = total(created_q, deals["amount"] * usd, np.ones(len(row), bool))
    company = np.zeros((teams + 1, n_q))
    lead_q = _quarter(tl, leads["created_at"])
    out["leads_created"] = company.copy()
    out["leads_created"][0] = np.bincount(lead_q[lead_q >= 0], minlength=n_q)[:n_q]
    start_q = _quarter(tl, starts[~np.isnat(starts)])
    out["new_customers"] = company.copy()
    out["new_customers"][0] = np.bincount(start_q[start_q >= 0], minlength=n_q)[:n_q]
    out["mrr"] = company.copy()
    for q in range(n_q):
        first = tl.calendar_quarter(0) + 3 * (q + 1)
        quarter_end = tl.month_starts[min(first, tl.months)] - 1
        active = (subs["start_date"] <= quarter_end) & ~(subs["end_date"] <= quarter_end)
        out["mrr"][0, q] = (subs["mrr"] * np.where(subs["eur"], EUR_USD_START, 1.0))[active].sum()
    return out


def quarter_coverage(tl: Timeline, quarters: int) -> np.ndarray:
    """Share of each calendar quarter's days that lie inside the history."""
    first = np.datetime64(tl.start, "M") + tl.calendar_quarter(0) + 3 * np.arange(quarters)
    begin, end = first.astype("datetime64[D]"), (first + 3).astype("datetime64[D]")
    inside = np.minimum(end, tl.end_day) - np.maximum(begin, tl.start_day)
    return np.clip(inside.astype(np.int64) / (end - begin).astype(np.int64), 0.05, 1.0)


def target_rows(
    actuals: dict[str, np.ndarray], tl: Timeline, team_names: list[str], seed: int
) -> Frame:
    """Targets a little above the smoothed actuals, per quarter, company-wide and per team."""
    rng = stream(seed, "targets")
    first = tl.calendar_quarter(0)
    cols: dict[str, list] = {
        k: []
        for k in ("kpi", "period_start", "period_end", "value", "dimension", "dimension_value")
    }
    coverage = quarter_coverage(tl, actuals["revenue"].shape[1])
    for kpi in COMPANY_KPIS:
        grid = actuals[kpi] / coverage if kpi in FLOW_KPIS else actuals[kpi]  # full quarters
        rows = range(len(team_names) + 1) if kpi in TEAM_KPIS else range(1)
        for r in rows:
            series = grid[r]
            smooth = np.convolve(np.pad(series, 1, mode="edge"), np.ones(3) / 3, mode="valid")
            uplift = 1.0 if kpi == "win_rate" else rng.uniform(1.0, 1.15, len(series))
            value = np.round(smooth * uplift, 2 if kpi == "win_rate" else 0)
            for q, v in enumerate(value.tolist()):
                begin = np.datetime64(tl.start, "M") + first + 3 * q
                cols["kpi"].append(kpi)
                cols["period_start"].append(begin.astype("datetime64[D]"))
                cols["period_end"].append((begin + 3).astype("datetime64[D]") - 1)
                cols["value"].append(float(v))
                cols["dimension"].append(None if r == 0 else "team")
                cols["dimension_value"].append(None if r == 0 else team_names[r - 1])
    return {
        "kpi": np.array(cols["kpi"], dtype=object),
        "period_start": np.array(cols["period_start"], dtype="datetime64[D]"),
        "period_end": np.array(cols["period_end"], dtype="datetime64[D]"),
        "value": np.array(cols["value"]),
        "dimension": np.array(cols["dimension"], dtype=object),
        "dimension_value": np.array(cols["dimension_value"], dtype=object),
    }
