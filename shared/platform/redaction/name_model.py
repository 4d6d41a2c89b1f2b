"""A learned reader of names: a conditional random field over a comment's words.

The name rules of ``people`` were written, round after round, from the misses of the sets they
were measured on, and did not carry to sets written after them (docs/redaction.md, "Thirteenth
round"). This reader is learned instead: a linear-chain CRF (CRFsuite, through
``python-crfsuite``) trained on the team's labelled corpus except the held-out sets, and on the
rule rounds' unit probes (``python -m tests.unit.platform.redaction.learn``). It reads each word
by what it is and what stands around it, weighted by the data rather than by a rule's order:

- the word itself (folded), its first and last letters, its case and script, its length;
- what the lists say of it (``name_words``: a given name or a surname, plain or also a word, a
  place; an everyday Swedish or English word; a function word; a word that is never a name, an
  organisation's, a particle, a region, a place's noun; a letter Swedish does not use; a
  Swedish surname's or a place's ending), and whether it opens a sentence or a line;
- what introduces a person before it (``name_cues``' patterns: ``jag heter``, a signature, a
  relative, a role, a person's verb);
- the same of the words next to it (two words away: the word and its kind), and the pairs;
- the comment's language and how much of it the Swedish lists read;
- another finder's findings as their marks (``[telefon]``, ``[namn]``): the reader reads the
  comment as the rules leave it.

Its labels are ``N`` (a person's name), ``P`` (other personal data: numbers, addresses, e-mail)
and ``O``. ``names(text, taken)`` returns the words whose probability of ``N`` (the CRF's
marginal) is at least ``THRESHOLD`` that no other finder took, joined into runs. ``thorough``
adds them to what the rules found: the reader never removes a span the rules found; what it adds
is measured on sets it never saw (docs/redaction.md, "The learned name reader").

The model file, ``shared/data/name_model.crfsuite``, is built by the learn command; its manifest
(``tests/data/redaction/name_model.json``) records the corpus files and their hashes it was
trained on and this module's hash, and a test fails when they change without a retraining, or
when a held-out set is among them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from shared.platform.redaction import _merge
from shared.platform.redaction.lexicon import english, everyday
from shared.platform.redaction.name_cues import (
    _INTRO,
    _PERSON_CUE,
    _PERSON_CUE_STRONG,
    _RELATIVE,
    _ROLE,
)
from shared.platform.redaction.name_words import (
    _ARABIC,
    _BRANDS,
    _FOREIGN_LETTER,
    _NOT_NAMES,
    _ORGANISATION,
    _PARTICLES,
    _REGIONS,
    _SERVICE_WORDS,
    _STREET_SUFFIXES,
    GIVEN,
    GIVEN_WORD,
    PLACE,
    SURNAME,
    SURNAME_WORD,
    _category,
    _lang,
    _table,
    _words,
    function_words,
    place_shaped,
)
from shared.platform.redaction.names import NAME_MARK

if TYPE_CHECKING:
    import pycrfsuite

MODEL = Path(__file__).resolve().parents[2] / "data" / "name_model.crfsuite"
# Chosen on the development sets by leave-one-outsider-set-out (the learn command's --folds)
# and on v and w while they were held out (before the reader was retrained on them): the
# fewest comments keeping personal data plus benign comments changed over both, and of equals
# the fewest kept (0.7, 0.8 and 0.9: 35, 35 and 32 on the folds, 49, 49 and 52 on v and w; the
# rules alone 32 and 64); docs/redaction.md, "The learned name reader".
THRESHOLD = 0.7
NAME, OTHER, NONE = "N", "P", "O"

MARKS = ("namn", "adress", "telefon", "e-post", "personnummer")
# a redaction mark, a word (with a possessive's apostrophe), a run of digits, or one other
# visible character
TOKEN = re.compile(rf"\[(?:{'|'.join(MARKS)})\]|[^\W\d_]+(?:['’][^\W\d_]+)?|\d+|[^\w\s]")
_SURNAME_END = re.compile(
    r"(?:sson|ström|qvist|kvist|gren|lind|blom|berg|lund|holm|dahl|borg|nen|ski|cki|ić|vić|"
    r"ov|ova|zadeh|yan|oğlu|oglu)$"
)
_CATEGORY = {
    GIVEN: "given",
    SURNAME: "surname",
    GIVEN_WORD: "given-word",
    SURNAME_WORD: "surname-word",
    PLACE: "place",
}
_ENDS = ".!?:;"
# what the text before a word says of it (``name_cues``' patterns: "jag heter", a signature, a
# relative, a role, a person's verb); each pattern ends where the word begins ("…$" there),
# here it is run once over the comment and its matches end before a word
_CUES = tuple(
    (cue, re.compile(pattern.pattern.removesuffix("$") + r"(?=\S)", pattern.flags))
    for cue, pattern in (
        ("intro", _INTRO),
        ("relative", _RELATIVE),
        ("role", _ROLE),
        ("person-verb", _PERSON_CUE),
        ("person-verb-strong", _PERSON_CUE_STRONG),
    )
)


def _cues(text: str) -> dict[int, list[str]]:
    """The cues of ``text`` by the position of the word each stands before."""
    found: dict[int, list[str]] = {}
    for cue, pattern in _CUES:
        for match in pattern.finditer(text):
            found.setdefault(match.end(), []).append(cue)
    return found


# a place's noun after a name makes the name the place's ("Anna Lindhs plats", "Karl Johans park")
_PLACE_NOUNS = _words("gata väg torg park plats allé kyrka skola hus gård bro backe hamn strand")

Token = tuple[int, int, str]


def tokens(text: str) -> list[Token]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _shape(word: str) -> str:
    if word[0] == "[" and len(word) > 1:
        return "redacted"
    if word.isdigit():
        return "digits"
    if not word[0].isalpha():
        return "mark"
    if _ARABIC.search(word):
        return "arabic"
    if not (word.lower() != word or word.upper() != word):
        return "uncased"
    if len(word) > 1 and word.isupper():
        return "upper"
    return "cap" if word[0].isupper() else "lower"


@lru_cache(maxsize=16384)
def _alone(word: str, language: str) -> tuple[str, ...]:
    """What a word alone is, as features (the ones its neighbours also see); the first is its
    shape, the last (for a word) its shape, category and lexical kind together."""
    shape = _shape(word)
    if shape == "redacted":  # what another finder took: "[namn]", "[telefon]"
        return (f"shape={shape}", f"redacted={word[1:-1]}")
    if shape in ("digits", "mark"):
        return (f"shape={shape}", f"mark={word}" if shape == "mark" else f"len={min(len(word), 9)}")
    folded = word.casefold()
    category, possessive = _category(word, _table()[language])
    lexical = (
        "function"
        if folded in function_words()
        else "everyday"
        if everyday(folded)
        else "english"
        if english(folded)
        else "unknown"
    )
    kind = _CATEGORY.get(category, "none")
    found = [f"shape={shape}", f"cat={kind}", f"lex={lexical}"]
    if possessive:
        found.append("possessive")
    if folded in _NOT_NAMES or folded in _BRANDS:
        found.append("not-a-name")
    if folded in _SERVICE_WORDS or _ORGANISATION.search(folded):
        found.append("organisation")
    if folded in _PARTICLES:
        found.append("particle")
    if folded in _REGIONS:
        found.append("region")
    if folded in _PLACE_NOUNS or folded.endswith(_STREET_SUFFIXES):
        found.append("place-noun")
    found.append(f"shape+cat+lex={shape}|{kind}|{lexical}")
    return tuple(found)


@lru_cache(maxsize=16384)
def _own(word: str, language: str) -> tuple[str, ...]:
    """A word's features as the word itself: what it is alone, its letters' parts and shapes."""
    folded = word.casefold()
    own = ["bias", f"w={folded}", f"lang={language}", *_alone(word, language)]
    if word[0].isalpha():
        own += [f"suf2={folded[-2:]}", f"suf3={folded[-3:]}", f"pre3={folded[:3]}"]
        own.append(f"len={min(len(word), 12)}")
        if _FOREIGN_LETTER.search(word):
            own.append("foreign-letter")
        if _SURNAME_END.search(folded):
            own.append("surname-end")
        if place_shaped(folded):
            own.append("place-end")
    return tuple(own)


@lru_cache(maxsize=32768)
def _seen_from(word: str, language: str, offset: int) -> tuple[str, ...]:
    """A word's features as its neighbour ``offset`` words away sees them (two words away:
    only the word and its kind)."""
    alone = _alone(word, language)
    if abs(offset) > 1:
        return (f"{offset}:w={word.casefold()}", f"{offset}:{alone[-1]}")
    return (f"{offset}:w={word.casefold()}", *(f"{offset}:{f}" for f in alone))


def features(text: str, words: Sequence[Token]) -> list[list[str]]:
    """One feature list a token (the module docstring says which)."""
    language = _lang(text)
    # how much of the comment the Swedish lists read: in a sentence of another language a word
    # they do not know says little
    letters = [w for _, _, w in words if w[0].isalpha()]
    known = sum(everyday(w) or w.casefold() in function_words() for w in letters)
    read = (
        "none"
        if not letters
        else "most"
        if known >= 0.6 * len(letters)
        else "some"
        if known >= 0.3 * len(letters)
        else "little"
    )
    cues = _cues(text)
    folded = [w.casefold() for _, _, w in words]
    out: list[list[str]] = []
    for i, (start, _, word) in enumerate(words):
        alone = _alone(word, language)
        own = [*_own(word, language), f"read={read}", f"read={read}|{alone[-1]}"]
        if word[0].isalpha():
            for cue in cues.get(start, ()):
                own += [f"cue={cue}", f"cue={cue}|{alone[0]}"]
        if i == 0 or words[i - 1][2] in _ENDS:
            own += ["opens-sentence", f"opens|{alone[-1]}"]
        if i and "\n" in text[words[i - 1][1] : start]:
            own.append("opens-line")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(words):
                own += _seen_from(words[j][2], language, offset)
            else:
                own.append(f"{offset}:edge")
        if i:
            own.append(f"-1w|w={folded[i - 1]}|{folded[i]}")
        if i + 1 < len(words):
            own.append(f"w|+1w={folded[i]}|{folded[i + 1]}")
        if i > 1:
            own.append(f"-2w|-1w={folded[i - 2]}|{folded[i - 1]}")
        out.append(own)
    return out


@cache
def _tagger() -> pycrfsuite.Tagger:
    import pycrfsuite  # a C extension of about 1 MB: loaded when the first comment is read

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


def marginals(
    text: str, words: Sequence[Token], tagger: pycrfsuite.Tagger | None = None
) -> list[float]:
    """P(``N``) of each token of ``text`` (normalised)."""
    if not words:
        return []
    tagger = tagger or _tagger()
    tagger.set(features(text, words))
    return [tagger.marginal(NAME, i) for i in range(len(words))]


def masked(text: str, spans: Iterable[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each span (not overlapping, in order) replaced by its mark, and for each
    stretch of text between marks (the first before any) its start in the result and in
    ``text``."""
    out: list[str] = []
    shifts: list[tuple[int, int]] = [(0, 0)]
    position = length = 0
    for start, end, mark in spans:
        out.append(text[position:start])
        length += start - position + len(mark)
        out.append(mark)
        position = end
        shifts.append((length, end))
    out.append(text[position:])
    return "".join(out), shifts


def names(
    text: str,
    taken: Iterable[tuple[int, int, str]] = (),
    threshold: float | None = None,
    tagger: pycrfsuite.Tagger | None = None,
) -> list[tuple[int, int, str]]:
    """Spans of ``text`` (normalised) the reader takes for a person's name, besides ``taken``
    (what the other finders took, with their marks).

    The reader reads the comment as the finders leave it, each of their findings as its mark
    (``[namn] på [telefon]``), and again with its own findings marked until it finds no more:
    so a second pass over its output reads what the first pass's last round read, and changes
    nothing (``thorough`` is idempotent).
    """
    threshold = THRESHOLD if threshold is None else threshold
    if not any(c.isalpha() for c in text):
        return []
    found: list[tuple[int, int, str]] = []
    spans = _merge_taken(taken)
    # a word in capitals in a comment written in lower case is an acronym or code (``CSN``,
    # ``=HYPERLINK(``), not a name: the rules take the names they know in capitals
    cased = [w for _, _, w in tokens(text) if w[0].isalpha() and w.lower() != w.upper()]
    shouting = sum(len(w) > 1 and w.isupper() for w in cased) * 2 >= len(cased)
    for _ in range(4):
        new = _round(text, spans, threshold, tagger, shouting)
        if not new:
            break
        found += new
        spans = _merge_taken([*spans, *new])
    return found


def _merge_taken(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans merged where they overlap, each with a mark to stand for it."""
    return [(s, e, m if m in _MARK_SET else NAME_MARK) for s, e, m in _merge(list(spans))]


_MARK_SET = frozenset(f"[{m}]" for m in MARKS)


def _round(
    text: str,
    spans: list[tuple[int, int, str]],
    threshold: float,
    tagger: pycrfsuite.Tagger | None,
    shouting: bool,
) -> list[tuple[int, int, str]]:
    view, shifts = masked(text, spans)
    words = tokens(view)
    probabilities = marginals(view, words, tagger)
    found: list[tuple[int, int, str]] = []
    stretch = 0
    last = -1  # the stretch of the last span found: a run never crosses a mark
    for (start, end, word), p in zip(words, probabilities, strict=True):
        while stretch + 1 < len(shifts) and shifts[stretch + 1][0] <= start:
            stretch += 1
        if p < threshold or not word[0].isalpha() or len(word) < 2:
            continue
        if word.isupper() and not shouting:
            continue
        begin = start - shifts[stretch][0] + shifts[stretch][1]
        finish = begin + end - start
        if found and last == stretch and text[found[-1][1] : begin] in (" ", "-"):
            found[-1] = (found[-1][0], finish, NAME_MARK)  # one run: "Anna Ek", "al-Sayed"
        else:
            found.append((begin, finish, NAME_MARK))
        last = stretch
    return found
