"""Ingest one uploaded contact file: read, validate, sample, store the drawn contacts, report.

The steps, each safe to repeat (S3 notifications are at-least-once, and Lambda retries):

1. The file's ledger record (keyed by bucket, key and ETag) is created with a fresh sampling
   key, or read back when a retry finds it. A record marked done ends the run: a redelivered
   event never ingests twice.
2. The municipality is the key's second segment (``inbox/{kommunkod}/…``). An unknown one, or
   one without an active campaign, gets a report and the file is deleted unread.
3. The file is streamed through the contact reader. Rows that are not drawn are forgotten at
   once; drawn ones are written with deterministic keys (from the ledger's sampling key), so a
   retry after a crash overwrites the same items rather than adding a second sample.
4. A report without personal data goes to ``reports/{kommunkod}/…``, the ledger is marked
   done, and the uploaded object is deleted: the only copy of the unsampled contacts is gone.

A transient AWS failure raises, leaving the object in place for the retry.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from botocore.exceptions import ClientError

from shared import resources, store
from shared.contacts import FileError, read_contacts, report_json
from shared.models import ContactItem
from shared.redaction import redact
from shared.sampling import Sampler, new_key
from shared.settings import IngestSettings
from shared.tenants import STOCKHOLM, Tenant, TenantStore, UnknownTenant

STOCKHOLM_TZ = ZoneInfo(STOCKHOLM)
_INBOX_KEY = re.compile(r"^inbox/(?P<kommunkod>\d{4})/(?P<name>.+)$")


class Outcome(StrEnum):
    INGESTED = "ingested"
    ALREADY_INGESTED = "already_ingested"
    FILE_ERROR = "file_error"
    UNKNOWN_TENANT = "unknown_tenant"
    NO_CAMPAIGN = "no_campaign"
    NOT_AN_INBOX_KEY = "not_an_inbox_key"
    GONE = "gone"  # the object was deleted before we read it (an old redelivery)


@dataclass(frozen=True)
class UploadedFile:
    bucket: str
    key: str
    etag: str
    received_at: datetime  # when S3 created the object: the moment too_old is judged against

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


@dataclass(frozen=True)
class IngestPorts:
    """The AWS resources the ingest touches (boto3 S3 client and DynamoDB Table objects)."""

    s3: Any
    files: Any
    contacts: Any
    tenants: TenantStore


def ingest(upload: UploadedFile, ports: IngestPorts) -> IngestResult:
    match = _INBOX_KEY.match(upload.key)
    if not match:
        _delete_object(ports.s3, upload)
        return IngestResult(Outcome.NOT_AN_INBOX_KEY)
    kommunkod, name = match["kommunkod"], match["name"]

    record = _claim(ports.files, upload)
    if record.get("status") == "done":
        _delete_object(ports.s3, upload)
        return IngestResult(Outcome.ALREADY_INGESTED, kommunkod)

    base = {
        "file": redact(name),
        "kommunkod": kommunkod,
        "received_at": upload.received_at.astimezone(STOCKHOLM_TZ).isoformat(timespec="seconds"),
    }
    try:
        tenant = ports.tenants.get(kommunkod)
    except UnknownTenant as error:
        return _finish(
            ports, upload, Outcome.UNKNOWN_TENANT, base | _error(error, "unknown_tenant")
        )

    campaign = tenant.active_campaign(upload.received_at.astimezone(STOCKHOLM_TZ).date())
    if campaign is None:
        message = f"{tenant.name} has no active campaign on the day the file was received"
        return _finish(
            ports, upload, Outcome.NO_CAMPAIGN, base | {"error": "no_campaign", "message": message}
        )

    try:
        body = ports.s3.get_object(
            Bucket=upload.bucket, Key=upload.key, IfMatch=f'"{upload.etag.strip(chr(34))}"'
        )["Body"]
    except ClientError as error:
        if _code(error) in {"NoSuchKey", "PreconditionFailed", "404", "412"}:
            return IngestResult(Outcome.GONE, kommunkod)
        raise

    sampler = Sampler(tenant.sample_rate, bytes(record["sampling_key"]))
    try:
        sampled = _store_sample(ports.contacts, body, tenant, campaign.id, upload, sampler)
    except FileError as error:
        return _finish(
            ports,
            upload,
            Outcome.FILE_ERROR,
            base | {"error": error.code, "message": error.message},
        )
    finally:
        body.close()
    report = base | {"campaign": campaign.id, "sampled": sampled.count} | sampled.report
    return _finish(ports, upload, Outcome.INGESTED, report, sampled=sampled.count)


@dataclass
class _Sampled:
    count: int
    report: dict[str, Any]


def _store_sample(
    contacts: Any,
    body: Any,
    tenant: Tenant,
    campaign: str,
    upload: UploadedFile,
    sampler: Sampler,
) -> _Sampled:
    received_epoch = int(upload.received_at.timestamp())
    ttl = timedelta(hours=resources.CONTACT_TTL_HOURS)
    expires_at = int((upload.received_at + ttl).timestamp())
    received_day = upload.received_at.astimezone(STOCKHOLM_TZ).date()
    reader = read_contacts(body, tenant, upload.received_at)
    written: list[str] = []
    try:
        with contacts.batch_writer(overwrite_by_pkeys=["tenant", "contact_id"]) as batch:
            for contact in reader:
                contact_id = sampler.draw(contact.row)
                if contact_id is None:
                    continue  # not drawn: forgotten here, never written anywhere
                day = (
                    contact.contacted_at.astimezone(STOCKHOLM_TZ).date()
                    if contact.contacted_at
                    else received_day
                )
                item = ContactItem(
                    tenant=tenant.kommunkod,
                    contact_id=contact_id,
                    channel=contact.channel,
                    address=contact.address,
                    contact_day=day,
                    campaign=campaign,
                    received_at=received_epoch,
                    expires_at=expires_at,
                )
                batch.put_item(Item=item.model_dump(mode="json"))
                written.append(contact_id)
    except FileError:
        # The file stopped being CSV part-way: take back what its first rows put in the table,
        # so the corrected file, uploaded again, cannot invite the same people twice.
        with contacts.batch_writer() as batch:
            for contact_id in written:
                batch.delete_item(Key={"tenant": tenant.kommunkod, "contact_id": contact_id})
        raise
    summary = report_json(reader, file="")
    del summary["file"]  # the caller's report names the file
    return _Sampled(len(written), summary)


def _claim(files: Any, upload: UploadedFile) -> dict[str, Any]:
    """Create the file's ledger record with a fresh sampling key, or return the existing one."""
    item = {
        "file_id": upload.file_id,
        "status": "reading",
        "sampling_key": new_key(),
        resources.TTL_ATTRIBUTE: int(
            (upload.received_at + timedelta(days=resources.FILE_RECORD_TTL_DAYS)).timestamp()
        ),
    }
    try:
        files.put_item(Item=item, ConditionExpression="attribute_not_exists(file_id)")
        return item
    except ClientError as error:
        if _code(error) != "ConditionalCheckFailedException":
            raise
    existing: dict[str, Any] = files.get_item(Key={"file_id": upload.file_id}, ConsistentRead=True)[
        "Item"
    ]
    return existing


def _finish(
    ports: IngestPorts,
    upload: UploadedFile,
    outcome: Outcome,
    report: dict[str, Any],
    sampled: int = 0,
) -> IngestResult:
    kommunkod = report["kommunkod"]
    report = {"outcome": outcome.value} | report
    report_key = _report_key(upload, kommunkod)
    ports.s3.put_object(
        Bucket=upload.bucket,
        Key=report_key,
        Body=json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8"),
        ContentType="application/json; charset=utf-8",
    )
    ports.files.update_item(
        Key={"file_id": upload.file_id},
        UpdateExpression="SET #s = :done, outcome = :outcome REMOVE sampling_key",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":done": "done", ":outcome": outcome.value},
    )
    _delete_object(ports.s3, upload)
    return IngestResult(outcome, kommunkod, report_key, sampled, report)


def _report_key(upload: UploadedFile, kommunkod: str) -> str:
    stamp = upload.received_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = redact(upload.key.rsplit("/", 1)[-1])
    return f"{resources.REPORTS_PREFIX}{kommunkod}/{stamp}-{upload.file_id[:12]}-{name}.json"


def default_ports(settings: IngestSettings) -> IngestPorts:
    return IngestPorts(
        s3=store.client("s3"),
        files=store.table(settings.files_table),
        contacts=store.table(settings.contacts_table),
        tenants=TenantStore(store.table(settings.tenants_table)),
    )


def _delete_object(s3: Any, upload: UploadedFile) -> None:
    s3.delete_object(Bucket=upload.bucket, Key=upload.key)


def _error(error: UnknownTenant, code: str) -> dict[str, str]:
    return {"error": code, "message": str(error)}


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))
