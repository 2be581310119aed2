"""The registry: every catalog KPI by id, with 'did you mean …?' for unknown ids."""

from __future__ import annotations

from salesmetrics.catalog import activity, cost, customers, finance, leads, pipeline, revenue, team
from salesmetrics.catalog.model import Kpi
from salesmetrics.errors import InternalError, UnknownNameError

_MODULES = (revenue, pipeline, leads, customers, cost, activity, team, finance)


def _collect() -> dict[str, Kpi]:
    found: dict[str, Kpi] = {}
    for module in _MODULES:
        for kpi in module.KPIS:
            if kpi.id in found:
                raise InternalError(f"KPI id {kpi.id} is defined twice in the catalog.")
            found[kpi.id] = kpi
    return found


REGISTRY: dict[str, Kpi] = _collect()


def sections() -> list[tuple[str, list[Kpi]]]:
    """The catalog's sections (as in spec/kpis.md) with their KPIs, in catalog order."""
    return [(str(m.SECTION), list(m.KPIS)) for m in _MODULES]


def all_kpis() -> list[Kpi]:
    """Every KPI of the catalog, in catalog order."""
    return list(REGISTRY.values())


def get_kpi(kpi_id: str) -> Kpi:
    """The KPI called ``kpi_id``; unknown ids answer 'did you mean …?' and list the known ones."""
    kpi = REGISTRY.get(kpi_id.strip().lower()) if isinstance(kpi_id, str) else None
    if kpi is None:
        raise UnknownNameError("KPI", str(kpi_id), REGISTRY)
    return kpi
