"""Reading one file whole through the contact reader, with its limits: the same code for the
daily draw and for ``servicematning validate``, so the two cannot disagree.

A file the reader fails on (anything but ``FileError``, a native library's panic included) is
refused alone (``not_csv.reader_failed``); a failure of the S3 stream itself is raised as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from shared.contacts import FileError, Report, read_contacts
from shared.contacts.workbook import ReaderFailed
from shared.core.tenants import Tenant
from shared.ingest import files
from shared.ingest.files import Outcome
from shared.ingest.inbox import message
from shared.platform import isolation


class _Refused(Exception):
    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


class FileRead(NamedTuple):
    """What reading one file gave: ``INGESTED`` with the reader's counts, or the refusal of the
    whole file; ``fields`` are what its report says of the reading."""

    outcome: Outcome
    fields: dict[str, Any]
    report: Report | None = None  # the reader's counts; None when the file cannot be read
    error: FileError | None = None  # why it cannot be read (``file_error`` with its code)
    fault: BaseException | None = None  # what the reader raised on it (refused as not_csv)


class SourceError(Exception):
    """Reading the upload's bytes failed (S3, the network): not the file's fault. Its cause
    is raised again, so the day's files wait for the next run."""


class _Source:
    """The upload's body, with its own failures told apart from the reader's."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def read(self, size: int = -1, /) -> bytes:
        try:
            return bytes(self._stream.read(size))
        except Exception as error:  # marked; read_file raises it again as it was
            raise SourceError from error


def read_file(
    stream: Any,
    tenant: Tenant,
    received_at: datetime,
    offer: Callable[[Any], None],
    day_rows: int = 0,
) -> FileRead:
    """Read one file whole, handing each accepted contact to ``offer``; on a refusal of the
    whole file the caller undoes what ``offer`` did. ``servicematning validate`` reads through
    it too, so the two cannot disagree.

    Whatever the reader raises on a file other than ``FileError`` — a bug, a native library's
    panic (``BaseException``) — refuses that file alone (``not_csv.reader_failed``, with the
    cause in ``fault`` for the caller to record); a failure of the stream itself is raised."""
    report: Report | None = None
    try:
        reader = read_contacts(_Source(stream), tenant, received_at)
        report = reader.report
        for contact in reader:
            if report.rows > files.MAX_FILE_ROWS:
                raise _Refused("too_many_rows", limit=f"{files.MAX_FILE_ROWS:,}".replace(",", " "))
            offer(contact)
        if day_rows + report.rows > files.MAX_DAY_ROWS:
            raise _Refused("day_full", limit=f"{files.MAX_DAY_ROWS:,}".replace(",", " "))
    except FileError as error:
        failed = error if isinstance(error, ReaderFailed) else None  # the operator hears of it
        return FileRead(Outcome.FILE_ERROR, _file_error(error), None, error, failed)
    except _Refused as refused:
        outcome = Outcome.DAY_FULL if refused.code == "day_full" else Outcome.FILE_ERROR
        fields = {"error": refused.code} | message(refused.code, **refused.values)
        return FileRead(outcome, fields, report)
    except SourceError as error:
        raise (error.__cause__ or error) from None
    except BaseException as fault:  # the file's boundary: panics included, FATAL re-raised
        if isolation.is_fatal(fault):
            raise
        stopped = ReaderFailed(type(fault).__name__)
        return FileRead(Outcome.FILE_ERROR, _file_error(stopped), None, stopped, fault)
    return FileRead(Outcome.INGESTED, _summary(report), report)


def _file_error(error: FileError) -> dict[str, Any]:
    detail = {"detail": error.detail, "params": {k: str(v) for k, v in error.params.items()}}
    return {"error": error.code, "message": error.message} | detail


def _summary(report: Any) -> dict[str, Any]:
    """The reader's counts, with rejected rows listed up to ``MAX_REPORTED_ROWS``."""
    rows = report.rejected_rows
    summary: dict[str, Any] = {
        "encoding": report.encoding,
        "delimiter": report.delimiter,
        "rows": report.rows,
        "accepted": report.accepted,
        "sms": report.sms,
        "email": report.email,
        "rejected": report.rejected,
        "rejected_rows": [{"row": r, "reason": why} for r, why in rows[: files.MAX_REPORTED_ROWS]],
    }
    if len(rows) > files.MAX_REPORTED_ROWS:
        summary["rejected_rows_not_listed"] = len(rows) - files.MAX_REPORTED_ROWS
    return summary
