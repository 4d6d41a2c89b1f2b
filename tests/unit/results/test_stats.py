"""Student's t and Welch's test against hand-computed and published values."""

from __future__ import annotations

import pytest

from shared.results import stats


def _moments(counts: list[int]) -> stats.Moments:
    """Moments of the 0-100 scores from counts of answers 1..5 (the last count, "vet ej", is
    not a score)."""
    scores = [stats.score(v) for v, c in zip(stats.SCALE, counts, strict=False) for _ in range(c)]
    n = len(scores)
    mean = sum(scores) / n
    variance = sum((x - mean) ** 2 for x in scores) / (n - 1) if n > 1 else 0.0
    return stats.Moments(n, mean, variance)


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


def test_welch_hand_computed() -> None:
    a = stats.Moments(5, 60.0, 1437.5)  # answers 1, 3, 4, 4, 5 (scores 0, 50, 75, 75, 100)
    b = stats.Moments(6, 37.5, 187.5)  # 25 ×3, 50 ×3
    result = stats.welch(a, b)
    assert result is not None
    assert result.difference == 22.5
    # t = 22.5 / sqrt(287.5 + 31.25) = 1.2602; df = 318.75² / (287.5²/4 + 31.25²/5) = 4.871
    # two-sided p for t = 1.26 with about 5 degrees of freedom is about 0.26
    assert 0.24 < result.p_value < 0.29
    assert not result.significant


def test_welch_finds_a_clear_difference_significant() -> None:
    high = _moments([0, 0, 5, 20, 75, 0])
    low = _moments([30, 30, 20, 15, 5, 0])
    result = stats.welch(high, low)
    assert result is not None
    assert result.significant
    assert result.p_value < 1e-6


def test_welch_is_undefined_without_spread_or_size() -> None:
    assert stats.welch(_moments([0, 0, 0, 4, 0, 0]), _moments([0, 0, 4, 0, 0, 0])) is None
    assert stats.welch(_moments([0, 0, 0, 1, 0, 0]), _moments([1, 2, 3, 4, 5, 0])) is None
