"""``servicematning upload FILE --tenant KOMMUNKOD``: validate a contact file, then upload it.

The object is named ``inbox/{kommunkod}/{date}-{uuid}.{ext}``, never by the file's own name: the
key travels in the S3 notification, the queue, its dead-letter queue and the traces, and a
municipality's file name can hold anything (``Anna Andersson 19811218-9876.csv``). The original
name, made safe (personal data redacted, at most 120 characters, percent-encoded to ASCII), goes
into the object's metadata (``original-name``) and from there only into the body of the file's
report. The upload role's policy admits only keys of this shape (infra/constructs/ingest.py).

Credentials and region come from the standard AWS chain (a profile that assumes the upload
role with the municipality's ``kommunkod`` session tag); the bucket from ``--bucket`` or
``DATA_BUCKET``. Exit status: 0 uploaded, 2 not uploaded (the file cannot be read, no contact
in it, a usage error, or S3 refused it).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from boto3.exceptions import S3UploadFailedError
from botocore.exceptions import BotoCoreError, ClientError

from shared.cli.validate import (
    EXIT_ERROR,
    EXIT_OK,
    UsageError,
    load_tenant,
    summary,
    validate_file,
)
from shared.contacts import FileError
from shared.core.time import STOCKHOLM_TZ
from shared.ingest.files import METADATA_NAME, cutoff_moment, draw_day
from shared.ingest.inbox import safe_name
from shared.platform import settings, store
from shared.platform.redaction import redact
from shared.platform.resources import INBOX_PREFIX, REPORTS_PREFIX

EXTENSIONS = ("csv", "txt", "tsv", "xlsx")  # what the reader takes; the policy admits these
KEY_SHAPE = re.compile(
    r"^inbox/(?P<kommunkod>\d{4})/(?P<date>\d{4}-\d{2}-\d{2})-(?P<id>[0-9a-f]{8}-[0-9a-f]{4}-"
    r"[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(?P<ext>" + "|".join(EXTENSIONS) + r")$"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "upload",
        help="validate, then upload a contact file (kontrollera och ladda upp en kontaktfil)",
        description="Validate a contact file as the ingest reads it, then upload it to the "
        "municipality's inbox under a generated name (the file's own name goes into the "
        "object's metadata only). Never prints a phone number or e-mail address.",
    )
    parser.add_argument("file", type=Path, help="the contact file")
    parser.add_argument("--tenant", metavar="KOMMUNKOD", required=True, help="your kommunkod")
    parser.add_argument("--bucket", help=f"the data bucket (default: ${settings.DATA_BUCKET})")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def object_key(kommunkod: str, extension: str, now: datetime, file_id: uuid.UUID) -> str:
    key = f"{INBOX_PREFIX}{kommunkod}/{now.astimezone(STOCKHOLM_TZ):%Y-%m-%d}-{file_id}.{extension}"
    assert KEY_SHAPE.match(key), key
    return key


def _extension(path: Path) -> str:
    extension = path.suffix.lower().lstrip(".")
    if extension not in EXTENSIONS:
        endings = ", ".join("." + e for e in EXTENSIONS)
        raise UsageError("unsupported_extension", "upload.unsupported_extension", endings=endings)
    return extension


def run(args: argparse.Namespace, s3: Any = None, now: datetime | None = None) -> int:
    path: Path = args.file
    try:
        tenant = load_tenant(args.tenant)
        bucket = args.bucket or os.environ.get(settings.DATA_BUCKET)
        if not bucket:
            raise UsageError("no_bucket", "upload.no_bucket", variable=settings.DATA_BUCKET)
        if not path.is_file():
            raise UsageError("no_such_file", "usage.no_such_file", path=path.name)
        extension = _extension(path)
        now = now or datetime.now(STOCKHOLM_TZ)
        report = validate_file(path, tenant, now, as_uploaded=True)  # refused as ingest would
        if report.accepted == 0:
            raise UsageError("no_contacts", "upload.no_contacts")
        file_id = uuid.uuid4()
        key = object_key(tenant.kommunkod, extension, now, file_id)
        if s3 is None:
            import boto3

            s3 = boto3.client("s3")
        s3.upload_file(
            str(path), bucket, key, ExtraArgs={"Metadata": {METADATA_NAME: safe_name(path.name)}}
        )
    except (UsageError, FileError) as error:
        return _fail(args.json, error.code, error.message)
    except OSError as error:
        return _fail(args.json, "unreadable_file", f"{path.name}: {error.strerror}")
    except (ClientError, BotoCoreError, S3UploadFailedError) as error:  # by code, not text
        code = store.error_code(error) or type(error).__name__
        return _fail(args.json, "upload_failed", f"S3: {code}")
    # where its ingest report appears (the upload role may read that folder) and when
    reports = f"s3://{bucket}/{REPORTS_PREFIX}{tenant.kommunkod}/"
    drawn_at = cutoff_moment(tenant, draw_day(tenant, now)).isoformat("T", "minutes")
    result = {
        "file_id": str(file_id),
        "key": key,
        "uploaded_at": now.isoformat("T", "seconds"),
        "reports": reports,
        "drawn_at": drawn_at,
        "report_contacts": len(tenant.report_contacts),
    }
    if args.json:
        print(json.dumps(result | report.as_json(path.name), ensure_ascii=False, indent=2))
    else:
        print(summary(path.name, report, tenant))
        print(f"  uppladdad / uploaded: s3://{bucket}/{key} (fil-id / file id {file_id})")
        print(
            f"  rapport / report: {reports} efter lottningen / after the draw {drawn_at}; "
            f"e-post till / e-mailed to {len(tenant.report_contacts)} rapportkontakt(er) / "
            "report contact(s)"
        )
    return EXIT_OK


def _fail(as_json: bool, code: str, message: str) -> int:
    message = redact(message)
    if as_json:
        print(json.dumps({"error": code, "message": message}, ensure_ascii=False))
    else:
        print(
            f"Filen laddades inte upp / the file was not uploaded: {code}\n  {message}",
            file=sys.stderr,
        )
    return EXIT_ERROR
