"""What every simulated attack shares: the stream on its calendar, the answers, fast noise.

The simulations drive the real pure core: answers become exact totals through
``shared.core.totals.contributions``, releases are made by
``shared.results.disclosure.release.step``
on the campaign's real calendar (``shared.results.schedule``: weekly, Mondays 06:00 Stockholm)
and rows by ``shared.results.figures.compute``. Two pieces are swapped for speed while a
simulation runs (``fast_noise``), each for an equivalent that the tests check against the real
one (``tests/unit/results/test_attacks.py``):

- the exact discrete Gaussian sampler (~0.1 ms a draw) for a table sampler of the *same*
  distribution (``TableGaussian``);
- the consistency projection's pure-Python linear algebra (``release._project``, ~10 ms a
  release) for the same projection in numpy (``project``: equal to 1e-9).

The end-to-end attacks (``local.privacy.endtoend``) use neither: the real handlers with the
real sampler on the emulator.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import math
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from shared.core import totals
from shared.core.models import Channel, ResponseItem
from shared.core.tenants import Campaign, ExtraQuestion, Kommungrupp, Tenant
from shared.core.totals import Cells
from shared.results import schedule
from shared.results.disclosure import continual, noise, release

CAMPAIGN = Campaign(id="var-2026", start=date(2026, 3, 2), end=date(2026, 4, 26))
CHANNEL = Channel.SMS
QUESTIONS = totals.national_questions(CHANNEL)
ERRANDS = tuple(e for e in totals.errands() if e != totals.UNKNOWN_ERRAND)
VET_EJ = None
VET_EJ_SHARE = 0.05  # as local.history generates answers
LEVELS = tuple(3.2 + i / 10 for i in range(13))  # each municipality's mean, as local.history

Prior = dict[Any, float]


# The noise and the projection, fast --------------------------------------------------------


class TableGaussian:
    """The discrete Gaussian N_Z(0, sigma^2) by inversion of its exact table (truncated where
    the remaining mass is below 1e-40), drawn from a seeded generator. The table is built on
    the variance the real sampler uses (``noise.variance_used``: sigma^2 rounded up)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tables: dict[float, tuple[list[int], list[float]]] = {}

    def table(self, sigma: float) -> tuple[list[int], list[float]]:
        if sigma not in self.tables:
            sigma2 = float(noise.variance_used(sigma))
            reach = math.ceil(14 * math.sqrt(sigma2)) + 2
            xs = list(range(-reach, reach + 1))
            weights = [math.exp(-x * x / (2 * sigma2)) for x in xs]
            total = math.fsum(weights)
            cumulative = list(itertools.accumulate(w / total for w in weights))
            self.tables[sigma] = (xs, cumulative)
        return self.tables[sigma]

    def __call__(self, sigma: float, bits: Any = None) -> int:
        xs, cumulative = self.table(sigma)
        return xs[min(len(xs) - 1, bisect.bisect_right(cumulative, self.rng.random()))]

    def many(self, sigma: float, count: int, bits: Any = None) -> list[int]:
        """``noise.discrete_gaussians``' equivalent."""
        return [self(sigma) for _ in range(count)]


def project(
    value: release.Published,
    variance: release.Published,
    constraints: list[list[tuple[release.Key, float]]],
) -> None:
    """``release._project`` in numpy: x ← x − V Aᵀ (A V Aᵀ)⁻¹ A x, variances to match."""
    if not constraints:
        return
    keys = sorted({k for row in constraints for k, _ in row})
    index = {k: i for i, k in enumerate(keys)}
    a = np.zeros((len(constraints), len(keys)))
    for i, row in enumerate(constraints):
        for k, c in row:
            a[i, index[k]] += c
    v = np.array([variance[c][s] for c, s in keys])
    x = np.array([value[c][s] for c, s in keys])
    va = a * v
    s = va @ a.T
    x = x - va.T @ np.linalg.solve(s, a @ x)
    shrink = np.einsum("ik,ij,jk->k", va, np.linalg.inv(s), va)
    for (cell, stat), xv, vv, sh in zip(keys, x, v, shrink, strict=True):
        value[cell][stat] = float(xv)
        variance[cell][stat] = max(0.0, float(vv - sh))


@contextlib.contextmanager
def fast_noise(rng: random.Random) -> Iterator[TableGaussian]:
    """Swap the release's sampler and projection for their fast equivalents while the block
    runs."""
    sampler = TableGaussian(rng)
    originals = (noise.discrete_gaussians, release._project)
    noise.discrete_gaussians = sampler.many
    release._project = project
    try:
        yield sampler
    finally:
        noise.discrete_gaussians, release._project = originals


# The answers -------------------------------------------------------------------------------


def _phi(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def prior(level: float) -> Prior:
    """The distribution of one answer in a municipality of mean ``level`` (local.history's
    generator: a rounded Gaussian of sd 1 clipped to 1..5, and 5 % "vet ej")."""
    cuts = [-math.inf, 1.5, 2.5, 3.5, 4.5, math.inf]
    out: Prior = {
        v: (1 - VET_EJ_SHARE) * (_phi(cuts[v] - level) - _phi(cuts[v - 1] - level))
        for v in range(1, 6)
    }
    out[VET_EJ] = VET_EJ_SHARE
    return out


def realistic(rng: random.Random) -> Prior:
    """The published distribution of a municipality, as the generated data makes it."""
    return prior(rng.choice(LEVELS))


def draw(p: Prior, rng: random.Random) -> Any:
    values = list(p)
    return rng.choices(values, weights=[p[v] for v in values])[0]


def tenant(kommunkod: str, group: Kommungrupp = Kommungrupp.A3, **more: Any) -> Tenant:
    return Tenant(
        kommunkod=kommunkod,
        name=f"Kommun {kommunkod}",
        sms_sender_id="Kommunen",
        email_sender="noreply@example.se",
        privacy_contact="dataskydd@example.se",
        kommungrupp=group,
        campaigns=(CAMPAIGN,),
        **more,
    )


_ids = itertools.count()


def answer(
    values: Sequence[int | None],
    *,
    tenant_code: str = "1980",
    day: date = date(2026, 3, 10),
    errand: str = "bygglov",
    extra: Mapping[str, str] | None = None,
) -> ResponseItem:
    return ResponseItem(
        tenant=tenant_code,
        response_id=f"p{next(_ids):08d}",
        channel=CHANNEL,
        campaign=CAMPAIGN.id,
        contact_day=day,
        answers=dict(zip(QUESTIONS, values, strict=True)),
        errand=errand,
        extra=dict(extra or {}),
    )


def campaign_days() -> list[date]:
    first = CAMPAIGN.start
    return [first + timedelta(days=d) for d in range((CAMPAIGN.end - first).days + 1)]


def random_answer(p: Prior, rng: random.Random, **kw: Any) -> ResponseItem:
    kw.setdefault("day", rng.choice(campaign_days()))
    kw.setdefault("errand", rng.choice(ERRANDS))
    return answer([draw(p, rng) for _ in QUESTIONS], **kw)


def exact_of(answers: Sequence[ResponseItem], extra: Sequence[ExtraQuestion] = ()) -> Cells:
    cells: Cells = {}
    for a in answers:
        totals.add(cells, totals.contributions(a, extra))
    return cells


def merged(*parts: Cells) -> Cells:
    out: Cells = {}
    for part in parts:
        totals.add(out, part)
    return out


# The stream on its calendar ----------------------------------------------------------------

Snapshot = tuple[release.Published, release.Published]  # published, variance


@dataclass
class Stream:
    """One municipality's stream as the results function keeps it: exact totals by the
    release period they arrived in, and the release state. ``period`` p holds what arrived
    before the campaign's release day p (at 06:00) and after release day p - 1."""

    policy: release.Policy
    rng: random.Random
    extra: tuple[ExtraQuestion, ...] = ()
    code: str = "1980"
    arrivals: dict[int, Cells] = field(default_factory=dict)
    state: release.State = field(init=False)
    bits: noise.Bits = field(init=False)
    snapshots: list[Snapshot] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.state = release.State(totals.stream_id(self.code, CAMPAIGN.id, CHANNEL))
        self.bits = noise.Bits(self.rng.randbytes)  # the real sampler's bits, seeded

    @property
    def days(self) -> list[date]:
        return self.policy.calendar.release_days(CAMPAIGN)

    def add(self, answers: Sequence[ResponseItem], period: int = 0) -> None:
        totals.add(self.arrivals.setdefault(period, {}), exact_of(answers, self.extra))

    def add_cells(self, cells: Cells, period: int = 0) -> None:
        totals.add(self.arrivals.setdefault(period, {}), cells)

    def exact_until(self, period: int) -> Cells:
        return merged(*(c for p, c in sorted(self.arrivals.items()) if p <= period))

    def release(self, day: int) -> bool:
        """The results run at release day ``day``'s moment (06:00 Stockholm): every release
        day due is released with what has arrived by then."""
        done = release.step(
            self.state,
            self.exact_until(day),
            campaign=CAMPAIGN,
            channel=CHANNEL,
            extra=self.extra,
            now=schedule.release_moment(self.days[day]),
            policy=self.policy,
            bits=self.bits,
        )
        if done:
            self.snapshots.append(self.snapshot())
        return done

    def run_all(self) -> None:
        """Every release of the campaign, each on its day."""
        for day in range(len(self.days)):
            self.release(day)

    def run_final(self) -> None:
        """Only the final release's run (every release day made up at once, all arrivals in
        the first period: the period whose answers the tree charges the most)."""
        self.state = release.State(self.state.stream)
        done = release.step(
            self.state,
            self.exact_until(len(self.days)),
            campaign=CAMPAIGN,
            channel=CHANNEL,
            extra=self.extra,
            now=schedule.release_moment(self.days[-1]),
            policy=self.policy,
            bits=self.bits,
        )
        assert done
        self.snapshots.append(self.snapshot())

    def snapshot(self) -> Snapshot:
        published = {c: dict(s) for c, s in self.state.published.items()}
        variance = {c: dict(s) for c, s in self.state.variance.items()}
        return published, variance


# What the budget allows an attack ----------------------------------------------------------


def mechanism_mu(
    changes: Sequence[tuple[Cells, int]],
    policy: release.Policy | None = None,
    extra: Sequence[ExtraQuestion] = (),
) -> float:
    """The exact Gaussian-DP μ of the figures' release between two worlds that differ by
    ``changes`` (cells changed, release period they arrive in): the Mahalanobis distance of
    the difference over every tree node it is in. Every published figure is post-processing of
    those nodes, so no reader of the figures tells the two worlds apart better than
    μ-GDP allows: TPR ≤ Φ(Φ⁻¹(FPR) + μ)."""
    rules = policy or release.Policy()
    periods = len(rules.calendar.release_days(CAMPAIGN))
    strategy = rules.strategy(periods)
    basis = release.exposure(CHANNEL, extra)
    sigma = {f: rules.budget.sigma(f, basis, strategy.unit_cost) for f in noise.FAMILIES}
    families = {c: release.statistics(c, CHANNEL, extra) for c in release.cells_of(CAMPAIGN)}
    participation = {totals.INVITATIONS: noise.PARTICIPATION, totals.DECLINES: noise.PARTICIPATION}
    nodes = [n for n in continual.nodes(periods) if math.isfinite(strategy.weight(n))]
    total = 0.0
    for node in nodes:
        weight = strategy.weight(node)
        moved: dict[tuple[str, str], float] = {}
        for cells, period in changes:
            if not node.start <= period <= node.end:
                continue
            for cell, stats in cells.items():
                for stat, x in stats.items():
                    moved[(cell, stat)] = moved.get((cell, stat), 0.0) + x
        for (cell, stat), change in moved.items():
            family = families.get(cell, {}).get(stat) or participation[stat]
            total += change * change / (weight * sigma[family] ** 2)
    return math.sqrt(total)


def budget_mu(rho: float) -> float:
    """μ of a ρ-zCDP mechanism made of Gaussian measurements: ρ = μ² / 2."""
    return math.sqrt(2 * rho)
