"""Attack 2, planted respondents, read from the exported rows.

The reader plants a whole batch but the target, and places its staff so that every cell the
target is in (its week, its errand) is large enough to be shown: it then reads only what it
can query, the rows of ``figures.compute`` (n, index to one decimal, "vet ej"), before and
after the release, rebuilds each cell's centred sum as (index / 25 - 2) * n, subtracts its
staff's answers and guesses. Its staff answer in the middle of the scale with some "vet ej",
so that no index is clipped at 0 or 100 and no "vet ej" count at 0."""

from __future__ import annotations

import random
from collections.abc import Mapping

from local.privacy.core import (
    CAMPAIGN,
    CHANNEL,
    QUESTIONS,
    Config,
    Stream,
    Tally,
    answer,
    best_guess,
    candidates_for,
    exact_of,
    fast_noise,
    likelihoods,
    posterior_guess,
    random_answer,
    stats_of,
    tenant,
)
from local.privacy.values import realistic
from shared.results import figures, totals
from shared.results.totals import TOTAL, Cells

NAME = "2 planted respondents (rows)"
STAFF_ANSWERS = (2, 3, 3, 4, 4, None)
CODE = "1980"


def staff(rng: random.Random, count: int, day: object, errand: str) -> list:
    return [
        answer([rng.choice(STAFF_ANSWERS) for _ in QUESTIONS], day=day, errand=errand)  # type: ignore[arg-type]
        for _ in range(count)
    ]


def rows(stream: Stream) -> dict[tuple[str, str], figures.FigureRow]:
    """What the municipality can query: its own rows, by (cell, question)."""
    published = figures.Published(CODE, CAMPAIGN.id, CHANNEL.value, stream.state)
    out = {}
    for r in figures.compute([published], {CODE: tenant(CODE)}).for_area(CODE):
        if r.breakdown == figures.TOTAL_BREAKDOWN:
            out[(TOTAL, r.question)] = r
        elif r.breakdown == figures.WEEK:
            out[(totals.WEEK_PREFIX + r.value, r.question)] = r
        elif r.breakdown == figures.ERRAND:
            out[(totals.ERRAND_PREFIX + r.value, r.question)] = r
    return out


def counts(row: figures.FigureRow) -> dict[str, float] | None:
    """The counts a shown row gives away: N exactly, "vet ej", and S up to the rounding."""
    if row.suppressed or row.n is None or row.index is None:
        return None
    q = row.question
    out = {totals.n(q): float(row.n), totals.s(q): (row.index / 25 - 2) * row.n}
    if row.vet_ej:
        out[totals.v(q)] = float(row.vet_ej)
    return out


def residual_from_rows(
    question: str,
    before: Mapping[tuple[str, str], figures.FigureRow],
    after: Mapping[tuple[str, str], figures.FigureRow],
    known: Cells,
    cells: list[str],
    variance: Mapping[tuple[str, str], float],
) -> tuple[dict[tuple[str, str], float], dict[tuple[str, str], float]]:
    residual, var = {}, {}
    for cell in cells:
        b, a = before.get((cell, question)), after.get((cell, question))
        cb, ca = (counts(b) if b else None), (counts(a) if a else None)
        if cb is None or ca is None:
            continue
        for stat in stats_of(question):
            if stat not in cb or stat not in ca:
                continue  # a "vet ej" of 0 may be a clipped negative: not used
            residual[(cell, stat)] = ca[stat] - cb[stat] - known.get(cell, {}).get(stat, 0)
            # the index's rounding to 0.1 adds at most 0.002 n to a rebuilt sum
            rounding = (0.1 / 25 * a.n) ** 2 / 12 if stat == totals.s(question) else 0.0  # type: ignore[union-attr]
            var[(cell, stat)] = variance[(cell, stat)] + rounding
    return residual, var


def run(cfg: Config) -> list[Tally]:
    rng = cfg.rng(NAME)
    tallies = {q: Tally(NAME, q, note="exported rows: total, week, errand") for q in QUESTIONS}
    with fast_noise(rng):
        for _ in range(cfg.targets):
            p = realistic(rng)
            stream = Stream(cfg.policy(), rng)
            target = random_answer(p, rng)
            cells = [
                TOTAL,
                totals.week_cell(target.contact_day),
                totals.errand_cell(str(target.errand)),
            ]
            stream.release_batch(staff(rng, stream.threshold(), target.contact_day, target.errand))  # type: ignore[arg-type]
            before, variance_before = rows(stream), stream.snapshot()[1]
            others = staff(rng, stream.threshold() - 1, target.contact_day, str(target.errand))
            stream.release_batch([target, *others])
            after, variance_after = rows(stream), stream.snapshot()[1]
            variance = {
                (c, s): variance_after[c][s] - variance_before.get(c, {}).get(s, 0.0)
                for c in cells
                for s in variance_after.get(c, {})
            }
            known = exact_of(others)
            for q in QUESTIONS:
                residual, var = residual_from_rows(q, before, after, known, cells, variance)
                loglik = likelihoods(residual, var, candidates_for(q, target))
                tallies[q].add(posterior_guess(p, loglik) == target.answers[q], p[best_guess(p)])
    return list(tallies.values())
