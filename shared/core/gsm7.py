"""The GSM 03.38 7-bit alphabet: what one SMS segment of 160 characters may contain.

A character outside the basic table switches the whole message to UCS-2 (70 characters per
segment), which would split or cut our invitation; a character from the extension table costs
two septets (escape + code). ``septets`` counts exactly what the network counts.
"""

from __future__ import annotations

import unicodedata

SMS_SEPTETS = 160  # one segment, no concatenation header

# The basic table (3GPP TS 23.038, 6.2.1), without the escape code itself. LF and CR are in it.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table's printable characters: each is sent as ESC + code, two septets.
GSM7_EXTENSION = frozenset("^{}\\[~]|€")

# Look-alikes for characters that would leave the basic table (typographic punctuation, the
# extension table). Each maps to exactly one basic character, so a text never grows.
_LOOKALIKES = {
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’
    "\u201a": "'",  # ‚
    "\u201b": "'",
    "\u2032": "'",  # ′
    "\u00b4": "'",  # ´
    "`": "'",
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u201e": '"',  # „
    "\u00ab": '"',  # «
    "\u00bb": '"',  # »
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",  # –
    "\u2014": "-",  # —
    "\u2015": "-",
    "\u2212": "-",  # minus
    "\u2026": ".",  # …
    "\u00a0": " ",  # no-break space
    "\u2009": " ",
    "\u202f": " ",
    "\t": " ",
    "[": "(",
    "]": ")",
    "{": "(",
    "}": ")",
    "\\": "/",
    "|": "/",
    "~": "-",
    "^": "'",
    "€": "E",
}


class NotGsm7Error(ValueError):
    """The text has a character the GSM 7-bit alphabet cannot carry."""

    def __init__(self, characters: str) -> None:
        shown = ", ".join(f"U+{ord(c):04X}" for c in sorted(set(characters)))
        super().__init__(f"not in the GSM 7-bit alphabet: {shown}")
        self.characters = characters


def septets(text: str) -> int:
    """How many septets ``text`` takes in GSM-7: basic characters one, extension characters two."""
    bad = [c for c in text if c not in GSM7_BASIC and c not in GSM7_EXTENSION]
    if bad:
        raise NotGsm7Error("".join(bad))
    return sum(2 if c in GSM7_EXTENSION else 1 for c in text)


def is_gsm7(text: str) -> bool:
    return all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text)


def is_gsm7_basic(text: str) -> bool:
    return all(c in GSM7_BASIC for c in text)


def to_gsm7_basic(text: str) -> str:
    """``text`` in the basic table only, one character for one: look-alikes for typographic
    punctuation and extension characters, the base letter for accented letters the table lacks
    (á → a), and '?' for anything else. The result is never longer than ``text``."""
    out = []
    for char in text:
        if char in GSM7_BASIC:
            out.append(char)
            continue
        if char in _LOOKALIKES:
            out.append(_LOOKALIKES[char])
            continue
        base = unicodedata.normalize("NFKD", char)[:1]
        if base in GSM7_BASIC and not unicodedata.combining(base):
            out.append(base)
        elif unicodedata.combining(char):
            continue  # a stray combining mark: its letter is already out
        else:
            out.append("?")
    return "".join(out)
