"""Insights of a period: alerts, what changed and why, reps who stand out, slow ramps,
optimistic pipelines, the pace of the period running now, and what to do — with the top
findings across them (``salesmetrics insights``, ``/api/insights``, ``/insights``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.insights.findings import Finding
from salesmetrics.insights.periods import Window

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

#: the order kinds take turns in the top findings
KINDS = ("alert", "change", "rep", "optimism", "ramp", "pace")
#: KPIs whose company-wide change is explained by its slices when it changed significantly
WHY_KPIS = ("win_rate", "lead_qualification_rate", "lead_conversion_rate", "customer_churn_rate")
WHY_DIMS = ("source", "segment", "team", "region", "plan", "type")


@dataclass
class Report:
    current: Window
    compared: Window
    as_of: dt.date
    sections: dict[str, list[Finding]] = field(default_factory=dict)
    why: list[dict[str, Any]] = field(default_factory=list)
    pace: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)

    def top(self, n: int = 10) -> list[Finding]:
        """The strongest findings, the kinds taking turns (so one kind cannot crowd out the
        others), each kind's strongest first."""
        queues = {k: sorted(self.sections.get(k, []), key=lambda f: -f.score) for k in KINDS}
        out: list[Finding] = []
        while len(out) < n and any(queues.values()):
            for kind in KINDS:
                if queues[kind] and len(out) < n:
                    out.append(queues[kind].pop(0))
        return out

    def document(self, top: int = 10) -> dict[str, Any]:
        return {
            "period": self.current.as_dict(), "compared_with": self.compared.as_dict(),
            "as_of": self.as_of.isoformat(),
            "top": [f.as_dict() for f in self.top(top)],
            **{kind: [f.as_dict() for f in found] for kind, found in self.sections.items()},
            "why": self.why, "pace": self.pace, "warnings": self.warnings,
        }  # fmt: skip


def windows(ws: Workspace, period: str | None, as_of: dt.date,
            vs: str = "previous") -> tuple[Window, Window]:  # fmt: skip
    """The period asked (``2025-Q3``, ``2025-07``, ``last-quarter`` …; default: the last
    complete quarter) cut to ``as_of`` while it runs, and the same days of the period before or
    of a year earlier."""
    from salesmetrics.errors import UserError
    from salesmetrics.insights.periods import last_complete
    from salesmetrics.insights.scorecard import resolve_period

    fy = int(ws.get_setting("fiscal_year_start_month"))
    if vs not in ("previous", "year"):
        raise UserError(f"--vs must be previous or year, not {vs!r}.")
    if period:
        p = resolve_period(period, as_of, fy)
        current = Window(p.first, p.last, p.grain)
    else:
        current = last_complete(as_of, "quarter", fy)
    if current.first > as_of:
        raise UserError(f"The period {current.label()} starts after {as_of}.")
    other = current.previous() if vs == "previous" else current.year_earlier()
    if current.last > as_of:  # to date: the same number of days of the other period
        days = (as_of - current.first).days
        current = Window(current.first, as_of, current.grain)
        other = Window(other.first, min(other.last, other.first + dt.timedelta(days)), other.grain)
    return current, other


def insights(ws: Workspace, period: str | None = None, as_of: dt.date | None = None,
             vs: str = "previous", alerts: bool = True) -> Report:  # fmt: skip
    """Every insight of ``period`` (see ``windows``)."""
    from salesmetrics.errors import UserError
    from salesmetrics.insights import changes, optimism, people, playbook
    from salesmetrics.insights.pace import pace, pace_findings
    from salesmetrics.insights.periods import running
    from salesmetrics.insights.why import explain_change

    day = as_of or dt.date.today()
    current, compared = windows(ws, period, day, vs)
    report = Report(current, compared, day)

    def attempt(name: str, compute: Any) -> Any:
        try:
            return compute()
        except UserError as exc:  # an input not loaded: say so, keep the rest
            report.warnings.append(f"{name}: {exc}")
            return None

    if alerts:
        from salesmetrics.insights.firing import run_alerts

        run = attempt("alerts", lambda: run_alerts(ws, min(day, current.last + dt.timedelta(1)),
                                                   record=False))  # fmt: skip
        if run is not None:
            report.sections["alert"] = [f for _, f in [*run.new, *run.ongoing]]
            report.warnings += [f"alert {e}" for e in run.errors]
    scanned = attempt("changes", lambda: changes.scan(ws, current, compared, day, top=40))
    report.sections["change"] = scanned.findings if scanned else []
    report.sections["rep"] = attempt("reps", lambda: people.standouts(
        ws, current.first, current.last)) or []  # fmt: skip
    report.sections["ramp"] = attempt("ramp", lambda: people.slow_ramps(
        ws, current.first, current.last)) or []  # fmt: skip
    # the pipeline as it stands: optimism when the period reaches today's pipeline, and the
    # pace of the quarter running now (while it runs)
    now = running(day, "quarter", int(ws.get_setting("fiscal_year_start_month")))
    if current.last >= now.first - dt.timedelta(days=1):
        report.sections["optimism"] = attempt("optimism", lambda: optimism.optimistic_reps(
            ws, min(day, current.last), (current.first, current.last))) or []  # fmt: skip
    if now.first <= day < now.last and current.last >= now.first:
        paced = attempt("pace", lambda: pace(ws, now, day, "team"))
        if paced is not None:
            report.pace = paced.document()
            report.sections["pace"] = pace_findings(paced)
    for kpi in WHY_KPIS:
        moved = [f for f in report.sections["change"] if f.kpi == kpi and not f.slice]
        if not moved:
            continue
        dims = [d for d in WHY_DIMS if d in _dims(kpi)]
        best = None
        for dim in dims:
            found = attempt(f"why {kpi}", lambda k=kpi, d=dim: explain_change(
                ws, k, current, compared, day, by=d))  # fmt: skip
            if found is not None and (best is None or _share(found) > _share(best)):
                best = found
        if best is not None:
            report.why.append(best.document())
    everything = [f for found in report.sections.values() for f in found]
    report.sections["action"] = playbook.actions(ws, everything)
    return report


def _dims(kpi_id: str) -> tuple[str, ...]:
    from salesmetrics.catalog import get_kpi

    return get_kpi(kpi_id).dimensions


def _share(why: Any) -> float:
    from salesmetrics.insights.why import _explained

    return _explained(why.decomposition)
