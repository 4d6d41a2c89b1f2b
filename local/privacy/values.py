"""Attacks 1, 3, 5 and 9 on one family of simulated worlds: the target's answer in the final
release, read against everything else known.

The reader is a municipality that planted every other answer of its stream (``STAFF`` staff
answers, known to it, in the target's own contact week and errand, so every cell the target is
in is well filled) and reads the campaign's final release — the one release that holds every
answer, published on the calendar's last release day whatever arrived (what the old "closing
batch" was). All arrivals lie in the campaign's first release period, the one the tree charges
most (``core.Stream.run_final``). Each world holds the target in one of four ways:

- ``absent``: it did not answer;
- ``low``: it answered 1 to every question; ``high``: it answered 5 to every question;
- ``twice``: it answered 5 to every question on two answer sheets (invited twice).

From the same worlds:

1. *targeted differencing* — low vs high, from the total cell (S, N, "vet ej" of each
   question): what the answer was;
3. *cross-cell* — low vs high, from the total, its week and its errand cell together;
5. *closing batch, now the final release* — absent vs high, from the total cell: whether it
   answered; and *dispatch's stop rule* — absent vs high from the published answers alone
   (dispatch stops a channel on the published ``a``, so its decision is a threshold on it: the
   attacker who picks its staff count to put that threshold where it likes has exactly this
   ROC);
9. *two answer sheets of one resident* — absent vs twice, total cell.

The attacker is linear (Fisher's discriminant on its observations, fitted on half the worlds:
``audit.Result.from_features``), the best test for Gaussian noise; the analytic μ is that of the
whole release (every cell, every tree node), which bounds any reader of the figures.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from local.privacy.audit import Result
from local.privacy.core import (
    CAMPAIGN,
    QUESTIONS,
    Stream,
    answer,
    exact_of,
    fast_noise,
    mechanism_mu,
    random_answer,
    realistic,
)
from shared.core import totals
from shared.core.totals import ANSWERS, TOTAL, Cells
from shared.results.disclosure import release

STAFF = 99
DAY = CAMPAIGN.start.replace(day=CAMPAIGN.start.day + 8)
ERRAND = "bygglov"
CLASSES = ("absent", "low", "high", "twice")
NAMES = {
    "differencing": "1 targeted differencing",
    "crosscell": "3 cross-cell",
    "closing": "5a final release (was: closing batch)",
    "stoprule": "5c dispatch's stop rule",
    "twice": "9 two answer sheets of one resident",
}


def target(values: int) -> list:
    return [answer([values] * len(QUESTIONS), day=DAY, errand=ERRAND)]


def contribution(kind: str) -> Cells:
    if kind == "absent":
        return {}
    if kind == "twice":
        return exact_of(target(5) * 2)
    return exact_of(target(1 if kind == "low" else 5))


CELLS = (TOTAL, totals.week_cell(DAY), totals.errand_cell(ERRAND))


def features(stream: Stream, known: Cells, cells: Sequence[str]) -> tuple[list[float], bool]:
    """The published figures of ``cells`` minus the known staff answers (the residual a reader
    computes), and whether any of them was published without noise (variance 0)."""
    published, variance = stream.snapshots[-1]
    out, exact = [], False
    stats = [ANSWERS, totals.errand_count(ERRAND)]
    for cell in cells:
        names = [s for q in QUESTIONS for s in (totals.s(q), totals.n(q), totals.v(q))]
        if cell == TOTAL:
            names = stats + names
        for stat in names:
            out.append(published[cell][stat] - known.get(cell, {}).get(stat, 0))
            exact |= variance[cell][stat] <= 0
    return out, exact


def worlds(rho: float, per_class: int, seed: int) -> dict[str, dict[str, list]]:
    """Features per class: ``total``, ``cells`` (total + week + errand), ``answers``."""
    rng = random.Random(f"values-{seed}-{rho}")  # noqa: S311 - a simulation, not a secret
    policy = release.Policy(budget=release.noise.Budget(rho))
    p = realistic(rng)
    staff = [random_answer(p, rng, day=DAY, errand=ERRAND) for _ in range(STAFF)]
    known = exact_of(staff)
    out: dict[str, dict[str, list]] = {
        c: {"total": [], "cells": [], "answers": [], "exact": []} for c in CLASSES
    }
    with fast_noise(rng):
        for i in range(per_class * len(CLASSES)):
            kind = CLASSES[i % len(CLASSES)]
            stream = Stream(policy, rng)
            stream.add_cells(known)
            stream.add_cells(contribution(kind))
            stream.run_final()
            cells, exact = features(stream, known, CELLS)
            total, _ = features(stream, known, (TOTAL,))
            out[kind]["cells"].append(cells)
            out[kind]["total"].append(total)
            out[kind]["answers"].append([total[0]])
            out[kind]["exact"].append(exact)
    return out


def run(rho: float, per_class: int, seed: int = 2026) -> list[Result]:
    seen = worlds(rho, per_class, seed)
    policy = release.Policy(budget=release.noise.Budget(rho))

    def mu(a: str, b: str) -> float:
        cells = contribution(a)
        other = contribution(b)
        diff: Cells = {}
        for cell in set(cells) | set(other):
            stats = set(cells.get(cell, {})) | set(other.get(cell, {}))
            diff[cell] = {
                s: cells.get(cell, {}).get(s, 0) - other.get(cell, {}).get(s, 0) for s in stats
            }
        return mechanism_mu([(diff, 0)], policy)

    def certain(a: str, b: str) -> int:
        return sum(seen[a]["exact"]) + sum(seen[b]["exact"])

    common = {"rho_budget": rho}
    value = "answer 5 vs 1 (all questions)"
    return [
        Result.from_features(
            NAMES["differencing"],
            value,
            seen["high"]["total"],
            seen["low"]["total"],
            mu=mu("high", "low"),
            certain=certain("high", "low"),
            note=f"total cell of the final release; {STAFF} staff answers known",
            **common,
        ),
        Result.from_features(
            NAMES["crosscell"],
            value,
            seen["high"]["cells"],
            seen["low"]["cells"],
            mu=mu("high", "low"),
            certain=certain("high", "low"),
            note="total + week + errand cells together (months are sums of weeks)",
            **common,
        ),
        Result.from_features(
            NAMES["closing"],
            "answered (5s) vs not",
            seen["high"]["total"],
            seen["absent"]["total"],
            mu=mu("high", "absent"),
            certain=certain("high", "absent"),
            note="every stat of the total cell at the final release",
            **common,
        ),
        Result.from_features(
            NAMES["stoprule"],
            "answered vs not",
            seen["high"]["answers"],
            seen["absent"]["answers"],
            mu=mu("high", "absent"),
            certain=certain("high", "absent"),
            note="the published answers dispatch stops on (a threshold on it)",
            **common,
        ),
        Result.from_features(
            NAMES["twice"],
            "two sheets (5s) vs none",
            seen["twice"]["total"],
            seen["absent"]["total"],
            mu=mu("twice", "absent"),
            certain=certain("twice", "absent"),
            note="what a second invitation costs: ρ = μ²/2 analytic (the budget is per sheet)",
            **common,
        ),
    ]
