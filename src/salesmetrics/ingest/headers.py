"""Match a file's header names onto canonical columns (and a preset's export names)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from salesmetrics.ingest.presets.model import PresetTable
from salesmetrics.ingest.readers import Source
from salesmetrics.schema import Table


def normalise(header: str) -> str:
    """A header reduced to lower-case letters and digits: 'Close Date' -> 'closedate'."""
    return re.sub(r"[^0-9a-z]", "", header.lower())


@dataclass
class ColumnPlan:
    """Where each canonical column's text comes from, as a VARCHAR SQL expression."""

    sources: dict[str, str] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    #: Related records named in the file (e.g. ``account_name``) -> the text's SQL.
    links: dict[str, str] = field(default_factory=dict)
    #: The status of rows without one comes from their stage (see salesmetrics.stages).
    status_from_stage: bool = False
    #: Columns written as 0-1 fractions, scaled to 0-100 once parsed (a value above 1 is
    #: taken as a percentage already).
    fractions: set[str] = field(default_factory=set)


def known_headers(table: Table, preset: PresetTable | None) -> frozenset[str]:
    """Every normalised header name the file may use for ``table`` (to find its header row)."""
    names = set(table.column_names)
    if preset:
        names |= set(preset.columns) | set(preset.inputs) | set(preset.links)
    return frozenset(normalise(n) for n in names)


def plan_columns(table: Table, source: Source, preset: PresetTable | None) -> ColumnPlan:
    """Map the file's columns onto ``table``: exact names first, then the preset's names."""
    canonical = {normalise(c): c for c in table.column_names}
    preset_names = {normalise(k): v for k, v in (preset.columns if preset else {}).items()}
    preset_rank = {normalise(k): i for i, k in enumerate(preset.columns if preset else {})}
    link_names = {normalise(k): v for k, v in (preset.links if preset else {}).items()}
    plan = ColumnPlan()
    by_export: dict[str, str] = {}
    candidates: list[tuple[int, str, str, str]] = []  # (rank, canonical, header, sql)
    for index, header in enumerate(source.headers):
        key = normalise(header)
        sql = source.raw_column(index)
        if key and key not in by_export:
            by_export[key] = sql
        if key in canonical:
            candidates.append((-1, canonical[key], header, sql))
        elif key in preset_names:
            candidates.append((preset_rank[key], preset_names[key], header, sql))
        elif key in link_names:
            plan.links.setdefault(link_names[key], sql)
        elif not preset or key not in {normalise(h) for h in preset.inputs}:
            plan.ignored.append(header or f"(column {index + 1} without a name)")
    for _, column, header, sql in sorted(candidates, key=lambda c: c[0]):
        if column in plan.sources:
            plan.duplicates.append(f"'{header}' ({column} is read from '{plan.origins[column]}')")
            continue
        plan.sources[column] = sql
        plan.origins[column] = header
    if preset:
        _apply_preset(plan, preset, by_export)
    if "status" in table.column_names and "stage" in plan.sources:
        plan.status_from_stage = plan.origins.get("status") in (None, "derived")
    plan.missing = [
        c.name
        for c in table.required_columns
        if c.name not in plan.sources and not (c.name == "status" and plan.status_from_stage)
    ]
    return plan


def _apply_preset(plan: ColumnPlan, preset: PresetTable, by_export: dict[str, str]) -> None:
    for column, derive in preset.derived.items():
        if column in plan.sources:
            continue
        sql = derive(by_export)
        if sql is not None:
            plan.sources[column] = sql
            plan.origins[column] = "derived"
            if column in preset.fractions:
                plan.fractions.add(column)
    for column, mapping in preset.values.items():
        if column in plan.sources and mapping:
            cases = " ".join(
                f"WHEN '{k.replace(chr(39), chr(39) * 2)}' THEN '{v}'" for k, v in mapping.items()
            )
            src = plan.sources[column]
            plan.sources[column] = f"coalesce(CASE lower(trim({src})) {cases} END, {src})"
