"""What the budget says, recomputed from the mechanism: ρ per resident, and what a resident
costs who answers more than once (attack 9, answer sheets, and 10, invited on several days).

For each case, the exact Gaussian-DP μ of the figures between the worlds with and without the
resident's answer sheets (``core.mechanism_mu``: every tree node they are in, every cell and
statistic, with the noise the release draws) and ρ = μ²/2; plus the comment check's share.

- one worst-case sheet (every scale question at an end of the scale) must cost at most the
  figures' share of ρ (``Budget.figures_rho``): the budget's own accounting, checked;
- *k* sheets of one resident, one a week (a resident invited on *k* days of the campaign,
  each invitation answered): ρ grows as k² for sheets in the same tree blocks and at least
  as k, since every sheet is in the campaign node;
- a sheet replaced by another (the same resident's 5s in place of 1s, the substitution
  neighbour): the sums move by 4 instead of 2.
"""

from __future__ import annotations

from datetime import timedelta

from local.privacy.core import CAMPAIGN, QUESTIONS, answer, exact_of, mechanism_mu
from shared.core.totals import Cells
from shared.results.disclosure import noise, release

NAME = "10 a resident invited on several days"


def sheet(value: int, week: int) -> Cells:
    day = CAMPAIGN.start + timedelta(days=7 * week + 1)
    return exact_of([answer([value] * len(QUESTIONS), day=day, errand="bygglov")])


def costs(rho: float, most: int = 5) -> list[tuple[str, float, float]]:
    """(case, μ, ρ) for one sheet, k sheets a week apart, and a substitution."""
    policy = release.Policy(budget=noise.Budget(rho))
    out = []
    for k in range(1, most + 1):
        mu = mechanism_mu([(sheet(5, w), w) for w in range(k)], policy)
        out.append((f"{k} sheet(s), a week apart", mu, mu * mu / 2))
    low = {c: {s: -x for s, x in st.items()} for c, st in sheet(1, 0).items()}
    mu = mechanism_mu([(sheet(5, 0), 0), (low, 0)], policy)
    out.append(("one sheet's 1s replaced by 5s", mu, mu * mu / 2))
    return out
