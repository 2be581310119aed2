"""The KPI engine: compiles catalog KPIs to Ibis expressions and runs them in the backend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from salesmetrics.errors import InternalError

if TYPE_CHECKING:
    import pandas as pd

    from salesmetrics.workspace import Workspace


def kpi_frame(workspace: Workspace, kpi_id: str, **request: Any) -> pd.DataFrame:
    raise InternalError("The KPI engine is not built yet.")


def explain(workspace: Workspace, kpi_id: str, **request: Any) -> Any:
    raise InternalError("The KPI engine is not built yet.")
