"""The thorough pass: personal data in a comment, before any reader sees it.

``thorough(text, allow)`` returns ``text`` with every name, street address, phone number, e-mail
address and personnummer replaced by ``[namn]``, ``[adress]``, ``[telefon]``, ``[e-post]``,
``[personnummer]``, except what ``allow`` names (the municipality's published numbers,
mailboxes and addresses: ``Tenant.public_contacts``). It runs on every pooled comment before a
batch is released, and in the survey before a comment is pooled (docs/privacy.md, "Redaction").
It is idempotent: a text it returned comes back unchanged, marks included.

How it reads a comment (on the normalised copy: NFKC, every dash ``-``, every space `` ``, every
script's digits as ``0-9``; only the original characters behind a match are replaced):

1. The quick pass's findings (``shared.platform.redaction``: e-mail also hidden, personnummer, phone
   numbers once dates, times, amounts and case numbers are set aside, street addresses).
2. Phone numbers by ``phonenumbers``' matcher (Google's libphonenumber rules, Sweden as the home
   region: foreign numbers too), and numbers spelled out in Swedish or English words, whole or in
   part (``noll sju noll, ett två tre``, ``070 ett två tre…``). A number the library types as a
   service number (toll-free, shared-cost such as 0771, premium rate, 010 company numbers) is an
   agency's, not a person's, and stays; so does one right after an organisation's desk word
   (``kundtjänst``, ``växeln``) unless it is a mobile number; a line break inside a number is a
   space. A company's Swish number (123 …) and opening hours (``06 00 - 14 00``) are no one's.
   (Ninth round) a local number without its area code (``xx xx xx``) after a call's word.
   (Eleventh round) a number said in the digit words of BCS, Polish, Finnish, Turkish or Somali
   with digit groups (``nula sedam nula 223 44 91``).
3. Personnummer in the forms the quick pass leaves (``python-stdnum``'s Swedish rules for a bare
   run, and patterns for what it does not know): interim numbers with a letter
   (``19900101-T123``), a number given in two parts (``född 560722 … fyra sista 4471``), dotted
   or spaced dates (``ÅÅ.MM.DD-NNNN``, ``ÅÅ MM DD - NN NN``), ``/`` between the parts, a birth
   date in words before the last four, the parts in either order after the number's name, a
   comment that is only a dated number; a neighbour country's identity number by its name before
   it (``PESEL``, ``henkilötunnus``, ``isikukood``) or by ``python-stdnum`` (``fi.hetu``,
   ``pl.pesel``, ``no.fodselsnummer``, ``ee.ik``); ``_`` typed for the dash; a reserve number's
   two letters after its name; (ninth round) the century typed apart (``19 ÅÅMMDD-NNNN``);
   (eleventh round) a year in words before the rest (``nittonhundranittio 0623-3341``). A number
   after a reference's name (``Referensnummer``, ``ärendenummer``) is one only if python-stdnum
   accepts it.
4. E-mail addresses in words: the provider named (``anna.ek på gmail``, ``min hotmail är …``),
   no top-level domain (``anna@telia``), a comma for the dot, letters spaced out.
5. Addresses: abbreviated streets (``Storg. 12``, ``Mälarv 59``), ``Box 123``, ``c/o``, the
   floor after the number (``, 3 tr``), any name and number with a flat after it (``Bäckby
   Centrum 5, lgh 3``), an English number-first address, and any name with a number after "bor
   på" / "adress" (``Pettersberg 12``, also in lower case); ``nr`` between street and number,
   the number before ``på`` and the street, a flat before an English number-first address,
   ``c/o`` after the number, a village and its farm's word after ``till``; never a street
   followed by a date (``Vasagatan 12 mars``), a year that goes on as a date (``bygglov
   2026-03-14``), a road's number (``riksväg 66``) or a business's or an institution's own
   address (``Pizzerian på …``). (Ninth round) An agency's office in the genitive
   (``Försäkringskassans kontor på …``) and a company by its name's ending (``Mälarenergi på …``)
   before an address are theirs; ``nummer`` goes with a number-first address, a town after the
   comma before the sentence's verb with it. (Eleventh round) A house number in words after the
   street (``…vägen nummer tjugoett``); a farm's name before its postal code and town (``Lilla
   Ekeby gård, 635 19 …``). The quick pass's name before an address counts
   only if it can be a
   name (``Vid Stadshuset, Fiskartorget 1`` names no one).
6. Names (``shared.platform.redaction.people``): lists of given names and surnames of the languages
   residents write in (``shared/data/person_names.txt``), in any case, possessive included, and
   what comes before and after a name (a role, a relative, ``jag heter``, a signature, an e-mail
   address or street address after it); a handle after ``@`` in two parts or a listed name,
   or any handle after a naming verb (``kallar sig @…``); (eleventh round) a handle made of a
   listed given name and a town, another name or digits (``@annaholm``, ``@ahmed1987``), and a
   Reddit user's (``u/…``). The hard forms are in ``name_hard``.
7. What ``allow`` names is taken out again; a phone number's extension (``ankn. 12``) joins what
   is left; the rest is replaced, brackets kept balanced.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from shared.platform import redaction as quick
from shared.platform.redaction import people
from shared.platform.redaction.allow import allowed
from shared.platform.redaction.lexicon import everyday
from shared.platform.redaction.normalise import normalise, substitute

if TYPE_CHECKING:
    from types import ModuleType

# phonenumbers (~45 ms) and stdnum (~35 ms) are imported on the first comment that needs them:
# most comments hold no number, and the survey's cold start should not pay for them.


@cache
def _phonenumbers() -> ModuleType:
    import phonenumbers

    return phonenumbers


@cache
def _service_types() -> frozenset[int]:
    """The number types of agencies and companies: toll-free, shared cost (0771), premium, 010."""
    kind = _phonenumbers().PhoneNumberType
    return frozenset(
        {kind.TOLL_FREE, kind.PREMIUM_RATE, kind.SHARED_COST, kind.UAN, kind.VOICEMAIL}
    )


@cache
def _personnummer_valid() -> Callable[[str], bool]:
    from stdnum.se import personnummer

    return personnummer.is_valid


@cache
def _hetu_valid() -> Callable[[str], bool]:
    """(seventh round) A Finnish henkilötunnus as python-stdnum checks it (date, century sign,
    check character): residents who moved here give theirs as a Swede gives a personnummer."""
    from stdnum.fi import hetu

    return hetu.is_valid


@cache
def _eleven_digit_id_valid() -> Callable[[str], bool]:
    """(seventh round) A Polish PESEL or a Norwegian fødselsnummer (eleven digits, a date and
    check digits) as python-stdnum checks it; (eighth round) an Estonian isikukood too."""
    from stdnum.ee import ik
    from stdnum.no import fodselsnummer
    from stdnum.pl import pesel

    return lambda number: (
        pesel.is_valid(number) or fodselsnummer.is_valid(number) or ik.is_valid(number)
    )


Span = tuple[int, int, str]

_MARKS = re.compile(r"\[(?:namn|adress|telefon|e-post|personnummer)\]")

# -- phone numbers ---------------------------------------------------------------------------------


def service_number(text: str) -> bool:
    """True for an agency's or a company's number: toll-free, shared cost (0771), premium, 010."""
    phonenumbers = _phonenumbers()
    try:
        number = phonenumbers.parse(text, "SE")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) in _service_types()


# "070_123_45_67", "O7O-555 12 12": an underscore between digits is a space and the letter O
# beside a digit a zero, for the matcher only (same length, so positions stay)
_UNDERSCORE = re.compile(r"(?<=\d)_(?=\d)")
_LETTER_O = re.compile(r"(?<=\d)[Oo](?=[\d\s-])|(?<![^\W\d_])[Oo](?=\d)")
# "Mobil:0701234567Hem:…": a letter right after a number's digits ends it (the matcher will not
# take digits glued to a word)
_GLUED = re.compile(r"(?<=\d)[^\W\d_]")


# (eighth round) a number the line broke: "ring mig på 073-41\n2 55 80" (a part too short for a
# number before the break, the whole as long as one: a newline there is a space, same length)
_BROKEN_LINE = re.compile(
    r"(?<![\d\w])(?P<a>\+?\d[\d -]{1,9}\d)\n(?P<b>\d[\d -]{0,12}\d)(?![\d\w])"
)


def _joined_line(match: re.Match[str]) -> str:
    a, b = (len(_DIGIT.findall(match.group(x))) for x in "ab")
    if a < 7 and 8 <= a + b <= 12:
        return match.group("a") + " " + match.group("b")
    return match.group()


def _library_phones(text: str) -> Iterator[Span]:
    # the matcher tries every digit group ("45 minuter"): only a run of seven digits or more is
    # worth its time (the quick pass's own pattern for one)
    if "_" in text or "O" in text or "o" in text:
        text = _LETTER_O.sub("0", _UNDERSCORE.sub(" ", text))
    if "\n" in text:
        text = _BROKEN_LINE.sub(_joined_line, text)
    text = _GLUED.sub(" ", text)
    if quick._PHONE.search(text) is None:
        return
    set_aside = [(m.start(), m.end()) for m in quick._NOT_PHONES.finditer(text)]
    phonenumbers = _phonenumbers()
    matcher = phonenumbers.PhoneNumberMatcher(text, "SE", leniency=phonenumbers.Leniency.VALID)
    for match in matcher:
        if phonenumbers.number_type(match.number) in _service_types():
            continue
        if any(s <= match.start and match.end <= e for s, e in set_aside):
            continue
        yield match.start, match.end, quick.PHONE_MARK


_UNITS = {
    "noll": 0, "zero": 0, "oh": 0, "ett": 1, "en": 1, "one": 1, "två": 2, "two": 2, "tre": 3,
    "three": 3, "fyra": 4, "four": 4, "fem": 5, "five": 5, "sex": 6, "six": 6, "sju": 7,
    "seven": 7, "åtta": 8, "eight": 8, "nio": 9, "nine": 9,
}  # fmt: skip
_TEENS = {
    "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16,
    "sjutton": 17, "arton": 18, "nitton": 19, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70,
    "åttio": 80, "nittio": 90, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    # as they are said: "sjutti", "åtti", "fyrti"
    "tjugi": 20, "tretti": 30, "fyrti": 40, "femti": 50, "sexti": 60, "sjutti": 70, "åtti": 80,
    "nitti": 90,
}  # fmt: skip
# a whole word made of number words: "nollsjuttio", "etthundratjugotre", "sjuttiosex"
_MORPHEMES = sorted(
    [*(k for k in _UNITS if k not in ("oh", "en")), *_TEENS, *_TENS, "hundra"],
    key=len,
    reverse=True,
)
_COMPOUND = "(?:" + "|".join(_MORPHEMES) + "){2,5}"
_NUMBER_WORD = re.compile(
    "(?i:"
    + _COMPOUND
    + "(?![^\\W\\d_])|(?:"
    + "|".join(sorted(_TENS, key=len, reverse=True))
    + ")(?:-?(?:"
    + "|".join(k for k in _UNITS if k not in ("oh", "en"))
    + "))?|"
    + "|".join(sorted([*_TEENS, *_UNITS], key=len, reverse=True))
    + ")(?![^\\W\\d_])"
    r"|\d+"
)
# the words alone, whole (a quick count: "trevlig" holds no "tre")
_NUMBER_WORDS_ONLY = re.compile(r"(?<![^\W\d_])" + _NUMBER_WORD.pattern.rsplit("|", 1)[0])
_NUMBER_GAP = re.compile(r"[\s,.\-/]*(?:och\s+|and\s+)?")


_MORPHEME = re.compile("|".join(_MORPHEMES))


def _compound_value(folded: str) -> str:
    """ "nollsjuttio" → "070", "etthundratjugotre" → "123", "sjuttiosex" → "76"."""
    parts = _MORPHEME.findall(folded)
    if "".join(parts) != folded:
        return ""
    out, i = "", 0
    while i < len(parts):
        part = parts[i]
        if part == "noll":
            out, i = out + "0", i + 1
            continue
        value = 0
        if i + 1 < len(parts) and parts[i + 1] == "hundra":
            # (eleventh round) a teen's hundreds too: "nittonhundranittio" is 1990
            value, i = 100 * _TEENS.get(part, _UNITS.get(part, 1)), i + 2
            part = parts[i] if i < len(parts) else ""
        elif part == "hundra":
            value, i = 100, i + 1
            part = parts[i] if i < len(parts) else ""
        if part in _TENS:
            value += _TENS[part]
            i += 1
            if i < len(parts) and parts[i] in _UNITS:
                value, i = value + _UNITS[parts[i]], i + 1
        elif part in _TEENS or part in _UNITS:
            value += _TEENS.get(part, _UNITS.get(part, 0))
            i += 1
        elif not value:
            return ""
        out += str(value)
    return out


def _word_value(word: str) -> str:
    if word.isdigit():
        return word
    folded = word.casefold().replace("-", "")
    if folded not in _UNITS and folded not in _TEENS and folded not in _TENS:
        compound = _compound_value(folded)
        if compound and len(compound) > 2:
            return compound
    if folded in _UNITS:
        return str(_UNITS[folded])
    if folded in _TEENS:
        return str(_TEENS[folded])
    for tens, value in _TENS.items():
        if folded.startswith(tens):
            rest = folded[len(tens) :]
            return str(value + _UNITS[rest]) if rest else str(value)
    return ""


def _spelled_personnummer(text: str) -> Iterator[Span]:
    """Number words after a personnummer cue: "pnr sextiofyra elva noll två, tre tre fyra fem";
    without a cue, number words that add up to a personnummer python-stdnum accepts (date and
    check digit: "nittiofem noll sju tjugotvå, elva trettiofyra")."""
    if len(_NUMBER_WORDS_ONLY.findall(text)) >= 3:
        for start, end, digits, words in _number_runs(text):
            if words >= 3 and len(digits) in (10, 12) and _personnummer_valid()(digits):
                yield start, end, quick.PERSONNUMMER_MARK
    for cue in _BIRTH_CUE.finditer(text):
        window = text[cue.end() : cue.end() + 90]
        # (eleventh round) one compound word is two ("nittonhundranittio 0623-3341")
        if not _NUMBER_WORDS_ONLY.search(window):
            continue
        for start, end, digits, words in _number_runs(window):
            if words >= 2 and 4 <= len(digits) <= 12:
                yield cue.end() + start, cue.end() + end, quick.PERSONNUMMER_MARK


def _number_runs(text: str) -> list[tuple[int, int, str, int]]:
    runs: list[tuple[int, int, str, int]] = []  # start, end, digits, words
    for match in _NUMBER_WORD.finditer(text):
        value = _word_value(match.group())
        if not value:
            continue
        # a compound holds two number words or more ("nollsjunoll" is 0, 7, 0)
        words = 0 if match.group().isdigit() else (2 if len(value) >= 3 else 1)
        if runs:
            start, end, digits, count = runs[-1]
            gap = text[end : match.start()]
            if _NUMBER_GAP.fullmatch(gap) and len(gap) <= 6:
                runs[-1] = (start, match.end(), digits + value, count + words)
                continue
        runs.append((match.start(), match.end(), value, words))
    return runs


_PHONE_CUE = re.compile(r"(?i:nummer|numret|nr|mobil|mobilen|telefon|tel|tfn|ring|ringa|sms)")


# a phone number given in two parts: "numret börjar på 07xx och sen xx xx xx", "07x-xx ... sen
# xx xxx" (a trunk zero first, nine to eleven digits in all)
_SPLIT_PHONE = re.compile(
    r"(?<![\w+])(?P<a>0\d{1,3}(?:[ -]?\d{1,3})?)"
    r"\s*(?:\.{2,}|…|,)?\s*(?i:och\s+)?(?i:sen|sedan|därefter|then|resten(?:\s+är)?)\s*:?\s*"
    r"(?P<b>\d{1,3}(?:[ -]?\d{1,3}){0,3})(?![\w])"
)


# (ninth round) a landline's local number without its area code, in pairs or a group of three
# and pairs ("xx xx xx", "xxx xx xx", "xx-xx xx"), a call's word before it in the sentence
_LOCAL_PHONE = re.compile(
    r"(?<![\w+.,:/-])(?:[1-9]\d|[1-9]\d\d)[ -]\d\d[ ]\d\d(?![\w.,:]?\d)"
    r"(?!\s*(?i:kr|kronor|st|år|m|km|%))"
)
_CALL_BEFORE = re.compile(
    r"(?i:(?<![^\W\d_])(?:ring|ringa|ringer|nå|når|nås|telefon|tel|tfn|hemnummer|fast\s+telefon|"
    r"numret|nummer|landline|call))(?![^\W\d_])[^.!?\n\d]{0,30}$"
)


# (a reference's number, not a phone's: "ärende xx xx xx", "kundnummer xxx xx xx")
_REFERENCE_BEFORE = re.compile(
    r"(?i:(?<![^\W\d_])(?:ärende|referens|ref|order|faktura|kund|avtal|objekt|konto|kod|pin|id)"
    # (from a probe) a few words may stand between: "ärende hos bygglov, nummer xx xx xx"
    r"[^\W\d_]*)(?:[^.!?\n\d]{0,30}?(?i:nummer|nr|numret))?[\s:.#-]*$"
)


def _local_phones(text: str) -> Iterator[Span]:
    for match in _LOCAL_PHONE.finditer(text):
        if _CALL_BEFORE.search(
            text, max(0, match.start() - 45), match.start()
        ) and not _REFERENCE_BEFORE.search(text, max(0, match.start() - 45), match.start()):
            yield match.start(), match.end(), quick.PHONE_MARK


def _split_phones(text: str) -> Iterator[Span]:
    for match in _SPLIT_PHONE.finditer(text):
        if 9 <= len(_DIGIT.findall(match.group("a") + match.group("b"))) <= 11:
            yield match.start("a"), match.end("a"), quick.PHONE_MARK
            yield match.start("b"), match.end("b"), quick.PHONE_MARK


def _spelled_phones(text: str) -> Iterator[Span]:
    """Runs of number words (with digits among them) that add up to a phone number."""
    found = _NUMBER_WORDS_ONLY.findall(text)
    # two words, or one compound among digits: "ring nollsjunoll xxx xx xx"
    if len(found) < 2 and not (found and len(_word_value(found[0])) >= 3):
        return
    for start, end, digits, words in _number_runs(text):
        if words < 2:
            continue
        whole = 8 <= len(digits) <= 13 and digits[0] == "0"
        # a mobile number said without its 0 after a phone word: "nummer: sjuttiotre två tre …"
        unprefixed = len(digits) == 9 and digits[0] == "7"
        if whole or (unprefixed and _PHONE_CUE.search(text, max(0, start - 25), start)):
            yield start, end, quick.PHONE_MARK


# (eleventh round) the digits in the other languages residents write in (BCS, Polish, Finnish,
# Turkish, Somali), written from general vocabulary: a phone number said in them ("nula sedam
# nula 223 44 91") is a run of these and digit groups
_FOREIGN_DIGITS = {
    word: str(value)
    for value, words in enumerate(
        (
            "nula zero nolla sıfır sifir eber",
            "jedan jedna jeden yksi bir kow",
            "dva dvije dwa kaksi iki laba",
            "tri trzy kolme üç uc saddex",
            "četiri cetiri cztery neljä dört dort afar",
            "pet pięć piec viisi beş bes shan",
            "šest sest sześć szesc kuusi altı alti lix",
            "sedam siedem seitsemän yedi toddoba",
            "osam osiem kahdeksan sekiz siddeed",
            "devet dziewięć dziewiec yhdeksän dokuz sagaal",
        )
    )
    for word in words.split()
}
_WORD = re.compile(r"[^\W\d_]+")
_FOREIGN_DIGIT_WORD = "|".join(sorted(_FOREIGN_DIGITS, key=len, reverse=True))
_FOREIGN_SPELLED = re.compile(
    rf"(?<![^\W_])(?:(?:{_FOREIGN_DIGIT_WORD})(?![^\W_])|\d+)"
    rf"(?:[\s,.-]{{1,3}}(?:(?:{_FOREIGN_DIGIT_WORD})(?![^\W_])|\d+)){{2,14}}",
    re.IGNORECASE,
)


def _foreign_spelled_phones(text: str) -> Iterator[Span]:
    """(eleventh round) A phone number said in another language's digit words, two or more of
    them, with digit groups among them (``find`` asks only of a comment with a digit): "zovite
    me na nula sedam nula 223 44 91"."""
    if sum(w in _FOREIGN_DIGITS for w in _WORD.findall(text.casefold())) < 2:
        return
    for match in _FOREIGN_SPELLED.finditer(text):
        parts = re.findall(r"[^\W\d_]+|\d+", match.group())
        words = [p for p in parts if not p.isdigit()]
        if len(words) < 2:
            continue
        digits = "".join(p if p.isdigit() else _FOREIGN_DIGITS[p.casefold()] for p in parts)
        if 8 <= len(digits) <= 13 and digits[0] == "0":
            yield match.start(), match.end(), quick.PHONE_MARK


# -- personnummer --------------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")
_PNR_ODD = re.compile(
    r"(?<![\w+.,/-])(?:(?P<c>18|19|20)?(?P<y>\d\d)(?P<s1>[-. ]?)(?P<m>[01]\d)(?P=s1)(?P<d>[0-9]\d)"
    # (eighth round) an underscore typed for the dash ("820415_7336"); a reserve number's two
    # letters ("920803-TF45")
    r"(?:\s?[-+/._]\s?|\s)(?P<serial>[A-Za-z]\d{3}|\d{2}\s?\d{2}|\d{3}[A-Za-z]|[A-Za-z]{2}\d{2})"
    r"|(?P<c2>18|19|20)?(?P<y2>\d\d)(?P<m2>[01]\d)(?P<d2>[0-9]\d)(?P<serial2>[A-Za-z]\d{3}))"
    r"(?![\w])"
)
_BIRTH_DATE = re.compile(
    r"(?<![\w.-])(?P<c>18|19|20)?(?P<y>\d\d)(?P<s1>-?)(?P<m>[01]\d)(?P=s1)(?P<d>[0-9]\d)(?![\w-])"
)
_LAST_FOUR = re.compile(
    r"(?i:(?:sista|fyra\s+sista|de\s+fyra\s+sista|fyra\s+sista\s+siffrorna|sista\s+siffrorna|"
    r"kontrollsiffror(?:na)?|fyra\s+sista\s+är|sista\s+fyra)[^\d\n]{0,32}?)(?P<four>\d{4})(?!\d)"
)
_BIRTH_CUE = re.compile(
    r"(?i:född|födelsedatum|födelsedag|pnr|p-nr|personnummer|personnumret|personnr|f\.|född den|"
    r"samordningsnr|samordningsnummer|samordningsnumret|reservnummer|reservnumret|reservnr)"
)
# (seventh round) a birth date in words before the last four: "född 19 mars 1961, sista fyra …"
_BIRTH_DATE_WORDS = re.compile(
    r"(?i:född|födelsedatum|born)(?:\s+den)?\s+(?P<date>(?P<d>[0-3]?\d)\s+"
    r"(?P<m>januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|"
    r"december|january|february|march|may|june|july|august|october)\s+(?P<y>(?:18|19|20)\d\d))"
    r"(?!\d)"
)
# (seventh round) the parts in any order after the number's name: "samordningsnumret slutar på
# 2381 och börjar med 970765"
_ENDS_WITH = re.compile(
    r"(?i:slutar\s+(?:på|med)|sista\s+(?:fyra|siffrorna)\s+är)\s*:?\s*(?P<four>\d{4})(?!\d)"
)
# the name of another country's identity number, before the number: "mój PESEL 85031512345",
# "henkilötunnus 131052-308T" (its check digits are the writer's to get right, not ours)
_FOREIGN_ID_LABEL = re.compile(
    r"(?i:(?<![^\W\d_])(?:pesel|henkilötunnus|henkilötunnukseni|hetu|sotu|fødselsnummer|"
    r"fødselsnr|fodselsnummer|personnummer|cpr-?(?:nummer|nr)?|kimlik\s+no|tc\s+kimlik|"
    # (eighth round) Estonian and Latvian, Lithuanian
    r"isikukood|isikukoodi|personas\s+kods|asmens\s+kodas))"
    r"(?:\s*(?:nr|no|numer|on|är|is|:|=))*\s*"
)
_ID_TOKEN = re.compile(r"\d{6}[-+A]?\d{3,5}[0-9A-Za-z]?(?![\w])")
# a Finnish henkilötunnus's shape: six digits of the date, the century sign, three digits and a
# check character
_HETU = re.compile(r"(?<![\w-])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![\w])")
# (up to twelve groups: a number spelled one digit at a time, "7 1 0 8 1 9 - 3 3 0 6")
_DIGIT_GROUPS = re.compile(r"(?<![\d\w+])\d{1,4}(?:[ .-]{1,3}\d{1,4}){1,11}(?![\d])")
# the last four a few words after the birth date ("sista 4: 1122" too), not a year after
# "sedan", "år", "i" …
_FOUR_AFTER = re.compile(
    r"(?:[^\d\n]|(?<!\d)4(?!\d)){0,25}?(?<![^\W\d_])(?<!sedan )(?<!år )(?<! i )(?<!från )(?<!till )"
    r"(?P<four>\d{4})(?![\d.:,]\d|\d)"
)


# (ninth round) the century typed apart from the rest: "Personnr 19 ÅÅMMDD-NNNN"
_CENTURY_BEFORE = re.compile(r"(?<![\w.,:-])(?:18|19|20) $")
_AREA_CODE_FIRST = re.compile(r"0\d{1,3}[ -]")


def _real(century: str | None, yy: str, mm: str, dd: str) -> bool:
    return quick._real_date(century, yy, mm, dd)


def _alone_as_date(text: str, run: re.Match[str]) -> bool:
    """(seventh round) ``run`` (ten or twelve digits) is all the comment holds, starts with a real
    date and not with 0 (a phone number's trunk prefix): a personnummer with a typo in its check
    digit, since what else would a resident write alone?"""
    digits = run.group()
    if digits[0] == "0" or text[: run.start()].strip(_BARE) or text[run.end() :].strip(_BARE):
        return False
    century, rest = (digits[:2], digits[2:]) if len(digits) == 12 else (None, digits)
    return _real(century, rest[:2], rest[2:4], rest[4:6])


_BARE = " \t\n.,:;!?"


def _hetu_check(number: str) -> bool:
    """The check character of a henkilötunnus's shape is right (the date and the serial number
    modulo 31), before python-stdnum checks the rest."""
    return "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(number[:6] + number[7:10]) % 31] == number[-1]


def _odd_personnummer(text: str) -> Iterator[Span]:
    count = len(_DIGIT.findall(text))
    if count < 4:
        return
    # (seventh round) the last four alone, named as a personnummer's: "de fyra sista i mitt
    # personnummer är 3871" (the two-part loop below finds it too when there are more digits)
    if count < 8:
        for four in _LAST_FOUR.finditer(text):
            if _BIRTH_CUE.search(four.group()):
                yield four.start("four"), four.end("four"), quick.PERSONNUMMER_MARK
        return
    for match in _PNR_ODD.finditer(text):
        if match.group("y") is not None:  # the first form of the pattern
            century, yy, mm, dd = match.group("c", "y", "m", "d")
        else:
            century, yy, mm, dd = match.group("c2", "y2", "m2", "d2")
        # (eighth round, from a probe) a reserve number's two letters only after its name: an
        # article's number has the shape ("Artikelnummer 880417-KX12")
        serial = match.group("serial") or ""
        if serial[:2].isalpha() and not _BIRTH_CUE.search(
            text, max(0, match.start() - 30), match.start()
        ):
            continue
        if _real(century, yy, mm, dd):
            yield match.start(), match.end(), quick.PERSONNUMMER_MARK
    # two parts: a birth date, then the last four named as such
    for four in _LAST_FOUR.finditer(text):
        yield four.start("four"), four.end("four"), quick.PERSONNUMMER_MARK
        for date in _BIRTH_DATE.finditer(text, max(0, four.start() - 80), four.start()):
            if _real(*date.group("c", "y", "m", "d")):
                yield date.start(), date.end(), quick.PERSONNUMMER_MARK
        # (seventh round) the date in words: "född 19 mars 1961, sista fyra 2245"
        for date in _BIRTH_DATE_WORDS.finditer(text, max(0, four.start() - 80), four.start()):
            yield date.start("date"), date.end("date"), quick.PERSONNUMMER_MARK
    # (seventh round) after the number's name, its parts in either order: "samordningsnumret
    # slutar på 2381 och börjar med 970765"
    for cue in _BIRTH_CUE.finditer(text):
        window = text[cue.end() : cue.end() + 80]
        ends = _ENDS_WITH.search(window)
        if ends is None:
            continue
        for date in _BIRTH_DATE.finditer(text, cue.end(), cue.end() + 80):
            if _real(*date.group("c", "y", "m", "d")):
                yield date.start(), date.end(), quick.PERSONNUMMER_MARK
                yield (
                    cue.end() + ends.start("four"),
                    cue.end() + ends.end("four"),
                    (quick.PERSONNUMMER_MARK),
                )
                break
    # two parts after a cue: "pnr börjar 890102, slutar 4455", "född 19690322 nummer 2284"
    for cue in _BIRTH_CUE.finditer(text):
        for date in _BIRTH_DATE.finditer(text, cue.end(), cue.end() + 40):
            if not _real(*date.group("c", "y", "m", "d")):
                continue
            last = _FOUR_AFTER.match(text, date.end())
            if last:
                yield date.start(), date.end(), quick.PERSONNUMMER_MARK
                yield last.start("four"), last.end("four"), quick.PERSONNUMMER_MARK
            break
    # a number in groups of any size: "19 71 03 14 55 82", "680 414 2291", "5504 1233 17": after
    # a cue, or with a century, a real date is enough; else stdnum must accept it (date and
    # check digit)
    for run in _DIGIT_GROUPS.finditer(text):
        digits = re.sub(r"\D", "", run.group())
        if len(digits) not in (10, 12) or digits == run.group():
            continue
        # the cue before the number, or right after it: "670 302 4412 pnr", "… (personnummer)"
        cued = _BIRTH_CUE.search(text, max(0, run.start() - 20), run.start()) or _BIRTH_CUE.match(
            text[run.end() : run.end() + 20].lstrip(" ,(:-")
        )
        # grouped as a phone number is, an area code first ("010-xxx xx xx"), it is one
        if not cued and _AREA_CODE_FIRST.match(run.group()):
            continue
        born = digits[:8] if len(digits) == 12 else digits[:6]
        century, rest = (born[:2], born[2:]) if len(digits) == 12 else (None, born)
        real = _real(century, rest[:2], rest[2:4], rest[4:6])
        # twelve digits with a century and a real date are one even without a cue
        if (real and (cued or century in ("19", "20"))) or _personnummer_valid()(digits):
            yield run.start(), run.end(), quick.PERSONNUMMER_MARK
    # a bare ten or twelve digits that stdnum accepts as a personnummer (right date and check)
    for run in re.finditer(r"(?<!\d)\d{10}(?:\d\d)?(?!\d)", text):
        if _personnummer_valid()(run.group()) or _alone_as_date(text, run):
            yield run.start(), run.end(), quick.PERSONNUMMER_MARK
    # (seventh round) another country's identity number: named so before it, or accepted by
    # python-stdnum (a henkilötunnus's shape, eleven digits of a PESEL or fødselsnummer)
    for label in _FOREIGN_ID_LABEL.finditer(text):
        token = _ID_TOKEN.match(text, label.end())
        if token is not None:
            yield token.start(), token.end(), quick.PERSONNUMMER_MARK
    for run in _HETU.finditer(text):
        # (a Swedish personnummer has the same shape: its check character first, computed
        # here, spares the import for the Swedish numbers that are most of these)
        if _hetu_check(run.group()) and _hetu_valid()(run.group()):
            yield run.start(), run.end(), quick.PERSONNUMMER_MARK
    for run in re.finditer(r"(?<![\d\w])\d{11}(?![\d\w])", text):
        if _eleven_digit_id_valid()(run.group()):
            yield run.start(), run.end(), quick.PERSONNUMMER_MARK


# -- e-mail in words -----------------------------------------------------------------------------

_PROVIDERS = (
    "gmail|hotmail|outlook|live|yahoo|icloud|telia|bredband|bredband2|spray|msn|protonmail|"
    "proton|comhem|bahnhof|tele2|telenor|passagen|home|me|mail|gmx|aol|yandex|mailbox"
)
_LOCAL_PART = r"[\w][\w.+-]*[\w]|[\w]"
_EMAIL_WORDS = re.compile(
    rf"(?<![\w.@])(?P<local>{_LOCAL_PART})"
    rf"(?:\s+(?:på|hos|at|@|\(at\)|snabel-?a)\s+|\s*@\s*|\s*[(\[]@[)\]]\s*)"
    rf"(?P<host>(?i:{_PROVIDERS}))(?P<tld>(?:\s*(?:\.|,|punkt|dot)\s*[a-z]{{2,6}}\b)?)(?![\w@])",
)
_EMAIL_PROVIDER_FIRST = re.compile(
    rf"(?i:(?<![^\W\d_])min(?:a)?\s+(?:{_PROVIDERS})(?:-?(?:adress|mejl|mail))?(?:\s+är\s+|\s*:\s*))"
    rf"(?P<local>[\w][\w.+-]*[\w])"
)
# a local part that looks like one, with the provider in brackets: "rut.lind (hotmail)"
_EMAIL_PAREN = re.compile(
    rf"(?<![\w.@])(?P<local>[\w][\w+-]*[._\d][\w.+-]*[\w])\s*\((?i:{_PROVIDERS})"
    r"(?:\s*(?:\.|punkt|dot)\s*[a-z]{2,6})?\)"
)
_EMAIL_NO_TLD = re.compile(
    r"(?<![\w.])[\w][\w.+-]*@[\w-]+(?:[.,]\s?[a-z]{2,6}(?:\.[a-z]{2,6})?)?(?![\w@])"
)  # "stina@telia", "j.smith@yahoo.co.uk"
_EMAIL_SPACED = re.compile(
    r"(?<!\w)(?:\w ){2,}(?:[.@] ?(?:\w ?){2,})+(?:\w)(?!\w)"
)  # p e r . s @ g m a i l . c o m
# an address with spaces around its dots and "@": "sven . olsson @ telia . com"
_EMAIL_SPACED_WORDS = re.compile(
    r"(?<![\w.@])\w[\w+-]*(?:\s*\.\s*\w[\w+-]*)*\s+@\s+\w[\w-]*(?:\s*\.\s*[a-z]{2,6})+(?![\w@])"
)
_EMAIL_CUE = re.compile(
    r"(?i:mejl|mail|e-post|epost|e-mail|email|adress|svara\s+till|skriv\s+till|kontakta\s+mig|"
    r"nå\s+mig|nås)"
)
# "lukasz punkt h snabel-a …": words joined by "punkt"/"dot" before an address's local part
_LOCAL_IN_WORDS = re.compile(r"(?:[\w]+\s+(?i:punkt|dot)\s+)+$")


def _word_emails(text: str) -> Iterator[Span]:
    for match in _EMAIL_WORDS.finditer(text):
        local = match.group("local")
        # "jag på gmail" is not an address: with "på"/"hos" the local part must look like one
        # (a dot, a digit, an underscore), or a mail word or a top-level domain must be near
        cue = _EMAIL_CUE.search(text, max(0, match.start() - 40), match.start())
        joint = text[match.end("local") : match.start("host")].strip().casefold()
        strong = joint not in ("på", "hos") or bool(match.group("tld"))
        # "per punkt olsson hos yahoo": a local part in words is one
        spelled = _LOCAL_IN_WORDS.search(text, max(0, match.start() - 60), match.start())
        if strong or re.search(r"[._\d+-]", local) or cue or spelled:
            yield match.start(), match.end(), quick.EMAIL_MARK
    if "(" in text:
        for match in _EMAIL_PAREN.finditer(text):
            yield match.start(), match.end(), quick.EMAIL_MARK
    for match in _EMAIL_PROVIDER_FIRST.finditer(text):
        yield match.start("local"), match.end("local"), quick.EMAIL_MARK
    if "@" in text:
        for match in _EMAIL_NO_TLD.finditer(text):
            yield match.start(), match.end(), quick.EMAIL_MARK
        for match in _EMAIL_SPACED_WORDS.finditer(text):
            yield match.start(), match.end(), quick.EMAIL_MARK
        for match in _EMAIL_SPACED.finditer(text):
            if "@" in match.group():
                yield match.start(), match.end(), quick.EMAIL_MARK


# (seventh round) a handle after "@" that is no e-mail address's domain: "@amanda.sjolund",
# "@lisa_nordin" (a name in parts), "@amanda" (a listed name alone); not "@vasterasstad"
_HANDLE_NAMED = re.compile(
    r"(?i:(?<![^\W\d_])(?:kallar\s+(?:sig|hon|han|hen|honom|henne)|heter|hette|"
    r"användarnamn|användarnamnet|calls\s+(?:herself|himself)|called|username|handle))"
    r"\s*:?\s*[\"'“”]?$"
)
_MENTION = re.compile(r"(?<![\w.@+-])@(?P<h>[^\W\d_][\w]*(?:[._-][\w]+)*)(?![\w@])")


# (eleventh round) a Reddit user's handle: "u/eskilstunabo88" (a subreddit is "r/…")
_REDDIT_USER = re.compile(r"(?<![\w/])u/(?P<h>[\w-]{3,20})(?![\w/])")


def _name_first(handle: str) -> bool:
    """(eleventh round) A handle in one part made of a listed given name and a town, another
    name or digits (``lindaeskilstuna``, ``annasvensson``, ``ahmed1987``): a person's, as an
    organisation's seldom is (``eskilstunakommun`` is no Eskil's)."""
    letters = re.match(r"[^\W\d_]+", handle)
    if letters is None:
        return False
    word = letters.group().casefold()
    more = len(handle) > len(word)  # digits or a part after a dot: "ahmed1987", "linus.h"
    for cut in range(3, len(word) + 1):
        if not people.given_name(word[:cut], words=True):
            continue
        rest = word[cut:]
        if (not rest and more) or (
            len(rest) >= 3 and (people.listed(rest) or rest in people.places())
        ):
            return True
    return False


def _mentions(text: str) -> Iterator[Span]:
    if "u/" in text:
        for match in _REDDIT_USER.finditer(text):
            yield match.start("h"), match.end("h"), people.NAME_MARK
    if "@" not in text:
        return
    for match in _MENTION.finditer(text):
        parts = [p for p in re.split(r"[._\-\d]+", match.group("h")) if p]
        if (
            (len(parts) >= 2 and all(len(p) >= 2 for p in parts[:2]))
            or (len(parts) == 1 and people.could_be_name(parts[0]) and people.listed(parts[0]))
            or _name_first(match.group("h"))
            # (ninth round) any handle a person is said to go by: "kallar sig @lindaa.k"
            or _HANDLE_NAMED.search(text, max(0, match.start() - 30), match.start()) is not None
        ):
            yield match.start("h"), match.end("h"), people.NAME_MARK


# -- addresses -----------------------------------------------------------------------------------

_MONTHS = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_AFTER_NUMBER = re.compile(rf"\s*(?i:{_MONTHS})\b")
_HOUSE = r"[1-9]\d{0,3}(?:(?:[A-Za-z]|\s[A-Z])(?![^\W_]))?"  # 12, 12b, 12 B; not "1 i"
_FLOOR_ONE = (
    r"\s*,?\s*(?:(?i:lgh|lägenhet(?:snummer|snr)?|lägenhetsnr|lgh-nr|lghnr)\.?\s*\d{1,4}"
    r"|\d{1,2}\s?(?i:tr|trappor|vån|våningen)\b\.?|(?i:våning|vån)\.?\s*\d{1,2}\b"
    r"|\s(?:nb|NB|bv|BV|ög|ÖG)\b"
    r"|(?i:flat|apt|apartment|unit)\.?\s*(?:no\.?\s*)?\d{1,4}\b)"
)
_FLOOR = rf"(?:{_FLOOR_ONE})?"
_POSTAL = r"(?:\s*,?\s*\d{3}\s?\d{2}(?:\s+[A-ZÅÄÖ][^\W\d_]+)?)?"
_ABBREVIATED = re.compile(
    rf"(?<![^\W_])(?:[A-ZÅÄÖ][^\W\d_]+\s+[a-zåäö][^\W\d_]{{2,}}|[A-ZÅÄÖ][^\W\d_]{{3,}})"
    rf"(?<!n)(?:g|v|gat|vä|väg)\.?\s+(?P<n>{_HOUSE})"
    rf"{_FLOOR}{_POSTAL}(?![^\W_])"
)
# a lower-case abbreviated street after "på" or "adress": "soptunnan på tallbacksv 3"
_ABBREVIATED_LOWER = re.compile(
    rf"(?i:(?<![^\W\d_])(?:på|adress(?:en)?\s*:?|adr\.?))\s+(?P<a>[a-zåäö][^\W\d_]{{3,}}(?<!n)"
    rf"(?:g|v|gat|väg)\.?\s+(?!(?:19|20)\d\d\b){_HOUSE}{_FLOOR}{_POSTAL})(?![^\W_])"
)
_BOX = re.compile(rf"(?<![^\W_])(?i:box|pl|postbox)\s+\d{{1,5}}{_POSTAL}(?![^\W_])")
_CUED = re.compile(
    r"(?i:bor\s+på|adress(?:en)?(?:\s+är)?\s*:?|adr\.?:?|skicka\s+(?:\w+\s+){0,2}till|"
    r"postadress\s*:?|huset\s+på|vi\s+bor\s+på|rätt\s+är|inte)\s+"
    rf"(?P<a>(?:[A-ZÅÄÖ][^\W\d_]+\s){{0,2}}[A-ZÅÄÖ][^\W\d_]{{2,}}\s+(?!(?:19|20)\d\d\b){_HOUSE}"
    rf"{_FLOOR}{_POSTAL})"
    r"(?![^\W_])"
)
_NUMBER_FIRST = re.compile(
    r"(?i:(?:live|living|lives)\s+(?:at|on)|address\s*:?)\s+"
    # (eighth round) a flat before the number, English-fashion: "flat 1203, 27 Vallbyleden"
    r"(?P<a>(?:(?i:flat|apt|apartment|unit)\.?\s*(?i:no\.?\s*)?\d{1,4}\s*,?\s*)?\d{1,4}\s+"
    r"[A-ZÅÄÖ][^\W\d_]+(?:\s(?:[A-ZÅÄÖ][^\W\d_]+|street|road|väg|gata))?)"
)
# (seventh round) the number first, English-fashion, before a Swedish street's name: "12
# Björkgatan is my address"
_NUMBER_BEFORE_STREET = re.compile(
    r"(?<![\w.,:/-])[1-9]\d{0,3}[A-Za-z]?\s+[A-ZÅÄÖ][^\W\d_]*(?:gatan|vägen|gränd|gränden|"
    r"stigen|allén|backen|leden|slingan|stråket|gången|ringen|torget|platsen)(?![^\W_]|\s*\d)"
)
# (eighth round) "nr" or "nummer" between a street's name and its number ("Ringvägen nr 8"),
# or the number first and the street after "på" ("nummer 17 på Granitvägen")
_STREETS = (
    r"(?:gatan|vägen|gränd|gränden|stigen|allén|backen|leden|slingan|stråket|gången|ringen|"
    r"torget|platsen)"
)
_STREET_NR = re.compile(
    rf"(?<![^\W_])[A-ZÅÄÖa-zåäö][^\W\d_]*{_STREETS}\s+(?i:nr|nummer|no|number)\.?\s*{_HOUSE}"
    rf"{_FLOOR}{_POSTAL}(?![^\W_]|[.,:]\d)"
)
# (ninth round) the word "nummer" goes with the address: it says the number is the house's
_NR_ON_STREET = re.compile(
    rf"(?P<a>(?i:(?<![^\W\d_])(?:nr|nummer|number|no)\.?)\s*{_HOUSE}\s+(?:på|i|on)\s+"
    rf"[A-ZÅÄÖ][^\W\d_]*{_STREETS})(?![^\W_])"
)
# (eleventh round) a house number in words after the street ("Vilstavägen nummer tjugoett"):
# after "nr"/"nummer", or a word of four letters or more ("Storgatan en gång" is no address)
_STREET_WORDS = _STREETS[3:-1].split("|")
_STREET_SPELLED = re.compile(
    rf"(?<![^\W_])[A-ZÅÄÖ][^\W\d_]*{_STREETS}\s+(?:(?P<nr>(?i:nr|nummer)\.?)\s+)?"
    rf"(?P<n>{_NUMBER_WORDS_ONLY.pattern})"
)
# (eleventh round) a place's name, a farm's word after it, and a postal code with its town: "Lilla
# Ekeby gård, 635 19 Eskilstuna" (a rural address needs no house number)
_PLACE_POSTAL = re.compile(
    r"(?<![^\W_])(?P<w>(?:[A-ZÅÄÖ][^\W\d_]+\s){0,2}[A-ZÅÄÖ][^\W\d_]{2,}"
    r"(?:\s(?:gård|gården|torp|torpet|säteri|hemman))?)\s*,\s*[1-9]\d{2}\s?\d{2}\s+"
    r"[A-ZÅÄÖ][^\W\d_]+(?![^\W_]|\d)"
)
_ON_PLACE = re.compile(
    rf"(?<![^\W\d_])(?:på|vid|till)\s+(?P<a>[A-ZÅÄÖ][^\W\d_]{{3,}}(?:-[A-ZÅÄÖ][^\W\d_]+)?\s+"
    # (eighth round) a village and a farm's or a hill's word: "till Sevalla Berg 3"
    r"(?:[A-ZÅÄÖ][^\W\d_]{2,}\s+)?"
    r"(?!(?:19|20)\d\d\b)"
    rf"{_HOUSE}{_FLOOR}{_POSTAL})"
    r"(?![^\W_]|[.,:]\d)"
)
_NAMED_STREET = re.compile(
    rf"(?<![^\W_])(?:[A-ZÅÄÖ][^\W\d_]+\s)?[A-ZÅÄÖ][^\W\d_]+s\s(?i:gata|väg|plats|gränd|allé|"
    rf"plan|torg|backe|stig|park|gård)\s+{_HOUSE}{_FLOOR}{_POSTAL}(?![^\W_])"
)
_FLOOR_AFTER = re.compile(_FLOOR_ONE)
# a flat or a floor after a house number makes it a home, whatever the street's name: "Bäckby
# Centrum 5, lgh 3"
_WITH_FLAT = re.compile(
    rf"(?<![^\W_])(?:[A-ZÅÄÖ][^\W\d_]+\s){{0,2}}[A-ZÅÄÖ][^\W\d_]{{2,}}\s+{_HOUSE}(?:{_FLOOR_ONE})"
    rf"{_POSTAL}(?![^\W_])"
)
# lower case after "bor på" / "adress": "jag bor på bäckby centrum 3"
_CUED_LOWER = re.compile(
    r"(?i:(?<![^\W\d_])(?:bor\s+på|adress(?:en)?(?:\s+är)?\s*:?))\s+"
    rf"(?P<a>(?P<w>[a-zåäö][^\W\d_]{{2,}})(?:\s[a-zåäö][^\W\d_]+){{0,2}}\s+"
    rf"(?!(?:19|20)\d\d\b){_HOUSE}{_FLOOR}{_POSTAL})(?![^\W_]|[.,:]\d)"
)
# the word before a street's name that belongs to it: "Östra Kyrkog. 4", "Norra Ringvägen 15"
_DIRECTION_BEFORE = re.compile(
    r"(?:Östra|Västra|Norra|Södra|Stora|Lilla|Nedre|Övre|Gamla|Nya|Inre|Yttre|"
    # (seventh round) a saint's abbreviation: "St. Göransgatan 8", "S:t Eriksgatan 5"
    r"St\.|S:t|Sankt) $"
)
# Swedish street names that end like a place, with a house number: "Råbyskogen 5",
# "Kopparlunden 9", "Klockartorpet 15" (never before a month: "… 12 mars")
_PLACE_STREET = re.compile(
    r"(?<![^\W_])[A-ZÅÄÖ][^\W\d_]{2,}(?:skogen|lunden|torpet|berget|dalen|holmen|viken|"
    rf"hagen|ängen|gärdet|udden|backen|höjden|hemmet|åsen|löten|slätten|tegen)\s+{_HOUSE}"
    rf"{_FLOOR}{_POSTAL}(?![^\W_]|[.,:]\d)"
)


# a name and a house number set off by a comma after "bor" in the same sentence: "vi bor ute på
# landet, Kärrbo Prästgård 3, och …" (no street suffix: the sentence says it is a home)
_LIVE_AT = re.compile(
    r"(?i:(?<![^\W\d_])(?:bor|bodde|adress|adressen))(?![^\W\d_])[^.!?\n\d]{0,40}?,\s*"
    rf"(?P<a>(?:[A-ZÅÄÖ][^\W\d_]+\s){{0,2}}[A-ZÅÄÖ][^\W\d_]{{2,}}\s+(?!(?:19|20)\d\d\b)"
    rf"{_HOUSE}{_FLOOR}{_POSTAL})(?![^\W_]|[.,:]\d)"
)


def _addresses(text: str, taken: list[Span]) -> Iterator[Span]:
    if any(street in text for street in _STREET_WORDS):
        for match in _STREET_SPELLED.finditer(text):
            if match.group("nr") or len(match.group("n")) >= 4:
                yield match.start(), match.end(), quick.ADDRESS_MARK
    if not any(c.isdigit() for c in text):
        return
    for match in _ABBREVIATED.finditer(text):
        if not _AFTER_NUMBER.match(text, match.end("n")) and _street_like(match.group()):
            yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _ABBREVIATED_LOWER.finditer(text):
        if not _AFTER_NUMBER.match(text, match.end("a")):
            yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _BOX.finditer(text):
        yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _CUED.finditer(text):
        if not _AFTER_NUMBER.match(text, match.end("a")):
            yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _ON_PLACE.finditer(text):
        words = [w.casefold() for w in match.group("a").split() if not w[0].isdigit()]
        if (
            words[0] not in people.places()
            and not _AFTER_NUMBER.match(text, match.end("a"))
            and not any(_NOT_PLACE_WORD.match(w) for w in words)
            # (a second word: a village's farm or hill, no town's or region's name)
            and not (len(words) > 1 and words[1] in people.places() and not everyday(words[1]))
        ):
            yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _NAMED_STREET.finditer(text):
        if not _AFTER_NUMBER.match(text, match.end()):
            yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _NUMBER_FIRST.finditer(text):
        yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _PLACE_POSTAL.finditer(text):
        words = [w.casefold() for w in match.group("w").split()]
        # a farm's word, or a name no dictionary holds; never an organisation's or an office's
        if (
            words[-1] in ("gård", "gården", "torp", "torpet", "säteri", "hemman")
            or not all(everyday(w) for w in words)
        ) and not any(people.organisation(w) for w in words):
            yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _STREET_NR.finditer(text):
        yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _NR_ON_STREET.finditer(text):
        yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _NUMBER_BEFORE_STREET.finditer(text):
        yield match.start(), match.end(), quick.ADDRESS_MARK
    for pattern in (_BEFORE_POSTAL, _STREET_WORD):
        for match in pattern.finditer(text):
            if not _AFTER_NUMBER.match(text, match.end()):
                yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _WITH_FLAT.finditer(text):
        words = match.group().split()
        if not any(_NOT_PLACE_WORD.match(w.casefold()) for w in words[:-1] if w.isalpha()):
            yield match.start(), match.end(), quick.ADDRESS_MARK
    for match in _CUED_LOWER.finditer(text):
        if not (
            _AFTER_NUMBER.match(text, match.end("a"))
            or _NOT_HOUSE_AFTER.match(text, match.end("a"))
            or _NOT_PLACE_WORD.match(match.group("w"))
        ):
            yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _LIVE_AT.finditer(text):
        words = match.group("a").split()
        if not (
            _AFTER_NUMBER.match(text, match.end("a"))
            or _NOT_HOUSE_AFTER.match(text, match.end("a"))
            or any(_NOT_PLACE_WORD.match(w.casefold()) for w in words if w.isalpha())
        ):
            yield match.start("a"), match.end("a"), quick.ADDRESS_MARK
    for match in _PLACE_STREET.finditer(text):
        if not _AFTER_NUMBER.match(text, match.end()) and not _NOT_HOUSE_AFTER.match(
            text, match.end()
        ):
            yield match.start(), match.end(), quick.ADDRESS_MARK
    # a floor after an address the quick pass found: "Skolgatan 12, 3 tr"
    for start, end, mark in taken:
        if mark == quick.ADDRESS_MARK:
            floor = _FLOOR_AFTER.match(text, end)
            if floor:
                yield start, floor.end(), quick.ADDRESS_MARK


# Capitalised words before a number that are not a place: "på Plan 3", "på Sida 2", "Vecka 12"
_NOT_PLACE_WORD = re.compile(
    r"(?:plan|sida|vecka|våning|nummer|rum|sal|hus|kassa|lucka|buss|linje|version|kapitel|"
    r"punkt|steg|grad|nivå|klass|år|dag|timme|minut)$"
)


# a name and a house number followed by a postal code: "Stockby 44, 725 97 Västerås"; a street
# word of its own: "Stenby Torg 3", "Bäckby Torg 4" (a house number and a postal code never start
# with 0: "Ring 0701 234 56" is a phone number)
_BEFORE_POSTAL = re.compile(
    r"(?<![^\W_])(?:[A-ZÅÄÖ][^\W\d_]+\s){0,2}[A-ZÅÄÖ][^\W\d_]{2,}\s+[1-9]\d{0,3}[A-Za-z]?"
    r"(?:\s*,\s*|\s+)[1-9]\d{2}\s?\d{2}(?:\s+[A-ZÅÄÖ][^\W\d_]+)?(?![^\W_]|\d)"
)
_STREET_WORD = re.compile(
    r"(?<![^\W_])(?:[A-ZÅÄÖ][^\W\d_]+\s)?[A-ZÅÄÖ][^\W\d_]+\s(?i:torg|gata|väg|backe|gränd|allé|"
    # (sixth round) the definite forms as a word of their own: "Stora Gatan 19"
    r"stig|park|plan|gård|torget|gatan|vägen|backen|gränden|stigen|parken|gården)\s+"
    rf"{_HOUSE}{_FLOOR}{_POSTAL}(?![^\W_]|[.,:]\d)"
)
# a number that counts something, not a house: "Lögarängen 5 gånger", "… 3 år"
_NOT_HOUSE_AFTER = re.compile(
    r"\s*(?i:gånger|gång|år|dagar|dag|veckor|vecka|minuter|min|timmar|kr|kronor|st|procent|%|"
    r"km|mil|meter|m|h|kvarter)\b"
)


# (sixth round) what belongs to an address after its house number, whatever found it: a range of
# numbers ("Hökåsens allé 2-6"), a stairwell or entrance ("uppgång B", "port 3"), a floor, and
# the town after a comma ("Lillhamravägen 11, Västerås", "Gamla Tidövägen 7, Tillberga"); before
# it, a postal code and town ("722 15 Västerås, Stora Gatan 19")
_ADDRESS_TAIL = re.compile(
    r"[-–]\d{1,4}[A-Za-z]?(?![^\W_])"
    # (eighth round) whose care it comes in after the number: "Fabriksgatan 18 c/o Stödboendet"
    r"|\s*,?\s*(?i:c/o)\s+[A-ZÅÄÖ][^\W\d_]+(?:\s[A-ZÅÄÖ][^\W\d_]+)?"
    r"|\s*,?\s*(?i:uppgång|uppg\.|ingång|port|trapphus|entré|hus)\s+(?:[A-Z]|\d{1,3})(?![^\W_])"
    rf"|{_FLOOR_ONE}"
    r"|\s*,\s*(?:\d{3}\s?\d{2}\s+)?(?P<town>[A-ZÅÄÖ][^\W\d_]{2,}(?:-[A-ZÅÄÖ][^\W\d_]+)?)"
    r"(?=\s*(?:[.,!?;)\n]|$|och\b|där\b)"
    # (ninth round) or a verb of the sentence the address is the subject of: "Vårt hus på
    # Bruksgatan 28, Skultuna har fått vatten …" (a listed place, or no dictionary word)
    r"|\s+(?:har|hade|är|var|blir|blev|fick|får|ligger|låg)\b(?P<verb>))"
)
_ADDRESS_HEAD = re.compile(r"(?<![^\W_])[1-9]\d{2}\s?\d{2}\s+[A-ZÅÄÖ][^\W\d_]+\s*,\s*$")
# one or two capitalised words and a house number opening a sentence, set off by a comma, no
# street suffix needed: "Barkarö Kyrkbyn 22, vägen dit plogas aldrig" (a sentence that opens
# with a place and a number is where someone lives; never before a date or a count)
_OPENING_ADDRESS = re.compile(
    r"(?:^|(?<=[.!?\n]\s))(?P<a>(?:[A-ZÅÄÖ][^\W\d_]+(?:-[A-ZÅÄÖ][^\W\d_]+)?\s){0,2}"
    rf"[A-ZÅÄÖ][^\W\d_]{{2,}}(?:-[A-ZÅÄÖ][^\W\d_]+)?\s+(?!(?:19|20)\d\d\b){_HOUSE}{_FLOOR})"
    r"(?=\s*,|\s+-\s)"  # (eighth round) or a dash: "Lillhärad Prästgården 2 – vi har …"
)


# and the same closing a comment after a comma, as a signature gives it: "Olle Berglund, Kärrbo
# Kyrkby 4"
_CLOSING_ADDRESS = re.compile(
    r"(?<=,\s)(?P<a>(?:[A-ZÅÄÖ][^\W\d_]+(?:-[A-ZÅÄÖ][^\W\d_]+)?\s){0,2}"
    rf"[A-ZÅÄÖ][^\W\d_]{{2,}}(?:-[A-ZÅÄÖ][^\W\d_]+)?\s+(?!(?:19|20)\d\d\b){_HOUSE}{_FLOOR})"
    r"(?=\s*[.!]?\s*$)"
)


def _opening_addresses(text: str) -> Iterator[Span]:
    for match in (*_OPENING_ADDRESS.finditer(text), *_CLOSING_ADDRESS.finditer(text)):
        words = [w.casefold() for w in match.group("a").split()[:-1] if w.isalpha() or "-" in w]
        # one word alone only when shaped like a place's name and no town ("Västerås 2",
        # "Windows 10", "Covid 19" are no homes)
        if len(words) == 1 and (
            words[0] in people.places() or not (people.place_shaped(words[0]) or "-" in words[0])
        ):
            continue
        if (
            words
            and not any(
                _NOT_PLACE_WORD.match(w) or _AFTER_NUMBER.match(w) or w in people.function_words()
                for w in words
            )
            and not all(everyday(w) for w in words)
        ):
            yield match.start("a"), match.end("a"), quick.ADDRESS_MARK


def _address_parts(text: str, spans: list[Span]) -> list[Span]:
    out = []
    for start, end, mark in spans:
        if mark == quick.ADDRESS_MARK:
            while (tail := _ADDRESS_TAIL.match(text, end)) is not None and tail.end() > end:
                town = tail.group("town")
                if town is not None and everyday(town) and town.casefold() not in people.places():
                    break
                # (a listed place, a place's shape, or a word neither dictionary nor list holds:
                # "Åsgatan 9, Kolbäck är tomt")
                if tail.group("verb") is not None and not (
                    town.casefold() in people.places()
                    or people.place_shaped(town.casefold())
                    or not (everyday(town) or people.listed(town))
                ):
                    break
                end = tail.end()
            head = _ADDRESS_HEAD.search(text, max(0, start - 40), start)
            if head is not None:
                start = head.start()
        out.append((start, end, mark))
    return out


def _extended_back(
    text: str, spans: list[Span], kind: str, before: re.Pattern[str], reach: int
) -> list[Span]:
    """Spans of ``kind`` started earlier where ``before`` ends right at them within ``reach``
    characters: a street's direction word (``Östra``), an address's local part in words."""
    out = []
    for start, end, mark in spans:
        if mark == kind:
            found = before.search(text, max(0, start - reach), start)
            if found:
                start = found.start()
        out.append((start, end, mark))
    return out


def _street_like(found: str) -> bool:
    word = found.split()[0].rstrip(".").casefold()
    return word not in people.places() and len(word) >= 4


_DISTANCE_AFTER = re.compile(
    r"\s*(?i:km|kilometer|mil|meter|gånger|gång|kvarter|hus|minuter)(?![^\W\d_])"
)


# (seventh round) the number is a year that goes on as a date: "bygglov 2026-03-14"
_NUMBER_GOES_ON = re.compile(r"(?<=(?:19|20)\d\d)[-/.]\d")
# a road's number, not a home: "riksväg 66", "länsväg 252", "väg 56" (in the indefinite form; a
# street may be called "Riksvägen")
_ROAD_NUMBER = re.compile(r"(?i:riksväg|länsväg|motorväg|europaväg|väg|rv\.?|lv\.?)\s*\d+$")


def _street_dates(text: str, spans: list[Span]) -> list[Span]:
    """The quick pass's addresses that are a street and a date ("Vasagatan 12 mars"), or a
    place and a distance or a count ("Sjöhagen 4 km bort", "Vasaparken 3 gånger"), a word and a
    date ("bygglov 2026-03-14") or a road's number ("riksväg 66")."""
    out = []
    for start, end, mark in spans:
        if mark == quick.ADDRESS_MARK and (
            _AFTER_NUMBER.match(text, end)
            or _DISTANCE_AFTER.match(text, end)
            or _NUMBER_GOES_ON.match(text, end)
            or _ROAD_NUMBER.fullmatch(text, start, end)
        ):
            continue
        out.append((start, end, mark))
    return out


# -- the whole -------------------------------------------------------------------------------------


# An organisation's desk right before a number: "Mälarenergis kundtjänst 021-xx xx xx",
# "växeln: 08-…". Such a number is the organisation's, unless it is a mobile number (a person's).
_DESK_BEFORE = re.compile(
    r"(?i:(?<![^\W\d_])(?:kundtjänst|kundservice|kundtjänsten|växel|växeln|växelnummer|support|"
    r"supporten|servicecenter|kontaktcenter|kontaktcentret|expedition|expeditionen|reception|"
    r"receptionen|felanmälan|jouren|journummer|switchboard|helpdesk|customer\s+service))"
    r"(?:\s+(?:på|har|nummer|nr|tel|telefon))?[\s:.]*$"
)
_MOBILE = re.compile(r"^(?:\+?46\s*\(?0?\)?\s*|0)7")
# (sixth round) an organisation named right before a number or an address, with at most a comma
# between: its own, published ("Region Västmanland 021-xx xx xx", "Mälardalens universitet,
# Universitetsplan 1"): an institution's word, a region, an agency's ending (-verket, -kassan …)
_LIVES = re.compile(r"(?i:(?<![^\W\d_])(?:bor|bodde|adress|adressen|hemma|live|lives)(?![^\W\d_]))")
_INSTITUTION_BEFORE = re.compile(
    r"(?i:(?<![^\W\d_])(?:region|regionen|landstinget|länsstyrelsen|universitet|universitetet|"
    r"högskola|högskolan|sjukhus|sjukhuset|vårdcentral|vårdcentralen|stadshuset|kommunhuset|"
    r"bibliotek|biblioteket|gymnasiet|gymnasium|museum|museet|"
    r"simhall|simhallen|ishall|ishallen|[^\W\d_]+(?:verket|kassan|myndigheten|förvaltningen|"
    # (ninth round) an agency's office in the genitive: "Försäkringskassans kontor på …"
    r"nämnden|polisen)(?:s\s+(?:kontor|lokaler|lokal|mottagning|filial|servicekontor))?|"
    # (from a probe) any long definite genitive before its office: "Polisens lokaler",
    # "Arbetsförmedlingens kontor" (not a person's: "Svens kontor")
    r"[A-ZÅÄÖ][^\W\d_]{4,}(?:ens|ets|ans)\s+(?:kontor|lokaler|lokal|mottagning|filial|"
    r"servicekontor|reception)|"
    # (ninth round) a company by its name's ending: "Mälarenergi på Sjöhagsvägen 3",
    # "Bostadsbolaget på …"
    r"[^\W\d_]+(?:energi|bostäder|fastigheter|bolaget|gruppen|koncernen)"
    r"(?:s\s+(?:kontor|lokaler|kundtjänst|reception))?(?:\s+AB)?|"
    # (seventh round) a compound of an institution's word, and "på" or "vid" before its
    # address: "Stadsbiblioteket på Biskopsgatan 2"
    r"[^\W\d_]*(?:biblioteket|museet|simhallen|ishallen|sjukhuset|vårdcentralen|gymnasiet|"
    r"badhuset|kulturhuset|stadshuset|kommunhuset|"
    # (eighth round) a business before its address: "Pizzerian på Vallbyleden 3"
    r"pizzerian|pizzeria|restaurangen|butiken|affären|kiosken|caféet|kaféet|frisören|"
    r"bageriet|macken|apoteket|gymmet|hotellet|verkstaden|salongen|kliniken|tandläkaren))"
    r"(?:\s+[A-ZÅÄÖ][^\W\d_]+)?)"
    r"(?:\s+(?:på|vid))?[\s,:]*$"
)


def _service_numbers(text: str, spans: list[Span]) -> list[Span]:
    out = []
    for start, end, mark in spans:
        if mark == quick.PHONE_MARK:
            number = text[start:end]
            if service_number(number):
                continue
            desk = _DESK_BEFORE.search(text, max(0, start - 40), start)
            desk = desk or _INSTITUTION_BEFORE.search(text, max(0, start - 40), start)
            if desk and not _MOBILE.match(re.sub(r"[\s().-]", "", number)):
                continue
        if (
            mark == quick.ADDRESS_MARK
            and _INSTITUTION_BEFORE.search(text, max(0, start - 40), start)
            # not where someone says they live: "Jag bor nära sjukhuset, Storgatan 5"
            and not _LIVES.search(re.split(r"[.!?\n]", text[:start])[-1])
        ):
            continue
        out.append((start, end, mark))
    return out


# (eighth round) numbers that are no person's, whatever a pattern took them for:
# - a company's Swish number (123 and seven digits; a private one is a mobile number);
# - a span of opening hours written as a phone number is: "06 00 - 14 00";
# - a number after a reference's name that python-stdnum does not accept as a personnummer:
#   "Referensnummer 2026-1104-7782" (a personnummer given as one still goes)
_SWISH = re.compile(
    r"(?i:swish)(?:-?(?i:nummer|numret|nr))?[\s:.]*(?P<n>123[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2})(?!\d)"
)
_HOURS = re.compile(
    r"(?<![\d+])(?:[01]\d|2[0-3])[ .:](?:00|15|30|45)\s*-\s*"
    r"(?:[01]\d|2[0-3])[ .:](?:00|15|30|45)(?![\d])"
)
_REFERENCE = re.compile(
    r"(?i:(?<![^\W\d_])(?:referens|ärende|order|faktura|diarie|boknings|kund|könummer|ocr|avi|"
    r"dnr|ref|bekräftelse|kvitto|beställnings|ansöknings|kontrakts)[^\W\d_]*)[\s:.#-]*$"
)


def _not_personal(text: str, spans: list[Span]) -> list[Span]:
    if not spans:
        return spans
    aside = [m.span("n") for m in _SWISH.finditer(text)] + [m.span() for m in _HOURS.finditer(text)]
    out = []
    for start, end, mark in spans:
        if mark in (quick.PHONE_MARK, quick.ADDRESS_MARK, quick.PERSONNUMMER_MARK) and any(
            s < end and start < e for s, e in aside
        ):
            continue
        if (
            mark == quick.PERSONNUMMER_MARK
            and _REFERENCE.search(text, max(0, start - 30), start)
            and not _personnummer_valid()(re.sub(r"\D", "", text[start:end]))
        ):
            continue
        out.append((start, end, mark))
    return out


# A mailbox named for a function, not a person: an agency's or a company's ("kundservice@…",
# "info@…", "registrator@…"); a person's address at the same domain still goes
_ROLE_MAILBOX = re.compile(
    r"(?i:info|kundservice|kundtjanst|kundtjänst|support|kontakt|kontaktcenter|registrator|"
    r"registratur|felanmalan|felanmälan|reception|vaxel|växel|servicecenter|noreply|no-reply|"
    r"kommun|kommunen|kansli|ekonomi|bygglov|miljo|miljö|press|faktura|fakturor|bokning|"
    r"booking|service|customerservice|help|helpdesk|office|kundcenter|medborgarservice|"
    r"servicecenter|post|postmottagning|diarium)@"
)


def role_mailbox(address: str) -> bool:
    """Whether ``address`` is a mailbox named for a function ("info@…", "kundservice@…"): an
    organisation's, which the thorough pass leaves (docs/privacy.md, "Redaction")."""
    return _ROLE_MAILBOX.match(address) is not None


# (seventh round) an extension after a number is part of it: "021-xx xx xx ankn. 231"
_EXTENSION = re.compile(
    r"\s*,?\s*(?i:ankn|anknytning|ank|ext|extension|lokal|vxl)\.?\s*:?\s*\d{1,5}(?!\d)"
)


def _extensions(text: str, spans: list[Span]) -> list[Span]:
    out = []
    for start, end, mark in spans:
        extension = _EXTENSION.match(text, end) if mark == quick.PHONE_MARK else None
        out.append((start, extension.end() if extension else end, mark))
    return out


def _role_mailboxes(text: str, spans: list[Span]) -> list[Span]:
    return [s for s in spans if s[2] != quick.EMAIL_MARK or not _ROLE_MAILBOX.match(text, s[0])]


_CARE_OF = re.compile(r"(?i:c/o)\s*$")


def _owners(text: str, spans: Iterable[Span]) -> list[Span]:
    """The quick pass's addresses and the capitalised words before each (whose address it is),
    unless those words are everyday ones: "Vid Stadshuset, Fiskartorget 1" names no one."""
    return [
        s
        for s in spans
        if s[2] != people.NAME_MARK
        or people.could_be_name(text[s[0] : s[1]])
        or _CARE_OF.search(text, max(0, s[0] - 6), s[0])  # "c/o Berg, Hälsovägen 3"
    ]


def find(text: str, allow: Iterable[str] = ()) -> list[Span]:
    """The spans of the normalised ``text`` that ``thorough`` replaces, merged."""
    taken = [(m.start(), m.end(), "") for m in _MARKS.finditer(text)]
    spans = _street_dates(text, quick._spans(text, with_names=False))
    spans += _owners(text, quick._names.addresses(text))
    spans = _street_dates(text, spans)
    spans += _library_phones(text)
    spans += _spelled_phones(text)
    if any(c.isdigit() for c in text):  # (a digit group among the words: cheap to rule out)
        spans += _foreign_spelled_phones(text)
    spans += _split_phones(text)
    spans += _local_phones(text)
    spans += _spelled_personnummer(text)
    spans += _odd_personnummer(text)
    spans += _word_emails(text)
    spans += _mentions(text)
    spans += _addresses(text, spans)
    spans = _street_dates(text, spans)
    spans += _opening_addresses(text)
    spans = _extended_back(text, spans, quick.ADDRESS_MARK, _DIRECTION_BEFORE, 7)
    spans = _address_parts(text, spans)
    spans = _service_numbers(text, spans)
    spans = _not_personal(text, spans)
    spans = _extended_back(text, spans, quick.EMAIL_MARK, _LOCAL_IN_WORDS, 60)
    spans = _extended_back(text, spans, quick.PERSONNUMMER_MARK, _CENTURY_BEFORE, 3)
    # the marks of an earlier pass are no words of the comment (a second pass reads as the first)
    spans += people.names(text, [*spans, *((s, e, text[s:e]) for s, e, _ in taken)])
    # after the names, so that a mailbox's words are read as a mailbox's, not as a name
    spans = _role_mailboxes(text, spans)
    spans = allowed(tuple(allow)).filter(text, spans)
    # (an allowed number keeps its extension: "021-39 00 00 ankn. 12")
    spans = _extensions(text, spans)
    spans = [s for s in spans if not any(s[0] < te and ts < s[1] for ts, te, _ in taken)]
    return [quick._trim_brackets(text, s) for s in quick._merge(spans)]


def thorough(text: str, allow: Iterable[str] = ()) -> str:
    """``text`` with personal data replaced (module docstring); ``allow``: published contact
    points of the municipality that stay as written."""
    if not text:
        return text
    view = normalise(text)
    spans = find(view.text, tuple(allow))
    if not spans:
        return text
    return substitute(text, view, spans)


@cache
def warm() -> None:
    """Load the lists and the phone metadata now (a benchmark's or a cold start's choice)."""
    thorough("Ring Anna på noll sju noll, ett två tre")
