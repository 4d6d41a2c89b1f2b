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

import unicodedata

FORMULA_STARTS = frozenset("=+-@\t\r")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"))


def needs_quoting(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    normalised = unicodedata.normalize("NFKC", text)
    if normalised[:1] in ("\t", "\r"):
        return True
    return normalised.translate(_INVISIBLE).lstrip()[:1] in FORMULA_STARTS


def safe_cell(text: str) -> str:
    """``text``, with a leading ``'`` when a spreadsheet would otherwise run it as a formula."""
    return "'" + text if text and needs_quoting(text) else text
