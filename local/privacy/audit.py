"""The audit's measures: TPR at a low FPR, an empirical ε lower bound, the analytic bound.

Every attack is a test of two hypotheses about one target (it answered or not; its answer was
high or low; it commented or not). Run over many simulated targets, half under each, it yields
the attacker's *score* per target (higher: the property more likely). From the scores:

- **TPR at FPR ≤ 1 %** (as membership-inference work reports it, e.g. Carlini et al. 2022):
  the targets are split in two halves; the threshold is set on the first half's negatives so
  that at most 1 % of them score above it (and a linear attacker's weights, where it has
  several observations, are fitted on the first half too); TPR and FPR are counted on the
  second half, which played no part in choosing them.
- **An empirical ε lower bound** (Jagielski, Ullman and Oprea 2020; Nasr et al. 2021): with
  one-sided 97.5 % Clopper–Pearson bounds (95 % for the pair), any (ε, δ)-DP mechanism has
  ε ≥ max(ln((TPR_low − δ) / FPR_high), ln((1 − δ − FPR_high) / FNR_high)).
- **The analytic bounds** of the stated budget for that attack: the attack's two worlds differ
  by known changes to the exact totals, and every figure is post-processing of Gaussian
  measurements, so the release is μ-Gaussian-DP between them with μ the Mahalanobis distance of
  the change (``core.mechanism_mu``): TPR ≤ Φ(Φ⁻¹(FPR) + μ) (Dong, Roth and Su 2022); and
  ρ = μ²/2 zCDP, i.e. (ε, δ)-DP with ε = ``noise.Budget.epsilon(δ, ρ)``.

An attack *held* when its ε lower bound does not exceed the analytic ε, its TPR's lower bound
does not exceed the tradeoff curve at its FPR's upper bound, and no target was identified with
certainty (a likelihood ratio of infinity: an observation the other world cannot produce).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import NormalDist

import numpy as np

from shared.results.disclosure import noise

FPR_GOAL = 0.01
DELTA = 1e-6
CONFIDENCE = 0.975  # each of the two bounds: 95 % for the pair
_N = NormalDist()


def gdp_tpr(fpr: float, mu: float) -> float:
    """The largest TPR at ``fpr`` of any test against a μ-GDP mechanism."""
    if fpr <= 0:
        return 0.0
    if fpr >= 1:
        return 1.0
    return _N.cdf(_N.inv_cdf(fpr) + mu)


def _log_pmf(i: int, n: int, p: float) -> float:
    return (
        math.lgamma(n + 1)
        - math.lgamma(i + 1)
        - math.lgamma(n - i + 1)
        + i * math.log(p)
        + (n - i) * math.log1p(-p)
    )


def _log_binom_tail(k: int, n: int, p: float) -> float:
    """log P(X >= k) for X ~ Binomial(n, p), summing the shorter side (the bisection of
    ``clopper_pearson`` only needs values near its α, where 1 - the other side is exact
    enough)."""
    if k <= 0:
        return 0.0
    if k > n or p <= 0:
        return -math.inf
    if p >= 1:
        return 0.0
    if n - k < k:
        terms = [_log_pmf(i, n, p) for i in range(k, n + 1)]
    else:
        terms = [_log_pmf(i, n, p) for i in range(k)]
    top = max(terms)
    log_sum = top + math.log(math.fsum(math.exp(t - top) for t in terms))
    if n - k < k:
        return log_sum
    rest = -math.expm1(log_sum)
    return math.log(rest) if rest > 0 else -math.inf


def clopper_pearson(k: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """One-sided Clopper–Pearson bounds (lower, upper) of a binomial proportion k / n."""
    if n == 0:
        return 0.0, 1.0
    alpha = 1 - confidence

    def solve(predicate_low: bool) -> float:
        lo, hi = 0.0, 1.0
        for _ in range(60):
            mid = (lo + hi) / 2
            if predicate_low:  # the lower bound: P(X >= k | p) = alpha
                if _log_binom_tail(k, n, mid) < math.log(alpha):
                    lo = mid
                else:
                    hi = mid
            else:  # the upper bound: P(X <= k | p) = alpha
                if 1 - math.exp(_log_binom_tail(k + 1, n, mid)) > alpha:
                    lo = mid
                else:
                    hi = mid
        return (lo + hi) / 2

    lower = 0.0 if k == 0 else solve(True)
    upper = 1.0 if k == n else solve(False)
    return lower, upper


def epsilon_lower_bound(tp: int, positives: int, fp: int, negatives: int) -> float:
    tpr_low, _ = clopper_pearson(tp, positives)
    _, fpr_high = clopper_pearson(fp, negatives)
    fnr_high = 1 - tpr_low
    out = 0.0
    if tpr_low - DELTA > 0 and fpr_high > 0:
        out = max(out, math.log((tpr_low - DELTA) / fpr_high))
    if fnr_high > 0 and 1 - DELTA - fpr_high > 0:
        out = max(out, math.log((1 - DELTA - fpr_high) / fnr_high))
    return out


def linear_scores(
    positives: np.ndarray, negatives: np.ndarray, fit: slice
) -> tuple[np.ndarray, np.ndarray]:
    """Fisher's linear discriminant fitted on the rows ``fit`` of both (the attacker's best
    linear test when the observations are Gaussian with a common covariance, as noisy sums
    are): scores of every row."""
    if positives.shape[1] == 1:
        return positives[:, 0], negatives[:, 0]
    p, n = positives[fit], negatives[fit]
    pooled = np.cov(np.vstack([p - p.mean(0), n - n.mean(0)]).T)
    w = np.linalg.pinv(np.atleast_2d(pooled)) @ (p.mean(0) - n.mean(0))
    return positives @ w, negatives @ w


@dataclass
class Result:
    """One attack's scores and what the budget allows it."""

    attack: str
    what: str
    positives: list[float] = field(default_factory=list)
    negatives: list[float] = field(default_factory=list)
    mu: float = 0.0  # the analytic μ between the two worlds
    certain: int = 0  # targets identified with a likelihood ratio of infinity
    note: str = ""
    stated: bool = False  # a documented limit, shown for the record, not part of the goal
    rho_budget: float = noise.DEFAULT_RHO
    _cache: dict[str, float] = field(default_factory=dict, repr=False)

    @classmethod
    def from_features(
        cls,
        attack: str,
        what: str,
        positives: Sequence[Sequence[float]],
        negatives: Sequence[Sequence[float]],
        **kw: object,
    ) -> Result:
        """A linear attacker on several observations per target, fitted on the first half."""
        pos, neg = np.asarray(positives, dtype=float), np.asarray(negatives, dtype=float)
        fit = slice(0, None, 2)
        sp, sn = linear_scores(pos, neg, fit)
        return cls(attack, what, list(map(float, sp)), list(map(float, sn)), **kw)  # type: ignore[arg-type]

    @property
    def targets(self) -> int:
        return len(self.positives) + len(self.negatives)

    def _measure(self) -> dict[str, float]:
        if self._cache:
            return self._cache
        pos, neg = self.positives, self.negatives
        calibrate = sorted(neg[0::2])
        # the threshold: at most FPR_GOAL of the calibration negatives score above it
        allowed = math.floor(FPR_GOAL * len(calibrate))
        threshold = calibrate[len(calibrate) - allowed - 1] if calibrate else 0.0
        test_pos, test_neg = pos[1::2], neg[1::2]
        tp = sum(1 for s in test_pos if s > threshold)
        fp = sum(1 for s in test_neg if s > threshold)
        tpr_low, tpr_high = clopper_pearson(tp, len(test_pos))
        fpr_low, fpr_high = clopper_pearson(fp, len(test_neg))
        spread = float(
            np.std(
                np.r_[
                    np.asarray(test_pos) - np.mean(test_pos),
                    np.asarray(test_neg) - np.mean(test_neg),
                ]
            )
        )
        mu_seen = (np.mean(test_pos) - np.mean(test_neg)) / spread if spread > 0 else math.inf
        self._cache.update(
            tp=tp,
            fp=fp,
            positives=len(test_pos),
            negatives=len(test_neg),
            tpr=tp / max(1, len(test_pos)),
            fpr=fp / max(1, len(test_neg)),
            tpr_low=tpr_low,
            tpr_high=tpr_high,
            fpr_low=fpr_low,
            fpr_high=fpr_high,
            eps_lb=epsilon_lower_bound(tp, len(test_pos), fp, len(test_neg)),
            mu_seen=float(mu_seen),
        )
        return self._cache

    @property
    def tpr(self) -> float:
        return self._measure()["tpr"]

    @property
    def fpr(self) -> float:
        return self._measure()["fpr"]

    @property
    def eps_lb(self) -> float:
        return self._measure()["eps_lb"]

    @property
    def mu_seen(self) -> float:
        """The attacker's separation (difference of mean scores over their spread): what μ
        it reached, if its scores are Gaussian."""
        return self._measure()["mu_seen"]

    @property
    def rho(self) -> float:
        return self.mu**2 / 2

    @property
    def eps_analytic(self) -> float:
        return noise.Budget(max(self.rho, 1e-9)).epsilon(DELTA)

    @property
    def tpr_bound(self) -> float:
        """The tradeoff curve at the measured FPR's upper bound."""
        return gdp_tpr(self._measure()["fpr_high"], self.mu)

    @property
    def held(self) -> bool:
        m = self._measure()
        return (
            self.certain == 0
            and m["eps_lb"] <= self.eps_analytic + 1e-12
            and m["tpr_low"] <= self.tpr_bound + 1e-12
        )

    def row(self) -> Line:
        m = self._measure()
        return Line(
            self.attack,
            self.what,
            f"{m['tpr']:.2%} (CP {m['tpr_low']:.2%}–{m['tpr_high']:.2%}) at FPR {m['fpr']:.2%}",
            f"≤ {gdp_tpr(m['fpr'], self.mu):.2%}",
            f"{m['eps_lb']:.2f}",
            f"{self.eps_analytic:.2f}",
            f"{_num(m['mu_seen'])} / {self.mu:.3f}",
            f"{self.certain}/{self.targets}",
            self.held,
            self.note,
            self.stated,
        )


def _num(x: float) -> str:
    return f"{x:.3f}" if math.isfinite(x) else "n/a"


@dataclass
class Line:
    """One line of the printed table."""

    attack: str
    what: str
    tpr: str = "-"  # measured TPR at FPR <= 1 %
    tpr_bound: str = "-"  # what μ-GDP allows at the measured FPR
    eps_lb: str = "-"
    eps: str = "-"  # analytic
    mu: str = "-"  # seen / analytic
    certain: str = "-"
    held: bool = True
    note: str = ""
    stated: bool = False


HEADER = (
    "| attack | hypothesis | TPR at FPR ≤ 1 % | μ-GDP bound at that FPR | ε lower bound "
    "| ε analytic (δ 1e-6) | μ seen / analytic | certain | held | notes |"
)


def table(lines: Sequence[Line]) -> str:
    out = [HEADER, "| " + " | ".join("---" for _ in range(10)) + " |"]
    for line in lines:
        held = "yes" if line.held else "NO"
        if line.stated:
            held += " (stated)"
        cells = (
            line.attack,
            line.what,
            line.tpr,
            line.tpr_bound,
            line.eps_lb,
            line.eps,
            line.mu,
            line.certain,
            held,
            line.note,
        )
        out.append("| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |")
    return "\n".join(out)
