"""The significance tests against statsmodels, scipy and hand calculations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest
from statsmodels.stats.rates import test_poisson_2indep as poisson_2indep_reference
from statsmodels.stats.weightstats import ttest_ind

from salesmetrics.insights.stats import adjust, poisson_rates, two_proportions, welch

# --- two proportions -------------------------------------------------------------------------


def test_two_proportions_by_hand() -> None:
    # 30/100 vs 20/100: pooled 0.25, se = √(0.25·0.75·(1/100 + 1/100)) = 0.0612372
    t = two_proportions(30, 100, 20, 100)
    assert t is not None
    z = 0.1 / math.sqrt(0.25 * 0.75 * 0.02)
    assert t.statistic == pytest.approx(1.6329932, rel=1e-7)
    assert t.statistic == pytest.approx(z, rel=1e-12)
    assert t.p_value == pytest.approx(math.erfc(z / math.sqrt(2)), rel=1e-10)
    assert t.p_value == pytest.approx(0.1024704, rel=1e-5)
    assert t.effect == pytest.approx(0.1)
    assert t.detail["pooled"] == 0.25


@pytest.mark.parametrize(
    ("x1", "n1", "x0", "n0"),
    [
        (30, 100, 20, 100),
        (16, 50, 10, 50),
        (0, 40, 7, 35),  # zero successes now
        (40, 40, 30, 35),  # all succeeded now
        (3, 9, 250, 400),  # unequal sizes
        (120, 400, 120, 400),  # identical periods
        (1, 1000, 50, 1000),  # one-sided extreme: p ≈ 0
    ],
)
def test_two_proportions_matches_statsmodels(x1: int, n1: int, x0: int, n0: int) -> None:
    t = two_proportions(x1, n1, x0, n0)
    assert t is not None
    z, p = proportions_ztest([x1, x0], [n1, n0], alternative="two-sided")
    assert t.statistic == pytest.approx(z, rel=1e-9, abs=1e-12)
    assert t.p_value == pytest.approx(p, rel=1e-9, abs=1e-300)
    # Pearson χ² without continuity correction is the same test: χ² = z²
    chi2, p_chi, _, _ = sps.chi2_contingency([[x1, n1 - x1], [x0, n0 - x0]], correction=False)
    assert t.statistic**2 == pytest.approx(chi2, rel=1e-9, abs=1e-12)
    assert t.p_value == pytest.approx(p_chi, rel=1e-7, abs=1e-300)


def test_two_proportions_edges() -> None:
    assert two_proportions(0, 0, 3, 10) is None
    assert two_proportions(3, 10, 0, 0) is None
    assert two_proportions(None, 10, 3, 10) is None
    assert two_proportions(3, float("nan"), 3, 10) is None
    same = two_proportions(12, 40, 12, 40)
    assert same is not None and same.statistic == 0 and same.p_value == pytest.approx(1.0)
    # no variation at all (pooled rate 0 or 1): rates equal, p = 1 like Fisher's test
    for x1, x0 in ((0, 0), (20, 30)):
        t = two_proportions(x1, 20, x0, 30)
        assert t is not None and (t.statistic, t.p_value) == (0.0, 1.0)
        assert sps.fisher_exact([[x1, 20 - x1], [x0, 30 - x0]]).pvalue == 1.0
    extreme = two_proportions(0, 1000, 100, 1000)
    assert extreme is not None and extreme.p_value < 1e-20 and extreme.statistic < -10
    with pytest.raises(ValueError, match="successes"):
        two_proportions(11, 10, 1, 10)


def test_two_proportions_small_samples_switch_to_fisher() -> None:
    # 1 of 4 vs 4 of 5: expected min(4,5)·min(5/9, 4/9) = 1.8 < 5 → Fisher's exact test
    t = two_proportions(1, 4, 4, 5, exact_below=5)
    assert t is not None and t.name == "Fisher's exact test"
    assert t.p_value == pytest.approx(sps.fisher_exact([[1, 3], [4, 1]]).pvalue)
    # by hand: hypergeometric, 9 deals of which 5 won, 4 drawn; P(k) = C(5,k)C(4,4-k)/C(9,4)
    probs = [math.comb(5, k) * math.comb(4, 4 - k) / math.comb(9, 4) for k in range(5)]
    assert t.p_value == pytest.approx(sum(p for p in probs if p <= probs[1] * (1 + 1e-9)))
    assert two_proportions(1, 4, 4, 5).name == "two-proportion z-test"  # type: ignore[union-attr]
    big = two_proportions(30, 100, 20, 100, exact_below=5)
    assert big is not None and big.name == "two-proportion z-test"


# --- Poisson rates ---------------------------------------------------------------------------


def _exact_cond_by_hand(c1: int, t1: float, c0: int, t0: float) -> float:
    n, q = c1 + c0, t1 / (t1 + t0)
    pmf = [math.comb(n, k) * q**k * (1 - q) ** (n - k) for k in range(n + 1)]
    return min(1.0, sum(p for p in pmf if p <= pmf[c1] * (1 + 1e-7)))


def test_poisson_by_hand() -> None:
    # 3 events vs 0 in equal exposures: Binomial(3, ½); outcomes 0 and 3 are as unlikely: 2/8
    t = poisson_rates(3, 30, 0, 30)
    assert t is not None and t.p_value == pytest.approx(0.25)
    assert t.statistic == math.inf and t.effect == 3
    t = poisson_rates(10, 30, 3, 31)
    assert t is not None
    assert t.p_value == pytest.approx(_exact_cond_by_hand(10, 30, 3, 31), rel=1e-9)
    assert t.statistic == pytest.approx((10 / 30) / (3 / 31))
    assert t.effect == pytest.approx(10 - 3 * 30 / 31)


@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")  # statsmodels' rate ratio
@pytest.mark.parametrize(
    ("c1", "t1", "c0", "t0"),
    [
        (10, 30, 3, 31),
        (20, 31, 20, 31),  # identical periods
        (0, 30, 12, 31),  # zero now
        (7, 28, 0, 31),  # zero before
        (150, 90, 100, 92),
        (1, 7, 40, 7),  # one-sided extreme
    ],
)
def test_poisson_matches_statsmodels_exact_cond(c1: int, t1: float, c0: int, t0: float) -> None:
    t = poisson_rates(c1, t1, c0, t0)
    assert t is not None
    ref = poisson_2indep_reference(c1, t1, c0, t0, method="exact-cond", alternative="two-sided")
    assert t.p_value == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-300)
    assert t.p_value == pytest.approx(_exact_cond_by_hand(c1, t1, c0, t0), rel=1e-6, abs=1e-15)
    assert t.detail["rate1"] == pytest.approx(ref.rates[0])
    assert t.detail["rate0"] == pytest.approx(ref.rates[1])


def test_poisson_edges() -> None:
    t = poisson_rates(0, 30, 0, 31)
    assert t is not None and t.p_value == 1.0 and t.effect == 0
    assert poisson_rates(3, 0, 4, 30) is None
    assert poisson_rates(3, 30, 4, 0) is None
    assert poisson_rates(None, 30, 4, 30) is None
    same = poisson_rates(20, 31, 20, 31)
    assert same is not None and same.p_value == 1.0
    extreme = poisson_rates(0, 30, 60, 30)
    assert extreme is not None and extreme.p_value == pytest.approx(2 * 0.5**60)
    with pytest.raises(ValueError, match="whole"):
        poisson_rates(2.5, 30, 4, 30)


# --- Welch -----------------------------------------------------------------------------------


def test_welch_by_hand() -> None:
    # means 12 vs 10, sd 3 (n 7) vs 2 (n 5): se² = 9/7 + 4/5
    t = welch(12, 3, 7, 10, 2, 5)
    assert t is not None
    se2 = 9 / 7 + 4 / 5
    tstat = 2 / math.sqrt(se2)
    df = se2**2 / ((9 / 7) ** 2 / 6 + (4 / 5) ** 2 / 4)
    assert t.statistic == pytest.approx(tstat, rel=1e-12)
    assert t.statistic == pytest.approx(1.3848495, rel=1e-7)
    assert t.detail["df"] == pytest.approx(df, rel=1e-12)
    assert t.detail["df"] == pytest.approx(9.98875, rel=1e-5)
    assert t.p_value == pytest.approx(2 * sps.t.sf(tstat, df), rel=1e-10)
    assert t.effect == 2


@pytest.mark.parametrize(
    ("n1", "n0", "shift", "scale0", "seed"),
    [(12, 9, 0.0, 1.0, 1), (40, 25, 3.0, 5.0, 2), (2, 2, 1.0, 1.0, 3), (200, 5, -10.0, 0.3, 4)],
)
def test_welch_matches_statsmodels_on_raw_samples(
    n1: int, n0: int, shift: float, scale0: float, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    a = rng.normal(50 + shift, 4.0, n1)
    b = rng.normal(50, 4.0 * scale0, n0)
    t = welch(a.mean(), a.std(ddof=1), n1, b.mean(), b.std(ddof=1), n0)
    assert t is not None
    tstat, p, df = ttest_ind(a, b, usevar="unequal", alternative="two-sided")
    assert t.statistic == pytest.approx(tstat, rel=1e-9)
    assert t.p_value == pytest.approx(p, rel=1e-8)
    assert t.detail["df"] == pytest.approx(df, rel=1e-9)
    assert t.effect == pytest.approx(a.mean() - b.mean())


def test_welch_edges() -> None:
    assert welch(10, 1, 1, 9, 1, 5) is None
    assert welch(10, 1, 5, 9, 1, 0) is None
    assert welch(None, 1, 5, 9, 1, 5) is None
    same = welch(10, 2, 8, 10, 2, 8)
    assert same is not None and same.statistic == 0 and same.p_value == pytest.approx(1.0)
    flat = welch(10, 0, 4, 10, 0, 4)
    assert flat is not None and (flat.statistic, flat.p_value) == (0.0, 1.0)
    apart = welch(12, 0, 4, 10, 0, 4)
    assert apart is not None and (apart.statistic, apart.p_value) == (math.inf, 0.0)
    one_flat = welch(12, 0, 4, 10, 1, 4)  # only one period varies: still a t-test
    assert one_flat is not None and one_flat.statistic == pytest.approx(4.0)
    assert one_flat.detail["df"] == pytest.approx(3.0)


# --- multiple testing ------------------------------------------------------------------------


def test_adjust_by_hand_and_statsmodels() -> None:
    ps = [0.01, 0.04, 0.03, 0.005]
    # sorted .005 .01 .03 .04, m = 4: 4p/rank = .02 .02 .04 .04, then running minimum from the top
    assert adjust(ps) == pytest.approx([0.02, 0.04, 0.04, 0.02])
    rng = np.random.default_rng(7)
    many = np.concatenate([rng.uniform(size=40), rng.uniform(0, 0.01, size=10)])
    _, q_ref, _, _ = multipletests(many, method="fdr_bh")
    assert adjust(list(many)) == pytest.approx(list(q_ref), rel=1e-12)
    _, q_by, _, _ = multipletests(many, method="fdr_by")
    assert adjust(list(many), method="fdr_by") == pytest.approx(list(q_by), rel=1e-12)


def test_adjust_keeps_untestable_entries() -> None:
    ps: list[float | None] = [0.01, None, 0.04, float("nan"), 0.03, 0.005]
    q = adjust(ps)
    assert q[1] is None and q[3] is None
    assert [q[0], q[2], q[4], q[5]] == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert adjust([]) == []
    assert adjust([None, None]) == [None, None]
    assert adjust([0.2]) == [pytest.approx(0.2)]
    assert adjust([1.0, 1.0]) == [1.0, 1.0]
    with pytest.raises(ValueError, match="method"):
        adjust([0.1], method="holm")


# --- words -----------------------------------------------------------------------------------


def test_describe_says_the_numbers_and_the_verdict() -> None:
    t = two_proportions(30, 100, 20, 100)
    assert t is not None
    text = t.describe()
    assert "20.0 % (20 of 100) → 30.0 % (30 of 100), +10.0 points" in text
    assert "p = 0.102" in text and "could be chance" in text
    assert "q (adjusted" in t.describe(q_value=0.01) and "significant at 5 %" in t.describe(
        q_value=0.01
    )
    assert t.significant(alpha=0.2) and not t.significant()
    p = poisson_rates(10, 30, 3, 31)
    assert p is not None and "3 → 10" in p.describe() and "+7.1" in p.describe()
    w = welch(12, 3, 7, 10, 2, 5)
    assert w is not None and "mean 10 (n=5) → 12 (n=7), +2" in w.describe()
