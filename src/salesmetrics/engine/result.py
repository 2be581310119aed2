"""A KPI result: its rows and what travels with them (unit, range, warnings), without pandas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

VALUES = ("value", "numerator", "denominator")


@dataclass
class Result:
    """Rows of (period_start, *dims, value, numerator, denominator) and their ``attrs``."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        return list(self.attrs.get("warnings", []))

    def records(self) -> list[dict[str, Any]]:
        """The rows as JSON-ready dicts: dates ISO, undefined numbers None."""
        out = []
        for row in self.rows:
            record = {}
            for name, value in zip(self.columns, row, strict=True):
                record[name] = value.isoformat() if isinstance(value, dt.date) else value
            out.append(record)
        return out

    def frame(self) -> pd.DataFrame:
        """The result as the pandas frame ``Workspace.kpi`` returns (attrs included)."""
        import pandas as pd

        frame = pd.DataFrame(self.rows, columns=self.columns)
        for name in VALUES:
            frame[name] = frame[name].astype("float64")
        for position, name in enumerate(self.columns[: len(self.columns) - len(VALUES)]):
            frame[name] = pd.Series([row[position] for row in self.rows], dtype=object)
        frame.attrs.update(self.attrs)
        return frame
