"""Pipeline coverage: the open pipeline due in the next quarter (open today, expected to close
in it) over that quarter's quota — per slice of the rule's ``by`` (team, rep) or company-wide.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from salesmetrics.insights.findings import Finding, slice_text

if TYPE_CHECKING:
    from salesmetrics.insights.alerts import Rule
    from salesmetrics.insights.periods import Window
    from salesmetrics.workspace import Workspace


def coverage(ws: Workspace, window: Window, as_of: dt.date,
             by: list[str]) -> dict[tuple[Any, ...], dict[str, float | None]]:  # fmt: skip
    """Per slice: pipeline due in ``window`` (open on ``as_of``), its quota and their ratio."""
    from salesmetrics.engine.forecast import _open_and_rates

    due_by_end, *_ = _open_and_rates(ws, as_of, window.last, by)
    due_before, *_ = _open_and_rates(ws, as_of, window.first - dt.timedelta(days=1), by)
    before = {d["_id"] for d in due_before}
    pipeline: dict[tuple[Any, ...], float] = {}
    for deal in due_by_end:
        value = deal["_value"]
        if deal["_id"] in before or deal["_fx_missing"] or value is None or value != value:
            continue
        key = tuple(deal[d] for d in by)
        pipeline[key] = pipeline.get(key, 0.0) + float(value)
    quotas = ws.kpi("quota_attainment", grain="total", start=window.first, end=window.last,
                    by=by, as_of=as_of)  # fmt: skip
    quota = {
        tuple(r[d] for d in by): r["denominator"]
        for r in quotas.to_dict("records")
        if r["denominator"] == r["denominator"] and r["denominator"]
    }
    out = {}
    for key in sorted({*pipeline, *quota}, key=lambda k: tuple(str(v) for v in k)):
        q = quota.get(key)
        p = pipeline.get(key, 0.0)
        out[key] = {"pipeline": p, "quota": q, "coverage": p / q if q else None}
    return out


def coverage_findings(ws: Workspace, rule: Rule, window: Window, as_of: dt.date) -> list[Finding]:
    from salesmetrics.errors import UserError

    cells = coverage(ws, window, as_of, list(rule.by))
    if not any(c["quota"] for c in cells.values()):
        raise UserError(f"no quota starts in {window.first} to {window.last}: import next "
                        "quarter's quotas to measure pipeline coverage")  # fmt: skip
    found = []
    for key, cell in cells.items():
        ratio = cell["coverage"]
        if ratio is None or ratio >= (rule.value or 0):
            continue
        where = dict(zip(rule.by, key, strict=True))
        found.append(Finding(
            "alert", "pipeline_value",
            f"Open pipeline due in {window.first:%Y-%m} to {window.last:%Y-%m} of "
            f"{slice_text(where)} is {cell['pipeline']:,.0f}, {ratio:.1f}x its quota of "
            f"{cell['quota']:,.0f} (aim: {rule.value:g}x).",
            (window.first, window.last), where, dict(cell), (rule.value or 0) - ratio,
            [rule.describe(), rule.note],
        ))  # fmt: skip
    return found
