"""The answer form without AWS: parsing, validation, what an answer becomes; languages; logs."""

from __future__ import annotations

import pytest

from shared.core.models import Channel
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
    values = {"epost_aterkoppling": "ja", "epost_tydlighet": "6", "errand": "", "extra": "x"}

    result = validate(Channel.EMAIL, values)

    assert list(result.errors.items()) == [
        ("epost_enkelhet", "missing"),
        ("epost_tydlighet", "invalid"),
        ("errand", "missing"),
    ]
    assert result.answer is None
    assert result.values == {"epost_aterkoppling": "ja", "epost_tydlighet": "6", "errand": ""}


def test_phone_questions_are_not_accepted_for_an_email_invitation() -> None:
    values = {"tel_bemotande": "5", "tel_enkelhet": "5", "errand": "annat"}

    assert set(validate(Channel.EMAIL, values).errors) == {"epost_aterkoppling"}
    with_reply = validate(Channel.EMAIL, values | {"epost_aterkoppling": "ja"})
    assert set(with_reply.errors) == {"epost_enkelhet", "epost_tydlighet"}


def test_an_email_answer_with_a_reply_is_scored_on_both_questions() -> None:
    values = {"epost_aterkoppling": "ja", "epost_enkelhet": "4", "epost_tydlighet": "vet_ej"}

    result = validate(Channel.EMAIL, values | {"errand": "vatten", "epost_svarstid": "en_dag"})

    assert result.answer is not None
    assert result.answer.answers == {"epost_enkelhet": 4, "epost_tydlighet": None}
    assert result.answer.email_reply == "ja"
    assert result.answer.response_time is None  # the other branch's field is not kept


def test_an_email_answer_without_a_reply_is_not_scored_and_gives_a_response_time() -> None:
    values = {"epost_aterkoppling": "nej", "epost_svarstid": "tva_dagar", "errand": "avgifter"}
    scored = {"epost_enkelhet": "1", "epost_tydlighet": "1"}  # sent anyway: ignored

    result = validate(Channel.EMAIL, values | scored)

    assert result.errors == {}
    assert result.answer is not None
    assert result.answer.answers == {}
    assert result.answer.email_reply == "nej"
    assert result.answer.response_time == "tva_dagar"


def test_without_a_reply_the_response_time_is_required_and_checked() -> None:
    missing = validate(Channel.EMAIL, {"epost_aterkoppling": "nej", "errand": "annat"})
    wrong = validate(
        Channel.EMAIL, {"epost_aterkoppling": "nej", "epost_svarstid": "aldrig", "errand": "annat"}
    )
    unknown = validate(Channel.EMAIL, {"epost_aterkoppling": "kanske", "errand": "annat"})

    assert missing.errors == {"epost_svarstid": "missing"}
    assert wrong.errors == {"epost_svarstid": "invalid"}
    assert unknown.errors == {"epost_aterkoppling": "invalid"}


def test_a_municipalitys_errand_list_is_the_one_accepted() -> None:
    values = {"tel_bemotande": "3", "tel_enkelhet": "3"}

    offered = validate(Channel.SMS, values | {"errand": "vatten"}, errands=("vatten", "annat"))
    other = validate(Channel.SMS, values | {"errand": "skola"}, errands=("vatten", "annat"))

    assert offered.answer is not None
    assert offered.answer.errand == "vatten"
    assert other.errors == {"errand": "invalid"}


def test_a_comment_over_the_limit_is_an_error_not_a_cut() -> None:
    values = {"tel_bemotande": "3", "tel_enkelhet": "3", "errand": "annat"}

    result = validate(Channel.SMS, values | {"comment": "å" * 1001})

    assert result.errors == {"comment": "too_long"}
    assert result.values["comment"] == "å" * 1001  # given back whole, to shorten


def test_control_characters_are_dropped_from_comments() -> None:
    values = {"tel_bemotande": "1", "tel_enkelhet": "2", "errand": "annat"}
    result = validate(Channel.SMS, values | {"comment": "rad1\r\nrad2\x00\x1b[31m"})

    assert result.answer is not None
    assert result.answer.comment == "rad1\nrad2[31m"


@pytest.mark.parametrize(
    "body",
    [b"comment=%C3%28", b"\xff\xfe=1", "a=1&a=2", b"x=" + b"y" * 70_000],
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
        ("GET", "/s/abcdefghijklmnopqrstuv/tack", "GET /s/{token}/tack"),
        ("GET", "/logo/1980/0123456789abcdef", "GET /logo/{kommunkod}/{digest}"),
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


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "sv",
            "Texten är 1\u00a0234 tecken lång: ta bort 234 tecken så att den ryms inom 1\u00a0000.",
        ),
        ("en", "The text is 1,234 characters long: remove 234 characters"),
    ],
)
def test_a_comment_over_the_limit_is_counted_without_script(lang: str, said: str) -> None:
    values = {"tel_bemotande": "4", "tel_enkelhet": "4", "errand": "skola", "comment": "å" * 1234}
    result = validate(Channel.SMS, values)

    html = form_page(Frame(lang=lang, path="/s/x"), "x", Channel.SMS, result.values, result.errors)

    assert said in html
    assert 'aria-describedby="comment-hint comment-anonymous comment-error comment-count"' in html
    assert "å" * 1234 in html  # the text comes back whole, to be cut by the resident


def test_no_count_where_the_comment_fits() -> None:
    values = {"tel_bemotande": "4", "comment": "kort"}
    result = validate(Channel.SMS, values)

    html = form_page(Frame(lang="sv", path="/s/x"), "x", Channel.SMS, result.values, result.errors)

    assert "comment-count" not in html
