import math

import pytest

from tutela.learning.stats import learning_gain, t_cdf, t_quantile


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.7062), (2, 4.3027), (5, 2.5706), (10, 2.2281), (30, 2.0423), (200, 1.9719)],
)
def test_t_quantile_matches_tables(df: int, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-4)


def test_t_cdf_is_symmetric() -> None:
    assert t_cdf(0, 7) == pytest.approx(0.5)
    assert t_cdf(-1.5, 7) == pytest.approx(1 - t_cdf(1.5, 7))


def test_paired_interval_by_hand() -> None:
    pairs = [(50.0, 60.0), (60.0, 65.0), (40.0, 55.0), (70.0, 72.0)]
    gain = learning_gain(pairs)
    diffs = [10, 5, 15, 2]
    mean = sum(diffs) / 4
    sd = math.sqrt(sum((d - mean) ** 2 for d in diffs) / 3)
    half = 3.1824 * sd / 2
    assert gain.n == 4
    assert gain.mean_gain == pytest.approx(mean)
    assert gain.ci_low == pytest.approx(mean - half, abs=0.01)
    assert gain.ci_high == pytest.approx(mean + half, abs=0.01)
    assert gain.normalised_gain == pytest.approx(mean / (100 - 55), abs=1e-3)


def test_no_interval_for_one_trainee_or_none() -> None:
    assert learning_gain([(40.0, 60.0)]).ci_low is None
    assert learning_gain([]).mean_gain is None
