"""Attack 6, group minus own: the kommungrupp's figure minus the municipality's own.

Group and nation figures are made from their members' published figures (``figures``), so the
group's row minus the own row is the other members' published figures. The reader aims at a
resident of another municipality of its group and reads, at the final release, the group's
total rows minus its own (rebuilding each centred sum from the row's index and n, as anyone
can); the other answers of the target's municipality are unknown to it (drawn from the
published distribution). It tells the target's answer 5 from 1. The analytic μ is that of
the target's own stream (what a reader of every figure of it could at most reach)."""

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
from local.privacy.values import DAY, contribution
from shared.core.tenants import Kommungrupp
from shared.core.totals import TOTAL
from shared.results import figures
from shared.results.disclosure import noise, release

NAME = "6 group minus own"
OWN, OTHER, THIRD = "1980", "0380", "0580"
GROUP = "KG-" + Kommungrupp.A3.value
OTHERS = 99
SETS = 40  # sets of the other answers, one drawn per municipality and world


def _sums(pool: figures._Pool) -> list[float]:
    """The total rows' centred sums as a reader rebuilds them: (index / 25 - 2) n, from the
    row's index (to one decimal) and n (``figures.estimate``, as ``figures.compute`` makes
    the rows; the row objects themselves are left out for speed)."""
    out = []
    for q in QUESTIONS:
        est = figures.estimate(pool, TOTAL, q)
        out.append(0.0 if est is None else (round(est.index, 1) / 25 - 2) * est.n)
    return out


def run(rho: float, per_class: int, seed: int = 2026) -> list[Result]:
    rng = random.Random(f"group-{seed}-{rho}")  # noqa: S311 - a simulation
    policy = release.Policy(budget=noise.Budget(rho))
    sets = [
        exact_of([random_answer(realistic(rng), rng, day=DAY) for _ in range(OTHERS)])
        for _ in range(SETS)
    ]
    seen: dict[str, list[list[float]]] = {"high": [], "low": []}
    with fast_noise(rng):
        for i in range(2 * per_class):
            kind = ("high", "low")[i % 2]
            group_pool, own_pool = figures._Pool(), figures._Pool()
            for code in (OWN, OTHER, THIRD):
                stream = Stream(policy, rng, code=code)
                stream.add_cells(rng.choice(sets))  # answers the reader does not know
                if code == OTHER:
                    stream.add_cells(contribution(kind))
                stream.run_final()
                group_pool.add(stream.state)
                if code == OWN:
                    own_pool.add(stream.state)
            group, own = _sums(group_pool), _sums(own_pool)
            seen[kind].append([g - o for g, o in zip(group, own, strict=True)])
    diff = {
        c: {s: contribution("high")[c].get(s, 0) - contribution("low")[c].get(s, 0) for s in st}
        for c, st in contribution("high").items()
    }
    return [
        Result.from_features(
            NAME,
            "answer 5 vs 1 (another member's resident)",
            seen["high"],
            seen["low"],
            mu=mechanism_mu([(diff, 0)], policy),
            rho_budget=rho,
            note=f"group row − own row (S rebuilt from index and n); {OTHERS} other answers "
            "of its municipality unknown",
        )
    ]
