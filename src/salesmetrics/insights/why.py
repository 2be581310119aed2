"""Why a KPI changed: its change between two periods split into the contributions of the
slices of a dimension — for ratio KPIs into *rate* (the slice got better or worse) and *mix*
(weight moved between slices) — adding up exactly to the total change (``decompose``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from salesmetrics.insights.periods import Window

if TYPE_CHECKING:
    from salesmetrics.insights.decompose import Decomposition
    from salesmetrics.workspace import Workspace

#: dimensions tried when none is asked, in this order
CANDIDATES = ("source", "segment", "team", "region", "industry", "product", "type", "plan",
              "channel", "activity_type", "rep")  # fmt: skip


@dataclass
class Why:
    kpi: Any
    dimension: str
    current: Window
    compared: Window
    decomposition: Decomposition

    def document(self) -> dict[str, Any]:
        d = self.decomposition
        return {
            "kpi": self.kpi.id, "dimension": self.dimension, "kind": d.kind,
            "period": self.current.as_dict(), "compared_with": self.compared.as_dict(),
            "before": d.total_before, "after": d.total_after, "change": d.change,
            "exact": d.exact,
            "parts": [{"slice": p.slice, "before": p.before, "after": p.after,
                       "contribution": p.contribution, "rate": p.rate, "mix": p.mix,
                       "share_before": p.share_before, "share_after": p.share_after,
                       "residual": p.residual} for p in d.parts],
        }  # fmt: skip


def explain_change(ws: Workspace, kpi_id: str, current: Window, compared: Window,
                   as_of: dt.date, by: str | None = None) -> Why:  # fmt: skip
    """The decomposition of ``kpi_id``'s change by ``by`` (default: the dimension whose biggest
    slice explains the largest share of the change)."""
    from salesmetrics.engine import kpi_of
    from salesmetrics.errors import UserError
    from salesmetrics.insights.decompose import NotDecomposable, decompose_kpi

    kpi = kpi_of(ws, kpi_id)
    dims = [by] if by else [d for d in CANDIDATES if d in kpi.dimensions]
    if by and by not in kpi.dimensions:
        raise UserError(f"{kpi.id} cannot be split by {by}; its dimensions: "
                        f"{', '.join(kpi.dimensions) or 'none'}.")  # fmt: skip
    if not dims:
        raise UserError(f"{kpi.id} has no dimension to split its change by.")
    lag = max(dt.timedelta(0), as_of - current.last)

    def rows(window: Window, split: list[str]) -> list[dict[str, Any]]:
        frame = ws.kpi(kpi.id, grain="total", start=window.first, end=window.last, by=split,
                       as_of=window.last + lag)  # fmt: skip
        return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]

    total0, total1 = rows(compared, [])[0], rows(current, [])[0]
    best: Why | None = None
    for dim in dims:
        try:
            found = decompose_kpi(kpi, rows(compared, [dim]), rows(current, [dim]), total0,
                                  total1, key=dim)  # fmt: skip
        except NotDecomposable as exc:
            raise UserError(f"Why cannot split {kpi.id}: {exc}.") from None
        candidate = Why(kpi, dim, current, compared, found)
        if best is None or _explained(found) > _explained(best.decomposition):
            best = candidate
    assert best is not None
    return best


def _explained(d: Decomposition) -> float:
    """The share of the change the largest single slice accounts for."""
    if not d.change:
        return 0.0
    top = max((abs(p.contribution) for p in d.parts if not p.residual), default=0.0)
    return top / abs(d.change)
