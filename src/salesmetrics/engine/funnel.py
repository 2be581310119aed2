"""The stage funnel of the deals created in a period, followed to as_of (docs/kpi-conventions.md,
"Stage funnel"): per open stage in the stage order, then won — how many deals reached it, the
conversion to the next row, how many were lost there, and the median days spent in it.

The deals' stage changes come from one engine query over their states (any engine); the
counting is done here on those rows, a few per deal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from salesmetrics.workspace import Workspace

COLUMNS = ("stage", "reached", "conversion", "lost_here", "median_days")
SECONDS_PER_DAY = 86_400.0


@dataclass
class Funnel:
    start: dt.date
    end: dt.date
    as_of: dt.date
    deals: int
    rows: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)
    columns: tuple[str, ...] = COLUMNS


def _events(workspace: Workspace, **request: Any) -> tuple[pd.DataFrame, Any]:
    """Every state change up to as_of of the deals created in the range, with stage ranks."""
    from salesmetrics.engine import context
    from salesmetrics.engine.backend import date_literal
    from salesmetrics.engine.history import deal_states, with_stage_names
    from salesmetrics.engine.stage_changes import _stage_rank, _with_changes

    with workspace.backend.session() as session:
        ctx = context(workspace, "open_opportunities", session, grain="total", **request)
        req = ctx.request
        t = deal_states(ctx, date_literal(req.as_of), stage_names="stage" in req.dims_used)
        t = _stage_rank(ctx, _with_changes(t))  # the order learnt from every deal
        t = t.filter(
            t._created_date >= date_literal(req.start), t._created_date <= date_literal(req.end)
        )
        t = with_stage_names(ctx, t.mutate(_day=t._from), "_stage")
        rows = t.select("_id", "_at", "_seq", "_day", "stage", "_stage_key", "_status",
                        "_changed", "_entered", "_rank")  # fmt: skip
        frame = session.frame(ctx.sql(rows.order_by(["_id", "_at", "_seq"])))
    return frame, req


def stage_funnel(workspace: Workspace, **request: Any) -> Funnel:
    """The funnel of ``request``: start, end (creation range), as_of, where."""
    frame, req = _events(workspace, **request)
    entries = frame[frame["_entered"] & frame["_rank"].notna()]
    ranks = entries.groupby("_stage_key")["_rank"].first().astype(float)
    names = entries.groupby("_stage_key")["stage"].first()
    stages = sorted(ranks.index, key=lambda k: (ranks[k], k))
    per_deal = frame.groupby("_id", sort=False)
    won = frame["_status"].eq("won").groupby(frame["_id"], sort=False).any()
    top = entries.groupby("_id")["_rank"].max().reindex(won.index)
    final = per_deal["_status"].last()
    last_open = entries.groupby("_id")["_stage_key"].last().reindex(won.index)
    changes = frame[frame["_changed"]].copy()
    changes["_left"] = changes.groupby("_id")["_at"].shift(-1)
    stays = changes[changes["_left"].notna() & changes["_stage_key"].isin(stages)]
    days = (stays["_left"] - stays["_at"]).dt.total_seconds() / SECONDS_PER_DAY
    medians = days.groupby(stays["_stage_key"]).median()
    reached = {s: int((won | (top >= ranks[s])).sum()) for s in stages}
    reached["won"] = int(won.sum())
    lost = last_open[final == "lost"].value_counts()
    rows = []
    order = [*stages, "won"]
    for i, s in enumerate(order):
        nxt = order[i + 1] if i + 1 < len(order) else None
        conversion = None
        if nxt is not None and reached[s]:
            conversion = 100.0 * reached[nxt] / reached[s]
        rows.append(
            {
                "stage": "won" if s == "won" else names[s],
                "reached": reached[s],
                "conversion": conversion,
                "lost_here": int(lost.get(s, 0)),
                "median_days": float(medians[s]) if s in medians.index else None,
            }
        )
    deals = len(won)
    warnings = []
    if not deals:
        warnings.append(f"no deal was created between {req.start} and {req.end}")
    elif not stages:
        warnings.append(
            "no deal entered an open stage: the funnel needs stages (opportunity_history, or "
            "open deals' current stages)"
        )
    return Funnel(req.start, req.end, req.as_of, deals, rows, warnings)
