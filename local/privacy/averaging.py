"""Attack 7, averaging over releases: every running total after the target's answer.

Re-noising a running total at every release would let a reader average the noise away. Under
the binary-tree mechanism each release is an estimate from the *same* noisy blocks, so the
releases after an answer share their noise. The reader here knows every other answer (staff,
all in the first release period with the target's), watches all of the campaign's weekly
releases (10 on the default calendar) and tells a target's answer 5 from 1 in three ways:
the final release alone, the plain average of the releases, and the best linear test on all of
them at once (Fisher's discriminant over every release's centred sums). The analytic μ bounds
all three: if averaging bought anything beyond the blocks, the third would cross it."""

from __future__ import annotations

import random

from local.privacy.audit import Result
from local.privacy.core import (
    QUESTIONS,
    Stream,
    exact_of,
    fast_noise,
    mechanism_mu,
    random_answer,
    realistic,
)
from local.privacy.values import DAY, ERRAND, contribution
from shared.core import totals
from shared.core.totals import TOTAL
from shared.results.disclosure import noise, release

NAME = "7 averaging over releases"
STAFF = 99


def run(rho: float, per_class: int, seed: int = 2026) -> list[Result]:
    rng = random.Random(f"averaging-{seed}-{rho}")  # noqa: S311 - a simulation
    policy = release.Policy(budget=noise.Budget(rho))
    p = realistic(rng)
    staff = [random_answer(p, rng, day=DAY, errand=ERRAND) for _ in range(STAFF)]
    known = exact_of(staff)
    sums = [totals.s(q) for q in QUESTIONS]
    seen: dict[str, list[list[float]]] = {"high": [], "low": []}
    exact = 0
    with fast_noise(rng):
        for i in range(2 * per_class):
            kind = ("high", "low")[i % 2]
            stream = Stream(policy, rng)
            stream.add_cells(known)
            stream.add_cells(contribution(kind))
            stream.run_all()
            row = []
            for published, variance in stream.snapshots:
                for stat in sums:
                    row.append(published[TOTAL][stat] - known[TOTAL][stat])
                    exact += variance[TOTAL][stat] <= 0
            seen[kind].append(row)
    diff = {
        c: {s: contribution("high")[c].get(s, 0) - contribution("low")[c].get(s, 0) for s in st}
        for c, st in contribution("high").items()
    }
    mu = mechanism_mu([(diff, 0)], policy)
    releases = len(stream.snapshots)
    k = len(sums)

    def average(rows: list[list[float]]) -> list[list[float]]:
        return [[sum(r[j::k]) / releases for j in range(k)] for r in rows]

    def final(rows: list[list[float]]) -> list[list[float]]:
        return [r[-k:] for r in rows]

    common = {"mu": mu, "certain": exact, "rho_budget": rho}
    what = "answer 5 vs 1"
    return [
        Result.from_features(
            NAME,
            what + ": final release only",
            final(seen["high"]),
            final(seen["low"]),
            note=f"total cell's sums; {releases} weekly releases",
            **common,
        ),
        Result.from_features(
            NAME,
            what + ": average of the releases",
            average(seen["high"]),
            average(seen["low"]),
            note="the mean of every release's figure",
            **common,
        ),
        Result.from_features(
            NAME,
            what + ": every release at once",
            seen["high"],
            seen["low"],
            note=f"linear test on all {releases} releases × {k} sums",
            **common,
        ),
    ]
