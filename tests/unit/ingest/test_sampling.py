"""The daily draw (bottom-k over keyed BLAKE2b values): its size, its uniformity, its memory."""

import math
import random
from datetime import date

import pytest

from shared.core.models import Channel
from shared.ingest.sampling import BottomK, new_key

DAY = date(2026, 3, 14)


def _chi2_critical(df: int, z: float = 3.09) -> float:
    """The chi-square quantile for ``df`` degrees of freedom (Wilson-Hilferty); z = 3.09 is
    the normal's 0.999 quantile, so an unbiased draw fails a test at most once in 1000 runs."""
    return df * (1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))) ** 3


def _chi2(counts: list[int]) -> float:
    expected = sum(counts) / len(counts)
    return sum((c - expected) ** 2 / expected for c in counts)


# A day of three files: residents 0-59 in the first, 40-99 in the second, 80-119 plus again
# 0-19 in the third. 120 distinct residents, 40 of them in two files.
FILES = [range(0, 60), range(40, 100), [*range(80, 120), *range(0, 20)]]
RESIDENTS = 120


def _address(n: int) -> str:
    return f"+4670{n:07d}"


def _draw_day(k: int, rate: float = 1.0) -> list[str]:
    sampler = BottomK(rate, new_key(), {Channel.SMS: k, Channel.EMAIL: 0})
    for index, rows in enumerate(FILES):
        for n in rows:
            sampler.offer(Channel.SMS, _address(n), DAY, index)
    return [c.address for c in sampler.drawn()]


def _per_file_draw(k: int, rng: random.Random) -> list[str]:
    """The old way: each file drawn on its own under what is left of the cap (biased)."""
    chosen: list[str] = []
    for rows in FILES:
        fresh = [_address(n) for n in rows if _address(n) not in chosen]
        chosen += rng.sample(fresh, min(len(fresh), k - len(chosen)))
    return chosen


def _inclusions(draws: list[list[str]]) -> list[int]:
    counts = dict.fromkeys((_address(n) for n in range(RESIDENTS)), 0)
    for drawn in draws:
        for address in drawn:
            counts[address] += 1
    return list(counts.values())


def test_every_contact_of_the_day_has_the_same_chance_whatever_file_it_came_in() -> None:
    # Given 2,000 days drawing 20 of 120 residents spread over three overlapping files
    counts = _inclusions([_draw_day(20) for _ in range(2000)])

    # Then each resident is drawn about 2000 × 20/120 times: chi-square over the 120 counts
    # (119 degrees of freedom) stays under the 0.999 quantile
    assert _chi2(counts) < _chi2_critical(RESIDENTS - 1)
    # and no group (early file, late file, in two files) is favoured
    in_two_files = [counts[n] for n in range(RESIDENTS) if n < 20 or 40 <= n < 60 or 80 <= n < 100]
    assert abs(sum(in_two_files) / len(in_two_files) / (2000 * 20 / 120) - 1) < 0.05


def test_the_uniformity_test_catches_a_draw_that_favours_the_first_file() -> None:
    # The same test on the per-file draw this replaced: it must fail, or it proves nothing
    rng = random.Random(7)
    counts = _inclusions([_per_file_draw(20, rng) for _ in range(2000)])
    assert _chi2(counts) > _chi2_critical(RESIDENTS - 1)


def test_a_resident_in_several_files_is_one_candidate() -> None:
    drawn = _draw_day(RESIDENTS * 2)  # room for everyone
    assert len(drawn) == RESIDENTS == len(set(drawn))


def test_the_draw_never_exceeds_k_per_channel_and_fills_it_when_it_can() -> None:
    sampler = BottomK(1.0, new_key(), {Channel.SMS: 40, Channel.EMAIL: 3})
    for n in range(1000):
        sampler.offer(Channel.SMS, _address(n), DAY)
        sampler.offer(Channel.EMAIL, f"p{n}@example.se", DAY)
    drawn = sampler.drawn()
    assert sum(c.channel is Channel.SMS for c in drawn) == 40
    assert sum(c.channel is Channel.EMAIL for c in drawn) == 3


def test_a_cap_of_zero_draws_nobody() -> None:
    sampler = BottomK(1.0, new_key(), {Channel.SMS: 0, Channel.EMAIL: 0})
    sampler.offer(Channel.SMS, _address(1), DAY)
    assert sampler.drawn() == []


@pytest.mark.parametrize("rate", [0.05, 0.3])
def test_below_the_cap_the_sample_rate_decides_within_binomial_bounds(rate: float) -> None:
    rows = 20_000
    sampler = BottomK(rate, new_key(), {Channel.SMS: rows, Channel.EMAIL: 0})
    for n in range(rows):
        sampler.offer(Channel.SMS, _address(n), DAY)
    expected, sigma = rows * rate, math.sqrt(rows * rate * (1 - rate))
    assert abs(len(sampler.drawn()) - expected) < 5 * sigma


def test_same_key_draws_the_same_contacts_and_ids_and_another_key_does_not() -> None:
    key = new_key()

    def run(key: bytes) -> list[tuple[str, str]]:
        sampler = BottomK(0.5, key, {Channel.SMS: 30, Channel.EMAIL: 0})
        for n in range(500):
            sampler.offer(Channel.SMS, _address(n), DAY)
        return sorted((c.contact_id, c.address) for c in sampler.drawn())

    assert run(key) == run(key)
    assert run(key) != run(new_key())


def test_e_mail_addresses_are_one_resident_whatever_their_case() -> None:
    sampler = BottomK(1.0, new_key(), {Channel.SMS: 0, Channel.EMAIL: 10})
    sampler.offer(Channel.EMAIL, "Anna.Svensson@Example.se", DAY)
    sampler.offer(Channel.EMAIL, "anna.svensson@example.se ", DAY, 1)
    assert len(sampler.drawn()) == 1


def test_restoring_a_snapshot_forgets_a_refused_file() -> None:
    sampler = BottomK(1.0, new_key(), {Channel.SMS: 10, Channel.EMAIL: 0})
    for n in range(5):
        sampler.offer(Channel.SMS, _address(n), DAY)
    before = sorted(c.address for c in sampler.drawn())
    state = sampler.snapshot()
    for n in range(100, 200):
        sampler.offer(Channel.SMS, _address(n), DAY, 1)
    sampler.restore(state)
    assert sorted(c.address for c in sampler.drawn()) == before


def test_memory_is_bounded_by_k_not_by_the_day() -> None:
    sampler = BottomK(1.0, new_key(), {Channel.SMS: 25, Channel.EMAIL: 0})
    for n in range(50_000):
        sampler.offer(Channel.SMS, _address(n), DAY)
    assert len(sampler.snapshot().held[Channel.SMS]) == 25


def test_the_draw_never_shows_an_address() -> None:
    sampler = BottomK(1.0, new_key(), {Channel.SMS: 1, Channel.EMAIL: 0})
    sampler.offer(Channel.SMS, _address(42), DAY)
    assert _address(42) not in repr(sampler.drawn())


@pytest.mark.parametrize("rate", [0, -0.1, 1.5])
def test_invalid_rates_are_refused(rate: float) -> None:
    with pytest.raises(ValueError, match="sample rate"):
        BottomK(rate, new_key(), {})


def test_short_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="256 bits"):
        BottomK(0.5, b"short", {})
