"""The benchmarks of spec/kpis.md as data: per KPI a range or a single value, in the KPI's unit,
optionally per industry (or per activity type), and the workspace's overrides checked.

Spec layer: no database code. How a value compares with a benchmark is
``salesmetrics.insights.benchmarks``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from salesmetrics.errors import UserError

#: A single-valued benchmark counts as met within this share of it either side (±10 %).
TOLERANCE = 0.10

#: Spellings of an industry that name the same benchmark row (compared lower-case).
INDUSTRY_SYNONYMS = {
    "finance": "financial services",
    "financial": "financial services",
    "fintech": "financial services",
    "saas": "software",
}


def industry_key(name: str) -> str:
    """An industry as benchmarks name it: lower-case, single spaces, synonyms folded."""
    folded = " ".join(str(name).strip().lower().split())
    return INDUSTRY_SYNONYMS.get(folded, folded)


@dataclass(frozen=True)
class Band:
    """A benchmark range ``[low, high]``; ``value`` is set when it was given as one number
    (the range is then ``value`` ± ``TOLERANCE``)."""

    low: float
    high: float
    value: float | None = None

    @classmethod
    def of(cls, value: float) -> Band:
        v = float(value)
        a, b = v * (1 - TOLERANCE), v * (1 + TOLERANCE)
        return cls(round(min(a, b), 6), round(max(a, b), 6), v)

    def as_dict(self) -> dict[str, float | None]:
        return {"low": self.low, "high": self.high, "value": self.value}


@dataclass(frozen=True)
class Benchmark:
    """The benchmark of one KPI: ``overall`` for any row, ``by`` for rows of one value of a
    dimension (``industry`` or ``activity_type``), and where it comes from."""

    kpi: str
    overall: Band | None = None
    dimension: str | None = None
    by: tuple[tuple[str, Band], ...] = ()
    source: str = "catalog"

    def band_for(self, value: str | None) -> Band | None:
        """The band of one value of ``dimension`` (an industry: synonyms folded), if any."""
        if value is None:
            return None
        wanted = _key(self.dimension, value)
        return next((band for name, band in self.by if _key(self.dimension, name) == wanted), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.as_dict() if self.overall else None,
            "dimension": self.dimension,
            "by": {name: band.as_dict() for name, band in self.by},
            "tolerance_pct": TOLERANCE * 100,
            "source": self.source,
        }


def _key(dimension: str | None, value: str) -> str:
    return industry_key(value) if dimension == "industry" else str(value).strip().lower()


def _split(kpi: str, dimension: str, values: dict[str, float]) -> Benchmark:
    return Benchmark(kpi, None, dimension, tuple((k, Band.of(v)) for k, v in values.items()))


#: The spec's table "Benchmarks shipped with the catalog", in each KPI's unit.
SHIPPED: dict[str, Benchmark] = {
    b.kpi: b
    for b in (
        Benchmark("lead_conversion_rate", Band(10.0, 15.0)),
        _split("win_rate", "industry", {"software": 22, "finance": 19, "biotech": 15}),
        Benchmark("reps_at_quota", Band(60.0, 70.0)),
        _split(
            "sales_cycle_days",
            "industry",
            {
                "software": 90,
                "manufacturing": 130,
                "healthcare": 125,
                "financial services": 98,
                "retail": 70,
            },
        ),
        _split(
            "cac",
            "industry",
            {"saas": 205, "education": 862, "financial services": 640, "business consulting": 410},
        ),
        Benchmark("email_open_rate", Band.of(30)),
        Benchmark("email_reply_rate", Band.of(50)),
        # the spec's figure is for calls: about 50 calls a day for outbound reps
        _split("activities_per_rep_day", "activity_type", {"call": 50}),
        Benchmark("website_conversion_rate", Band(2.0, 5.0)),
        Benchmark("acv", Band.of(21_000)),
        Benchmark("lead_response_hours", Band.of(42)),
    )
}

EXAMPLE = '\'benchmarks={"win_rate": {"low": 20, "high": 30}}\''
BAND_KEYS = {"low", "high", "value"}
#: The dimensions a benchmark may be given per value of.
SPLITS = ("industry", "activity_type")


def parse_band(kpi: str, spec: Any, where: str = "") -> Band:
    """``{"low": L, "high": H}``, ``{"value": V}`` or a number -> a Band; else a user error."""
    label = f"benchmarks: {kpi}{where}"
    if isinstance(spec, bool):
        spec = {"value": spec}
    if isinstance(spec, int | float):
        spec = {"value": spec}
    if not isinstance(spec, Mapping):
        raise UserError(
            f'{label} must be {{"low": L, "high": H}} or {{"value": V}}, '
            f"not {spec!r}. Example: salesmetrics settings {EXAMPLE}"
        )
    unknown = sorted(set(spec) - BAND_KEYS)
    if unknown:
        raise UserError(
            f"{label} has unknown key {', '.join(map(repr, unknown))}: give "
            f'"low" and "high", or "value". Example: {EXAMPLE}'
        )
    numbers = {}
    for name, raw in spec.items():
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise UserError(f"{label}: {name} must be a number in the KPI's unit, not {raw!r}.")
        numbers[name] = float(raw)
    if "value" in numbers:
        if len(numbers) > 1:
            raise UserError(f'{label}: give either "value" or "low" and "high", not both.')
        return Band.of(numbers["value"])
    if set(numbers) != {"low", "high"}:
        raise UserError(f'{label} needs both "low" and "high" (or one "value").')
    if numbers["low"] > numbers["high"]:
        raise UserError(
            f"{label}: low {numbers['low']:g} is above high {numbers['high']:g}; swap them."
        )
    return Band(numbers["low"], numbers["high"])


def compact(band: Band) -> dict[str, float]:
    """A band as the setting stores it: ``{"value": V}`` or ``{"low": L, "high": H}``."""
    return {"value": band.value} if band.value is not None else {"low": band.low, "high": band.high}


def parse_overrides(value: Any) -> dict[str, Any]:
    """The ``benchmarks`` setting checked: a JSON object of KPI id -> ``{"low", "high"}`` or
    ``{"value"}``, optionally with ``"industry": {name: band}`` (or ``"activity_type"``), or
    null to drop the shipped benchmark. Returns it normalised (KPI ids lower-case); bad input is
    a user error naming the KPI and the fix."""
    if isinstance(value, str):
        try:
            value = json.loads(value.strip() or "{}")
        except json.JSONDecodeError as exc:
            raise UserError(
                f"benchmarks must be a JSON object ({exc.msg} at character "
                f"{exc.pos + 1}). Example: salesmetrics settings {EXAMPLE}"
            ) from None
    if not isinstance(value, Mapping):
        raise UserError(
            f"benchmarks must be a JSON object of KPI id -> benchmark, not "
            f"{value!r}. Example: salesmetrics settings {EXAMPLE}"
        )
    return {_kpi_id(raw): _entry(_kpi_id(raw), spec) for raw, spec in value.items()}


def _kpi_id(raw: Any) -> str:
    from salesmetrics.catalog.registry import REGISTRY
    from salesmetrics.errors import did_you_mean

    kpi = str(raw).strip().lower()
    if kpi not in REGISTRY:
        guess = did_you_mean(kpi, list(REGISTRY))
        hint = f" Did you mean '{guess}'?" if guess else ""
        raise UserError(
            f"benchmarks: {str(raw)!r} is not a KPI of the catalog.{hint} "
            "`salesmetrics kpis` lists the ids."
        )
    return kpi


def _entry(kpi: str, spec: Any) -> dict[str, Any] | None:
    if spec is None:
        return None
    if not isinstance(spec, Mapping):
        return compact(parse_band(kpi, spec))
    per = [d for d in SPLITS if d in spec]
    if len(per) > 1:
        raise UserError(
            f"benchmarks: {kpi} may be split by industry or by activity_type, not both."
        )
    entry: dict[str, Any] = {}
    rest = {k: v for k, v in spec.items() if k not in per}
    if rest:
        entry.update(compact(parse_band(kpi, rest)))
    for dim in per:
        groups = spec[dim]
        if not isinstance(groups, Mapping) or not groups:
            raise UserError(
                f"benchmarks: {kpi}.{dim} must map each {dim} to a benchmark, "
                f'e.g. {{"{dim}": {{"software": {{"value": 22}}}}}}.'
            )
        entry[dim] = {
            str(name): compact(parse_band(kpi, band, f".{dim}.{name}"))
            for name, band in groups.items()
        }
    if not entry:
        raise UserError(
            f'benchmarks: {kpi} is empty; give "low" and "high", "value", '
            'an "industry" mapping, or null to drop it.'
        )
    return entry


def from_override(kpi: str, entry: Mapping[str, Any]) -> Benchmark:
    """A Benchmark from a checked override entry (see ``parse_overrides``)."""
    own = {k: v for k, v in entry.items() if k in BAND_KEYS}
    dimension = next((d for d in SPLITS if d in entry), None)
    groups: Mapping[str, Any] = entry[dimension] if dimension else {}
    by = tuple((name, parse_band(kpi, band)) for name, band in groups.items())
    overall = parse_band(kpi, own) if own else None
    return Benchmark(kpi, overall, dimension, by, source="workspace")


def benchmarks(overrides: Mapping[str, Any] | None = None) -> dict[str, Benchmark]:
    """The shipped benchmarks with the workspace's overrides applied (an override replaces the
    KPI's whole benchmark; null drops it). KPIs not in the catalog are left out."""
    from salesmetrics.catalog.registry import REGISTRY

    out = {k: b for k, b in SHIPPED.items() if k in REGISTRY}
    for kpi, entry in (overrides or {}).items():
        if entry is None:
            out.pop(kpi, None)
        elif kpi in REGISTRY:
            out[kpi] = from_override(kpi, entry)
    return out
