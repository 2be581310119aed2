"""Which join gives which dimension, per anchor entity, and the where/scope filters.

Base tables handed to :func:`attach_dims` carry ``_rep_id`` (the record's rep) and
``_account_id`` (the record's account); entity-owned dimensions are already columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.engine.placeholders import filter_placeholder

if TYPE_CHECKING:
    from ibis.expr.types import BooleanValue, Table

    from salesmetrics.engine.request import Filters

#: Dimensions read from the rep of a record (reps table).
REP_COLUMNS = {"team": "team", "manager": "manager", "region": "region"}
#: Dimensions read from the account of a record (accounts table).
ACCOUNT_COLUMNS = {
    "industry": "industry",
    "segment": "segment",
    "country": "country",
    "account_region": "region",
}
#: Dimensions that are columns of the anchor table itself, per entity.
OWN_COLUMNS: dict[str, dict[str, str]] = {
    "opportunity": {"source": "source", "product": "product", "type": "type", "stage": "stage"},
    "lead": {"source": "source"},
    "account": {},
    "rep": {},
    "subscription": {"plan": "plan"},
    "invoice": {},
    "survey": {},
    "activity": {"activity_type": "type"},
    "spend": {"channel": "channel"},
    "web": {"channel": "channel"},
    "quota": {},
}


def clean(value: Any) -> Any:
    """A dimension value with empty strings turned into null (the null slice)."""
    return value.nullif("")


def own_dims(table: Table, entity: str, dims: Iterable[str]) -> dict[str, Any]:
    """The entity-owned dimension columns of ``table`` among ``dims``, cleaned."""
    own = OWN_COLUMNS[entity]
    return {d: clean(table[own[d]]) for d in dims if d in own}


def attach_dims(
    tables: Any, base: Table, entity: str, dims: Iterable[str], owner_from_account: bool = False
) -> Table:
    """``base`` with one column per dimension of ``dims`` that it does not hold yet.

    ``tables`` maps a canonical table name to its Ibis table. ``owner_from_account``: the record's
    rep is the account's owner (accounts anchor KPIs such as new_customers).
    """
    wanted = [d for d in dims if d not in base.columns]
    need_rep = any(d in REP_COLUMNS for d in wanted)
    need_account = any(d in ACCOUNT_COLUMNS for d in wanted) or (
        owner_from_account and (need_rep or "rep" in wanted)
    )
    if need_account:
        acc = tables["accounts"]
        cols: dict[str, Any] = {"_acc_key": acc.account_id}
        cols.update({d: clean(acc[ACCOUNT_COLUMNS[d]]) for d in wanted if d in ACCOUNT_COLUMNS})
        if owner_from_account:
            cols["_acc_owner"] = acc.owner_rep_id
        acc_sel = acc.select(**cols)
        base = base.left_join(acc_sel, base._account_id == acc_sel._acc_key)
        base = base.mutate(_acc_unlinked=base._account_id.notnull() & base._acc_key.isnull())
        if owner_from_account:
            base = base.mutate(_rep_id=base._acc_owner)
    if "rep" in wanted:
        base = base.mutate(rep=clean(base._rep_id))
    if need_rep:
        reps = tables["reps"]
        rep_cols: dict[str, Any] = {"_rep_key": reps.rep_id}
        rep_cols.update({d: clean(reps[REP_COLUMNS[d]]) for d in wanted if d in REP_COLUMNS})
        rep_sel = reps.select(**rep_cols)
        base = base.left_join(rep_sel, base._rep_id == rep_sel._rep_key)
        base = base.mutate(_rep_unlinked=base._rep_id.notnull() & base._rep_key.isnull())
    return base


def filter_predicate(
    column: Any, values: tuple[str | None, ...], bound: str | None = None
) -> BooleanValue:
    """``column`` is one of ``values``; a ``None`` among them keeps the null slice.

    ``bound`` names the dimension whose kept values are bound at run time: the SQL holds its
    placeholder (``engine.placeholders.filter_placeholder``) instead of the values."""
    kept = [v for v in values if v is not None]
    if bound is not None and kept:
        kept = [filter_placeholder(bound)]
    pred: Any = column.isin(kept) if kept else ibis.literal(False)
    if None in values:
        pred = pred | column.isnull()
    return pred.fill_null(False)


def apply_filters(base: Table, filters: Filters, bind: bool = False) -> Table:
    """``base`` restricted by every filter (dimension columns must be attached); ``bind``: the
    values are bound at run time (a compiled plan serves every value of its filters)."""
    preds = [
        filter_predicate(base[dim], values, dim if bind else None)
        for dim, values in filters.items()
    ]
    return base.filter(*preds) if preds else base
