"""A normalised view of a text for matching, with the way back to the original's positions.

Matching runs on NFKC text in which every dash is ``-``, every space is `` ``, every script's
decimal digits are ``0-9`` (``٠٧٠``, ``۰۷۰``) and invisible characters (zero-width spaces and
joiners, soft hyphens, BOM) are gone, so ``070‐123 45 67``
(U+2010), ``０７０１２３４５６７`` (full width) and ``anna​@example.org`` (a zero-width space) look
like what they are. Redaction replaces the *original* characters behind each match: the stored
text keeps its own characters everywhere else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Dashes people and word processors write (beyond Unicode category Pd): minus sign, hyphen bullet,
# small and full-width hyphen-minus (NFKC maps those two already), Katakana-Hiragana prolonged
# mark is left alone.
_EXTRA_DASHES = "\u2212\u2043\ufe63\uff0d"
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e")


def _fold(char: str) -> str:
    """One (NFKC-normalised) character as matching sees it."""
    if char in _INVISIBLE:
        return ""
    if char == "\t" or char == "\u3000" or unicodedata.category(char) == "Zs":
        return " "
    if char in _EXTRA_DASHES or unicodedata.category(char) == "Pd":
        return "-"
    if not char.isascii() and char.isdecimal():  # Arabic-Indic, Persian, Devanagari … digits
        return str(unicodedata.decimal(char))
    return char


# Every character _fold changes (Zs spaces, Pd dashes, the extra dashes, the invisible ones).
_FOLDED = re.compile(
    "[\t\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u2060\u3000\ufeff\u00ad\u180e"
    "\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c"
    "\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\u2212\u2043\U00010ead]"
)


def _plain(text: str) -> bool:
    """True when matching can use ``text`` as it is (the common case: nothing to fold)."""
    if text.isascii():
        return _FOLDED.search(text) is None
    if not unicodedata.is_normalized("NFKC", text) or _OTHER_DIGITS.search(text):
        return False
    return _FOLDED.search(text) is None


# Decimal digits of other scripts (NFKC leaves them): Arabic-Indic, Persian, Devanagari, …
_OTHER_DIGITS = re.compile(r"(?![0-9])\d")


@dataclass(frozen=True)
class Normalised:
    """``text`` as matching sees it; ``starts[i]``/``ends[i]`` are the original positions that
    produced its ``i``-th character."""

    original: str
    text: str
    starts: tuple[int, ...] | None  # None: text is the original, positions are the same
    ends: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind ``text[start:end]`` (``end > start``)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def normalise(original: str) -> Normalised:
    if _plain(original):
        return Normalised(original, original, None, None)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(original)
    while i < n:
        # a base character and the combining marks after it normalise together (a + ̈ → ä)
        j = i + 1
        while j < n and unicodedata.combining(original[j]):
            j += 1
        for char in unicodedata.normalize("NFKC", original[i:j]):
            for folded in _fold(char):
                out.append(folded)
                starts.append(i)
                ends.append(j)
        i = j
    return Normalised(original, "".join(out), tuple(starts), tuple(ends))


def substitute(text: str, view: Normalised, spans: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, mark) span of its normalised ``view`` replaced by mark,
    mapped back to the original's characters (spans in order, not overlapping)."""
    out, position = [], 0
    for start, end, mark in spans:
        original_start, original_end = view.span(start, end)
        original_start = max(original_start, position)
        out += [text[position:original_start], mark]
        position = original_end
    out.append(text[position:])
    return "".join(out)
