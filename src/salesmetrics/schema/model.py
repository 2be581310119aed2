"""The building blocks of the canonical model: column types, columns and tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["str", "date", "timestamp", "money", "int", "float", "bool"]


@dataclass(frozen=True)
class Column:
    """One canonical column: its type, whether it is required, and how to read it."""

    name: str
    type: ColumnType
    required: bool = False
    description: str = ""
    enum: tuple[str, ...] | None = None
    synonyms: dict[str, str] = field(default_factory=dict)
    dimension: str | None = None
    min_value: float | None = None
    max_value: float | None = None

    def canonical_enum(self, raw: str) -> str | None:
        """The stored enum value for ``raw`` (case-insensitive, synonyms applied), or None."""
        key = raw.strip().lower()
        if self.enum is None:
            return key
        if key in self.enum:
            return key
        return self.synonyms.get(key)


@dataclass(frozen=True)
class Table:
    """One canonical table: its columns and the key that identifies a row."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required_columns(self) -> list[Column]:
        return [c for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        """The column called ``name``; unknown names answer 'did you mean …?'."""
        for c in self.columns:
            if c.name == name:
                return c
        from salesmetrics.errors import UnknownNameError

        raise UnknownNameError(f"column of table {self.name}", name, self.column_names)
