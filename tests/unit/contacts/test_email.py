"""E-mail addresses: the cached fast path gives email-validator's own answers."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from shared.contacts.email import EmailChecker, EmailResult, validate_with_email_validator
from shared.contacts.reasons import Reason

LOCAL_CHARS = "abcXYZ019._+-!#'~åé\"@ "
DOMAIN_CHARS = "abcXYZ019.-åö_"


@st.composite
def addresses(draw: st.DrawFn) -> str:
    local = draw(st.text(alphabet=LOCAL_CHARS, min_size=0, max_size=12))
    domain = draw(
        st.one_of(
            st.sampled_from(["example.se", "EXAMPLE.SE", "gmail.com", "västerås.se",
                             "xn--vsters-buam.se", "localhost", "example.invalid", "a.b",
                             "x.123", "-bad.se", "bad-.se", "a..se", "se", "e.se."]),
            st.text(alphabet=DOMAIN_CHARS, min_size=1, max_size=14),
        )
    )  # fmt: skip
    return f"{local}@{domain}" if draw(st.integers(0, 9)) else local + domain


@settings(max_examples=1500, deadline=None)
@given(raw=addresses())
@example(raw="postmaster@example.se")
@example(raw="Info@Example.SE")
@example(raw=f"{'a' * 250}@example.se")
@example(raw=f"{'a' * 60}@{'b' * 63}.{'c' * 63}.{'d' * 63}.se")
def test_fast_path_agrees_with_email_validator(raw: str) -> None:
    # a fresh checker (empty cache) and one that has seen the domain before must both agree
    warm = EmailChecker()
    warm.check(raw)
    assert EmailChecker().check(raw) == validate_with_email_validator(raw)
    assert warm.check(raw) == validate_with_email_validator(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Anna.Svensson@Example.SE", EmailResult("Anna.Svensson@example.se", None)),
        ("bjorn.akesson@västerås.se", EmailResult("bjorn.akesson@xn--vsters-buam.se", None)),
        ("åsa.öberg@example.se", EmailResult(None, Reason.INVALID_EMAIL)),  # SES: 7-bit only
        ("olle@", EmailResult(None, Reason.INVALID_EMAIL)),
        ("olle@example", EmailResult(None, Reason.INVALID_EMAIL)),
        # the forms mail programs and Excel hyperlinks write: read as the bare address
        ("Nisse Hult <nisse@example.se>", EmailResult("nisse@example.se", None)),
        ('"Hult, Nisse" <Nisse@Example.SE>', EmailResult("Nisse@example.se", None)),
        ("<nisse@example.se>", EmailResult("nisse@example.se", None)),
        ("mailto:nisse@example.se", EmailResult("nisse@example.se", None)),
        ("MAILTO:nisse@example.se?subject=Bygglov", EmailResult("nisse@example.se", None)),
        ("Nisse <mailto:nisse@example.se>", EmailResult("nisse@example.se", None)),
        ("Nisse Hult <nisse@>", EmailResult(None, Reason.INVALID_EMAIL)),
        ("Nisse <a@example.se> <b@example.se>", EmailResult(None, Reason.INVALID_EMAIL)),
        ("mailto:", EmailResult(None, Reason.INVALID_EMAIL)),
        ("a..b@example.se", EmailResult(None, Reason.INVALID_EMAIL)),
    ],
)
def test_addresses(raw: str, expected: EmailResult) -> None:
    assert EmailChecker().check(raw) == expected
