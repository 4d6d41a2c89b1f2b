"""Everyday Swedish words, for the thorough pass to tell an unlisted name from a word.

``everyday(word)`` is True when ``word`` (any case) is a form of an everyday Swedish word: one
of the ~500,000 forms of 2 to ``LONGEST`` letters that the Swedish Hunspell dictionary
(LibreOffice's, MPL 2.0) expands to, with Debian's ``wswedish`` list, written by
``scripts/build_name_lists.py`` to ``shared/data/swedish_words.txt``. A longer word is taken for
an everyday one (names are rarely longer; compounds often are).

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


@cache
def _words() -> mmap.mmap:
    with _FILE.open("rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


@lru_cache(maxsize=4096)
def everyday(word: str) -> bool:
    """True for a form of an everyday Swedish word (module docstring)."""
    folded = word.casefold().rstrip(".")
    if len(folded) > LONGEST:
        return True
    if len(folded) < 2:
        return False
    key = folded.encode()
    words = _words()
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
