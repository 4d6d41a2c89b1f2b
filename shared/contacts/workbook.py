"""Excel workbooks (.xlsx): the first sheet with a recognised header, its cells as text.

Read with ``python-calamine`` (Rust; one ~2 MB wheel, no dependencies), chosen over
``openpyxl`` for speed: see bench/formats.py. A workbook is a ZIP archive, so it cannot be
read as a stream: the whole file is read into memory first (at most ``MAX_WORKBOOK_BYTES``),
and calamine holds the chosen sheet's cells while its rows are read.

Cells become the text the CSV path reads, so one set of rules judges both:
- a number cell: an integral value without ``.0`` (``46701740613.0`` → ``46701740613``; a
  phone number whose leading 0 Excel dropped, ``701740613``, is still a Swedish mobile);
- a date or date-time cell: ISO 8601 (``2026-03-13 08:15:00``), Swedish time like any value
  without an offset, rounded to the second (Excel's day fractions come back as 08:14:59.999);
  a date-time at midnight is the day alone (a date cell with a time format), so a separate
  time column is joined to it; a time cell: ``08:15:00``;
- text as it is; an empty cell or a boolean: empty / ``TRUE``/``FALSE``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta

from shared.contacts.reasons import FileError, FileErrorCode

MAX_WORKBOOK_BYTES = 64 * 1024 * 1024  # Excel's 1,048,576 rows of a contact list ≈ 30-40 MB
_READ = 1024 * 1024

Cell = int | float | str | bool | time | date | datetime | timedelta


def _cell_text(value: Cell) -> str:
    kind = value.__class__
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is float:
        number: float = value  # type: ignore[assignment]
        return str(int(number)) if number.is_integer() else repr(number)
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if kind is int:
        return str(value)
    if kind is datetime:
        moment = _to_second(value)  # type: ignore[arg-type]
        if moment.time() == _MIDNIGHT:
            # a date cell that carries a time format: the day, so that a separate time column
            # is joined to it as it would be to a date-only cell
            return moment.date().isoformat()
        return moment.isoformat(sep=" ")
    if kind is time:
        clock: time = value  # type: ignore[assignment]
        return _to_second(datetime.combine(date.min, clock)).time().isoformat()
    if kind is date:
        return value.isoformat()  # type: ignore[union-attr]
    return str(value)  # a duration: never a valid contact time, so it is reported, not read


_MIDNIGHT = time(0, 0)
_HALF_SECOND = timedelta(microseconds=500_000)


def _to_second(moment: datetime) -> datetime:
    """Excel stores times as fractions of a day: 08:15 may come back as 08:14:59.999999."""
    if moment.microsecond == 0:
        return moment
    return (moment + _HALF_SECOND).replace(microsecond=0)


def row_text(row: list[Cell]) -> list[str]:
    return [cell if cell.__class__ is str else _cell_text(cell) for cell in row]


def read_all(first: bytes, stream: Callable[[int], bytes]) -> bytes:
    """The rest of the upload after ``first``, refusing a workbook over the limit."""
    parts = [first]
    size = len(first)
    while chunk := stream(_READ):
        size += len(chunk)
        if size > MAX_WORKBOOK_BYTES:
            raise FileError(
                FileErrorCode.NOT_CSV, "not_csv.workbook_too_large", limit=MAX_WORKBOOK_BYTES >> 20
            )
        parts.append(bytes(chunk))
    return b"".join(parts)


def sheets(data: bytes) -> Iterator[tuple[int, Iterator[list[str]]]]:
    """Each sheet's first row number (from 1) and rows as text, in workbook order.

    A sheet is loaded when it is reached. python-calamine's ``iter_rows`` (0.9) yields the
    rows from the sheet's top, empty ones included, so the first row is row 1 (a test pins
    this: the report's ``header_row`` must match what Excel shows).
    """
    from python_calamine import CalamineError, CalamineWorkbook  # only a workbook needs it

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError):  # not a workbook after all (a plain ZIP …)
        raise FileError(FileErrorCode.NOT_CSV, "not_csv.xlsx_unreadable") from None
    # Not closed here: the caller reads the chosen sheet's rows after this generator is left
    # suspended; the workbook goes when the last reference to it does.
    for index in range(len(workbook.sheet_names)):
        try:
            sheet = workbook.get_sheet_by_index(index)
        except (CalamineError, ValueError):
            raise FileError(FileErrorCode.NOT_CSV, "not_csv.xlsx_unreadable") from None
        yield 1, (row_text(row) for row in sheet.iter_rows())
