"""Custom KPIs in the engine: definitions checked against the measures, stored in the workspace,
and compiled like the built-ins.

A custom KPI is a catalog ``Kpi`` whose numerator and denominator are *derived measures*: an
engine measure restricted by dimension filters and record-field filters. A derived measure's
name is a hash of its content, so the compiled-plan cache (keyed by measure names) can never
serve one definition's SQL for another's.

The measures a definition may name are those the built-in KPIs are made of; each brings the
dimensions, kind and anchor of the built-in KPIs that use it.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from salesmetrics.catalog import all_kpis
from salesmetrics.catalog.custom import Definition, DefinitionError, Side, parse_definition
from salesmetrics.catalog.model import Aggregation, DerivedMeasure, Indicator, Kind, Kpi, Unit
from salesmetrics.errors import UnknownNameError

if TYPE_CHECKING:
    from salesmetrics.engine.measures import Measure
    from salesmetrics.workspace import Workspace

META_KEY = "custom_kpis"
#: record columns holding money in the row's currency (filters compare them converted)
MONEY_COLUMNS = ("_amount", "_invoice_amount")


@dataclass(frozen=True)
class MeasureUse:
    """What the built-in KPIs made of a measure say about it."""

    name: str
    dimensions: tuple[str, ...]
    kind: Kind
    anchor: str
    money: bool
    counts: bool
    fields: tuple[str, ...]


def measure_uses() -> dict[str, MeasureUse]:
    """Every measure a custom KPI may name, with the dimensions its built-in KPIs slice it by."""
    from salesmetrics.engine.registry import MEASURES, ROWSETS

    found: dict[str, MeasureUse] = {}
    plain = (Aggregation.SUM, Aggregation.RATIO, Aggregation.MEDIAN)
    for kpi in all_kpis():
        if kpi.aggregation not in plain:
            continue
        for name in filter(None, (kpi.numerator, kpi.denominator)):
            m = MEASURES[name]
            before = found.get(name)
            # every dimension some built-in KPI slices this measure by (its row set has it)
            dims = kpi.dimensions if before is None else tuple(
                dict.fromkeys([*before.dimensions, *kpi.dimensions])
            )  # fmt: skip
            found[name] = MeasureUse(
                name,
                dims,
                before.kind if before else kpi.kind,
                before.anchor if before else kpi.anchor,
                m.money,
                m.value is None,
                tuple(ROWSETS[m.rowset].records),
            )
    return found


def _derived_name(base: str, agg: str, side: Side) -> str:
    content = json.dumps(
        [base, agg, sorted(side.where.items()), list(side.fields)], sort_keys=True, default=str
    )
    return "x_" + hashlib.sha1(content.encode()).hexdigest()[:16]


def _derive(definition: Definition, side: Side, agg: str, uses: dict[str, MeasureUse],
            role: str) -> DerivedMeasure:  # fmt: skip
    kpi = definition.id
    use = uses.get(side.measure)
    if use is None:
        import difflib

        close = difflib.get_close_matches(side.measure, list(uses), n=1)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        field_name = "measure" if definition.denominator is None else role
        raise DefinitionError(
            f"Custom KPI {kpi}: field '{field_name}' names '{side.measure}', which is not an "
            f"engine measure. {hint}`salesmetrics kpis --measures` lists them."
        )
    for dim in side.where:
        if dim not in use.dimensions:
            raise DefinitionError(
                f"Custom KPI {kpi}: field '{role}_where' (or 'where') filters on '{dim}', which "
                f"measure {side.measure} cannot be sliced by. Its dimensions: "
                f"{', '.join(use.dimensions) or 'none'}."
            )
    for name, op, value in side.fields:
        if name not in use.fields:
            raise DefinitionError(
                f"Custom KPI {kpi}: field '{role}_filter' (or 'filter') names '{name}', which "
                f"the records of measure {side.measure} do not have. Their fields: "
                f"{', '.join(use.fields)}."
            )
        if isinstance(value, str) and op not in ("=", "!="):
            raise DefinitionError(
                f"Custom KPI {kpi}: field '{role}_filter' compares '{name}' {op} a text; "
                "compare texts with = or != only, or give a number."
            )
    if agg == "sum" and use.counts:
        raise DefinitionError(
            f"Custom KPI {kpi}: field 'aggregation' is sum, but measure {side.measure} counts "
            "records. Use aggregation = count."
        )
    if agg in ("mean", "median") and use.counts:
        raise DefinitionError(
            f"Custom KPI {kpi}: field 'aggregation' is {agg}, but measure {side.measure} counts "
            "records and has no value to average. Name a measure with a value (an amount or "
            "days), or use count."
        )
    base_agg = "sum" if agg == "mean" else agg
    return DerivedMeasure(
        _derived_name(side.measure, base_agg, side),
        side.measure,
        base_agg,
        tuple(sorted(side.where.items())),
        side.fields,
    )


def build_kpi(raw: dict[str, Any]) -> Kpi:
    """The catalog entry of one raw definition (every problem is a DefinitionError)."""
    builtin = {k.id for k in all_kpis()}
    definition = parse_definition(raw, builtin)
    uses = measure_uses()
    agg = definition.aggregation
    num = definition.numerator
    derived = [_derive(definition, num, "count" if agg == "count" else agg, uses, "numerator")]
    if agg == "mean":  # the rows with a value, so empty amounts do not pull the mean down
        derived.append(_derive(definition, num, "valued", uses, "numerator"))
    if definition.denominator is not None:
        derived.append(_derive(definition, definition.denominator, "ratio", uses, "denominator"))
    use = uses[num.measure]
    dims = tuple(
        d
        for d in use.dimensions
        if definition.denominator is None or d in uses[definition.denominator.measure].dimensions
    )
    unit = definition.unit or _default_unit(definition, use)
    aggregation = {"median": Aggregation.MEDIAN, "sum": Aggregation.SUM,
                   "count": Aggregation.SUM}.get(agg, Aggregation.RATIO)  # fmt: skip
    formula = _formula(definition)
    return Kpi(
        id=definition.id,
        label=definition.label,
        description=definition.description,
        formula=formula,
        unit=unit,
        direction=definition.direction,
        category=definition.category,
        indicator=Indicator.LAGGING,
        anchor=use.anchor,
        kind=use.kind,
        aggregation=aggregation,
        numerator=derived[0].name,
        denominator=derived[1].name if len(derived) > 1 else None,
        dimensions=dims,
        benchmark=definition.benchmark,
        scale=definition.scale if agg == "ratio" else 1.0,
        derived=tuple(derived),
        custom=True,
    )


def _default_unit(definition: Definition, use: MeasureUse) -> Unit:
    if definition.aggregation == "count":
        return Unit.COUNT
    if definition.aggregation == "ratio":
        return Unit.PERCENT if definition.scale == 100 else Unit.RATIO
    return Unit.MONEY if use.money else Unit.COUNT


def _side_text(side: Side) -> str:
    parts = [f"{d} = {', '.join('(empty)' if v is None else v for v in vs)}"
             for d, vs in side.where.items()]  # fmt: skip
    parts += [f"{f} {op} {v}" for f, op, v in side.fields]
    return side.measure + (f" [{'; '.join(parts)}]" if parts else "")


def _formula(d: Definition) -> str:
    if d.denominator is None:
        return f"{d.aggregation} of {_side_text(d.numerator)}"
    scale = f" × {d.scale:g}" if d.scale != 1 else ""
    return f"{_side_text(d.numerator)} / {_side_text(d.denominator)}{scale}"


# -- the measures the engine compiles ---------------------------------------------------------
_lock = threading.Lock()


def register(kpis: tuple[Kpi, ...] | list[Kpi]) -> None:
    """Add the derived measures of ``kpis`` to the engine's measures (idempotent: a name is
    its content)."""
    from salesmetrics.engine.registry import MEASURES

    with _lock:
        for kpi in kpis:
            for d in kpi.derived:
                if d.name not in MEASURES:
                    MEASURES[d.name] = derived_measure(d)


def derived_measure(d: DerivedMeasure) -> Measure:
    """The engine measure of ``d``: its base measure's rows restricted by the filters."""
    from salesmetrics.engine.dimensions import filter_predicate
    from salesmetrics.engine.measures import Measure
    from salesmetrics.engine.registry import MEASURES, ROWSETS

    base = MEASURES[d.base]
    records = ROWSETS[base.rowset].records
    converts = any(records[f] in MONEY_COLUMNS for f, _, _ in d.fields)

    def restricted(t: Any, ctx: Any) -> Any:
        pred: Any = None
        for dim, values in d.where:
            p = filter_predicate(t[dim], values)
            pred = p if pred is None else pred & p
        for name, op, value in d.fields:
            column = t[records[name]]
            if records[name] in MONEY_COLUMNS:
                column = column * t._rate
            p = _compare(column, op, value)
            pred = p if pred is None else pred & p
        return pred

    def passes(t: Any, ctx: Any) -> Any:
        extra = restricted(t, ctx)
        if extra is None:
            return None
        extra = extra.fill_null(False)
        # a row without a rate cannot be compared: it is left out of the number and counted in
        # the fx warning, never silently dropped by the filter
        return extra | t._fx_missing if converts else extra

    def member(t: Any, ctx: Any) -> Any:
        hit, extra = base.member(t, ctx), passes(t, ctx)
        if d.agg == "valued" and base.value is not None:
            hit = hit & base.value(t, ctx).notnull()
        return hit if extra is None else hit & extra

    def population(t: Any, ctx: Any) -> Any:
        hit, extra = base.in_population(t, ctx), passes(t, ctx)
        return hit if extra is None else hit & extra

    return Measure(
        name=d.name,
        rowset=base.rowset,
        member=member,
        value=None if d.agg in ("count", "valued") else base.value,
        agg="median" if d.agg == "median" else "sum",
        money=base.money or converts,
        population=population,
        needs=base.needs,
        uses=base.uses,
    )


def _compare(column: Any, op: str, value: float | str) -> Any:
    import operator

    ops = {"=": operator.eq, "!=": operator.ne, ">": operator.gt, ">=": operator.ge,
           "<": operator.lt, "<=": operator.le}  # fmt: skip
    return ops[op](column, value)


# -- the workspace's definitions ----------------------------------------------------------------
_built: dict[str, tuple[Kpi, ...]] = {}


def stored_definitions(workspace: Workspace) -> list[dict[str, Any]]:
    raw = workspace.backend.read_meta(META_KEY)
    return list(json.loads(raw)) if raw else []


def workspace_kpis(workspace: Workspace) -> dict[str, Kpi]:
    """The workspace's custom KPIs by id (built once per stored text)."""
    raw = workspace.backend.read_meta(META_KEY)
    if not raw:
        return {}
    kpis = _built.get(raw)
    if kpis is None:
        kpis = tuple(build_kpi(d) for d in json.loads(raw))
        _built[raw] = kpis
    register(kpis)
    return {k.id: k for k in kpis}


def resolve_kpi(workspace: Workspace, kpi_id: str) -> Kpi:
    """A built-in KPI, else one of the workspace's; unknown ids answer 'did you mean …?'."""
    from salesmetrics.catalog.registry import REGISTRY

    key = kpi_id.strip().lower() if isinstance(kpi_id, str) else ""
    if key in REGISTRY:
        return REGISTRY[key]
    custom = workspace_kpis(workspace)
    if key in custom:
        return custom[key]
    raise UnknownNameError("KPI", str(kpi_id), {**REGISTRY, **custom})


def define(workspace: Workspace, tables: list[dict[str, Any]]) -> list[Kpi]:
    """Check every definition of ``tables`` and store them with the workspace's others (a
    definition with an id already stored replaces it); nothing is stored unless all pass."""
    workspace.require_writable("defining KPIs")
    kpis = [build_kpi(t) for t in tables]
    stored = {d["id"]: d for d in stored_definitions(workspace)}
    for table, kpi in zip(tables, kpis, strict=True):
        stored[kpi.id] = {k: v for k, v in table.items()}
    merged = [stored[k] for k in sorted(stored)]
    for one in merged:  # every stored definition must still build
        build_kpi(one)
    workspace.backend.write_meta(META_KEY, json.dumps(merged, sort_keys=True, default=str))
    _audit(workspace, "kpis_define", {"kpis": [k.id for k in kpis]})
    return kpis


def _audit(workspace: Workspace, action: str, detail: dict[str, Any]) -> None:
    from salesmetrics.access.audit import Actor, record

    actor = Actor.cli()
    record(workspace.backend, actor.name, action, detail, actor.client)


def remove(workspace: Workspace, kpi_id: str) -> None:
    """Forget one custom KPI of the workspace."""
    workspace.require_writable("removing KPIs")
    stored = {d["id"]: d for d in stored_definitions(workspace)}
    if kpi_id not in stored:
        raise UnknownNameError("custom KPI", kpi_id, stored)
    del stored[kpi_id]
    merged = [stored[k] for k in sorted(stored)]
    workspace.backend.write_meta(META_KEY, json.dumps(merged, sort_keys=True, default=str))
    _audit(workspace, "kpis_remove", {"kpi": kpi_id})
