"""The seasonal baseline: hand calculations, statsmodels' OLS prediction intervals, and the
false-alarm rate and power on simulated series."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats as sps

from salesmetrics.insights.baseline import expected


def test_seasonal_by_hand_quarters_without_trend() -> None:
    # 8 quarters, two of each; the current one is Q1 again (index 8 ≡ 0 mod 4)
    history = [100.0, 80, 60, 120, 110, 84, 66, 116]
    e = expected(history, 70, season_length=4, trend=False)
    assert e is not None and e.method == "seasonal" and e.same_period_values == 2
    # centre: mean of the two Q1s; residuals ±5, ±2, ±3, ±2 → RSS = 2·(25 + 4 + 9 + 4) = 84
    s = math.sqrt(84 / (8 - 4))
    se = s * math.sqrt(1 + 1 / 2)  # h = 1/2: a mean of two values
    q = sps.t.ppf(0.995, 4)
    assert e.center == pytest.approx(105)
    assert (e.low, e.high) == (pytest.approx(105 - q * se), pytest.approx(105 + q * se))
    assert e.score == pytest.approx((70 - 105) / se)
    assert e.df == 4 and e.n_history == 8
    assert e.outside == (abs(70 - 105) > q * se)
    assert e.p_value == pytest.approx(2 * sps.t.sf(35 / se, 4))


def test_recent_periods_by_hand() -> None:
    # five months of history, no earlier year: the classic prediction interval of a mean
    history = [10.0, 12, 11, 13, 9]
    e = expected(history, 16, trend=False)
    assert e is not None and e.method == "recent" and e.same_period_values == 0
    m, sd = float(np.mean(history)), float(np.std(history, ddof=1))
    half = sps.t.ppf(0.995, 4) * sd * math.sqrt(1 + 1 / 5)
    assert e.center == pytest.approx(11)
    assert (e.low, e.high) == (pytest.approx(m - half), pytest.approx(m + half))
    assert e.low == pytest.approx(11 - 4.604094 * 1.5811388 * 1.0954451, rel=1e-6)
    assert not e.outside and e.score == pytest.approx(5 / (sd * math.sqrt(1.2)))


def test_matches_statsmodels_ols_prediction_interval() -> None:
    rng = np.random.default_rng(3)
    n = 30
    t = np.arange(n + 1)
    y = 200 + 2.0 * t + 30 * np.cos(2 * np.pi * t / 12) + rng.normal(0, 10, n + 1)
    history: list[float | None] = list(y[:n])
    history[7] = None  # a period without a value keeps its place
    history[20] = pd.NA  # type: ignore[call-overload]
    e = expected(history, float(y[n]), alpha=0.05)
    assert e is not None and e.method == "seasonal+trend" and e.n_history == 28
    keep = [i for i in range(n) if i not in (7, 20)]
    x = np.column_stack(
        [(np.array(keep) % 12 == s).astype(float) for s in range(12)] + [np.array(keep)]
    )
    x0 = np.array([[1.0 if n % 12 == s else 0.0 for s in range(12)] + [n]])
    frame = sm.OLS(y[keep], x).fit().get_prediction(x0).summary_frame(alpha=0.05)
    assert e.center == pytest.approx(frame["mean"].iloc[0], rel=1e-9)
    assert e.low == pytest.approx(frame["obs_ci_lower"].iloc[0], rel=1e-9)
    assert e.high == pytest.approx(frame["obs_ci_upper"].iloc[0], rel=1e-9)
    assert e.df == 28 - 13


def test_the_same_month_of_earlier_years_sets_the_centre() -> None:
    # December triples every year: a tripled December is expected, a tripled July is not
    base = [100.0 + (200 if m % 12 == 11 else 0) for m in range(35)]
    wiggle = [3.0, -2, 1, -4, 2, 0, -1, 3, -3, 2, 1, -2]
    history = [v + wiggle[i % 12] * (1 + i // 12) for i, v in enumerate(base)]
    december = expected(history, 300)  # index 35 is a December
    assert december is not None and december.method == "seasonal+trend"
    assert december.same_period_values == 2 and not december.outside
    july = expected(history[:30], 300)  # index 30 is a July
    assert july is not None and july.outside and july.score > 0
    assert "above the expected range" in july.describe()


def _simulate(
    rng: np.random.Generator, n: int, runs: int, drop: float = 1.0, alpha: float = 0.01
) -> tuple[float, set[str]]:
    """Share of simulated series whose next value (× drop) falls outside: monthly seasons
    (amplitude 15), a trend (+1 a month) and normal noise (sd 8) on a level of 100."""
    hits, methods = 0, set()
    for _ in range(runs):
        t = np.arange(n + 1)
        mean = 100 + 1.0 * t + 15 * np.sin(2 * np.pi * t / 12)
        y = mean + rng.normal(0, 8, n + 1)
        current = y[n] if drop == 1.0 else drop * mean[n]
        e = expected(list(y[:n]), float(current), alpha=alpha)
        assert e is not None
        methods.add(e.method)
        hits += e.outside and (drop == 1.0 or e.score < 0)
    return hits / runs, methods


@pytest.mark.parametrize("months", [24, 36])
def test_false_alarm_rate_is_the_stated_one(months: int) -> None:
    rng = np.random.default_rng(20240 + months)
    rate, methods = _simulate(rng, months, 3000)
    assert methods == {"seasonal+trend"}
    assert 0.004 <= rate <= 0.02  # stated: 1 % (binomial sd over 3000 runs: 0.18 %)
    rate5, _ = _simulate(rng, months, 2000, alpha=0.05)
    assert 0.035 <= rate5 <= 0.065  # and it follows alpha


@pytest.mark.parametrize(("months", "power"), [(24, 0.9), (36, 0.99)])
def test_a_forty_percent_drop_is_flagged(months: int, power: float) -> None:
    rng = np.random.default_rng(7 + months)
    rate, _ = _simulate(rng, months, 500, drop=0.6)
    assert rate >= power
    t = np.arange(months + 1)
    y = 100 + 1.0 * t + 15 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 8, months + 1)
    e = expected(list(y[:months]), 0.6 * float(y[months]))
    assert e is not None and e.outside and e.score < 0
    text = e.describe()
    assert "below the expected range" in text and "99 % prediction interval" in text


def test_not_testable_and_degenerate_histories() -> None:
    assert expected([1.0, 2, 3, 4, 5, 6], None) is None
    assert expected([1.0, 2, 3], 2) is None  # too few periods for any range
    assert expected([None] * 30, 2) is None
    flat = expected([5.0] * 24, 5)
    assert flat is not None and not flat.outside and flat.low == flat.high == pytest.approx(5)
    moved = expected([5.0] * 24, 6)
    assert moved is not None and moved.outside and moved.score == math.inf
    with pytest.raises(ValueError, match="alpha"):
        expected([1.0] * 10, 1, alpha=1.5)
    with pytest.raises(ValueError, match="season_length"):
        expected([1.0] * 10, 1, season_length=0)


def test_short_history_and_no_seasons_use_recent_periods() -> None:
    rng = np.random.default_rng(11)
    y = list(100 + rng.normal(0, 5, 40))
    for e in (expected(y[:15], 100.0), expected(y, 100.0, season_length=1)):
        assert e is not None and e.method == "recent+trend" and e.n_history == 12
        assert e.df == 10
    e = expected(y, 100.0, season_length=1, recent=30, trend=False)
    assert e is not None and e.n_history == 30 and e.df == 29
    assert e.center == pytest.approx(float(np.mean(y[-30:])))
    # one earlier value of the same period is not enough for a seasonal centre
    assert expected(y[:23], 100.0).method.startswith("recent")  # type: ignore[union-attr]
    assert expected(y[:24], 100.0).method.startswith("seasonal")  # type: ignore[union-attr]
