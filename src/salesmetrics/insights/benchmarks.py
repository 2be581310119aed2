"""Where a KPI's value stands against its benchmark: below, within or above, and whether that
is better or worse than typical given the KPI's direction (docs/targets-benchmarks-scorecard.md).

The benchmarks are the catalog's (``salesmetrics.catalog.benchmarks``) with the workspace's
``benchmarks`` setting applied. A benchmark given per industry applies to the rows of that
industry (``--by industry`` or ``--where industry=X``); other rows use the industry named by the
``company_industry`` setting, else the KPI's overall benchmark, if it has one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from salesmetrics.catalog.benchmarks import Band, Benchmark, benchmarks

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

BELOW, WITHIN, ABOVE = "below", "within", "above"


@dataclass(frozen=True)
class Benchmarks:
    """The benchmarks in force in one workspace."""

    by_kpi: dict[str, Benchmark]
    company_industry: str = ""

    @classmethod
    def of(cls, workspace: Workspace) -> Benchmarks:
        overrides = workspace.get_setting("benchmarks") or {}
        industry = str(workspace.get_setting("company_industry") or "")
        return cls(benchmarks(overrides), industry)

    def band(
        self, kpi_id: str, dims: Mapping[str, Any], where: Mapping[str, list[Any]]
    ) -> Band | None:
        """The band of one result row: its slice ``dims`` (the ``by`` values) under the request's
        ``where`` filters."""
        bench = self.by_kpi.get(kpi_id)
        if bench is None:
            return None
        if bench.dimension is not None:
            value: Any = None
            if bench.dimension in dims:
                value = dims[bench.dimension]
            elif len(where.get(bench.dimension) or []) == 1:
                value = where[bench.dimension][0]
            elif bench.dimension == "industry" and self.company_industry:
                value = self.company_industry
            found = bench.band_for(None if value is None else str(value))
            if found is not None:
                return found
        return bench.overall


def status(value: float | None, band: Band | None) -> str | None:
    """below, within or above ``band`` (inclusive bounds); None without a value or band."""
    if value is None or band is None or value != value:  # NaN
        return None
    if value < band.low:
        return BELOW
    return ABOVE if value > band.high else WITHIN


def rating(state: str | None, direction: str) -> str | None:
    """better, typical or worse than the benchmark, given the KPI's direction (up: above is
    better; down: below is better; neutral KPIs are not rated)."""
    if state is None or direction not in ("up", "down"):
        return None
    if state == WITHIN:
        return "typical"
    return "better" if (state == ABOVE) == (direction == "up") else "worse"


def catalog_entry(kpi_id: str, table: Benchmarks | None = None) -> dict[str, Any] | None:
    """The structured benchmark of a KPI (for `salesmetrics kpis --format json`)."""
    bench = (table.by_kpi if table else benchmarks()).get(kpi_id)
    return bench.as_dict() if bench else None
