"""The workspace's stage map: list it, change it, and the default probabilities it gives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from salesmetrics.backends.duckdb import first_row
from salesmetrics.errors import UserError
from salesmetrics.stages import key, lookup

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

STAGE_KEY_SQL = "lower(regexp_replace(trim(stage), '\\s+', ' ', 'g'))"


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


def stage_counts(workspace: Workspace) -> dict[str, tuple[str, int]]:
    """Stage key -> (a spelling, number of stored opportunities) for every stored stage."""
    rows = workspace.con.execute(
        f"SELECT {STAGE_KEY_SQL} AS k, min(trim(stage)), count(*) FROM opportunities "
        "WHERE nullif(trim(stage), '') IS NOT NULL GROUP BY 1"
    ).fetchall()
    return {k: (name, int(n)) for k, name, n in rows}


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
    con = workspace.con
    where = f"{STAGE_KEY_SQL} = ?"
    if status in ("won", "lost"):
        row = first_row(
            con,
            f"SELECT count(*) FROM opportunities WHERE {where} AND close_date IS NULL "
            "AND status <> ?",
            [k, status],
        )
        missing = int(row[0]) if row else 0
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
    con.execute("BEGIN TRANSACTION")
    try:
        workspace.set_setting("stages", stage_map)
        if status is not None:
            row = first_row(
                con,
                f"UPDATE opportunities SET status = ? WHERE {where} AND status <> ?",
                [status, k, status],
            )
            changed = int(row[0]) if row else 0
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
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
