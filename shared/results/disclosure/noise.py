"""The noise every published count carries, and the one privacy budget it is drawn under.

Mechanism: the discrete Gaussian of Canonne, Kamath and Steinke, "The Discrete Gaussian for
Differential Privacy" (NeurIPS 2020), sampled exactly with rational arithmetic (their
Algorithms 1-3), so no floating-point artefact can betray the true count (Mironov 2012). Its
privacy is stated in zero-concentrated DP (zCDP, Bun and Steinke 2016): adding noise of
variance sigma^2 to a statistic that one respondent moves by at most Delta costs
rho = Delta^2 / (2 sigma^2), and costs add up over every statistic the respondent moves.

Where the noise goes: every statistic is a running total published on a fixed calendar through
the binary-tree mechanism (``shared.results.disclosure.continual``), so an answer is charged once
per
tree level and once in the campaign node, however many releases follow; a comment is charged
once per comment day it waits through (``shared.results.comments``).

The budget is one number, ``rho`` per resident, campaign and channel (add/remove one resident;
one invitation per resident, campaign and channel): a fixed share pays the comment checks, the
rest the figures, whose noise scales follow by fixed weights (docs/results.md).
"""

from __future__ import annotations

import functools
import math
import os
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

RandBelow = Callable[[int], int]  # uniform integer in [0, n)


class _SystemBits:
    """Uniform integers in [0, n) from the operating system's random source, like
    ``secrets.randbelow``, but reading it 4 KiB at a time: a draw of the discrete Gaussian
    takes about 15 of them, and one system call each was most of a release's time. Exact:
    k fresh bits per try, rejection above n (as ``random.SystemRandom`` does)."""

    WORDS = 512  # 64-bit words per read of the system's source
    __slots__ = ("_left", "_next", "_word", "_words")

    def __init__(self) -> None:
        self._words: array[int] = array("Q")
        self._next = 0
        self._word = 0
        self._left = 0  # bits left in self._word

    def _take(self, k: int) -> int:
        out = got = 0
        while got < k:
            if self._left == 0:
                if self._next == len(self._words):
                    self._words = array("Q", os.urandom(8 * self.WORDS))
                    self._next = 0
                self._word, self._left = self._words[self._next], 64
                self._next += 1
            n = min(k - got, self._left)
            out |= (self._word & ((1 << n) - 1)) << got
            self._word >>= n
            self._left -= n
            got += n
        return out

    def __call__(self, n: int) -> int:
        # k = bits of n - 1: enough for every value below n, and at most half of the tries are
        # rejected (below(2) takes one bit, never two); the common case is inlined
        if n <= 1:
            if n == 1:
                return 0
            raise ValueError("n must be positive")
        k = (n - 1).bit_length()
        mask = (1 << k) - 1
        while True:
            if self._left >= k:
                r = self._word & mask
                self._word >>= k
                self._left -= k
            else:
                r = self._take(k)
            if r < n:
                return r


system_below: RandBelow = _SystemBits().__call__  # a bound method: the cheapest call


# The samplers work on integer numerators and denominators only: exact, and without the cost of
# normalising Fractions (about 4x faster, which a weekly release of 290 municipalities needs).


def _bernoulli_exp_small(num: int, den: int, below: RandBelow) -> bool:
    """Bernoulli(exp(-num/den)) for 0 <= num/den <= 1 (CKS20 Algorithm 1)."""
    k = 1
    while below(den * k) < num:
        k += 1
    return k % 2 == 1


def _bernoulli_exp(num: int, den: int, below: RandBelow) -> bool:
    """Bernoulli(exp(-num/den)) for num/den >= 0."""
    while num > den:
        num -= den
        if not _bernoulli_exp_small(1, 1, below):
            return False
    return _bernoulli_exp_small(num, den, below)


def _geometric_exp(t: int, below: RandBelow) -> int:
    """k >= 0 with P(k) proportional to exp(-k / t) (CKS20 Algorithm 2, the fast form)."""
    while True:
        u = below(t)
        if _bernoulli_exp_small(u, t, below):  # u / t < 1: the small case directly
            break
    v = 0
    while _bernoulli_exp_small(1, 1, below):
        v += 1
    return v * t + u


def discrete_laplace(t: int, below: RandBelow = system_below) -> int:
    """P(z) proportional to exp(-|z| / t)."""
    while True:
        negative = below(2) == 1
        magnitude = _geometric_exp(t, below)
        if negative and magnitude == 0:
            continue
        return -magnitude if negative else magnitude


SIGMA2_DENOMINATOR = 10**6  # sigma^2 is rounded up to a multiple of 1e-6: never less noise


@functools.lru_cache(maxsize=256)
def variance_used(sigma: float) -> Fraction:
    """The exact variance parameter the sampler uses for ``sigma``: sigma^2 rounded up."""
    return Fraction(math.ceil(Fraction(sigma) ** 2 * SIGMA2_DENOMINATOR), SIGMA2_DENOMINATOR)


def discrete_gaussian(sigma: float, below: RandBelow = system_below) -> int:
    """One draw of the discrete Gaussian N_Z(0, sigma^2) (CKS20 Algorithm 3), sigma^2 rounded
    up to ``variance_used``."""
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    sigma2 = variance_used(sigma)
    p, q = sigma2.numerator, sigma2.denominator
    t = math.floor(sigma) + 1
    while True:
        candidate = discrete_laplace(t, below)
        # bias = (|c| - sigma2 / t)^2 / (2 sigma2), as one integer fraction
        gap = abs(candidate) * t * q - p
        if _bernoulli_exp(gap * gap, 2 * p * q * t * t, below):
            return candidate


# Families of published statistics, each with its own noise scale. The index of a question is
# 25 * (S / N + 2), with S the sum of centred scores (answer - 3, so -2..2) and N the number of
# scored answers: centring halves what one respondent can move S by (2 instead of 4).
TOTAL_SUM = "total_sum"  # S of a question over the whole campaign (the headline index)
TOTAL_COUNT = "total_count"  # N, "vet ej", answers, errand and own-question counts
BREAKDOWN_SUM = "breakdown_sum"  # S in a week or errand cell
BREAKDOWN_COUNT = "breakdown_count"  # N and "vet ej" in a week or errand cell
PARTICIPATION = "participation"  # invitations and declines
FAMILIES = (TOTAL_SUM, TOTAL_COUNT, BREAKDOWN_SUM, BREAKDOWN_COUNT, PARTICIPATION)

# Relative noise of the families: the headline sum gets the least noise; breakdowns, which a
# reader combines with the total to learn one answer, and whose figures are read less exactly,
# get more (docs/results.md: the weights were chosen on the accuracy frontier of make bench).
WEIGHTS = {
    TOTAL_SUM: 1.0,
    TOTAL_COUNT: 1.0,
    BREAKDOWN_SUM: 3.0,
    BREAKDOWN_COUNT: 3.0,
    # invitations run to hundreds, so a response rate still reads the same through this much
    PARTICIPATION: 4.0,
}
SUM_DELTA = 2  # what one respondent moves a centred sum by, at most
DEFAULT_RHO = 0.3
# the share of rho that pays the comment batches' noisy checks (the rest pays the figures)
COMMENT_SHARE = 0.15


@dataclass(frozen=True)
class Exposure:
    """How much one resident moves each family of statistics: the sum of squared changes over
    every statistic of the family it is in (derived from the cells an answer adds to,
    ``shared.results.disclosure.release.exposure``)."""

    squared: dict[str, float]

    def __post_init__(self) -> None:
        unknown = set(self.squared) - set(FAMILIES)
        if unknown:
            raise ValueError(f"no noise family {sorted(unknown)}")


@dataclass(frozen=True)
class Budget:
    """``rho``: zCDP per resident, campaign and channel, the one number.

    The noise of a stream (a municipality's campaign on one channel) is scaled to what its
    residents are exposed to (a municipality that asks its own questions gets a little more
    noise on every figure, so each of its residents still costs exactly ``rho``) and to the
    release calendar's tree (``unit_cost``: what one unit of sensitivity costs over every node
    of the tree an answer is in)."""

    rho: float = DEFAULT_RHO
    comment_share: float = COMMENT_SHARE

    def __post_init__(self) -> None:
        if not 0 < self.rho <= 50:
            raise ValueError("rho must lie in (0, 50]")
        if not 0 < self.comment_share < 1:
            raise ValueError("the comments' share of rho lies in (0, 1)")

    @property
    def figures_rho(self) -> float:
        return self.rho * (1 - self.comment_share)

    @property
    def comments_rho(self) -> float:
        return self.rho * self.comment_share

    def _base(self, exposure: Exposure, unit_cost: float) -> float:
        total = sum(exposure.squared.get(f, 0.0) / WEIGHTS[f] ** 2 for f in FAMILIES)
        return math.sqrt(total * unit_cost / (2 * self.figures_rho))

    def sigma(self, family: str, exposure: Exposure, unit_cost: float = 1.0) -> float:
        """The standard deviation of one tree node's noise for a statistic of ``family`` in a
        stream whose residents have ``exposure`` and whose calendar's tree has ``unit_cost``."""
        return WEIGHTS[family] * self._base(exposure, unit_cost)

    def figures_spent(
        self, exposure: Exposure, unit_cost: float, scaled_for: Exposure | None = None
    ) -> float:
        """rho a resident with ``exposure`` spends on the figures of a stream scaled for
        ``scaled_for`` (default: itself, which spends exactly ``figures_rho``)."""
        basis = scaled_for or exposure
        return sum(
            exposure.squared.get(f, 0.0) * unit_cost / (2 * self.sigma(f, basis, unit_cost) ** 2)
            for f in FAMILIES
        )

    def comment_sigma(self, checks: int) -> float:
        """The noise of a comment pool's count on each of ``checks`` comment days, so that a
        comment waiting through all of them costs ``comments_rho``."""
        return math.sqrt(checks / (2 * self.comments_rho))

    def epsilon(self, delta: float = 1e-6, rho: float | None = None) -> float:
        """The (epsilon, delta)-DP that ``rho`` (default: the whole budget) implies (Bun and
        Steinke 2016, Proposition 1.3)."""
        r = self.rho if rho is None else rho
        return r + 2 * math.sqrt(r * math.log(1 / delta))
