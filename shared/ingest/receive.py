"""``receive`` (S3 ObjectCreated, through SQS) reads nothing, and is safe to repeat.

A key outside ``inbox/{kommunkod}/``, an unknown municipality, a file over ``MAX_FILE_BYTES`` or
one whose draw day has no campaign gets a report and is deleted at once; any other file is left
to wait for its draw. Every file of a known municipality also moves its ``last_file#{kommunkod}``
item forward (a conditional update, so a redelivered notification never moves it back): the
upload watch (shared.ingest.watch) reads one item per municipality to find who has gone silent.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from shared.core.tenants import Tenant, UnknownTenant
from shared.ingest import files
from shared.ingest.files import INBOX_KEY, IngestResult, Outcome, UploadedFile, draw_day
from shared.ingest.inbox import (
    delete,
    exists,
    message,
    note_last_file,
    put_report,
    report_base,
    too_large,
)
from shared.ingest.ports import IngestPorts
from shared.platform import resources, store


def receive(upload: UploadedFile, ports: IngestPorts) -> IngestResult:
    """Check an upload without reading it; refuse it now, or leave it for its day's draw."""
    match = INBOX_KEY.match(upload.key)
    if not match:
        delete(ports.s3, upload.bucket, upload.key)
        return IngestResult(Outcome.NOT_AN_INBOX_KEY)
    kommunkod = match["kommunkod"]
    base = report_base(upload, kommunkod)
    try:
        tenant = ports.tenants.get(kommunkod)
    except UnknownTenant:
        report = base | {"error": "unknown_tenant"} | message("unknown_tenant", kommunkod=kommunkod)
        return refuse(ports, upload, Outcome.UNKNOWN_TENANT, report)
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
        if upload.size is not None and not exists(ports.s3, upload):
            # a redelivered notification of a file already refused (and deleted): its report
            # and its e-mail went out the first time
            return IngestResult(Outcome.GONE, kommunkod)
        outcome, fields = refused
        return refuse(ports, upload, outcome, base | fields)
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
    if size > files.MAX_FILE_BYTES:
        return Outcome.TOO_LARGE, {"error": "too_large"} | too_large(size)
    day = draw_day(tenant, received_at)
    if tenant.active_campaign(day) is None:
        return Outcome.NO_CAMPAIGN, (
            {"error": "no_campaign", "draw_day": day.isoformat()}
            | message("no_campaign", name=tenant.name, day=day.isoformat())
        )
    return None


def refuse(
    ports: IngestPorts, upload: UploadedFile, outcome: Outcome, report: dict[str, Any]
) -> IngestResult:
    report_key = put_report(ports.s3, upload, outcome, report)
    delete(ports.s3, upload.bucket, upload.key)
    return IngestResult(outcome, report["kommunkod"], report_key, 0, {"outcome": outcome} | report)


def refuse_late(ports: IngestPorts, upload: UploadedFile, tenant: Tenant) -> IngestResult:
    report = report_base(upload, tenant.kommunkod) | {"error": "late"} | message("late")
    return refuse(ports, upload, Outcome.LATE, report)
