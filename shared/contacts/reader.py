"""Read a contact file row by row: which contacts are accepted, and why the others are not.

Memory is bounded whatever the file's size: one 64 KB chunk and the current row, plus
- the normalised identifiers (E.164 numbers, lower-cased addresses) of accepted rows, for the
  duplicate check: O(accepted identifiers), about 100 bytes each (200,000 accepted rows ≈ 20 MB);
- the rejected rows' numbers and reasons: 5 bytes a rejected row (an ``array`` of row numbers
  and a ``bytearray`` of reason codes; 200,000 bad rows ≈ 1 MB);
- small memos with fixed limits: time values (4,096), channel values, e-mail domains (10,000).

The checks on a row, in this order (the first failing one is the row's reason):
1. the contact: the identifier the row's channel (or else SMS-first) points at, falling back
   to the other identifier on the row; when neither is usable, the reason of the first one
   tried (``missing_contact`` when the row has none at all);
2. the time: ``invalid_date``, then ``too_old``;
3. ``duplicate``: one of the row's usable identifiers was on an earlier *accepted* row.
So a row with a bad contact and a bad date is reported for its contact: without a usable
contact it could never be used, whatever its date.
"""

from __future__ import annotations

import csv
import re
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, cast

from shared.contacts import workbook
from shared.contacts.dates import combine, parse_contact_time
from shared.contacts.decoding import CHUNK_BYTES, Readable, TextLines
from shared.contacts.email import EmailChecker
from shared.contacts.headers import (
    CHANNEL_VALUES,
    DELIMITERS,
    Column,
    Layout,
    describe_headers,
    detect_layout,
    layout_of,
    mapping_headers,
)
from shared.contacts.personal_columns import personal_columns
from shared.contacts.phone import COMMON_MOBILE, FAST_PATH_ENABLED, REGION, normalise_phone
from shared.contacts.reasons import FileError, FileErrorCode, Reason
from shared.core.models import Channel
from shared.core.tenants import Tenant
from shared.platform.redaction import redact

_REASONS = tuple(Reason)
_REASON_CODE = {reason: code for code, reason in enumerate(_REASONS)}


class Accepted(NamedTuple):
    """An accepted contact. ``address`` is E.164 (SMS) or an e-mail address (punycode domain)."""

    row: int
    channel: Channel
    address: str
    contacted_at: datetime | None  # None when the file has no time column or the cell is empty


@dataclass
class Report:
    """What a file gave: counts, and rejected rows by number and reason (no personal data)."""

    encoding: str = ""
    delimiter: str = ""
    format: str = "csv"  # "csv" (any text file) or "xlsx"
    sheet: int = 0  # the workbook's sheet read, from 1 (0 for a text file)
    header_row: int = 0  # the header's line (text) or row (sheet) number, from 1
    title_rows: int = 0  # non-blank rows above the header that were skipped
    rows: int = 0
    sms: int = 0
    email: int = 0
    _counts: list[int] = field(default_factory=lambda: [0] * len(_REASONS))
    _rejected_row_numbers: array[int] = field(default_factory=lambda: array("L"))
    _rejected_reason_codes: bytearray = field(default_factory=bytearray)
    # for the commands' messages, not the ingest's report: the kinds of personal data in
    # columns the service never reads, and the first and last contact day of too_old rows
    personal_columns: tuple[str, ...] = ()
    too_old_days: tuple[date, date] | None = None

    def note_too_old(self, day: date) -> None:
        first, last = self.too_old_days or (day, day)
        self.too_old_days = (min(first, day), max(last, day))

    @property
    def accepted(self) -> int:
        return self.sms + self.email

    @property
    def rejected(self) -> dict[str, int]:
        """Rejections per reason, reasons with zero left out, in ``Reason`` order."""
        return {r.value: n for r, n in zip(_REASONS, self._counts, strict=True) if n}

    @property
    def rejected_count(self) -> int:
        return len(self._rejected_reason_codes)

    @property
    def rejected_rows(self) -> list[tuple[int, str]]:
        return [
            (row, _REASONS[code].value)
            for row, code in zip(
                self._rejected_row_numbers, self._rejected_reason_codes, strict=True
            )
        ]

    def reject(self, row: int, reason: Reason) -> None:
        code = _REASON_CODE[reason]
        self._counts[code] += 1
        self._rejected_row_numbers.append(row)
        self._rejected_reason_codes.append(code)

    def as_json(self, file: str) -> dict[str, Any]:
        """The report in the ``validate --json`` shape; ``file`` is redacted, to be safe."""
        return {
            "file": shown_name(file),
            "format": self.format,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            **({"sheet": self.sheet} if self.sheet else {}),
            "header_row": self.header_row,
            "rows": self.rows,
            "accepted": self.accepted,
            "sms": self.sms,
            "email": self.email,
            "rejected": self.rejected,
            "rejected_rows": [{"row": row, "reason": reason} for row, reason in self.rejected_rows],
        }


def shown_name(name: str) -> str:
    """A file's own name as a report shows it: redacted, without control or format characters
    (ESC sequences, bidi overrides that would reorder what a reader sees)."""
    return "".join(ch for ch in redact(name) if ch.isprintable())


def _is_blank(line: str) -> bool:
    return not line.strip(" \t\r\n;,\"'")


# A contact time this long after the file was received is refused as future_date (clocks of
# the exporting system and of S3 may differ by minutes; an hour is never a clock's error).
FUTURE_MARGIN = timedelta(hours=1)
# Rows above the header that are neither blank nor the header (a report's title, its period).
MAX_TITLE_ROWS = 10
# Work limits of one file (docs/csv-format.md): a header or row wider than MAX_COLUMNS fields,
# and more than MAX_LINES rows and blank lines together, refuse the file whole (``over_limit``).
# Without them a 4 MB file of 2M short rows under a 100,000-column header took half an hour,
# and 512 MB of blank lines three minutes (issue 22).
MAX_COLUMNS = 1_000
MAX_LINES = 4_000_000


def _check_width(fields: list[str]) -> None:
    if len(fields) > MAX_COLUMNS:
        raise FileError(
            FileErrorCode.OVER_LIMIT, "over_limit.columns", columns=len(fields), limit=MAX_COLUMNS
        )


def _too_wide(row: int) -> FileError:
    return FileError(FileErrorCode.OVER_LIMIT, "over_limit.row_columns", row=row, limit=MAX_COLUMNS)


def _too_many_lines() -> FileError:
    return FileError(
        FileErrorCode.OVER_LIMIT, "over_limit.lines", limit=f"{MAX_LINES:,}".replace(",", " ")
    )


# Excel's "sep=;" first line; Excel itself may pad it with delimiters ("sep=;;;")
_SEP_LINE = re.compile(r"\ufeff?sep=(tab|.)[;,\t ]*", re.IGNORECASE)
_ZIP = b"PK\x03\x04"


def _start(stream: Readable) -> bytes:
    """The first bytes of the upload: enough to tell a workbook from text."""
    first = bytes(stream.read(CHUNK_BYTES))
    while 0 < len(first) < len(_ZIP):  # a stream may return short reads
        more = bytes(stream.read(CHUNK_BYTES))
        if not more:
            break
        first += more
    return first


def _no_header(first_fields: list[str] | None) -> FileError:
    if first_fields is None:
        return FileError(FileErrorCode.EMPTY_FILE, "empty_file.blank")
    shown = describe_headers(first_fields)
    if shown is None:
        return FileError(FileErrorCode.NO_CONTACT_COLUMN, "no_contact_column.data")
    return FileError(
        FileErrorCode.NO_CONTACT_COLUMN,
        "no_contact_column.headers",
        lines=MAX_TITLE_ROWS + 1,
        headers=shown,
    )


class ContactReader:
    """Iterable of ``Accepted``; ``report`` is complete once the iteration has ended.

    The header is read when the reader is made, so an empty, binary or header-less file raises
    ``FileError`` right away. Iterate once.
    """

    def __init__(self, stream: Readable, tenant: Tenant, received_at: datetime) -> None:
        if received_at.tzinfo is None:
            raise ValueError("received_at must be timezone-aware")
        self._lines: TextLines | None = None
        self._book: workbook.Workbook | None = None
        self._oldest = received_at - tenant.max_contact_age
        self._latest = received_at + FUTURE_MARGIN
        self._emails = EmailChecker()
        self._allowed = tenant.allowed_sms_countries
        self._seen: set[str] = set()
        self._times: dict[str, datetime | Reason] = {}
        self._channels: dict[str, object] = {}
        self._done = False
        self.report = Report()
        headers = mapping_headers(tenant.column_mapping)
        first = _start(stream)
        if first.startswith(_ZIP):
            self.layout, self._records = self._workbook(first, stream, headers)
            self.report.format = "xlsx"
        else:
            self._lines = TextLines(stream, first=first)
            self.layout, self._records = self._text(self._lines, headers)
            self.report.delimiter = self.layout.delimiter
            self.report.encoding = self._lines.encoding

    def _text(
        self, text: TextLines, headers: Mapping[str, Column]
    ) -> tuple[Layout, Iterator[list[str]]]:
        """The header of a text file (after a ``sep=`` line and title rows) and its records."""
        lines = iter(text)
        delimiters: tuple[str, ...] = DELIMITERS
        first_fields: list[str] | None = None
        line_number = 0
        for line in lines:
            line_number += 1
            if line_number == 1 and (said := _SEP_LINE.fullmatch(line.strip("\r\n"))):
                delimiters = ("\t",) if said[1].casefold() == "tab" else (said[1],)
                continue  # Excel's own hint: "sep=;" names the delimiter
            if _is_blank(line):
                if line_number > MAX_LINES:
                    raise _too_many_lines()
                continue  # blank lines above the header are skipped, and do not count
            try:
                layout, fields = detect_layout(line, headers, delimiters)
            except csv.Error:  # a field over the csv module's 128 KB, or a stray quote
                raise FileError(FileErrorCode.NOT_CSV, "not_csv.broken_header") from None
            if layout.has_contact_column:
                _check_width(fields)
                self.report.header_row = line_number
                self.report.personal_columns = _personal(fields, layout)
                return layout, csv.reader(lines, delimiter=layout.delimiter)
            if first_fields is None:
                first_fields = fields
            self.report.title_rows += 1
            if self.report.title_rows > MAX_TITLE_ROWS:
                break
        raise _no_header(first_fields)

    def _workbook(
        self, first: bytes, stream: Readable, headers: Mapping[str, Column]
    ) -> tuple[Layout, Iterator[list[str]]]:
        """The first sheet with a recognised header among its first rows, and its records."""
        book = workbook.Workbook(workbook.read_all(first, stream.read))
        self._book = book  # closed when the rows have been read (or the reader is collected)
        try:
            return self._sheet(book, headers)
        except BaseException:
            book.close()
            raise

    def _sheet(
        self, book: workbook.Workbook, headers: Mapping[str, Column]
    ) -> tuple[Layout, Iterator[list[str]]]:
        any_rows = False
        for number, (first_row, rows) in enumerate(book.sheets(), start=1):
            title_rows = 0
            for row_number, fields in enumerate(rows, start=first_row):
                if not "".join(fields).strip():
                    if row_number > MAX_LINES:
                        raise _too_many_lines()
                    continue
                any_rows = True
                layout = layout_of(fields, "", headers)
                if layout.has_contact_column:
                    _check_width(fields)
                    self.report.personal_columns = _personal(fields, layout)
                    self.report.sheet = number
                    self.report.header_row = row_number
                    self.report.title_rows = title_rows
                    return layout, rows
                title_rows += 1
                if title_rows > MAX_TITLE_ROWS:
                    break
        if not any_rows:
            raise FileError(FileErrorCode.EMPTY_FILE, "empty_file.workbook")
        raise FileError(
            FileErrorCode.NO_CONTACT_COLUMN, "no_contact_column.workbook", lines=MAX_TITLE_ROWS + 1
        )

    def __iter__(self) -> Iterator[Accepted]:
        if self._done:
            raise RuntimeError("a ContactReader can be iterated only once")
        self._done = True
        report = self.report
        try:
            if self.layout.simple:
                yield from self._simple_rows(report)
            else:
                yield from self._rows(report)
        except csv.Error:
            # The csv module's own words are English and quote no content; ours say the row.
            raise FileError(FileErrorCode.NOT_CSV, "not_csv.broken", row=report.rows) from None
        finally:
            if self._lines is not None:
                report.encoding = self._lines.encoding
            if self._book is not None:
                self._book.close()  # the child reading the workbook has nothing more to say

    def _rows(self, report: Report) -> Iterator[Accepted]:
        """Any layout (several phone, e-mail or time columns, a 'kontakt' column)."""
        blank = 0
        for fields in self._records:
            if len(fields) > MAX_COLUMNS:
                raise _too_wide(report.rows + 1)
            if not "".join(fields).strip():
                blank += 1  # a blank line, or only delimiters: skipped, not a row, but work
                if blank + report.rows > MAX_LINES:
                    raise _too_many_lines()
                continue
            report.rows += 1
            outcome = self._row(report.rows, fields)
            if isinstance(outcome, Accepted):
                if outcome.channel is Channel.SMS:
                    report.sms += 1
                else:
                    report.email += 1
                yield outcome
            else:
                report.reject(report.rows, outcome)

    def _simple_rows(self, report: Report) -> Iterator[Accepted]:
        """The common layout — at most one phone, e-mail, channel and time column — inlined.

        Same rules as ``_row`` (the tests run both on the same files); written out because
        this loop is the ingest's hot path.
        """
        layout = self.layout
        phone_at = layout.phone[0] if layout.phone else -1
        email_at = layout.email[0] if layout.email else -1
        channel_at = layout.channel[0] if layout.channel else -1
        time_at = layout.time[0] if layout.time else -1
        width = max(phone_at, email_at, channel_at, time_at) + 1
        padding = [""] * width
        allowed = self._allowed
        common_mobile = (
            COMMON_MOBILE.fullmatch if FAST_PATH_ENABLED and REGION in allowed else _no_match
        )
        check_email = self._emails.check
        seen = self._seen
        preferred = self._preferred
        channels = self._channels
        contact_time = self._time
        new = tuple.__new__
        sms_channel, email_channel = Channel.SMS, Channel.EMAIL
        missing, duplicate = Reason.MISSING_CONTACT, Reason.DUPLICATE
        reject = report.reject
        phone_address: str | None
        phone_reason: Reason | None
        row = blank = 0
        for fields in self._records:
            if len(fields) < width:
                fields = fields + padding[len(fields) :]
            elif len(fields) > MAX_COLUMNS:
                raise _too_wide(row + 1)
            phone = fields[phone_at].strip() if phone_at >= 0 else ""
            email = fields[email_at].strip() if email_at >= 0 else ""
            if not phone and not email:
                if not "".join(fields).strip():
                    blank += 1  # a blank line, or only delimiters: skipped, not a row, but work
                    if blank + row > MAX_LINES:
                        raise _too_many_lines()
                    continue
                row += 1
                report.rows = row
                reject(row, missing)
                continue
            row += 1
            report.rows = row

            if phone:
                # the commonest case, inlined: a Swedish mobile written with spaces or dashes
                # (the same answer phone.fast_path gives; it strips '.' and NBSP as well)
                mobile = common_mobile(phone.replace(" ", "").replace("-", ""))
                if mobile is not None:
                    phone_address, phone_reason = "+46" + mobile.group(1), None
                else:
                    phone_address, phone_reason = normalise_phone(phone, allowed)
            else:
                phone_address, phone_reason = _NONE
            email_address, email_reason = check_email(email) if email else _NONE
            channel: Channel | None = None
            address: str | None = None
            said = channels.get(fields[channel_at], _UNSET) if channel_at >= 0 else None
            if said is _UNSET:
                said = preferred(fields)
            if said is email_channel:
                if email and email_reason is None:
                    channel, address = email_channel, email_address
                elif phone and phone_reason is None:
                    channel, address = sms_channel, phone_address
                reason = email_reason if email else phone_reason
            else:
                if phone and phone_reason is None:
                    channel, address = sms_channel, phone_address
                elif email and email_reason is None:
                    channel, address = email_channel, email_address
                reason = phone_reason if phone else email_reason
            if address is None or channel is None:
                reject(row, reason or missing)
                continue

            contacted_at = None
            if time_at >= 0:
                value = fields[time_at].strip()
                if value:
                    when = contact_time(value)
                    if when.__class__ is Reason:
                        reject(row, cast(Reason, when))
                        continue
                    contacted_at = when

            key = address.lower() if channel is email_channel else address
            if key in seen:
                reject(row, duplicate)
                continue
            if phone_address and email_address and phone_reason is None and email_reason is None:
                # both usable: the one not chosen also marks this person for the duplicate check
                other = email_address.lower() if channel is sms_channel else phone_address
                if other in seen:
                    reject(row, duplicate)
                    continue
                seen.add(other)
            seen.add(key)
            if channel is sms_channel:
                report.sms += 1
            else:
                report.email += 1
            yield new(Accepted, (row, channel, address, contacted_at))

    def _row(self, row: int, fields: list[str]) -> Accepted | Reason:
        layout = self.layout
        phones = _values(fields, layout.phone)
        emails = _values(fields, layout.email)
        if layout.contact:
            for value in _values(fields, layout.contact):
                (emails if "@" in value else phones).append(value)
        if not phones and not emails:
            return Reason.MISSING_CONTACT

        order = _EMAIL_FIRST if self._preferred(fields) is Channel.EMAIL else _SMS_FIRST
        usable: list[tuple[Channel, str]] = []
        first_reason: Reason | None = None
        for channel in order:
            for value in phones if channel is Channel.SMS else emails:
                if channel is Channel.SMS:
                    address, reason = normalise_phone(value, self._allowed)
                else:
                    address, reason = self._emails.check(value)
                if reason is None and address is not None:
                    usable.append((channel, address))
                elif first_reason is None:
                    first_reason = reason
        if not usable:
            return first_reason or Reason.MISSING_CONTACT

        contacted_at = None
        if layout.time:
            times = _values(fields, layout.time)
            if times:
                combined = combine(times)
                if combined is None:
                    return Reason.INVALID_DATE
                when = self._time(combined)
                if isinstance(when, Reason):
                    return when
                contacted_at = when

        seen = self._seen
        if len(usable) == 1:
            channel, address = usable[0]
            key = address.lower() if channel is Channel.EMAIL else address
            if key in seen:
                return Reason.DUPLICATE
            seen.add(key)
        else:
            keys = [a.lower() if c is Channel.EMAIL else a for c, a in usable]
            if any(key in seen for key in keys):
                return Reason.DUPLICATE
            seen.update(keys)
            channel, address = usable[0]
        return Accepted(row, channel, address, contacted_at)

    def _preferred(self, fields: list[str]) -> Channel | None:
        count = len(fields)
        for i in self.layout.channel:
            if i < count:
                raw = fields[i]
                channel = self._channels.get(raw, _UNSET)
                if channel is _UNSET:
                    channel = CHANNEL_VALUES.get(raw.strip().casefold())
                    _remember(self._channels, raw, channel)
                if channel is not None:
                    return cast(Channel, channel)
        return None

    def _time(self, value: str) -> datetime | Reason:
        """The contact time of a row, or why it is refused (memoised: files repeat times)."""
        known = self._times.get(value)
        if known is None:
            parsed = parse_contact_time(value)
            if parsed is None:
                known = Reason.INVALID_DATE
            elif parsed.at > self._latest:
                known = Reason.FUTURE_DATE
            elif parsed.latest < self._oldest:
                known = Reason.TOO_OLD
                self.report.note_too_old(parsed.at.date())
            else:
                known = parsed.at
            _remember(self._times, value, known)
        return known


def _personal(fields: list[str], layout: Layout) -> tuple[str, ...]:
    used = (*layout.phone, *layout.email, *layout.contact, *layout.channel, *layout.time)
    return personal_columns(fields, used)


_SMS_FIRST = (Channel.SMS, Channel.EMAIL)
_EMAIL_FIRST = (Channel.EMAIL, Channel.SMS)
_UNSET = object()
_NONE: tuple[str | None, Reason | None] = (None, None)
_MEMO_LIMIT = 4096


def _no_match(_value: str) -> None:
    return None


def _remember(memo: dict[str, Any], key: str, value: Any) -> None:
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()  # bounded: a file of all-distinct values just loses the memo's benefit
    memo[key] = value


def _values(fields: list[str], indexes: tuple[int, ...]) -> list[str]:
    """The non-empty, stripped values of the given columns (short rows have fewer fields)."""
    if len(indexes) == 1:
        i = indexes[0]
        if i < len(fields):
            value = fields[i].strip()
            if value:
                return [value]
        return []
    count = len(fields)
    return [v for i in indexes if i < count and (v := fields[i].strip())]


def read_contacts(stream: Readable, tenant: Tenant, received_at: datetime) -> ContactReader:
    """Read a contact file (anything with ``.read(n)``: an S3 body, an open binary file).

    Raises ``FileError`` for an empty, binary or header-less file (here), or for a file that
    stops being CSV part-way (during iteration: a line over 1 MB, a field over the csv
    module's limit).
    """
    return ContactReader(stream, tenant, received_at)


def report_json(reader: ContactReader, file: str) -> dict[str, Any]:
    """The finished report of ``reader`` as JSON-ready data without personal data."""
    return reader.report.as_json(file)
