"""Names and street addresses in free text (matching runs on the normalised text).

A name is found (1) as a run of capitalised words that starts with a given name and goes on with
given names or surnames (``Anna Andersson``, ``Anna-Karin Lind``), (2) as a single capitalised
given name from the list (``Anna``; ``Per`` only inside a sentence, since "Per telefon…" opens
many), or (3) after a greeting, signature or introduction (``Hälsningar Zlatan``, ``/Anna``,
``Mvh Erik Johansson``, ``jag heter …``), where any capitalised words count. An address is a
street name with a Swedish street suffix and a number (``Storgatan 12``, ``Björkvägen 3 B``),
with the postcode and town after it if they follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

NAME_MARK = "[namn]"
ADDRESS_MARK = "[adress]"

_NAMES_FILE = Path(__file__).resolve().parents[2] / "data" / "names.txt"


@cache
def _lists() -> dict[str, frozenset[str]]:
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for raw in _NAMES_FILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif current is not None:
            current.add(line.casefold())
    return {k: frozenset(v) for k, v in sections.items()}


_SURNAME_ENDING = re.compile(
    r"(?:s?son|berg|ström|strom|gren|qvist|quist|kvist|lund|dahl|holm|gård|blad|bäck|sjö|"
    r"ell|ius|ander|sten|man|lin|löf|löv|fors|borg|stam|hammar|mark|näs|vik|ek|én|er)$"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*")
# Words that open a signature's text without being a name ("Hälsningar, En nöjd invånare").
_NOT_A_NAME = frozenset(
    [
        "en",
        "ett",
        "från",
        "den",
        "det",
        "de",
        "din",
        "ditt",
        "er",
        "ert",
        "och",
        "tack",
        "vi",
        "jag",
        "familjen",
        "kund",
        "kunden",
        "invånare",
        "invånaren",
        "medborgare",
        "boende",
        "pensionär",
        "anonym",
        "anonymt",
        "mamma",
        "pappa",
        "förälder",
        "granne",
        "grannen",
        "kommunen",
        "kommun",
        "the",
        "a",
        "an",
        "och/eller",
    ]
)
# A greeting, signature or introduction, after which the capitalised words are a name.
_FRAME = re.compile(
    r"(?:(?<![^\W\d_])(?:med\s+)?(?:vänlig(?:a)?\s+|bästa\s+|varma\s+)?hälsning(?:ar)?|"
    r"(?<![^\W\d_])(?:mvh|m\.v\.h\.?|vh|hälsar|regards|best\s+regards|kind\s+regards|"
    r"cheers|sincerely|jag\s+heter|mitt\s+namn\s+är|my\s+name\s+is|namn\s*:|name\s*:)"
    r"|(?:^|(?<=\s))/{1,2}(?=[^\W\d_]))"
    r"[\s,:.!-]*",
    re.IGNORECASE,
)
_STREET_SUFFIX = (
    r"(?:gatan|gata|vägen|väg|gränd|gränden|stigen|stig|torget|torg|allén|allé|alle|backen|"
    r"backe|planen|plan|leden|platsen|gången|stråket|kajen|esplanaden|liden|slingan|ringen|"
    r"höjden|hagen|bron|udden|parken|vallen|gärdet|ängen|lyckan|terrassen|promenaden)"
)
_UPPER = "A-ZÅÄÖÉÜ"
_MONTHS = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_ADDRESS = re.compile(
    r"(?<![^\W_])(?:"
    rf"[^\W\d_]{{2,}}(?i:{_STREET_SUFFIX})"  # Storgatan, björkvägen
    rf"|(?:[{_UPPER}][^\W\d_]+ )?[{_UPPER}][^\W\d_]+s (?i:gata|väg|gränd|allé|plan|torg|backe)"
    r")"  # Olof Palmes gata
    r"\s+\d{1,4}(?:(?:[A-Za-z]|\s[A-Z])(?![^\W_]))?"  # 12, 12b, 3 B; not "1 i"
    rf"(?!\s*(?i:{_MONTHS})(?![^\W_]))"  # not a date: "Vasagatan 12 mars"
    r"(?:\s*,?\s*(?i:lgh|lägenhet|vån|tr)\.?\s*\d{1,4})?"  # lgh 1102
    r"(?:\s*,?\s*\d{3}\s?\d{2}(?:\s+[^\W\d_]+)?)?"  # 722 15 Västerås
    r"(?![^\W_])"
)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


@lru_cache(maxsize=8192)
def _kind(word: str) -> str | None:
    folded = word.casefold()
    lists = _lists()
    for part in folded.split("-"):
        for kind in ("given", "ambiguous", "word"):
            if part in lists.get(kind, frozenset()):
                return kind
    return None


@lru_cache(maxsize=8192)
def _surname(word: str) -> bool:
    folded = word.casefold()
    if folded in _lists().get("surname", frozenset()):
        return True
    return len(folded) >= 5 and bool(_SURNAME_ENDING.search(folded))


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \"'(«")
    return not before or before[-1] in ".!?:\n"


_SUFFIXES = tuple(_STREET_SUFFIX[3:-1].split("|"))
_FRAME_WORDS = (
    "hälsning", "mvh", "m.v.h", "vh", "hälsar", "regards", "cheers", "sincerely", "heter",
    "namn", "name", "/",
)  # fmt: skip


def addresses(text: str) -> Iterator[tuple[int, int, str]]:
    """Street addresses, and the name right before one."""
    lowered = text.lower()
    if _DIGIT.search(text) is None or not any(suffix in lowered for suffix in _SUFFIXES):
        return
    for match in _ADDRESS.finditer(text):
        yield match.start(), match.end(), ADDRESS_MARK
        # the capitalised words just before an address are whose it is: "Aurora Öztürk, Storgatan 5"
        before = _NAME_BEFORE.search(text, 0, match.start())
        if before:
            start = before.start()
            # not the greeting itself: "Hälsningar Åsa, Storgatan 12"
            for word in before.group().split(" ")[:-1]:
                folded = word.casefold()
                if folded not in _NOT_A_NAME and not folded.startswith(_FRAME_WORDS):
                    break
                start += len(word) + 1
            yield start, before.end(), NAME_MARK


_NAME_BEFORE = re.compile(
    rf"(?<![^\W_])[{_UPPER}][^\W\d_]+(?:[ -][{_UPPER}][^\W\d_]+){{0,2}}(?=,? ?$)"
)


_DIGIT = re.compile(r"\d")
_CAPITALISED = re.compile(rf"(?<![^\W\d_])[{_UPPER}][^\W\d_]*(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*")


def names(text: str) -> Iterator[tuple[int, int]]:
    lowered = text.lower()
    if any(w in lowered for w in _FRAME_WORDS):
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        framed = _framed_words(text, words)
    else:  # without a frame only capitalised words can be names; runs need no others
        words = [(m.start(), m.end(), m.group()) for m in _CAPITALISED.finditer(text)]
        framed = set()
    i = 0
    while i < len(words):
        start, _, word = words[i]
        if not framed and not word[:1].isupper():
            i += 1
            continue
        if i in framed:
            j = i
            while j + 1 < len(words) and j + 1 in framed:
                j += 1
            yield start, words[j][1]
            i = j + 1
            continue
        kind = _kind(word) if _capitalised(word) else None
        if kind is None:
            # an unlisted given name before a listed surname: Zlatan Henriksson
            if (
                _capitalised(word)
                and word.casefold() not in _NOT_A_NAME
                and i + 1 < len(words)
                and _joined(text, words[i], words[i + 1])
                and _capitalised(words[i + 1][2])
                and words[i + 1][2].casefold() in _lists().get("surname", frozenset())
            ):
                yield start, words[i + 1][1]
                i += 2
                continue
            i += 1
            continue
        # a run: given names, then surnames, separated by one space or hyphen
        j = i
        while j + 1 < len(words) and _joined(text, words[j], words[j + 1]):
            following = words[j + 1][2]
            if not _capitalised(following) or following.casefold() in _NOT_A_NAME:
                break
            # after a listed given name any capitalised word is the surname (Julia Korhonen)
            if not (_kind(following) or _surname(following) or kind != "word"):
                break
            j += 1
        if j > i or kind == "given" or (kind == "ambiguous" and not _sentence_start(text, start)):
            yield start, words[j][1]
        i = j + 1


def _joined(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    return text[left[1] : right[0]] in (" ", "-")


def _framed_words(text: str, words: list[tuple[int, int, str]]) -> set[int]:
    """Indexes of the words that a frame ("Hälsningar", "/", "jag heter") makes a name."""
    framed: set[int] = set()
    by_start = {start: index for index, (start, _, _) in enumerate(words)}
    for frame in _FRAME.finditer(text):
        index = by_start.get(frame.end())
        if index is None:
            continue
        for k in range(index, min(index + 3, len(words))):
            word = words[k][2]
            if k > index and not _joined(text, words[k - 1], words[k]):
                break
            known = _kind(word) is not None or (k > index and _surname(word))
            if not (known or (_capitalised(word) and word.casefold() not in _NOT_A_NAME)):
                break
            framed.add(k)
    return framed
