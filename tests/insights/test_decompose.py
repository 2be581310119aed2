"""A KPI's change split into its slices: hand-worked cases and sums that match on random data."""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesmetrics.catalog import Aggregation, all_kpis, get_kpi
from salesmetrics.insights.decompose import (
    UNATTRIBUTED,
    Decomposition,
    NotDecomposable,
    additive,
    decompose,
    decompose_kpi,
    ratio,
)


def rr(s: str | None, n: float, d: float, scale: float = 1.0) -> dict[str, Any]:
    """A ratio row as the engine gives it (value null when the denominator is 0)."""
    return {"slice": s, "value": scale * n / d if d else None, "numerator": n, "denominator": d}


def total(rows: list[dict[str, Any]], scale: float = 1.0) -> dict[str, Any]:
    return rr(None, sum(r["numerator"] for r in rows), sum(r["denominator"] for r in rows), scale)


def sr(s: str | None, v: float) -> dict[str, Any]:
    return {"slice": s, "value": v, "numerator": None, "denominator": None}


def by_slice(d: Decomposition) -> dict[str | None, Any]:
    return {p.slice: p for p in d.parts}


def assert_adds_up(d: Decomposition) -> None:
    size = max(1.0, abs(d.total_before), abs(d.total_after))
    assert d.change == pytest.approx(d.total_after - d.total_before, abs=1e-12 * size)
    assert math.fsum(p.contribution for p in d.parts) == pytest.approx(d.change, abs=1e-9 * size)
    for p in d.parts:
        if p.rate is not None and p.mix is not None:
            assert p.rate + p.mix == pytest.approx(p.contribution, abs=1e-9 * size)


# --- hand-worked -----------------------------------------------------------------------------


def test_simpsons_paradox_every_slice_rises_and_the_total_falls() -> None:
    # Win rate. Before: A 80/100 (80 %), B 20/100 (20 %) → 100/200 = 50 %.
    # After:  A 18/20 (90 %), B 54/180 (30 %) → 72/200 = 36 %: both +10 points, total −14.
    before, after = (
        [rr("A", 80, 100, 100), rr("B", 20, 100, 100)],
        [
            rr("A", 18, 20, 100),
            rr("B", 54, 180, 100),
        ],
    )
    d = ratio(before, after, total(before, 100), total(after, 100), scale=100)
    assert (d.total_before, d.total_after, d.change, d.exact) == (50, 36, -14, True)
    a, b = by_slice(d)["A"], by_slice(d)["B"]
    # weights .5/.5 → .1/.9, w̄ = .3/.7; Δr = +10 each; R̄ = 43, r̄ = 85 / 25
    assert a.rate == pytest.approx(0.3 * 10) and b.rate == pytest.approx(0.7 * 10)
    assert a.mix == pytest.approx(-0.4 * (85 - 43)) and b.mix == pytest.approx(0.4 * (25 - 43))
    assert a.contribution == pytest.approx(-13.8) and b.contribution == pytest.approx(-0.2)
    assert a.rate + b.rate == pytest.approx(10)  # every slice got better …
    assert a.mix + b.mix == pytest.approx(-24)  # … and the deals moved to the weaker slice
    assert (a.before, a.after, a.share_before, a.share_after) == (80, 90, 0.5, 0.1)
    assert [p.slice for p in d.parts] == ["A", "B"]  # largest contribution first
    assert_adds_up(d)


def test_additive_slices_in_one_period_and_the_null_slice() -> None:
    before = [sr("East", 1000), sr("West", 500), sr(None, 200)]
    after = [sr("East", 1500), sr("North", 300), sr(None, 100)]
    d = additive(before, after, 1700, 1900)
    assert d.change == 200 and d.exact and d.kind == "additive"
    parts = by_slice(d)
    assert parts["East"].contribution == 500
    assert (parts["West"].before, parts["West"].after, parts["West"].contribution) == (500, 0, -500)
    assert parts["North"].contribution == 300
    assert parts[None].contribution == -100
    assert parts["East"].rate is None and parts["East"].mix is None
    assert [p.slice for p in d.parts] == ["East", "West", "North", None]
    assert_adds_up(d)


def test_additive_identical_periods_and_empty_strings_are_the_null_slice() -> None:
    rows = [sr("a", 3), sr("", 2)]
    d = additive(rows, [sr("a", 3), sr(None, 2)], 5, 5)
    assert d.change == 0 and all(p.contribution == 0 for p in d.parts) and len(d.parts) == 2


def test_rows_straight_from_a_dataframe() -> None:
    before = pd.DataFrame(
        {"team": ["East", None], "value": [0.5, None], "numerator": [1, 0], "denominator": [2, 0]}
    )
    after = pd.DataFrame(
        {
            "team": pd.array(["East", pd.NA], dtype="string"),
            "value": [0.25, 1.0],
            "numerator": [1, 2],
            "denominator": [4, 2],
        }
    )
    d = ratio(before.to_dict("records"), after.to_dict("records"), 0.5, 0.5, key="team")
    assert set(by_slice(d)) == {"East", None} and d.exact
    assert by_slice(d)[None].rate == 0 and by_slice(d)[None].before is None
    assert_adds_up(d)


def test_ratio_slice_without_denominator_in_one_period_is_all_mix() -> None:
    # Conversion: before A 10/50, B 0/0 (no leads) → 20 %; after A 10/50, B 30/50 → 40 %.
    before, after = (
        [rr("A", 10, 50, 100), rr("B", 0, 0, 100)],
        [
            rr("A", 10, 50, 100),
            rr("B", 30, 50, 100),
        ],
    )
    d = ratio(before, after, total(before, 100), total(after, 100), scale=100)
    parts = by_slice(d)
    b, a = parts["B"], parts["A"]
    assert b.before is None and b.after == 60 and b.rate == 0
    # R̄ = 30: B enters with weight .5 at 60 → .5·(60 − 30) = 15; A keeps 20 % but loses half
    # its weight: rate 0, mix −.5·(20 − 30) = +5 (weight left a below-average slice)
    assert b.mix == pytest.approx(15) and b.contribution == pytest.approx(15)
    assert a.rate == 0 and a.mix == pytest.approx(5)
    assert d.change == pytest.approx(20)
    assert_adds_up(d)


def test_ratio_unchanged_slice_contributes_nothing() -> None:
    # A keeps 30/100 of a denominator that stays 300; B keeps its 20 % on half the weight
    before = [rr("A", 30, 100), rr("B", 20, 100), rr("C", 25, 100)]
    after = [rr("A", 30, 100), rr("B", 10, 50), rr("C", 40, 150)]
    d = ratio(before, after, total(before), total(after))
    parts = by_slice(d)
    assert parts["A"].contribution == 0
    r_bar = (0.25 + 80 / 300) / 2
    assert parts["B"].rate == 0
    assert parts["B"].mix == pytest.approx((1 / 6 - 1 / 3) * (0.2 - r_bar))
    assert parts["C"].rate == pytest.approx((1 / 3 + 1 / 2) / 2 * (40 / 150 - 0.25))
    assert_adds_up(d)


def test_weight_moving_to_a_slice_at_the_average_rate_is_no_mix() -> None:
    # 25 % overall in both periods; C (25 %) doubles its deals, A (30 %) and B (20 %) lose weight
    before = [rr("A", 30, 100), rr("B", 20, 100), rr("C", 25, 100)]
    after = [rr("A", 30, 100), rr("B", 20, 100), rr("C", 50, 200)]
    d = ratio(before, after, total(before), total(after))
    parts = by_slice(d)
    assert d.change == 0
    assert parts["C"].contribution == pytest.approx(0, abs=1e-15)
    assert parts["A"].mix == pytest.approx(-1 / 12 * 0.05)
    assert parts["B"].mix == pytest.approx(1 / 12 * 0.05)
    assert_adds_up(d)


def test_numerator_without_denominator_in_both_periods_is_a_rate_effect() -> None:
    # revenue per rep: a team with revenue but no active reps (denominator 0)
    before = [rr("T1", 1000, 2), rr("T2", 100, 0)]
    after = [rr("T1", 1000, 2), rr("T2", 300, 0)]
    d = ratio(before, after, total(before), total(after))
    t2 = by_slice(d)["T2"]
    assert (t2.before, t2.after) == (None, None)
    assert t2.contribution == pytest.approx(100) and t2.rate == pytest.approx(100)
    assert t2.mix == 0 and d.change == pytest.approx(100)
    assert_adds_up(d)
    # T1 doubles its reps at the same revenue per rep: T2's unchanged 100 is spread over 4
    # reps instead of 2 — a mix effect of 100·(1/4 − 1/2) = −25; T1 itself contributes 0
    d = ratio(before, [rr("T1", 2000, 4), rr("T2", 100, 0)], total(before), 525)
    t2 = by_slice(d)["T2"]
    assert (t2.rate, t2.mix) == (0, pytest.approx(-25))
    assert by_slice(d)["T1"].contribution == 0 and d.change == -25
    assert_adds_up(d)


def test_overlapping_slices_leave_a_residual_and_say_so() -> None:
    # accounts contacted: one account contacted by both reps counts once in the total
    d = additive([sr("r1", 5), sr("r2", 4)], [sr("r1", 6), sr("r2", 6)], 8, 10)
    assert not d.exact
    last = d.parts[-1]
    assert last.residual and last.slice == UNATTRIBUTED
    assert (last.before, last.after, last.contribution) == (-1, -2, -1)
    assert_adds_up(d)
    # a ratio whose total holds rows no slice has (deals without an owner)
    before, after = [rr("A", 1, 4)], [rr("A", 2, 4)]
    d = ratio(before, after, rr(None, 2, 5), rr(None, 2, 5))
    assert not d.exact and d.change == 0
    assert d.parts[-1].contribution == pytest.approx(-0.25)
    assert_adds_up(d)


def test_not_decomposable_says_why() -> None:
    with pytest.raises(NotDecomposable, match="denominator is 0"):
        ratio([rr("A", 0, 0)], [rr("A", 1, 2)], rr(None, 0, 0), rr(None, 1, 2))
    with pytest.raises(NotDecomposable, match="no value in the current period"):
        additive([sr("A", 1)], [sr("A", 1)], 1, None)
    with pytest.raises(NotDecomposable, match="median of the whole"):
        decompose("median", [], [], 1, 2)
    with pytest.raises(NotDecomposable, match=r"Win rate.*denominator is 0"):
        decompose_kpi(get_kpi("win_rate"), [], [], rr(None, 0, 0), rr(None, 1, 1))
    with pytest.raises(NotDecomposable, match="numerator and denominator"):
        ratio([sr("A", 0.5)], [sr("A", 0.5)], 0.5, 0.5)
    with pytest.raises(NotDecomposable, match="add up to 0"):
        ratio([rr("A", 0, 0)], [rr("A", 1, 2)], 0.3, 0.5)
    with pytest.raises(ValueError, match="twice"):
        additive([sr("A", 1), sr("A", 2)], [], 3, 0)


def test_every_catalog_kpi_is_decomposed_or_refused() -> None:
    """Each kind of the catalog: sums and ratios add up, the others say why not."""
    seen: set[Aggregation] = set()
    for kpi in all_kpis():
        seen.add(kpi.aggregation)
        if kpi.aggregation is Aggregation.SUM:
            before, after = [sr("x", 10), sr(None, 5)], [sr("x", 7), sr("y", 9)]
            d = decompose_kpi(kpi, before, after, 15, 16)
            assert d.change == 1 and d.exact
        elif kpi.aggregation is Aggregation.RATIO:
            s = kpi.scale
            before, after = [rr("x", 3, 10, s), rr(None, 1, 4, s)], [rr("x", 6, 10, s)]
            d = decompose_kpi(kpi, before, after, total(before, s), total(after, s))
            assert d.change == pytest.approx(s * (0.6 - 4 / 14)) and d.exact
        else:
            with pytest.raises(NotDecomposable, match=re.escape(kpi.label)):
                decompose_kpi(kpi, [], [], 1, 2)
            continue
        assert_adds_up(d)
    assert {Aggregation.SUM, Aggregation.RATIO, Aggregation.MEDIAN} <= seen


# --- properties ------------------------------------------------------------------------------

labels = st.sampled_from(["a", "b", "c", "d", "e", None])
values = st.floats(-1e6, 1e6, allow_nan=False)
counts = st.integers(0, 60)
nd = st.tuples(st.floats(0, 1e5, allow_nan=False), counts) | st.tuples(counts, counts).map(
    lambda t: (min(t), t[1])
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(labels, values, max_size=6), st.dictionaries(labels, values, max_size=6))
def test_additive_contributions_add_up(
    b: dict[str | None, float], a: dict[str | None, float]
) -> None:
    before = [sr(s, v) for s, v in b.items()]
    after = [sr(s, v) for s, v in a.items()]
    d = additive(before, after, math.fsum(b.values()), math.fsum(a.values()))
    assert d.exact
    assert_adds_up(d)
    swapped = additive(after, before, math.fsum(a.values()), math.fsum(b.values()))
    assert by_slice(swapped).keys() == by_slice(d).keys()
    for s, p in by_slice(swapped).items():
        assert p.contribution == -by_slice(d)[s].contribution


@settings(max_examples=500, deadline=None)
@given(
    st.dictionaries(labels, nd, min_size=1, max_size=6),
    st.dictionaries(labels, nd, min_size=1, max_size=6),
    st.sampled_from([1.0, 100.0]),
    st.floats(-0.5, 0.5),
)
def test_ratio_rate_and_mix_add_up_and_are_symmetric(
    b: dict[str | None, tuple[float, int]],
    a: dict[str | None, tuple[float, int]],
    scale: float,
    off: float,
) -> None:
    before = [rr(s, n, d, scale) for s, (n, d) in b.items()]
    after = [rr(s, n, d, scale) for s, (n, d) in a.items()]
    if sum(d for _, d in b.values()) == 0 or sum(d for _, d in a.values()) == 0:
        with pytest.raises(NotDecomposable):
            ratio(before, after, total(before, scale), total(after, scale), scale=scale)
        return
    d = ratio(before, after, total(before, scale), total(after, scale), scale=scale)
    assert d.exact
    assert_adds_up(d)
    sw = ratio(after, before, total(after, scale), total(before, scale), scale=scale)
    size = max(1.0, abs(d.total_before), abs(d.total_after))
    for s, p in by_slice(sw).items():
        q = by_slice(d)[s]
        assert p.rate == pytest.approx(-q.rate, abs=1e-9 * size)
        assert p.mix == pytest.approx(-q.mix, abs=1e-9 * size)
    for p in d.parts:  # unchanged rate and weight → no contribution
        same = b.get(p.slice) == a.get(p.slice)
        if same and p.before is not None and p.share_before == p.share_after:
            assert p.contribution == pytest.approx(0, abs=1e-9 * size)
        elif same and p.before is None and p.after is None:  # same numerator, no denominator
            assert p.rate == 0
    # a total that is not the slices' own: a residual part keeps the sum exact
    shifted = ratio(before, after, total(before, scale), d.total_after + off * scale, scale=scale)
    assert_adds_up(shifted)
    if abs(off * scale) > 1e-9 * size:
        assert not shifted.exact and shifted.parts[-1].residual
    else:
        assert shifted.exact or shifted.parts[-1].residual
