"""The overlapping-subscriptions check against a day-by-day reference in plain Python."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesmetrics.quality import CHECKS, run_checks
from salesmetrics.workspace import Workspace
from tests.quality.data import insert, sub

DAY0 = dt.date(2024, 1, 1)
OVERLAP = tuple(c for c in CHECKS if c.id == "subscriptions.overlapping")

rows_strategy = st.lists(
    st.tuples(
        st.sampled_from(["a", "b"]),  # account
        st.sampled_from(["pro", "basic", None]),  # plan
        st.integers(0, 12),  # start day
        st.one_of(st.none(), st.integers(0, 14)),  # end day (exclusive), None = open
    ),
    max_size=8,
)


def reference(rows: list[tuple[str, str | None, int, int | None]]) -> list[str]:
    """Ids of rows sharing an active day with another row of the same account and plan."""
    horizon = 20  # beyond every start and end: open rows are active on it

    def days(start: int, end: int | None) -> set[int]:
        return set(range(start, horizon if end is None else end))

    flagged = []
    for i, (account, plan, start, end) in enumerate(rows):
        for j, (account2, plan2, start2, end2) in enumerate(rows):
            same_group = (account, plan) == (account2, plan2)
            if i != j and same_group and days(start, end) & days(start2, end2):
                flagged.append(f"s{i:02d}")
                break
    return flagged


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=rows_strategy)
def test_overlap_check_matches_the_day_by_day_reference(
    workspace: Workspace, rows: list[tuple[str, str | None, int, int | None]]
) -> None:
    workspace.con.execute("DELETE FROM subscriptions")
    for i, (account, plan, start, end) in enumerate(rows):
        start_day = DAY0 + dt.timedelta(days=start)
        end_day = None if end is None else (DAY0 + dt.timedelta(days=end)).isoformat()
        insert(
            workspace,
            "subscriptions",
            sub(f"s{i:02d}", start_day.isoformat(), end_day, account_id=account, plan=plan),
        )
    (finding,) = run_checks(workspace, checks=OVERLAP, examples=100)
    assert finding.examples == reference(rows)
    assert finding.count == len(finding.examples)
