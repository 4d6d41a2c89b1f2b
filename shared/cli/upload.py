"""``servicematning upload FILE --tenant KOMMUNKOD``: validate a contact file, then upload it.

The object is named ``inbox/{kommunkod}/{date}-{uuid}.{ext}``, never by the file's own name: the
key travels in the S3 notification, the queue, its dead-letter queue and the traces, and a
municipality's file name can hold anything (``Anna Andersson 19811218-9876.csv``). The original
name, made safe (personal data redacted, at most 120 characters, percent-encoded to ASCII), goes
into the object's metadata (``original-name``) and from there only into the body of the file's
report. The upload role's policy admits only keys of this shape (infra/constructs/ingest.py).

Credentials and region come from the standard AWS chain (a profile that assumes the upload
role with the municipality's ``kommunkod`` session tag). The bucket: ``--bucket``, else
``DATA_BUCKET``, else the deployment's own answer, the output ``DataBucketName`` of the stack
(``--stack``, default ``Servicematning``; the upload role may describe that stack and no other).
It speaks one language per run (``--lang``, else the locale; ``shared.cli.language``), and
a failure says what to do in it: no network (the endpoint it could not reach), no or expired
credentials, no region, access denied, no such bucket — by the error's type or code, never its
text. Exit status: 0 uploaded, 2 not uploaded (the file cannot be read, no contact in it, a
usage error, or AWS refused or could not be reached).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from boto3.exceptions import S3UploadFailedError
from botocore import exceptions as aws_errors
from botocore.exceptions import BotoCoreError, ClientError

from shared.cli import language
from shared.cli.validate import (
    EXIT_ERROR,
    EXIT_OK,
    UsageError,
    load_tenant,
    summary,
    validate_file,
)
from shared.contacts import FileError
from shared.contacts.reasons import Language
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
    parser.add_argument(
        "--bucket",
        help=f"the data bucket (default: ${settings.DATA_BUCKET}, else the stack's output "
        "DataBucketName)",
    )
    parser.add_argument("--stack", default=STACK, help=f"the deployment's stack (default {STACK})")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    language.add_argument(parser)
    parser.set_defaults(func=run)


STACK = "Servicematning"
BUCKET_OUTPUT = "DataBucketName"


class AwsProblem(Exception):
    """AWS could not be used: what happened and what to do, in both languages."""

    def __init__(self, code: str, sv: str, en: str) -> None:
        super().__init__(en)
        self.code = code
        self.messages: dict[Language, str] = {"sv": sv, "en": en}


def aws_problem(error: Exception, bucket: str = "") -> AwsProblem:
    """An AWS failure as a person can act on it: by the exception's type or the error's code."""
    cause = error.__cause__ or error.__context__
    if isinstance(error, S3UploadFailedError) and isinstance(cause, Exception):
        error = cause  # boto3's transfer wraps the real error
    if isinstance(
        error,
        aws_errors.EndpointConnectionError
        | aws_errors.ConnectTimeoutError
        | aws_errors.ReadTimeoutError
        | aws_errors.ConnectionClosedError,
    ):
        where = str(getattr(error, "kwargs", {}).get("endpoint_url", "AWS"))
        return AwsProblem(
            "network",
            f"Kunde inte nå AWS ({where}). Kontrollera nätverksanslutningen (och en eventuell "
            "proxy) och försök igen; filen har inte laddats upp",
            f"Could not reach AWS ({where}). Check the network connection (and any proxy) and "
            "try again; the file was not uploaded",
        )
    if isinstance(error, aws_errors.NoCredentialsError | aws_errors.PartialCredentialsError):
        return AwsProblem(
            "no_credentials",
            "Inga AWS-inloggningsuppgifter hittades. Logga in med den profil som antar "
            "uppladdningsrollen (AWS_PROFILE) och försök igen",
            "No AWS credentials were found. Sign in with the profile that assumes the upload "
            "role (AWS_PROFILE) and try again",
        )
    if isinstance(error, aws_errors.NoRegionError):
        return AwsProblem(
            "no_region",
            "Ingen AWS-region är angiven: sätt AWS_REGION (t.ex. eu-north-1)",
            "No AWS region is set: set AWS_REGION (e.g. eu-north-1)",
        )
    code = store.error_code(error)
    if code in ("ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"):
        return AwsProblem(
            "expired_credentials",
            "Inloggningen har gått ut: logga in igen (anta uppladdningsrollen på nytt)",
            "The sign-in has expired: sign in again (assume the upload role anew)",
        )
    if code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidClientTokenId"):
        return AwsProblem(
            "invalid_credentials",
            "AWS känner inte igen inloggningsuppgifterna: kontrollera profilen (AWS_PROFILE)",
            "AWS does not recognise the credentials: check the profile (AWS_PROFILE)",
        )
    if code in ("AccessDenied", "Forbidden", "403", "AccessDeniedException"):
        return AwsProblem(
            "access_denied",
            "AWS nekade åtkomst. Kontrollera att profilen antar uppladdningsrollen med er "
            "kommunkod och att --tenant är er egen kod",
            "AWS denied access. Check that the profile assumes the upload role with your "
            "kommunkod and that --tenant is your own code",
        )
    if code in ("NoSuchBucket", "404"):
        return AwsProblem(
            "no_such_bucket",
            f"Bucketen {bucket} finns inte: kontrollera --bucket",
            f"The bucket {bucket} does not exist: check --bucket",
        )
    what = code or type(error).__name__
    return AwsProblem(
        "upload_failed",
        f"AWS svarade med felet {what}; filen har inte laddats upp. Försök igen, eller kontakta "
        "den som driver tjänsten",
        f"AWS answered with the error {what}; the file was not uploaded. Try again, or contact "
        "whoever runs the service",
    )


def find_bucket(flag: str | None, stack: str, cloudformation: Any = None) -> str:
    """``--bucket``, else ``DATA_BUCKET``, else the stack's output ``DataBucketName``."""
    found = flag or settings.CliSettings.from_env().data_bucket
    if found:
        return found
    if cloudformation is None:
        import boto3

        cloudformation = boto3.client("cloudformation")
    try:
        stacks = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    except ClientError as error:
        if store.error_code(error) != "ValidationError":  # no such stack
            raise
        stacks = []
    outputs = {o["OutputKey"]: o["OutputValue"] for s in stacks for o in s.get("Outputs", [])}
    if BUCKET_OUTPUT in outputs:
        return str(outputs[BUCKET_OUTPUT])
    raise UsageError("no_bucket", "upload.no_bucket", stack=stack, variable=settings.DATA_BUCKET)


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


def run(
    args: argparse.Namespace,
    s3: Any = None,
    now: datetime | None = None,
    cloudformation: Any = None,
) -> int:
    path: Path = args.file
    lang = language.choose(getattr(args, "lang", None))
    bucket = ""
    try:
        tenant = load_tenant(args.tenant)
        if not path.is_file():
            raise UsageError("no_such_file", "usage.no_such_file", path=path.name)
        extension = _extension(path)
        now = now or datetime.now(STOCKHOLM_TZ)
        report = validate_file(path, tenant, now, as_uploaded=True)  # refused as ingest would
        if report.accepted == 0:
            raise UsageError("no_contacts", "upload.no_contacts")
        bucket = find_bucket(args.bucket, getattr(args, "stack", STACK), cloudformation)
        file_id = uuid.uuid4()
        key = object_key(tenant.kommunkod, extension, now, file_id)
        if s3 is None:
            import boto3

            s3 = boto3.client("s3")
        s3.upload_file(
            str(path), bucket, key, ExtraArgs={"Metadata": {METADATA_NAME: safe_name(path.name)}}
        )
    except (UsageError, FileError) as error:
        return _fail(args.json, error.code, error.messages, lang)
    except OSError as error:
        text = f"{path.name}: {error.strerror}"
        return _fail(args.json, "unreadable_file", {"sv": text, "en": text}, lang)
    except (ClientError, BotoCoreError, S3UploadFailedError) as error:  # by type and code
        problem = aws_problem(error, bucket)
        return _fail(args.json, problem.code, problem.messages, lang)
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
        print(summary(path.name, report, tenant, None, lang, now))
        contacts = len(tenant.report_contacts)
        if lang == "sv":
            print(f"  uppladdad som {key} (fil-id {file_id})")
            print(
                f"  rapporten kommer efter lottningen {drawn_at}, med e-post till {contacts} "
                f"rapportkontakt(er) (och som JSON under {REPORTS_PREFIX}{tenant.kommunkod}/)"
            )
        else:
            print(f"  uploaded as {key} (file id {file_id})")
            print(
                f"  the report follows the draw at {drawn_at}, e-mailed to {contacts} report "
                f"contact(s) (and as JSON under {REPORTS_PREFIX}{tenant.kommunkod}/)"
            )
    return EXIT_OK


def _fail(as_json: bool, code: str, messages: dict[Language, str], lang: Language) -> int:
    texts = {language: redact(text) for language, text in messages.items()}
    if as_json:
        both = f"{texts['sv']}. / {texts['en']}."
        print(json.dumps({"error": code, "message": both, "messages": texts}, ensure_ascii=False))
    else:
        head = {"sv": "Filen laddades inte upp", "en": "The file was not uploaded"}[lang]
        print(f"{head}: {code}\n  {texts[lang]}.", file=sys.stderr)
    return EXIT_ERROR
