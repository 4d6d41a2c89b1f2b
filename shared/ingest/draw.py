"""``draw_due`` (a schedule) draws every tenant-day whose cutoff has passed; safe to repeat:

1. The day's draw record (in the files table) is created with a fresh 256-bit key, the list of
   the day's files and ``k`` per channel (the day's cap minus what was already invited that
   day); a retry, or a run taking over a crashed one's lease, reuses all three, so it draws
   the same contacts and writes the same items. A record marked done only deletes its files.
2. Every file is streamed once through the contact reader into a bottom-k sample
   (``shared.ingest.sampling``): O(k) memory, the same chance for every distinct contact of the
   day, one candidate per resident however many files name them. A file that stops being CSV,
   has more than ``MAX_FILE_ROWS`` rows or would take the day past ``MAX_DAY_ROWS`` is refused
   whole: the sample goes back to its state before that file.
3. Only the drawn contacts are written (one put each, spread over the table's partitions).
   Nothing else of the day's contacts is written anywhere.
4. Each file gets a report without personal data (``reports/{kommunkod}/{time}-{file id}.json``,
   rejected rows capped at ``MAX_REPORTED_ROWS``), the record is marked done and its key is
   deleted, and the files are deleted: the only copy of the undrawn contacts is gone.

A transient AWS failure raises: files and record stay for the next run. Each tenant-day runs
behind ``shared.platform.isolation``'s boundary, so whatever it raises, a native library's panic
included, is recorded for that municipality and day alone and the other tenant-days are drawn.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from shared.core.models import Channel, ContactItem
from shared.core.tenants import InvalidTenantSettings, Tenant, UnknownTenant
from shared.core.time import STOCKHOLM_TZ
from shared.ingest import files
from shared.ingest.files import (
    DRAW_LEASE_SECONDS,
    DRAW_STAGE,
    MIN_SECONDS_FOR_A_DRAW,
    READ_STAGE,
    DayResult,
    IngestResult,
    Outcome,
    UploadedFile,
    cutoff_moment,
    draw_day,
    draw_record_id,
)
from shared.ingest.inbox import (
    delete,
    message,
    original_name,
    put_report,
    report_base,
    too_large,
    waiting,
)
from shared.ingest.ports import IngestPorts
from shared.ingest.reading import read_file
from shared.ingest.receive import refuse_late
from shared.ingest.sampling import BottomK, new_key
from shared.platform import isolation, resources, store
from shared.platform.observability import logger


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
    for kommunkod, uploads in sorted(waiting(ports.s3, ports.files, ports.bucket).items()):
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
                delete(ports.s3, upload.bucket, upload.key)
            else:
                result.files.append(refuse_late(ports, upload, tenant))
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
        key = put_report(ports.s3, upload, outcome, report)
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
        delete(ports.s3, upload.bucket, upload.key)
    result.files += [refuse_late(ports, upload, tenant) for upload in late]
    return result


def _read_into(
    ports: IngestPorts,
    tenant: Tenant,
    upload: UploadedFile,
    index: int,
    sampler: BottomK,
    day_rows: int,
) -> tuple[Outcome, dict[str, Any]]:
    """Stream one file into the sample; a refused file leaves the sample as it found it."""
    base = report_base(upload, tenant.kommunkod)
    if upload.size is not None and upload.size > files.MAX_FILE_BYTES:
        return Outcome.TOO_LARGE, base | {"error": "too_large"} | too_large(upload.size)
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


def _claim_draw(
    ports: IngestPorts, tenant: Tenant, day: date, uploads: list[UploadedFile], now: datetime
) -> dict[str, Any] | None:
    """The day's draw record, new or taken over from a crashed run; None if a run holds it."""
    record_id = draw_record_id(tenant.kommunkod, day)
    lease = int(now.timestamp()) + DRAW_LEASE_SECONDS
    existing = ports.files.get_item(Key={"file_id": record_id}, ConsistentRead=True).get("Item")
    if existing is None:
        item: dict[str, Any] = {
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
    if int(str(existing["lease_until"])) > now.timestamp():
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
