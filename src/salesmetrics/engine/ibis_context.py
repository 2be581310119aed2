"""What every query builder needs: the request, workspace settings, the tables and a session."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.engine.backend import canonical_table, date_literal, to_sql
from salesmetrics.engine.placeholders import AS_OF_PLACEHOLDER

if TYPE_CHECKING:
    import pandas as pd
    from ibis.expr.types import Table

    from salesmetrics.backends.base import Backend, Session
    from salesmetrics.engine.request import KpiRequest
    from salesmetrics.workspace import Workspace


@dataclass
class Context:
    """One KPI computation's inputs; ``session`` is this request's own handle on the backend."""

    workspace: Workspace
    request: KpiRequest
    session: Session
    base_currency: str
    stage_probabilities: dict[str, float]
    stage_order: list[str]
    fiscal_year_start_month: int
    #: the request's filter values are bound at run time (a cached plan serves every value)
    bind_filters: bool = False
    #: deals' event states are read from the workspace's kept table (engine.state_table);
    #: None: when it is current (asked once)
    states_table: bool | None = None
    #: how the MRR row set is read (engine.account_months.how_read: "" from subscriptions,
    #: "whole"/"mixed" from the workspace's kept table); None: asked once
    months_table: str | None = None
    _facts: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def open(cls, workspace: Workspace, request: KpiRequest, session: Session) -> Context:
        return cls.from_settings(workspace, request, session, workspace.engine_settings())

    @classmethod
    def from_settings(
        cls,
        workspace: Workspace,
        request: KpiRequest,
        session: Session,
        settings: dict[str, Any],
        bind_filters: bool = False,
        states_table: bool | None = None,
        months_table: str | None = None,
    ) -> Context:
        return cls(
            workspace=workspace,
            request=request,
            session=session,
            base_currency=str(settings["base_currency"]).upper(),
            stage_probabilities=dict(settings["stage_probabilities"]),
            stage_order=list(settings.get("stage_order", [])),
            fiscal_year_start_month=int(settings["fiscal_year_start_month"]),
            bind_filters=bind_filters,
            states_table=states_table,
            months_table=months_table,
        )

    @property
    def backend(self) -> Backend:
        return self.workspace.backend

    def as_of(self) -> Any:
        """The request's as-of date as a constant of the statement: a stand-in written in at
        run time when the plan is cached (``bind_filters``), so every as-of date shares it."""
        return date_literal(AS_OF_PLACEHOLDER if self.bind_filters else self.request.as_of)

    def reads_kept_states(self) -> bool:
        """Whether deals' event states come from the workspace's kept table."""
        if self.states_table is None:
            from salesmetrics.engine.state_table import usable

            self.states_table = usable(self.workspace, self.session)
        return self.states_table

    def kept_months(self) -> str:
        """How the MRR row set is read (``account_months.how_read``)."""
        if self.months_table is None:
            from salesmetrics.engine.account_months import how_read

            self.months_table = how_read(self.workspace, self.request, self.session)
        return self.months_table

    def table(self, name: str) -> Table:
        """The canonical table ``name`` as an (unbound) Ibis table."""
        return canonical_table(name)

    def __getitem__(self, name: str) -> Table:
        return self.table(name)

    def sql(self, expr: Table, pretty: bool = False) -> str:
        return to_sql(self.backend, expr, pretty=pretty)

    def run(self, sql: str) -> pd.DataFrame:
        return self.session.frame(sql)

    def has_rows(self, name: str) -> bool:
        """True when the canonical table ``name`` holds at least one row (asked once)."""
        if name not in self._facts:
            frame = self.run(self.sql(self.table(name).limit(1).count()))
            self._facts[name] = int(str(frame.iloc[0, 0])) > 0
        return self._facts[name]
