"""Excel workbooks (.xlsx): the first sheet with a recognised header, its cells as text.

Read with ``python-calamine`` (Rust; one ~2 MB wheel, no dependencies), chosen over
``openpyxl`` for speed: see bench/formats.py. A workbook is a ZIP archive, so it cannot be
read as a stream: the whole file is read into memory first (at most ``MAX_WORKBOOK_BYTES``).

An uploaded workbook is untrusted input to a native library, which can panic (a date cell at
-1e15 days raises ``pyo3_runtime.PanicException``, a ``BaseException``) or abort the process (two
cells at A1 and XFD1048576 ask for a 512 GiB range), so it is read in two steps (issue 22):

1. ``check`` (pure Python, before calamine sees a byte): at most ``MAX_PARTS`` ZIP members,
   each member's CRC and size as declared, at most ``MAX_UNPACKED_BYTES`` unpacked in all, and
   at most ``MAX_CELLS`` cells in the sheets' ranges. The range of a sheet is what calamine
   allocates: from A1 to its last row times its last column, whatever lies between (counted
   from the cells present, ``r`` references or their position; the declared ``<dimension>`` is
   not trusted either way, and calamine does not use it). Over a limit: ``FileError``
   ``over_limit``, with the limit in its words.
2. ``open`` runs calamine in a forked child process with an address-space limit
   (``CHILD_MEMORY_BYTES`` above what it inherits), a CPU limit and its stderr closed (a
   panic's message quotes what the library saw). The child sends each sheet's rows as text
   through a pipe; the parent reads them as they come. A panic, an abort, the memory or CPU
   limit end the child alone: the file is refused (``not_csv.reader_failed``) and the
   draw goes on. Without ``os.fork`` (not on Lambda), calamine runs in-process.

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

import contextlib
import io
import json
import os
import re
import signal
import struct
import weakref
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any, BinaryIO

from shared.contacts.reasons import FileError, FileErrorCode

MAX_WORKBOOK_BYTES = 64 * 1024 * 1024  # Excel's 1,048,576 rows of a contact list ≈ 30-40 MB
# Limits checked before calamine reads anything (docs/csv-format.md). Measured (bench/hostile.py):
# 1,000,000 rows × 6 text cells take calamine ~0.6 GB and ~4 s; the child may use
# CHILD_MEMORY_BYTES more than the parent it copies, which leaves the ingest function (2 GB)
# room for its own work.
MAX_PARTS = 1_000
MAX_UNPACKED_BYTES = 512 * 2**20
MAX_CELLS = 6_000_000
CHILD_MEMORY_BYTES = 1_280 * 2**20
CHILD_CPU_SECONDS = 120
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


def column_number(letters: bytes) -> int:
    """``A`` → 1, ``Z`` → 26, ``AA`` → 27, ``XFD`` → 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


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


# -- 1. the check before reading --------------------------------------------------------------

# A cell or row start tag, with an optional namespace prefix (some writers use <x:c …>).
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_ROW_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*?\sr=[\"'](\d{1,9})[\"']")
_CELL_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\sr=[\"']([A-Za-z]{1,4})(\d{1,9})[\"']")
_FAST_CELL_REF = re.compile(rb'<c r="([A-Z]{1,4})(\d{1,9})"')
_FAST_ROW_REF = re.compile(rb'<row r="(\d{1,9})"')
_CARRY_MAX = 64 * 1024  # an unfinished tag at a chunk's end is never longer than this


class _Extent:
    """The range one ZIP member's cells span: its last row and its last column (an upper
    bound within one of calamine's: a row or cell without ``r`` follows the one before)."""

    def __init__(self) -> None:
        self.last_row = 0  # the highest r of a row or cell
        self.row_tags = 0  # rows so far: the last row when rows carry no r
        self.columns = 0  # the highest column of a cell's r, or a row's count of cells
        self.in_row = 0  # cells of the current (unfinished) row so far

    @property
    def rows(self) -> int:
        return max(self.last_row, self.row_tags)

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    def add(self, segment: bytes) -> None:
        """Count a piece of XML that ends with a whole tag."""
        if b"<" not in segment:
            return
        # Excel's own form (<c r="B7" …>, <row r="7" …>, no namespace prefix) is counted by
        # the fast patterns; a piece with anything else goes through the general ones
        cells = segment.count(b"<c ") + segment.count(b"<c>") + segment.count(b"<c/")
        row_tags = segment.count(b"<row ") + segment.count(b"<row>") + segment.count(b"<row/")
        refs = _FAST_CELL_REF.findall(segment)
        row_refs = _FAST_ROW_REF.findall(segment)
        if b":c" in segment or b":row" in segment or len(refs) != cells:
            self._add_general(segment)
            return
        self._refs(refs, row_refs)
        self.row_tags += row_tags

    def _refs(self, refs: list[tuple[bytes, bytes]], row_refs: list[bytes]) -> None:
        if refs:
            columns, rows = zip(*refs, strict=True)
            self.columns = max(self.columns, *map(column_number, set(columns)))
            self.last_row = max(self.last_row, *map(int, set(rows)))
        if row_refs:
            self.last_row = max(self.last_row, *map(int, set(row_refs)))

    def _add_general(self, segment: bytes) -> None:
        self._refs(_CELL_REF.findall(segment), _ROW_REF.findall(segment))
        cells = len(_CELL.findall(segment))
        if cells == len(_CELL_REF.findall(segment)):  # every cell says where it is
            self.row_tags += len(_ROW.findall(segment))
            return
        starts = [m.start() for m in _ROW.finditer(segment)]
        self.row_tags += len(starts)
        if not starts:
            self.in_row += cells
            self.columns = max(self.columns, self.in_row)
            return
        # cells without an r are placed one after another: a row is as wide as its cells
        widths = [self.in_row + len(_CELL.findall(segment, 0, starts[0]))]
        for begin, end in zip(starts, [*starts[1:], len(segment)], strict=True):
            widths.append(len(_CELL.findall(segment, begin, end)))
        self.in_row = widths[-1]
        self.columns = max(self.columns, *widths)


def check(data: bytes) -> None:
    """Refuse a workbook whose reading would cost more than the documented limits, before
    calamine reads any of it (``FileError``: ``over_limit`` or ``not_csv.xlsx_unreadable``)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise FileError(FileErrorCode.NOT_CSV, "not_csv.xlsx_unreadable") from None
    if len(members) > MAX_PARTS:
        raise FileError(FileErrorCode.NOT_CSV, "not_csv.xlsx_unreadable")
    unpacked = 0
    cells = 0
    largest: tuple[int, _Extent] | None = None
    for member in members:
        if member.is_dir():
            continue
        unpacked += member.file_size  # as declared: a lie ends in a CRC or size error below
        if unpacked > MAX_UNPACKED_BYTES:
            raise _unpacked()
        extent = _Extent()
        try:
            with archive.open(member) as part:
                carry = b""
                while chunk := part.read(_READ):
                    data_ = carry + chunk
                    cut = data_.rfind(b">") + 1
                    extent.add(data_[:cut])
                    carry = data_[cut:]
                    if len(carry) > _CARRY_MAX:  # text, not a tag: keep its unfinished tag only
                        start = carry.rfind(b"<")
                        carry = (
                            carry[start:] if start >= 0 and len(carry) - start < _CARRY_MAX else b""
                        )
                    if extent.cells > MAX_CELLS or cells + extent.cells > MAX_CELLS:
                        raise _too_many_cells(extent)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, ValueError, OSError, EOFError):
            raise FileError(FileErrorCode.NOT_CSV, "not_csv.xlsx_unreadable") from None
        cells += extent.cells
        if largest is None or extent.cells > largest[0]:
            largest = (extent.cells, extent)
        if cells > MAX_CELLS:
            raise _too_many_cells(largest[1])


def _unpacked() -> FileError:
    return FileError(
        FileErrorCode.OVER_LIMIT, "over_limit.workbook_unpacked", limit=MAX_UNPACKED_BYTES >> 20
    )


def _too_many_cells(extent: _Extent) -> FileError:
    last = f"{column_letters(min(extent.columns, 10**6))}{extent.rows}"
    return FileError(
        FileErrorCode.OVER_LIMIT,
        "over_limit.workbook_cells",
        limit=f"{MAX_CELLS:,}".replace(",", " "),
        last=last,
    )


class ReaderFailed(FileError):
    """The reader stopped on the file: a panic, an abort, a limit. ``cause`` names how (the
    exception's type or the signal), never what the library said."""

    def __init__(self, cause: str) -> None:
        super().__init__(FileErrorCode.NOT_CSV, "not_csv.reader_failed")
        self.cause = cause


# -- 2. reading, in a child process -------------------------------------------------------------

_SHEET, _ROWS, _DONE, _ERROR, _FAILED = b"S", b"R", b"D", b"E", b"F"
_HEADER = struct.Struct("<cI")
_BATCH = 2_000  # rows per message
# A batch's JSON (UTF-8) is about the size of the XML its cells came from: a length past twice
# the unpacked limit is no message of ``_child``'s, and is not read.
_MESSAGE_MAX = 2 * MAX_UNPACKED_BYTES


def _calamine(data: bytes) -> Iterator[tuple[bytes, Any]]:
    """The messages of a whole reading: each sheet's start and its rows in batches."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = workbook.sheet_names
    except (CalamineError, ValueError, OSError):  # not a workbook after all (a plain ZIP …)
        yield _ERROR, "not_csv.xlsx_unreadable"
        return
    for index in range(len(names)):
        try:
            sheet = workbook.get_sheet_by_index(index)
        except (CalamineError, ValueError):
            yield _ERROR, "not_csv.xlsx_unreadable"
            return
        yield _SHEET, index
        batch: list[list[str]] = []
        for row in sheet.iter_rows():
            batch.append(row_text(row))
            if len(batch) == _BATCH:
                yield _ROWS, batch
                batch = []
        if batch:
            yield _ROWS, batch
    yield _DONE, None


def _child(data: bytes, fd: int) -> None:
    """In the forked child: read, send, exit. Never returns into the parent's code."""
    try:
        import gc
        import resource

        # the parent's objects are shared copy-on-write: a collection would touch (and copy)
        # every page of them; the rows made here hold no cycles
        gc.disable()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)  # a Rust panic prints the library's message (and its input) here
        with open("/proc/self/statm", encoding="ascii") as statm:
            inherited = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = inherited + CHILD_MEMORY_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU_SECONDS, CHILD_CPU_SECONDS))
        with os.fdopen(fd, "wb", buffering=1 << 16) as out:
            try:
                for kind, payload in _calamine(data):
                    _send(out, kind, payload)
            except BaseException as error:  # noqa: BLE001 - a panic, MemoryError: told, then exit
                _send(out, _FAILED, type(error).__name__)
    finally:
        os._exit(0)


def _send(out: BinaryIO, kind: bytes, payload: Any) -> None:
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    out.write(_HEADER.pack(kind, len(body)) + body)


def _in_process(data: bytes) -> Iterator[tuple[bytes, Any]]:
    try:
        yield from _calamine(data)
    except BaseException as error:  # the native library's panic; FATAL re-raised
        if isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        yield _FAILED, type(error).__name__


def _stop(pid: int, pipe: BinaryIO) -> None:
    pipe.close()
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _raise(kind: bytes, payload: Any) -> None:
    if kind == _ERROR:
        raise FileError(FileErrorCode.NOT_CSV, str(payload))
    if kind == _FAILED:
        raise ReaderFailed(str(payload)[:40])


class Workbook:
    """A checked workbook being read (in a child process where there is ``os.fork``); its
    ``sheets`` in workbook order, each as its first row number and its rows as text.
    ``close`` ends the reading (also when the object is collected)."""

    def __init__(self, data: bytes, isolated: bool | None = None) -> None:
        check(data)
        self._pending: tuple[bytes, Any] | None = None
        self._messages: Iterator[tuple[bytes, Any]]
        self._finalizer: weakref.finalize[..., Any] | None = None
        if isolated if isolated is not None else hasattr(os, "fork"):
            import python_calamine  # noqa: F401 - imported before the fork, never in the child

            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child, measured by its output
                os.close(read)
                _child(data, write)
            os.close(write)
            pipe = os.fdopen(read, "rb", buffering=1 << 16)
            self._finalizer = weakref.finalize(self, _stop, pid, pipe)
            self._messages = self._receive(pid, pipe)
        else:
            self._messages = _in_process(data)

    @staticmethod
    def _receive(pid: int, pipe: BinaryIO) -> Iterator[tuple[bytes, Any]]:
        while header := pipe.read(_HEADER.size):
            if len(header) < _HEADER.size:
                break
            kind, length = _HEADER.unpack(header)
            if length > _MESSAGE_MAX:  # never sent by _child: the child is not itself
                break
            body = pipe.read(length)
            if len(body) < length:
                break
            yield kind, json.loads(body)  # JSON, not marshal: safe whatever the child sent
        # the child died before it said it was done: an abort, a limit, a signal
        cause = "exited"
        with contextlib.suppress(ChildProcessError):
            _pid, status = os.waitpid(pid, 0)
            if os.WIFSIGNALED(status):
                cause = signal.Signals(os.WTERMSIG(status)).name
        yield _FAILED, cause

    def _next(self) -> tuple[bytes, Any]:
        if self._pending is not None:
            message, self._pending = self._pending, None
            return message
        return next(self._messages, (_FAILED, "exited"))

    def _rows(self) -> Iterator[list[str]]:
        while True:
            kind, payload = self._next()
            if kind != _ROWS:
                self._pending = (kind, payload)
                return
            yield from payload

    def sheets(self) -> Iterator[tuple[int, Iterator[list[str]]]]:
        """Each sheet's first row number (from 1) and rows as text, in workbook order.

        python-calamine's ``iter_rows`` (0.9) yields the rows from the sheet's top, empty ones
        included, so the first row is row 1 (a test pins this: the report's ``header_row``
        must match what Excel shows). A sheet's rows left unread are skipped.
        """
        while True:
            kind, payload = self._next()
            if kind == _ROWS:
                continue  # the rest of a sheet its reader left
            if kind == _SHEET:
                yield 1, self._rows_checked()
                continue
            self.close()
            _raise(kind, payload)
            return

    def _rows_checked(self) -> Iterator[list[str]]:
        yield from self._rows()
        if self._pending is not None and self._pending[0] in (_ERROR, _FAILED):
            kind, payload = self._pending
            self.close()
            _raise(kind, payload)

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()
