"""Stored DynamoDB items → responses; an unusable item raises MalformedItem (counted, not fatal)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.results.source import MalformedItem, invitation_from_item, response_from_item


def item(**changes) -> dict:
    base = {
        "tenant": {"S": "1980"},
        "response_id": {"S": "r1"},
        "channel": {"S": "sms"},
        "campaign": {"S": "2026-var"},
        "contact_day": {"S": "2026-03-02"},
        "answers": {"M": {"tel_bemotande": {"N": "4"}, "tel_enkelhet": {"NULL": True}}},
        "errand": {"S": "bygglov"},
        "extra": {"M": {}},
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def test_a_stored_response_converts() -> None:
    r = response_from_item(item(comment={"S": "Tack"}))
    assert (r.tenant, r.channel, r.contact_day) == ("1980", "sms", date(2026, 3, 2))
    assert r.answers == {"tel_bemotande": 4, "tel_enkelhet": None}
    assert (r.errand, r.comment, r.response_id) == ("bygglov", "Tack", "r1")


@pytest.mark.parametrize(
    "changes",
    [
        {"tenant": {"S": "abc"}},
        {"channel": {"S": "fax"}},
        {"contact_day": {"S": "2 mars"}},
        {"campaign": None},
        {"answers": {"M": {"tel_bemotande": {"N": "7"}}}},
        {"answers": {"M": {"tel_bemotande": {"S": "fem"}}}},
    ],
)
def test_unusable_items_raise_a_specific_error(changes) -> None:
    with pytest.raises(MalformedItem):
        response_from_item(item(**changes))


def test_invitation_needs_its_status() -> None:
    raw = {"tenant": {"S": "1980"}, "campaign": {"S": "c"}, "channel": {"S": "sms"}}
    with pytest.raises(MalformedItem):
        invitation_from_item(raw)
    assert invitation_from_item(raw | {"status": {"S": "sent"}}).status == "sent"
