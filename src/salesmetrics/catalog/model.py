"""The shape of one catalog entry: a KPI described as data (no database code)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    """What a KPI's value measures; decides how it is formatted."""

    MONEY = "money"
    COUNT = "count"
    PERCENT = "percent"
    DAYS = "days"
    HOURS = "hours"
    MINUTES = "minutes"
    MONEY_PER_DAY = "money/day"
    RATIO = "ratio"
    SCORE = "score"


class Direction(StrEnum):
    """Whether a higher value is better."""

    UP = "up"
    DOWN = "down"
    NEUTRAL = "neutral"


class Kind(StrEnum):
    """How a KPI relates to time: events in the period, state at its end, or a cohort."""

    FLOW = "flow"
    STOCK = "stock"
    COHORT = "cohort"


class Indicator(StrEnum):
    LEADING = "leading"
    LAGGING = "lagging"


class Aggregation(StrEnum):
    """How the engine turns the numerator (and denominator) measures into the value.

    - ``sum``: value = Σ numerator (counts and money); no numerator/denominator reported.
    - ``ratio``: value = scale × Σ numerator / Σ denominator (percentages and means).
    - ``median``: value = median of the numerator measure.
    - ``growth``: numerator = m(p) − m(p−1), denominator = m(p−1), value = 100 × num / den.
    - ``growth_yoy``: as growth, against the same period one year earlier.
    - ``velocity``: open × deal size × win rate / 100 / cycle days (pipeline velocity).
    - ``lifetime``: numerator / denominator (ARPA) divided by the mean monthly customer churn
      rate of the six months ending with the period (customer lifetime value).
    - ``lifetime_to_cac``: that lifetime value over CAC (spend / new customers of the period).
    """

    SUM = "sum"
    RATIO = "ratio"
    MEDIAN = "median"
    GROWTH = "growth"
    GROWTH_YOY = "growth_yoy"
    VELOCITY = "velocity"
    LIFETIME = "lifetime"
    LIFETIME_TO_CAC = "lifetime_to_cac"


#: Dimensions of KPIs anchored on opportunities.
OPPORTUNITY_DIMS: tuple[str, ...] = (
    "rep",
    "team",
    "manager",
    "region",
    "industry",
    "segment",
    "country",
    "account_region",
    "source",
    "product",
    "type",
    "stage",
)
#: Dimensions of KPIs anchored on leads.
LEAD_DIMS: tuple[str, ...] = (
    "source",
    "rep",
    "team",
    "manager",
    "region",
    "industry",
    "segment",
    "country",
    "account_region",
)
#: Dimensions of KPIs anchored on accounts (new customers).
ACCOUNT_DIMS: tuple[str, ...] = (
    "industry",
    "segment",
    "country",
    "account_region",
    "rep",
    "team",
    "manager",
    "region",
)
#: Dimensions of KPIs anchored on subscriptions (the account's, and the subscription's plan).
SUBSCRIPTION_DIMS: tuple[str, ...] = ("plan", *ACCOUNT_DIMS)
#: Dimensions of KPIs anchored on invoices and survey responses (through their account).
BILLING_DIMS: tuple[str, ...] = ACCOUNT_DIMS
#: Dimensions of KPIs that divide by reps (revenue per rep).
REP_DIMS: tuple[str, ...] = ("rep", "team", "manager", "region")
#: Dimensions of KPIs anchored on activities (their rep, type and account).
ACTIVITY_DIMS: tuple[str, ...] = (
    *REP_DIMS,
    "activity_type",
    "industry",
    "segment",
    "country",
    "account_region",
)
#: Dimensions of KPIs anchored on spend and web_stats.
CHANNEL_DIMS: tuple[str, ...] = ("channel",)


@dataclass(frozen=True)
class DerivedMeasure:
    """A measure of the engine restricted to some records (a custom KPI's numerator or
    denominator): ``agg`` of ``base`` over the rows whose dimensions are among ``where`` and
    whose record fields pass ``fields`` (``(field, op, value)``; money fields in base currency).

    ``name`` is derived from the content, so one name always means one measure."""

    name: str
    base: str
    agg: str
    where: tuple[tuple[str, tuple[str | None, ...]], ...] = ()
    fields: tuple[tuple[str, str, float | str], ...] = ()


@dataclass(frozen=True)
class Kpi:
    """One KPI of spec/kpis.md as a declarative entry the engine compiles.

    ``numerator`` and ``denominator`` name engine measures (see ``salesmetrics.engine.measures``).
    """

    id: str
    label: str
    description: str
    formula: str
    unit: Unit
    direction: Direction
    category: str
    indicator: Indicator
    anchor: str
    kind: Kind
    aggregation: Aggregation
    numerator: str
    denominator: str | None = None
    dimensions: tuple[str, ...] = OPPORTUNITY_DIMS
    benchmark: str | None = None
    scale: float = 1.0
    #: dimensions every result is split by, asked for or not (a KPI defined per stage)
    always_by: tuple[str, ...] = ()
    #: the restricted measures a custom KPI is made of (its numerator/denominator name them)
    derived: tuple[DerivedMeasure, ...] = ()
    #: defined by the workspace (``salesmetrics kpis define``), not shipped with the catalog
    custom: bool = False

    @property
    def filter_dims(self) -> tuple[str, ...]:
        """The dimensions its derived measures filter on (queries must attach them)."""
        return tuple(dict.fromkeys(dim for d in self.derived for dim, _ in d.where))

    @property
    def is_ratio(self) -> bool:
        """True when rows report a numerator and a denominator."""
        return self.aggregation not in (Aggregation.SUM, Aggregation.MEDIAN)

    def as_dict(self) -> dict[str, object]:
        """The entry as plain JSON-ready data (what `salesmetrics kpis --format json` prints)."""
        return {
            "id": self.id,
            "label": self.label,
            "description": self.description,
            "formula": self.formula,
            "unit": self.unit.value,
            "direction": self.direction.value,
            "category": self.category,
            "indicator": self.indicator.value,
            "anchor": self.anchor,
            "kind": self.kind.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "dimensions": list(self.dimensions),
            "benchmark": self.benchmark,
            "custom": self.custom,
        }
