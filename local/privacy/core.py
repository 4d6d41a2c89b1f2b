"""What every attack shares: the simulated stream, the answers' prior, the Bayes guess, the bound.

The simulations drive the real pure core: answers become exact totals through
``shared.results.totals.contributions``, batches are released by ``shared.results.release.step``
and rows are made by ``shared.results.figures.compute``. Only the noise sampler is swapped, for
speed, for a table sampler of the *same* discrete Gaussian (``TableGaussian``; the exact
sampler costs ~0.1 ms a draw, and a thousand targets need millions of draws). The test
``tests/unit/results/test_attacks.py`` checks the two samplers agree; the end-to-end attack
(``local.privacy.endtoend``) uses the real sampler through the real handlers.

The attacker is given more than any reader has: it knows the batch its target is in, every
other answer of that batch (planted, or known otherwise), the noise's standard deviations (the
budget is public), and the published counts behind the rows (the rows are a function of them,
so an attacker on the counts is at least as strong as one on the rows).
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

from shared.models import Channel, ResponseItem
from shared.results import noise, release, totals
from shared.results.totals import Cells
from shared.tenants import Campaign, ExtraQuestion, Kommungrupp, Tenant

CAMPAIGN = Campaign(id="var-2026", start=date(2026, 3, 2), end=date(2026, 4, 26))
TODAY = date(2026, 3, 20)  # three weeks of the campaign are open cells on this day
CHANNEL = Channel.SMS
QUESTIONS = totals.national_questions(CHANNEL)
ERRANDS = tuple(e for e in totals.errands() if e != totals.UNKNOWN_ERRAND)
VET_EJ = None
OUTCOMES: tuple[int | None, ...] = (1, 2, 3, 4, 5, VET_EJ)
VET_EJ_SHARE = 0.05  # as local.history generates answers
LEVELS = tuple(3.2 + i / 10 for i in range(13))  # each municipality's mean, as local.history
GOAL = 0.05  # the attacker may beat the prior's best guess by at most 5 percentage points
Z_ONE_SIDED_95 = 1.6448536269514722
OWN_SCALE = "egen_nojd"  # a municipality's own scale question (cross-cell attack)

Prior = dict[Any, float]


def outcome_name(value: Any) -> str:
    return "vet ej" if value is None else str(value)


# The noise, fast ---------------------------------------------------------------------------


class TableGaussian:
    """The discrete Gaussian N_Z(0, sigma^2) by inversion of its exact table (truncated where
    the remaining mass is below 1e-40), drawn from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tables: dict[float, tuple[list[int], list[float]]] = {}

    def table(self, sigma: float) -> tuple[list[int], list[float]]:
        if sigma not in self.tables:
            reach = math.ceil(14 * sigma) + 2
            xs = list(range(-reach, reach + 1))
            weights = [math.exp(-x * x / (2 * sigma * sigma)) for x in xs]
            total = math.fsum(weights)
            cumulative = list(itertools.accumulate(w / total for w in weights))
            self.tables[sigma] = (xs, cumulative)
        return self.tables[sigma]

    def __call__(self, sigma: float, below: Any = None) -> int:
        xs, cumulative = self.table(sigma)
        return xs[min(len(xs) - 1, bisect.bisect_right(cumulative, self.rng.random()))]


class TableLaplace:
    """The discrete Laplace P(z) ∝ exp(-|z|/t) (the release threshold's margin) by inversion of
    its exact table, from a seeded generator: the same distribution, sampled fast."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tables: dict[int, tuple[list[int], list[float]]] = {}

    def __call__(self, t: int, below: Any = None) -> int:
        if t not in self.tables:
            reach = 100 * t
            xs = list(range(-reach, reach + 1))
            weights = [math.exp(-abs(x) / t) for x in xs]
            total = math.fsum(weights)
            self.tables[t] = (xs, list(itertools.accumulate(w / total for w in weights)))
        xs, cumulative = self.tables[t]
        return xs[min(len(xs) - 1, bisect.bisect_right(cumulative, self.rng.random()))]


@contextlib.contextmanager
def fast_noise(rng: random.Random) -> Iterator[TableGaussian]:
    """Swap the release's noise samplers for table samplers while the block runs."""
    sampler = TableGaussian(rng)
    originals = (noise.discrete_gaussian, noise.discrete_laplace)
    noise.discrete_gaussian = sampler  # type: ignore[assignment]
    noise.discrete_laplace = TableLaplace(rng)  # type: ignore[assignment]
    try:
        yield sampler
    finally:
        noise.discrete_gaussian, noise.discrete_laplace = originals  # type: ignore[assignment]


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


def flat_prior() -> Prior:
    """Every answer equally likely: the hardest published distribution to beat by guessing."""
    return {v: 1 / len(OUTCOMES) for v in OUTCOMES}


def draw(p: Prior, rng: random.Random) -> Any:
    values = list(p)
    return rng.choices(values, weights=[p[v] for v in values])[0]


def best_guess(p: Prior) -> Any:
    return max(p, key=lambda v: p[v])


def scale_question(qid: str = OWN_SCALE) -> ExtraQuestion:
    return ExtraQuestion.model_validate(
        {
            "id": qid,
            "text": {"sv": "Hur nöjd är du?", "en": "How satisfied are you?"},
            "kind": "scale",
            "low": {"sv": "Inte alls", "en": "Not at all"},
            "high": {"sv": "Mycket", "en": "Very"},
        }
    )


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
    """Contact days whose week is still an open cell on TODAY."""
    first = CAMPAIGN.start
    return [first + timedelta(days=d) for d in range((TODAY - first).days + 1)]


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


# Releasing ---------------------------------------------------------------------------------


@dataclass
class Stream:
    """One municipality's stream as the results function keeps it: exact totals, the state."""

    policy: release.Policy
    rng: random.Random
    extra: tuple[ExtraQuestion, ...] = ()
    code: str = "1980"
    exact: Cells = field(default_factory=dict)
    state: release.State = field(init=False)

    def __post_init__(self) -> None:
        self.state = release.State(f"{self.code}#{CAMPAIGN.id}#{CHANNEL.value}")

    def step(self, today: date = TODAY) -> bool:
        """One check of the stream, as the results run makes it: invitations and declines are
        looked at by the daily run only, which here is every check (the strongest reader: it
        sees a participation release the day it happens, and plants one event a day)."""
        return release.step(
            self.state,
            self.exact,
            campaign=CAMPAIGN,
            channel=CHANNEL,
            extra=self.extra,
            today=today,
            policy=self.policy,
            below=self.rng.randrange,
            participation=True,
        )

    def threshold(self, kind: str = release.ANSWER_KIND) -> int:
        """The pending count at which the next batch goes (secret; the attacker is handed it,
        as if it had planted one answer at a time and watched for the release)."""
        self.state.thresholds.setdefault(kind, self.policy.threshold(self.rng.randrange))
        return self.state.thresholds[kind]

    def add(self, answers: Sequence[ResponseItem]) -> None:
        totals.add(self.exact, exact_of(answers, self.extra))

    def add_participation(self, **counts: int) -> None:
        totals.add(self.exact, {totals.TOTAL: counts})

    def snapshot(self) -> tuple[Cells, dict[str, dict[str, float]]]:
        published = {c: dict(s) for c, s in self.state.published.items()}
        variance = {c: dict(s) for c, s in self.state.variance.items()}
        return published, variance

    def release_batch(self, answers: Sequence[ResponseItem]) -> None:
        self.add(answers)
        if not self.step():
            raise AssertionError("the batch did not release")


def delta(after: Cells, before: Cells) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = {}
    for cell, stats in after.items():
        for stat, value in stats.items():
            out[(cell, stat)] = value - before.get(cell, {}).get(stat, 0)
    return out


def planted_batch(
    stream: Stream, p: Prior, rng: random.Random, size: int | None = None, **kw: Any
) -> list[ResponseItem]:
    """A batch of the attacker's own staff, answers known to it, that fills the threshold."""
    count = stream.threshold() if size is None else size
    return [random_answer(p, rng, **kw) for _ in range(count)]


# The attacker ------------------------------------------------------------------------------


def stats_of(question: str) -> tuple[str, str, str]:
    return totals.s(question), totals.n(question), totals.v(question)


def likelihoods(
    residual: Mapping[tuple[str, str], float],
    variance: Mapping[tuple[str, str], float],
    candidates: Mapping[Any, Cells],
) -> dict[Any, float]:
    """log P(observed residual | candidate) under independent Gaussian noise of the given
    variances (the discrete Gaussian's pmf is proportional to the Gaussian density at the
    integers, so its ratios are exact) for each candidate's contribution."""
    out = {}
    for name, contribution in candidates.items():
        total = 0.0
        for key, r in residual.items():
            c = contribution.get(key[0], {}).get(key[1], 0)
            total -= (r - c) ** 2 / (2 * variance[key])
        out[name] = total
    return out


def posterior_guess(p: Prior, loglik: Mapping[Any, float]) -> Any:
    return max(p, key=lambda v: math.log(p[v]) + loglik[v] if p[v] > 0 else -math.inf)


def candidates_for(
    question: str,
    template: ResponseItem,
    extra: Sequence[ExtraQuestion] = (),
) -> dict[Any, Cells]:
    """What the target's answer adds to each cell, for every answer it may have given to
    ``question`` (the other questions left out: they do not move this question's stats)."""
    out: dict[Any, Cells] = {}
    for value in OUTCOMES:
        if question in QUESTIONS:
            item = template.model_copy(update={"answers": {question: value}, "extra": {}})
            cells = totals.contributions(item, ())
        else:
            code = "vet_ej" if value is None else str(value)
            item = template.model_copy(update={"answers": {}, "extra": {question: code}})
            cells = totals.contributions(item, extra)
        out[value] = {
            c: {k: x for k, x in s.items() if k in stats_of(question)} for c, s in cells.items()
        }
    return out


def observe(
    question: str,
    before: tuple[Cells, dict[str, dict[str, float]]],
    after: tuple[Cells, dict[str, dict[str, float]]],
    known: Cells,
    cells: Sequence[str],
) -> tuple[dict[tuple[str, str], float], dict[tuple[str, str], float]]:
    """The residual of a release's difference once the known answers are subtracted, and the
    variance of its noise, for ``question``'s stats in ``cells``."""
    moved = delta(after[0], before[0])
    noise_var = delta(after[1], before[1])  # type: ignore[arg-type]
    residual, variance = {}, {}
    for cell in cells:
        for stat in stats_of(question):
            key = (cell, stat)
            if key not in moved:
                continue
            residual[key] = moved[key] - known.get(cell, {}).get(stat, 0)
            variance[key] = noise_var[key]
    return residual, variance


# Scoring -----------------------------------------------------------------------------------


def wilson_upper(hits: int, trials: int, z: float = Z_ONE_SIDED_95) -> float:
    """The upper end of the one-sided 95 % Wilson bound of a success rate."""
    if trials == 0:
        return 1.0
    p = hits / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return min(1.0, (centre + spread) / (1 + z * z / trials))


@dataclass
class Tally:
    """Guesses of one attack on one question: how often right, and the prior's best guess."""

    attack: str
    what: str
    trials: int = 0
    hits: int = 0
    prior_best: float = 0.0  # the sum over targets of the prior's best-guess probability
    note: str = ""
    informative: bool = False  # shown, but not part of the goal (a stated worst case)

    def add(self, right: bool, p_best: float) -> None:
        self.trials += 1
        self.hits += int(right)
        self.prior_best += p_best

    @property
    def rate(self) -> float:
        return self.hits / self.trials if self.trials else 0.0

    @property
    def baseline(self) -> float:
        return self.prior_best / self.trials if self.trials else 0.0

    @property
    def upper(self) -> float:
        return wilson_upper(self.hits, self.trials)

    @property
    def advantage(self) -> float:
        return self.rate - self.baseline

    @property
    def held(self) -> bool:
        return self.upper <= self.baseline + GOAL


@dataclass
class Line:
    """One line of the printed table."""

    attack: str
    what: str
    result: str
    held: bool
    numbers: str
    stated: bool = False  # a worst case shown for the record, not part of the goal


@dataclass(frozen=True)
class Config:
    rho: float = noise.DEFAULT_RHO
    k: int = release.DEFAULT_K
    margin: int = release.DEFAULT_MARGIN
    targets: int = 1000
    seed: int = 2026

    def policy(self) -> release.Policy:
        return release.Policy(budget=noise.Budget(self.rho), k=self.k, margin=self.margin)

    def rng(self, salt: str) -> random.Random:
        # a simulation, reproducible by its seed: no secret is drawn here
        return random.Random(f"{self.seed}-{salt}-{self.rho}-{self.k}-{self.margin}")  # noqa: S311
