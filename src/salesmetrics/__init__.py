"""salesmetrics: B2B sales KPIs you can explain.

``from salesmetrics import Workspace`` is the Python API; it is imported lazily so that
the schema layer (``salesmetrics.schema``) stays free of database code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace


def __getattr__(name: str) -> Any:
    if name == "Workspace":
        from salesmetrics.workspace import Workspace

        return Workspace
    raise AttributeError(name)


__all__ = ["Workspace", "__version__"]
