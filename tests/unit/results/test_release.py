"""When a release happens (the calendar, never a count), what it publishes, and what it costs."""

from __future__ import annotations

import itertools
import json
import math
import random
import zlib
from datetime import date, timedelta

import pytest

from shared.core import totals
from shared.core.models import Channel
from shared.core.tenants import Campaign
from shared.results import schedule
from shared.results.disclosure import continual, noise, release
from tests.unit.results.helpers import (
    CAMPAIGN,
    OWN_QUESTION,
    answer,
    exact,
    morning,
    random_answers,
    step,
)

STREAM = "1980#var-2026#sms"
DAYS = schedule.Calendar().release_days(CAMPAIGN)


@pytest.fixture
def no_noise(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bookkeeping tests: the noise is replaced by 0 so sums can be checked exactly."""
    monkeypatch.setattr(noise, "discrete_gaussians", lambda sigma, count, bits=None: [0] * count)


def test_the_calendar_is_mondays_until_no_answer_can_arrive() -> None:
    # The campaign runs 2 March – 26 April 2026; its links are valid 14 days more
    assert all(d.weekday() == 0 for d in DAYS)
    assert DAYS[0] == date(2026, 3, 9)  # the first Monday after the start
    assert DAYS[-2] < CAMPAIGN.answers_until <= DAYS[-1] == date(2026, 5, 11)
    assert [b - a for a, b in itertools.pairwise(DAYS)] == [timedelta(7)] * 9
    daily = schedule.Calendar(schedule.Cadence.DAILY).release_days(CAMPAIGN)
    assert daily[0] == date(2026, 3, 3)
    assert daily[-1] == date(2026, 5, 11)
    # comment days: three of the release days, the final release last
    assert schedule.Calendar().comment_days(CAMPAIGN)[-1] == DAYS[-1]
    assert len(schedule.Calendar().comment_days(CAMPAIGN)) == 3


def test_a_release_day_releases_whatever_arrived_and_nothing_else_does() -> None:
    # Given two worlds that differ only in how many answered (none, or 300)
    quiet, busy = release.State(STREAM), release.State(STREAM)
    answers = exact(random_answers(300))
    for day in (date(2026, 3, 5), date(2026, 3, 8)):  # before the first release day (a Monday)
        assert not step(quiet, {}, today=day)
        assert not step(busy, answers, today=day)
    # Then on the first Monday both release, and what a reader can see of *when* is the same
    assert step(quiet, {}, today=DAYS[0])
    assert step(busy, answers, today=DAYS[0])
    assert (
        (quiet.sequence, quiet.released_on)
        == (busy.sequence, busy.released_on)
        == (1, "2026-03-09")
    )
    # and the set of published cells and statistics is the same too
    assert {c: set(s) for c, s in quiet.published.items()} == {
        c: set(s) for c, s in busy.published.items()
    }
    # and a second run that morning, or on Tuesday, releases nothing
    assert not step(busy, answers, today=DAYS[0])
    assert not step(busy, answers, today=DAYS[0] + timedelta(days=1))


def test_a_run_before_six_in_the_morning_does_not_release_that_day() -> None:
    state = release.State(STREAM)
    early = morning(DAYS[0]) - timedelta(minutes=1)
    assert not release.step(
        state, {}, campaign=CAMPAIGN, channel=Channel.SMS, extra=(), now=early,
        policy=release.Policy(),
    )  # fmt: skip
    assert step(state, {}, today=DAYS[0])


def test_running_totals_are_exact_without_noise_and_add_up(no_noise: None) -> None:
    # Given answers arriving over the weeks
    answers = random_answers(240, seed=3)
    state, arrived = release.State(STREAM), []
    for week, day in enumerate(DAYS):
        arrived += answers[week * 24 : (week + 1) * 24]
        step(state, exact(arrived), today=day)
        # Then each release's running totals are the exact totals so far (GLS is unbiased)
        truth = exact(arrived)
        for stat, value in truth[totals.TOTAL].items():
            assert state.published[totals.TOTAL][stat] == pytest.approx(value, abs=1e-6)
    assert state.sequence == len(DAYS) == state.periods


def test_a_missed_release_day_is_made_up_with_the_same_calendar(no_noise: None) -> None:
    answers = exact(random_answers(50))
    on_time, late = release.State(STREAM), release.State(STREAM)
    for day in DAYS[:3]:
        step(on_time, answers, today=day)
    step(late, answers, today=DAYS[2] + timedelta(days=2))  # two Mondays missed
    assert late.sequence == on_time.sequence == 3
    assert late.released_on == on_time.released_on == DAYS[2].isoformat()
    assert late.published == on_time.published


def test_published_figures_are_consistent_and_never_negative() -> None:
    # Given real noise and a small stream (where noise can push counts below 0)
    state = release.State(STREAM)
    answers = exact(random_answers(8, seed=5))
    for day in DAYS[:4]:
        step(state, answers, today=day)
    total = state.published[totals.TOTAL]
    weeks = [c for c in state.published if c.startswith(totals.WEEK_PREFIX)]
    errands = [c for c in state.published if c.startswith(totals.ERRAND_PREFIX)]
    for q in totals.national_questions(Channel.SMS):
        for stat in (totals.n(q), totals.v(q)):
            # Then the weeks and the errand kinds add up to at least the total (exactly before
            # counts are clipped at 0, which moves a part up, never the sum below the total)
            assert sum(state.published[c][stat] for c in weeks) >= total[stat] - 1e-2
            assert sum(state.published[c][stat] for c in errands) >= total[stat] - 1e-2
        for cell in state.published.values():
            assert cell[totals.n(q)] >= 0
            assert cell[totals.v(q)] >= 0
            assert abs(cell[totals.s(q)]) <= 2 * cell[totals.n(q)] + 1e-9
    assert all(v >= 0 for v in state.variance[totals.TOTAL].values())


def test_cells_nobody_answered_get_noise_too() -> None:
    state = release.State(STREAM)
    assert step(state, {}, today=DAYS[0])
    question = totals.national_questions(Channel.SMS)[0]
    measured = state.measured[totals.errand_cell("bygglov")][totals.s(question)]
    draws = [measured[0]]
    for _ in range(30):
        other = release.State(STREAM)
        step(other, {}, today=DAYS[0])
        draws.append(other.measured[totals.errand_cell("bygglov")][totals.s(question)][0])
    assert any(d != 0 for d in draws)


def test_every_contribution_of_an_answer_is_published_and_costed() -> None:
    # Every statistic an answer adds to has a noise family (or exposure() raises KeyError),
    # so a cell added to totals.contributions cannot go unpublished or unpaid
    rnd = random.Random(1)
    for channel in Channel:
        for _ in range(200):
            a = answer(
                tuple(rnd.choice([1, 3, 5, None]) for _ in range(2)),  # type: ignore[arg-type]
                channel=channel,
                errand=rnd.choice([*totals.errands(), None]),
                extra={OWN_QUESTION.id: rnd.choice(OWN_QUESTION.values())},
            )
            for cell, stats in totals.contributions(a, [OWN_QUESTION]).items():
                cell_kind = cell if cell == totals.TOTAL else cell.split(":")[0] + ":x"
                families = release.statistics(cell_kind, channel, [OWN_QUESTION])
                assert set(stats) <= set(families), cell
        worst = release.exposure(channel, [OWN_QUESTION]).squared
        plain = release.exposure(channel, []).squared
        assert worst[noise.TOTAL_COUNT] == plain[noise.TOTAL_COUNT] + 1  # the own choice


def test_a_resident_costs_exactly_the_budget_whatever_the_calendar() -> None:
    budget = noise.Budget(0.3)
    for periods in (1, 5, 11, 75):
        strategy = continual.Strategy(periods, release.DEFAULT_FINAL_SHARE)
        for extra in ([], [OWN_QUESTION]):
            exposure = release.exposure(Channel.SMS, extra)
            spent = budget.figures_spent(exposure, strategy.unit_cost)
            assert spent == pytest.approx(budget.figures_rho)
    checks = 3
    assert checks / (2 * budget.comment_sigma(checks) ** 2) == pytest.approx(budget.comments_rho)
    assert budget.figures_rho + budget.comments_rho == pytest.approx(0.3)


def test_each_period_is_in_one_node_per_level_and_in_the_campaign_node() -> None:
    for periods in (1, 2, 7, 11, 16, 75):
        nodes = continual.nodes(periods)
        for p in range(periods):
            holding = [n for n in nodes if n.start <= p <= n.end]
            levels = [n.level for n in holding]
            assert len(levels) == len(set(levels)) <= continual.levels(periods) + 1
            assert continual.FINAL in levels
        # measured in order: every node once its last period has ended
        assert [n.end for n in nodes] == sorted(n.end for n in nodes)


def test_the_gls_variance_is_what_the_noise_gives() -> None:
    # The estimator's stated variance (units of a tree node's sigma^2) matches an empirical one
    strategy = continual.Strategy(11, 0.65)
    rnd = random.Random(7)
    errors = []
    for _ in range(3000):
        x = [rnd.randrange(20) for _ in range(11)]
        values = [
            sum(x[n.start : n.end + 1]) + rnd.gauss(0, math.sqrt(strategy.weight(n)))
            for n in continual.nodes(11)
        ]
        est, _ = continual.estimate(strategy, 11, values)
        errors.append(est - sum(x))
    _, stated = continual.estimator(strategy, 11, 0, 10)
    empirical = sum(e * e for e in errors) / len(errors)
    assert empirical == pytest.approx(stated, rel=0.1)


def test_the_state_round_trips_through_its_stored_form() -> None:
    state = release.State(STREAM)
    step(state, exact(random_answers(30)), today=DAYS[0])
    again = release.State.from_bytes(state.to_bytes())
    assert again == state


def test_a_campaign_of_a_single_week_has_its_own_final_release() -> None:
    short = Campaign(id="kort", start=date(2026, 3, 2), end=date(2026, 3, 6))
    days = schedule.Calendar().release_days(short)
    assert days[-1] >= short.answers_until
    state = release.State("1980#kort#sms")
    for day in days:
        step(state, exact(random_answers(20)), today=day, campaign=short)
    assert state.sequence == len(days)


def test_email_answers_are_counted_as_skr_does(no_noise: None) -> None:
    # Given e-mail answers: 30 got a reply and were scored, 10 did not and said what response
    # time is reasonable (SKR's method: only those with a reply are in the index)
    replied = [
        answer((4, 5), channel=Channel.EMAIL).model_copy(update={"email_reply": "ja"})
        for _ in range(30)
    ]
    unanswered = [
        answer((4, 5), channel=Channel.EMAIL).model_copy(
            update={"email_reply": "nej", "response_time": "en_dag", "answers": {}}
        )
        for _ in range(10)
    ]
    state = release.State("1980#var-2026#email")
    step(state, exact(replied + unanswered), today=DAYS[0], channel=Channel.EMAIL)
    total = state.published[totals.TOTAL]
    question = totals.national_questions(Channel.EMAIL)[0]
    # Then the index counts the 30 only; the reply share and the response time are their own
    assert total[totals.n(question)] == pytest.approx(30)
    assert total[totals.ANSWERS] == pytest.approx(40)
    assert total[totals.choice("epost_aterkoppling", "ja")] == pytest.approx(30)
    assert total[totals.choice("epost_aterkoppling", "nej")] == pytest.approx(10)
    assert total[totals.choice("epost_svarstid", "en_dag")] == pytest.approx(10)


@pytest.mark.parametrize("periods", [1, 2, 5, 10, 11, 16, 70])
def test_the_folded_blocks_give_the_gls_estimate_of_every_block(periods: int) -> None:
    # Given every block of a campaign measured (noisy integers), release day after release day
    rnd = random.Random(periods)
    strategy = continual.Strategy(periods, release.DEFAULT_FINAL_SHARE)
    nodes = continual.nodes(periods)
    values = [rnd.randrange(-40, 400) for _ in nodes]
    for done in range(1, periods + 1):
        measured = continual.measured_by(periods, done)
        folded: list[int] = []
        final = None
        for node, value in zip(nodes[:measured], values, strict=False):
            if node.level == continual.FINAL:
                final = value
            else:
                continual.fold(folded, node, value)
        # Then the state keeps at most one integer per tree level, and its running total and
        # variance are those of the GLS over every block measured so far
        assert len(folded) <= continual.levels(periods)
        est, var = continual.folded_estimator(strategy, done)(folded, final)
        gls, gls_var = continual.estimate(strategy, done, values[:measured])
        assert est == pytest.approx(gls, rel=1e-9, abs=1e-9)
        assert var == pytest.approx(gls_var, rel=1e-9)


def _state_in_form_1(days: int, cells_by_day: list[totals.Cells], calls: list[list[int]]) -> bytes:
    """The state as the release code before the folding stored it (every running total, every
    block), for the same exact totals and the same noise draws (``calls``: each call's draws,
    a block's for every statistic of a family, in the release's order)."""
    periods = len(DAYS)
    families = {c: release.statistics(c, Channel.SMS, ()) for c in release.cells_of(CAMPAIGN)}
    per_family = list(dict.fromkeys(f for stats in families.values() for f in stats.values()))
    prefixes: dict[str, dict[str, list[int]]] = {}
    measured: dict[str, dict[str, list[int]]] = {}
    batches = iter(calls)
    for t in range(days):
        current = release._mapped(cells_by_day[t], list(families))
        ending = [n for n in continual.nodes(periods) if n.end == t]
        drawn = [{f: iter(next(batches)) for f in per_family} for _ in ending]
        for cell, stats in families.items():
            for stat, family in stats.items():
                running = prefixes.setdefault(cell, {}).setdefault(stat, [0])
                running.append(current.get(cell, {}).get(stat, 0))
                values = measured.setdefault(cell, {}).setdefault(stat, [])
                for node, noises in zip(ending, drawn, strict=True):
                    values.append(
                        running[node.end + 1] - running[node.start] + next(noises[family])
                    )
    old = {
        "stream": STREAM,
        "periods": periods,
        "sequence": days,
        "prefixes": prefixes,
        "measured": measured,
        "published": {},
        "variance": {},
        "released_on": DAYS[days - 1].isoformat(),
    }
    return zlib.compress(json.dumps(old).encode())


def test_a_state_stored_in_the_earlier_form_releases_on_as_if_it_had_been_folded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given the same answers and the same noise draws, released for 5 weeks by today's code and
    # stored in the earlier form (every running total and block) by the code before it
    rnd = random.Random(11)
    answers = random_answers(120, seed=3)
    cells_by_day = [exact(answers[: 12 * (t + 1)]) for t in range(len(DAYS))]
    calls: list[list[int]] = []

    def recorded(sigma: float, count: int, bits: object = None) -> list[int]:
        calls.append([rnd.randrange(-30, 31) for _ in range(count)])
        return list(calls[-1])

    monkeypatch.setattr(noise, "discrete_gaussians", recorded)
    folded = release.State(STREAM)
    for t in range(5):
        step(folded, cells_by_day[t], today=DAYS[t])
    old = release.State.from_bytes(_state_in_form_1(5, cells_by_day, calls))
    # Then the earlier form reads as the folded state, and both release the same figures on
    assert old.prefixes == folded.prefixes
    assert old.measured == folded.measured
    for t in range(5, len(DAYS)):
        replay = rnd.getstate()
        step(folded, cells_by_day[t], today=DAYS[t])
        rnd.setstate(replay)  # the same draws again
        step(old, cells_by_day[t], today=DAYS[t])
    assert old.final == folded.final != {}
    assert old.published == folded.published
