"""Custom KPIs as data: a company's own KPIs, written in TOML, checked field by field.

A definition names engine measures (the numerators and denominators of the built-in KPIs, see
``salesmetrics kpis --measures``) and restricts them with filters::

    [[kpi]]
    id = "enterprise_win_rate"
    label = "Enterprise win rate"
    aggregation = "ratio"            # sum | count | mean | median | ratio
    numerator = "won_count"
    denominator = "closed_count"
    scale = 100                      # ratio only; 100 gives a percent
    where = { segment = "enterprise" }          # dimension filters on both sides
    # numerator_where / denominator_where: on one side only
    # filter = [{ field = "amount", op = ">", value = 50000 }]  (record fields; money in base
    #   currency), and numerator_filter / denominator_filter

This module only reads and checks the shape of a definition (no database, no engine); the
engine checks the measures, fields and dimensions it names (``engine.custom``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from salesmetrics.catalog.model import Direction, Unit
from salesmetrics.errors import UserError

AGGREGATIONS = ("sum", "count", "mean", "median", "ratio")
OPERATORS = ("=", "!=", ">", ">=", "<", "<=")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{2,63}$")
SIDES = ("numerator", "denominator")
KNOWN = {
    "id", "label", "description", "unit", "direction", "category", "aggregation", "measure",
    "numerator", "denominator", "scale", "where", "filter", "benchmark",
    *(f"{side}_{what}" for side in SIDES for what in ("where", "filter")),
}  # fmt: skip

Where = dict[str, tuple[str | None, ...]]
FieldFilter = tuple[str, str, float | str]


class DefinitionError(UserError):
    """A custom KPI definition that cannot be used, naming the KPI, the field and the fix."""


@dataclass(frozen=True)
class Side:
    """One measure of a definition with its own filters (``where`` and ``filter`` merged)."""

    measure: str
    where: Where = field(default_factory=dict)
    fields: tuple[FieldFilter, ...] = ()


@dataclass(frozen=True)
class Definition:
    """A checked custom KPI definition (measures not yet checked against the engine)."""

    id: str
    label: str
    description: str
    aggregation: str
    numerator: Side
    denominator: Side | None
    unit: Unit | None
    direction: Direction
    category: str
    scale: float
    benchmark: str | None
    raw: dict[str, Any]


def _fail(kpi: str, fieldname: str, problem: str, fix: str) -> DefinitionError:
    return DefinitionError(f"Custom KPI {kpi}: field '{fieldname}' {problem}. {fix}")


def _where(kpi: str, name: str, value: Any) -> Where:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(kpi, name, "must be a table of dimension = value(s)",
                    'Write it as where = { segment = "enterprise" }.')  # fmt: skip
    out: Where = {}
    for dim, values in value.items():
        items = values if isinstance(values, list) else [values]
        if not items or not all(isinstance(v, str | int | float) for v in items):
            raise _fail(kpi, f"{name}.{dim}", "must be a value or a list of values",
                        f'Write it as {dim} = "value" or {dim} = ["a", "b"].')  # fmt: skip
        kept = tuple(None if str(v).strip() == "" else str(v).strip() for v in items)
        out[str(dim).strip().lower()] = kept
    return out


def _filters(kpi: str, name: str, value: Any) -> tuple[FieldFilter, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    out: list[FieldFilter] = []
    for i, item in enumerate(items):
        where = f"{name}[{i}]"
        if not isinstance(item, dict) or set(item) != {"field", "op", "value"}:
            raise _fail(kpi, where, "must have exactly field, op and value",
                        'Write it as { field = "amount", op = ">", value = 50000 }.')  # fmt: skip
        if item["op"] not in OPERATORS:
            raise _fail(kpi, f"{where}.op", f"is {item['op']!r}",
                        f"Use one of {', '.join(OPERATORS)}.")  # fmt: skip
        val = item["value"]
        if isinstance(val, bool) or not isinstance(val, int | float | str):
            raise _fail(kpi, f"{where}.value", "must be a number or a text",
                        "Write a number (50000) or a quoted text.")  # fmt: skip
        out.append((str(item["field"]).strip().lower(), str(item["op"]),
                    float(val) if isinstance(val, int | float) else val))  # fmt: skip
    return tuple(out)


def _side(kpi: str, raw: dict[str, Any], side: str, measure_field: str) -> Side:
    measure = raw.get(measure_field)
    if not isinstance(measure, str) or not measure.strip():
        raise _fail(kpi, measure_field, "is missing",
                    "Name an engine measure, e.g. won_count (`salesmetrics kpis --measures` "
                    "lists them).")  # fmt: skip
    where = _where(kpi, "where", raw.get("where"))
    own = _where(kpi, f"{side}_where", raw.get(f"{side}_where"))
    for dim, values in own.items():
        if dim in where:
            values = tuple(v for v in values if v in where[dim])
        where[dim] = values
    fields = _filters(kpi, "filter", raw.get("filter"))
    fields += _filters(kpi, f"{side}_filter", raw.get(f"{side}_filter"))
    return Side(measure.strip().lower(), where, fields)


def parse_definition(raw: dict[str, Any], builtin_ids: set[str]) -> Definition:
    """One ``[[kpi]]`` table, checked; every problem names the KPI, the field and the fix."""
    kpi_id = str(raw.get("id", "")).strip()
    if not ID_PATTERN.match(kpi_id):
        raise _fail(kpi_id or "(no id)", "id", f"is {raw.get('id')!r}",
                    "Use 3-64 lower-case letters, digits and underscores, starting with a "
                    "letter, e.g. enterprise_win_rate.")  # fmt: skip
    if kpi_id in builtin_ids:
        raise _fail(kpi_id, "id", "is the id of a built-in KPI",
                    "Choose another id, e.g. my_" + kpi_id + ".")  # fmt: skip
    unknown = sorted(set(raw) - KNOWN)
    if unknown:
        raise _fail(kpi_id, unknown[0], "is not a field of a KPI definition",
                    f"Known fields: {', '.join(sorted(KNOWN))}.")  # fmt: skip
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise _fail(kpi_id, "label", "is missing", 'Add label = "…", the name people read.')
    agg = str(raw.get("aggregation", "")).strip().lower()
    if agg not in AGGREGATIONS:
        raise _fail(kpi_id, "aggregation", f"is {raw.get('aggregation')!r}",
                    f"Use one of {', '.join(AGGREGATIONS)}.")  # fmt: skip
    if agg == "ratio":
        if "measure" in raw:
            raise _fail(kpi_id, "measure", "is not used by a ratio",
                        "Name numerator and denominator instead.")  # fmt: skip
        numerator = _side(kpi_id, raw, "numerator", "numerator")
        denominator: Side | None = _side(kpi_id, raw, "denominator", "denominator")
    else:
        for extra in ("numerator", "denominator", "scale"):
            if extra in raw:
                raise _fail(kpi_id, extra, f"is only used by aggregation = ratio, not {agg}",
                            "Name the one measure in 'measure' instead.")  # fmt: skip
        numerator, denominator = _side(kpi_id, raw, "numerator", "measure"), None
    unit = None
    if "unit" in raw:
        try:
            unit = Unit(str(raw["unit"]).strip().lower())
        except ValueError:
            raise _fail(kpi_id, "unit", f"is {raw['unit']!r}",
                        f"Use one of {', '.join(u.value for u in Unit)}.") from None  # fmt: skip
    try:
        direction = Direction(str(raw.get("direction", "up")).strip().lower())
    except ValueError:
        raise _fail(kpi_id, "direction", f"is {raw['direction']!r}",
                    "Use up, down or neutral.") from None  # fmt: skip
    scale = raw.get("scale", 100.0 if unit is Unit.PERCENT else 1.0)
    if isinstance(scale, bool) or not isinstance(scale, int | float) or scale <= 0:
        raise _fail(kpi_id, "scale", f"is {scale!r}", "Use a positive number: 100 for a percent.")
    return Definition(
        id=kpi_id,
        label=label.strip(),
        description=str(raw.get("description") or label).strip(),
        aggregation=agg,
        numerator=numerator,
        denominator=denominator,
        unit=unit,
        direction=direction,
        category=str(raw.get("category") or "custom").strip().lower(),
        scale=float(scale),
        benchmark=str(raw["benchmark"]) if raw.get("benchmark") else None,
        raw=dict(raw),
    )


def parse_toml(text: str, source: str) -> list[dict[str, Any]]:
    """The ``[[kpi]]`` tables of a TOML text (syntax errors name the file and line)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(
            f"{source} is not valid TOML: {exc}. Fix the line it names."
        ) from None
    tables = data.get("kpi")
    extra = sorted(set(data) - {"kpi"})
    if extra or not isinstance(tables, list) or not tables:
        raise DefinitionError(
            f"{source} must hold one or more [[kpi]] tables"
            + (f" (it also holds {', '.join(extra)})" if extra else "")
            + '. Start each KPI with a line [[kpi]] followed by id = "…".'
        )
    ids = [str(t.get("id", "")) for t in tables]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise DefinitionError(f"{source} defines {repeated[0]} twice. Keep one [[kpi]] per id.")
    return [dict(t) for t in tables]
