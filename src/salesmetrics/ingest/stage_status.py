"""Status from stage at import, and what an import teaches the workspace's stage map."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from salesmetrics.stages import key, lookup, status_case_sql

#: Sources of a stage map entry an import may overwrite (never what the user set).
REPLACEABLE = ("learnt", "recognised", "assumed open")


@dataclass
class StageReading:
    """The file's stages: the status each gets, those assumed open, and the map's new entries."""

    statuses: dict[str, str] = field(default_factory=dict)
    assumed_open: list[tuple[str, int]] = field(default_factory=list)
    learnt: dict[str, dict[str, Any]] = field(default_factory=dict)


def read_stages(
    con: duckdb.DuckDBPyConnection, texts_sql: str, stage_map: dict[str, dict[str, Any]]
) -> StageReading:
    """Classify every stage of the file (column ``r_stage`` of ``texts_sql``)."""
    rows = con.execute(
        f'SELECT "r_stage", count(*) FROM ({texts_sql}) WHERE "r_stage" IS NOT NULL '
        "GROUP BY ALL ORDER BY 2 DESC, 1"
    ).fetchall()
    reading = StageReading()
    seen: dict[str, tuple[str, int]] = {}
    for stage, count in rows:
        k = key(str(stage))
        name, n = seen.get(k, (str(stage), 0))
        seen[k] = (name, n + int(count))
    for k, (name, count) in seen.items():
        info = lookup(stage_map, name)
        if info.status is None:
            reading.statuses[k] = "open"
            reading.assumed_open.append((name, count))
            entry = {"status": "open", "probability": info.probability, "source": "assumed open"}
        else:
            reading.statuses[k] = info.status
            entry = {"status": info.status, "probability": info.probability, "source": info.source}
        if k not in stage_map:  # a stage seen for the first time is recorded in the map
            reading.learnt[k] = {"name": name, **entry}
    return reading


def status_sql(stage_text: str, flags_sql: str | None, reading: StageReading) -> str:
    """The status of a row: its own (or its flags') when given, else its stage's."""
    from_stage = status_case_sql(stage_text, reading.statuses)
    return f"coalesce({flags_sql}, {from_stage})" if flags_sql else from_stage


def learn_from_rows(
    con: duckdb.DuckDBPyConnection, valid: str, stage_map: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Stages whose stored rows all have one status (and a most common probability): the map
    entries an import with explicit statuses teaches (never overriding the user's)."""
    rows = con.execute(
        f"SELECT lower(regexp_replace(trim(\"t_stage\"), '\\s+', ' ', 'g')) AS k, "
        f'any_value(trim("t_stage")), min("t_status"), max("t_status"), mode("t_probability") '
        f'FROM {valid} WHERE "t_stage" IS NOT NULL AND "t_status" IS NOT NULL GROUP BY k '
        "ORDER BY min(__line)"  # in the order the file shows them
    ).fetchall()
    learnt: dict[str, dict[str, Any]] = {}
    for k, name, low, high, probability in rows:
        current = stage_map.get(k)
        if current is not None and current.get("source") not in REPLACEABLE:
            continue
        if low != high:
            continue  # the stage holds deals of several statuses: nothing to learn
        entry = {
            "name": str(name),
            "status": str(low),
            "probability": None if probability is None else float(probability),
            "source": "learnt",
        }
        if current is None or current != entry:
            learnt[k] = entry
    return learnt
