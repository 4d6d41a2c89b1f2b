""" "Kontakta mig" without AWS: what a request may hold, its errors, its TTL, the digest."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from shared.core.tenants import Tenant
from shared.messages import contact_requests as cr


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"phone": "070-123 45 67"}, {}),
        ({"email": "kim@example.se", "name": "Kim"}, {}),
        ({"phone": "+46 70 123 45 67", "email": "kim@example.se"}, {}),
        ({}, {"phone": "reach_missing"}),
        ({"name": "Kim", "message": "hjälp"}, {"phone": "reach_missing"}),
        ({"phone": "ring mig"}, {"phone": "phone"}),
        ({"email": "kim@"}, {"email": "email"}),
        ({"phone": "0701234567", "name": "K" * 101}, {"name": "name_too_long"}),
        ({"phone": "0701234567", "message": "m" * 501}, {"message": "message_too_long"}),
    ],
)
def test_what_a_request_may_hold(fields: dict[str, str], errors: dict[str, str]) -> None:
    assert cr.validate(fields).errors == errors


def test_text_is_cleaned_and_a_description_keeps_its_lines() -> None:
    form = cr.validate({"name": "  Kim\u0000  Lund ", "phone": "070", "message": "rad 1\r\nrad 2"})

    assert form.values["name"] == "Kim Lund"
    assert form.values["message"] == "rad 1\nrad 2"


def test_the_item_carries_the_day_a_fresh_id_and_a_ttl_at_a_day_boundary() -> None:
    form = cr.validate({"phone": "0701234567"})
    day = date(2026, 12, 7)

    first = cr.request_item("1980", form, day, "sv")
    second = cr.request_item("1980", form, day, "sv")

    assert first["request_id"] != second["request_id"]
    assert first["day"] == "2026-12-07"
    assert datetime.fromtimestamp(first["expires_at"], UTC) == datetime(2026, 12, 15, tzinfo=UTC)
    assert "email" not in first  # only what the resident gave


def test_the_digest_is_in_the_report_language_with_no_time_and_no_id() -> None:
    tenant = Tenant.default("1980").model_copy(update={"report_language": "en"})
    requests = [cr.Request(name="Kim", phone="0701234567", message="Faktura", lang="ar")]

    digest = cr.render_digest(tenant, requests, date(2026, 12, 8))

    assert digest.subject == "Contact me: 1 request from a resident (2026-12-08)"
    assert "random order" in digest.text
    assert "Phone: 0701234567" in digest.text
    assert "العربية" in digest.text
    assert not re.search(r"\d{1,2}[:.]\d{2}", digest.text)  # no clock time anywhere
