"""Attack 4, homogeneity: a cell in which everyone else gave the same answer.

Before noise, a small cell whose figures said "everyone answered 5" told the reader each
member's answer. A cell whose members truly agree tells what that group thinks; what must not
happen is that it tells whether one particular member agreed. So: the target's errand cell
and week cell hold 4 to 15 others who all gave the same answer h (to each question; h drawn
from the published distribution) and the target, whose answer is drawn independently; the
reader knows the cell is otherwise homogeneous and how many members it has, but not h, and
guesses the target's answer from the two cells' published counts (Bayes-optimal: the
posterior over the target's answer, summed over every h)."""

from __future__ import annotations

import math

from local.privacy.core import (
    ERRANDS,
    OUTCOMES,
    QUESTIONS,
    Config,
    Stream,
    Tally,
    answer,
    best_guess,
    candidates_for,
    fast_noise,
    likelihoods,
    observe,
    random_answer,
)
from local.privacy.values import realistic
from shared.results import totals

NAME = "4 homogeneity"
OTHERS = range(4, 16)


def run(cfg: Config) -> list[Tally]:
    rng = cfg.rng(NAME)
    tallies = {
        q: Tally(NAME, q, note="week + errand cell of 5-16; others all alike") for q in QUESTIONS
    }
    with fast_noise(rng):
        for _ in range(cfg.targets):
            p = realistic(rng)
            stream = Stream(cfg.policy(), rng)
            before = stream.snapshot()
            target = random_answer(p, rng)
            day, errand = target.contact_day, str(target.errand)
            members = min(rng.choice(OTHERS), stream.threshold() - 1)
            alike = [rng.choices(list(p), weights=list(p.values()))[0] for _ in QUESTIONS]
            cell_mates = [answer(alike, day=day, errand=errand) for _ in range(members)]
            # the rest of the batch: elsewhere (another errand and another week), unknown
            rest = []
            for _ in range(stream.threshold() - 1 - members):
                a = random_answer(p, rng, errand=rng.choice([e for e in ERRANDS if e != errand]))
                while totals.week_cell(a.contact_day) == totals.week_cell(day):
                    a = random_answer(p, rng, errand=a.errand)
                rest.append(a)
            stream.release_batch([target, *cell_mates, *rest])
            after = stream.snapshot()
            cells = [totals.week_cell(day), totals.errand_cell(errand)]
            for q in QUESTIONS:
                residual, variance = observe(q, before, after, {}, cells)
                one = candidates_for(q, target)
                score = {}
                for x in OUTCOMES:
                    mixed = []
                    for h in OUTCOMES:
                        cand = {
                            c: {
                                k: one[x].get(c, {}).get(k, 0)
                                + members * one[h].get(c, {}).get(k, 0)
                                for k in set(one[x].get(c, {})) | set(one[h].get(c, {}))
                            }
                            for c in cells
                        }
                        ll = likelihoods(residual, variance, {0: cand})[0]
                        mixed.append(math.log(p[h]) + ll)
                    top = max(mixed)
                    score[x] = (
                        math.log(p[x]) + top + math.log(sum(math.exp(m - top) for m in mixed))
                    )
                guess = max(score, key=lambda v: score[v])
                tallies[q].add(guess == target.answers[q], p[best_guess(p)])
    return list(tallies.values())
