"""The ingest on moto: real S3 uploads and real-shaped events through the real handler, then the
daily draw over the day's files (the schedule's event through the same handler)."""

from __future__ import annotations

import io
import json
import random
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from local.events import LambdaContext, s3_object_created
from shared.core.tenants import Tenant, load_tenant_file
from shared.ingest import service as ingest_service
from shared.platform import store
from shared.platform.redaction import contains_personal_data
from shared.platform.tenant_store import TenantStore
from tests.conftest import REGION, SAMPLES, TENANT_CONFIG
from tests.privacy import personal_data_everywhere

VASTERAS_FILE = SAMPLES / "kontakter-vasteras-2026-03-13.csv"
RECEIVED = "2026-03-14T06:30:00.000Z"  # the morning after the file's contacts (07:30 local)
RECEIVED_LATER = "2026-03-14T06:50:00.000Z"  # 07:50 local, still before the cutoff
AFTER_CUTOFF = datetime(2026, 3, 14, 7, 5, tzinfo=UTC)  # 08:05 local; the cutoff is 08:00


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

    ingest_service.ports.cache_clear()
    yield lambda event: module.handler(event, LambdaContext("ingest"))
    ingest_service.ports.cache_clear()


@pytest.fixture
def draw(monkeypatch) -> Callable[..., dict]:
    """The schedule's event through the real handler, on a chosen clock."""
    from functions.ingest import handler as module
    from local.events import scheduled
    from shared.ingest import files as ingest_module

    def run(now: datetime = AFTER_CUTOFF) -> dict:
        monkeypatch.setattr(ingest_module, "utc_now", lambda: now)
        return module.handler(scheduled("draw", REGION), LambdaContext("ingest"))

    ingest_service.ports.cache_clear()
    yield run
    ingest_service.ports.cache_clear()


def _contacts(env: dict[str, str]) -> list[dict]:
    return store.table(env["CONTACTS_TABLE"]).scan()["Items"]


def _keys(env: dict[str, str], prefix: str) -> list[str]:
    s3 = boto3.client("s3", region_name=REGION)
    listing = s3.list_objects_v2(Bucket=env["DATA_BUCKET"], Prefix=prefix)
    return [o["Key"] for o in listing.get("Contents", [])]


def _reports(env: dict[str, str]) -> list[dict]:
    s3 = boto3.client("s3", region_name=REGION)
    return [
        json.loads(s3.get_object(Bucket=env["DATA_BUCKET"], Key=key)["Body"].read())
        for key in _keys(env, "reports/")
    ]


def _report(env: dict[str, str]) -> dict:
    (report,) = _reports(env)
    return report


def test_upload_waits_for_the_cutoff_then_only_drawn_contacts_are_stored(
    aws, run_handler, draw
) -> None:
    # Given Västerås with every accepted contact drawn, and a file received before the cutoff
    _store_tenant(aws, _tenant(sample_rate=1.0))
    run_handler(_upload(aws, "inbox/1980/kontakter 2026-03-13.csv", VASTERAS_FILE.read_bytes()))

    # Then nothing is read yet: the file waits in the inbox, no contact is stored
    assert _keys(aws, "inbox/") == ["inbox/1980/kontakter 2026-03-13.csv"]
    assert _contacts(aws) == []
    # and a run before the cutoff draws nothing
    assert draw(AFTER_CUTOFF - timedelta(minutes=10))["days"] == 0
    assert _contacts(aws) == []

    # When the schedule runs after the cutoff
    assert draw()["days"] == 1

    # Then the five accepted contacts wait in the table, with their channels and the campaign
    contacts = _contacts(aws)
    assert sorted(c["channel"] for c in contacts) == ["email", "email", "sms", "sms", "sms"]
    assert {c["campaign"] for c in contacts} == {"2026-var"}
    assert {c["contact_day"] for c in contacts} == {"2026-03-13"}
    assert all(c["address"].startswith("+467") for c in contacts if c["channel"] == "sms")
    # and the report says what happened, naming rows by number only
    report = _report(aws)
    assert report["outcome"] == "ingested"
    assert (report["rows"], report["accepted"]) == (12, 5)
    assert report["rejected"]["duplicate"] == 2
    # and never how many were drawn, of the file or of the day (release control)
    assert "sampled" not in report
    assert set(report["day"]) == {"files", "rows"}
    assert not contains_personal_data(json.dumps(report))
    # and the uploaded file is gone
    assert _keys(aws, "inbox/") == []


def test_the_same_resident_in_three_files_is_one_contact(aws, run_handler, draw) -> None:
    _store_tenant(aws, _tenant(sample_rate=1.0))
    for n in range(3):  # the same export uploaded three times under three names
        run_handler(_upload(aws, f"inbox/1980/kopia-{n}.csv", VASTERAS_FILE.read_bytes()))
    draw()
    assert len(_contacts(aws)) == 5
    reports = _reports(aws)
    assert len(reports) == 3
    assert [r["day"]["files"] for r in reports] == [3, 3, 3]  # one draw over the three files


def test_the_day_s_cap_bounds_what_is_written_and_writes_are_counted(
    aws, run_handler, draw
) -> None:
    # Given a cap of 40 + 40 and three files with far more contacts than that
    _store_tenant(aws, _tenant(sample_rate=0.5))
    for n in range(3):
        run_handler(_upload(aws, f"inbox/1980/del-{n}.csv", _generated_file(400, seed=n)))
    writes = _count_contact_writes(aws)

    draw()

    contacts = _contacts(aws)
    per_channel = {ch: sum(c["channel"] == ch for c in contacts) for ch in ("sms", "email")}
    assert per_channel == {"sms": 40, "email": 40}
    # one put per stored contact: nothing that is not drawn is written
    assert writes["contacts"] == len(contacts) == 80
    assert {c["tenant"] for c in contacts} == {"1980"}


def test_what_the_day_already_invited_is_taken_off_the_cap(aws, run_handler, draw) -> None:
    from shared.platform.resources import counter_key

    _store_tenant(aws, _tenant(sample_rate=1.0))
    store.table(aws["COUNTERS_TABLE"]).put_item(
        Item={"counter": counter_key("1980", AFTER_CUTOFF.date()), "sms": 38, "email": 40}
    )
    run_handler(_upload(aws, "inbox/1980/a.csv", _generated_file(200)))
    draw()
    assert sorted(c["channel"] for c in _contacts(aws)) == ["sms", "sms"]


def test_a_redelivered_schedule_never_draws_twice(aws, run_handler, draw) -> None:
    _store_tenant(aws, _tenant(sample_rate=0.5))
    event = _upload(aws, "inbox/1980/a.csv", VASTERAS_FILE.read_bytes())
    run_handler(event)
    draw()
    first = sorted(c["contact_id"] for c in _contacts(aws))

    run_handler(event)  # S3 delivers the same notification again: the object is gone
    draw()  # and EventBridge the schedule

    assert sorted(c["contact_id"] for c in _contacts(aws)) == first
    assert len(_keys(aws, "reports/")) == 1


def _crash_before_the_reports(monkeypatch) -> Callable[[], None]:
    from shared.ingest import draw as ingest_module

    real = ingest_module.put_report

    def crash(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("lost the network before the report was written")

    monkeypatch.setattr(ingest_module, "put_report", crash)
    return lambda: monkeypatch.setattr(ingest_module, "put_report", real)


def test_retry_after_a_failed_draw_draws_the_same_sample(
    aws, run_handler, draw, monkeypatch
) -> None:
    # Given a large enough day that a redraw would differ, and a failure before the reports
    from shared.ingest.draw import DrawFailedError

    _store_tenant(aws, _tenant(sample_rate=0.5))
    for n in range(2):
        run_handler(_upload(aws, f"inbox/1980/big-{n}.csv", _generated_file(400, seed=n)))
    heal = _crash_before_the_reports(monkeypatch)
    with pytest.raises(DrawFailedError, match="1980/2026-03-14"):
        draw()
    assert len(_keys(aws, "inbox/")) == 2  # left for the retry
    after_crash = sorted(c["contact_id"] for c in _contacts(aws))
    assert after_crash

    # When the next run comes (the failed run gave its lease back)
    heal()
    draw()

    # Then the same contacts are drawn: no second sample on top of the first
    assert sorted(c["contact_id"] for c in _contacts(aws)) == after_crash
    assert _keys(aws, "inbox/") == []
    # and the day's key is gone with the draw
    record = store.table(aws["FILES_TABLE"]).get_item(Key={"file_id": "draw#1980#2026-03-14"})
    assert record["Item"]["status"] == "done"
    assert "key" not in record["Item"]


def test_a_killed_draw_is_taken_over_once_its_lease_has_run_out(
    aws, run_handler, draw, monkeypatch
) -> None:
    # Given a draw killed mid-way (a timeout: it cannot give its lease back)
    from shared.ingest import draw as ingest_module

    _store_tenant(aws, _tenant(sample_rate=0.5))
    run_handler(_upload(aws, "inbox/1980/a.csv", _generated_file(400)))
    heal = _crash_before_the_reports(monkeypatch)
    monkeypatch.setattr(ingest_module, "_release_lease", lambda *_: None)
    with pytest.raises(ingest_module.DrawFailedError):
        draw()
    first = sorted(c["contact_id"] for c in _contacts(aws))
    heal()

    # When the next run comes while the lease holds, it leaves the day alone
    assert draw(AFTER_CUTOFF + timedelta(minutes=10))["drawn"] == 0
    assert _keys(aws, "inbox/") == ["inbox/1980/a.csv"]

    # and after the lease, it finishes the same draw
    draw(AFTER_CUTOFF + timedelta(seconds=ingest_module.DRAW_LEASE_SECONDS + 1))
    assert sorted(c["contact_id"] for c in _contacts(aws)) == first
    assert _keys(aws, "inbox/") == []


def test_one_municipality_s_failed_draw_does_not_stop_another_s(
    aws, run_handler, draw, monkeypatch
) -> None:
    from shared.ingest import draw as ingest_module

    _store_tenant(aws, _tenant(sample_rate=1.0))
    stockholm = load_tenant_file(TENANT_CONFIG / "0180.json")
    _store_tenant(aws, stockholm.model_copy(update={"sample_rate": 1.0}))
    run_handler(_upload(aws, "inbox/0180/a.csv", VASTERAS_FILE.read_bytes()))
    run_handler(_upload(aws, "inbox/1980/a.csv", VASTERAS_FILE.read_bytes()))
    real = ingest_module._read_into

    def fails_for_0180(ports: Any, tenant: Tenant, *args: Any) -> Any:
        if tenant.kommunkod == "0180":
            raise ConnectionError("S3 went away")
        return real(ports, tenant, *args)

    monkeypatch.setattr(ingest_module, "_read_into", fails_for_0180)
    with pytest.raises(ingest_module.DrawFailedError, match="0180"):
        draw()
    assert {c["tenant"] for c in _contacts(aws)} == {"1980"}
    assert _keys(aws, "inbox/") == ["inbox/0180/a.csv"]


def test_sqs_wrapped_notification_is_received(aws, run_handler, draw) -> None:
    _store_tenant(aws, _tenant())
    result = run_handler(_sqs_wrapped(_upload(aws, "inbox/1980/x.csv", VASTERAS_FILE.read_bytes())))
    assert result == {"batchItemFailures": []}
    draw()
    assert len(_contacts(aws)) == 5


def test_unknown_municipality_gets_a_report_and_the_file_is_deleted(aws, run_handler) -> None:
    run_handler(_upload(aws, "inbox/9999/x.csv", VASTERAS_FILE.read_bytes()))
    report = _report(aws)
    assert (report["outcome"], report["error"]) == ("unknown_tenant", "unknown_tenant")
    assert "kommunkod 9999" in report["message"]
    assert "kommunkod 9999" in report["message_sv"]
    assert _contacts(aws) == []
    assert _keys(aws, "inbox/") == []


def test_no_active_campaign_gets_a_report_and_the_file_is_deleted(aws, run_handler) -> None:
    _store_tenant(aws, _tenant())
    run_handler(
        _upload(aws, "inbox/1980/x.csv", VASTERAS_FILE.read_bytes(), "2026-06-15T08:00:00Z")
    )
    report = _report(aws)
    assert report["error"] == "no_campaign"
    assert "mätperiod" in report["message_sv"]
    assert _contacts(aws) == []
    assert _keys(aws, "inbox/") == []


def test_a_file_over_the_size_limit_is_refused_whole_at_once(aws, run_handler, monkeypatch) -> None:
    from shared.ingest import files as ingest_module

    monkeypatch.setattr(ingest_module, "MAX_FILE_BYTES", 1000)
    _store_tenant(aws, _tenant())
    run_handler(_upload(aws, "inbox/1980/stor.csv", _generated_file(100)))
    report = _report(aws)
    assert (report["outcome"], report["error"]) == ("too_large", "too_large")
    assert "Dela upp" in report["message_sv"]
    assert "Split" in report["message"]
    assert _keys(aws, "inbox/") == []


def test_a_file_over_the_row_limit_is_refused_whole_and_draws_nothing(
    aws, run_handler, draw, monkeypatch
) -> None:
    # Given a row limit of 300 and two files of the day: one within it, one over it
    from shared.ingest import files as ingest_module

    monkeypatch.setattr(ingest_module, "MAX_FILE_ROWS", 300)
    _store_tenant(aws, _tenant(sample_rate=1.0, daily_cap={"sms": 1000, "email": 1000}))
    run_handler(_upload(aws, "inbox/1980/a-liten.csv", _generated_file(100, seed=1)))
    run_handler(_upload(aws, "inbox/1980/b-stor.csv", _generated_file(500, seed=2)))

    draw()

    # Then the big file gave nothing (not its first 300 rows either), the small one all
    reports = {r["file"]: r for r in _reports(aws)}
    big, small = reports["b-stor.csv"], reports["a-liten.csv"]
    assert (big["outcome"], big["error"]) == ("file_error", "too_many_rows")
    assert "300" in big["message_sv"]
    assert "300" in big["message"]
    assert small["accepted"] == len(_contacts(aws)) > 0  # sample rate 1: every one drawn
    assert _keys(aws, "inbox/") == []


def test_rejected_rows_are_listed_up_to_a_cap(aws, run_handler, draw, monkeypatch) -> None:
    from shared.ingest import files as ingest_module

    monkeypatch.setattr(ingest_module, "MAX_REPORTED_ROWS", 5)
    _store_tenant(aws, _tenant())
    broken = b"Datum;Telefonnummer\r\n" + b"2026-03-13 09:00;12\r\n" * 40
    run_handler(_upload(aws, "inbox/1980/fel.csv", broken))
    draw()
    report = _report(aws)
    assert report["rejected"] == {"invalid_phone": 40}
    assert len(report["rejected_rows"]) == 5
    assert report["rejected_rows_not_listed"] == 35


def test_a_spreadsheet_renamed_csv_is_reported_as_not_csv(aws, run_handler, draw) -> None:
    _store_tenant(aws, _tenant())
    xlsx = b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4
    run_handler(_upload(aws, "inbox/1980/kontakter.csv", xlsx))
    draw()
    report = _report(aws)
    assert report["error"] == "not_csv"
    assert report["message"]
    assert _keys(aws, "inbox/") == []


def test_undrawn_contacts_are_written_nowhere(aws, run_handler, draw) -> None:
    # Invariant 1: only drawn contacts leave the function, and only into the contacts table.
    _store_tenant(aws, _tenant(sample_rate=0.3))
    run_handler(_upload(aws, "inbox/1980/many.csv", _generated_file(300)))
    draw()
    sampled = len(_contacts(aws))
    assert 0 < sampled < 300

    found = personal_data_everywhere(aws)
    assert set(found) <= {"CONTACTS_TABLE"}
    assert len(found.get("CONTACTS_TABLE", [])) == sampled


def test_file_name_with_an_address_does_not_reach_the_report(aws, run_handler, draw) -> None:
    _store_tenant(aws, _tenant())
    run_handler(_upload(aws, "inbox/1980/från anna.svensson@example.se.csv", _generated_file(3)))
    draw()
    (key,) = _keys(aws, "reports/")
    assert "anna" not in key
    assert not contains_personal_data(key)
    assert not contains_personal_data(json.dumps(_report(aws)))


@pytest.mark.slow
def test_a_200000_row_file_fits_in_lambda_memory(aws, run_handler, draw) -> None:
    _store_tenant(aws, _tenant(sample_rate=0.001))
    run_handler(_upload(aws, "inbox/1980/stor.csv", _generated_file(200_000)))
    tracemalloc.start()
    try:
        draw()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    report = _report(aws)
    assert report["rows"] == 200_000
    # the function is given 2 GB; reading must stay far below, whatever moto itself holds
    assert peak < 400 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def _generated_file(rows: int, seed: int = 0) -> bytes:
    rnd = random.Random(rows * 1000 + seed)
    out = io.StringIO()
    out.write("Datum;Kanal;Telefonnummer;E-post\r\n")
    for n in range(rows):
        if n % 4 == 3:
            out.write(f"2026-03-13 10:00;E-post;;person{n}.{seed}@example.se\r\n")
        else:
            out.write(f"2026-03-13 09:00;Telefon;070-{rnd.randrange(10**7):07d};\r\n")
    return out.getvalue().encode("cp1252")


def _count_contact_writes(env: dict[str, str]) -> dict[str, int]:
    """Counts the contact items every DynamoDB write request of this test puts."""
    counts = {"contacts": 0}

    def before_call(params: dict, **_: Any) -> None:
        for request in params.get("RequestItems", {}).get(env["CONTACTS_TABLE"], []):
            counts["contacts"] += "PutRequest" in request
        if params.get("TableName") == env["CONTACTS_TABLE"]:
            counts["contacts"] += 1

    client = store.dynamodb().meta.client
    for operation in ("BatchWriteItem", "PutItem", "UpdateItem"):
        client.meta.events.register(f"before-parameter-build.dynamodb.{operation}", before_call)
    return counts


def test_a_file_that_breaks_part_way_gives_nothing_and_spares_the_others(
    aws, run_handler, draw
) -> None:
    # Given a file whose first rows are fine and which then stops being CSV (a quote never
    # closed), and a good file the same day
    _store_tenant(aws, _tenant(sample_rate=1.0, daily_cap={"sms": 1000, "email": 1000}))
    body = _generated_file(50) + b'2026-03-13 09:00;Telefon;"070' + b"x" * 200_000
    run_handler(_upload(aws, "inbox/1980/a-trasig.csv", body))
    run_handler(_upload(aws, "inbox/1980/b-bra.csv", _generated_file(20, seed=5)))
    draw()

    # Then the report names the file error, and none of its rows was drawn
    reports = {r["file"]: r for r in _reports(aws)}
    assert (reports["a-trasig.csv"]["outcome"], reports["a-trasig.csv"]["error"]) == (
        "file_error",
        "not_csv",
    )
    assert len(_contacts(aws)) == reports["b-bra.csv"]["accepted"]
    assert _keys(aws, "inbox/") == []


def test_a_file_that_would_take_the_day_past_its_row_limit_is_refused_whole(
    aws, run_handler, draw, monkeypatch
) -> None:
    from shared.ingest import files as ingest_module

    monkeypatch.setattr(ingest_module, "MAX_DAY_ROWS", 150)
    _store_tenant(aws, _tenant(sample_rate=1.0, daily_cap={"sms": 1000, "email": 1000}))
    run_handler(_upload(aws, "inbox/1980/a.csv", _generated_file(100, seed=1)))
    run_handler(_upload(aws, "inbox/1980/b.csv", _generated_file(100, seed=2), RECEIVED_LATER))
    draw()
    reports = {r["file"]: r for r in _reports(aws)}
    assert reports["b.csv"]["outcome"] == "day_full"
    assert "150" in reports["b.csv"]["message_sv"]
    assert len(_contacts(aws)) == reports["a.csv"]["accepted"]  # sample rate 1: all of a.csv
    assert _keys(aws, "inbox/") == []


def test_a_file_for_a_day_already_drawn_is_reported_late_and_deleted(
    aws, run_handler, draw
) -> None:
    # Given the day's draw done, and then a file whose receipt time is before the cutoff
    # (its notification was delayed)
    _store_tenant(aws, _tenant(sample_rate=1.0))
    run_handler(_upload(aws, "inbox/1980/a.csv", VASTERAS_FILE.read_bytes()))
    draw()
    drawn = sorted(c["contact_id"] for c in _contacts(aws))
    run_handler(_upload(aws, "inbox/1980/sen.csv", _generated_file(50), RECEIVED_LATER))

    draw(AFTER_CUTOFF + timedelta(minutes=10))

    # Then it is not drawn into a day already drawn (that would break the day's uniformity
    # and its cap): it gets a report that says to upload it again, and is deleted
    late = next(r for r in _reports(aws) if r["file"] == "sen.csv")
    assert late["outcome"] == "late"
    assert "igen" in late["message_sv"]
    assert sorted(c["contact_id"] for c in _contacts(aws)) == drawn
    assert _keys(aws, "inbox/") == []


def test_the_holding_time_starts_when_the_drawn_contact_is_stored(aws, run_handler, draw) -> None:
    _store_tenant(aws, _tenant(sample_rate=1.0))
    run_handler(_upload(aws, "inbox/1980/a.csv", VASTERAS_FILE.read_bytes()))
    draw()
    assert {int(c["received_at"]) for c in _contacts(aws)} == {int(AFTER_CUTOFF.timestamp())}


def test_a_campaign_gone_by_the_draw_stores_nothing_and_says_so(aws, run_handler, draw) -> None:
    _store_tenant(aws, _tenant(sample_rate=1.0))
    run_handler(_upload(aws, "inbox/1980/a.csv", VASTERAS_FILE.read_bytes()))
    _store_tenant(aws, _tenant(sample_rate=1.0, campaigns=()))  # the operator ended it

    ingest_service.ports().tenants._cache.clear()
    draw()
    report = _report(aws)
    assert (report["outcome"], report["error"]) == (
        "no_campaign",
        "no_campaign",
    )
    assert _contacts(aws) == []
    assert _keys(aws, "inbox/") == []
