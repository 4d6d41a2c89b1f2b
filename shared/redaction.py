"""Find and blank out personal identifiers in free text: e-mail addresses, Swedish personal
identity numbers (personnummer and samordningsnummer, Luhn-checked) and phone numbers.

Used for residents' comments (stored redacted) and as the last line of defence on every log
line. It errs towards redacting: a false positive costs a few characters of a comment, a false
negative costs the product's promise.
"""

from __future__ import annotations

import re

EMAIL_MARK = "[e-post]"
PERSONNUMMER_MARK = "[personnummer]"
PHONE_MARK = "[telefon]"

_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Hyphens as people and word processors write them: '-', non-breaking hyphen, figure dash,
# en dash, minus sign.
_DASHES = "\\-\u2011\u2012\u2013\u2212"
# 12 or 10 digits, with or without '-' or '+' (or a space, or another dash) before the last four.
_PERSONNUMMER = re.compile(rf"(?<![\w+])(\d{{2}})?(\d{{6}})([+ {_DASHES}]?)(\d{{4}})(?!\w)")
# A run of digits with the separators people write in phone numbers; checked further below.
_PHONE = re.compile(rf"(?<![\w+])(?:\+|00)?\(?\d[\d \t\u00a0\u202f().{_DASHES}/]{{5,22}}\d(?!\w)")
_HEX_ID = re.compile(r"(?=[0-9a-fA-F-]*[a-fA-F])[0-9a-fA-F]+(?:-[0-9a-fA-F]+)+")
_ISO_DAY = re.compile(r"\d{4}-[01]\d-[0-3]\d(?!\d)")


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _personnummer(match: re.Match[str]) -> str:
    ten = match.group(2) + match.group(4)
    month, day = int(ten[2:4]), int(ten[4:6])
    # samordningsnummer add 60 to the day
    day_ok = 1 <= day <= 31 or 61 <= day <= 91
    if 1 <= month <= 12 and day_ok and luhn_ok(ten) and not _inside_hex_id(match):
        return PERSONNUMMER_MARK
    return match.group(0)


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    day = _ISO_DAY.match(text)
    if day:  # a date is not a phone number, but a number may follow it
        return day.group(0) + _PHONE.sub(_phone, text[day.end() :])
    if _inside_hex_id(match) or not _looks_like_phone(text.strip()):
        return text
    return PHONE_MARK


def _inside_hex_id(match: re.Match[str]) -> bool:
    """True when the digits are one group of a UUID-like id (``01484783-106a-…``)."""
    source, start, end = match.string, match.start(), match.end()
    while start > 0 and (source[start - 1].isalnum() or source[start - 1] == "-"):
        start -= 1
    while end < len(source) and (source[end].isalnum() or source[end] == "-"):
        end += 1
    return bool(_HEX_ID.fullmatch(source[start:end]))


def _looks_like_phone(text: str) -> bool:
    """Decide on the written form: a bare count or epoch second is not a phone number."""
    digits = "".join(c for c in text if c.isdigit())
    if text.startswith("+"):
        return len(digits) >= 7
    if digits.startswith("00"):
        return len(digits) >= 9
    if digits.startswith("0"):  # national form with the trunk zero: 070…, 08…, 021…
        return len(digits) >= 8
    if digits.startswith("46"):  # 4670…: the country code without + or 00
        return 10 <= len(digits) <= 12
    return digits.startswith("7") and len(digits) == 9  # 70 123 45 67 without the zero


def redact(text: str) -> str:
    """Return ``text`` with e-mail addresses, personnummer and phone numbers replaced."""
    if not text:
        return text
    text = _EMAIL.sub(EMAIL_MARK, text)
    text = _PERSONNUMMER.sub(_personnummer, text)
    return _PHONE.sub(_phone, text)


def contains_personal_data(text: str) -> bool:
    """True when ``redact`` would change ``text`` (a detector for tests and scans)."""
    return redact(text) != text
