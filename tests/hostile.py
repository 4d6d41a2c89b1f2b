# ruff: noqa: E501 - the OOXML boilerplate is kept as one line per part
"""Hostile files for the contact reader, built small in memory (issue 22's crash inputs).

A minimal .xlsx is five XML parts in a ZIP archive; each builder here writes one sheet's XML
as given, so a test (or the fuzz target, or bench/hostile.py) can put cells where no export
tool would: at XFD1048576, a date at -1e15, a megabyte of whitespace between two cells.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# style 1 is a date-time format (numFmtId 22: m/d/yy h:mm), so a number cell with s="1" is a date
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" xfId="0"/>'
    '<xf numFmtId="22" xfId="0" applyNumberFormat="1"/></cellXfs>'
    "</styleSheet>"
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def number_cell(ref: str, value: float | str, date: bool = False) -> str:
    style = ' s="1"' if date else ""
    return f'<c r="{ref}"{style}><v>{value}</v></c>'


def row(number: int, cells: Iterable[str]) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


def workbook(rows: Iterable[str] | bytes, dimension: str | None = None, level: int = 9) -> bytes:
    """An .xlsx whose one sheet holds ``rows`` (``row(...)`` strings, or the sheetData's bytes
    as they are); ``dimension`` is the sheet's declared ``<dimension ref>``, if any."""
    data = rows if isinstance(rows, bytes) else "".join(rows).encode()
    head = _SHEET_HEAD + (f'<dimension ref="{dimension}"/>' if dimension else "")
    sheet = head.encode() + b"<sheetData>" + data + b"</sheetData></worksheet>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/styles.xml", _STYLES)
        book.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


HEADER = row(1, [text_cell("A1", "Telefon"), text_cell("B1", "Datum")])
GOOD_ROW = row(2, [text_cell("A2", "070-174 06 05"), number_cell("B2", 46094.35, date=True)])


def far_date() -> bytes:
    """A date cell at -1e15 days: python-calamine 0.9 panics converting it (issue 22, 1)."""
    return workbook(
        [
            HEADER,
            GOOD_ROW,
            row(3, [text_cell("A3", "070-174 06 06"), number_cell("B3", "-1e15", date=True)]),
        ]
    )


def two_corners() -> bytes:
    """Cells at A1 and XFD1048576: a 2^34-cell range, a 512 GiB allocation (issue 22, 2)."""
    return workbook([HEADER, GOOD_ROW, row(1048576, [text_cell("XFD1048576", "x")])])


def wide_corner(column: str = "ALL", last_row: int = 200_000) -> bytes:
    """Cells at A1 and ALL200000: 200,000 × 1,000 cells, 6.2 GB in calamine (issue 22, 2)."""
    return workbook([HEADER, GOOD_ROW, row(last_row, [text_cell(f"{column}{last_row}", "x")])])


def many_numbers(rows: int = 500_000, columns: int = 60) -> bytes:
    """``rows`` × ``columns`` number cells (no r attributes, as some writers leave them)."""
    line = b"<row>" + b"<c><v>1</v></c>" * columns + b"</row>"
    return workbook(HEADER.encode() + line * rows)


def whitespace(megabytes: int = 1024) -> bytes:
    """A header, one row, then ``megabytes`` MB of spaces in the sheet XML (issue 22, 2)."""
    chunk = b" " * 2**20
    return workbook(HEADER.encode() + GOOD_ROW.encode() + chunk * megabytes)
