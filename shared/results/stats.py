"""Welch's test of two indexes (with Student's t distribution), in plain Python.

scipy is not a runtime dependency (it would not fit the Lambda asset), so Student's t
distribution is computed here from the regularised incomplete beta function (Lentz's continued
fraction, as in Numerical Recipes §6.4); its quantiles agree with published tables to 1e-6.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SCALE = (1, 2, 3, 4, 5)
CONFIDENCE = 0.95
ALPHA = 0.05


def score(value: int) -> float:
    """5→100, 4→75, 3→50, 2→25, 1→0."""
    return (value - 1) * 25.0


def _betacf(a: float, b: float, x: float) -> float:
    tiny, eps = 1e-300, 3e-16
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < eps:
            break
    return h


def betainc(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with ``df`` degrees of freedom (df may be fractional)."""
    tail = 0.5 * betainc(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The t value with P(T <= t) = p (bisection: monotone, exact to ~1e-12)."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must lie strictly between 0 and 1")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


@dataclass(frozen=True)
class Moments:
    """What the index and the tests need from a set of 0–100 scores."""

    n: int
    mean: float
    variance: float  # sample variance (n - 1 in the denominator); 0 when n < 2


@dataclass(frozen=True)
class Comparison:
    difference: float  # this mean minus the other's
    p_value: float
    significant: bool


def welch(a: Moments, b: Moments, alpha: float = ALPHA) -> Comparison | None:
    """Welch's two-sided t-test of a's mean against b's (unequal variances).

    None when it is undefined: fewer than two scores on a side, or no spread on either side.
    """
    if a.n < 2 or b.n < 2:
        return None
    va, vb = a.variance / a.n, b.variance / b.n
    difference = a.mean - b.mean
    if va + vb == 0.0:
        return None
    t = difference / math.sqrt(va + vb)
    df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1))
    p = min(1.0, 2.0 * (1.0 - t_cdf(abs(t), df)))
    return Comparison(difference, p, p < alpha)
