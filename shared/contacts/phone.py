"""Phone numbers: normalise to E.164 with ``phonenumbers`` (region SE) and decide SMS-ability.

``phonenumbers`` costs ~25 µs a number, about fifty times a bare ``csv.reader`` row, so the
common Swedish mobile formats take a fast path: separators removed, one of a few fixed prefix
shapes, and a national number matching the SE mobile pattern of phonenumbers' own metadata.
The fast path only answers when it is certain (a Swedish mobile); everything else — landlines,
foreign numbers, odd formats, garbage — goes to ``phonenumbers``. A property test compares the
two over generated numbers and formats. If a future phonenumbers release changes the SE mobile
metadata, the fast path switches itself off instead of disagreeing.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from shared.contacts.reasons import Reason

REGION = "SE"

# What the fast path was written against: phonenumbers' SE mobile pattern and length (checked
# at import; 9-digit national numbers 70, 72, 73, 76, 78, 79 — 71 is M2M, 74 pager, 75
# personal numbers, 77 shared cost: none of those are mobiles and none take the fast path).
_EXPECTED_MOBILE_PATTERN = r"7[023689]\d{7}"
_EXPECTED_MOBILE_LENGTHS = (9,)


def _fast_path_matches_metadata() -> bool:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(REGION)
    mobile = metadata.mobile if metadata else None
    return (
        mobile is not None
        and mobile.national_number_pattern == _EXPECTED_MOBILE_PATTERN
        and tuple(mobile.possible_length) == _EXPECTED_MOBILE_LENGTHS
        and metadata is not None
        and metadata.country_code == 46
    )


FAST_PATH_ENABLED = _fast_path_matches_metadata()

_SEPARATORS = str.maketrans("", "", " -.\u00a0")
_MOBILE = r"(7[023689]\d{7})"
# +46 / 0046, optionally with the national prefix in parentheses: +46 (0)70 …
_INTERNATIONAL = re.compile(r"(?:\+46|0046)(?:\(0\))?" + _MOBILE)
# 070…, 4670… (the country code without +), or 70… (Excel dropped the leading zero)
_NATIONAL = re.compile(r"(?:0|46)?" + _MOBILE)
# (070) 123 45 67
_AREA_IN_PARENTHESES = re.compile(r"\(0(7[023689])\)(\d{7})")

_SMS_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


class PhoneResult(NamedTuple):
    """``e164`` is set for every valid number; ``reason`` is None only when SMS can go to it."""

    e164: str | None
    reason: Reason | None


def fast_swedish_mobile(raw: str) -> str | None:
    """E.164 of a Swedish mobile in a common format, or None when not certain."""
    if not FAST_PATH_ENABLED:
        return None
    compact = raw.translate(_SEPARATORS)
    match = _INTERNATIONAL.fullmatch(compact) or _NATIONAL.fullmatch(compact)
    if match:
        return "+46" + match.group(1)
    match = _AREA_IN_PARENTHESES.fullmatch(compact)
    if match:
        return "+46" + match.group(1) + match.group(2)
    return None


def parse_with_phonenumbers(raw: str, allowed_countries: tuple[str, ...]) -> PhoneResult:
    """The reference answer (slow): what ``phonenumbers`` says about ``raw``."""
    try:
        number = phonenumbers.parse(raw, REGION)
    except NumberParseException:
        return PhoneResult(None, Reason.INVALID_PHONE)
    if not phonenumbers.is_valid_number(number):
        return PhoneResult(None, Reason.INVALID_PHONE)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if phonenumbers.number_type(number) not in _SMS_TYPES:
        return PhoneResult(e164, Reason.NOT_MOBILE)
    if phonenumbers.region_code_for_number(number) not in allowed_countries:
        return PhoneResult(e164, Reason.FOREIGN_NUMBER)
    return PhoneResult(e164, None)


def normalise_phone(raw: str, allowed_countries: tuple[str, ...]) -> PhoneResult:
    """Classify one non-empty phone value: SMS-able (E.164), or the reason it is not."""
    e164 = fast_swedish_mobile(raw)
    if e164 is not None:
        if REGION in allowed_countries:
            return PhoneResult(e164, None)
        return PhoneResult(e164, Reason.FOREIGN_NUMBER)
    return parse_with_phonenumbers(raw, allowed_countries)
