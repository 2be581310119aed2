"""Caveats: rows a KPI counted differently than a reader would assume, counted in the query.

Each caveat is a predicate over a row set's rows; the aggregate query counts the rows of the
KPI's population where it holds (``__warn_<name>``), and a non-zero count becomes a warning
that travels with the result (CLI stderr, JSON ``warnings``, API).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context
    from salesmetrics.engine.measures import Measure
    from salesmetrics.engine.rowsets import RowSet

Predicate = Callable[["Table", "Context"], Any]


@dataclass(frozen=True)
class Caveat:
    """``message`` is formatted with ``n`` (rows) and ``kpi`` (the KPI id)."""

    name: str
    predicate: Predicate
    message: str


def _no_amount(t: Table, ctx: Context) -> Any:
    return t._amount.isnull()


def _closed_since(t: Table, ctx: Context) -> Any:
    return t._stage_unknown


def _rep_unlinked(t: Table, ctx: Context) -> Any:
    return t._rep_unlinked


def _account_unlinked(t: Table, ctx: Context) -> Any:
    return t._acc_unlinked


def caveats_for(ctx: Context, rowset: RowSet, rows: Table, measures: list[Measure]) -> list[Caveat]:
    """Every caveat that applies to one aggregate query."""
    from salesmetrics.engine.registry import EXTRA_WARNINGS

    found: list[Caveat] = []
    for m in measures:
        if m.name in EXTRA_WARNINGS:
            predicate, text = EXTRA_WARNINGS[m.name]
            found.append(Caveat(m.name, predicate, text + " of {kpi}"))
    if any(m.money for m in measures) and "_amount" in rows.columns:
        found.append(
            Caveat(
                "no_amount",
                _no_amount,
                "{n} deal row(s) without an amount add nothing to {kpi} (and are left out of "
                "its averages); fill in their amounts",
            )
        )
    if rowset.name.startswith("open_deals") and "stage" in ctx.request.dims_used:
        found.append(
            Caveat(
                "stage_unknown",
                _closed_since,
                "{n} deal row(s) were open on a period's last day but are closed now; without "
                "opportunity_history rows for them their stage on that day is unknown, so they "
                "are shown under the empty stage",
            )
        )
    if "_rep_unlinked" in rows.columns:
        found.append(
            Caveat(
                "rep_unlinked",
                _rep_unlinked,
                "{n} row(s) of {kpi} name a rep that is not in reps, so their team, manager and "
                "region are empty; import those reps (`salesmetrics check` lists the ids)",
            )
        )
    if "_acc_unlinked" in rows.columns:
        found.append(
            Caveat(
                "account_unlinked",
                _account_unlinked,
                "{n} row(s) of {kpi} name an account that is not in accounts, so their "
                "industry, segment and country are empty; import those accounts",
            )
        )
    return found
