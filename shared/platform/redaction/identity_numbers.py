"""Personnummer in the forms the quick pass leaves, for the thorough pass (step 3 of
``shared.platform.redaction.thorough``): spelled in words after the number's name, interim and
reserve numbers, a number in two parts, dotted or spaced dates, a birth date in words before the
last four, a neighbour country's identity number by its name or by python-stdnum, the century
typed apart; (twelfth round) a dated number right after its name, a JMBG; a reference's number
only if python-stdnum accepts it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.platform import redaction as quick
from shared.platform.redaction.finders import (
    Span,
    _eleven_digit_id_valid,
    _hetu_valid,
    _jmbg_valid,
    _personnummer_valid,
)
from shared.platform.redaction.number_words import _NUMBER_WORDS_ONLY, _number_runs


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
        # (eleventh round) one compound word is two ("nittonhundranittio MMDD-NNNN")
        if not _NUMBER_WORDS_ONLY.search(window):
            continue
        for start, end, digits, words in _number_runs(window):
            if words >= 2 and 4 <= len(digits) <= 12:
                yield cue.end() + start, cue.end() + end, quick.PERSONNUMMER_MARK


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
# NNNN och börjar med ÅÅMMDD"
_ENDS_WITH = re.compile(
    r"(?i:slutar\s+(?:på|med)|sista\s+(?:fyra|siffrorna)\s+är)\s*:?\s*(?P<four>\d{4})(?!\d)"
)
# the name of another country's identity number, before the number: "mój PESEL ÅÅMMDDNNNNN",
# "henkilötunnus DDMMÅÅ-NNNT" (its check digits are the writer's to get right, not ours)
_FOREIGN_ID_LABEL = re.compile(
    r"(?i:(?<![^\W\d_])(?:pesel|henkilötunnus|henkilötunnukseni|hetu|sotu|fødselsnummer|"
    r"fødselsnr|fodselsnummer|personnummer|cpr-?(?:nummer|nr)?|kimlik\s+no|tc\s+kimlik|"
    # (eighth round) Estonian and Latvian, Lithuanian
    r"isikukood|isikukoodi|personas\s+kods|asmens\s+kodas|"
    # (twelfth round) the former Yugoslavia's: "moj JMBG je …", "matični broj"
    r"jmbg|emšo|emso|matični\s+broj|maticni\s+broj))"
    r"(?:\s*(?:nr|no|numer|on|är|is|:|=))*\s*"
)
_ID_TOKEN = re.compile(r"\d{6}[-+A]?\d{3,6}[0-9A-Za-z]?(?![\w])")  # (a JMBG's thirteen too)
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


# (twelfth round) the number's name right before it, a few short words between at most: "mitt
# pnr e …", "personnummer: …", "my personal number is …"
_NAMED_BEFORE = re.compile(
    r"(?i:(?<![^\W\d_])(?:pnr|p-nr|p\.nr|personnummer|personnumret|personnr|pers\.?\s?nr|"
    r"samordningsnummer|samordningsnumret|reservnummer|födelsenummer|"
    r"personal\s+(?:identity\s+|id\s+)?(?:number|no)|personal\s+id|social\s+security\s+number|"
    r"id-?nummer|id\s+number))(?![^\W\d_])"
    # (a sign or a small word between: "pnr.", "personnummer är:", "pnr nr")
    r"[\s:.=#-]*(?:(?:är|e|is|blir|nr|no)(?![^\W\d_])[\s:.]*)?$"
)


def _jmbg_date(digits: str) -> bool:
    """A JMBG's first seven digits are a real birth date from 1905 to 2029 (DDMMYYY, the
    millennium left out: 985 is 1985, 003 is 2003)."""
    year = digits[4:7]
    if digits[:2] > "31" or not ("905" <= year <= "999" or year <= "029"):
        return False
    return _real(("1" if year[0] == "9" else "2") + year[0], year[1:], digits[2:4], digits[:2])


def _dated(run: re.Match[str]) -> bool:
    digits = run.group()
    century, rest = (digits[:2], digits[2:]) if len(digits) == 12 else (None, digits)
    return _real(century, rest[:2], rest[2:4], rest[4:6])


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
    # slutar på NNNN och börjar med ÅÅMMDD"
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
    # two parts after a cue: "pnr börjar ÅÅMMDD, slutar NNNN", "född ÅÅÅÅMMDD nummer NNNN"
    for cue in _BIRTH_CUE.finditer(text):
        for date in _BIRTH_DATE.finditer(text, cue.end(), cue.end() + 40):
            if not _real(*date.group("c", "y", "m", "d")):
                continue
            last = _FOUR_AFTER.match(text, date.end())
            if last:
                yield date.start(), date.end(), quick.PERSONNUMMER_MARK
                yield last.start("four"), last.end("four"), quick.PERSONNUMMER_MARK
            break
    # a number in groups of any size: "ÅÅ ÅÅ MM DD NN NN", "NNN NNN NNNN", "ÅÅMM DDNN NN": after
    # a cue, or with a century, a real date is enough; else stdnum must accept it (date and
    # check digit)
    for run in _DIGIT_GROUPS.finditer(text):
        digits = re.sub(r"\D", "", run.group())
        if len(digits) not in (10, 12) or digits == run.group():
            continue
        # the cue before the number, or right after it: "NNN NNN NNNN pnr", "… (personnummer)"
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
    # a bare ten or twelve digits that stdnum accepts as a personnummer (right date and check);
    # (twelfth round) or that start with a real date right after the number's name, its check
    # digit the writer's to get wrong: "mitt pnr e ÅÅMMDDNNNN"
    for run in re.finditer(r"(?<!\d)\d{10}(?:\d\d)?(?!\d)", text):
        if (
            _personnummer_valid()(run.group())
            or _alone_as_date(text, run)
            or (_NAMED_BEFORE.search(text, max(0, run.start() - 40), run.start()) and _dated(run))
        ):
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
    # (twelfth round) thirteen digits python-stdnum accepts as a JMBG (date and check digit), or
    # whose first seven are a birth date of the last hundred and twenty years (DDMMYYY: the check
    # digit the writer's to get wrong; a reference's number after its name is set aside in
    # ``thorough``)
    for run in re.finditer(r"(?<![\d\w])\d{13}(?![\d\w])", text):
        if _jmbg_date(run.group()) or _jmbg_valid()(run.group()):
            yield run.start(), run.end(), quick.PERSONNUMMER_MARK
