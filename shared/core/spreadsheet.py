"""Text that is safe to open in a spreadsheet (formula injection, "CSV injection").

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as
a formula (``=HYPERLINK("https://…","Klicka här")``, ``=cmd|' /C calc'!A0``), and a leading tab
or carriage return can push such a start into place. OWASP's advice, followed here: when a text
cell begins with one of those characters, also after leading spaces and invisible characters,
and also in the full-width or small forms that Unicode compatibility normalisation (NFKC) turns
into them (``＝``, ``﹢``, ``＠``), the cell gets a leading single quote (``'``), which makes every
spreadsheet read it as text. Nothing else in the text changes; the CSV writer's own quoting
still handles separators, quotes and newlines.

Contract: ``safe_cell(text) -> str`` for every *text* field a person may open (comments,
names of things, anything a user or resident typed); numbers are written as numbers, not
through it (``-5`` as text would become ``'-5``). Idempotent: a safe cell stays as it is.
"""

from __future__ import annotations

import re
import unicodedata

FORMULA_STARTS = frozenset("=+-@\t\r")
# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), which renderers draw as
# nothing, plus U+180E: a cell starting with any of them still starts with its next character
# for a reader's eye (U+034F COMBINING GRAPHEME JOINER before "=" got through: issue 22).
_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_LEADING = re.compile(f"[\\s{_IGNORABLE}]*")


def needs_quoting(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    normalised = unicodedata.normalize("NFKC", text)
    if normalised[:1] in ("\t", "\r"):
        return True
    start = _LEADING.match(normalised)
    end = start.end() if start else 0
    return normalised[end : end + 1] in FORMULA_STARTS


def safe_cell(text: str) -> str:
    """``text``, with a leading ``'`` when a spreadsheet would otherwise run it as a formula."""
    return "'" + text if text and needs_quoting(text) else text
