import math

import pytest

from shared.sampling import Sampler, new_key

ROWS = 100_000


def _drawn(rate: float, key: bytes | None = None) -> list[int]:
    sampler = Sampler(rate, key or new_key())
    return [row for row in range(1, ROWS + 1) if sampler.draw(row)]


@pytest.mark.parametrize("rate", [0.05, 0.3, 0.9])
def test_sample_size_is_within_binomial_bounds(rate: float) -> None:
    expected, sigma = ROWS * rate, math.sqrt(ROWS * rate * (1 - rate))
    assert abs(len(_drawn(rate)) - expected) < 5 * sigma


def test_sample_has_no_preference_for_early_or_late_rows() -> None:
    rate = 0.3
    drawn = _drawn(rate)
    # chi-square over ten equal slices of the file: 9 degrees of freedom,
    # 27.88 is the 0.999 quantile, so an unbiased draw fails this once in a thousand runs.
    per_slice = [0] * 10
    for row in drawn:
        per_slice[(row - 1) * 10 // ROWS] += 1
    expected = len(drawn) / 10
    chi2 = sum((observed - expected) ** 2 / expected for observed in per_slice)
    assert chi2 < 27.88
    first_half = sum(1 for row in drawn if row <= ROWS // 2)
    assert abs(first_half / len(drawn) - 0.5) < 0.02


def test_same_key_draws_the_same_rows_and_another_key_does_not() -> None:
    key = new_key()
    assert _drawn(0.2, key) == _drawn(0.2, key)
    assert _drawn(0.2, key) != _drawn(0.2, new_key())


def test_every_row_is_drawn_at_rate_one() -> None:
    assert len(_drawn(1.0)) == ROWS


def test_item_ids_are_stable_and_distinct() -> None:
    sampler = Sampler(1.0, new_key())
    ids = {sampler.draw(row) for row in range(1, 10_001)}
    assert len(ids) == 10_000
    assert sampler.draw(7) == sampler.draw(7)
    assert all(len(i) == 24 for i in ids if i)


@pytest.mark.parametrize("rate", [0, -0.1, 1.5])
def test_rate_outside_zero_to_one_is_refused(rate: float) -> None:
    with pytest.raises(ValueError, match="sample rate"):
        Sampler(rate, new_key())


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValueError, match="256 bits"):
        Sampler(0.5, b"short")
