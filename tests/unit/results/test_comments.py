"""Comments go out only in large shuffled batches, labelled only where a group is large."""

from __future__ import annotations

import random
from datetime import date

from shared.results import comments
from shared.results.comments import Pooled
from shared.results.disclosure import noise

TODAY = date(2026, 3, 30)


def pool(count: int, days: int = 5, channel: str = "sms", errand: str = "skola") -> list[Pooled]:
    return [
        Pooled(f"c{i}", f"Kommentar {i}", channel, errand, f"2026-03-{1 + i % days:02d}")
        for i in range(count)
    ]


SIGMA = noise.Budget().comment_sigma(3)


def _chance(pooled: list[Pooled], batch: int = 20, trials: int = 400, seed: int = 1) -> float:
    bits = noise.Bits(random.Random(seed).randbytes)
    return sum(comments.due(pooled, SIGMA, batch, bits) for _ in range(trials)) / trials


def test_a_pool_far_above_the_threshold_goes_out_and_one_far_below_never() -> None:
    assert _chance(pool(120, days=20)) == 1.0
    assert _chance(pool(19, days=19)) == 0.0  # never fewer than 20, whatever the noise


def test_the_check_is_noisy_around_its_threshold() -> None:
    # A pool whose count sits at the threshold goes out about half the time: whether a batch
    # appears does not say for certain whether one more comment joined the pool
    at = round(comments.threshold(20, SIGMA))
    chance = _chance(pool(at, days=at), trials=1000)
    assert 0.35 < chance < 0.65
    # one comment more or less changes the chance by a factor the budget bounds, not 0 → 1
    below, above = (
        _chance(pool(at - 1, days=at), trials=1000),
        _chance(pool(at + 1, days=at), trials=1000),
    )
    assert 0 < below < chance < above < 1


def test_a_count_needs_three_contact_days() -> None:
    # 200 comments of two contact days count as 2 × per_day: never a batch
    assert comments.checked_count(pool(200, days=2)) == 2 * comments.per_day(20) < 20
    assert _chance(pool(200, days=2)) == 0.0
    assert comments.checked_count(pool(200, days=3)) == 3 * comments.per_day(20) >= 20


def test_the_batch_size_never_goes_below_ten() -> None:
    assert comments.checked_count(pool(9, days=9), batch=5) == 9
    assert _chance(pool(9, days=9), batch=5) == 0.0


def test_labels_only_where_their_group_holds_a_batch_and_never_a_day() -> None:
    mixed = pool(22, channel="sms", errand="skola") + pool(5, channel="email", errand="bygglov")
    out = comments.release("1980", "var-2026", mixed, TODAY, shuffle=random.Random(1).shuffle)
    sms = [c for c in out if c.channel == "sms"]
    assert len(sms) == 22
    assert {c.channel for c in out} == {"sms", ""}  # five e-mails are too few to be labelled
    assert {c.errand for c in out} == {"skola", ""}
    assert {c.released_on for c in out} == {"2026-03-30"}
    assert not any(hasattr(c, "contact_day") for c in out)


def test_the_batch_is_shuffled_and_safe_to_open_in_a_spreadsheet() -> None:
    items = pool(25)
    items[0] = Pooled("x", '=HYPERLINK("http://x")', "sms", "skola", "2026-03-01")
    out = comments.release("1980", "var-2026", items, TODAY, shuffle=random.Random(2).shuffle)
    assert [c.text for c in out] != [p.text for p in items][: len(out)]
    assert '\'=HYPERLINK("http://x")' in {c.text for c in out}


def test_a_released_comment_is_redacted_thoroughly_once_more_with_the_allow_list() -> None:
    # Given pooled texts that only the thorough pass catches (a lower-case name in running
    # text), and the municipality's own switchboard, which must stay
    pooled = [
        Pooled("c1", "pratade med göran på bygglov, bra", "sms", "", "2026-03-02"),
        Pooled("c2", "ring växeln 021-39 00 00 om det krånglar", "sms", "", "2026-03-03"),
        *pool(20),
    ]
    out = comments.release("1980", "var-2026", pooled, TODAY, allow=("021-39 00 00",))
    texts = {c.text for c in out}
    assert not any("göran" in t for t in texts)
    assert "ring växeln 021-39 00 00 om det krånglar" in texts


def test_a_pooled_comment_the_redaction_raises_on_is_withheld_and_the_batch_stands(
    monkeypatch,
) -> None:
    # Given a batch in which the second pass raises on one text (a finder's bug)
    from shared.platform.redaction import thorough as module

    real = module.thorough

    def broken_on_one(text: str, allow: object = ()) -> str:
        if text.startswith("Tesfay."):
            raise AttributeError("boom")
        return real(text, allow)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "thorough", broken_on_one)
    pooled = [Pooled("c1", "Tesfay. har bra, han var snäll", "sms", "", "2026-03-02"), *pool(20)]

    # When the batch is released
    out = comments.release("1980", "var-2026", pooled, TODAY)

    # Then every comment is in it, the one the pass raised on withheld, not shown unread
    assert len(out) == len(pooled)
    assert module.WITHHELD in {c.text for c in out}
    assert not any("Tesfay" in c.text for c in out)
