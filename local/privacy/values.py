"""The common shape of the attacks on an answer's value: a batch with the target in it, two
consecutive releases, the known answers subtracted, a Bayes-optimal guess per question."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

from local.privacy.core import (
    LEVELS,
    QUESTIONS,
    Config,
    Prior,
    Stream,
    Tally,
    best_guess,
    candidates_for,
    exact_of,
    fast_noise,
    likelihoods,
    observe,
    planted_batch,
    posterior_guess,
    prior,
    random_answer,
)
from shared.models import ResponseItem
from shared.tenants import ExtraQuestion

CellsOf = Callable[[ResponseItem], Sequence[str]]


def realistic(rng: random.Random) -> Prior:
    """The published distribution of a municipality, as the generated data makes it."""
    return prior(rng.choice(LEVELS))


def differencing(
    cfg: Config,
    attack: str,
    cells_of: CellsOf,
    *,
    note: str,
    prior_of: Callable[[random.Random], Prior] = realistic,
    extra: Sequence[ExtraQuestion] = (),
    informative: bool = False,
) -> list[Tally]:
    """The target answers; every other answer of its batch is the attacker's (or known to
    it); the attacker subtracts the release before from the release with the target in it."""
    rng = cfg.rng(attack + str(informative))
    questions = (*QUESTIONS, *(q.id for q in extra if q.kind == "scale"))
    tallies = {q: Tally(attack, q, note=note, informative=informative) for q in questions}
    with fast_noise(rng):
        for _ in range(cfg.targets):
            p = prior_of(rng)
            stream = Stream(cfg.policy(), rng, extra=tuple(extra))
            stream.release_batch(_with_extra(planted_batch(stream, p, rng), extra, p, rng))
            before = stream.snapshot()
            target = _with_extra([random_answer(p, rng)], extra, p, rng)[0]
            others = _with_extra(
                planted_batch(stream, p, rng, size=stream.threshold() - 1), extra, p, rng
            )
            stream.release_batch([target, *others])
            after = stream.snapshot()
            known = exact_of(others, extra)
            for q in questions:
                residual, variance = observe(q, before, after, known, cells_of(target))
                loglik = likelihoods(residual, variance, candidates_for(q, target, extra))
                truth = target.answers[q] if q in QUESTIONS else _own(target.extra[q])
                tallies[q].add(posterior_guess(p, loglik) == truth, p[best_guess(p)])
    return list(tallies.values())


def _own(code: str) -> Any:
    return None if code == "vet_ej" else int(code)


def _with_extra(
    answers: list[ResponseItem], extra: Sequence[ExtraQuestion], p: Prior, rng: random.Random
) -> list[ResponseItem]:
    if not extra:
        return answers
    out = []
    for a in answers:
        own = {}
        for q in extra:
            value = rng.choices(list(p), weights=list(p.values()))[0]
            own[q.id] = "vet_ej" if value is None else str(value)
        out.append(a.model_copy(update={"extra": own}))
    return out
