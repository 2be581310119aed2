"""Is a KPI's value outside the range expected from its own history? A seasonal baseline.

The test: a **prediction interval from a seasonal regression** on the KPI's own history,

    y_t = β_season(t) + γ·t + ε_t,   ε_t independent N(0, σ²),

fitted by least squares (one level per season — the same month of every year — plus, with
``trend=True``, one linear trend shared by all seasons). The expected value of the current
period t0 is ŷ = β̂_season(t0) + γ̂·t0: the mean of the same period of earlier years, moved
along the trend. The interval is the classical exact one,

    ŷ ± t_{1−α/2, ν} · s · √(1 + h),   h = x0ᵀ(XᵀX)⁻¹x0,  s² = RSS/ν,  ν = n − p,

and the score (y − ŷ)/(s√(1 + h)) follows Student's t with ν degrees of freedom, so when the
history follows the model a value falls outside with probability exactly α: **the false-alarm
rate is α (default 1 %, two-sided: 0.5 % each way)** per period and KPI.

Why this and not a robust z-score of the same-period values: with 24–36 months there are only
2–3 values of the same month, too few to estimate a spread (their median/MAD is noise). The
regression takes the *centre* from the same period of earlier years but estimates the *noise*
from every period (ν = 11 with 24 months and a trend, 23 with 36), and the t quantile and
the √(1 + h) factor pay honestly for that estimate, so short histories widen the range
instead of raising false alarms. The trend keeps a growing company's revenue from "beating
expectations" every month; switch it off for KPIs without one (rates) to gain a little power.

**Where the same period has fewer than 2 earlier values** (less than two years of history, or
``season_length=1``): the last ``recent`` periods, a level (and trend) without seasons. A
seasonal series then has its seasonal swings counted as noise: wider ranges, fewer alerts.

What the stated rate assumes: independent, roughly normal noise around stable seasons and
trend. Autocorrelated months (a strong quarter carries into the next) or heavy tails (one huge
deal) raise the real rate above α; an outlier in the history widens the range (fewer alerts).
Small counts (0, 1, 2 a month) are not normal: prefer the Poisson test of ``stats``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from salesmetrics.insights.findings import number


@dataclass(frozen=True)
class Expected:
    """The range expected for the current period and whether the value lies outside it.

    ``method``: ``seasonal`` or ``recent``, with ``+trend`` when a trend was fitted.
    ``n_history``: the periods the model was fitted on. ``score``: (value − centre)/(its
    standard error), ~ Student's t(``df``) under the model; ``p_value`` two-sided."""

    low: float
    high: float
    center: float
    method: str
    n_history: int
    outside: bool
    score: float
    p_value: float
    df: int
    alpha: float
    value: float
    same_period_values: int  # earlier values of the same period (0 for method ``recent``)

    def describe(self) -> str:
        """The verdict in plain words."""
        where = (
            f"the same period of {self.same_period_values} earlier years"
            if self.method.startswith("seasonal")
            else f"the last {self.n_history} periods"
        )
        trend = " and the trend" if self.method.endswith("+trend") else ""
        verdict = (
            ("above" if self.value > self.high else "below") + " the expected range"
            if self.outside
            else "within the expected range"
        )
        return (
            f"{number(self.value)} is {verdict} {number(self.low)} – {number(self.high)} "
            f"(expected {number(self.center)} from {where}{trend}; a "
            f"{100 * (1 - self.alpha):g} % prediction interval: noise alone falls outside "
            f"{100 * self.alpha:g} % of the time; p = {self.p_value:.2g})."
        )


def _clean(x: float | None) -> float | None:
    """A number, or None for None, NaN and pandas' NA."""
    if x is None or type(x).__name__ == "NAType":
        return None
    f = float(x)
    return None if math.isnan(f) else f


def expected(
    history: Sequence[float | None],
    current: float | None,
    *,
    season_length: int = 12,
    alpha: float = 0.01,
    trend: bool = True,
    recent: int = 12,
    min_df: int = 4,
) -> Expected | None:
    """Test ``current`` against the range expected from ``history`` (see the module doc).

    ``history``: one value per period, oldest first, ending with the period just before the
    current one (``None``/NaN for a period without a value; it keeps its place); pass the
    last 24–36 months (8–12 quarters): one straight trend fits a few years, not ten.
    ``season_length``: periods per year (12 for months, 4 for quarters, 52 for weeks; 1: no
    seasons). ``recent``: how many recent periods the non-seasonal fallback uses. ``None`` when
    ``current`` is missing or the history leaves fewer than ``min_df`` degrees of freedom.
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie in (0, 1), not {alpha}")
    if season_length < 1:
        raise ValueError(f"season_length must be at least 1, not {season_length}")
    value = _clean(current)
    if value is None:
        return None
    t0 = len(history)
    points = [(t, v) for t, x in enumerate(history) if (v := _clean(x)) is not None]
    same = [t for t, _ in points if t0 - t >= season_length and (t0 - t) % season_length == 0]
    if season_length > 1 and len(same) >= 2:
        for with_trend in (True, False) if trend else (False,):
            fit = _fit(points, t0, season_length, with_trend, min_df)
            if fit is not None:
                return _result(fit, value, alpha, "seasonal", with_trend, len(points), len(same))
    window = [(t, v) for t, v in points if t >= t0 - recent]
    for with_trend in (True, False) if trend else (False,):
        fit = _fit(window, t0, 1, with_trend, min_df)
        if fit is not None:
            return _result(fit, value, alpha, "recent", with_trend, len(window), 0)
    return None


def _fit(
    points: list[tuple[int, float]], t0: int, season_length: int, with_trend: bool, min_df: int
) -> tuple[float, float, int] | None:
    """Least squares on season dummies (+ centred trend): (ŷ at t0, s·√(1 + h), ν)."""
    if not points:
        return None
    ts = np.array([t for t, _ in points], dtype=float)
    y = np.array([v for _, v in points], dtype=float)
    seasons = sorted({int(t) % season_length for t in ts})
    columns = [(ts % season_length == s).astype(float) for s in seasons]
    x0 = [1.0 if t0 % season_length == s else 0.0 for s in seasons]
    if with_trend:
        mid = ts.mean()
        columns.append(ts - mid)
        x0.append(t0 - mid)
    x = np.column_stack(columns)
    df = len(y) - x.shape[1]
    if df < min_df or np.linalg.matrix_rank(x) < x.shape[1]:
        return None
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    s2 = float(resid @ resid) / df
    xtx_inv = np.linalg.inv(x.T @ x)
    h = float(np.asarray(x0) @ xtx_inv @ np.asarray(x0))
    center = float(np.asarray(x0) @ beta)
    return center, math.sqrt(s2 * (1 + h)), df


def _result(
    fit: tuple[float, float, int],
    value: float,
    alpha: float,
    method: str,
    with_trend: bool,
    n: int,
    same: int,
) -> Expected:
    center, se, df = fit
    q = float(stats.t.ppf(1 - alpha / 2, df))
    if se > 1e-12 * max(1.0, abs(center)):
        score = (value - center) / se
        p = float(2 * stats.t.sf(abs(score), df))
    else:  # a history without noise: anything else than its value is outside
        se = 0.0
        gap = value - center
        close = abs(gap) <= 1e-9 * max(1.0, abs(center))
        score, p = (0.0, 1.0) if close else (math.copysign(math.inf, gap), 0.0)
    return Expected(
        low=center - q * se,
        high=center + q * se,
        center=center,
        method=method + ("+trend" if with_trend else ""),
        n_history=n,
        outside=p < alpha,
        score=score,
        p_value=p,
        df=df,
        alpha=alpha,
        value=value,
        same_period_values=same,
    )
