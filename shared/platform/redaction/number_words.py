"""Numbers spelled in Swedish or English words, for the thorough pass's phone numbers and
personnummer: units, teens and tens (also as said: ``sjutti``, ``åtti``), compounds
(``nollsjuttio`` is 070, ``nittonhundranittio`` 1990), and runs of words and digit groups read
as one string of digits (``_number_runs``)."""

from __future__ import annotations

import re

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
