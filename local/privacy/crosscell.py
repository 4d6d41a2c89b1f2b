"""Attack 3, cross-cell differencing: every cell the target is in, combined.

The target's answer is in the total, in its contact week and in its errand cell, and a
municipality's own scale question in the total. Months are sums of weeks (no noise of their
own, figures.py), so they carry nothing the weeks do not; "total minus the other breakdowns"
is a linear function of the same cells. The Bayes-optimal combination of every cell's
residual (the noise of each cell is independent) is therefore the strongest cross-cell
attack; it runs here with the rest of the batch planted, and an own scale question asked."""

from __future__ import annotations

from local.privacy.core import Config, Tally, flat_prior, scale_question
from local.privacy.values import differencing
from shared.models import ResponseItem
from shared.results import totals
from shared.results.totals import TOTAL

NAME = "3 cross-cell differencing"


def cells_of(target: ResponseItem) -> list[str]:
    return [TOTAL, totals.week_cell(target.contact_day), totals.errand_cell(str(target.errand))]


def run(cfg: Config) -> list[Tally]:
    return differencing(
        cfg,
        NAME,
        cells_of,
        note="total + week + errand (+ own question); months are sums of weeks",
        extra=(scale_question(),),
    )


def worst_case(cfg: Config) -> list[Tally]:
    """The same against a flat published distribution (every answer equally common)."""
    return differencing(
        cfg,
        NAME + " (flat prior)",
        cells_of,
        note="stated worst case: a question whose answers are spread evenly",
        prior_of=lambda rng: flat_prior(),
        informative=True,
    )
