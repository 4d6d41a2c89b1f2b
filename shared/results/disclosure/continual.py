"""Continual counting: a running total published on every release day, each answer paid once.

A statistic of a stream (say the centred sum of a question in the total cell) grows by an exact
*increment* x_p in each release period p = 0 … T-1 of its campaign (``shared.results.schedule``;
T is fixed by the calendar before the campaign starts). Publishing every running total
x_0 + … + x_t with fresh noise would charge an answer once per release; publishing the noisy
increments and adding them up would let the error grow with √t. The binary-tree mechanism
(Dwork, Naor, Pitassi and Rothblum 2010; Chan, Shi and Song 2011) measures instead the sums
over *dyadic blocks* of periods — [0,1), [1,2), … [0,2), [2,4), … [0,4), … — each once, when
its last period ends, with independent noise: an answer is in one block per level, so it is
charged ``levels`` times in all, however many releases follow, and any running total is the sum
of at most one block per level.

Two refinements, both post-processing or fixed in advance:

- **A campaign node.** The whole campaign [0, T) is measured once more at the final release,
  with a share of the budget of its own (``Strategy.final_share``): the headline a municipality
  keeps, the campaign's index, is then far more exact than a weekly running total.
- **Generalized least squares** (Hay, Rastogi, Miklau and Suciu, VLDB 2010): the blocks
  measure overlapping sums, so every running total is estimated from *all* the measurements
  available (weighted by their noise), not from one path of the tree. The estimate of a linear
  function a·x from the measurements y = W x + noise (noise variances λ_k² σ²) is
  aᵀ(WᵀΛ⁻¹W)⁻¹WᵀΛ⁻¹y, unbiased with variance aᵀ(WᵀΛ⁻¹W)⁻¹a σ²: the smallest of any linear
  unbiased estimate. Its coefficients depend only on the calendar, so they are computed once per
  (T, t, a) and reused for every statistic of every stream.

What a stream keeps between release days is folded, exactly (``Summary``): once a block and
every block below it are measured (a *closed* subtree), every later running total contains the
whole block, and no later measurement covers part of it, so the subtree's measurements matter
only through the GLS estimate of the block's sum from them. With every tree node's noise the
same (λ² = 1), that estimate of a block of 2^l periods is Z / (2^(l+1) − 1) with the integer
Z = 2^l · y + Z_left + Z_right (Z = y for one period), of variance 2^l / (2^(l+1) − 1)
(the bottom-up pass of Hay et al.). The closed subtrees at any time are the binary
decomposition of the periods done, so a statistic keeps at most ``levels`` integers, plus the
exact running totals at the starts of the blocks still open, instead of every block and every
running total so far; its estimates are those of the GLS over all the blocks (the same linear
unbiased estimate, up to floating-point rounding).

Pure: no AWS, no randomness (the noise is drawn by ``shared.results.disclosure.noise``).
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass

FINAL = -1  # the level of the campaign node


@dataclass(frozen=True, order=True)
class Node:
    """A block of release periods [start, end] (both inclusive) measured at period ``end``."""

    end: int
    level: int  # 0: one period; j: 2**j periods; FINAL: the whole campaign
    start: int

    @property
    def size(self) -> int:
        return self.end - self.start + 1


def levels(periods: int) -> int:
    """The tree's number of levels for ``periods`` periods (blocks of 1, 2, 4 … ≤ periods)."""
    if periods < 1:
        raise ValueError("a campaign has at least one release")
    return periods.bit_length()


@functools.cache
def nodes(periods: int) -> tuple[Node, ...]:
    """Every node of a campaign of ``periods`` release periods, in the order measured."""
    out = []
    for level in range(levels(periods)):
        size = 1 << level
        out += [
            Node(start + size - 1, level, start) for start in range(0, periods - size + 1, size)
        ]
    out.append(Node(periods - 1, FINAL, 0))
    return tuple(sorted(out, key=lambda n: (n.end, n.level if n.level != FINAL else 99)))


def measured_by(periods: int, done: int) -> int:
    """How many of the nodes are measured once ``done`` periods have ended."""
    return sum(1 for n in nodes(periods) if n.end < done)


@dataclass(frozen=True)
class Strategy:
    """The tree of a campaign of ``periods`` release periods and how its noise is spread.

    Every tree level gets the same noise; the campaign node gets ``final_share`` of the budget.
    ``unit_cost`` is what one unit of sensitivity costs across all the nodes an answer is in,
    in units of 1/σ² (σ: a tree node's noise): the noise scale follows from it."""

    periods: int
    final_share: float = 0.5

    def __post_init__(self) -> None:
        if not 0 <= self.final_share < 1:
            raise ValueError("the campaign node's share lies in [0, 1)")

    @property
    def final_weight(self) -> float:
        """λ² of the campaign node relative to a tree node (λ² = 1)."""
        if self.final_share == 0:
            return math.inf
        tree = levels(self.periods)
        return (1 - self.final_share) / (self.final_share * tree)

    def weight(self, node: Node) -> float:
        return self.final_weight if node.level == FINAL else 1.0

    @property
    def unit_cost(self) -> float:
        """max over periods of Σ 1/λ² over the nodes holding that period (the tree's levels,
        the campaign node): a statistic with sensitivity Δ and tree noise σ costs
        Δ² · unit_cost / (2σ²) in zCDP."""
        return _unit_cost(self)

    def active(self, done: int) -> list[tuple[int, Node]]:
        """(position, node) of the measured nodes with finite noise after ``done`` periods."""
        return [
            (i, n)
            for i, n in enumerate(nodes(self.periods)[: measured_by(self.periods, done)])
            if math.isfinite(self.weight(n))
        ]


@functools.cache
def _unit_cost(strategy: Strategy) -> float:
    worst = 0.0
    for period in range(strategy.periods):
        cost = sum(
            1 / strategy.weight(n)
            for n in nodes(strategy.periods)
            if n.start <= period <= n.end and math.isfinite(strategy.weight(n))
        )
        worst = max(worst, cost)
    return worst


@functools.cache
def estimator(
    strategy: Strategy, done: int, first: int, last: int
) -> tuple[dict[int, float], float]:
    """The GLS estimate of the sum of periods [first, last] once ``done`` periods have ended:
    (coefficient per measured node position, variance in units of a tree node's σ²)."""
    if not 0 <= first <= last < done:
        raise ValueError("the periods must have ended")
    active = strategy.active(done)
    m = [[0.0] * done for _ in range(done)]
    for _, node in active:
        w = 1 / strategy.weight(node)
        for p in range(node.start, node.end + 1):
            row = m[p]
            for q in range(node.start, node.end + 1):
                row[q] += w
    target = [1.0 if first <= p <= last else 0.0 for p in range(done)]
    u = _solve_spd(m, target)
    coefficients = {
        position: sum(u[node.start : node.end + 1]) / strategy.weight(node)
        for position, node in active
    }
    return coefficients, sum(u[p] for p in range(first, last + 1))


def estimate(
    strategy: Strategy, done: int, values: Sequence[float], first: int = 0, last: int | None = None
) -> tuple[float, float]:
    """(estimate, variance in units of σ²) of the sum of periods [first, last] (default: the
    running total) from a statistic's measured node ``values`` (in ``nodes`` order)."""
    coefficients, variance = estimator(strategy, done, first, done - 1 if last is None else last)
    return sum(c * values[i] for i, c in coefficients.items()), variance


def cholesky(matrix: list[list[float]]) -> list[list[float]]:
    """The lower Cholesky factor of a symmetric positive definite matrix (small: at most ~80)."""
    size = len(matrix)
    low = [[0.0] * size for _ in range(size)]
    for i in range(size):
        row = low[i]
        for j in range(i + 1):
            other = low[j]
            total = matrix[i][j] - sum(row[k] * other[k] for k in range(j))
            row[j] = math.sqrt(total) if i == j else total / other[j]
    return low


def solve_with(low: list[list[float]], rhs: list[float]) -> list[float]:
    """Solve L Lᵀ x = rhs given the Cholesky factor L."""
    size = len(rhs)
    y = [0.0] * size
    for i in range(size):
        y[i] = (rhs[i] - sum(low[i][k] * y[k] for k in range(i))) / low[i][i]
    x = [0.0] * size
    for i in reversed(range(size)):
        x[i] = (y[i] - sum(low[k][i] * x[k] for k in range(i + 1, size))) / low[i][i]
    return x


def _solve_spd(matrix: list[list[float]], rhs: list[float]) -> list[float]:
    return solve_with(cholesky(matrix), rhs)


# The folded state of a statistic (see the module's docstring) ------------------------------------


def closed_blocks(periods: int, done: int) -> list[Node]:
    """The maximal closed tree blocks once ``done`` periods have ended: the binary decomposition
    of ``done``, the largest (earliest) first. Every measured tree node lies in one of them."""
    out, start = [], 0
    for level in reversed(range(levels(periods))):
        size = 1 << level
        if done - start >= size:
            out.append(Node(start + size - 1, level, start))
            start += size
    return out


def open_starts(periods: int, done: int) -> tuple[int, ...]:
    """The periods > 0 at which a tree block not yet measured starts, among those that have
    begun by ``done``: the running totals a later block's exact sum needs (the campaign node
    starts at 0, whose running total is 0)."""
    starts = set()
    for level in range(levels(periods)):
        size = 1 << level
        start = (done >> level) << level
        if start > 0 and start + size <= periods:
            starts.add(start)
    return tuple(sorted(starts))


def block_variance(level: int) -> float:
    """Variance (units of σ²) of a closed block's folded estimate: 2^l / (2^(l+1) − 1)."""
    return (1 << level) / ((1 << (level + 1)) - 1)


def fold(folded: list[int], node: Node, value: int) -> None:
    """Add a tree node's measurement ``value`` to a statistic's folded blocks (``closed_blocks``
    order; nodes are measured in ``nodes`` order, so a node's two halves are the last two)."""
    fold_all(folded, (node,), (value,))


def fold_all(folded: list[int], nodes: Sequence[Node], values: Sequence[int]) -> None:
    """``fold`` each of ``nodes`` (in ``nodes`` order: a release day's) with its ``value``."""
    for node, value in zip(nodes, values, strict=True):
        if node.level == 0:
            folded.append(value)
        else:
            right, left = folded.pop(), folded.pop()
            folded.append((value << node.level) + left + right)


FoldedEstimator = Callable[[Sequence[int], "int | None"], tuple[float, float]]


def folded_estimator(strategy: Strategy, done: int) -> FoldedEstimator:
    """For every statistic of a stream after ``done`` periods: (estimate, variance in units of
    σ²) of its running total from its folded blocks and, after the last period, the campaign
    node's measurement ``final``: the GLS estimate (``estimate``) over every block measured.
    What depends on the periods alone (the blocks' divisors, the campaign node's weight) is
    worked out once."""
    divisors, variance = _folded_estimator(strategy.periods, done)
    weight = strategy.final_weight
    with_final = math.isfinite(weight)

    def estimate(folded: Sequence[int], final: int | None = None) -> tuple[float, float]:
        if len(divisors) != len(folded):
            raise ValueError("the folded blocks do not match the periods done")
        value = sum(map(operator.truediv, folded, divisors))
        if final is None or not with_final:
            return value, variance
        precision = 1 / variance + 1 / weight
        return (value / variance + final / weight) / precision, 1 / precision

    return estimate


@functools.cache
def _folded_estimator(periods: int, done: int) -> tuple[tuple[int, ...], float]:
    """Per closed block the divisor of its folded integer, 2^(l+1) − 1; their variances' sum."""
    blocks = closed_blocks(periods, done)
    divisors = tuple((1 << (b.level + 1)) - 1 for b in blocks)
    return divisors, sum(block_variance(b.level) for b in blocks)
