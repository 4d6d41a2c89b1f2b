"""The attacks of ``make privacy`` (local/privacy), small: a reader who knows every other
answer of a batch must not guess the target's answer much better than the published
distribution lets it. The full run (1,000 targets per attack, the one-sided 95 % bound, the
end-to-end attack) is ``make privacy``; here each attack runs on a few hundred targets and
fails when the attacker is *significantly* above the goal (the lower end of its one-sided
95 % bound over the prior's best guess plus 5 points)."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable

import pytest

from local.privacy import (
    averaging,
    crosscell,
    differencing,
    group,
    history,
    homogeneity,
    participation,
    planted,
)
from local.privacy.core import GOAL, Z_ONE_SIDED_95, Config, TableGaussian, Tally, wilson_upper
from shared.results import noise
from shared.settings import ReleaseSettings

Attack = Callable[[Config], list[Tally]]


def wilson_lower(hits: int, trials: int) -> float:
    return 1 - wilson_upper(trials - hits, trials)


def configured(targets: int) -> Config:
    settings = ReleaseSettings()
    return Config(
        rho=settings.privacy_rho,
        k=settings.release_k,
        margin=settings.release_margin,
        targets=targets,
        seed=11,
    )


def beyond_goal(tallies: list[Tally]) -> list[str]:
    return [
        f"{t.attack} {t.what}: {t.rate:.1%} right vs prior {t.baseline:.1%}"
        for t in tallies
        if wilson_lower(t.hits, t.trials) > t.baseline + GOAL
    ]


def test_the_fast_sampler_draws_the_same_discrete_gaussian_as_the_exact_one() -> None:
    sigma = noise.Budget(1.3).sigma(noise.TOTAL_SUM)
    exact_rng, table_rng = random.Random(1), random.Random(2)
    exact = [noise.discrete_gaussian(sigma, exact_rng.randrange) for _ in range(3000)]
    fast = TableGaussian(table_rng)
    table = [fast(sigma) for _ in range(30000)]
    for sample in (exact, table):
        mean = sum(sample) / len(sample)
        variance = sum(x * x for x in sample) / len(sample) - mean * mean
        assert abs(mean) < 4 * sigma / math.sqrt(len(sample))
        assert abs(variance / sigma**2 - 1) < 0.08
    # the same shape: the share of each value within one sigma agrees
    exact_share, table_share = Counter(exact), Counter(table)
    for value in range(-2, 3):
        assert abs(exact_share[value] / 3000 - table_share[value] / 30000) < 0.03


def test_the_attacker_is_real_it_reads_answers_when_the_noise_is_small() -> None:
    """Against an almost noiseless release the same attacker must nearly always be right:
    the attacks of make privacy can fail."""
    loud = Config(rho=50.0, targets=100, seed=3)
    for tally in differencing.run(loud):
        assert tally.rate > tally.baseline + 0.3, tally
        assert not tally.held


@pytest.mark.parametrize(
    "attack",
    [
        pytest.param(differencing.run, id="1-differencing"),
        pytest.param(crosscell.run, id="3-cross-cell"),
        pytest.param(homogeneity.run, id="4-homogeneity"),
    ],
)
def test_no_attack_on_an_answer_beats_the_published_distribution_by_more_than_the_goal(
    attack: Attack,
) -> None:
    assert beyond_goal(attack(configured(120))) == []


def test_the_exported_rows_give_the_planted_reader_no_more_than_the_goal() -> None:
    assert beyond_goal(planted.run(configured(80))) == []


def test_participation_deltas_do_not_tell_whether_a_target_answered_or_declined() -> None:
    tallies = [t for t in participation.run(configured(300)) if t.what != "drawn"]
    assert beyond_goal(tallies) == []


def test_the_invitations_do_not_tell_whether_a_target_was_drawn() -> None:
    assert beyond_goal([participation.drawn(configured(2000))]) == []


def test_a_release_is_dated_by_its_day_only() -> None:
    for what, held, numbers in history.run(configured(10)):
        assert held, (what, numbers)


@pytest.mark.slow
@pytest.mark.parametrize(
    "attack",
    [pytest.param(group.run, id="6-group-minus-own"), pytest.param(averaging.run, id="7-avg")],
)
def test_group_and_averaging_attacks_stay_within_the_goal(attack: Attack) -> None:
    assert beyond_goal(attack(configured(300))) == []


def test_the_bound_is_one_sided_95_percent() -> None:
    # 60 of 100: the one-sided 95 % Wilson bound is about 0.68
    assert wilson_upper(60, 100) == pytest.approx(0.68, abs=0.01)
    assert pytest.approx(1.645, abs=1e-3) == Z_ONE_SIDED_95
