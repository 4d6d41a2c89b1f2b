"""The DP audit of ``make privacy`` (local/privacy), small: its fast pieces equal the real ones,
its statistics are right, its attacker can win when the noise is small, and on the configured
budget no attack beats what the budget allows it. The full run (10,000 targets per attack, the
end-to-end attacks) is ``make privacy``."""

from __future__ import annotations

import math
import random

import pytest

from local.privacy import averaging, budget, commentbatch, group, history, values
from local.privacy.audit import Result, clopper_pearson, epsilon_lower_bound, gdp_tpr
from local.privacy.core import (
    CAMPAIGN,
    QUESTIONS,
    Stream,
    TableGaussian,
    answer,
    budget_mu,
    exact_of,
    mechanism_mu,
    project,
    random_answer,
    realistic,
)
from shared.platform.settings import ReleaseSettings
from shared.results import comments, schedule
from shared.results.disclosure import noise, release

RHO = ReleaseSettings().privacy_rho


def test_the_fast_sampler_draws_the_same_discrete_gaussian_as_the_exact_one() -> None:
    sigma = 17.93  # a tree node's total-sum noise at the default budget
    exact_rng, table_rng = random.Random(1), random.Random(2)
    bits = noise.Bits(exact_rng.randbytes)
    exact = [noise.discrete_gaussian(sigma, bits) for _ in range(3000)]
    fast = TableGaussian(table_rng)
    table = [fast(sigma) for _ in range(30000)]
    for sample in (exact, table):
        mean = sum(sample) / len(sample)
        variance = sum(x * x for x in sample) / len(sample) - mean * mean
        assert abs(mean) < 4 * sigma / math.sqrt(len(sample))
        assert abs(variance / sigma**2 - 1) < 0.08
    # the same shape: the share within one, two and three sigma agrees
    for reach in (1, 2, 3):
        share = [sum(abs(x) <= reach * sigma for x in s) / len(s) for s in (exact, table)]
        assert abs(share[0] - share[1]) < 0.03


def test_the_fast_projection_publishes_what_the_real_release_publishes() -> None:
    """The same answers and the same noise through release.step, once with the real
    projection and once with the numpy one: the same figures and variances."""
    rng = random.Random(5)
    p = realistic(rng)
    answers = [random_answer(p, rng) for _ in range(60)]
    out = []
    for fast in (False, True):
        sampler = TableGaussian(random.Random(9))
        original = (noise.discrete_gaussians, release._project)
        noise.discrete_gaussians = sampler.many
        if fast:
            release._project = project
        try:
            stream = Stream(release.Policy(), random.Random(9))
            for period in range(4):
                stream.add(answers[period * 15 : (period + 1) * 15], period=period)
            stream.run_all()
        finally:
            noise.discrete_gaussians, release._project = original
        out.append(stream.snapshots)
    for (real_value, real_var), (fast_value, fast_var) in zip(*out, strict=True):
        for cell, stats in real_value.items():
            for stat, x in stats.items():
                assert fast_value[cell][stat] == pytest.approx(x, abs=2e-3)
                assert fast_var[cell][stat] == pytest.approx(real_var[cell][stat], abs=2e-4)


def test_clopper_pearson_and_the_tradeoff_curve() -> None:
    # 0 of 100: the one-sided 97.5 % upper bound is 1 - 0.025^(1/100)
    assert clopper_pearson(0, 100) == pytest.approx((0.0, 1 - 0.025 ** (1 / 100)), abs=1e-6)
    low, high = clopper_pearson(50, 100)
    assert low == pytest.approx(0.398, abs=0.002)
    assert high == pytest.approx(0.602, abs=0.002)
    assert gdp_tpr(0.01, 0.0) == pytest.approx(0.01)
    assert gdp_tpr(0.01, 1.0) == pytest.approx(0.0924, abs=1e-3)
    # a perfect attacker on 5,000 a side: ε is at least ln(TPR_low / FPR_high) ≈ 7.2
    assert epsilon_lower_bound(5000, 5000, 0, 5000) == pytest.approx(7.21, abs=0.01)
    assert epsilon_lower_bound(50, 5000, 50, 5000) == 0.0


def test_an_attack_that_beats_its_bound_does_not_hold() -> None:
    rng = random.Random(3)
    separated = Result(
        "leak",
        "x",
        [5 + rng.gauss(0, 1) for _ in range(4000)],
        [rng.gauss(0, 1) for _ in range(4000)],
        mu=0.5,
    )
    assert separated.tpr > 0.9
    assert not separated.held
    honest = Result(
        "fine",
        "x",
        [0.5 + rng.gauss(0, 1) for _ in range(4000)],
        [rng.gauss(0, 1) for _ in range(4000)],
        mu=0.5,
    )
    assert honest.held
    certain = Result("certain", "x", honest.positives, honest.negatives, mu=0.5, certain=1)
    assert not certain.held


def test_one_answer_costs_what_the_budget_says_over_every_tree_node() -> None:
    """The analytic μ of one answer (every cell, statistic and tree node it is in, with the
    noise the release draws) against the budget's figures share: the accounting holds."""
    policy = release.Policy(budget=noise.Budget(RHO))
    worst = exact_of([answer([5] * len(QUESTIONS))])
    periods = len(policy.calendar.release_days(CAMPAIGN))
    mus = [mechanism_mu([(worst, p)], policy) for p in range(periods)]
    allowed = budget_mu(policy.budget.figures_rho)
    assert max(mus) <= allowed
    assert max(mus) > 0.95 * allowed  # the invitation and decline make up the rest
    assert min(mus) < max(mus)  # the first period is in the most tree blocks


def test_several_answer_sheets_cost_more_than_one_and_the_table_says_how_much() -> None:
    costs = budget.costs(RHO, most=3)
    one, two, three = (c[2] for c in costs[:3])
    assert two > 2 * one  # they share the campaign node and the tree's upper blocks
    assert three > two
    assert costs[-1][2] > one  # a substitution moves the sums by 4


def test_the_attacker_is_real_it_tells_answers_apart_when_the_noise_is_small() -> None:
    loud = values.run(rho=50.0, per_class=60, seed=3)
    (differencing,) = [r for r in loud if r.attack == values.NAMES["differencing"]]
    assert differencing.tpr > 0.9
    assert differencing.mu_seen > 5


def test_on_the_configured_budget_no_attack_beats_its_bound_and_averaging_is_useless() -> None:
    results = values.run(RHO, per_class=150, seed=11)
    results += group.run(RHO, per_class=40, seed=11)
    final, average, every = averaging.run(RHO, per_class=100, seed=11)
    results += [final, average, every]
    comment_results, limit = commentbatch.run(RHO, per_class=3000, seed=11)
    results += comment_results
    failed = [(r.attack, r.what, r.tpr, r.eps_lb, r.certain) for r in results if not r.held]
    assert failed == []
    assert {r.certain for r in results} == {0}
    assert limit.stated  # the comment's text: the documented limit, not the goal
    # averaging the releases tells less than the final release: they share the tree's noise
    assert average.mu_seen < final.mu_seen


def test_a_release_is_dated_by_a_release_day_only() -> None:
    for what, held, numbers in history.run(RHO):
        assert held, (what, numbers)


def test_the_comment_attack_plants_as_many_comments_as_keep_its_fpr_at_one_percent() -> None:
    rules = release.Policy(budget=noise.Budget(RHO))
    checks = len(rules.calendar.comment_days(CAMPAIGN))
    sigma = rules.budget.comment_sigma(checks)
    staff = commentbatch.tuned_staff(sigma, checks)
    assert comments.DEFAULT_BATCH < staff < comments.threshold(comments.DEFAULT_BATCH, sigma)
    assert len(commentbatch.pool(staff, True)) == staff + 1


@pytest.mark.xfail(
    strict=True,
    reason="comments.due's floor (count >= batch) makes a batch impossible without the "
    "target when the planted count is batch - 1: an infinite likelihood ratio with "
    "probability P(noise >= 4.75 sigma) ~ 1e-6 per check: the delta of any exact floor of "
    "20, stated in docs/results.md and docs/privacy.md (shared/results/comments.py)",
)
def test_no_comment_decision_has_an_outcome_only_one_world_can_produce() -> None:
    rules = release.Policy(budget=noise.Budget(RHO))
    sigma = rules.budget.comment_sigma(len(rules.calendar.comment_days(CAMPAIGN)))
    staff = commentbatch.pool(comments.DEFAULT_BATCH - 1, False)
    with_target = commentbatch.pool(comments.DEFAULT_BATCH - 1, True)
    # the noise far in its tail (possible: the discrete Gaussian has every integer)
    original = noise.discrete_gaussian
    noise.discrete_gaussian = lambda s, bits=None: round(10 * s)
    try:
        outcomes = {comments.due(p, sigma) for p in (staff, with_target)}
    finally:
        noise.discrete_gaussian = original
    assert outcomes == {True}


def test_the_calendar_of_the_simulations_is_the_real_one() -> None:
    stream = Stream(release.Policy(), random.Random(1))
    assert stream.days == schedule.Calendar().release_days(CAMPAIGN)
    assert all(d.weekday() == 0 for d in stream.days)
