"""The values a dimension takes in a workspace, and ``where`` filters matched against them.

A ``--where team=enterprise`` keeps the stored spellings that match ignoring case
(``Enterprise``); a value that matches nothing is a user error that lists the values there are,
so a typo never answers zeros. The ``rep`` dimension also matches a rep's name or email.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from salesmetrics.engine import cache
from salesmetrics.engine.request import Filters, KpiRequest
from salesmetrics.errors import UnknownNameError, UserError, did_you_mean
from salesmetrics.schema import ALL_TABLES

if TYPE_CHECKING:
    from salesmetrics.backends.base import Session
    from salesmetrics.workspace import Workspace

#: Columns that hold a rep id besides reps.rep_id (records owned by a rep).
REP_REFERENCES = (
    ("opportunities", "owner_rep_id"),
    ("leads", "owner_rep_id"),
    ("accounts", "owner_rep_id"),
    ("activities", "rep_id"),
)
SHOWN_VALUES = 30


def sources(dimension: str) -> list[tuple[str, str]]:
    """Every (table, column) a dimension's values are read from."""
    found = [
        (table.name, column.name)
        for table in ALL_TABLES
        for column in table.columns
        if column.dimension == dimension
    ]
    if dimension == "rep":
        found += list(REP_REFERENCES)
    return found


def known_dimensions() -> list[str]:
    return sorted({c.dimension for t in ALL_TABLES for c in t.columns if c.dimension})


@dataclass(frozen=True)
class DimensionValues:
    """The values of one dimension: rows per value and table, and rep aliases."""

    dimension: str
    counts: dict[str, Counter[str]]
    aliases: dict[str, str]

    @property
    def values(self) -> list[str]:
        return sorted(self.counts, key=str.lower)


def dimension_values(
    workspace: Workspace, dimension: str, session: Session | None = None
) -> DimensionValues:
    """Every non-empty value of ``dimension`` with how many rows of each table hold it."""
    name = dimension.strip().lower()
    if name not in known_dimensions():
        raise UnknownNameError("dimension", dimension, known_dimensions())
    if session is None:
        with workspace.backend.session() as own:
            return dimension_values(workspace, dimension, own)
    counts: dict[str, Counter[str]] = {}
    dialect = workspace.backend.dialect
    for table_name, column in sources(name):
        sql = cache.text(
            ("values", table_name, column, dialect),
            lambda t=table_name, c=column: _values_sql(workspace, t, c),
        )
        _, found = session.rows(sql)
        for v, n in found:
            counts.setdefault(str(v), Counter())[table_name] += int(n)
    aliases = _rep_aliases(workspace, session) if name == "rep" else {}
    return DimensionValues(name, counts, aliases)


def _values_sql(workspace: Workspace, table_name: str, column: str) -> str:
    from salesmetrics.engine.backend import canonical_table, to_sql

    table = canonical_table(table_name)
    picked = table.select(v=table[column].strip().nullif(""))
    picked = picked.filter(picked.v.notnull())
    return to_sql(workspace.backend, picked.group_by("v").aggregate(n=picked.count()))


def _reps_sql(workspace: Workspace) -> str:
    from salesmetrics.engine.backend import canonical_table, to_sql

    return to_sql(workspace.backend, canonical_table("reps").select("rep_id", "name", "email"))


def _rep_aliases(workspace: Workspace, session: Session) -> dict[str, str]:
    """Lower-case rep names and emails -> rep_id, where they name exactly one rep."""
    sql = cache.text(("reps aliases", workspace.backend.dialect), lambda: _reps_sql(workspace))
    _, reps = session.rows(sql)
    seen: dict[str, set[str]] = {}
    for rep_id, name, email in reps:
        for alias in (name, email):
            if isinstance(alias, str) and alias.strip():
                seen.setdefault(alias.strip().lower(), set()).add(str(rep_id))
    return {alias: next(iter(ids)) for alias, ids in seen.items() if len(ids) == 1}


def _match(values: DimensionValues, wanted: str) -> tuple[str, ...]:
    """The stored spellings of ``wanted`` (ignoring case), or a rep named ``wanted``."""
    folded = wanted.strip().lower()
    hits = tuple(v for v in values.counts if v.lower() == folded)
    if not hits and folded in values.aliases:
        hits = (values.aliases[folded],)
    return hits


def unmatched_message(values: DimensionValues, wanted: str, option: str) -> str:
    shown = values.values
    listing = ", ".join(shown[:SHOWN_VALUES]) + (" …" if len(shown) > SHOWN_VALUES else "")
    suggestion = did_you_mean(wanted, shown)
    hint = f" Did you mean '{suggestion}'?" if suggestion else ""
    where = f"{option} {values.dimension}={wanted}"
    if not shown:
        return (
            f"{where} matches nothing: no row of this workspace has a {values.dimension} "
            f"(it is read from {', '.join(f'{t}.{c}' for t, c in sources(values.dimension))})."
        )
    return (
        f"{where} matches nothing in this workspace.{hint} Values of {values.dimension}: "
        f"{listing} (`salesmetrics values {values.dimension}` lists them all)."
    )


def resolve_where(workspace: Workspace, request: KpiRequest, session: Session) -> KpiRequest:
    """``request`` with every ``where`` value replaced by the stored spellings it matches."""
    if not request.where:
        return request
    from salesmetrics.engine.scope import visible_values

    resolved: Filters = {}
    for dim, wanted in request.where.items():
        values = visible_values(workspace, dimension_values(workspace, dim, session))
        kept: list[str | None] = []
        for value in wanted:
            if value is None:  # the empty slice is always a valid choice
                kept.append(None)
                continue
            hits = _match(values, value)
            if not hits:
                raise UserError(unmatched_message(values, value, "--where"))
            kept.extend(hits)
        resolved[dim] = tuple(dict.fromkeys(kept))
    return replace(request, where=resolved)


def values_table(values: DimensionValues) -> list[dict[str, Any]]:
    """One JSON-ready row per value: the value and its row count per table."""
    tables = sorted({t for c in values.counts.values() for t in c})
    return [{"value": v, **{t: values.counts[v].get(t, 0) for t in tables}} for v in values.values]
