"""Comments are stored redacted: generated personnummer/samordningsnummer (Luhn-valid, 10 or
12 digits, with '-', '+' or nothing), phone numbers in the ways people write them, e-mails."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.core.questions import COMMENT_MAX_CHARS
from shared.platform.redaction import luhn_ok
from shared.platform.redaction.thorough import role_mailbox
from shared.survey.service import redact_comment

FILLER = st.sampled_from(["Hej", "Ring mig", "mitt nummer är", "kontakta", "tack!", "Se"])


@st.composite
def personnummer(draw: st.DrawFn) -> str:
    year = draw(st.integers(1900, 2025))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28)) + draw(st.sampled_from([0, 60]))  # 60+: samordningsnummer
    serial = draw(st.integers(0, 999))
    nine = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
    check = next(d for d in "0123456789" if luhn_ok(nine + d))
    ten = nine + check
    # '-' or '+' (100 years and older), none, a space, or a dash a word processor made
    style = draw(st.sampled_from(["-", "+", "", " ", "\u2013", "\u2010", "12", "12-", "12 "]))
    if style == "" and 15 <= year % 100 <= 21:
        # ten bare digits 15…-21… are read as a Unix time (every stored expires_at looks so)
        style = "-"
    if style.startswith("12"):
        return f"{year}{ten[2:6]}{style[2:]}{ten[6:]}"
    return f"{ten[:6]}{style}{ten[6:]}"


@st.composite
def phone(draw: st.DrawFn) -> str:
    mobile = f"7{draw(st.sampled_from('02369'))}{draw(st.integers(0, 9_999_999)):07d}"
    a, b, c, d = mobile[:2], mobile[2:5], mobile[5:7], mobile[7:]
    formats = [
        f"0{a}-{b} {c} {d}",
        f"0{a}{b}{c}{d}",
        f"0{a} {b} {c} {d}",
        f"0{a}-{b}{c}{d}",
        f"0{a}/{b}{c}{d}",
        f"0{a}.{b}.{c}.{d}",
        f"(0{a}) {b} {c} {d}",
        f"+46 {a} {b} {c} {d}",
        f"+46{a}{b}{c}{d}",
        f"+46 (0){a}-{b} {c} {d}",
        f"+46-{a}-{b}{c}{d}",
        f"0046 {a} {b} {c} {d}",
        f"0046{a}{b}{c}{d}",
        f"46{a}{b}{c}{d}",
        f"08-{b} {c}{d[:1]} {d[1:]}",
        f"031-{b[:2]} {b[2:]}{c} {d}",
        f"+46 8 {b} {c} {d}",
        f"+358 40 {b}{c}{d}",
        f"0{a}\u2013{b} {c} {d}",  # en dash, as autocorrect writes it
        f"0{a}\u2212{b}{c}{d}",  # minus sign
        f"0{a}\u2011{b}\u00a0{c}\u00a0{d}",  # non-breaking hyphen and spaces
    ]
    return draw(st.sampled_from(formats))


@st.composite
def comment_with(draw: st.DrawFn, secret: st.SearchStrategy[str]) -> tuple[str, str]:
    value = draw(secret)
    before, after = draw(FILLER), draw(st.sampled_from(["", ".", ",", " tack", "!", ")"]))
    return value, f"{before} {value}{after}"


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@settings(max_examples=300, deadline=None)
@given(comment_with(personnummer()))
def test_generated_personnummer_never_survive(case: tuple[str, str]) -> None:
    value, comment = case
    stored = redact_comment(comment)
    assert stored is not None
    assert "[personnummer]" in stored or "[telefon]" in stored
    assert _digits(value)[-10:] not in _digits(stored)


@settings(max_examples=300, deadline=None)
@given(comment_with(phone()))
def test_generated_phone_numbers_never_survive(case: tuple[str, str]) -> None:
    value, comment = case
    stored = redact_comment(comment)
    assert stored is not None
    assert "[telefon]" in stored or "[personnummer]" in stored
    assert _digits(value)[-7:] not in _digits(stored)


@settings(max_examples=300, deadline=None)
# (a mailbox named for a function, "service@…", is an organisation's and stays: privacy.md)
@given(comment_with(st.emails().filter(lambda address: not role_mailbox(address))))
def test_generated_email_addresses_never_survive(case: tuple[str, str]) -> None:
    value, comment = case
    stored = redact_comment(comment)
    assert stored is not None
    assert "@" not in stored
    assert value not in stored


@given(st.text(max_size=3 * COMMENT_MAX_CHARS))
def test_any_comment_is_capped(text: str) -> None:
    stored = redact_comment(text)
    assert stored is None or len(stored) <= COMMENT_MAX_CHARS


def test_ordinary_feedback_is_kept_as_written() -> None:
    text = "Handläggaren var trevlig men jag väntade 45 minuter i kö den 3 mars 2026."
    assert redact_comment(text) == text


@st.composite
def hidden_email(draw: st.DrawFn) -> tuple[str, list[str]]:
    """An address written so that a plain pattern misses it: (at), [at], snabel-a, punkt, dot."""
    local = draw(st.from_regex(r"[a-zåäö]{3,10}(\.[a-z]{3,10})?", fullmatch=True))
    host = draw(st.from_regex(r"[a-z]{3,10}", fullmatch=True))
    tld = draw(st.sampled_from(["se", "com", "nu", "net", "org"]))
    at, dot = draw(
        st.sampled_from(
            [("(at)", "."), ("[at]", "."), (" @ ", "."), (" snabel-a ", " punkt "),
             ("(snabel-a)", "(punkt)"), (" at ", " dot "), (" [at] ", " [dot] "),
             ("@", " punkt "), ("\uff20", "\uff0e")]  # full-width @ and .
        )
    )  # fmt: skip
    return f"{local}{at}{host}{dot}{tld}", [*local.split("."), host]


@settings(max_examples=300, deadline=None)
@given(hidden_email(), FILLER)
def test_hidden_email_addresses_never_survive(case: tuple[str, list[str]], before: str) -> None:
    address, pieces = case
    stored = redact_comment(f"{before} {address} tack")
    assert stored is not None
    assert "[e-post]" in stored
    for piece in pieces:
        assert not re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", stored), (address, stored)


@st.composite
def mistyped_personnummer(draw: st.DrawFn) -> str:
    """A real date with a wrong check digit, written with a separator or a century."""
    year = draw(st.integers(1920, 2024))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28)) + draw(st.sampled_from([0, 60]))
    nine = f"{year % 100:02d}{month:02d}{day:02d}{draw(st.integers(0, 999)):03d}"
    check = next(d for d in "0123456789" if luhn_ok(nine + d))
    wrong = draw(st.sampled_from([d for d in "0123456789" if d != check]))
    ten, full = nine + wrong, f"{year // 100}{nine}{wrong}"
    return draw(
        st.sampled_from(
            [f"{ten[:6]}-{ten[6:]}", f"{ten[:6]} {ten[6:]}", f"{full[:8]}-{full[8:]}", full,
             f"{full[:4]}-{full[4:6]}-{full[6:8]}-{full[8:]}", f"{ten[:6]} - {ten[6:]}"]
        )
    )  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(comment_with(mistyped_personnummer()))
def test_personnummer_with_a_wrong_check_digit_never_survive(case: tuple[str, str]) -> None:
    value, comment = case
    stored = redact_comment(comment)
    assert stored is not None
    assert _digits(value)[-10:] not in _digits(stored)
    assert _digits(value)[-4:] not in _digits(stored)


def test_the_survey_pools_the_thorough_pass_with_the_municipalitys_published_contacts() -> None:
    # Given a comment with a colleague's name in lower case, a resident's number, and the
    # municipality's switchboard, which it publishes
    comment = "pratade med göran på bygglov, ring mig 070-123 45 67, växeln 021-39 00 00 var seg"
    # When the survey stores it for the municipality whose allow-list holds the switchboard
    stored = redact_comment(comment, ("021-39 00 00",))
    # Then the name and the resident's number are gone, the switchboard is as written
    assert stored == (
        "pratade med [namn] på bygglov, ring mig [telefon], växeln 021-39 00 00 var seg"
    )


def test_a_comment_the_redaction_raises_on_is_withheld_and_the_answer_stands(
    monkeypatch, capsys
) -> None:
    # Given a finder with a bug that raises on this resident's text
    import io

    from shared.platform.observability import logger
    from shared.platform.redaction import thorough as module

    def broken(text: str, allow: object = ()) -> str:
        raise AttributeError("'NoneType' object has no attribute 'group'")

    monkeypatch.setattr(module, "thorough", broken)
    comment = "Tesfay. ringde mig på 070-123 45 67"
    stream = io.StringIO()
    previous = logger.registered_handler.setStream(stream)  # type: ignore[attr-defined]

    # When the survey stores the answer's comment
    try:
        stored = redact_comment(comment)
    finally:
        logger.registered_handler.setStream(previous)  # type: ignore[attr-defined]

    # Then the comment is withheld (nothing unread is stored), no error reaches the request,
    # and what is recorded names the error's type, never the text
    assert stored is None
    logged = stream.getvalue() + capsys.readouterr().out
    assert "comment withheld" in logged
    assert "AttributeError" in logged
    assert "Tesfay" not in logged
    assert "070" not in logged
    assert '"CommentsWithheld"' in logged
