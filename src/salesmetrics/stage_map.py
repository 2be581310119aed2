"""The workspace's stage map: list it, change it, and the default probabilities it gives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from salesmetrics.errors import UserError
from salesmetrics.stages import key, lookup

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace


@dataclass(frozen=True)
class StageRow:
    """One stage as `salesmetrics stages` lists it."""

    name: str
    status: str | None
    probability: float | None
    source: str
    deals: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "stage": self.name,
            "status": self.status,
            "probability": self.probability,
            "source": self.source,
            "deals": self.deals,
        }


def _stored_stages(workspace: Workspace) -> list[tuple[str, str, bool, int]]:
    """(stage, status, close_date missing, deals) of the stored opportunities."""
    rows = workspace.backend.rows(
        "SELECT stage, status, close_date IS NULL, count(*) FROM opportunities "
        "WHERE stage IS NOT NULL GROUP BY 1, 2, 3"
    )
    return [(str(a), str(b), bool(c), int(n)) for a, b, c, n in rows if str(a).strip()]


def stage_counts(workspace: Workspace) -> dict[str, tuple[str, int]]:
    """Stage key -> (a spelling, number of stored opportunities) for every stored stage."""
    out: dict[str, tuple[str, int]] = {}
    for stage, _, _, n in _stored_stages(workspace):
        k = key(stage)
        name, total = out.get(k, (stage.strip(), 0))
        out[k] = (min(name, stage.strip()), total + n)
    return out


def list_stages(workspace: Workspace) -> list[StageRow]:
    """Every stage of the map or of the stored deals, most deals first."""
    stage_map: dict[str, dict[str, Any]] = dict(workspace.get_setting("stages") or {})
    counts = stage_counts(workspace)
    user = {
        key(k): float(v) for k, v in (workspace.get_setting("stage_probabilities") or {}).items()
    }
    rows = []
    for k in dict.fromkeys([*counts, *stage_map]):
        name = stage_map.get(k, {}).get("name") or counts.get(k, (k, 0))[0]
        info = lookup(stage_map, name)
        source = info.source
        if source == "unknown" or stage_map.get(k, {}).get("source") == "assumed open":
            source = "assumed open"
        probability = user.get(k, info.probability)
        rows.append(StageRow(name, info.status, probability, source, counts.get(k, ("", 0))[1]))
    return sorted(rows, key=lambda r: (-r.deals, r.name.lower()))


def set_stage(
    workspace: Workspace, stage: str, status: str | None, probability: float | None
) -> int:
    """Store a stage's status and/or default probability; stored deals at the stage take the
    status. Returns how many stored deals changed status. All or nothing."""
    k = key(stage)
    if not k:
        raise UserError("The stage name is empty.")
    stored = [row for row in _stored_stages(workspace) if key(row[0]) == k]
    if status in ("won", "lost"):
        missing = sum(n for _, was, no_close, n in stored if no_close and was != status)
        if missing:
            raise UserError(
                f"{missing} stored deal(s) at stage {stage!r} have no close_date, so they cannot "
                f"be {status}; import them with their close dates first. Nothing was changed."
            )
    stage_map = dict(workspace.get_setting("stages") or {})
    entry = dict(stage_map.get(k) or {"name": stage.strip()})
    if status is not None:
        entry["status"] = status
    elif not entry.get("status"):
        entry["status"] = lookup(stage_map, stage).status or "open"
    if probability is not None:
        entry["probability"] = float(probability)
    entry["source"] = "set"
    stage_map[k] = entry
    changed = 0
    with workspace.backend.transaction():
        workspace.set_setting("stages", stage_map)
        if status is not None:
            import pyarrow as pa

            spellings = sorted({name for name, _, _, _ in stored})
            changed = sum(n for _, was, _, n in stored if was != status)
            mapping = pa.table({"key": spellings, "value": [status] * len(spellings)})
            workspace.backend.update_column("opportunities", "stage", "status", mapping)
    if status is not None:
        from salesmetrics.engine import kept

        kept.refresh(workspace)
    return changed


def default_probabilities(stage_map: dict[str, Any], user: dict[str, Any]) -> dict[str, float]:
    """Stage key -> default win probability: the map's (learnt or set), then the user's
    ``stage_probabilities`` setting on top."""
    out = {
        k: float(v["probability"])
        for k, v in (stage_map or {}).items()
        if isinstance(v, dict) and v.get("probability") is not None
    }
    out.update({key(k): float(v) for k, v in (user or {}).items()})
    return out
