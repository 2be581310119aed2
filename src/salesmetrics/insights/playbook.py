"""What to do: the plays of the catalog's playbook that the findings trigger, each as an
action finding carrying the finding that triggered it and the records to open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesmetrics.catalog.playbook import PLAYS, Play
from salesmetrics.insights.findings import Finding, slice_text

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

RECORDS = 10


def matches(play: Play, finding: Finding) -> bool:
    if finding.kind not in play.kinds or (play.kpis and finding.kpi not in play.kpis):
        return False
    direction = finding.numbers.get("direction")
    return not play.direction or direction in (None, play.direction)


def actions(ws: Workspace | None, findings: list[Finding], limit: int = 6) -> list[Finding]:
    """One action per (play, slice) the findings trigger, strongest first; with ``ws``, the
    records to open (the KPI's explanation for the slice and period)."""
    out: dict[tuple[str, str], Finding] = {}
    for finding in sorted(findings, key=lambda f: -f.score):
        for play in PLAYS:
            if not matches(play, finding):
                continue
            key = (play.id, slice_text(finding.slice))
            if key in out:
                continue
            subject = _subject(finding)
            out[key] = Finding(
                "action",
                play.records_kpi or finding.kpi,
                f"{play.title}: {play.action.format(subject=subject)}",
                finding.period,
                finding.slice,
                {"play": play.id, "because": finding.title},
                finding.score,
                [finding.title],
            )
    chosen = list(out.values())[:limit]
    if ws is not None:
        chosen = [_with_records(ws, f) for f in chosen]
    return chosen


def _subject(finding: Finding) -> str:
    """Who or what the action is about: a rep by name, else the slice."""
    return str(finding.numbers.get("who") or slice_text(finding.slice))


def _with_records(ws: Workspace, action: Finding) -> Finding:
    """The action with the ids of the records behind its KPI for its slice and period."""
    from dataclasses import replace

    from salesmetrics.errors import UserError

    where = {d: [v] for d, v in action.slice.items() if v is not None}
    try:
        explained = ws.explain(
            action.kpi,
            grain="total",
            start=action.period[0],
            end=action.period[1],
            where=where or None,
            limit=RECORDS,
        )
    except UserError:
        return action
    records = explained.records
    if records is None or records.empty:
        return action
    id_column = next((c for c in records.columns if c.endswith("_id")), records.columns[0])
    ids = [str(v) for v in records[id_column].tolist()[:RECORDS]]
    return replace(action, records=ids)
