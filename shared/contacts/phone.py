"""Phone numbers: normalise to E.164 with ``phonenumbers`` (region SE) and decide SMS-ability.

``phonenumbers.parse`` and friends cost ~25 µs a number, about fifty times a bare
``csv.reader`` row, so Swedish numbers in the usual shapes take a fast path:

- separators (space, dash, dot, NBSP) removed, a Swedish mobile behind one of a few fixed
  prefixes (``07…``, ``+467…``, ``00467…``, ``467…``, ``+46 (0)7…``, ``(07x)``): the national
  number is matched against phonenumbers' own SE mobile pattern, checked at import;
- another Swedish number behind ``0``, ``+46`` or ``0046`` (landlines, 0771, 075 …): its type
  comes from phonenumbers' own type logic, only the parsing is skipped;
- a value without a digit, or with fewer than 6 digits: never a valid number.

Everything else — foreign numbers, odd formats — goes to ``phonenumbers``. A property test
compares the fast path with ``phonenumbers`` over generated numbers and formats. If a future
phonenumbers release changes the SE metadata it relies on, the fast path switches itself off
instead of disagreeing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType, phonenumberutil

from shared.contacts.reasons import Reason

REGION = "SE"

# What the fast path was written against: phonenumbers' SE mobile pattern and length, checked
# at import. Mobiles are 9-digit national numbers 70, 72, 73, 76, 78, 79; 071 (machine-to-
# machine) is not a valid number there, 074 is a pager, 075 a personal number, 077 shared cost.
_EXPECTED_MOBILE_PATTERN = r"7[023689]\d{7}"
_EXPECTED_MOBILE_LENGTHS = (9,)


def _type_helper() -> Callable[[str, Any], int] | None:
    # phonenumbers' own number-type logic (private, so guarded): with it the fast path only
    # replaces the parsing of a few fixed Swedish shapes, not phonenumbers' validation.
    helper = getattr(phonenumberutil, "_number_type_helper", None)
    return helper if callable(helper) else None


def _fast_path_matches_metadata() -> bool:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(REGION)
    mobile = metadata.mobile if metadata else None
    return (
        metadata is not None
        and metadata.country_code == 46
        and metadata.national_prefix_for_parsing in (None, "0")
        and mobile is not None
        and mobile.national_number_pattern == _EXPECTED_MOBILE_PATTERN
        and tuple(mobile.possible_length) == _EXPECTED_MOBILE_LENGTHS
        and _type_helper() is not None
    )


FAST_PATH_ENABLED = _fast_path_matches_metadata()
_SE_METADATA = phonenumbers.PhoneMetadata.metadata_for_region(REGION)
_NUMBER_TYPE = _type_helper()

# re.ASCII below: \d would also match other scripts' digits, which phonenumbers reads differently
_MOBILE = r"(7[023689]\d{7})"
# +46 / 0046, optionally with the national prefix in parentheses (+46 (0)70 …); 070…;
# 4670… (the country code without +); or 70… (Excel dropped the leading zero)
COMMON_MOBILE = re.compile(r"(?:(?:\+46|0046)(?:\(0\))?|0|46)?" + _MOBILE, re.ASCII)
# a mobile with its area code in parentheses: (07x) and seven digits
_AREA_IN_PARENTHESES = re.compile(r"\(0(7[023689])\)(\d{7})", re.ASCII)
# Any other Swedish number written with 0, +46 or 0046 in front (landlines, 0771, …): its type
# comes from phonenumbers' metadata. No bare "46…" here: phonenumbers only strips that when
# the rest is a valid length, which is its business.
_OTHER_SWEDISH = re.compile(r"(?:(?:\+46|0046)(?:\(0\))?|0)([1-9]\d{5,11})", re.ASCII)
_DIGIT = re.compile(r"\d")  # any Unicode digit, as phonenumbers reads them

_SMS_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


class PhoneResult(NamedTuple):
    """``e164`` is set for every valid number; ``reason`` is None only when SMS can go to it."""

    e164: str | None
    reason: Reason | None


_NO_NUMBER = PhoneResult(None, Reason.INVALID_PHONE)
_new = tuple.__new__  # a NamedTuple's own __new__ is a Python function: 3× slower


def fast_path(raw: str) -> PhoneResult | None:
    """What phonenumbers would say (with SE the only allowed country), or None if not certain.

    Certain cases: a Swedish mobile in a common format; another Swedish number written with
    0, +46 or 0046 in front; a value without any digit (phonenumbers cannot parse it).
    """
    if not FAST_PATH_ENABLED:
        return None
    # chained replace is several times faster than str.translate or re.sub here
    compact = raw.replace(" ", "").replace("-", "").replace(".", "").replace("\u00a0", "")
    match = COMMON_MOBILE.fullmatch(compact)
    if match:
        return _new(PhoneResult, ("+46" + match.group(1), None))
    match = _AREA_IN_PARENTHESES.fullmatch(compact)
    if match:
        return PhoneResult("+46" + match.group(1) + match.group(2), None)
    match = _OTHER_SWEDISH.fullmatch(compact)
    if match and _NUMBER_TYPE is not None:
        national = match.group(1)
        kind = _NUMBER_TYPE(national, _SE_METADATA)
        if kind == PhoneNumberType.UNKNOWN:
            return _NO_NUMBER
        return PhoneResult("+46" + national, None if kind in _SMS_TYPES else Reason.NOT_MOBILE)
    if not _DIGIT.search(raw) or (len(compact) < 6 and compact.isascii() and compact.isdigit()):
        # no digit at all, or fewer than the 6 digits of the shortest Swedish number
        return _NO_NUMBER
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


# What Excel writes for a number in a General-format cell too wide for it: 4,67012E+10 — the
# value was rounded to six significant digits when it was saved, so no number can come back.
_SCIENTIFIC = re.compile(r"[+-]?\d(?:[.,]\d+)?[eE]\+?\d{1,3}", re.ASCII)
# 46701740613.0 / 46701740613,0: a number column written out as a float (pandas, Excel)
_FLOAT_ZERO = re.compile(r"(\d{6,15})[.,]0+", re.ASCII)
_EXCEL_NUMBER = PhoneResult(None, Reason.EXCEL_NUMBER)


def normalise_phone(raw: str, allowed_countries: tuple[str, ...]) -> PhoneResult:
    """Classify one non-empty phone value: SMS-able (E.164), or the reason it is not."""
    if "E" in raw or "e" in raw:
        if _SCIENTIFIC.fullmatch(raw.strip()):
            return _EXCEL_NUMBER
    elif raw[-1] == "0" and (whole := _FLOAT_ZERO.fullmatch(raw)):
        raw = whole.group(1)
    known = fast_path(raw)
    if known is None:
        return parse_with_phonenumbers(raw, allowed_countries)
    if known.reason is None and REGION not in allowed_countries:
        return PhoneResult(known.e164, Reason.FOREIGN_NUMBER)
    return known
