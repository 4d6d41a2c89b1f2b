"""Attack 5, participation deltas: was the target drawn, did it answer, did it decline?

The reader uploads the target's number with its staff's, and learns from its staff which of
them were drawn, answered or declined. It then watches two things: *when* the next batch of
invitations (answers, declines) goes out, counted in its staff's own events, and the batch's
noisy count. The release comes at a secret threshold k + margin (uniform); with the target in
the batch it comes one staff event earlier, so timing says something at the margin's two
ends, and the count says the rest. The attacker is Bayes-optimal over both. Its prior is the
published rate: the draw rate of a municipality sampling half its contacts (Uppsala's 0.5),
the SMS response rate (18 %) and the decline rate (2 %), as the generated data has them; the
same attacks against a rate of one half are shown as stated worst cases."""

from __future__ import annotations

import math
import random

from local.privacy.core import (
    QUESTIONS,
    Config,
    Stream,
    Tally,
    candidates_for,
    exact_of,
    fast_noise,
    likelihoods,
    observe,
    random_answer,
)
from local.privacy.values import realistic
from shared.results import release, totals
from shared.results.totals import ANSWERS, DECLINES, INVITATIONS, TOTAL

NAME = "5 participation deltas"
DRAW_RATE = 0.5
RESPONSE_RATE = 0.18
DECLINE_RATE = 0.02


def _timing(cfg: Config, threshold: int) -> float:
    """log P(threshold) of the release rule: k + max(0, margin + discrete Laplace(margin / 4))
    (shared.results.release.Policy.threshold), which the attacker knows."""
    if cfg.margin == 0:
        return 0.0 if threshold == cfg.k else -math.inf
    if threshold < cfg.k:
        return -math.inf
    q = math.exp(-1 / max(1, cfg.margin // 4))
    offset = threshold - cfg.k - cfg.margin
    if threshold == cfg.k:  # everything at or below -margin lands on the floor
        return math.log(q**cfg.margin / (1 + q))
    return math.log((1 - q) / (1 + q)) + abs(offset) * math.log(q)


def _count_event(
    cfg: Config, rng: random.Random, stat: str, rate: float, timing: bool = True
) -> tuple[bool, bool]:
    """One target: returns (truth, guess) for an invitation or decline count."""
    stream = Stream(cfg.policy(), rng)
    kind = stat
    happened = rng.random() < rate
    if happened:
        stream.add_participation(**{stat: 1})
    planted = 0
    while True:
        before = stream.state.figure(TOTAL, stat)
        planted += 1
        stream.add_participation(**{stat: 1})
        if stream.step():
            break
    moved = stream.state.figure(TOTAL, stat) - before
    variance = stream.state.variance[TOTAL][stat]
    score = {}
    for x in (0, 1):
        t = _timing(cfg, planted + x) if timing else 0.0
        score[x] = (
            math.log(rate if x else 1 - rate) + t - (moved - planted - x) ** 2 / (2 * variance)
        )
    del kind
    return happened, score[1] > score[0]


def _answered(
    cfg: Config, rng: random.Random, rate: float, timing: bool = True
) -> tuple[bool, bool]:
    p = realistic(rng)
    stream = Stream(cfg.policy(), rng)
    template = random_answer(p, rng)  # its day and errand are known: the reader served it
    happened = rng.random() < rate
    if happened:
        stream.add([template])
    before = stream.snapshot()
    staff = []
    while True:
        staff.append(random_answer(p, rng))
        stream.add(staff[-1:])
        if stream.step():
            break
    after = stream.snapshot()
    known = exact_of(staff)
    cells = [
        TOTAL,
        totals.week_cell(template.contact_day),
        totals.errand_cell(str(template.errand)),
    ]
    moved = {c: dict(s) for c, s in after[0].items()}
    # the answer count and the errand count: +1 if the target answered
    fixed = [(TOTAL, ANSWERS), (TOTAL, totals.errand_count(str(template.errand)))]
    score = {
        0: math.log(1 - rate) + (_timing(cfg, len(staff)) if timing else 0.0),
        1: math.log(rate) + (_timing(cfg, len(staff) + 1) if timing else 0.0),
    }
    for cell, stat in fixed:
        r = moved[cell][stat] - known[cell].get(stat, 0)
        var = after[1][cell][stat]
        score[0] -= r**2 / (2 * var)
        score[1] -= (r - 1) ** 2 / (2 * var)
    for q in QUESTIONS:
        residual, variance = observe(q, before, after, known, cells)
        candidates = candidates_for(q, template)
        loglik = likelihoods(residual, variance, candidates | {"absent": {}})
        score[0] += loglik["absent"]
        terms = [math.log(p[x]) + loglik[x] for x in p if p[x] > 0]
        top = max(terms)
        score[1] += top + math.log(sum(math.exp(t - top) for t in terms))
    return happened, score[1] > score[0]


def drawn(cfg: Config, timing: bool = True) -> Tally:
    """The draw attack alone (cheap: no answers), for the tests."""
    rng = cfg.rng(NAME + "drawn" + str(timing))
    tally = Tally(NAME, "drawn", note=f"prior {DRAW_RATE:.0%}")
    with fast_noise(rng):
        for _ in range(cfg.targets):
            truth, guess = _count_event(cfg, rng, INVITATIONS, DRAW_RATE, timing)
            tally.add(truth == guess, max(DRAW_RATE, 1 - DRAW_RATE))
    return tally


def run(cfg: Config, worst_case: bool = False, timing: bool = True) -> list[Tally]:
    """``timing=False``: the reader ignores when the batch came (what a release schedule
    independent of the data would leave it), to separate the two channels."""
    rng = cfg.rng(NAME + str(worst_case) + str(timing))
    half = 0.5
    rates = {
        "drawn": DRAW_RATE,
        "answered": half if worst_case else RESPONSE_RATE,
        "declined": half if worst_case else DECLINE_RATE,
    }
    suffix = (" (rate 1/2)" if worst_case else "") + ("" if timing else " (count only)")
    tallies = {
        what: Tally(
            NAME + suffix,
            what,
            note=f"prior {rate:.0%}; " + ("timing + noisy count" if timing else "noisy count only"),
            informative=worst_case or not timing,
        )
        for what, rate in rates.items()
    }
    with fast_noise(rng):
        for _ in range(cfg.targets):
            for what, rate in rates.items():
                if worst_case and what == "drawn":
                    continue  # the same as the realistic draw rate
                if what == "answered":
                    truth, guess = _answered(cfg, rng, rate, timing)
                else:
                    stat = INVITATIONS if what == "drawn" else DECLINES
                    truth, guess = _count_event(cfg, rng, stat, rate, timing)
                tallies[what].add(truth == guess, max(rate, 1 - rate))
    return [t for t in tallies.values() if t.trials]


del release
