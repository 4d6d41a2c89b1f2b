"""``servicematning upload``: validate, then upload under a generated key; the file's own name
only in the object's metadata and the report's body."""

from __future__ import annotations

import argparse
import fnmatch
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import boto3
import pytest

from shared.cli import upload
from shared.ingest import service as ingest_service
from shared.platform.redaction import contains_personal_data
from tests.conftest import REGION, SAMPLES

NOW = datetime(2026, 3, 14, 6, 30, tzinfo=UTC)  # 07:30 in Stockholm, before the cutoff


def _args(path: Path, bucket: str, tenant: str = "1980") -> argparse.Namespace:
    return argparse.Namespace(file=path, tenant=tenant, bucket=bucket, json=True)


def _inbox(env: dict[str, str]) -> list[str]:
    s3 = boto3.client("s3", region_name=REGION)
    found = s3.list_objects_v2(Bucket=env["DATA_BUCKET"], Prefix="inbox/").get("Contents", [])
    return [o["Key"] for o in found]


def _copy(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes((SAMPLES / "kontakter-vasteras-2026-03-13.csv").read_bytes())
    return path


def test_upload_names_the_object_by_date_and_id_and_keeps_the_name_in_metadata(
    aws, tmp_path, capsys
) -> None:
    # Given a file whose name holds a resident's name, personnummer and e-mail address
    path = _copy(tmp_path, "Anna Andersson 19811218-9876 anna@example.se.csv")
    s3 = boto3.client("s3", region_name=REGION)

    # When it is uploaded
    status = upload.run(_args(path, aws["DATA_BUCKET"]), s3=s3, now=NOW)

    # Then it is in the municipality's inbox under the generated shape, and nowhere else
    assert status == upload.EXIT_OK
    (key,) = _inbox(aws)
    match = upload.KEY_SHAPE.match(key)
    assert match
    assert (match["kommunkod"], match["date"], match["ext"]) == ("1980", "2026-03-14", "csv")
    printed = json.loads(capsys.readouterr().out)
    assert printed["key"] == key
    assert printed["file_id"] == match["id"]
    # and it says where the report will appear (the folder the upload role may read) and when
    assert printed["reports"] == f"s3://{aws['DATA_BUCKET']}/reports/1980/"
    assert printed["drawn_at"] == "2026-03-14T08:00+01:00"  # Västerås's cutoff that day
    assert printed["report_contacts"] == 1
    # and the file's own name is in the metadata only, made safe
    metadata = s3.head_object(Bucket=aws["DATA_BUCKET"], Key=key)["Metadata"]
    name = metadata["original-name"]
    assert name.isascii()
    assert "Anna" not in name  # names are redacted too (shared/redaction)
    assert name.endswith(".csv")
    assert "19811218" not in name
    assert "anna@example.se" not in name


def test_the_report_names_the_file_inside_its_body_only(aws, tmp_path, monkeypatch) -> None:
    from functions.ingest import handler as module
    from local.events import LambdaContext, s3_object_created, scheduled
    from shared.core.tenants import load_tenant_file
    from shared.ingest import files as ingest
    from shared.platform import store
    from shared.platform.tenant_store import TenantStore
    from tests.conftest import TENANT_CONFIG

    TenantStore(store.table(aws["TENANTS_TABLE"])).put(
        [load_tenant_file(TENANT_CONFIG / "1980.json")]
    )
    s3 = boto3.client("s3", region_name=REGION)
    path = _copy(tmp_path, "kontakter mars.csv")
    assert upload.run(_args(path, aws["DATA_BUCKET"]), s3=s3, now=NOW) == upload.EXIT_OK
    (key,) = _inbox(aws)
    etag = s3.head_object(Bucket=aws["DATA_BUCKET"], Key=key)["ETag"]
    ingest_service.ports.cache_clear()
    context = LambdaContext("ingest")
    module.handler(s3_object_created(aws["DATA_BUCKET"], key, etag, 100, REGION, NOW), context)
    monkeypatch.setattr(ingest, "utc_now", lambda: datetime(2026, 3, 14, 7, 5, tzinfo=UTC))
    module.handler(scheduled("draw", REGION), context)
    ingest_service.ports.cache_clear()

    (report_key,) = [o["Key"] for o in s3.list_objects_v2(Bucket=aws["DATA_BUCKET"])["Contents"]]
    assert "kontakter" not in report_key
    report = json.loads(s3.get_object(Bucket=aws["DATA_BUCKET"], Key=report_key)["Body"].read())
    assert report["file"] == "kontakter mars.csv"
    assert report["outcome"] == "ingested"
    assert not contains_personal_data(json.dumps(report))


@pytest.mark.parametrize(
    ("name", "body", "code"),
    [
        ("tom.csv", b"", "empty_file"),
        ("kontakter.pdf", b"Datum;Telefon\r\n2026-03-13;0701234567\r\n", "unsupported_extension"),
        ("bara-fel.csv", b"Datum;Telefon\r\n2026-03-13 09:00;12\r\n", "no_contacts"),
    ],
)
def test_a_file_that_cannot_be_used_is_not_uploaded(
    aws, tmp_path, capsys, name: str, body: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(body)
    status = upload.run(
        _args(path, aws["DATA_BUCKET"]), s3=boto3.client("s3", region_name=REGION), now=NOW
    )
    assert status == upload.EXIT_ERROR
    assert json.loads(capsys.readouterr().out)["error"] == code
    assert _inbox(aws) == []


def test_the_upload_role_admits_exactly_the_generated_key_shape() -> None:
    import uuid

    from infra.constructs.ingest import upload_key_patterns

    patterns = upload_key_patterns()
    for extension in upload.EXTENSIONS:
        key = upload.object_key("1980", extension, NOW, uuid.uuid4())
        name = key.removeprefix("inbox/1980/")
        assert any(fnmatch.fnmatchcase(name, p) for p in patterns), key
    for name in ("Anna Andersson.csv", "kontakter-2026-03-14.csv", "2026-03-14-x.csv"):
        assert not any(fnmatch.fnmatchcase(name, p) for p in patterns), name


def test_the_command_line_uploads_through_the_default_aws_chain(aws, tmp_path, capsys) -> None:
    from local.demo import fresh_sample
    from shared.cli import main

    path = tmp_path / "kontakter.csv"  # yesterday's contacts: the command judges by now
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    path.write_bytes(fresh_sample(SAMPLES / "kontakter-vasteras-2026-03-13.csv", yesterday))
    assert main(["upload", str(path), "--tenant", "1980", "--bucket", aws["DATA_BUCKET"]]) == 0
    (key,) = _inbox(aws)
    assert upload.KEY_SHAPE.match(key)
    assert key in capsys.readouterr().out


def test_a_file_no_campaign_would_take_is_not_uploaded(aws, tmp_path, capsys) -> None:
    # Given a day in the summer, between Västerås's spring and autumn campaigns
    path = _copy(tmp_path, "kontakter.csv")
    summer = datetime(2026, 6, 15, 6, 30, tzinfo=UTC)

    # When it is uploaded
    status = upload.run(_args(path, aws["DATA_BUCKET"]), s3=boto3.client("s3"), now=summer)

    # Then nothing reaches the inbox, and the refusal is the ingest's own, in both languages
    assert status == upload.EXIT_ERROR
    assert _inbox(aws) == []
    printed = json.loads(capsys.readouterr().out)
    assert printed["error"] == "no_campaign"
    assert "(2026-06-16)" in printed["message"]  # 08:30 in Stockholm: the next day's draw
