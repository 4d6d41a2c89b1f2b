"""Phone numbers: the fast path agrees with phonenumbers wherever it answers."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from shared.contacts.phone import (
    FAST_PATH_ENABLED,
    PhoneResult,
    fast_path,
    normalise_phone,
    parse_with_phonenumbers,
)
from shared.contacts.reasons import Reason

SE_ONLY = ("SE",)
SEPARATORS = st.sampled_from(["", "", "", " ", "-", ".", "\u00a0"])
PREFIXES = st.sampled_from(
    ["", "0", "46", "+46", "0046", "+46(0)", "+46 (0)", "0046 (0)", "+460", "00460", "+", "00"]
)


@st.composite
def spaced(draw: st.DrawFn, digits: str) -> str:
    """``digits`` with random separators between them, as people type numbers."""
    return "".join(c + draw(SEPARATORS) for c in digits).rstrip(" -.\u00a0")


@st.composite
def swedish_looking(draw: st.DrawFn) -> str:
    """A prefix and a national number near the mobile range (right and wrong lengths)."""
    national = draw(
        st.one_of(
            st.from_regex(r"7\d{6,9}", fullmatch=True),  # mobiles and their neighbours
            st.from_regex(r"[1-9]\d{4,11}", fullmatch=True),  # landlines, 020, 0771, garbage
        )
    )
    prefix = draw(PREFIXES)
    body = draw(spaced(national))
    if draw(st.booleans()) and national.startswith("7") and prefix in ("", "0"):
        return f"(0{national[:2]}) {draw(spaced(national[2:]))}"  # (070) 123 45 67
    return prefix + draw(st.sampled_from(["", " "])) + body


@pytest.mark.skipif(not FAST_PATH_ENABLED, reason="phonenumbers' SE metadata changed")
@settings(max_examples=1500, deadline=None)
@given(raw=st.one_of(swedish_looking(), st.text(alphabet="0123456789+-() .\u00a0aO", max_size=16)))
@example(raw="070-123 45 67")
@example(raw="+46 (0)73 555 01 02")
@example(raw="46721112233")
@example(raw="0781234567")
@example(raw="0711234567")
@example(raw="Dolt nummer")
def test_fast_path_agrees_with_phonenumbers(raw: str) -> None:
    # Given any value, when the fast path answers, then phonenumbers says exactly the same
    fast = fast_path(raw)
    if fast is not None:
        assert fast == parse_with_phonenumbers(raw, SE_ONLY)


@pytest.mark.skipif(not FAST_PATH_ENABLED, reason="phonenumbers' SE metadata changed")
@settings(max_examples=300, deadline=None)
@given(
    mobile=st.from_regex(r"7[023689][0-9]{7}", fullmatch=True),
    form=st.sampled_from(["0{}", "+46{}", "0046{}", "46{}", "+46 (0){}", "{}"]),
    data=st.data(),
)
def test_fast_path_takes_every_common_swedish_mobile_format(
    mobile: str, form: str, data: st.DataObject
) -> None:
    raw = form.format(data.draw(spaced(mobile)))
    assert fast_path(raw) == PhoneResult("+46" + mobile, None)


def test_mobile_prefixes_are_what_phonenumbers_metadata_says() -> None:
    # The fast path's claim (70, 72, 73, 76, 78, 79 are mobile; 71, 74, 75, 77 are not) is
    # phonenumbers' own: checked here against its number types, one sample per prefix.
    types = {
        prefix: phonenumbers.number_type(phonenumbers.parse(f"0{prefix}1234567", "SE"))
        for prefix in range(70, 80)
    }
    mobile = {p for p, t in types.items() if t == phonenumbers.PhoneNumberType.MOBILE}
    assert mobile == {70, 72, 73, 76, 78, 79}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("070-123 45 67", PhoneResult("+46701234567", None)),
        ("+46 (0)73 555 01 02", PhoneResult("+46735550102", None)),
        ("0046701234567", PhoneResult("+46701234567", None)),
        ("46721112233", PhoneResult("+46721112233", None)),
        ("(076) 555 12 34", PhoneResult("+46765551234", None)),
        ("021-10 10 10", PhoneResult("+4621101010", Reason.NOT_MOBILE)),
        ("0771-12 34 56", PhoneResult("+46771123456", Reason.NOT_MOBILE)),
        ("12345", PhoneResult(None, Reason.INVALID_PHONE)),
        ("070-123 45", PhoneResult(None, Reason.INVALID_PHONE)),
        ("okänt", PhoneResult(None, Reason.INVALID_PHONE)),
        ("+358 40 1234567", PhoneResult("+358401234567", Reason.FOREIGN_NUMBER)),
        ("+358 9 1234567", PhoneResult("+35891234567", Reason.NOT_MOBILE)),  # Helsinki landline
    ],
)
def test_normalise_phone(raw: str, expected: PhoneResult) -> None:
    assert normalise_phone(raw, SE_ONLY) == expected


def test_allowed_countries_decide_foreign_numbers() -> None:
    assert normalise_phone("+358 40 1234567", ("SE", "FI")) == PhoneResult("+358401234567", None)
    # a tenant that (oddly) does not allow Swedish numbers: the fast path respects it too
    assert normalise_phone("070-123 45 67", ("FI",)).reason is Reason.FOREIGN_NUMBER
