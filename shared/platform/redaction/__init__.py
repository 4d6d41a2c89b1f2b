"""Find and blank out personal data in free text: e-mail addresses (also obfuscated ones),
Swedish personal identity numbers (personnummer and samordningsnummer), phone numbers, names
and street addresses.

Used for residents' comments (stored redacted: ``redact``) and, for identifiers only, as the
last line of defence on every log line (``redact_identifiers``). It errs towards redacting: a
false positive costs a few characters of a comment, a false negative the product's promise.

How it reads a text:

1. Matching runs on a normalised copy (``normalise``: NFKC, every dash ``-``, every space `` ``,
   invisible characters gone); each match is mapped back, and only the original characters
   behind a match are replaced. Everything else is stored as the resident wrote it.
2. E-mail addresses: ``anna@example.se`` and the ways people hide one: ``anna (at) example.se``,
   ``[at]``, `` @ ``, ``snabel-a``, ``punkt``/``dot``/``(dot)`` for the dots.
3. Personnummer and samordningsnummer (day + 60) with 10 or 12 digits in the spacings people
   write (``811218-9876``, ``19811218 9876``, ``1981-12-18-9876``, ``811218 - 9876``, ``+`` for
   100 years and older): redacted when the check digit is right, and also when it is wrong as
   long as the date is a real one (a typo still identifies someone). A bare run of ten digits
   needs the right check digit (or a "personnummer"/"pnr" before it) and is never read as one
   when it could be a Unix time of 2017-2039 (15…-21…).
4. Times, time ranges, dates, amounts and numbers introduced as case, OCR, customer or invoice
   numbers are set aside; what is left that reads as a phone number is redacted, except the
   service numbers of agencies and companies (020, 0771, 0900, 010 …).
5. Names and street addresses (``shared.platform.redaction.names``), unless only identifiers are
asked;
   a street followed by a date ("Vasagatan 12 mars") is no address.
6. What the allow-list names stays (``shared.platform.redaction.allow``: the municipality's
published
   numbers, mailboxes and addresses); a bracket whose partner lies outside a finding stays.

This is the quick pass. Comments get the thorough one (``shared.platform.redaction.thorough``:
library
phone matching, numbers in words, python-stdnum, name lists of many languages and the words
around a name), which adds to these findings; docs/redaction.md has both.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator

from shared.platform.redaction import names as _names
from shared.platform.redaction.allow import allowed
from shared.platform.redaction.normalise import normalise, substitute

EMAIL_MARK = "[e-post]"
PERSONNUMMER_MARK = "[personnummer]"
PHONE_MARK = "[telefon]"
NAME_MARK = _names.NAME_MARK
ADDRESS_MARK = _names.ADDRESS_MARK

__all__ = [
    "ADDRESS_MARK",
    "EMAIL_MARK",
    "NAME_MARK",
    "PERSONNUMMER_MARK",
    "PHONE_MARK",
    "contains_personal_data",
    "luhn_ok",
    "redact",
    "redact_identifiers",
]

Span = tuple[int, int, str]

# -- e-mail ---------------------------------------------------------------------------------

_LOCAL = r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*"
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_AT = (
    rf"(?P<at>@|\s+@\s*|@\s+|\s*{_OPEN}\s*(?:at|a|snabel-?\s?a)\s*{_CLOSE}\s*"
    r"|\s+snabel-?\s?a\s+|\s+at\s+)"
)
# a name's last label is no top-level domain when another follows (``foo.co.uk``), unless that
# one is a file's type: ``anna@example.se.csv`` is an address and the file's extension
_FILE_TYPES = r"(?:csv|tsv|txt|xlsx?|xlsm|ods|pdf|docx?|json|xml|zip)"
_DOT = rf"(?:\.|\s*{_OPEN}\s*(?:dot|punkt)\s*{_CLOSE}\s*|\s+(?:dot|punkt)\s+|\s+\.\s*|\.\s+)"
_EMAIL = re.compile(
    rf"(?<![\w.+-]){_LOCAL}{_AT}(?P<domain>[\w-]+(?:{_DOT}[\w-]+)*?){_DOT}(?P<tld>[^\W\d_]{{2,24}})(?![\w])(?!\.(?!{_FILE_TYPES}\b)[^\W\d_]{{2,24}}(?![\w]))",
    re.IGNORECASE,
)
_PLAIN_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\W\d_]{2,24}")
# With a spelled-out or spaced "at" or dot the top-level domain must be a real one, so that
# "kl 10 at the office. Bra" stays a sentence.
_TLDS = frozenset(
    [
        "se",
        "nu",
        "com",
        "net",
        "org",
        "eu",
        "info",
        "io",
        "me",
        "dk",
        "no",
        "fi",
        "is",
        "de",
        "uk",
        "co",
        "at",
        "be",
        "ch",
        "nl",
        "fr",
        "es",
        "it",
        "pl",
        "ee",
        "lv",
        "lt",
        "biz",
        "online",
        "email",
        "mail",
        "xyz",
        "app",
        "dev",
        "tech",
        "us",
        "ru",
    ]
)


_EMAIL_HINT = re.compile(r"@|snabel|[(\[{<] ?a|\sat\s", re.IGNORECASE)


def _emails(text: str) -> Iterator[Span]:
    if _EMAIL_HINT.search(text) is None:
        return
    for match in _EMAIL.finditer(text):
        if _PLAIN_EMAIL.fullmatch(match.group()) or match.group("tld").lower() in _TLDS:
            yield match.start(), match.end(), EMAIL_MARK


# -- personnummer / samordningsnummer -------------------------------------------------------

_PERSONNUMMER = re.compile(
    r"(?<![\w+.,/-])(?:"
    # 1981-12-18-9876, 1981-12-18 - 9876
    r"(?P<c1>18|19|20)(?P<y1>\d\d)-(?P<m1>\d\d)-(?P<d1>\d\d) ?[-+] ?(?P<n1>\d{4})"
    # 811218-9876, 811218+9876, 811218 9876, 811218 - 9876, 8112189876, 19811218-9876 …
    r"|(?P<c2>18|19|20)?(?P<y2>\d\d)(?P<m2>\d\d)(?P<d2>\d\d)(?P<sep> ?[-+] ?| )?(?P<n2>\d{4})"
    r")(?![\w])"
)


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


def _real_date(century: str | None, yy: str, mm: str, dd: str) -> bool:
    month, day = int(mm), int(dd)
    if day > 60:  # samordningsnummer: the day plus 60
        day -= 60
    if not 1 <= month <= 12 or day < 1:
        return False
    year = int(century + yy) if century else 2000  # a leap year: 29 February may be anyone's
    return day <= calendar.monthrange(year, month)[1]


# A number introduced as a personnummer is one, whatever its check digit: "mitt pnr är …".
_PNR_LABEL = re.compile(
    r"(?i:person-?\s?(?:nummer|numret|nr)|pers\.?\s?nr|pnr|p-nr|samordningsnr|"
    r"samordningsnummer|födelsenummer|id-?nummer)(?:\s*(?:är|blir|=|:))?\W*$"
)
_SIX_DIGITS = re.compile(r"\d{6}|\d\d-\d\d-\d\d")


def _personnummer(text: str) -> Iterator[Span]:
    if _SIX_DIGITS.search(text) is None:
        return
    for match in _PERSONNUMMER.finditer(text):
        group = "1" if match.group("y1") else "2"
        century = match.group(f"c{group}")
        yy, mm, dd, serial = (match.group(f"{k}{group}") for k in ("y", "m", "d", "n"))
        if not _real_date(century, yy, mm, dd) or _inside_hex_id(text, *match.span()):
            continue
        ten = yy + mm + dd + serial
        compact = group == "2" and not century and not match.group("sep")
        # A bare run of ten digits is as often a count, an OCR number or a Unix time (the
        # seconds of 2017-2039 read as 15…-21…); written so, a personnummer needs a right
        # check digit and a year outside those (children born 2015-2021 are the price).
        if (
            compact
            and (not luhn_ok(ten) or 15 <= int(yy) <= 21)
            and not _PNR_LABEL.search(text, max(0, match.start() - 30), match.start())
        ):
            continue
        yield match.start(), match.end(), PERSONNUMMER_MARK


# -- phone numbers, and the numbers that are not ------------------------------------------

_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d ().\-/]{5,22}\d(?![\w])")
_HEX_ID = re.compile(r"(?=[0-9a-fA-F-]*[a-fA-F])[0-9a-fA-F]+(?:-[0-9a-fA-F]+)+")
_HOUR = r"(?:[01]?\d|2[0-4])"
_CLOCK = rf"{_HOUR}[.:][0-5]\d"
_NOT_PHONES = re.compile(
    "|".join(
        (
            # time ranges: 08.00-16.30, 8:30 - 12, 10-12.30; kl 8-17, mellan 13-15
            rf"(?<![\d.:]){_CLOCK} ?- ?{_HOUR}(?:[.:][0-5]\d)?(?![\d.:])",
            rf"(?<![\d.:]){_HOUR} ?- ?{_CLOCK}(?![\d.:])",
            rf"(?i:\b(?:kl|klockan|mellan|från|öppet|tel\.?tid|telefontid)\.?) ?{_HOUR}"
            rf"(?:[.:][0-5]\d)? ?(?:-|till|och) ?{_HOUR}(?:[.:][0-5]\d)?(?![\d.:])",
            rf"(?<![\d.:]){_CLOCK}(?![\d.:])",  # a time: 15.30
            # dates: 2026-03-13, 13.03.2026, 13/3 2026, 13/3-26
            r"(?<!\d)\d{4}-[01]\d-[0-3]\d(?!\d)",
            r"(?<![\d.])[0-3]?\d[./][01]?\d(?:[./ -](?:19|20)?\d\d)?(?![\d.])",
            # amounts: 1 250 kr, 12.500:-, 349,50 kronor, SEK 1 000
            r"(?i:\d{1,3}(?:[ .]\d{3})*(?:,\d{1,2})? ?(?:kr\b|kronor|sek\b|:-|%|euro|€))",
            r"(?i:\b(?:kr|sek)\.? ?\d{1,3}(?:[ .]\d{3})*(?:,\d{1,2})?)",
            # numbers introduced as what they are: OCR 4521 0098 7712, dnr 2025-00123
            r"(?i:\b(?:ocr(?:-?(?:nummer|numret|nr))?|kund(?:-?(?:nummer|numret|nr))|"
            r"faktura(?:-?(?:nummer|numret|nr))?|ärende(?:-?(?:nummer|numret|nr|t))?|dnr|"
            r"diarie(?:-?(?:nummer|numret|nr))|referens(?:nummer|numret)?|ref\.?|"
            r"order(?:-?(?:nummer|numret|nr))|avtals(?:nummer|numret|nr)|"
            r"objekt(?:-?(?:nummer|numret|nr))|mätar(?:nummer|numret|nr)|bankgiro|bg|"
            r"plusgiro|pg|konto(?:nummer|numret)?|version|v\.)"
            r"[\s:.#-]*(?:nr\.?\s*)?(?:[a-zåäö]{1,4}[\s.-]?)?\d[\d ./-]{0,30}\d?)",
        )
    )
)


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


def _inside_hex_id(text: str, start: int, end: int) -> bool:
    """True when the digits are one group of a UUID-like id (``01484783-106a-…``)."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "-"):
        end += 1
    return bool(_HEX_ID.fullmatch(text[start:end]))


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` overwritten by letters of the same length (positions kept)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "x" * (end - start)
    return "".join(chars)


_DIGIT = re.compile(r"\d")


def _phones(text: str, taken: list[tuple[int, int]]) -> Iterator[Span]:
    if len(_DIGIT.findall(text)) < 7 or _PHONE.search(_blank(text, taken)) is None:
        return
    set_aside = [(m.start(), m.end()) for m in _NOT_PHONES.finditer(text)]
    blanked = _blank(text, taken + set_aside)
    for match in _PHONE.finditer(blanked):
        found = match.group().strip()
        if not _looks_like_phone(found) or _inside_hex_id(text, match.start(), match.end()):
            continue
        if _service(found):
            continue
        yield match.start(), match.end(), PHONE_MARK


# -- the whole --------------------------------------------------------------------------------


def _spans(text: str, with_names: bool) -> list[Span]:
    spans = [*_emails(text), *_personnummer(text)]
    spans += _phones(text, [(s, e) for s, e, _ in spans])
    if with_names:
        spans += _names.addresses(text)
        taken = [(s, e) for s, e, _ in spans]
        spans += [
            (s, e, NAME_MARK)
            for s, e in _names.names(_blank(text, taken))
            if not any(s < te and ts < e for ts, te in taken)
        ]
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end, mark in sorted(spans):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, mark))
    return merged


_BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}


def _trim_brackets(text: str, span: Span) -> Span:
    """``span`` without a bracket at either end whose partner lies outside it: "(0771-…)" keeps
    its "(" when only the number is replaced."""
    start, end, mark = span
    found = text[start:end]
    while found and found[0] in _BRACKETS and _BRACKETS[found[0]] not in found[1:]:
        start, found = start + 1, found[1:]
    closing = {v: k for k, v in _BRACKETS.items()}
    while found and found[-1] in closing and closing[found[-1]] not in found[:-1]:
        end, found = end - 1, found[:-1]
    return start, end, mark


# Numbers of agencies and companies, never of a person: toll-free (020, 0200), shared cost
# (0771, 077x), premium rate (0900, 0939, 0944) and company numbers (010).
_SERVICE_PREFIX = re.compile(r"(?:\+46|0046|0)(?:20|77\d|900|939|944|10)")


def _service(found: str) -> bool:
    compact = "".join(c for c in found if c.isdigit() or c == "+")
    return bool(_SERVICE_PREFIX.match(compact))


def _replace(text: str, with_names: bool, allow: tuple[str, ...] = ()) -> str:
    if not text:
        return text
    view = normalise(text)
    found = _spans(view.text, with_names)
    if allow:
        found = allowed(allow).filter(view.text, found)
    spans = [_trim_brackets(view.text, span) for span in found]
    if not spans:
        return text
    return substitute(text, view, spans)


def redact(text: str, allow: Iterable[str] = ()) -> str:
    """``text`` with e-mail addresses, personnummer, phone numbers, names and street
    addresses replaced by ``[e-post]``, ``[personnummer]``, ``[telefon]``, ``[namn]``,
    ``[adress]``; every other character as it was. ``allow``: the municipality's published
    numbers, mailboxes and addresses, which stay (``Tenant.public_contacts``)."""
    return _replace(text, with_names=True, allow=tuple(allow))


def redact_identifiers(text: str) -> str:
    """``text`` with e-mail addresses, personnummer and phone numbers replaced (for log lines
    and other machine text, where capitalised words are names of things, not people)."""
    return _replace(text, with_names=False)


def contains_personal_data(text: str) -> bool:
    """True when ``redact`` would change ``text`` (a detector for tests and scans)."""
    return redact(text) != text
