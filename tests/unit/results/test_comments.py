"""Comments go out only in large shuffled batches, labelled only where a group is large."""

from __future__ import annotations

import random
from datetime import date

from shared.results import comments
from shared.results.comments import Pooled

TODAY = date(2026, 3, 30)


def pool(count: int, days: int = 5, channel: str = "sms", errand: str = "skola") -> list[Pooled]:
    return [
        Pooled(f"c{i}", f"Kommentar {i}", channel, errand, f"2026-03-{1 + i % days:02d}")
        for i in range(count)
    ]


def test_a_batch_needs_enough_comments_from_enough_days() -> None:
    assert not comments.due(pool(19), None, TODAY)
    assert comments.due(pool(20), None, TODAY)
    assert not comments.due(pool(40, days=2), None, TODAY)  # two contact days only


def test_at_most_one_batch_a_week() -> None:
    assert not comments.due(pool(30), date(2026, 3, 24), TODAY)
    assert comments.due(pool(30), date(2026, 3, 23), TODAY)


def test_the_batch_size_never_goes_below_ten() -> None:
    assert not comments.due(pool(9), None, TODAY, batch=5)
    assert comments.due(pool(10), None, TODAY, batch=5)


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
