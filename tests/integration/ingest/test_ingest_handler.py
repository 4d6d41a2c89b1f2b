"""The ingest function on moto: a real S3 upload, a real-shaped event, the real handler."""

from __future__ import annotations

import io
import json
import random
import tracemalloc
from collections.abc import Callable
from datetime import datetime
from typing import Any

import boto3
import pytest

from local.events import LambdaContext, s3_object_created
from shared import store
from shared.redaction import contains_personal_data
from shared.tenants import Tenant, TenantStore, load_tenant_file
from tests.conftest import REGION, SAMPLES, TENANT_CONFIG
from tests.privacy import personal_data_everywhere

VASTERAS_FILE = SAMPLES / "kontakter-vasteras-2026-03-13.csv"
RECEIVED = "2026-03-14T06:30:00.000Z"  # the morning after the file's contacts


def _tenant(sample_rate: float = 1.0, **changes: Any) -> Tenant:
    data = load_tenant_file(TENANT_CONFIG / "1980.json").model_dump() | changes
    return Tenant.model_validate(data | {"sample_rate": sample_rate})


def _store_tenant(env: dict[str, str], tenant: Tenant) -> None:
    TenantStore(store.table(env["TENANTS_TABLE"])).put([tenant])


def _upload(env: dict[str, str], key: str, body: bytes, event_time: str = RECEIVED) -> dict:
    s3 = boto3.client("s3", region_name=REGION)
    s3.put_object(Bucket=env["DATA_BUCKET"], Key=key, Body=body)
    etag = s3.head_object(Bucket=env["DATA_BUCKET"], Key=key)["ETag"]
    when = datetime.fromisoformat(event_time)
    return s3_object_created(env["DATA_BUCKET"], key, etag, len(body), REGION, when)


def _sqs_wrapped(s3_event: dict) -> dict:
    return {
        "Records": [
            {
                "messageId": "m-1",
                "receiptHandle": "h",
                "body": json.dumps(s3_event),
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": f"arn:aws:sqs:{REGION}:123456789012:ingest",
                "awsRegion": REGION,
            }
        ]
    }


@pytest.fixture
def run_handler() -> Callable[[dict], Any]:
    from functions.ingest import handler as module

    module._ports.cache_clear()
    yield lambda event: module.handler(event, LambdaContext("ingest"))
    module._ports.cache_clear()


def _contacts(env: dict[str, str]) -> list[dict]:
    return store.table(env["CONTACTS_TABLE"]).scan()["Items"]


def _keys(env: dict[str, str], prefix: str) -> list[str]:
    s3 = boto3.client("s3", region_name=REGION)
    listing = s3.list_objects_v2(Bucket=env["DATA_BUCKET"], Prefix=prefix)
    return [o["Key"] for o in listing.get("Contents", [])]


def _report(env: dict[str, str]) -> dict:
    (key,) = _keys(env, "reports/")
    s3 = boto3.client("s3", region_name=REGION)
    return json.loads(s3.get_object(Bucket=env["DATA_BUCKET"], Key=key)["Body"].read())


def test_upload_becomes_sampled_contacts_a_report_and_no_file(aws, run_handler) -> None:
    # Given Västerås with every accepted contact drawn
    _store_tenant(aws, _tenant(sample_rate=1.0))
    event = _upload(aws, "inbox/1980/kontakter 2026-03-13.csv", VASTERAS_FILE.read_bytes())

    # When the real S3 event reaches the handler
    run_handler(event)

    # Then the five accepted contacts wait in the table, with their channels and the campaign
    contacts = _contacts(aws)
    assert sorted(c["channel"] for c in contacts) == ["email", "email", "sms", "sms", "sms"]
    assert {c["campaign"] for c in contacts} == {"2026-var"}
    assert {c["contact_day"] for c in contacts} == {"2026-03-13"}
    assert all(c["address"].startswith("+467") for c in contacts if c["channel"] == "sms")
    # and the report says what happened, naming rows by number only
    report = _report(aws)
    assert report["outcome"] == "ingested"
    assert (report["rows"], report["accepted"], report["sampled"]) == (12, 5, 5)
    assert report["rejected"]["duplicate"] == 2
    assert not contains_personal_data(json.dumps(report))
    # and the uploaded file is gone
    assert _keys(aws, "inbox/") == []


def test_redelivered_event_never_ingests_twice(aws, run_handler) -> None:
    _store_tenant(aws, _tenant(sample_rate=0.5))
    event = _upload(aws, "inbox/1980/a.csv", VASTERAS_FILE.read_bytes())
    run_handler(event)
    first = sorted(c["contact_id"] for c in _contacts(aws))

    run_handler(event)  # S3 delivers the same notification again

    assert sorted(c["contact_id"] for c in _contacts(aws)) == first
    assert len(_keys(aws, "reports/")) == 1


def test_retry_after_a_crash_draws_the_same_sample(aws, run_handler, monkeypatch) -> None:
    # Given a large enough file that a redraw would differ, and a crash while writing
    _store_tenant(aws, _tenant(sample_rate=0.5))
    body = _generated_file(400)
    event = _upload(aws, "inbox/1980/big.csv", body)
    from shared import ingest as ingest_module

    real_finish = ingest_module._finish

    def crash(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("lost the network before the report was written")

    monkeypatch.setattr(ingest_module, "_finish", crash)
    with pytest.raises(ConnectionError):
        run_handler(event)
    assert _keys(aws, "inbox/") == ["inbox/1980/big.csv"]  # left for the retry
    after_crash = sorted(c["contact_id"] for c in _contacts(aws))

    # When Lambda retries
    monkeypatch.setattr(ingest_module, "_finish", real_finish)
    run_handler(event)

    # Then the same rows are drawn: no second sample on top of the first
    assert sorted(c["contact_id"] for c in _contacts(aws)) == after_crash
    assert _report(aws)["sampled"] == len(after_crash)
    assert _keys(aws, "inbox/") == []


def test_sqs_wrapped_notification_is_ingested(aws, run_handler) -> None:
    _store_tenant(aws, _tenant())
    result = run_handler(_sqs_wrapped(_upload(aws, "inbox/1980/x.csv", VASTERAS_FILE.read_bytes())))
    assert result == {"batchItemFailures": []}
    assert len(_contacts(aws)) == 5


def test_unknown_municipality_gets_a_report_and_the_file_is_deleted(aws, run_handler) -> None:
    run_handler(_upload(aws, "inbox/9999/x.csv", VASTERAS_FILE.read_bytes()))
    report = _report(aws)
    assert (report["outcome"], report["error"]) == ("unknown_tenant", "unknown_tenant")
    assert _contacts(aws) == []
    assert _keys(aws, "inbox/") == []


def test_no_active_campaign_gets_a_report_and_the_file_is_deleted(aws, run_handler) -> None:
    _store_tenant(aws, _tenant())
    run_handler(
        _upload(aws, "inbox/1980/x.csv", VASTERAS_FILE.read_bytes(), "2026-06-15T08:00:00Z")
    )
    assert _report(aws)["error"] == "no_campaign"
    assert _contacts(aws) == []
    assert _keys(aws, "inbox/") == []


def test_a_spreadsheet_renamed_csv_is_reported_as_not_csv(aws, run_handler) -> None:
    _store_tenant(aws, _tenant())
    xlsx = b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4
    run_handler(_upload(aws, "inbox/1980/kontakter.csv", xlsx))
    report = _report(aws)
    assert report["error"] == "not_csv"
    assert report["message"]
    assert _keys(aws, "inbox/") == []


def test_unsampled_contacts_are_written_nowhere(aws, run_handler) -> None:
    # Invariant 1: only drawn contacts leave the function, and only into the contacts table.
    _store_tenant(aws, _tenant(sample_rate=0.3))
    run_handler(_upload(aws, "inbox/1980/many.csv", _generated_file(300)))
    sampled = _report(aws)["sampled"]
    assert 0 < sampled < 300

    found = personal_data_everywhere(aws)
    assert set(found) <= {"CONTACTS_TABLE"}
    assert len(found.get("CONTACTS_TABLE", [])) == sampled


def test_file_name_with_an_address_does_not_reach_the_report(aws, run_handler) -> None:
    _store_tenant(aws, _tenant())
    run_handler(_upload(aws, "inbox/1980/från anna.svensson@example.se.csv", _generated_file(3)))
    (key,) = _keys(aws, "reports/")
    assert not contains_personal_data(key)
    assert not contains_personal_data(json.dumps(_report(aws)))


@pytest.mark.slow
def test_a_200000_row_file_fits_in_lambda_memory(aws, run_handler) -> None:
    _store_tenant(aws, _tenant(sample_rate=0.001))
    body = _generated_file(200_000)
    event = _upload(aws, "inbox/1980/stor.csv", body)
    tracemalloc.start()
    try:
        run_handler(event)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    report = _report(aws)
    assert report["rows"] == 200_000
    # the function is given 1 GB; reading must stay far below, whatever moto itself holds
    assert peak < 400 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def _generated_file(rows: int) -> bytes:
    rnd = random.Random(rows)
    out = io.StringIO()
    out.write("Datum;Kanal;Telefonnummer;E-post\r\n")
    for n in range(rows):
        if n % 4 == 3:
            out.write(f"2026-03-13 10:00;E-post;;person{n}@example.se\r\n")
        else:
            out.write(f"2026-03-13 09:00;Telefon;070-{rnd.randrange(10**7):07d};\r\n")
    return out.getvalue().encode("cp1252")


def test_a_file_that_breaks_part_way_leaves_no_contacts_behind(aws, run_handler) -> None:
    # Given a file whose first rows are fine and which then stops being CSV (a quote never closed)
    _store_tenant(aws, _tenant(sample_rate=1.0))
    body = _generated_file(50) + b'2026-03-13 09:00;Telefon;"070' + b"x" * 200_000
    run_handler(_upload(aws, "inbox/1980/trasig.csv", body))

    # Then the report names the file error, and the rows read before it were taken back
    report = _report(aws)
    assert report["outcome"] == "file_error"
    assert report["error"] == "not_csv"
    assert _contacts(aws) == []
    assert _keys(aws, "inbox/") == []
