"""The inbox bucket and the files table: waiting files, the reports written beside them, the
last-file note the upload watch reads, and the words of a refusal.

A report is named by the upload's time and id, never by the file's own name (which may be
personal); the file's name appears only inside the report, redacted (``report_base``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, unquote

from botocore.exceptions import ClientError

from shared.contacts.reader import shown_name
from shared.contacts.reasons import FILE_REFUSALS
from shared.core.time import STOCKHOLM_TZ
from shared.ingest import files
from shared.ingest.files import (
    INBOX_KEY,
    MAX_NAME,
    METADATA_NAME,
    Outcome,
    UploadedFile,
    last_file_record_id,
    report_key_for,
)
from shared.platform import resources, store
from shared.platform.redaction import redact


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


def too_large(size: int) -> dict[str, Any]:
    return message(
        "too_large", size=f"{size / 2**20:.0f}", limit=f"{files.MAX_FILE_BYTES // 2**20}"
    )


def report_base(upload: UploadedFile, kommunkod: str) -> dict[str, Any]:
    """What every report says of its file; the file's own name only here, redacted."""
    name = upload.key.split("/", 2)[-1]
    return {
        "file": shown_name(name),
        "file_id": upload.file_id[:12],
        "kommunkod": kommunkod,
        "received_at": upload.received_at.astimezone(STOCKHOLM_TZ).isoformat(timespec="seconds"),
    }


def put_report(s3: Any, upload: UploadedFile, outcome: Outcome, report: dict[str, Any]) -> str:
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


def delete(s3: Any, bucket: str, key: str) -> None:
    s3.delete_object(Bucket=bucket, Key=key)


def exists(s3: Any, upload: UploadedFile) -> bool:
    try:
        s3.head_object(Bucket=upload.bucket, Key=upload.key)
    except ClientError as error:
        if store.error_code(error) in {"NoSuchKey", "404"}:
            return False
        raise
    return True


def waiting(s3: Any, files: Any, bucket: str) -> dict[str, list[UploadedFile]]:
    """The inbox's files per kommunkod (keys of another shape are receive's to delete), each
    with the receipt time ``receive`` registered (S3's LastModified if it never ran)."""
    waiting: dict[str, list[UploadedFile]] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(
        Bucket=bucket, Prefix=resources.INBOX_PREFIX
    ):
        for obj in page.get("Contents", []):
            match = INBOX_KEY.match(obj["Key"])
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
