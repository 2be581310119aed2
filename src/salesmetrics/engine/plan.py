"""The plan of a computation: which aggregate queries answer which KPIs, and how to read them.

A plan is built (and compiled to SQL) once per request shape by ``engine.sql``; it is plain,
serialisable data, so a cached plan runs without Ibis. KPIs that share a row set and window
share one query: each measure is one column, and each KPI has its own population, caveat and
fx columns in it (so its slices and warnings are exactly those of a computation on its own).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from salesmetrics.catalog.model import Aggregation, Kpi

CURRENT = "cur"
VELOCITY_MEASURES = (
    "open_count",
    "won_amount_known",
    "won_with_amount",
    "won_count",
    "closed_count",
    "won_cycle_days",
)

#: ARPA's parts, then CAC's (spend, new customers)
LTV_CAC_MEASURES = ("mrr_end", "paying_customers_end", "spend_amount", "new_customer_count")


def needed_measures(kpi: Kpi) -> list[tuple[str, str]]:
    """The (measure, window) pairs a KPI needs; windows: cur, prev, yoy."""
    agg = kpi.aggregation
    if agg is Aggregation.VELOCITY:
        return [(m, CURRENT) for m in VELOCITY_MEASURES]
    if agg is Aggregation.GROWTH:
        return [(kpi.numerator, CURRENT), (kpi.numerator, "prev")]
    if agg is Aggregation.LIFETIME_TO_CAC:
        return [(m, CURRENT) for m in LTV_CAC_MEASURES]
    if agg is Aggregation.GROWTH_YOY:
        return [(kpi.numerator, CURRENT), (kpi.numerator, "yoy")]
    pairs = [(kpi.numerator, CURRENT)]
    if kpi.denominator:
        pairs.append((kpi.denominator, CURRENT))
    return pairs


def reads_history(kpis: list[Kpi]) -> bool:
    """Whether the SQL depends on whether the workspace holds opportunity_history: the KPIs
    that read deals' past states (their anchor names it)."""
    return any("opportunity_history" in k.anchor for k in kpis)


def reads_mrr(kpis: list[Kpi]) -> bool:
    """Whether the SQL reads the MRR row set (``customers.account_mrr``), whose whole months
    may come from the workspace's kept table: the KPIs anchored on subscriptions."""
    return any(k.anchor.startswith("subscriptions") for k in kpis)


def uses_grain(kpis: list[Kpi]) -> bool:
    """Whether the SQL depends on the grain and fiscal calendar themselves (MRR movements tell
    new from reactivated customers by the earlier period ends of the grain): the KPIs anchored
    on subscriptions."""
    return any(k.anchor.startswith("subscriptions") for k in kpis)


@dataclass(frozen=True)
class KpiColumns:
    """The columns of one query that belong to one KPI."""

    population: str
    fx_missing: str | None = None
    #: caveat column -> message template ({n}, {kpi})
    warnings: dict[str, str] = field(default_factory=dict)
    #: names of the inputs this KPI's measures of the query cannot do without
    needs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QuerySpec:
    """One compiled aggregate query and what its columns mean."""

    rowset: str
    window: str
    sql: str
    #: measure columns computed here (``<measure>__<window>``)
    measures: list[str]
    #: KPI id -> its population, fx and caveat columns
    kpis: dict[str, KpiColumns]
    #: names of the inputs it cannot do without (engine.inputs)
    needs: list[str]
    #: (table, column) of its anchor date, for the empty-range warning, and the records' noun
    span: tuple[str, str] | None
    noun: str
    #: SQL listing the currencies without a rate among the rows left out, with each KPI's
    #: count of them (its ``fx_missing`` column); run only when some KPI left rows out
    fx_sql: str | None = None


@dataclass(frozen=True)
class CompiledPlan:
    """Every query of a request shape, plus the small SQL of its inputs and spans."""

    queries: list[QuerySpec]
    #: need name -> SQL of each alternative (a row count of at most 1)
    needs: dict[str, list[str]]
    #: "table.column" -> SQL of its (min, max)
    spans: dict[str, str]

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> CompiledPlan:
        raw: dict[str, Any] = json.loads(text)
        queries = []
        for q in raw["queries"]:
            kpis = {k: KpiColumns(**v) for k, v in q.pop("kpis").items()}
            span = tuple(q.pop("span")) if q.get("span") else None
            q.pop("span", None)
            queries.append(QuerySpec(**q, kpis=kpis, span=span))
        return cls(queries, raw["needs"], raw["spans"])
