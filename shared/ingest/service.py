"""Ingest: uploaded contact files wait in the inbox until the day's cutoff, then one draw over
all of a municipality's files of that day writes only the contacts that will be invited.

A file's *draw day* is the day (Europe/Stockholm) of its receipt when it arrives before the
tenant's ``draw_cutoff``, else the next day. Two entry points, each safe to repeat (S3
notifications, SQS, EventBridge and Lambda retries are all at-least-once):

``receive`` (S3 ObjectCreated, through SQS) reads nothing. A key outside ``inbox/{kommunkod}/``,
an unknown municipality, a file over ``MAX_FILE_BYTES`` or one whose draw day has no campaign
gets a report and is deleted at once; any other file is left to wait for its draw. Every file
of a known municipality also moves its ``last_file#{kommunkod}`` item forward (a conditional
update, so a redelivered notification never moves it back): the upload watch (shared.ingest.watch)
reads one item per municipality to find who has gone silent.

``draw_due`` (a schedule) draws every tenant-day whose cutoff has passed:

1. The day's draw record (in the files table) is created with a fresh 256-bit key, the list of
   the day's files and ``k`` per channel (the day's cap minus what was already invited that
   day); a retry, or a run taking over a crashed one's lease, reuses all three, so it draws
   the same contacts and writes the same items. A record marked done only deletes its files.
2. Every file is streamed once through the contact reader into a bottom-k sample
   (``shared.ingest.sampling``): O(k) memory, the same chance for every distinct contact of the day,
   one candidate per resident however many files name them. A file that stops being CSV, has
   more than ``MAX_FILE_ROWS`` rows or would take the day past ``MAX_DAY_ROWS`` is refused
   whole: the sample goes back to its state before that file.
3. Only the drawn contacts are written (one put each, spread over the table's partitions).
   Nothing else of the day's contacts is written anywhere.
4. Each file gets a report without personal data (``reports/{kommunkod}/{time}-{file id}.json``,
   rejected rows capped at ``MAX_REPORTED_ROWS``), the record is marked done and its key is
   deleted, and the files are deleted: the only copy of the undrawn contacts is gone.

A transient AWS failure raises: files and record stay for the next run.

Isolation (issue 22): each tenant-day runs behind ``shared.platform.isolation``'s boundary, so
whatever
it raises — a native library's panic included — is recorded for that municipality and day
alone and the other tenant-days are drawn. Within a day, a file the reader fails on (anything
but ``FileError``; a failure of the S3 stream itself is raised as it was) is refused alone
(``not_csv.reader_failed``, reported to the municipality) and the day's other files are drawn.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any, NamedTuple
from urllib.parse import quote, unquote

from botocore.exceptions import ClientError

from shared.contacts import FileError, Report, read_contacts
from shared.contacts.reader import shown_name
from shared.contacts.reasons import FILE_REFUSALS
from shared.contacts.workbook import ReaderFailed
from shared.core.models import Channel, ContactItem
from shared.core.tenants import InvalidTenantSettings, Tenant, UnknownTenant
from shared.core.time import STOCKHOLM_TZ
from shared.ingest.sampling import BottomK, new_key
from shared.platform import isolation, resources, store
from shared.platform.observability import logger
from shared.platform.redaction import redact
from shared.platform.settings import IngestSettings
from shared.platform.tenant_store import TenantStore

_INBOX_KEY = re.compile(r"^inbox/(?P<kommunkod>\d{4})/(?P<name>[^/].*)$")

# Limits of one file and of one municipality's day (docs/csv-format.md, docs/operations.md).
# Measured (bench/ingest.py): 2,000,000 rows are read and drawn in well under the function's
# 15 minutes and its memory; a file over a limit is refused whole, never sampled in part.
MAX_FILE_ROWS = 2_000_000
MAX_FILE_BYTES = 512 * 2**20
MAX_DAY_ROWS = 4_000_000
MAX_REPORTED_ROWS = 1_000  # rejected rows listed one by one in a report; the rest are counted
DRAW_LEASE_SECONDS = 20 * 60  # longer than the function's timeout: a live draw is never taken
MIN_SECONDS_FOR_A_DRAW = 300  # a tenant-day is started only with this much time left
DRAW_STAGE = "draw"  # shared.platform.isolation's stage of a tenant-day's draw
READ_STAGE = "read"  # … and of one file the reader failed on (refused, reported)


class Outcome(StrEnum):
    WAITING = "waiting"  # received; waits in the inbox for its day's draw
    INGESTED = "ingested"  # read in the day's draw
    FILE_ERROR = "file_error"
    TOO_LARGE = "too_large"
    DAY_FULL = "day_full"
    LATE = "late"  # arrived for a day whose draw had already started
    UNKNOWN_TENANT = "unknown_tenant"
    NO_CAMPAIGN = "no_campaign"
    NOT_AN_INBOX_KEY = "not_an_inbox_key"
    GONE = "gone"  # the object was deleted before we read it (an old redelivery)


# File-level messages in Swedish and English; ``{…}`` are filled in with numbers only.


# `servicematning upload` names objects by id and keeps the file's own name here (made safe)
METADATA_NAME = "original-name"
MAX_NAME = 120


def safe_name(name: str) -> str:
    """A file's own name as object metadata carries it: redacted, shortened, ASCII."""
    cleaned = redact(name.replace("\\", "/").rsplit("/", 1)[-1])
    cleaned = "".join(ch for ch in cleaned if ch.isprintable())[:MAX_NAME]
    return quote(cleaned, safe=" ._-()[]")


def original_name(metadata: dict[str, str]) -> str | None:
    """The name ``safe_name`` stored, read back from an object's metadata (for reports only)."""
    value = metadata.get(METADATA_NAME)
    return shown_name(unquote(value))[:MAX_NAME] if value else None


def message(code: str, **values: Any) -> dict[str, Any]:
    """The report's words for a refusal; ``detail`` and ``params`` let the upload report e-mail
    say it again in the municipality's language (``FILE_REFUSALS`` are in the catalogs)."""
    sv, en = FILE_REFUSALS[code]
    return {
        "message": en.format(**values),
        "message_sv": sv.format(**values),
        "detail": code,
        "params": {name: str(value) for name, value in values.items()},
    }


@dataclass(frozen=True)
class UploadedFile:
    bucket: str
    key: str
    etag: str
    received_at: datetime  # when S3 created the object: its draw day and too_old are judged by it
    size: int | None = None  # bytes, when the notification says

    @property
    def file_id(self) -> str:
        return hashlib.sha256(f"{self.bucket}\n{self.key}\n{self.etag}".encode()).hexdigest()


@dataclass
class IngestResult:
    outcome: Outcome
    kommunkod: str | None = None
    report_key: str | None = None
    sampled: int = 0
    report: dict[str, Any] = field(default_factory=dict)
    draw_day: date | None = None


@dataclass(frozen=True)
class IngestPorts:
    """The AWS resources the ingest touches (boto3 S3 client and DynamoDB Table objects)."""

    s3: Any
    files: Any
    contacts: Any
    tenants: TenantStore
    bucket: str = ""
    counters: Any = None  # the day's invitation counts (read only); None: nothing sent yet
    report_sender: str | None = None  # From of the upload report e-mails; None: none is sent


def draw_day(tenant: Tenant, received_at: datetime) -> date:
    local = received_at.astimezone(STOCKHOLM_TZ)
    day = local.date()
    return day if local.time() < tenant.draw_cutoff else day + timedelta(days=1)


def cutoff_moment(tenant: Tenant, day: date) -> datetime:
    return datetime.combine(day, tenant.draw_cutoff, tzinfo=STOCKHOLM_TZ)


# -- receiving ---------------------------------------------------------------------------------


def receive(upload: UploadedFile, ports: IngestPorts) -> IngestResult:
    """Check an upload without reading it; refuse it now, or leave it for its day's draw."""
    match = _INBOX_KEY.match(upload.key)
    if not match:
        _delete(ports.s3, upload.bucket, upload.key)
        return IngestResult(Outcome.NOT_AN_INBOX_KEY)
    kommunkod = match["kommunkod"]
    base = _base(upload, kommunkod)
    try:
        tenant = ports.tenants.get(kommunkod)
    except UnknownTenant:
        report = base | {"error": "unknown_tenant"} | message("unknown_tenant", kommunkod=kommunkod)
        return _refuse(ports, upload, Outcome.UNKNOWN_TENANT, report)
    size = upload.size
    if size is None:
        try:
            size = int(ports.s3.head_object(Bucket=upload.bucket, Key=upload.key)["ContentLength"])
        except ClientError as error:
            if store.error_code(error) in {"NoSuchKey", "404"}:
                return IngestResult(Outcome.GONE, kommunkod)
            raise
    note_last_file(ports.files, kommunkod, upload.received_at)
    refused = refusal_on_receipt(tenant, upload.received_at, size)
    if refused is not None:
        if upload.size is not None and not _exists(ports.s3, upload):
            # a redelivered notification of a file already refused (and deleted): its report
            # and its e-mail went out the first time
            return IngestResult(Outcome.GONE, kommunkod)
        outcome, fields = refused
        return _refuse(ports, upload, outcome, base | fields)
    # the receipt time as S3 notified it is the file's clock (its draw day, too_old)
    ports.files.put_item(
        Item={
            "file_id": upload.file_id,
            "status": "waiting",
            "received_at": int(upload.received_at.timestamp()),  # epoch seconds
            resources.TTL_ATTRIBUTE: int(
                (upload.received_at + timedelta(days=resources.FILE_RECORD_TTL_DAYS)).timestamp()
            ),
        }
    )
    return IngestResult(Outcome.WAITING, kommunkod, draw_day=draw_day(tenant, upload.received_at))


def refusal_on_receipt(
    tenant: Tenant, received_at: datetime, size: int
) -> tuple[Outcome, dict[str, Any]] | None:
    """Why ``receive`` refuses a file of this size received then, before reading it (its
    report's ``error`` and messages), or None. ``servicematning validate --tenant`` asks it
    too, so the two cannot disagree."""
    if size > MAX_FILE_BYTES:
        return Outcome.TOO_LARGE, {"error": "too_large"} | _too_large(size)
    day = draw_day(tenant, received_at)
    if tenant.active_campaign(day) is None:
        return Outcome.NO_CAMPAIGN, (
            {"error": "no_campaign", "draw_day": day.isoformat()}
            | message("no_campaign", name=tenant.name, day=day.isoformat())
        )
    return None


def last_file_record_id(kommunkod: str) -> str:
    return f"last_file#{kommunkod}"


def note_last_file(files: Any, kommunkod: str, received_at: datetime) -> None:
    """Keep the latest receipt time of a municipality's files in one item of the files table
    (``last_file#{kommunkod}``), for the upload watch (shared.ingest.watch): one small conditional
    write per file, so the watch reads one item per municipality however long the history."""
    epoch = int(received_at.timestamp())
    try:
        files.update_item(
            Key={"file_id": last_file_record_id(kommunkod)},
            UpdateExpression="SET last_file = :t",
            ConditionExpression="attribute_not_exists(last_file) OR last_file < :t",
            ExpressionAttributeValues={":t": epoch},
        )
    except ClientError as error:
        if store.error_code(error) != "ConditionalCheckFailedException":
            raise  # a later file is already noted (a redelivered or older notification)


def _exists(s3: Any, upload: UploadedFile) -> bool:
    try:
        s3.head_object(Bucket=upload.bucket, Key=upload.key)
    except ClientError as error:
        if store.error_code(error) in {"NoSuchKey", "404"}:
            return False
        raise
    return True


def _too_large(size: int) -> dict[str, Any]:
    return message("too_large", size=f"{size / 2**20:.0f}", limit=f"{MAX_FILE_BYTES // 2**20}")


def _refuse(
    ports: IngestPorts, upload: UploadedFile, outcome: Outcome, report: dict[str, Any]
) -> IngestResult:
    report_key = _put_report(ports.s3, upload, outcome, report)
    _delete(ports.s3, upload.bucket, upload.key)
    return IngestResult(outcome, report["kommunkod"], report_key, 0, {"outcome": outcome} | report)


# -- the daily draw ----------------------------------------------------------------------------


@dataclass
class DayResult:
    """One tenant-day's draw: what each file gave, and how many were drawn per channel."""

    kommunkod: str
    day: date
    files: list[IngestResult] = field(default_factory=list)
    drawn: dict[Channel, int] = field(default_factory=dict)
    k: dict[Channel, int] = field(default_factory=dict)
    skipped: str | None = None  # "in_progress" (another run holds the lease), "done"


def draw_due(
    ports: IngestPorts,
    now: datetime,
    seconds_left: Callable[[], float] = lambda: float("inf"),
) -> list[DayResult]:
    """Draw every tenant-day whose cutoff has passed and whose files wait in the inbox.

    Each tenant-day runs behind the isolation boundary (shared.platform.isolation): whatever it
    raises,
    a native library's panic included, is recorded for that municipality and day alone, its
    files wait for the next run, and every other tenant-day is drawn."""
    results: list[DayResult] = []
    failed: list[str] = []
    for kommunkod, uploads in sorted(_waiting(ports.s3, ports.files, ports.bucket).items()):
        tenant: Tenant | None = None
        # An unknown kommunkod: receive refuses those files, nothing to draw for. Settings that
        # do not validate: the store has recorded them (TenantSettingsInvalid); the files wait.
        with (
            isolation.municipality(DRAW_STAGE, kommunkod) as boundary,
            contextlib.suppress(UnknownTenant, InvalidTenantSettings),
        ):
            tenant = ports.tenants.get(kommunkod)
        if boundary.failed:  # the table could not be read: the files wait for the next run
            failed.append(kommunkod)
        if tenant is None:
            continue
        days: dict[date, list[UploadedFile]] = {}
        for upload in uploads:
            days.setdefault(draw_day(tenant, upload.received_at), []).append(upload)
        for day in sorted(days):
            if cutoff_moment(tenant, day) > now:
                continue
            if seconds_left() < MIN_SECONDS_FOR_A_DRAW:
                break  # the next scheduled run goes on from here
            with isolation.municipality(DRAW_STAGE, kommunkod) as boundary:
                results.append(draw_tenant_day(ports, tenant, day, days[day], now))
            if boundary.failed:
                failed.append(f"{kommunkod}/{day.isoformat()}")
    if failed:
        raise DrawFailedError(failed)
    return results


class DrawFailedError(RuntimeError):
    """Some tenant-days could not be drawn (their files wait for the next run); the others were.
    Names tenant-days only: the causes are in the (redacted) log."""

    def __init__(self, failed: list[str]) -> None:
        super().__init__(f"{len(failed)} draw(s) failed: {', '.join(failed)}")
        self.failed = failed


def draw_tenant_day(
    ports: IngestPorts, tenant: Tenant, day: date, uploads: list[UploadedFile], now: datetime
) -> DayResult:
    result = DayResult(tenant.kommunkod, day)
    uploads = sorted(uploads, key=lambda u: (u.received_at, u.key))
    record = _claim_draw(ports, tenant, day, uploads, now)
    if record is None:
        result.skipped = "in_progress"
        return result
    try:
        return _draw_claimed(ports, tenant, day, uploads, record, result, now)
    except BaseException:
        _release_lease(ports.files, record)  # a failure the run saw: the next run may retry
        raise


def _release_lease(files: Any, record: dict[str, Any]) -> None:
    try:
        files.update_item(
            Key={"file_id": record["file_id"]},
            UpdateExpression="SET lease_until = :zero",
            ConditionExpression="lease_until = :ours AND #s = :drawing",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={
                ":zero": 0,
                ":ours": record["lease_until"],
                ":drawing": "drawing",
            },
        )
    except ClientError:  # the lease then runs out by itself
        logger.warning("draw lease not released", kommunkod=record["file_id"].split("#")[1])


def _draw_claimed(
    ports: IngestPorts,
    tenant: Tenant,
    day: date,
    uploads: list[UploadedFile],
    record: dict[str, Any],
    result: DayResult,
    now: datetime,
) -> DayResult:
    listed = set(record["files"])
    if record["status"] == "done":  # a crash after the draw, before the files were deleted
        result.skipped = "done"
        for upload in uploads:
            if upload.file_id in listed:
                _delete(ports.s3, upload.bucket, upload.key)
            else:
                result.files.append(_late(ports, upload, tenant))
        return result
    late = [u for u in uploads if u.file_id not in listed]
    uploads = [u for u in uploads if u.file_id in listed]
    k = {c: int(record["k"][c.value]) for c in Channel}
    result.k = k
    campaign = tenant.active_campaign(day)
    sampler = BottomK(tenant.sample_rate, bytes(record["key"]), k)
    reports: list[dict[str, Any]] = []
    outcomes: list[Outcome] = []
    day_rows = 0
    for index, upload in enumerate(uploads):
        outcome, report = _read_into(ports, tenant, upload, index, sampler, day_rows)
        day_rows += int(report.get("rows", 0)) if outcome is Outcome.INGESTED else 0
        outcomes.append(outcome)
        reports.append(report)
    drawn = sampler.drawn() if campaign is not None else []
    if campaign is not None and drawn:
        _write_contacts(ports.contacts, tenant, campaign.id, drawn, now)
    elif campaign is None:  # the campaign was changed after the files were received
        no_campaign = message("no_campaign", name=tenant.name, day=day.isoformat())
        for position, outcome in enumerate(outcomes):
            if outcome is Outcome.INGESTED:
                outcomes[position] = Outcome.NO_CAMPAIGN
                reports[position] |= {"error": "no_campaign"} | no_campaign
    per_file = [0] * len(uploads)
    for candidate in drawn:
        per_file[candidate.file] += 1
        result.drawn[candidate.channel] = result.drawn.get(candidate.channel, 0) + 1
    # the report the municipality reads says nothing of the draw: how many of a file or a day
    # were drawn (or how much of the cap is left) would tell whether one resident was
    day_summary = {"files": len(uploads), "rows": day_rows}
    for upload, outcome, report, count in zip(uploads, outcomes, reports, per_file, strict=True):
        if outcome is Outcome.GONE:
            result.files.append(IngestResult(outcome, tenant.kommunkod))
            continue
        report |= {"day": day_summary}
        key = _put_report(ports.s3, upload, outcome, report)
        result.files.append(
            IngestResult(outcome, tenant.kommunkod, key, count, {"outcome": outcome} | report, day)
        )
    ports.files.update_item(
        Key={"file_id": record["file_id"]},
        UpdateExpression="SET #s = :done REMOVE #key",  # the day's key ends with its draw
        ExpressionAttributeNames={"#s": "status", "#key": "key"},
        ExpressionAttributeValues={":done": "done"},
    )
    for upload in uploads:
        _delete(ports.s3, upload.bucket, upload.key)
    result.files += [_late(ports, upload, tenant) for upload in late]
    return result


class _Refused(Exception):
    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def _read_into(
    ports: IngestPorts,
    tenant: Tenant,
    upload: UploadedFile,
    index: int,
    sampler: BottomK,
    day_rows: int,
) -> tuple[Outcome, dict[str, Any]]:
    """Stream one file into the sample; a refused file leaves the sample as it found it."""
    base = _base(upload, tenant.kommunkod)
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        return Outcome.TOO_LARGE, base | {"error": "too_large"} | _too_large(upload.size)
    try:
        response = ports.s3.get_object(
            Bucket=upload.bucket, Key=upload.key, IfMatch=f'"{upload.etag.strip(chr(34))}"'
        )
        body = response["Body"]
    except ClientError as error:
        if store.error_code(error) in {"NoSuchKey", "PreconditionFailed", "404", "412"}:
            return Outcome.GONE, base
        raise
    name = original_name(response.get("Metadata") or {})
    if name:  # uploaded by `servicematning upload`: the key is an id, the name is here
        base["file"] = name
    state = sampler.snapshot()
    received_day = upload.received_at.astimezone(STOCKHOLM_TZ).date()

    def offer(contact: Any) -> None:
        contact_day = (
            contact.contacted_at.astimezone(STOCKHOLM_TZ).date()
            if contact.contacted_at
            else received_day
        )
        sampler.offer(contact.channel, contact.address, contact_day, index)

    try:
        read = read_file(body, tenant, upload.received_at, offer, day_rows)
    finally:
        body.close()
    if read.fault is not None:  # refused and reported to the municipality; the operator's alarm
        isolation.record_failure(READ_STAGE, tenant.kommunkod, read.fault)
    if read.outcome is not Outcome.INGESTED:
        sampler.restore(state)
    return read.outcome, base | read.fields


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
            if report.rows > MAX_FILE_ROWS:
                raise _Refused("too_many_rows", limit=f"{MAX_FILE_ROWS:,}".replace(",", " "))
            offer(contact)
        if day_rows + report.rows > MAX_DAY_ROWS:
            raise _Refused("day_full", limit=f"{MAX_DAY_ROWS:,}".replace(",", " "))
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
        "rejected_rows": [{"row": r, "reason": why} for r, why in rows[:MAX_REPORTED_ROWS]],
    }
    if len(rows) > MAX_REPORTED_ROWS:
        summary["rejected_rows_not_listed"] = len(rows) - MAX_REPORTED_ROWS
    return summary


def _write_contacts(
    contacts: Any, tenant: Tenant, campaign: str, drawn: list[Any], stored_at: datetime
) -> None:
    """One put per drawn contact. ``received_at`` is when it was stored: the holding time
    (``max_holding_hours``, the purge) runs from here, as the contacts table is where it is held."""
    ttl = timedelta(hours=resources.CONTACT_TTL_HOURS)
    received_at = stored_at
    with contacts.batch_writer(overwrite_by_pkeys=["tenant", "contact_id"]) as batch:
        for candidate in drawn:
            item = ContactItem(
                tenant=tenant.kommunkod,
                contact_id=candidate.contact_id,
                channel=candidate.channel,
                address=candidate.address,
                contact_day=candidate.contact_day,
                campaign=campaign,
                received_at=int(received_at.timestamp()),
                expires_at=int((received_at + ttl).timestamp()),
            )
            batch.put_item(Item=item.model_dump(mode="json"))


def draw_record_id(kommunkod: str, day: date) -> str:
    return f"draw#{kommunkod}#{day.isoformat()}"


def _claim_draw(
    ports: IngestPorts, tenant: Tenant, day: date, uploads: list[UploadedFile], now: datetime
) -> dict[str, Any] | None:
    """The day's draw record, new or taken over from a crashed run; None if a run holds it."""
    record_id = draw_record_id(tenant.kommunkod, day)
    lease = int(now.timestamp()) + DRAW_LEASE_SECONDS
    existing = ports.files.get_item(Key={"file_id": record_id}, ConsistentRead=True).get("Item")
    if existing is None:
        item = {
            "file_id": record_id,
            "status": "drawing",
            "key": new_key(),
            "k": {c.value: n for c, n in _cap_left(ports, tenant, day).items()},
            "files": [u.file_id for u in uploads],
            "lease_until": lease,
            resources.TTL_ATTRIBUTE: int(
                (now + timedelta(days=resources.FILE_RECORD_TTL_DAYS)).timestamp()
            ),
        }
        try:
            ports.files.put_item(Item=item, ConditionExpression="attribute_not_exists(file_id)")
            return item
        except ClientError as error:
            if store.error_code(error) != "ConditionalCheckFailedException":
                raise
            return None  # another run created it a moment ago
    if existing["status"] == "done":
        return existing
    if int(existing["lease_until"]) > now.timestamp():
        return None
    try:
        ports.files.update_item(
            Key={"file_id": record_id},
            UpdateExpression="SET lease_until = :lease",
            ConditionExpression="lease_until = :seen",
            ExpressionAttributeValues={":lease": lease, ":seen": existing["lease_until"]},
        )
    except ClientError as error:
        if store.error_code(error) != "ConditionalCheckFailedException":
            raise
        return None
    return existing | {"lease_until": lease}


def _cap_left(ports: IngestPorts, tenant: Tenant, day: date) -> dict[Channel, int]:
    """The day's cap per channel minus what that day's dispatch runs already invited."""
    invited: dict[str, Any] = {}
    if ports.counters is not None:
        invited = ports.counters.get_item(
            Key={"counter": resources.counter_key(tenant.kommunkod, day)}, ConsistentRead=True
        ).get("Item", {})
    return {c: max(0, tenant.daily_cap[c] - int(invited.get(c.value, 0))) for c in Channel}


def _late(ports: IngestPorts, upload: UploadedFile, tenant: Tenant) -> IngestResult:
    report = _base(upload, tenant.kommunkod) | {"error": "late"} | message("late")
    return _refuse(ports, upload, Outcome.LATE, report)


def _waiting(s3: Any, files: Any, bucket: str) -> dict[str, list[UploadedFile]]:
    """The inbox's files per kommunkod (keys of another shape are receive's to delete), each
    with the receipt time ``receive`` registered (S3's LastModified if it never ran)."""
    waiting: dict[str, list[UploadedFile]] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(
        Bucket=bucket, Prefix=resources.INBOX_PREFIX
    ):
        for obj in page.get("Contents", []):
            match = _INBOX_KEY.match(obj["Key"])
            if not match:
                continue
            upload = UploadedFile(
                bucket=bucket,
                key=obj["Key"],
                etag=str(obj["ETag"]).strip('"'),
                received_at=obj["LastModified"],
                size=int(obj["Size"]),
            )
            known = files.get_item(Key={"file_id": upload.file_id}).get("Item")
            if known and known.get("received_at"):
                received_at = datetime.fromtimestamp(int(known["received_at"]), UTC)
                upload = replace(upload, received_at=received_at)
            waiting.setdefault(match["kommunkod"], []).append(upload)
    return waiting


# -- reports -----------------------------------------------------------------------------------


def _base(upload: UploadedFile, kommunkod: str) -> dict[str, Any]:
    """What every report says of its file; the file's own name only here, redacted."""
    name = upload.key.split("/", 2)[-1]
    return {
        "file": shown_name(name),
        "file_id": upload.file_id[:12],
        "kommunkod": kommunkod,
        "received_at": upload.received_at.astimezone(STOCKHOLM_TZ).isoformat(timespec="seconds"),
    }


def _put_report(s3: Any, upload: UploadedFile, outcome: Outcome, report: dict[str, Any]) -> str:
    report_key = report_key_for(upload, report["kommunkod"])
    s3.put_object(
        Bucket=upload.bucket,
        Key=report_key,
        Body=json.dumps({"outcome": outcome.value} | report, ensure_ascii=False, indent=2).encode(
            "utf-8"
        ),
        ContentType="application/json; charset=utf-8",
    )
    return report_key


def report_key_for(upload: UploadedFile, kommunkod: str) -> str:
    """Named by the upload's time and id: never by the file's own name (which may be personal)."""
    stamp = upload.received_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{resources.REPORTS_PREFIX}{kommunkod}/{stamp}-{upload.file_id[:12]}.json"


def default_ports(settings: IngestSettings) -> IngestPorts:
    return IngestPorts(
        s3=store.client("s3"),
        files=store.table(settings.files_table),
        contacts=store.table(settings.contacts_table),
        tenants=TenantStore(store.table(settings.tenants_table)),
        bucket=settings.data_bucket,
        counters=store.table(settings.counters_table) if settings.counters_table else None,
        report_sender=settings.report_sender,
    )


def _delete(s3: Any, bucket: str, key: str) -> None:
    s3.delete_object(Bucket=bucket, Key=key)


def utc_now() -> datetime:
    return datetime.now(UTC)
