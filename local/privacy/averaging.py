"""Attack 7, averaging over releases: a long run of releases after the target's batch.

Re-noising a cumulative count at every release would let a reader average the noise away.
Here a figure is the sum of noisy batches, each answer in one batch: the reader watches the
target's release and ``LATER`` releases after it, all of them batches of its own staff, and
tries both the difference across the target's release and the average, over every later
release, of the figure minus everything it knows, combining the total, week and errand cells.
Reported is the Bayes-optimal reader of all those releases: since every later batch's noise
is independent of the target, the difference across the target's release is sufficient
(chosen before the run, so no best-of-two selection inflates the rate); the average's rate
is shown next to it."""

from __future__ import annotations

from local.privacy.core import (
    QUESTIONS,
    Config,
    Stream,
    Tally,
    best_guess,
    candidates_for,
    exact_of,
    fast_noise,
    likelihoods,
    merged,
    observe,
    posterior_guess,
    random_answer,
)
from local.privacy.values import realistic
from shared.results import totals
from shared.results.totals import TOTAL

NAME = "7 averaging over releases"
LATER = 12


def run(cfg: Config) -> list[Tally]:
    rng = cfg.rng(NAME)
    label = f"{LATER} later releases, all planted"
    diff = {q: Tally(NAME, q, note=label) for q in QUESTIONS}
    avg = {q: Tally(NAME, q, note=label) for q in QUESTIONS}
    with fast_noise(rng):
        for _ in range(cfg.targets):
            p = realistic(rng)
            stream = Stream(cfg.policy(), rng)
            # the attacker's staff, reused; more than any threshold (its margin has a tail)
            staff = [random_answer(p, rng) for _ in range(cfg.k + 4 * cfg.margin + 10)]
            stream.release_batch(staff[: stream.threshold()])
            base = stream.snapshot()
            target = random_answer(p, rng)
            others = staff[: stream.threshold() - 1]
            stream.release_batch([target, *others])
            first = stream.snapshot()
            known = exact_of(others)
            snapshots, knowns = [first], [known]
            for _ in range(LATER):
                batch = staff[: stream.threshold()]
                stream.release_batch(batch)
                known = merged(known, exact_of(batch))
                snapshots.append(stream.snapshot())
                knowns.append(known)
            cells = [
                TOTAL,
                totals.week_cell(target.contact_day),
                totals.errand_cell(str(target.errand)),
            ]
            for q in QUESTIONS:
                candidates = candidates_for(q, target)
                residual, variance = observe(q, base, first, knowns[0], cells)
                right = posterior_guess(p, likelihoods(residual, variance, candidates))
                diff[q].add(right == target.answers[q], p[best_guess(p)])
                # the average over every release from the target's on, of figure - known
                sums: dict = {}
                for snap, kn in zip(snapshots, knowns, strict=True):
                    r, _ = observe(q, base, snap, kn, cells)
                    for key, value in r.items():
                        sums[key] = sums.get(key, 0.0) + value / len(snapshots)
                # its noise: the target batch's once, the r-th later batch's (LATER-r+1)/(n) times
                n = len(snapshots)
                factor = 1 + sum(((n - j) / n) ** 2 for j in range(1, n))
                avg_var = {key: value * factor for key, value in variance.items()}
                guess = posterior_guess(p, likelihoods(sums, avg_var, candidates))
                avg[q].add(guess == target.answers[q], p[best_guess(p)])
    for d, a in zip(diff.values(), avg.values(), strict=True):
        d.note += f"; the average of all releases: {a.rate:.1%} right"
    return list(diff.values())
