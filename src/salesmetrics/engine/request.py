"""A KPI request: which KPI, over which periods and slices, and its validation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from salesmetrics.catalog.model import Kpi
from salesmetrics.engine.periods import GRAINS, add_months
from salesmetrics.errors import UnknownNameError, UserError

#: A filter: dimension -> the values kept (``None`` keeps the null slice).
Filters = dict[str, tuple[str | None, ...]]


@dataclass(frozen=True)
class KpiRequest:
    """Everything one KPI computation needs besides the data.

    ``scope`` holds filters every query of the engine carries (row-level access); ``where`` holds
    the user's own filters. Both have the same shape.
    """

    kpi: Kpi
    grain: str
    start: dt.date
    end: dt.date
    as_of: dt.date
    by: tuple[str, ...] = ()
    where: Filters = field(default_factory=dict)
    scope: Filters = field(default_factory=dict)
    #: every KPI computed with this request (``kpi`` is the first): they share its queries
    kpis: tuple[Kpi, ...] = ()

    @property
    def batch(self) -> tuple[Kpi, ...]:
        return self.kpis or (self.kpi,)

    @property
    def filters(self) -> Filters:
        """``where`` and ``scope`` together (a dimension in both must satisfy both)."""
        merged: Filters = dict(self.where)
        for dim, values in self.scope.items():
            if dim in merged:
                merged[dim] = tuple(v for v in merged[dim] if v in values)
            else:
                merged[dim] = values
        return merged

    @property
    def dims_used(self) -> tuple[str, ...]:
        """Every dimension the queries must attach: by, where and scope."""
        derived = [d for k in self.batch for d in k.filter_dims]
        seen = dict.fromkeys([*self.by, *self.where, *self.scope, *derived])
        return tuple(seen)


def parse_date(value: Any, what: str) -> dt.date | None:
    """A date from a ``datetime.date``/``datetime``/ISO string; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise UserError(f"{what} must be a date like 2024-01-31, not {value!r}.") from None


def _check_dim(kpi: Kpi, dim: str, role: str) -> None:
    if dim in kpi.dimensions:
        return
    from salesmetrics.schema import dimensions

    if dim in dimensions():
        supported = ", ".join(kpi.dimensions) or "none"
        raise UserError(
            f"KPI {kpi.id} cannot be sliced by {role} '{dim}'. Supported dimensions: {supported}."
        )
    raise UnknownNameError("dimension", dim, kpi.dimensions)


def parse_filters(kpi: Kpi, raw: Mapping[str, Any] | None, role: str) -> Filters:
    """Normalise ``{dim: value | [values]}``; empty strings and None select the null slice."""
    out: Filters = {}
    for raw_dim, value in (raw or {}).items():
        dim = str(raw_dim).strip().lower()
        _check_dim(kpi, dim, role)
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        kept = tuple(None if v is None or str(v).strip() == "" else str(v).strip() for v in values)
        out[dim] = tuple(dict.fromkeys(out.get(dim, ()) + kept))
    return out


def build_request(
    kpi: Kpi | Sequence[Kpi],
    *,
    grain: str = "month",
    start: Any = None,
    end: Any = None,
    by: Sequence[str] | str | None = None,
    where: Mapping[str, Any] | None = None,
    as_of: Any = None,
    scope: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
) -> KpiRequest:
    """Check a request and fill its defaults (as_of today, end as_of, 12 months back).

    Messages name the command-line options (``--from`` for ``start``, ``--to`` for ``end``).
    Several KPIs share one request (each must support its dimensions).
    """
    kpis = tuple(kpi) if isinstance(kpi, Sequence) else (kpi,)
    if not kpis:
        raise UserError("No KPI was asked for.")
    grain = str(grain).strip().lower()
    if grain not in GRAINS:
        raise UnknownNameError("grain", str(grain), GRAINS)
    as_of_date = parse_date(as_of, "--as-of") or today or dt.date.today()
    end_date = parse_date(end, "--to") or as_of_date
    start_date = parse_date(start, "--from") or add_months(end_date.replace(day=1), -11)
    if start_date > end_date:
        raise UserError(f"--from {start_date} is after --to {end_date}.")
    by_list = [by] if isinstance(by, str) else list(by or [])
    by_list = [str(d).strip().lower() for d in by_list]
    for dim in kpis[0].always_by:  # a KPI defined per stage is split by stage
        if dim not in by_list and all(dim in k.dimensions for k in kpis):
            by_list.append(dim)
    for one in kpis:
        for dim in by_list:
            _check_dim(one, dim, "dimension")
    if len(set(by_list)) != len(by_list):
        raise UserError(f"A dimension is repeated in --by: {', '.join(by_list)}.")
    filters = [parse_filters(one, where, "filter") for one in kpis]
    scopes = [parse_filters(one, scope, "scope") for one in kpis]
    return KpiRequest(
        kpi=kpis[0],
        grain=grain,
        start=start_date,
        end=end_date,
        as_of=as_of_date,
        by=tuple(by_list),
        where=filters[0],
        scope=scopes[0],
        kpis=kpis if len(kpis) > 1 else (),
    )
