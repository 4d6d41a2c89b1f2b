"""Everyday Swedish words, for the thorough pass to tell an unlisted name from a word.

``everyday(word)`` is True when ``word`` (any case) is a form of an everyday Swedish word: one
of the ~500,000 forms of 2 to ``LONGEST`` letters that the Swedish Hunspell dictionary
(LibreOffice's, MPL 2.0) expands to, with Debian's ``wswedish`` list, written by
``scripts/build_name_lists.py`` to ``shared/data/swedish_words.txt``. A longer word is taken for
an everyday one (names are rarely longer; compounds often are).

(Twelfth round) ``english(word)`` is True when ``word`` is one of the ~60,000 lower-case entries
of Debian's ``wamerican`` list (2 to ``LONGEST`` letters; ``shared/data/english_words.txt``,
written by the same script): an English sentence's first word that is no English word may be a
name ("Ifrah helped me …"), one that is may be any word ("Everything at the reception …").

The file is one word a line, sorted by its UTF-8 bytes, and is looked up by bisection on a
memory map: nothing is loaded, so a cold start pays one ``open`` and each look-up about twenty
page reads, and only the comments that hold a word the name rules ask about pay even that.
"""

from __future__ import annotations

import mmap
from functools import cache, lru_cache
from pathlib import Path

LONGEST = 12  # scripts/build_name_lists.py writes no longer word
_FILE = Path(__file__).resolve().parents[2] / "data" / "swedish_words.txt"


_ENGLISH_FILE = _FILE.with_name("english_words.txt")


@cache
def _words(path: Path = _FILE) -> mmap.mmap:
    with path.open("rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


@lru_cache(maxsize=4096)
def english(word: str) -> bool:
    """True for a lower-case entry of the English word list (module docstring); a longer word
    than ``LONGEST`` is taken for one."""
    folded = word.casefold().rstrip(".")
    if len(folded) > LONGEST:
        return True
    return len(folded) >= 2 and _bisect(_words(_ENGLISH_FILE), folded.encode())


@lru_cache(maxsize=4096)
def everyday(word: str) -> bool:
    """True for a form of an everyday Swedish word (module docstring)."""
    folded = word.casefold().rstrip(".")
    if len(folded) > LONGEST:
        return True
    if len(folded) < 2:
        return False
    return _bisect(_words(), folded.encode())


def _bisect(words: mmap.mmap, key: bytes) -> bool:
    """Whether ``key`` is a line of the sorted ``words``."""
    low, high = 0, len(words)
    while low < high:
        middle = (low + high) // 2
        start = words.rfind(b"\n", 0, middle) + 1
        end = words.find(b"\n", start)
        line = words[start:end]
        if line == key:
            return True
        if line < key:
            low = end + 1
        else:
            high = start
    return False
