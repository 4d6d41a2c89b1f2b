"""The discrete Gaussian and the one budget every noise scale follows from."""

from __future__ import annotations

import collections
import decimal
import itertools
import math
import random
import statistics

import pytest

from shared.core.models import Channel
from shared.results.disclosure import continual, noise, release
from tests.unit.results.helpers import OWN_QUESTION


def test_discrete_gaussian_has_the_stated_mean_and_variance() -> None:
    rnd = random.Random(7)
    sigma = 2.8
    bits = noise.Bits(rnd.randbytes)
    draws = [noise.discrete_gaussian(sigma, bits) for _ in range(20_000)]
    assert abs(statistics.fmean(draws)) < 0.1
    # the discrete Gaussian's variance is within 1e-3 of sigma^2 for sigma >= 1 (CKS20)
    assert statistics.pvariance(draws) == pytest.approx(sigma**2, rel=0.05)
    assert all(isinstance(d, int) for d in draws)


def test_discrete_gaussian_is_symmetric_and_integer_valued_around_zero() -> None:
    rnd = random.Random(3)
    bits = noise.Bits(rnd.randbytes)
    draws = [noise.discrete_gaussian(1.5, bits) for _ in range(10_000)]
    positive, negative = sum(d > 0 for d in draws), sum(d < 0 for d in draws)
    assert abs(positive - negative) < 400  # about 4 standard deviations of the difference
    assert sum(d == 0 for d in draws) / len(draws) == pytest.approx(0.26, abs=0.03)


NATIONAL = release.exposure(Channel.SMS, [])
TREE = continual.Strategy(11).unit_cost  # a weekly campaign of about two months


def test_own_questions_buy_more_noise_not_more_privacy_loss() -> None:
    budget = noise.Budget()
    more = release.exposure(Channel.SMS, [OWN_QUESTION])
    assert budget.sigma(noise.TOTAL_COUNT, more, TREE) > budget.sigma(
        noise.TOTAL_COUNT, NATIONAL, TREE
    )
    assert budget.figures_spent(more, TREE) == pytest.approx(budget.figures_rho)
    # a resident of a richer survey in a stream scaled for the national one would overspend
    assert budget.figures_spent(more, TREE, scaled_for=NATIONAL) > budget.figures_rho


def test_a_longer_calendar_needs_more_noise_for_the_same_budget() -> None:
    budget = noise.Budget()
    weekly, daily = continual.Strategy(11).unit_cost, continual.Strategy(70).unit_cost
    assert budget.sigma(noise.TOTAL_SUM, NATIONAL, daily) > budget.sigma(
        noise.TOTAL_SUM, NATIONAL, weekly
    )


def test_a_smaller_budget_means_more_noise_and_a_smaller_attacker_bound() -> None:
    tight, loose = noise.Budget(0.3), noise.Budget(3.0)
    assert tight.sigma(noise.TOTAL_SUM, NATIONAL, TREE) > loose.sigma(
        noise.TOTAL_SUM, NATIONAL, TREE
    )
    assert tight.comment_sigma(3) > loose.comment_sigma(3)
    assert tight.epsilon() < loose.epsilon()
    # Bun and Steinke: rho-zCDP implies (rho + 2 sqrt(rho ln(1/delta)), delta)-DP
    assert loose.epsilon(1e-6) == pytest.approx(3.0 + 2 * math.sqrt(3.0 * math.log(1e6)))


def test_the_sampler_never_uses_less_variance_than_asked() -> None:
    for sigma in (0.7, 5.56, 9.96, 22.25):
        assert noise.variance_used(sigma) >= sigma**2
        assert float(noise.variance_used(sigma)) == pytest.approx(sigma**2, abs=1e-6)


@pytest.mark.parametrize("rho", [0, -1, 51])
def test_an_impossible_budget_is_refused(rho: float) -> None:
    with pytest.raises(ValueError, match="rho"):
        noise.Budget(rho)


@pytest.mark.parametrize("n", [2, 6, 1000, 2**64 + 13])
def test_the_system_source_is_uniform_below_n(n: int) -> None:
    # The buffered reader of the system's random source: every residue class equally often
    # (a bias would make the exact sampler inexact), values never reaching n
    draws = [noise.SYSTEM.below(n) for _ in range(30_000)]
    assert all(0 <= d < n for d in draws)
    classes = 6 if n % 6 == 0 else 2 if n % 2 == 0 else 1
    if classes > 1:
        counts = [sum(d % classes == c for d in draws) for c in range(classes)]
        expected = len(draws) / classes
        assert max(abs(c - expected) for c in counts) < 5 * (expected**0.5)
    assert len(set(draws)) > min(n, 30_000) * 0.5


def test_the_discrete_gaussian_from_the_system_source_has_its_variance() -> None:
    draws = [noise.discrete_gaussian(4.0) for _ in range(20_000)]
    assert abs(statistics.fmean(draws)) < 0.15
    assert statistics.pvariance(draws) == pytest.approx(16.0, rel=0.05)


@pytest.mark.parametrize(
    ("num", "den"),
    [(1, 1), (1, 7), (5, 7), (13, 14), (1, 1000), (123_456_789, 987_654_321), (10**20 + 3, 10**21)],
)
def test_the_expansion_of_exp_is_exact(num: int, den: int) -> None:
    # exp(-x) to 300 digits: its first 32 bytes, floor(exp(-x) 2^256), are those the sampler uses
    decimal.getcontext().prec = 300
    value = (-decimal.Decimal(num) / decimal.Decimal(den)).exp()
    for nbytes in (1, 8, 32):
        expected = int(value * (1 << (8 * nbytes)))  # int() rounds a positive Decimal down
        assert noise._exp_bytes(num, den, nbytes) == expected.to_bytes(nbytes, "big")
    assert noise._exp_bytes(1, 1, 1)[0] == noise.E1_FIRST  # the byte the sampler's loop inlines


@pytest.mark.parametrize(("sigma", "batch"), [(0.6, 1), (1.5, 1), (4.0, 1), (17.93, 1), (4.0, 37)])
def test_the_sampler_draws_the_exact_discrete_gaussian(sigma: float, batch: int) -> None:
    # Every value's share of 120,000 seeded draws against the discrete Gaussian's mass
    # (chi-squared, the tails pooled where fewer than 20 draws are expected); one at a time as
    # a comment check draws, or in batches as a release draws a block's noise for a family
    bits = noise.Bits(random.Random(f"chi-{sigma}").randbytes)
    n = 120_000
    counts = collections.Counter(
        z for _ in range(n // batch) for z in noise.discrete_gaussians(sigma, batch, bits)
    )
    n = sum(counts.values())
    variance = float(noise.variance_used(sigma))
    reach = math.ceil(12 * sigma) + 2
    mass = {z: math.exp(-z * z / (2 * variance)) for z in range(-reach, reach + 1)}
    total = math.fsum(mass.values())
    inner = [z for z in mass if n * mass[z] / total >= 20]
    chi2 = sum((counts[z] - n * mass[z] / total) ** 2 / (n * mass[z] / total) for z in inner)
    tail_expected = n - sum(n * mass[z] / total for z in inner)
    tail = n - sum(counts[z] for z in inner)
    chi2 += (tail - tail_expected) ** 2 / max(tail_expected, 1e-9)
    df = len(inner)  # the inner cells and the pooled tail, less one
    assert chi2 < df + 6 * math.sqrt(2 * df)  # far beyond the 99.99th percentile


def test_draws_in_a_batch_are_independent_of_each_other() -> None:
    # Given batches of 40 draws, Then neighbours in a batch are uncorrelated, and so are the
    # sign and the size of consecutive draws (a loop that carried state over would show)
    bits = noise.Bits(random.Random(8).randbytes)
    batches = [noise.discrete_gaussians(4.0, 40, bits) for _ in range(3000)]
    pairs = [(a, b) for batch in batches for a, b in itertools.pairwise(batch)]
    n = len(pairs)
    variance = float(noise.variance_used(4.0))
    correlation = sum(a * b for a, b in pairs) / (n * variance)
    assert abs(correlation) < 4 / math.sqrt(n)
    sizes = sum((abs(a) - 3.2) * (abs(b) - 3.2) for a, b in pairs) / n
    assert abs(sizes) < 4 * variance / math.sqrt(n)
    assert all(len(batch) == 40 for batch in batches)


def test_a_tie_with_the_first_byte_is_decided_by_the_next_ones() -> None:
    # Given eight bits equal to exp(-x)'s first byte, the rest of U < exp(-x) has probability
    # exp(-x) 256 - that byte: the tail's decisions come out at that rate
    bits = noise.Bits(random.Random(4).randbytes)
    num, den = 3, 7
    rate = math.exp(-num / den) * 256 - noise._exp_bytes(num, den, 1)[0]
    trials = 40_000
    kept = sum(bits._below_exp_tail(num, den) for _ in range(trials))
    assert abs(kept / trials - rate) < 4 * math.sqrt(rate * (1 - rate) / trials)
