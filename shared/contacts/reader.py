"""Read a contact file row by row: which contacts are accepted, and why the others are not.

Memory is bounded whatever the file's size: one 64 KB chunk and the current row, plus
- the normalised identifiers (E.164 numbers, lower-cased addresses) of accepted rows, for the
  duplicate check: O(accepted identifiers), about 100 bytes each (200,000 accepted rows ≈ 20 MB);
- the rejected rows' numbers and reasons: 5 bytes a rejected row (an ``array`` of row numbers
  and a ``bytearray`` of reason codes; 200,000 bad rows ≈ 1 MB).

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
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from shared.contacts.dates import ContactTime, combine, parse_contact_time
from shared.contacts.decoding import Readable, TextLines
from shared.contacts.email import EmailChecker
from shared.contacts.headers import CHANNEL_VALUES, Layout, describe_headers, detect_layout
from shared.contacts.phone import normalise_phone
from shared.contacts.reasons import FileError, FileErrorCode, Reason
from shared.models import Channel
from shared.redaction import redact
from shared.tenants import Tenant

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
    rows: int = 0
    sms: int = 0
    email: int = 0
    _counts: list[int] = field(default_factory=lambda: [0] * len(_REASONS))
    _rejected_row_numbers: array[int] = field(default_factory=lambda: array("L"))
    _rejected_reason_codes: bytearray = field(default_factory=bytearray)

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
            "file": redact(file),
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "rows": self.rows,
            "accepted": self.accepted,
            "sms": self.sms,
            "email": self.email,
            "rejected": self.rejected,
            "rejected_rows": [{"row": row, "reason": reason} for row, reason in self.rejected_rows],
        }


def _is_blank(line: str) -> bool:
    return not line.strip(" \t\r\n;,\"'")


class ContactReader:
    """Iterable of ``Accepted``; ``report`` is complete once the iteration has ended.

    The header is read when the reader is made, so an empty, binary or header-less file raises
    ``FileError`` right away. Iterate once.
    """

    def __init__(self, stream: Readable, tenant: Tenant, received_at: datetime) -> None:
        if received_at.tzinfo is None:
            raise ValueError("received_at must be timezone-aware")
        self._lines = TextLines(stream)
        self._tenant = tenant
        self._oldest = received_at - tenant.max_contact_age
        self._emails = EmailChecker()
        self._seen: set[str] = set()
        self._done = False
        self.report = Report()
        lines = iter(self._lines)
        header_line = next((line for line in lines if not _is_blank(line)), None)
        if header_line is None:
            raise FileError(FileErrorCode.EMPTY_FILE, "The file has no header row, only blanks.")
        self.layout, fields = detect_layout(header_line)
        if not self.layout.has_contact_column:
            raise FileError(
                FileErrorCode.NO_CONTACT_COLUMN,
                "No column for phone numbers or e-mail addresses (headers such as 'telefon', "
                f"'e-post', 'kontakt', 'phone', 'email'): {describe_headers(fields)}.",
            )
        self.report.delimiter = self.layout.delimiter
        self._records = csv.reader(lines, delimiter=self.layout.delimiter)
        self.report.encoding = self._lines.encoding

    def __iter__(self) -> Iterator[Accepted]:
        if self._done:
            raise RuntimeError("a ContactReader can be iterated only once")
        self._done = True
        report = self.report
        try:
            for fields in self._records:
                if not "".join(fields).strip():
                    continue  # a blank line, or only delimiters: skipped, not counted
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
        except csv.Error as error:
            # The csv module's messages quote no field content, only the line number.
            raise FileError(
                FileErrorCode.NOT_CSV,
                f"The file cannot be read as CSV after data row {report.rows}: {error}.",
            ) from None
        finally:
            report.encoding = self._lines.encoding

    def _row(self, row: int, fields: list[str]) -> Accepted | Reason:
        layout = self.layout
        count = len(fields)
        phones = [v for i in layout.phone if i < count and (v := fields[i].strip())]
        emails = [v for i in layout.email if i < count and (v := fields[i].strip())]
        for i in layout.contact:
            if i < count and (value := fields[i].strip()):
                (emails if "@" in value else phones).append(value)
        if not phones and not emails:
            return Reason.MISSING_CONTACT

        preferred = self._channel(layout, fields, count)
        usable: list[tuple[Channel, str]] = []
        first_reason: Reason | None = None
        order = (
            (Channel.EMAIL, Channel.SMS)
            if preferred is Channel.EMAIL
            else (Channel.SMS, Channel.EMAIL)
        )
        for channel in order:
            for value in phones if channel is Channel.SMS else emails:
                address, reason = self._identifier(channel, value)
                if address is not None and reason is None:
                    usable.append((channel, address))
                elif first_reason is None:
                    first_reason = reason
        if not usable:
            assert first_reason is not None
            return first_reason

        contacted_at = None
        if layout.time:
            times = [v for i in layout.time if i < count and (v := fields[i].strip())]
            if times:
                parsed = parse_contact_time(combine(times))
                if parsed is None:
                    return Reason.INVALID_DATE
                if self._too_old(parsed):
                    return Reason.TOO_OLD
                contacted_at = parsed.at

        keys = [
            address.lower() if channel is Channel.EMAIL else address for channel, address in usable
        ]
        seen = self._seen
        if any(key in seen for key in keys):
            return Reason.DUPLICATE
        seen.update(keys)
        channel, address = usable[0]
        return Accepted(row, channel, address, contacted_at)

    @staticmethod
    def _channel(layout: Layout, fields: list[str], count: int) -> Channel | None:
        for i in layout.channel:
            if i < count:
                channel = CHANNEL_VALUES.get(fields[i].strip().casefold())
                if channel is not None:
                    return channel
        return None

    def _identifier(self, channel: Channel, value: str) -> tuple[str | None, Reason | None]:
        if channel is Channel.SMS:
            return normalise_phone(value, self._tenant.allowed_sms_countries)
        return self._emails.check(value)

    def _too_old(self, parsed: ContactTime) -> bool:
        return parsed.latest < self._oldest


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
