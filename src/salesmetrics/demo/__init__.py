"""The demo company: a realistic B2B software seller over three years, in every table.

``build_demo(path, scale, seed, start)`` fills a workspace; the same seed gives the same rows.
The stories planted in the data are parameters in ``salesmetrics.demo.config``.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from salesmetrics.backends import kind_of
from salesmetrics.demo.common import Timeline
from salesmetrics.demo.config import (
    BASE_CURRENCY,
    COMPANY_NAME,
    DEMO_META_KEY,
    MONTHS,
    SCALES,
    STAGE_PROBABILITIES,
    STORY,
)
from salesmetrics.demo.writer import (
    DemoWriter,
    ProgressHook,
    check_replaceable,
    check_replaceable_workspace,
)
from salesmetrics.engine import kept
from salesmetrics.errors import UnknownNameError
from salesmetrics.freshness import record_import
from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace


@dataclass(frozen=True)
class DemoSummary:
    """What ``build_demo`` wrote."""

    path: Path | str
    scale: str
    seed: int
    start: date
    end: date  #: last day of the history
    rows: dict[str, int]
    seconds: float


def default_start(today: date | None = None) -> date:
    """The first day of the month ``MONTHS`` months before today's month."""
    today = today or date.today()
    months = today.year * 12 + today.month - 1 - MONTHS
    return date(months // 12, months % 12 + 1, 1)


def build_demo(
    location: str | Path,
    scale: str = "small",
    seed: int = 42,
    start: date | None = None,
    progress: ProgressHook | None = None,
    stories: bool = True,
) -> DemoSummary:
    """Build (or rebuild) the demo company in the workspace at ``location``.

    ``stories=False`` builds the same organisation and volumes without the planted stories
    (docs/demo.md), for checking that insights find nothing where nothing was planted.

    The history runs ``MONTHS`` months from ``start`` (moved to the first of its month);
    without ``start`` it runs from the first day of the month ``MONTHS`` months ago through
    yesterday. A workspace holding other data is refused. On PostgreSQL or Spark the demo is
    generated into a local DuckDB file first, then copied table by table.
    """
    if scale not in SCALES:
        raise UnknownNameError("scale", scale, SCALES)
    if kind_of(str(location)) == "duckdb":
        return _build(Path(location), scale, seed, start, progress, stories)
    with Workspace.create(location) as target:
        check_replaceable_workspace(target)
    with tempfile.TemporaryDirectory(prefix="salesmetrics-demo-") as tmp:
        summary = _build(Path(tmp) / "demo.duckdb", scale, seed, start, progress, stories)
        began = time.perf_counter()
        with (
            Workspace(Path(tmp) / "demo.duckdb", read_only=True) as source,
            Workspace(location) as target,
        ):
            rows = copy_workspace(
                source, target, [DEMO_META_KEY, "demo_scale", "demo_start", "demo_stories"]
            )
        seconds = summary.seconds + time.perf_counter() - began
        return DemoSummary(location, scale, seed, summary.start, summary.end, rows, seconds)


def _build(
    path: Path,
    scale: str,
    seed: int,
    start: date | None,
    progress: ProgressHook | None,
    stories: bool = True,
) -> DemoSummary:
    from salesmetrics.demo.build import generate
    from salesmetrics.demo.users import add_demo_users
    from salesmetrics.insights.alerts import add_defaults

    began = time.perf_counter()
    story = STORY if stories else STORY.calm()
    if start is None:
        today = date.today()
        first = default_start(today)
        timeline = Timeline(first, end=today, story=story)  # through yesterday
    else:
        first = start.replace(day=1)
        timeline = Timeline(first, story=story)
    check_replaceable(path)
    with Workspace.create(path) as ws:
        ws.con.execute("SET memory_limit = '1GB'")
        writer = DemoWriter(ws.con, progress)
        writer.begin()
        try:
            generate(writer, SCALES[scale], timeline, seed)
            ws.set_setting("stage_probabilities", STAGE_PROBABILITIES)
            ws.set_setting("base_currency", BASE_CURRENCY)
            ws.set_setting("company_name", COMPANY_NAME)
            ws.backend.write_meta(DEMO_META_KEY, str(seed))
            ws.backend.write_meta("demo_scale", scale)
            ws.backend.write_meta("demo_start", first.isoformat())
            ws.backend.write_meta("demo_stories", "on" if stories else "off")
            add_demo_users(ws)
            add_defaults(ws)  # the default alert rules
            record_import(ws.backend, "all tables", f"demo company ({scale})", 0)
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        kept.refresh(ws)  # deal states and account months, kept for the KPIs
    last = (timeline.end_day - 1).astype(date)
    return DemoSummary(path, scale, seed, first, last, writer.rows, time.perf_counter() - began)


__all__ = ["SCALES", "STORY", "DemoSummary", "build_demo", "default_start"]
