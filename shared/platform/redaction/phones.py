"""Phone numbers for the thorough pass (step 2 of ``shared.platform.redaction.thorough``):
``phonenumbers``' matcher with Sweden as the home region (an underscore between digits a space,
the letter O beside a digit a zero, a letter glued to a number apart, a line break inside a number
a space), numbers spelled in words (Swedish, English; another language's digit words with digit
groups; twelfth round: in those words alone, and their teens and tens), a number given in two
parts, and a local number without its area code after a call's
word. Which of them are an agency's or a company's is decided in ``thorough``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.platform import redaction as quick
from shared.platform.redaction.finders import Span, _phonenumbers, _service_types, lazy
from shared.platform.redaction.identity_numbers import _DIGIT
from shared.platform.redaction.number_words import _NUMBER_WORDS_ONLY, _number_runs, _word_value

# -- phone numbers ---------------------------------------------------------------------------------

# (thirteenth round) the words for a phone and its number in the languages residents write in,
# with the possessive forms they take before the number ("رقم هاتفي 07…", "Telefonum 07…",
# "Lambarkaygu 07…"): a label, never a name (read by the names' rules)
# fmt: off
NUMBER_LABELS = frozenset({
    "هاتف", "هاتفي", "رقم", "رقمي", "جوال", "جوالي", "موبايل", "موبايلي", "تلفون", "تلفوني",
    "تلفن", "تلفنم", "موبایل", "موبایلم", "شماره", "شمارهام", "شمارهٔ",
    "telefon", "telefonum", "telefonu", "telefonun", "numara", "numaram", "numarası", "cep",
    "lambar", "lambarka", "lambarkaygu", "lambarkeyga", "taleefan", "taleefanka",
    "mobitel", "mobitela", "mobilni", "broj", "numer", "numeru", "komórka", "komórki",
    "puhelin", "puhelinnumero", "puhelinnumeroni", "numero", "numeroni", "kännykkä",
    "hejmar", "hejmara", "hejmarê", "telefona", "mobile", "phone", "handy", "handynummer",
    "číslo", "cislo",
})
# fmt: on


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
_UNDERSCORE = lazy(r"(?<=\d)_(?=\d)")
_LETTER_O = lazy(r"(?<=\d)[Oo](?=[\d\s-])|(?<![^\W\d_])[Oo](?=\d)")
# "Mobil:07NNNNNNNNHem:…": a letter right after a number's digits ends it (the matcher will not
# take digits glued to a word)
_GLUED = lazy(r"(?<=\d)[^\W\d_]")
# and a letter glued before a number with its trunk zero: "Elin07NNNNNNNN" (the matcher wants
# no letter before a number; the name before it is the names' finders' to read)
_GLUED_BEFORE = lazy(r"[^\W\d_](?=0\d{6})")


# (eighth round) a number the line broke: "ring mig på 073-41\n2 55 80" (a part too short for a
# number before the break, the whole as long as one: a newline there is a space, same length)
_BROKEN_LINE = lazy(r"(?<![\d\w])(?P<a>\+?\d[\d -]{1,9}\d)\n(?P<b>\d[\d -]{0,12}\d)(?![\d\w])")


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
    text = _GLUED_BEFORE.sub(" ", _GLUED.sub(" ", text))
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


_PHONE_CUE = lazy(r"(?i:nummer|numret|nr|mobil|mobilen|telefon|tel|tfn|ring|ringa|sms)")


# a phone number given in two parts: "numret börjar på 07xx och sen xx xx xx", "07x-xx ... sen
# xx xxx" (a trunk zero first, nine to eleven digits in all)
_SPLIT_PHONE = lazy(
    r"(?<![\w+])(?P<a>0\d{1,3}(?:[ -]?\d{1,3})?)"
    r"\s*(?:\.{2,}|…|,)?\s*(?i:och\s+)?(?i:sen|sedan|därefter|then|resten(?:\s+är)?)\s*:?\s*"
    r"(?P<b>\d{1,3}(?:[ -]?\d{1,3}){0,3})(?![\w])"
)


# (ninth round) a landline's local number without its area code, in pairs or a group of three
# and pairs ("xx xx xx", "xxx xx xx", "xx-xx xx"), a call's word before it in the sentence
_LOCAL_PHONE = lazy(
    r"(?<![\w+.,:/-])(?:[1-9]\d|[1-9]\d\d)[ -]\d\d[ ]\d\d(?![\w.,:]?\d)"
    r"(?!\s*(?i:kr|kronor|st|år|m|km|%))"
)
_CALL_BEFORE = lazy(
    r"(?i:(?<![^\W\d_])(?:ring|ringa|ringer|nå|når|nås|telefon|tel|tfn|hemnummer|fast\s+telefon|"
    r"numret|nummer|landline|call))(?![^\W\d_])[^.!?\n\d]{0,30}$"
)


# (a reference's number, not a phone's: "ärende xx xx xx", "kundnummer xxx xx xx")
_REFERENCE_BEFORE = lazy(
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
# (twelfth round) their teens and tens, as a number is said in pairs ("zero siedemdziesiąt trzy,
# dwadzieścia jeden …"): a ten followed by a digit's word is one two-digit group; Finnish writes
# them as one word ("seitsemänkymmentäkolme", "kaksitoista")
_FOREIGN_TENS = {
    word: value
    for value, words in (
        (10, "dziesięć dziesiec deset kymmenen"),
        (11, "jedenaście jedenascie jedanaest"),
        (12, "dwanaście dwanascie dvanaest"),
        (13, "trzynaście trzynascie trinaest"),
        (14, "czternaście czternascie četrnaest cetrnaest"),
        (15, "piętnaście pietnascie petnaest"),
        (16, "szesnaście szesnascie šesnaest sesnaest"),
        (17, "siedemnaście siedemnascie sedamnaest"),
        (18, "osiemnaście osiemnascie osamnaest"),
        (19, "dziewiętnaście dziewietnascie devetnaest"),
        (20, "dwadzieścia dwadziescia dvadeset yirmi"),
        (30, "trzydzieści trzydziesci trideset otuz"),
        (40, "czterdzieści czterdziesci četrdeset cetrdeset kırk kirk"),
        (50, "pięćdziesiąt piecdziesiat pedeset elli"),
        (60, "sześćdziesiąt szescdziesiat šezdeset sezdeset altmış altmis"),
        (70, "siedemdziesiąt siedemdziesiat sedamdeset yetmiş yetmis"),
        (80, "osiemdziesiąt osiemdziesiat osamdeset seksen"),
        (90, "dziewięćdziesiąt dziewiecdziesiat devedeset doksan"),
    )
    for word in words.split()
}
_FINNISH_UNITS = ("yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi", "seitsemän", "kahdeksan",
                  "yhdeksän")  # fmt: skip
_FINNISH_UNIT = "|".join(_FINNISH_UNITS)
_FINNISH_COMPOUND = lazy(
    rf"(?P<u>{_FINNISH_UNIT})(?:(?P<teen>toista)|kymmentä(?P<rest>{_FINNISH_UNIT})?)"
)


def _foreign_value(word: str) -> str:
    """The digits of one of these words ("" for none): "siedem" 7, "dwadzieścia" 20,
    "kaksikymmentäkolme" 23, "kaksitoista" 12."""
    folded = word.casefold()
    if folded in _FOREIGN_DIGITS:
        return _FOREIGN_DIGITS[folded]
    if folded in _FOREIGN_TENS:
        return str(_FOREIGN_TENS[folded])
    compound = _FINNISH_COMPOUND.fullmatch(folded)
    if compound is None:
        return ""
    unit = _FINNISH_UNITS.index(compound.group("u")) + 1
    if compound.group("teen"):
        return str(10 + unit)
    rest = compound.group("rest")
    return str(10 * unit + (_FINNISH_UNITS.index(rest) + 1 if rest else 0))


_WORD = lazy(r"[^\W\d_]+")
_FOREIGN_DIGIT_WORD = "|".join(
    [
        *sorted([*_FOREIGN_DIGITS, *_FOREIGN_TENS], key=len, reverse=True),
        rf"(?:{_FINNISH_UNIT})(?:toista|kymmentä(?:{_FINNISH_UNIT})?)",
    ]
)
_FOREIGN_SPELLED = lazy(
    rf"(?<![^\W_])(?:(?:{_FOREIGN_DIGIT_WORD})(?![^\W_])|\d+)"
    rf"(?:[\s,.-]{{1,3}}(?:(?:{_FOREIGN_DIGIT_WORD})(?![^\W_])|\d+)){{2,14}}",
    re.IGNORECASE,
)


def _foreign_digits(parts: list[str]) -> str:
    """The digits of a run of these words and digit groups: a ten (20–90) and a digit's word
    after it are one group ("dwadzieścia jeden" 21)."""
    out, i = "", 0
    while i < len(parts):
        part = parts[i]
        value = part if part.isdigit() else _foreign_value(part)
        nxt = parts[i + 1] if i + 1 < len(parts) else ""
        if (
            len(value) == 2
            and value.endswith("0")
            and value != "10"
            and not nxt.isdigit()
            and nxt.casefold() in _FOREIGN_DIGITS
            and _FOREIGN_DIGITS[nxt.casefold()] != "0"
        ):
            value, i = value[0] + _FOREIGN_DIGITS[nxt.casefold()], i + 1
        out, i = out + value, i + 1
    return out


# (twelfth round) a number said wholly in words, no digit group among them ("nolla seitsemän
# nolla, kaksi kaksi yksi, …"), starts with its trunk zero: the word for it lets the finder run
_FOREIGN_ZERO = lazy(r"(?i:(?<![^\W_])(?:nula|zero|nolla|sıfır|sifir|eber)(?![^\W_]))")


def _foreign_zero(text: str) -> bool:
    folded = text.casefold()
    return any(w in folded for w in ("nula", "zero", "nolla", "sıfır", "sifir", "eber")) and bool(
        _FOREIGN_ZERO.search(text)
    )


def _foreign_spelled_phones(text: str) -> Iterator[Span]:
    """(eleventh round) A phone number said in another language's digit words, two or more of
    them, with digit groups among them: "zovite me na nula sedam nula 223 44 91"; (twelfth
    round) or in words alone (``find`` asks only of a comment with a digit or a word for zero)."""
    folded = text.casefold()
    words = _WORD.findall(folded)
    count = sum(w in _FOREIGN_DIGITS or w in _FOREIGN_TENS for w in words)
    if count < 2 and ("kymment" in folded or "toista" in folded):
        count += sum(_FINNISH_COMPOUND.fullmatch(w) is not None for w in words)
    if count < 2:
        return
    for match in _FOREIGN_SPELLED.finditer(text):
        parts = re.findall(r"[^\W\d_]+|\d+", match.group())
        words = [p for p in parts if not p.isdigit()]
        if len(words) < 2:
            continue
        digits = _foreign_digits(parts)
        if 8 <= len(digits) <= 13 and digits[0] == "0":
            yield match.start(), match.end(), quick.PHONE_MARK
