"""Is one slice's change between two periods more than noise? Significance tests on summaries.

Each test compares the current period (suffix ``1``) with the comparison period (suffix ``0``)
from the numbers the engine reports per slice and period, and returns a :class:`Test` — or
``None`` when the data cannot be tested (no observations). All tests are two-sided.

- :func:`two_proportions` — rates of counts (win rate, lead conversion, reply rate);
- :func:`poisson_rates` — event counts over an exposure (won deals in 30 vs 31 days);
- :func:`welch` — means from count, mean and standard deviation (deal size, cycle days);
- :func:`adjust` — Benjamini–Hochberg q-values over a family of tests (every slice scanned).

Pure functions: no database, no engine.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from salesmetrics.insights.findings import number


@dataclass(frozen=True)
class Test:
    """One test's outcome.

    ``effect`` is the change on the KPI's own scale: the difference of the two rates (a
    fraction, p1 − p0), of the two means (μ1 − μ0), or for counts the count above or below
    the comparison period's pace (c1 − c0·t1/t0). ``detail`` holds the numbers behind it.
    """

    __test__ = False  # a result, not a pytest test class

    name: str
    statistic: float
    p_value: float
    effect: float
    detail: Mapping[str, float] = field(default_factory=dict, hash=False)

    def significant(self, alpha: float = 0.05, q_value: float | None = None) -> bool:
        """True when the (adjusted, if given) p-value is below ``alpha``."""
        return (self.p_value if q_value is None else q_value) < alpha

    def describe(self, alpha: float = 0.05, q_value: float | None = None) -> str:
        """The change and the verdict in plain words (q_value: the p-value after :func:`adjust`)."""
        d = self.detail
        if "rate1" in d and "n1" in d:
            change = (
                f"{_pct(d['rate0'])} ({_num(d['x0'])} of {_num(d['n0'])}) → "
                f"{_pct(d['rate1'])} ({_num(d['x1'])} of {_num(d['n1'])}), "
                f"{100 * self.effect:+.1f} points"
            )
        elif "c1" in d:
            change = (
                f"{_num(d['c0'])} → {_num(d['c1'])} "
                f"({_num(d['c1'] - self.effect)} expected at the earlier pace, "
                f"{self.effect:+.1f})"
            )
        else:
            change = (
                f"mean {number(d['mean0'])} (n={_num(d['n0'])}) → {number(d['mean1'])} "
                f"(n={_num(d['n1'])}), {'+' if self.effect >= 0 else '−'}{number(abs(self.effect))}"
            )
        p = self.p_value if q_value is None else q_value
        which = "p" if q_value is None else "q (adjusted for the slices scanned)"
        stat = "" if math.isnan(self.statistic) else f" statistic {self.statistic:.2f},"
        verdict = (
            f"significant at {100 * alpha:g} %"
            if p < alpha
            else f"not significant at {100 * alpha:g} %: could be chance"
        )
        return f"{change}; {self.name}:{stat} {which} = {p:.3g} — {verdict}."


def _num(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def _missing(*xs: float | None) -> bool:
    return any(x is None or (isinstance(x, float) and math.isnan(x)) for x in xs)


def two_proportions(
    x1: float | None,
    n1: float | None,
    x0: float | None,
    n0: float | None,
    *,
    exact_below: float = 0.0,
) -> Test | None:
    """Two-sided pooled two-proportion z-test of x1/n1 against x0/n0.

    p̂ = (x1 + x0) / (n1 + n0),  z = (x1/n1 − x0/n0) / √(p̂ (1 − p̂) (1/n1 + 1/n0)),
    p = 2 Φ(−|z|) — the same as Pearson's χ² on the 2×2 table without continuity correction
    (z² = χ²). ``None`` when n1 or n0 is 0 (or missing): no rate to compare.

    When p̂ is 0 or 1 both rates are equal (all or none succeeded in both periods): z = 0,
    p = 1 (Fisher's exact test agrees). When the smallest expected cell count
    min(n·p̂, n·(1 − p̂)) is below ``exact_below`` (5 is the usual rule; the default 0 never
    switches), Fisher's exact test is used instead and named as such.
    """
    if _missing(x1, n1, x0, n0):
        return None
    assert x1 is not None and n1 is not None and x0 is not None and n0 is not None
    if n1 <= 0 or n0 <= 0:
        return None
    if not (0 <= x1 <= n1 and 0 <= x0 <= n0):
        raise ValueError(f"successes must lie in [0, n]: {x1}/{n1}, {x0}/{n0}")
    p1, p0 = x1 / n1, x0 / n0
    pooled = (x1 + x0) / (n1 + n0)
    detail = {"x1": x1, "n1": n1, "x0": x0, "n0": n0, "rate1": p1, "rate0": p0, "pooled": pooled}
    expected = min(n1, n0) * min(pooled, 1 - pooled)
    if expected < exact_below:
        table = [[round(x1), round(n1 - x1)], [round(x0), round(n0 - x0)]]
        result = stats.fisher_exact(table, alternative="two-sided")
        return Test(
            "Fisher's exact test",
            float(result.statistic),
            float(result.pvalue),
            p1 - p0,
            {**detail, "min_expected": expected},
        )
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
    if se == 0:
        return Test("two-proportion z-test", 0.0, 1.0, p1 - p0, detail)
    z = (p1 - p0) / se
    return Test("two-proportion z-test", z, float(2 * stats.norm.sf(abs(z))), p1 - p0, detail)


def poisson_rates(
    c1: float | None, t1: float | None, c0: float | None, t0: float | None
) -> Test | None:
    """Exact conditional test that two Poisson rates c1/t1 and c0/t0 are equal (two-sided).

    Given c1 + c0 events, under equal rates c1 ~ Binomial(c1 + c0, t1 / (t1 + t0)); the
    p-value is ``scipy.stats.binomtest``'s two-sided one (the sum of the probabilities of
    outcomes no more likely than the observed one). This is statsmodels'
    ``test_poisson_2indep(method="exact-cond")``. Exposures t are days, reps, leads … —
    whatever the count is per. ``None`` when an exposure is not positive; no events in either
    period: p = 1. The statistic reported is the rate ratio (c1/t1)/(c0/t0) (inf when c0 = 0).
    """
    if _missing(c1, t1, c0, t0):
        return None
    assert c1 is not None and t1 is not None and c0 is not None and t0 is not None
    if t1 <= 0 or t0 <= 0:
        return None
    if c1 < 0 or c0 < 0 or not float(c1).is_integer() or not float(c0).is_integer():
        raise ValueError(f"counts must be whole and non-negative: {c1}, {c0}")
    r1, r0 = c1 / t1, c0 / t0
    ratio = r1 / r0 if r0 > 0 else (math.inf if r1 > 0 else 1.0)
    detail = {"c1": c1, "t1": t1, "c0": c0, "t0": t0, "rate1": r1, "rate0": r0, "ratio": ratio}
    effect = c1 - c0 * t1 / t0
    n = int(c1 + c0)
    if n == 0:
        return Test("exact conditional Poisson test", ratio, 1.0, effect, detail)
    result = stats.binomtest(int(c1), n, t1 / (t1 + t0), alternative="two-sided")
    return Test("exact conditional Poisson test", ratio, float(result.pvalue), effect, detail)


def welch(
    mean1: float | None,
    sd1: float | None,
    n1: float | None,
    mean0: float | None,
    sd0: float | None,
    n0: float | None,
) -> Test | None:
    """Welch's unequal-variance t-test of two means from summary statistics (two-sided).

    t = (m1 − m0) / √(s1²/n1 + s0²/n0) on the Welch–Satterthwaite degrees of freedom
    ν = (s1²/n1 + s0²/n0)² / ((s1²/n1)²/(n1 − 1) + (s0²/n0)²/(n0 − 1)), via
    ``scipy.stats.ttest_ind_from_stats(equal_var=False)``. ``sd`` is the sample standard
    deviation (divisor n − 1). ``None`` when either n < 2. Both standard deviations 0: equal
    means give t = 0, p = 1; different means t = ±inf, p = 0.
    """
    if _missing(mean1, sd1, n1, mean0, sd0, n0):
        return None
    assert mean1 is not None and sd1 is not None and n1 is not None
    assert mean0 is not None and sd0 is not None and n0 is not None
    if n1 < 2 or n0 < 2:
        return None
    if sd1 < 0 or sd0 < 0:
        raise ValueError(f"standard deviations must be non-negative: {sd1}, {sd0}")
    v1, v0 = sd1**2 / n1, sd0**2 / n0
    detail = {"mean1": mean1, "sd1": sd1, "n1": n1, "mean0": mean0, "sd0": sd0, "n0": n0}
    if v1 + v0 == 0:
        same = mean1 == mean0
        t = 0.0 if same else math.copysign(math.inf, mean1 - mean0)
        return Test("Welch's t-test", t, 1.0 if same else 0.0, mean1 - mean0, detail)
    df = (v1 + v0) ** 2 / (v1**2 / (n1 - 1) + v0**2 / (n0 - 1))
    result = stats.ttest_ind_from_stats(mean1, sd1, n1, mean0, sd0, n0, equal_var=False)
    return Test(
        "Welch's t-test",
        float(result.statistic),
        float(result.pvalue),
        mean1 - mean0,
        {**detail, "df": df},
    )


_METHODS = {"fdr_bh": "bh", "fdr_by": "by"}


def adjust(p_values: Sequence[float | None], method: str = "fdr_bh") -> list[float | None]:
    """q-values of a family of p-values, in the same order; ``None`` (or NaN) stays ``None``.

    ``fdr_bh`` (Benjamini–Hochberg, q_(i) = min_{j≥i} m·p_(j)/j over the m tested entries)
    controls the expected share of false findings among those with q < α for independent or
    positively dependent tests; ``fdr_by`` (Benjamini–Yekutieli) holds under any dependence.
    Computed by ``scipy.stats.false_discovery_control``.
    """
    if method not in _METHODS:
        raise ValueError(f"method must be one of {sorted(_METHODS)}, not {method!r}")
    tested = [i for i, p in enumerate(p_values) if not _missing(p)]
    out: list[float | None] = [None] * len(p_values)
    if not tested:
        return out
    ps = np.array([p_values[i] for i in tested], dtype=float)
    qs = stats.false_discovery_control(ps, method=_METHODS[method])
    for i, q in zip(tested, np.atleast_1d(qs), strict=True):
        out[i] = float(q)
    return out
