"""What routes and pages depend on: the served workspace, the result cache and the KPI
selectors of the command line as query parameters."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from salesmetrics.engine.periods import Grain
from salesmetrics.web.cache import ResultCache
from salesmetrics.web.errors import ApiError
from salesmetrics.web.workspaces import ViewedSource, WorkspaceSource


def get_source(request: Request) -> ViewedSource:
    """The served workspace as the request's user sees it (their scope on every read)."""
    from salesmetrics.web.auth.guards import current_identity

    source: WorkspaceSource = request.app.state.source
    return ViewedSource(source, current_identity(request).viewer)


def get_cache(request: Request) -> ResultCache:
    cache: ResultCache = request.app.state.cache
    return cache


SourceDep = Annotated[ViewedSource, Depends(get_source)]
CacheDep = Annotated[ResultCache, Depends(get_cache)]


def parse_where(items: list[str]) -> dict[str, list[str | None]]:
    """``["team:East", "source:"]`` -> ``{"team": ["East"], "source": [None]}`` (``=`` works
    too, as on the command line)."""
    where: dict[str, list[str | None]] = {}
    for item in items:
        sep = ":" if ":" in item else "="
        if sep not in item:
            raise ApiError(422, f"where expects DIM:VALUE, got {item!r}.", "invalid_parameter")
        dim, value = (part.strip() for part in item.split(sep, 1))
        if not dim:
            raise ApiError(422, f"where expects DIM:VALUE, got {item!r}.", "invalid_parameter")
        where.setdefault(dim.lower(), []).append(value or None)
    return where


@dataclass(frozen=True)
class Selectors:
    """grain, from, to, as_of, by and where, as `salesmetrics kpi` takes them."""

    grain: str = "month"
    start: str | None = None
    end: str | None = None
    as_of: str | None = None
    by: tuple[str, ...] = ()
    where: tuple[str, ...] = field(default_factory=tuple)

    def request(self) -> dict[str, Any]:
        """The engine's request (what the CLI builds from the same options)."""
        return {
            "grain": self.grain,
            "start": self.start,
            "end": self.end,
            "by": list(self.by),
            "where": parse_where(list(self.where)),
            "as_of": self.as_of,
        }

    def key(self) -> tuple[Hashable, ...]:
        return (self.grain, self.start, self.end, self.as_of, self.by, self.where)


def selectors(
    grain: Annotated[Grain, Query(description="day, week, month, quarter, year or total.")] = (
        Grain.month
    ),
    start: Annotated[
        str | None, Query(alias="from", description="First day, inclusive (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None, Query(alias="to", description="Last day, inclusive (YYYY-MM-DD).")
    ] = None,
    as_of: Annotated[str | None, Query(description="Evaluation date (YYYY-MM-DD).")] = None,
    by: Annotated[list[str] | None, Query(description="Slice by a dimension; repeatable.")] = None,
    where: Annotated[
        list[str] | None,
        Query(description="Keep DIM:VALUE only; repeatable; DIM: keeps the empty slice."),
    ] = None,
) -> Selectors:
    return Selectors(
        grain.value,
        start or None,
        end or None,
        as_of or None,
        tuple(b for b in by or [] if b),
        tuple(w for w in where or [] if w),
    )


SelectorsDep = Annotated[Selectors, Depends(selectors)]


def cached(source: ViewedSource, cache: ResultCache, key: tuple[Hashable, ...],
           compute: Callable[[], Any]) -> Any:  # fmt: skip
    """``compute()`` once per key, data stamp (an import makes a new stamp) and scope (users
    who see different rows never share an answer)."""
    return cache.get_or_compute((source.stamp(), source.cache_key, *key), compute)
