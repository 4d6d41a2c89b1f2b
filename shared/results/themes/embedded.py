"""The embedded classifier: Swedish word lists with negation, no network, no model file.

Steps for one text (pure; the same text always gets the same labels):

1. Lower-case it and split it into tokens (words, hyphenated words, redaction marks such as
   ``[namn]``), joined by single spaces.
2. Themes: every theme whose patterns (``lexicon.THEME_PATTERNS``) match at least once;
   ``annat`` alone when none does.
3. Tone: each positive pattern match counts +1 and each negative one -1, a neutral phrase 0
   ("vore bra om"); a one-word match inside a longer match does not count again. A match
   without a negator of its own but with one (``inte``, ``ingen``, ...) among the three
   tokens before it, in the same clause (no punctuation or ``och``/``men`` between), counts
   the other way; a negator that turns no word and starts no phrase counts -1 ("hjälpte
   inte"). A match after the text's last ``men`` counts 1.5 (what follows "but" is the
   point). Above zero is ``positiv``, below ``negativ``, zero ``neutral``.

Chosen over a trained linear model: 321 labelled comments are too few to learn the
vocabulary a rule names, the word lists are read and corrected by a person, and the module is
18.5 kB of source (7 kB zipped) with no data file to ship (size and import time: bench/results.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from shared.results.themes import NEGATIV, NEUTRAL, POSITIV, Labels, lexicon

NAME = "embedded-lexicon"
_TOKEN = re.compile(r"\[[^\]\s]+\]|\w+(?:-\w+)*|[.,;:!?]")
_CLAUSE = frozenset({".", ",", ";", ":", "!", "?", "och", "men", "eller"})
_BUT = " men "
_AFTER_BUT = 1.5


def tokens(text: str) -> str:
    """The text as its lower-case tokens between single spaces (one at each end)."""
    return " " + " ".join(_TOKEN.findall(text.lower())) + " "


def _word(word: str) -> str:
    prefix = word.startswith("*") and len(word) > 1
    stem = word.strip("*") if len(word) > 1 else word
    body = re.escape(stem)
    if prefix:
        body = r"[^ ]*" + body
    if word.endswith("*") and len(word) > 1:
        body += r"[^ ]*"
    return body


def _compile(pattern: str) -> re.Pattern[str]:
    words = pattern.split()
    out = ""
    for i, word in enumerate(words):
        if word == "...":
            out += r"(?:[^ ]+ ){0,3}"
            continue
        out += _word(word) + (" " if i < len(words) - 1 else "")
    return re.compile(r"(?<= )" + out + r"(?= )")


@cache
def _themes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (theme, re.compile("|".join(f"(?:{_compile(p).pattern})" for p in patterns)))
        for theme, patterns in lexicon.THEME_PATTERNS.items()
    )


@cache
def _tone() -> tuple[tuple[re.Pattern[str], float, bool], ...]:
    def entries(
        patterns: Iterable[str], weight: float
    ) -> list[tuple[re.Pattern[str], float, bool]]:
        return [(_compile(p), weight, len(p.split()) == 1) for p in patterns]

    return tuple(
        entries(lexicon.NEUTRAL, 0.0)
        + entries(lexicon.POSITIVE, 1.0)
        + entries(lexicon.NEGATIVE, -1.0)
    )


def _negator(text: str, start: int) -> int | None:
    """The start of the negator that turns the word at ``start``, if one does."""
    position = start
    for _ in range(3):
        before = text.rfind(" ", 0, position - 1)
        if before < 0:
            return None
        token = text[before + 1 : position - 1]
        if token in _CLAUSE:
            return None
        if token in lexicon.NEGATORS:
            return before + 1
        position = before + 1
    return None


def themes_of(text: str) -> list[str]:
    joined = tokens(text)
    return [theme for theme, pattern in _themes() if pattern.search(joined)]


def score(text: str) -> float:
    joined = tokens(text)
    but = joined.rfind(_BUT)
    phrases: list[tuple[int, int, float]] = []
    words: list[tuple[int, int, float]] = []
    for pattern, weight, single in _tone():
        for match in pattern.finditer(joined):
            (words if single else phrases).append((match.start(), match.end(), weight))
    covered = [(a, b) for a, b, _ in phrases]
    hits: list[tuple[int, int, float]] = []
    turned: set[int] = set()
    for start, end, weight in phrases + words:
        inner = joined[start:end].split()
        if len(inner) == 1 and any(a <= start and end <= b for a, b in covered):
            continue
        negator = _negator(joined, start)
        if negator is not None and weight and not lexicon.NEGATORS & set(inner):
            turned.add(negator)
            weight = -weight
        hits.append((start, end, weight))
    for match in re.finditer(r"(?<= )[^ ]+(?= )", joined):
        word = match.group()
        alone = word in lexicon.NEGATORS - lexicon.TURN_ONLY and match.start() not in turned
        if alone and not any(a <= match.start() < b for a, b in covered):
            hits.append((match.start(), match.end(), -1.0))
    return sum(w * (_AFTER_BUT if 0 <= but < start else 1.0) for start, _, w in hits)


def tone_of(text: str) -> str:
    value = score(text)
    return POSITIV if value > 0 else NEGATIV if value < 0 else NEUTRAL


class LexiconClassifier:
    """The ``Classifier`` that runs anywhere: word lists in, labels out, nothing sent."""

    name = NAME

    def classify(self, texts: Sequence[str]) -> list[Labels]:
        return [Labels.of(themes_of(t), tone_of(t)) for t in texts]
