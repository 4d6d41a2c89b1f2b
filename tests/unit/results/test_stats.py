"""The index, its interval and Welch's test against hand-computed and published values."""

from __future__ import annotations

import math

import pytest

from shared.results import stats


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.7062), (4, 2.7764), (9, 2.2622), (30, 2.0423), (120, 1.9799)],
)
def test_t_quantiles_match_the_published_table(df: int, expected: float) -> None:
    assert stats.t_quantile(0.975, df) == pytest.approx(expected, abs=1e-4)


def test_t_cdf_is_symmetric_and_matches_a_known_value() -> None:
    assert stats.t_cdf(2.0, 10) == pytest.approx(0.963306, abs=1e-6)
    assert stats.t_cdf(-2.0, 10) == pytest.approx(1 - 0.963306, abs=1e-6)
    assert stats.t_cdf(0.0, 3) == pytest.approx(0.5)


def test_scores_map_the_scale_to_0_100() -> None:
    assert [stats.score(v) for v in (1, 2, 3, 4, 5)] == [0, 25, 50, 75, 100]


def test_index_and_interval_of_a_small_hand_computed_set() -> None:
    # Given answers 5, 4, 4, 3, 1 (scores 100, 75, 75, 50, 0)
    m = stats.moments([1, 0, 1, 2, 1, 0])
    # mean 60; squared deviations 1600 + 225 + 225 + 100 + 3600 = 5750; variance 5750/4
    assert (m.n, m.mean, m.variance) == (5, 60.0, 1437.5)
    low, high = stats.confidence_interval(m)
    half = 2.776445 * math.sqrt(1437.5 / 5)  # 47.08
    assert low == pytest.approx(60 - half, abs=1e-3)
    assert high == 100.0  # 107.1 clipped to the top of the scale


def test_vet_ej_is_not_counted() -> None:
    assert stats.moments([0, 0, 0, 0, 2, 7]).n == 2
    assert stats.moments([0, 0, 0, 0, 2, 7]).mean == 100.0


def test_identical_answers_give_a_point_interval() -> None:
    assert stats.confidence_interval(stats.moments([0, 0, 0, 6, 0, 0])) == (75.0, 75.0)


def test_welch_hand_computed() -> None:
    a = stats.moments([1, 0, 1, 2, 1, 0])  # mean 60, variance 1437.5, n 5
    b = stats.moments([0, 3, 3, 0, 0, 0])  # 25 ×3, 50 ×3: mean 37.5, variance 187.5, n 6
    result = stats.welch(a, b)
    assert result is not None
    assert result.difference == 22.5
    # t = 22.5 / sqrt(287.5 + 31.25) = 1.2602; df = 318.75² / (287.5²/4 + 31.25²/5) = 4.871
    # two-sided p for t = 1.26 with about 5 degrees of freedom is about 0.26
    assert 0.24 < result.p_value < 0.29
    assert not result.significant


def test_welch_finds_a_clear_difference_significant() -> None:
    high = stats.moments([0, 0, 5, 20, 75, 0])
    low = stats.moments([30, 30, 20, 15, 5, 0])
    result = stats.welch(high, low)
    assert result is not None
    assert result.significant
    assert result.p_value < 1e-6


def test_welch_is_undefined_without_spread_or_size() -> None:
    assert stats.welch(stats.moments([0, 0, 0, 4, 0, 0]), stats.moments([0, 0, 4, 0, 0, 0])) is None
    assert stats.welch(stats.moments([0, 0, 0, 1, 0, 0]), stats.moments([1, 2, 3, 4, 5, 0])) is None
