"""What every query builder needs: the request, workspace settings and the Ibis tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from salesmetrics.stage_map import default_probabilities

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.request import KpiRequest
    from salesmetrics.workspace import Workspace


@dataclass
class Context:
    """One KPI computation's inputs; tables are looked up once and reused."""

    workspace: Workspace
    request: KpiRequest
    base_currency: str
    stage_probabilities: dict[str, float]
    fiscal_year_start_month: int
    _tables: dict[str, Table] = field(default_factory=dict)

    @classmethod
    def open(cls, workspace: Workspace, request: KpiRequest) -> Context:
        return cls(
            workspace=workspace,
            request=request,
            base_currency=str(workspace.get_setting("base_currency")).upper(),
            stage_probabilities=default_probabilities(
                workspace.get_setting("stages"), workspace.get_setting("stage_probabilities")
            ),
            fiscal_year_start_month=int(workspace.get_setting("fiscal_year_start_month")),
        )

    def table(self, name: str) -> Table:
        """The canonical table ``name`` as an Ibis table."""
        if name not in self._tables:
            self._tables[name] = self.workspace.ibis.table(name)
        return self._tables[name]

    def __getitem__(self, name: str) -> Table:
        return self.table(name)

    def has_rows(self, name: str) -> bool:
        """True when the canonical table ``name`` holds at least one row."""
        return int(self.table(name).limit(1).count().execute()) > 0
