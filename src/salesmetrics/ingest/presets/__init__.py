"""CRM export presets: each maps a CRM's standard export columns and values onto tables."""

from __future__ import annotations

from salesmetrics.errors import UnknownNameError, UserError
from salesmetrics.ingest.presets import hubspot, salesforce
from salesmetrics.ingest.presets.model import Preset, PresetTable

PRESETS: dict[str, Preset] = {p.name: p for p in (salesforce.PRESET, hubspot.PRESET)}


def get_preset_table(name: str, table: str) -> PresetTable:
    """The mapping of preset ``name`` for canonical ``table``."""
    preset = PRESETS.get(name.strip().lower())
    if preset is None:
        raise UnknownNameError("preset", name, PRESETS)
    mapping = preset.tables.get(table)
    if mapping is None:
        tables = ", ".join(preset.tables)
        raise UserError(f"Preset '{preset.name}' maps only {tables}, not {table}.")
    return mapping


__all__ = ["PRESETS", "Preset", "PresetTable", "get_preset_table"]
