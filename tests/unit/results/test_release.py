"""When a batch goes out, what it publishes, and what it never publishes."""

from __future__ import annotations

import random
from datetime import date

import pytest

from shared.results import noise, release, totals
from tests.unit.results.helpers import CAMPAIGN, exact, random_answers, step


@pytest.fixture
def no_noise(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bookkeeping tests: the noise is replaced by 0 so sums can be checked exactly."""
    monkeypatch.setattr(noise, "discrete_gaussian", lambda sigma, below=None: 0)


def test_nothing_is_released_before_the_batch_is_full() -> None:
    state = release.State("1980#var-2026#sms", thresholds={"answers": 25, "i": 99, "d": 99})
    assert not step(state, exact(random_answers(24)))
    assert state.published == {}
    assert state.sequence == 0


def test_a_full_batch_is_released_dated_by_its_day_only(no_noise: None) -> None:
    state = release.State("1980#var-2026#sms", thresholds={"answers": 25, "i": 99, "d": 99})
    answers = random_answers(25)
    assert step(state, exact(answers), today=date(2026, 3, 20))
    assert state.figure("total", "a") == 25
    assert state.released_on == "2026-03-20"
    assert state.sequence == 1


def test_every_answer_is_in_exactly_one_batch(no_noise: None) -> None:
    state = release.State("s", thresholds={"answers": 20, "i": 99, "d": 99})
    answers = random_answers(70, seed=4)
    policy = release.Policy(k=20, margin=0)
    for upto in range(1, 71):
        step(state, exact(answers[:upto]), policy=policy)
    truth = exact(answers[:60])  # three full batches; the last 10 wait for the next
    assert state.sequence == 3
    for stat in ("a", "tel_bemotande:s", "tel_bemotande:n", "tel_enkelhet:v"):
        assert state.figure("total", stat) == truth["total"].get(stat, 0)
    assert release.pending_answers(state, exact(answers)) == 10


def test_the_published_cells_do_not_depend_on_the_answers() -> None:
    """A cell appearing (a first answer for an errand) would itself tell who answered what."""
    shapes = []
    for seed in (1, 2):
        state = release.State("s", thresholds={"answers": 20, "i": 99, "d": 99})
        step(state, exact(random_answers(20, seed=seed)), below=random.Random(seed).randrange)
        shapes.append({cell: sorted(stats) for cell, stats in state.published.items()})
    assert shapes[0] == shapes[1]
    assert "errand:okänd" in shapes[0]
    assert "week:2026-W10" in shapes[0]


def test_cells_nobody_answered_get_noise_too() -> None:
    state = release.State("s", thresholds={"answers": 20, "i": 99, "d": 99})
    only_bygglov = [a.model_copy(update={"errand": "bygglov"}) for a in random_answers(20)]
    step(state, exact(only_bygglov), below=random.Random(5).randrange)
    empty = [state.figure(totals.errand_cell(e), "tel_bemotande:n") for e in totals.errands()
             if e != "bygglov"]  # fmt: skip
    assert any(value != 0 for value in empty)  # 0 after noise would betray an empty cell
    assert all(v > 0 for v in state.variance["errand:skola"].values())


def test_thresholds_are_k_plus_a_secret_margin_with_no_hard_ends() -> None:
    """A uniform margin's ends would make a batch go out one answer early, for certain, when
    the target's answer is in it; this margin's neighbouring values are nearly as likely."""
    policy = release.Policy(k=20, margin=20)
    rnd = random.Random(11)
    drawn = [policy.threshold(rnd.randrange) for _ in range(40_000)]
    assert min(drawn) >= 20
    assert 39 < sum(drawn) / len(drawn) < 41
    counts = {t: drawn.count(t) for t in set(drawn)}
    # around the centre, P(t + 1) / P(t) stays within e^(1/5) (scale 5), with sampling slack
    for t in range(32, 48):
        ratio = counts[t + 1] / counts[t]
        assert 1 / 1.5 < ratio < 1.5, (t, ratio)
    assert counts.get(20, 0) / len(drawn) < 0.02  # the floor at k is rarely reached
    with pytest.raises(ValueError, match="at least 5"):
        release.Policy(k=4)


def test_a_closed_week_takes_no_more_batches(no_noise: None) -> None:
    state = release.State("s", thresholds={"answers": 5, "i": 99, "d": 99})
    policy = release.Policy(k=5, margin=0, close_after_days=14)
    early = random_answers(5, start=date(2026, 3, 2))
    step(state, exact(early), today=date(2026, 3, 10), policy=policy)
    later = early + random_answers(5, start=date(2026, 4, 6))
    step(state, exact(later), today=date(2026, 4, 10), policy=policy)  # W10 ended 8 March
    assert state.batches["week:2026-W10"] == 1
    assert state.batches["total"] == 2


def test_invitations_and_declines_go_out_in_batches_of_their_own(no_noise: None) -> None:
    state = release.State("s", thresholds={"answers": 99, "i": 20, "d": 20})
    assert not step(state, exact([], i=20, d=3))  # only the daily run releases them
    assert not step(state, exact([], i=19, d=3), participation=True)
    assert step(state, exact([], i=20, d=3), participation=True)
    assert state.figure("total", "i") == 20
    assert state.figure("total", "d") == 0
    assert state.figure("total", "a") == 0  # the answers' batch is not due


def test_a_closed_campaign_releases_its_last_batch_of_at_least_k(no_noise: None) -> None:
    after = date(2026, 5, 20)  # the answering window closed 14 days after 26 April
    assert after > CAMPAIGN.end
    policy = release.Policy(k=5, margin=10)
    state = release.State("s", thresholds={"answers": 15, "i": 99, "d": 99})
    assert not step(state, exact(random_answers(4)), today=after, policy=policy)
    assert step(state, exact(random_answers(6)), today=after, policy=policy)


def test_the_state_round_trips_through_its_stored_form() -> None:
    state = release.State("s", thresholds={"answers": 23, "i": 21, "d": 22})
    assert release.State.from_json(state.to_json()) == state
