"""The noise every published count carries, and the one privacy budget it is drawn under.

Mechanism: the discrete Gaussian of Canonne, Kamath and Steinke, "The Discrete Gaussian for
Differential Privacy" (NeurIPS 2020), sampled exactly with rational arithmetic (their
Algorithms 1-3), so no floating-point artefact can betray the true count (Mironov 2012). Its
privacy is stated in zero-concentrated DP (zCDP, Bun and Steinke 2016): adding noise of
variance sigma^2 to a statistic that one respondent moves by at most Delta costs
rho = Delta^2 / (2 sigma^2), and costs add up over every statistic the respondent moves.

Why per-batch noise: each release publishes the noisy *new* counts of one batch of answers,
and a figure is the sum of its batches. Every answer is in exactly one batch, so a respondent
pays once, however many releases follow (a cumulative count re-noised at every release would
let a reader average the noise away). See docs/results.md for the budget and its accuracy.

The budget is one number, ``rho`` per respondent per campaign (add/remove one respondent);
the noise scale of every family of statistics follows from it by fixed weights.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

RandBelow = Callable[[int], int]  # uniform integer in [0, n)


def _bernoulli(p: Fraction, below: RandBelow) -> bool:
    return below(p.denominator) < p.numerator


def _bernoulli_exp_small(gamma: Fraction, below: RandBelow) -> bool:
    """Bernoulli(exp(-gamma)) for 0 <= gamma <= 1 (CKS20 Algorithm 1)."""
    k = 1
    while _bernoulli(gamma / k, below):
        k += 1
    return k % 2 == 1


def _bernoulli_exp(gamma: Fraction, below: RandBelow) -> bool:
    """Bernoulli(exp(-gamma)) for gamma >= 0."""
    while gamma > 1:
        gamma -= 1
        if not _bernoulli_exp_small(Fraction(1), below):
            return False
    return _bernoulli_exp_small(gamma, below)


def _geometric_exp(x: Fraction, below: RandBelow) -> int:
    """k >= 0 with P(k) proportional to exp(-x k) (CKS20 Algorithm 2, the fast form)."""
    s, t = x.numerator, x.denominator
    while True:
        u = below(t)
        if _bernoulli_exp(Fraction(u, t), below):
            break
    v = 0
    while _bernoulli_exp(Fraction(1), below):
        v += 1
    return (v * t + u) // s


def discrete_laplace(t: int, below: RandBelow = secrets.randbelow) -> int:
    """P(z) proportional to exp(-|z| / t)."""
    while True:
        negative = _bernoulli(Fraction(1, 2), below)
        magnitude = _geometric_exp(Fraction(1, t), below)
        if negative and magnitude == 0:
            continue
        return -magnitude if negative else magnitude


def discrete_gaussian(sigma: float, below: RandBelow = secrets.randbelow) -> int:
    """One draw of the discrete Gaussian N_Z(0, sigma^2) (CKS20 Algorithm 3)."""
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    sigma2 = Fraction(sigma) ** 2
    t = math.floor(sigma) + 1
    while True:
        candidate = discrete_laplace(t, below)
        bias = (abs(candidate) - sigma2 / t) ** 2 / (2 * sigma2)
        if _bernoulli_exp(bias, below):
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
# reader combines with the total to learn one answer, get more.
WEIGHTS = {
    TOTAL_SUM: 1.0,
    TOTAL_COUNT: 1.07,
    BREAKDOWN_SUM: 1.79,
    BREAKDOWN_COUNT: 1.43,
    # one invitation more or less must not show whether a resident was drawn: invitations
    # run to hundreds, so a response rate still reads the same through this much noise
    PARTICIPATION: 4.0,
}
SUM_DELTA = 2  # what one respondent moves a centred sum by, at most
DEFAULT_RHO = 0.3


@dataclass(frozen=True)
class Exposure:
    """How many statistics of each family one respondent moves, and by how much (squared)."""

    squared: dict[str, float]

    @classmethod
    def respondent(
        cls, scale_questions: int, choice_questions: int, breakdowns: int = 2
    ) -> Exposure:
        """A respondent of a channel with ``scale_questions`` (national and own) and
        ``choice_questions`` own choice questions, in ``breakdowns`` breakdown cells (week,
        errand) for each national question (two per channel)."""
        national = 2
        return cls(
            {
                # per scale question: its centred sum, and its N or its "vet ej"
                TOTAL_SUM: scale_questions * SUM_DELTA**2,
                # N-or-vet-ej per scale question, the answer count, the errand, own choices
                TOTAL_COUNT: scale_questions + 1 + 1 + choice_questions,
                BREAKDOWN_SUM: breakdowns * national * SUM_DELTA**2,
                BREAKDOWN_COUNT: breakdowns * national,
                # invited (and declined, for one who declines instead of answering)
                PARTICIPATION: 2,
            }
        )


# A channel of the national survey alone: two scale questions and the errand.
NATIONAL = Exposure.respondent(scale_questions=2, choice_questions=0)


@dataclass(frozen=True)
class Budget:
    """``rho``: zCDP per respondent and campaign (add/remove one respondent), the one number.

    The noise of a stream (a municipality's campaign on one channel) is scaled to what its
    respondents are exposed to: a municipality that asks its own questions gets a little more
    noise on every figure, so that each of its respondents still costs exactly ``rho``."""

    rho: float = DEFAULT_RHO

    def __post_init__(self) -> None:
        if not 0 < self.rho <= 50:
            raise ValueError("rho must lie in (0, 50]")

    def _base(self, exposure: Exposure) -> float:
        total = sum(exposure.squared[f] / WEIGHTS[f] ** 2 for f in FAMILIES)
        return math.sqrt(total / (2 * self.rho))

    def sigma(self, family: str, exposure: Exposure = NATIONAL) -> float:
        """The noise's standard deviation for a statistic of ``family`` in a stream whose
        respondents have ``exposure``."""
        return WEIGHTS[family] * self._base(exposure)

    def spent(self, exposure: Exposure, scaled_for: Exposure | None = None) -> float:
        """rho spent on a respondent with ``exposure`` in a stream scaled for ``scaled_for``."""
        basis = scaled_for or exposure
        return sum(exposure.squared[f] / (2 * self.sigma(f, basis) ** 2) for f in FAMILIES)

    def epsilon(self, delta: float = 1e-6) -> float:
        """The (epsilon, delta)-DP this implies (Bun and Steinke 2016, Proposition 1.3)."""
        return self.rho + 2 * math.sqrt(self.rho * math.log(1 / delta))

    def answer_mu(self, exposure: Exposure = NATIONAL) -> float:
        """Gaussian-DP mu of one answer changing by one step on the scale (e.g. 4 → 5), seen
        through the total and the breakdown cells: the quantity a differencing attacker fights."""
        total, breakdown = self.sigma(TOTAL_SUM, exposure), self.sigma(BREAKDOWN_SUM, exposure)
        return math.sqrt(1 / total**2 + 2 / breakdown**2)
