"""The noise every published count carries, and the one privacy budget it is drawn under.

Mechanism: the discrete Gaussian of Canonne, Kamath and Steinke, "The Discrete Gaussian for
Differential Privacy" (NeurIPS 2020), sampled exactly with integer arithmetic (their
Algorithms 2-3; each Bernoulli(exp(-x)) decided against the exact binary expansion of exp(-x)
instead of their Algorithm 1, ``Bits``), so no floating-point artefact can betray the true
count (Mironov 2012). Its
privacy is stated in zero-concentrated DP (zCDP, Bun and Steinke 2016): adding noise of
variance sigma^2 to a statistic that one respondent moves by at most Delta costs
rho = Delta^2 / (2 sigma^2), and costs add up over every statistic the respondent moves.

Where the noise goes: every statistic is a running total published on a fixed calendar through
the binary-tree mechanism (``shared.results.disclosure.continual``), so an answer is charged once
per tree level and once in the campaign node, however many releases follow; a comment is charged
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

Source = Callable[[int], bytes]  # n uniform random bytes (os.urandom, or a seeded source in tests)


def _exp_bytes(num: int, den: int, nbytes: int) -> bytes:
    """The first ``nbytes`` bytes of the binary expansion of exp(-num/den), 0 < num/den <= 1,
    exactly. The Taylor series in fixed point with ``guard`` extra bits: each term is rounded
    down, so the j-th lies within j units below its true value, and the series stops at the
    first term that rounds to 0, whose true value is then below K, its index; with the
    alternating tail below its first term, the sum is within E = K(K+1)/2 units of the value.
    When the interval [S - E, S + E] holds one value of the expansion's bytes those are the
    bytes; otherwise more guard bits are taken. This ends, since exp(-r) is irrational for a
    rational r != 0 (Lambert), so never a multiple of 2^-8n."""
    guard = 16
    while True:
        bits = 8 * nbytes + guard
        term = total = 1 << bits
        k = 0
        while term:
            k += 1
            term = term * num // (den * k)
            total += -term if k % 2 else term
        error = k * (k + 1) // 2
        low, high = (total - error) >> guard, (total + error) >> guard
        if low == high and high >> (8 * nbytes) == 0:
            return low.to_bytes(nbytes, "big")
        guard *= 2


@functools.lru_cache(maxsize=1 << 16)
def _first_byte(num: int, den: int) -> int:
    return _exp_bytes(num, den, 1)[0]


E1_FIRST = 0x5E  # the first byte of exp(-1) = 0.367879… (0x5E / 256 = 0.3671875)


class Bits:
    """Uniform random bits from ``source`` (default: the operating system's random source),
    read 4 KiB at a time, and the samplers that use them.

    Every Bernoulli(exp(-x)) the discrete Gaussian needs (0 < x <= 1) is decided the way a
    uniform number U in [0, 1) is compared with exp(-x): eight bits of U against the next byte
    of the exact binary expansion of exp(-x) (``_exp_bytes``), until a byte differs. U < exp(-x)
    has probability exp(-x) exactly, and one byte decides but with probability 1/256: cheaper
    than the von Neumann series of CKS20 Algorithm 1, which takes a uniform draw per step."""

    WORDS = 512  # 64-bit words per read of the source
    __slots__ = ("_left", "_next", "_source", "_word", "_words")

    def __init__(self, source: Source | None = None) -> None:
        self._source = source
        self._words: array[int] = array("Q")
        self._next = 0
        self._word = 0
        self._left = 0  # bits left in self._word

    def _fresh_word(self) -> int:
        """The next 64 bits of the source, the current word's untouched."""
        if self._next == len(self._words):
            read = self._source or os.urandom  # looked up now: tests may replace it
            self._words = array("Q", read(8 * self.WORDS))
            self._next = 0
        self._next += 1
        return self._words[self._next - 1]

    def _take(self, k: int) -> int:
        out = got = 0
        while got < k:
            if self._left == 0:
                self._word, self._left = self._fresh_word(), 64
            n = min(k - got, self._left)
            out |= (self._word & ((1 << n) - 1)) << got
            self._word >>= n
            self._left -= n
            got += n
        return out

    def below(self, n: int) -> int:
        """A uniform integer in [0, n), like ``secrets.randbelow``: k fresh bits per try (k the
        bits of n - 1, so at most half of the tries are rejected), rejected at n or above."""
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

    def _below_exp_tail(self, num: int, den: int) -> bool:
        """Bernoulli(exp(-num/den)) once eight bits tied with its expansion's first byte: the
        next bytes, computed to twice the length each time."""
        done, nbytes = 1, 8
        while True:
            for byte in _exp_bytes(num, den, nbytes)[done:]:
                drawn = self.below(256)
                if drawn != byte:
                    return drawn < byte
            done, nbytes = nbytes, 2 * nbytes

    def _tie(self, num: int, den: int, word: int, left: int) -> tuple[bool, int, int]:
        """``_below_exp_tail`` from ``gaussians``' loop, which holds the current word."""
        self._word, self._left = word, left
        kept = self._below_exp_tail(num, den)
        return kept, self._word, self._left

    def gaussians(self, shape: _Shape, count: int) -> list[int]:
        """``count`` independent draws of the discrete Gaussian N_Z(0, sigma^2): CKS20
        Algorithm 3 over their Algorithm 2's discrete Laplace, each Bernoulli(exp(-x)) decided
        by comparing eight bits with the first byte of exp(-x) (a tie, 1 in 256: ``_tie``).

        Written out in one loop over a local word, because calls cost more than the sampling
        (five to ten uniform draws a sample); a release draws a tree node's noise for every
        statistic of a family at once, so the set-up is paid once per node and family. Every
        decision reads bits no earlier decision read: a draw the word no longer holds starts a
        fresh word, and bits drawn but not needed (the coin of a u at or above t) are dropped,
        so each decision's bits are uniform and independent of everything before it."""
        p, q, t, den, first = shape.p, shape.q, shape.t, shape.den, shape.first
        kt = (t - 1).bit_length()
        mask, k_coin = (1 << kt) - 1, kt + 8
        fresh, tie = self._fresh_word, self._tie
        word, left = self._word, self._left
        out: list[int] = []
        try:
            while len(out) < count:
                # u uniform in [0, t), kept with probability exp(-u / t): its kt bits and the
                # coin's eight drawn at once
                while True:
                    if left < k_coin:
                        word, left = fresh(), 64
                    u, drawn = word & mask, (word >> kt) & 255
                    word >>= k_coin
                    left -= k_coin
                    if u >= t:
                        continue
                    if u == 0 or drawn < first[u]:
                        break
                    if drawn > first[u]:
                        continue
                    kept, word, left = tie(u, t, word, left)
                    if kept:
                        break
                # v: P(v) proportional to exp(-v), a coin exp(-1) per step
                v = 0
                while True:
                    if left < 8:
                        word, left = fresh(), 64
                    drawn = word & 255
                    word >>= 8
                    left -= 8
                    if drawn == E1_FIRST:
                        kept, word, left = tie(1, 1, word, left)
                    else:
                        kept = drawn < E1_FIRST
                    if not kept:
                        break
                    v += 1
                if left < 1:
                    word, left = fresh(), 64
                negative = word & 1
                word >>= 1
                left -= 1
                magnitude = v * t + u
                if negative and magnitude == 0:
                    continue
                # kept with probability exp(-(|c| - sigma^2 / t)^2 / (2 sigma^2)) =
                # exp(-1)^whole * exp(-rest / den), as integers
                whole, rest = divmod((magnitude * t * q - p) ** 2, den)
                kept = True
                while kept and (whole or rest):
                    num, over = (1, 1) if whole else (rest, den)
                    byte = E1_FIRST if whole else _first_byte(rest, den)
                    if left < 8:
                        word, left = fresh(), 64
                    drawn = word & 255
                    word >>= 8
                    left -= 8
                    if drawn == byte:
                        kept, word, left = tie(num, over, word, left)
                    else:
                        kept = drawn < byte
                    if whole:
                        whole -= 1
                    else:
                        rest = 0
                if kept:
                    out.append(-magnitude if negative else magnitude)
            return out
        finally:
            self._word, self._left = word, left


SYSTEM = Bits()  # the operating system's random source, for every release and comment check


SIGMA2_DENOMINATOR = 10**6  # sigma^2 is rounded up to a multiple of 1e-6: never less noise


@functools.lru_cache(maxsize=256)
def variance_used(sigma: float) -> Fraction:
    """The exact variance parameter the sampler uses for ``sigma``: sigma^2 rounded up."""
    return Fraction(math.ceil(Fraction(sigma) ** 2 * SIGMA2_DENOMINATOR), SIGMA2_DENOMINATOR)


@dataclass(frozen=True, slots=True)
class _Shape:
    """The integers of one sigma's sampler: sigma^2 = p / q, the Laplace scale t = floor(sigma)
    + 1 and the denominator 2 p q t^2 of the rejection's exponent."""

    p: int
    q: int
    t: int
    den: int
    first: tuple[int, ...]  # the first byte of exp(-u / t), u = 0 … t - 1 (u = 0: always)


@functools.lru_cache(maxsize=256)
def _shape(sigma: float) -> _Shape:
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    sigma2 = variance_used(sigma)
    p, q, t = sigma2.numerator, sigma2.denominator, math.floor(sigma) + 1
    first = (256, *(_first_byte(u, t) for u in range(1, t)))
    return _Shape(p, q, t, 2 * p * q * t * t, first)


def discrete_gaussians(sigma: float, count: int, bits: Bits | None = None) -> list[int]:
    """``count`` independent draws of the discrete Gaussian N_Z(0, sigma^2) (CKS20), sigma^2
    rounded up to ``variance_used``, from ``bits`` (default: the operating system's,
    ``SYSTEM``). Every draw of noise goes through here (the simulations replace it)."""
    return (bits or SYSTEM).gaussians(_shape(sigma), count)


def discrete_gaussian(sigma: float, bits: Bits | None = None) -> int:
    """One draw of ``discrete_gaussians``."""
    return discrete_gaussians(sigma, 1, bits)[0]


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
