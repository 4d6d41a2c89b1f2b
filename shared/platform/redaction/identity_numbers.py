"""Personnummer in the forms the quick pass leaves, for the thorough pass (step 3 of
``shared.platform.redaction.thorough``): spelled in words after the number's name, interim and
reserve numbers, a number in two parts, dotted or spaced dates, a birth date in words before the
last four, a neighbour country's identity number by its name or by python-stdnum, the century
typed apart; (twelfth round) a dated number right after its name, a JMBG; (thirteenth round) ten
or twelve dated digits standing alone whatever their check digit, a number in two parts as one
span, the century in words, the last four after the number named earlier in its sentence. A
reference's number is set aside in ``thorough``."""

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
    lazy,
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

_DIGIT = lazy(r"\d")
_PNR_ODD = lazy(
    r"(?<![\w+.,/-])(?:(?P<c>18|19|20)?(?P<y>\d\d)(?P<s1>[-. ]?)(?P<m>[01]\d)(?P=s1)(?P<d>[0-9]\d)"
    # (eighth round) an underscore typed for the dash ("820415_7336"); a reserve number's two
    # letters ("920803-TF45")
    r"(?:\s?[-+/._]\s?|\s)(?P<serial>[A-Za-z]\d{3}|\d{2}\s?\d{2}|\d{3}[A-Za-z]|[A-Za-z]{2}\d{2})"
    r"|(?P<c2>18|19|20)?(?P<y2>\d\d)(?P<m2>[01]\d)(?P<d2>[0-9]\d)(?P<serial2>[A-Za-z]\d{3}))"
    r"(?![\w])"
)
_BIRTH_DATE = lazy(
    r"(?<![\w.-])(?P<c>18|19|20)?(?P<y>\d\d)(?P<s1>-?)(?P<m>[01]\d)(?P=s1)(?P<d>[0-9]\d)(?![\w-])"
)
_LAST_FOUR = lazy(
    r"(?i:(?:sista|fyra\s+sista|de\s+fyra\s+sista|fyra\s+sista\s+siffrorna|sista\s+siffrorna|"
    r"kontrollsiffror(?:na)?|fyra\s+sista\s+är|sista\s+fyra)[^\d\n]{0,32}?)(?P<four>\d{4})(?!\d)"
)
_BIRTH_CUE = lazy(
    r"(?i:född|födelsedatum|födelsedag|pnr|p-nr|personnummer|personnumret|personnr|f\.|född den|"
    r"samordningsnr|samordningsnummer|samordningsnumret|reservnummer|reservnumret|reservnr)"
)
# (seventh round) a birth date in words before the last four: "född 19 mars 1961, sista fyra …"
_BIRTH_DATE_WORDS = lazy(
    r"(?i:född|födelsedatum|born)(?:\s+den)?\s+(?P<date>(?P<d>[0-3]?\d)\s+"
    r"(?P<m>januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|"
    r"december|january|february|march|may|june|july|august|october)\s+(?P<y>(?:18|19|20)\d\d))"
    r"(?!\d)"
)
# (seventh round) the parts in any order after the number's name: "samordningsnumret slutar på
# NNNN och börjar med ÅÅMMDD"
_ENDS_WITH = lazy(
    r"(?i:slutar\s+(?:på|med)|sista\s+(?:fyra|siffrorna)\s+är)\s*:?\s*(?P<four>\d{4})(?!\d)"
)
# the name of another country's identity number, before the number: "mój PESEL ÅÅMMDDNNNNN",
# "henkilötunnus DDMMÅÅ-NNNT" (its check digits are the writer's to get right, not ours)
# (its one-word names are no person's names either: ``ID_NAMES``, read by the names' rules)
# fmt: off
ID_NAMES = frozenset({
    "pesel", "henkilötunnus", "henkilötunnukseni", "hetu", "sotu", "fødselsnummer", "fødselsnr",
    "fodselsnummer", "personnummer", "cpr", "cpr-nummer", "cpr-nr", "cprnummer", "cprnr",
    "isikukood", "isikukoodi", "jmbg", "emšo", "emso",
})
# fmt: on
_FOREIGN_ID_LABEL = lazy(
    r"(?i:(?<![^\W\d_])(?:"
    + "|".join(sorted(ID_NAMES, key=len, reverse=True))
    + r"|kimlik\s+no|tc\s+kimlik|"
    # (eighth round) Latvian, Lithuanian
    r"personas\s+kods|asmens\s+kodas|"
    # (twelfth round) the former Yugoslavia's: "moj JMBG je …", "matični broj"
    r"matični\s+broj|maticni\s+broj))"
    # (thirteenth round: "numaram", "broj", "numero" after the name)
    r"(?:\s*(?:nr|no|numer|numaram|numarası|numara|broj|numero|número|nummer|on|är|is|:|=))*\s*"
)
_ID_TOKEN = lazy(r"\d{6}[-+A]?\d{3,6}[0-9A-Za-z]?(?![\w])")  # (a JMBG's thirteen too)
# a Finnish henkilötunnus's shape: six digits of the date, the century sign, three digits and a
# check character
_HETU = lazy(r"(?<![\w-])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![\w])")
# (up to twelve groups: a number spelled one digit at a time, "7 1 0 8 1 9 - 3 3 0 6")
_DIGIT_GROUPS = lazy(r"(?<![\d\w+])\d{1,4}(?:[ .-]{1,3}\d{1,4}){1,11}(?![\d])")
# the last four a few words after the birth date ("sista 4: 1122" too), not a year after
# "sedan", "år", "i" …
_FOUR_AFTER = lazy(
    r"(?:[^\d\n]|(?<!\d)4(?!\d)){0,25}?(?<![^\W\d_])(?<!sedan )(?<!år )(?<! i )(?<!från )(?<!till )"
    r"(?P<four>\d{4})(?![\d.:,]\d|\d)"
)


# (ninth round) the century typed apart from the rest: "Personnr 19 ÅÅMMDD-NNNN"
_CENTURY_BEFORE = lazy(r"(?<![\w.,:-])(?:18|19|20) $")
_AREA_CODE_FIRST = lazy(r"0\d{1,3}[ -]")


# (twelfth round) the number's name right before it, a few short words between at most: "mitt
# pnr e …", "personnummer: …", "my personal number is …"
_NAMED_BEFORE = lazy(
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


def _dated_bare(text: str, run: re.Match[str]) -> bool:
    """(thirteenth round) ``run`` is ten digits that start with a real date, or twelve that start
    with 19 or 20 and one, standing alone (no letter, dot or dash against it): a personnummer
    whose check digit the writer got wrong, wherever it stands ("Min son ÅÅMMDDNNNN har …",
    "Jag uppgav ÅÅMMDDNNNN"). In every set read so far such a run was a personnummer or, after a
    reference's name (set aside in ``thorough``), an invoice's number. Not one that starts with 0
    (a phone number's trunk prefix: a cue must say it is a personnummer), nor ten digits read as
    the seconds of a Unix time (15…-21…, as the quick pass)."""
    digits = run.group()
    before = text[run.start() - 1] if run.start() else " "
    after = text[run.end()] if run.end() < len(text) else " "
    if before.isalnum() or before in "-/.+_" or after.isalnum() or after in "-/_":
        return False
    if after == "." and run.end() + 1 < len(text) and text[run.end() + 1].isdigit():
        return False
    if len(digits) == 12:
        return digits[:2] in ("19", "20") and _real(digits[:2], *_date_parts(digits[2:]))
    unix_time = 15 <= int(digits[:2]) <= 21
    return digits[0] != "0" and not unix_time and _real(None, *_date_parts(digits))


def _date_parts(digits: str) -> tuple[str, str, str]:
    return digits[:2], digits[2:4], digits[4:6]


# (thirteenth round) what may stand between a number's two parts for them to be one span: words
# and signs of one clause, no digit ("ÅÅMMDD, fyra sista: NNNN", "ÅÅMMDD och sista fyra NNNN")
_BETWEEN_PARTS = lazy(r"[^\d.!?\n]{0,40}")


def _parts(text: str, first: tuple[int, int], second: tuple[int, int]) -> Iterator[Span]:
    """A number given in two parts: one span over both when only a clause's words stand between
    them (what joins them says how the number goes, and a reader is left "[personnummer]"),
    else each part."""
    (a, b), (c, d) = sorted((first, second))
    if b <= c and _BETWEEN_PARTS.fullmatch(text, b, c):
        yield a, d, quick.PERSONNUMMER_MARK
    else:
        yield a, b, quick.PERSONNUMMER_MARK
        yield c, d, quick.PERSONNUMMER_MARK


# (thirteenth round) the century in words glued to or before the rest: "nittonÅÅMMDD-NNNN",
# "tjugo ÅÅMMDD-NNNN"
_CENTURY_WORD = lazy(
    r"(?i:(?<![^\W\d_])(?P<c>arton|nitton|tjugo|eighteen|nineteen|twenty)(?:hundra|hundred)?)"
    r"[\s-]?(?P<y>\d\d)(?P<m>[01]\d)(?P<d>[0-9]\d)\s?[-+]?\s?\d{4}(?![\d\w])"
)
_CENTURIES = {"arton": "18", "nitton": "19", "tjugo": "20", "eighteen": "18", "nineteen": "19"}


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
        # (thirteenth round) or named so earlier in its sentence: "född -84, sista fyra NNNN",
        # "mitt personnummer slutar på NNNN"
        for four in (*_LAST_FOUR.finditer(text), *_ENDS_WITH.finditer(text)):
            sentence = re.split(r"[.!?\n]", text[: four.start("four")])[-1]
            if _BIRTH_CUE.search(four.group()) or _BIRTH_CUE.search(sentence):
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
                yield from _parts(text, date.span(), four.span("four"))
        # (seventh round) the date in words: "född 19 mars 1961, sista fyra 2245"
        for date in _BIRTH_DATE_WORDS.finditer(text, max(0, four.start() - 80), four.start()):
            yield from _parts(text, date.span("date"), four.span("four"))
    # (seventh round) after the number's name, its parts in either order: "samordningsnumret
    # slutar på NNNN och börjar med ÅÅMMDD"
    for cue in _BIRTH_CUE.finditer(text):
        window = text[cue.end() : cue.end() + 80]
        ends = _ENDS_WITH.search(window)
        if ends is None:
            continue
        for date in _BIRTH_DATE.finditer(text, cue.end(), cue.end() + 80):
            if _real(*date.group("c", "y", "m", "d")):
                last_four = (cue.end() + ends.start("four"), cue.end() + ends.end("four"))
                yield from _parts(text, date.span(), last_four)
                break
    # two parts after a cue: "pnr börjar ÅÅMMDD, slutar NNNN", "född ÅÅÅÅMMDD nummer NNNN"
    for cue in _BIRTH_CUE.finditer(text):
        for date in _BIRTH_DATE.finditer(text, cue.end(), cue.end() + 40):
            if not _real(*date.group("c", "y", "m", "d")):
                continue
            last = _FOUR_AFTER.match(text, date.end())
            if last:
                yield from _parts(text, date.span(), last.span("four"))
            break
    for match in _CENTURY_WORD.finditer(text):
        century = _CENTURIES.get(match.group("c").lower(), "20")
        if _real(century, *match.group("y", "m", "d")):
            yield match.start(), match.end(), quick.PERSONNUMMER_MARK
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
    # (thirteenth round) or that start with a real date, standing alone (``_dated_bare``);
    # (twelfth round) or that start with a real date right after the number's name, even with a
    # 0 first: "mitt pnr e ÅÅMMDDNNNN"
    for run in re.finditer(r"(?<!\d)\d{10}(?:\d\d)?(?!\d)", text):
        if (
            _personnummer_valid()(run.group())
            or _dated_bare(text, run)
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
