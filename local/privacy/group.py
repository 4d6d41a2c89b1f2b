"""Attack 6, group minus own: the kommungrupp's figure minus the municipality's own.

Group figures are sums of the members' published counts, so the group's rows minus the own
rows are the other members' published counts. The reader aims at a resident of another
municipality of its group (whom it knows to have answered in that member's latest batch):
across two exports it subtracts the group's total row and its own (which did not move) and
guesses the target's answer, the other answers of that batch unknown to it (their sum
modelled exactly in mean and covariance, a Gaussian likelihood). Against one of its own
residents the group row adds nothing: it holds the same noisy own counts again."""

from __future__ import annotations

import math

import numpy as np

from local.privacy.core import (
    CAMPAIGN,
    CHANNEL,
    OUTCOMES,
    QUESTIONS,
    Config,
    Stream,
    Tally,
    best_guess,
    fast_noise,
    random_answer,
    tenant,
)
from local.privacy.planted import counts
from local.privacy.values import realistic
from shared.results import figures, totals
from shared.tenants import Kommungrupp

NAME = "6 group minus own"
OWN, OTHER, THIRD = "1980", "0380", "0580"
GROUP = "KG-" + Kommungrupp.A3.value


def _vector(value: int | None) -> np.ndarray:
    return np.array([0.0, 0.0, 1.0]) if value is None else np.array([value - 3.0, 1.0, 0.0])


def _rows(streams: dict[str, Stream]) -> dict[tuple[str, str], figures.FigureRow]:
    published = [
        figures.Published(code, CAMPAIGN.id, CHANNEL.value, s.state) for code, s in streams.items()
    ]
    tenants = {code: tenant(code, Kommungrupp.A3) for code in streams}
    out = {}
    for r in figures.compute(published, tenants).rows:
        if r.breakdown == figures.TOTAL_BREAKDOWN and r.area in (OWN, GROUP):
            out[(r.area, r.question)] = r
    return out


def _total(row: figures.FigureRow, question: str) -> np.ndarray:
    c = counts(row) or {}
    return np.array(
        [c.get(totals.s(question), 0.0), c.get(totals.n(question), 0.0), row.vet_ej or 0.0]
    )


def run(cfg: Config) -> list[Tally]:
    rng = cfg.rng(NAME)
    tallies = {
        q: Tally(NAME, q, note="group row - own row; other answers unknown") for q in QUESTIONS
    }
    with fast_noise(rng):
        for _ in range(cfg.targets):
            p = realistic(rng)
            streams = {code: Stream(cfg.policy(), rng, code=code) for code in (OWN, OTHER, THIRD)}
            for s in streams.values():
                s.release_batch(
                    [random_answer(p, rng, tenant_code=s.code) for _ in range(s.threshold())]
                )
            before = _rows(streams)
            other = streams[OTHER]
            target = random_answer(p, rng, tenant_code=OTHER)
            rest = [random_answer(p, rng, tenant_code=OTHER) for _ in range(other.threshold() - 1)]
            other.release_batch([target, *rest])
            after = _rows(streams)
            sigma2 = {
                stat: other.state.variance[totals.TOTAL][stat] / other.state.batches[totals.TOTAL]
                for stat in other.state.variance[totals.TOTAL]
            }
            mean = sum(p[v] * _vector(v) for v in OUTCOMES)
            cov = sum(p[v] * np.outer(_vector(v) - mean, _vector(v) - mean) for v in OUTCOMES)
            for q in QUESTIONS:
                seen = (_total(after[(GROUP, q)], q) - _total(after[(OWN, q)], q)) - (
                    _total(before[(GROUP, q)], q) - _total(before[(OWN, q)], q)
                )
                noise_cov = np.diag([sigma2[totals.s(q)], sigma2[totals.n(q)], sigma2[totals.v(q)]])
                spread = len(rest) * cov + noise_cov
                inverse = np.linalg.inv(spread)
                score = {}
                for x in OUTCOMES:
                    d = seen - len(rest) * mean - _vector(x)
                    score[x] = math.log(p[x]) - 0.5 * float(d @ inverse @ d)
                guess = max(score, key=lambda v: score[v])
                tallies[q].add(guess == target.answers[q], p[best_guess(p)])
    return list(tallies.values())
