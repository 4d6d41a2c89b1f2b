"""The answer form without AWS: parsing, validation, what an answer becomes; languages; logs."""

from __future__ import annotations

import pytest

from shared.models import Channel
from shared.survey.errors import MalformedForm
from shared.survey.form import parse_body, validate
from shared.survey.pages import Frame, form_page
from shared.survey.routes import accept_language, route_key


def test_a_complete_phone_answer() -> None:
    values = parse_body("tel_bemotande=5&tel_enkelhet=vet_ej&errand=avfall&comment=+Tack+%21+")

    result = validate(Channel.SMS, values)

    assert result.errors == {}
    assert result.answer is not None
    assert result.answer.answers == {"tel_bemotande": 5, "tel_enkelhet": None}
    assert result.answer.errand == "avfall"
    assert result.answer.comment == "Tack !"


def test_errors_come_in_form_order_with_their_kind() -> None:
    result = validate(Channel.EMAIL, {"epost_tydlighet": "6", "errand": "", "extra": "x"})

    assert list(result.errors.items()) == [
        ("epost_enkelhet", "missing"),
        ("epost_tydlighet", "invalid"),
        ("errand", "missing"),
    ]
    assert result.answer is None
    assert result.values == {"epost_tydlighet": "6", "errand": ""}  # unknown fields dropped


def test_phone_questions_are_not_accepted_for_an_email_invitation() -> None:
    result = validate(Channel.EMAIL, {"tel_bemotande": "5", "tel_enkelhet": "5", "errand": "annat"})

    assert set(result.errors) == {"epost_enkelhet", "epost_tydlighet"}


def test_control_characters_are_dropped_from_comments() -> None:
    values = {"tel_bemotande": "1", "tel_enkelhet": "2", "errand": "annat"}
    result = validate(Channel.SMS, values | {"comment": "rad1\r\nrad2\x00\x1b[31m"})

    assert result.answer is not None
    assert result.answer.comment == "rad1\nrad2[31m"


@pytest.mark.parametrize(
    "body",
    [b"comment=%C3%28", b"\xff\xfe=1", "a=1&a=2", b"x=" + b"y" * 17_000],
)
def test_malformed_bodies(body: str | bytes) -> None:
    with pytest.raises(MalformedForm):
        parse_body(body)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "sv"),
        ("", "sv"),
        ("en-US,en;q=0.9", "en"),
        ("sv-SE,sv;q=0.9,en;q=0.8", "sv"),
        ("de-DE,en;q=0.5,sv;q=0.4", "en"),
        ("en;q=0.2,sv;q=0.8", "sv"),
        ("fr, de", "sv"),
        ("en;q=banana", "sv"),
        ("en;q=0", "sv"),
    ],
)
def test_accept_language(header: str | None, expected: str) -> None:
    assert accept_language(header) == expected


@pytest.mark.parametrize(
    ("method", "path", "key"),
    [
        ("GET", "/s/abcdefghijklmnopqrstuv", "GET /s/{token}"),
        ("POST", "/s/abcdefghijklmnopqrstuv/decline", "POST /s/{token}/decline"),
        ("GET", "/om", "GET /om"),
        ("GET", "/s/abc/def/ghi", "unmatched"),
    ],
)
def test_route_keys_never_carry_the_token(method: str, path: str, key: str) -> None:
    assert route_key(method, path) == key


def test_the_form_page_is_small_and_needs_no_script() -> None:
    from shared.survey.pages import css

    html = form_page(Frame(lang="sv", path="/s/x", org="Västerås stad"), "x" * 22, Channel.SMS)

    assert len(html.encode()) + len(css().encode()) < 20_000
    assert "<script" not in html
    assert "style=" not in html  # the CSP allows no inline styles
