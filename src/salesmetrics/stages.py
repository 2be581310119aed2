"""Deal stages as companies name them, and the status (and default probability) of each.

A workspace keeps a stage map (setting ``stages``): per stage, its status and optionally its
default win probability, set by the user (``salesmetrics stages set``) or learnt from an
import whose rows carry a status (Salesforce's Won/Closed, HubSpot's Is Closed Won). Stages
the map does not know are recognised by name — closed won / closed lost in English and the
usual variants and languages, with numbering and pipeline names stripped — or else reported
as unknown: they are stored as open, and the import says so and how to change it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

STATUSES = ("open", "won", "lost")

WON_PHRASES = (
    "won",
    "closedwon",
    "gewonnen",
    "gagne",
    "gagnee",
    "ganada",
    "ganado",
    "ganho",
    "ganha",
    "vinta",
    "vinto",
    "chiuso positivamente",
    "chiusa positivamente",
)
LOST_PHRASES = (
    "lost",
    "closedlost",
    "verloren",
    "perdu",
    "perdue",
    "perdida",
    "perdido",
    "persa",
    "perso",
    "chiuso negativamente",
    "chiusa negativamente",
    "disqualified",
    "no decision",
    "dead",
)
#: HubSpot's default sales pipeline: internal stage ids and labels with their probabilities.
HUBSPOT_DEFAULTS = {
    "appointmentscheduled": 20.0,
    "appointment scheduled": 20.0,
    "qualifiedtobuy": 40.0,
    "qualified to buy": 40.0,
    "presentationscheduled": 60.0,
    "presentation scheduled": 60.0,
    "decisionmakerboughtin": 80.0,
    "decision maker bought in": 80.0,
    "contractsent": 90.0,
    "contract sent": 90.0,
}

#: Salesforce's default opportunity stages that are open (docs/crm-exports.md §1.4).
SALESFORCE_OPEN = (
    "prospecting",
    "qualification",
    "needs analysis",
    "value proposition",
    "id decision makers",
    "perception analysis",
    "proposal price quote",
    "negotiation review",
)

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NUMBERING = re.compile(r"^\s*(stage\s*)?#?\d+\s*[-.:)]?\s+")
_WONT = re.compile(r"\bwon'?t\b")


def key(stage: str) -> str:
    """The stage name as the map matches it: trimmed and lower-case."""
    return " ".join(stage.strip().lower().split())


def normalise(stage: str) -> str:
    """A stage name reduced for recognition: no accents, numbering, pipeline names, punctuation.

    ``'7 - Closed Won (Enterprise pipeline)'`` -> ``'closed won'``.
    """
    text = unicodedata.normalize("NFKD", stage.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _BRACKETS.sub(" ", text)
    text = _NUMBERING.sub("", text)
    text = _WONT.sub(" ", text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _has(name: str, phrases: tuple[str, ...]) -> bool:
    padded = f" {name} "
    squashed = name.replace(" ", "")
    return any(f" {p} " in padded or (" " not in p and p == squashed) for p in phrases)


def recognise(stage: str) -> str | None:
    """'won' or 'lost' for a recognised closed stage name, 'open' for Salesforce's and HubSpot's
    default open stages, None when the name does not say."""
    name = normalise(stage)
    if not name:
        return None
    won, lost = _has(name, WON_PHRASES), _has(name, LOST_PHRASES)
    if won != lost:
        return "won" if won else "lost"
    if name in HUBSPOT_DEFAULTS or name in SALESFORCE_OPEN:
        return "open"
    return None


@dataclass(frozen=True)
class StageInfo:
    """What the workspace knows about one stage name."""

    name: str
    status: str | None
    probability: float | None
    source: str  # set, learnt, recognised, unknown


def parse_stage_map(value: Any) -> dict[str, dict[str, Any]]:
    """Check the ``stages`` setting: {stage: {status, probability?, source?, name?}}."""
    import json

    from salesmetrics.errors import UserError

    mapping = json.loads(value) if isinstance(value, str) else dict(value or {})
    out: dict[str, dict[str, Any]] = {}
    for stage, entry in mapping.items():
        info = {"status": entry} if isinstance(entry, str) else dict(entry)
        status = info.get("status")
        if status is not None and status not in STATUSES:
            raise UserError(f"Stage {stage!r}: status must be open, won or lost, not {status!r}.")
        probability = info.get("probability")
        if probability is not None and not 0 <= float(probability) <= 100:
            raise UserError(f"Stage {stage!r}: probability must be 0-100, not {probability!r}.")
        out[key(str(stage))] = {
            "name": str(info.get("name") or stage).strip(),
            "status": status,
            "probability": None if probability is None else float(probability),
            "source": str(info.get("source") or "set"),
        }
    return out


def lookup(stage_map: dict[str, dict[str, Any]], stage: str) -> StageInfo:
    """The status and probability of ``stage``: the map first, then recognition."""
    entry = stage_map.get(key(stage))
    recognised = recognise(stage)
    default = HUBSPOT_DEFAULTS.get(normalise(stage))
    if entry and entry.get("status"):
        probability = entry.get("probability")
        return StageInfo(
            stage, entry["status"], default if probability is None else probability, entry["source"]
        )
    if recognised:
        probability = entry.get("probability") if entry else None
        if probability is None:
            probability = {"won": 100.0, "lost": 0.0}.get(recognised, default)
        return StageInfo(stage, recognised, probability, "recognised")
    return StageInfo(stage, None, entry.get("probability") if entry else None, "unknown")


def status_case_sql(text: str, statuses: dict[str, str]) -> str:
    """SQL: the status of the stage in ``text`` from ``{stage key: status}``; others open."""
    from salesmetrics.ingest.readers import sql_literal

    if not statuses:
        return f"CASE WHEN {text} IS NOT NULL THEN 'open' END"
    cases = " ".join(f"WHEN {sql_literal(k)} THEN {sql_literal(s)}" for k, s in statuses.items())
    lowered = f"lower(regexp_replace(trim({text}), '\\s+', ' ', 'g'))"
    return (
        f"CASE WHEN {text} IS NULL THEN NULL ELSE coalesce(CASE {lowered} {cases} END, 'open') END"
    )
