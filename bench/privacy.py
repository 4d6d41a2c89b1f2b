"""Accuracy of the released figures, and the trade-off between the budget and the attacks.

On generated data (answers as local.history makes them: a municipality's mean between 3.2
and 4.4, a rounded Gaussian of sd 1, 5 % "vet ej"), answers arrive and are released by the
real ``release.step`` in its real batches (k = 20 plus a secret margin of 0..10); at the
first release at which at least n = 100, 200 and 400 answers have been released, the
published index of each national question (the exported row, ``figures.compute``) is
compared with the exact index of the answers released so far. Reported: the 95th percentile
of the absolute error, and how often the row's 95 % interval holds the exact index of the
released answers and the population's index (what the interval is for).

The trade-off table adds, per budget rho, the noise's standard deviations and the attacker's
advantage measured by the strongest attacks of ``make privacy`` (local/privacy).

    python -m bench privacy          # as part of make bench: the default budget
    python -m local.privacy          # the attacks, then this table for every budget
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

from local.privacy.core import (
    CAMPAIGN,
    CHANNEL,
    LEVELS,
    QUESTIONS,
    Stream,
    fast_noise,
    prior,
    random_answer,
    tenant,
)
from shared.results import figures, noise, release, totals
from shared.results.totals import TOTAL

SIZES = (100, 200, 400)
GOALS = {100: 3.0, 400: 1.0}
COVERAGE_GOAL = 0.95
RHOS = (0.1, 0.3, 0.6, 1.3, 2.5, 5.0)
CODE = "1980"


@dataclass
class Accuracy:
    rho: float
    k: int
    margin: int
    trials: int
    errors: dict[int, list[float]] = field(default_factory=dict)
    covered: dict[int, int] = field(default_factory=dict)  # the released answers' exact index
    covered_population: dict[int, int] = field(default_factory=dict)
    batches: dict[int, list[int]] = field(default_factory=dict)

    def p95(self, n: int) -> float:
        errors = sorted(self.errors[n])
        return errors[min(len(errors) - 1, math.ceil(0.95 * len(errors)) - 1)]

    def coverage(self, n: int, population: bool = False) -> float:
        hits = (self.covered_population if population else self.covered)[n]
        return hits / len(self.errors[n])


def population_index(level: float) -> float:
    p = prior(level)
    scored = {v: w for v, w in p.items() if v is not None}
    mean = sum(v * w for v, w in scored.items()) / sum(scored.values())
    return 25 * (mean - 1)


def _row(stream: Stream, question: str) -> figures.FigureRow:
    published = figures.Published(CODE, CAMPAIGN.id, CHANNEL.value, stream.state)
    for r in figures.compute([published], {CODE: tenant(CODE)}).for_area(CODE):
        if r.question == question and r.breakdown == figures.TOTAL_BREAKDOWN:
            return r
    raise AssertionError("no total row")


def accuracy(rho: float, trials: int, k: int = 20, margin: int = 10, seed: int = 7) -> Accuracy:
    """``trials`` municipalities, each answered until 400 answers are released."""
    out = Accuracy(rho, k, margin, trials)
    for n in SIZES:
        out.errors[n], out.covered[n], out.covered_population[n], out.batches[n] = [], 0, 0, []
    rng = random.Random(f"accuracy-{seed}")  # the same answers for every budget
    noise_rng = random.Random(f"noise-{seed}-{rho}-{k}-{margin}")
    policy = release.Policy(budget=noise.Budget(rho), k=k, margin=margin)
    with fast_noise(noise_rng):
        for _ in range(trials):
            level = rng.choice(LEVELS)
            p = prior(level)
            truth = population_index(level)
            stream = Stream(policy, noise_rng)
            pending: list[Any] = []
            todo = list(SIZES)
            while todo:
                pending.append(random_answer(p, rng))
                if len(pending) < stream.threshold():
                    continue
                stream.release_batch(pending)
                pending = []
                released = stream.state.exact[TOTAL][totals.ANSWERS]
                while todo and released >= todo[0]:
                    n = todo.pop(0)
                    for q in QUESTIONS:
                        exact = stream.state.exact[TOTAL]
                        exact_index = 25 * (exact[totals.s(q)] / exact[totals.n(q)] + 2)
                        row = _row(stream, q)
                        if row.index is None or row.ci_low is None or row.ci_high is None:
                            raise AssertionError("the total row is hidden at n >= 100")
                        out.errors[n].append(abs(row.index - exact_index))
                        out.covered[n] += row.ci_low <= exact_index <= row.ci_high
                        out.covered_population[n] += row.ci_low <= truth <= row.ci_high
                    out.batches[n].append(stream.state.sequence)
    return out


def sigmas(rho: float) -> dict[str, float]:
    budget = noise.Budget(rho)
    return {f: budget.sigma(f) for f in noise.FAMILIES}


def metrics(acc: Accuracy) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n in SIZES:
        goal = GOALS.get(n)
        out.append(
            {
                "metric": f"index error p95 at n = {n} (rho {acc.rho}, k {acc.k}, "
                f"{acc.trials} municipalities x 2 questions)",
                "value": f"{acc.p95(n):.2f} points",
                "target": f"<= {goal} points" if goal else "",
                "ok": acc.p95(n) <= goal if goal else None,
            }
        )
    for n in SIZES:
        out.append(
            {
                "metric": f"interval coverage at n = {n}: exact index of the released answers"
                " / population index",
                "value": f"{acc.coverage(n):.1%} / {acc.coverage(n, population=True):.1%}",
                "target": f">= {COVERAGE_GOAL:.0%}",
                "ok": min(acc.coverage(n), acc.coverage(n, population=True)) >= COVERAGE_GOAL,
            }
        )
    return out


def main(trials: int = 300) -> dict[str, Any]:
    from shared.settings import ReleaseSettings

    settings = ReleaseSettings()
    acc = accuracy(settings.privacy_rho, trials, settings.release_k, settings.release_margin)
    return {
        "name": "Privacy: accuracy of the released index (bench/privacy.py)",
        "metrics": metrics(acc),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=1))
