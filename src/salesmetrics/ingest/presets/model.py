"""How a CRM export preset is described: header names, value maps and derived columns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

#: Builds a VARCHAR SQL expression from the file's columns (keyed by normalised export
#: header); returns None when the columns it needs are absent.
Derivation = Callable[[Mapping[str, str]], str | None]


@dataclass(frozen=True)
class PresetTable:
    """One export (e.g. Salesforce opportunities) mapped onto one canonical table.

    ``columns`` maps export headers onto canonical columns; when several export headers map
    onto one column the first present wins. ``values`` maps export values (matched ignoring
    case) onto canonical values. ``derived`` computes a canonical column the file lacks.
    """

    table: str
    columns: Mapping[str, str]
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    derived: Mapping[str, Derivation] = field(default_factory=dict)
    derived_doc: Mapping[str, str] = field(default_factory=dict)
    #: Export headers read only by ``derived`` (not reported as ignored).
    inputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preset:
    """A CRM's exports: one ``PresetTable`` per canonical table it fills."""

    name: str
    label: str
    tables: Mapping[str, PresetTable]


TRUE_TEXT = "('1', 'true', 'yes', 'y', 't')"
FALSE_TEXT = "('0', 'false', 'no', 'n', 'f')"


def norm_text(expr: str) -> str:
    """A SQL expression: the value lower-cased and trimmed."""
    return f"lower(trim({expr}))"


def status_from_flags_or_stage(
    closed: str, won: str, stage: str, won_stages: tuple[str, ...], lost_stages: tuple[str, ...]
) -> Derivation:
    """Status from closed/won flags when present, else from the stage name."""

    def derive(cols: Mapping[str, str]) -> str | None:
        parts: list[str] = []
        if closed in cols:
            c = norm_text(cols[closed])
            w = norm_text(cols[won]) if won in cols else "''"
            parts.append(
                f"WHEN {c} IN {TRUE_TEXT} THEN CASE WHEN {w} IN {TRUE_TEXT} THEN 'won' "
                "ELSE 'lost' END"
            )
            parts.append(f"WHEN {c} IN {FALSE_TEXT} THEN 'open'")
        if stage in cols:
            s = norm_text(cols[stage])
            parts.append(f"WHEN {s} IN {_sql_list(won_stages)} THEN 'won'")
            parts.append(f"WHEN {s} IN {_sql_list(lost_stages)} THEN 'lost'")
            parts.append(f"WHEN {s} <> '' THEN 'open'")
        return f"CASE {' '.join(parts)} END" if parts else None

    return derive


def scaled_fraction(header: str) -> Derivation:
    """A 0–1 fraction (e.g. HubSpot deal probability) as a 0–100 percentage."""

    def derive(cols: Mapping[str, str]) -> str | None:
        if header not in cols:
            return None
        value = f"TRY_CAST(nullif(trim({cols[header]}), '') AS DOUBLE)"
        return (
            f"CASE WHEN {value} IS NULL THEN {cols[header]} "
            f"WHEN {value} <= 1 THEN CAST({value} * 100 AS VARCHAR) "
            f"ELSE {cols[header]} END"
        )

    return derive


def _sql_list(values: tuple[str, ...]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"
