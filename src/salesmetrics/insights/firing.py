"""Alerts fire once per new condition: a (rule, period, slice) that holds is stored as firing
with its evidence the first time a run finds it; later runs report it as ongoing, and as
resolved once it no longer holds. Stored in the workspace, so every engine and every process
(a cron job, the server) shares what has fired."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.access import store
from salesmetrics.insights.alerts import all_rules
from salesmetrics.insights.evaluate import evaluate
from salesmetrics.insights.findings import Finding

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

PREFIX = "insights.firing."


@dataclass
class Run:
    as_of: dt.date
    new: list[tuple[str, Finding]] = field(default_factory=list)
    ongoing: list[tuple[str, Finding]] = field(default_factory=list)
    resolved: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def document(self) -> dict[str, Any]:
        def pack(items: list[tuple[str, Finding]]) -> list[dict[str, Any]]:
            return [{"rule": rule, **f.as_dict()} for rule, f in items]

        return {"as_of": self.as_of.isoformat(), "new": pack(self.new),
                "ongoing": pack(self.ongoing), "resolved": self.resolved,
                "errors": self.errors}  # fmt: skip


def condition_key(rule_id: str, finding: Finding) -> str:
    raw = json.dumps([rule_id, finding.period[0].isoformat(), finding.slice], sort_keys=True,
                     default=str)  # fmt: skip
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def run_alerts(ws: Workspace, as_of: dt.date | None = None, record: bool = True) -> Run:
    """Evaluate every enabled rule on ``as_of`` (default today); store what is new (unless
    ``record`` is False: a dry run) and what resolved."""
    from salesmetrics.errors import UserError

    day = as_of or dt.date.today()
    run = Run(day)
    held = store.entries(ws.backend, PREFIX)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for rule in all_rules(ws):
        if not rule.enabled:
            continue
        try:
            window, findings = evaluate(ws, rule, day)
        except UserError as exc:  # e.g. a KPI whose inputs are not loaded
            run.errors.append(f"{rule.id}: {exc}")
            continue
        seen = set()
        for finding in findings:
            key = condition_key(rule.id, finding)
            seen.add(key)
            before = held.get(key)
            if before is not None and before.get("status") == "firing":
                run.ongoing.append((rule.id, finding))
                continue
            run.new.append((rule.id, finding))
            if record:
                store.put(ws.backend, PREFIX + key, {
                    "rule": rule.id, "status": "firing", "fired_at": now,
                    "finding": finding.as_dict(),
                })  # fmt: skip
        for key, before in held.items():
            finding = before.get("finding", {})
            if (before.get("rule") == rule.id and before.get("status") == "firing"
                    and finding.get("period", {}).get("start") == window.first.isoformat()
                    and key not in seen):  # fmt: skip
                run.resolved.append({"rule": rule.id, **finding})
                if record:
                    store.put(ws.backend, PREFIX + key, {**before, "status": "resolved",
                                                         "resolved_at": now})  # fmt: skip
    return run


def firings(ws: Workspace, status: str | None = None) -> list[dict[str, Any]]:
    """Every stored firing, newest first."""
    found = [r for r in store.entries(ws.backend, PREFIX).values()
             if status is None or r.get("status") == status]  # fmt: skip
    return sorted(found, key=lambda r: r.get("fired_at", ""), reverse=True)
