"""The upload watch on moto with a fixed clock: files through the real ingest handler move each
municipality's last_file item, the real watch handler on a scheduled event counts Swedish
working days, and the metrics the four upload alarms watch are emitted (shared/ingest/watch.py)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import boto3
import pytest

from local.events import LambdaContext, s3_object_created, scheduled
from shared.core.tenants import Campaign, Tenant, load_tenant_file
from shared.ingest import service as ingest_service
from shared.ingest import watch
from shared.ingest.files import last_file_record_id
from shared.platform import store
from shared.platform.metric_names import Metric
from shared.platform.tenant_store import TenantStore
from tests.conftest import REGION, SAMPLES, TENANT_CONFIG

VASTERAS_FILE = SAMPLES / "kontakter-vasteras-2026-03-13.csv"
SUMMER = Campaign(id="sommar-2026", start=date(2026, 6, 1), end=date(2026, 7, 31))
WINTER = Campaign(id="vinter-2026", start=date(2026, 12, 1), end=date(2027, 1, 31))


def _tenant(kommunkod: str = "1980", *campaigns: Campaign) -> Tenant:
    data = load_tenant_file(TENANT_CONFIG / "1980.json").model_dump()
    return Tenant.model_validate(
        data | {"kommunkod": kommunkod, "campaigns": campaigns or (SUMMER, WINTER)}
    )


def _store(env: dict[str, str], *tenants: Tenant) -> None:
    TenantStore(store.table(env["TENANTS_TABLE"])).put(tenants)


@pytest.fixture
def ingest(aws) -> Iterator[Callable[..., dict]]:
    """Upload a file and hand its S3 event, received at ``when``, to the real ingest handler."""
    from functions.ingest import handler as module

    ingest_service.ports.cache_clear()

    def run(when: str, kommunkod: str = "1980", body: bytes | None = None, name: str = "") -> Any:
        key = f"inbox/{kommunkod}/{name or 'kontakter ' + when[:10]}.csv"
        body = VASTERAS_FILE.read_bytes() if body is None else body
        s3 = boto3.client("s3", region_name=REGION)
        s3.put_object(Bucket=aws["DATA_BUCKET"], Key=key, Body=body)
        etag = s3.head_object(Bucket=aws["DATA_BUCKET"], Key=key)["ETag"]
        event = s3_object_created(
            aws["DATA_BUCKET"], key, etag, len(body), REGION, datetime.fromisoformat(when)
        )
        return module.handler(event, LambdaContext("ingest"))

    yield run
    ingest_service.ports.cache_clear()


def _watch_at(when: datetime) -> dict[str, Any]:
    from functions.watch.handler import handler

    return handler(scheduled("watch", REGION, when), LambdaContext("watch"))


def _metrics(out: str) -> dict[str, list[float]]:
    """Every EMF metric value printed to stdout, by name."""
    found: dict[str, list[float]] = {}
    for line in out.splitlines():
        if not line.startswith("{") or '"_aws"' not in line:
            continue
        blob = json.loads(line)
        for directive in blob["_aws"]["CloudWatchMetrics"]:
            for metric in directive["Metrics"]:
                value = blob[metric["Name"]]
                found.setdefault(metric["Name"], []).extend(
                    value if isinstance(value, list) else [value]
                )
    return found


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Everything the Powertools logger writes during the test."""
    from shared.platform.observability import logger

    handler = logger.registered_handler
    stream = io.StringIO()
    previous = handler.setStream(stream)  # type: ignore[attr-defined]
    yield stream
    handler.setStream(previous)  # type: ignore[attr-defined]


def _logged(stream: io.StringIO, message: str) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    return [line for line in lines if line.get("message") == message]


# -- the calendar -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 6, 18), True),  # Thursday before Midsommar
        (date(2026, 6, 19), False),  # midsommarafton: a Friday, yet no working day (SFS 1977:480)
        (date(2026, 6, 22), True),
        (date(2026, 5, 14), False),  # Kristi himmelsfärds dag, a Thursday
        (date(2026, 12, 24), False),  # julafton
        (date(2026, 12, 25), False),  # juldagen, a Friday
        (date(2026, 12, 28), True),
        (date(2026, 12, 31), False),  # nyårsafton
        (date(2027, 1, 6), False),  # trettondedag jul
        (date(2026, 6, 20), False),  # a Saturday (midsommardagen too)
    ],
)
def test_working_days_follow_the_swedish_calendar(day: date, working: bool) -> None:
    assert watch.is_working_day(day) is working


# -- who is silent (pure) ---------------------------------------------------------------------


def test_the_friday_before_midsommar_is_not_a_missed_day() -> None:
    tenant = _tenant()
    last = date(2026, 6, 18)  # Thursday; Friday is midsommarafton, then the weekend
    assert watch.missed_working_days(tenant, last, date(2026, 6, 22)) == 0
    assert watch.missed_working_days(tenant, last, date(2026, 6, 23)) == 1  # Monday only
    assert watch.missed_working_days(tenant, last, date(2026, 6, 24)) == 2
    # without the holiday the Friday would have counted: a plain week in the same campaign
    assert watch.missed_working_days(tenant, date(2026, 6, 11), date(2026, 6, 16)) == 2


def test_christmas_days_are_not_missed_days() -> None:
    tenant = _tenant()
    last = date(2026, 12, 23)  # Wednesday; then julafton, juldagen, annandag (Saturday)
    assert watch.missed_working_days(tenant, last, date(2026, 12, 28)) == 0
    assert watch.missed_working_days(tenant, last, date(2026, 12, 29)) == 1
    assert watch.missed_working_days(tenant, last, date(2026, 12, 30)) == 2


def test_days_before_the_campaign_never_count() -> None:
    tenant = _tenant()
    # the last file came in the spring; the summer campaign began Monday 1 June 2026
    assert watch.missed_working_days(tenant, date(2026, 4, 30), date(2026, 6, 3)) == 2
    assert watch.missed_working_days(tenant, None, date(2026, 6, 2)) == 1
    # no campaign today: the municipality is not watched at all
    assert watch.missed_working_days(tenant, date(2026, 4, 30), date(2026, 8, 20)) is None


# -- the whole way: ingest keeps last_file, the watch reads it ---------------------------------


def test_a_municipality_silent_since_before_midsommar_raises_the_alarm_on_wednesday(
    aws, ingest, capsys, log_lines
) -> None:
    # Given Västerås, whose last file came on Thursday 18 June 2026, and Uppsala, which sent
    # one on Tuesday 23 June, both in a campaign; Linköping has no campaign in June
    _store(aws, _tenant("1980"), _tenant("0380"), _tenant("0580", WINTER))
    ingest("2026-06-18T09:00:00+00:00", "1980")
    ingest("2026-06-23T09:00:00+00:00", "0380")
    capsys.readouterr()

    # When the watch runs on Tuesday 23 June (midsommarafton was no working day)
    result = _watch_at(datetime(2026, 6, 23, 7, 0, tzinfo=UTC))

    # Then nobody is silent yet: Västerås has missed one working day (Monday)
    assert (result["active"], result["silent"]) == (2, [])
    assert _metrics(capsys.readouterr().out)[Metric.MUNICIPALITIES_SILENT] == [0.0]

    # When it runs on Wednesday 24 June
    result = _watch_at(datetime(2026, 6, 24, 7, 0, tzinfo=UTC))

    # Then Västerås is silent for two working days, and only Västerås
    assert result["silent"] == [{"kommunkod": "1980", "working_days": 2, "last_file": "2026-06-18"}]
    emitted = _metrics(capsys.readouterr().out)
    assert emitted[Metric.MUNICIPALITIES_SILENT] == [1.0]
    assert emitted[Metric.MUNICIPALITIES_WATCHED] == [2.0]
    # and the log line the alarm's query reads names it by kommunkod and nothing else
    (line,) = _logged(log_lines, watch.SILENT_LOG)
    assert (line["kommunkod"], line["working_days"], line["last_file"]) == ("1980", 2, "2026-06-18")
    assert "kontakter" not in log_lines.getvalue()  # no file name in any line


def test_a_municipality_that_never_sent_counts_from_its_campaign_start(aws, log_lines) -> None:
    _store(aws, _tenant("1980"))
    result = _watch_at(datetime(2026, 6, 3, 7, 0, tzinfo=UTC))  # Wednesday of the first week
    assert result["silent"] == [{"kommunkod": "1980", "working_days": 2, "last_file": None}]
    (line,) = _logged(log_lines, watch.SILENT_LOG)
    assert line["last_file"] == "none"  # present, so the alarm's query shows it


def test_keys_dynamodb_leaves_unprocessed_are_asked_again() -> None:
    from decimal import Decimal

    table = "files"
    moment = Decimal(int(datetime(2026, 6, 22, 9, tzinfo=UTC).timestamp()))

    class Throttled:
        """A BatchGetItem that answers the first key and hands the rest back unprocessed."""

        def __init__(self) -> None:
            self.asked: list[int] = []

        def batch_get_item(self, RequestItems: dict[str, Any]) -> dict[str, Any]:
            keys = RequestItems[table]["Keys"]
            self.asked.append(len(keys))
            first, rest = keys[0], keys[1:]
            response: dict[str, Any] = {
                "Responses": {table: [{"file_id": first["file_id"], "last_file": moment}]}
            }
            if rest:
                response["UnprocessedKeys"] = {table: {**RequestItems[table], "Keys": rest}}
            return response

    fake = Throttled()
    found = watch.last_files(fake, table, ["1980", "0380", "0580"])
    assert fake.asked == [3, 2, 1]
    assert found == dict.fromkeys(("0380", "0580", "1980"), date(2026, 6, 22))


def test_the_threshold_is_the_setting(aws, monkeypatch) -> None:
    from shared.platform.settings import UPLOAD_SILENCE_WORKING_DAYS

    _store(aws, _tenant("1980"))
    monkeypatch.setenv(UPLOAD_SILENCE_WORKING_DAYS, "3")
    assert _watch_at(datetime(2026, 6, 3, 7, 0, tzinfo=UTC))["silent"] == []
    assert len(_watch_at(datetime(2026, 6, 4, 7, 0, tzinfo=UTC))["silent"]) == 1


def test_an_old_redelivered_notification_never_moves_last_file_back(aws, ingest) -> None:
    _store(aws, _tenant("1980"))
    ingest("2026-06-23T09:00:00+00:00", name="a")
    ingest("2026-06-18T09:00:00+00:00", name="b")  # an old notification, delivered late
    item = store.table(aws["FILES_TABLE"]).get_item(Key={"file_id": last_file_record_id("1980")})
    moment = datetime.fromtimestamp(int(item["Item"]["last_file"]), UTC)
    assert moment == datetime(2026, 6, 23, 9, 0, tzinfo=UTC)


def test_a_refused_file_still_counts_as_sent(aws, ingest) -> None:
    # the refusal has its own alarm; the municipality has not gone silent
    _store(aws, _tenant("1980"))
    ingest("2026-06-22T09:00:00+00:00", body=b"")  # Monday: an empty file, refused in the draw
    assert _watch_at(datetime(2026, 6, 24, 7, 0, tzinfo=UTC))["silent"] == []  # Tuesday missed
    assert _watch_at(datetime(2026, 6, 25, 7, 0, tzinfo=UTC))["silent"] == [
        {"kommunkod": "1980", "working_days": 2, "last_file": "2026-06-22"}
    ]


def test_hundreds_of_municipalities_are_read_in_batches_of_a_hundred(aws, monkeypatch) -> None:
    tenants = [_tenant(f"{n:04d}") for n in range(1, 251)]
    _store(aws, *tenants)
    files = store.table(aws["FILES_TABLE"])
    with files.batch_writer() as batch:
        for tenant in tenants[:200]:  # 200 sent on Monday 22 June; 50 never did
            batch.put_item(
                Item={
                    "file_id": last_file_record_id(tenant.kommunkod),
                    "last_file": int(datetime(2026, 6, 22, 9, tzinfo=UTC).timestamp()),
                }
            )
    calls: list[int] = []
    real = watch.last_files

    def counted(dynamodb: Any, table_name: str, kommunkoder: Any) -> dict[str, date]:
        client = dynamodb.meta.client

        def count(**kwargs: Any) -> None:
            calls.append(len(kwargs["params"]["RequestItems"][table_name]["Keys"]))

        client.meta.events.register("provide-client-params.dynamodb.BatchGetItem", count)
        try:
            return real(dynamodb, table_name, kommunkoder)
        finally:
            client.meta.events.unregister("provide-client-params.dynamodb.BatchGetItem", count)

    monkeypatch.setattr(watch, "last_files", counted)
    result = _watch_at(datetime(2026, 6, 24, 7, 0, tzinfo=UTC))
    assert calls == [100, 100, 50]
    assert result["active"] == 250
    # Tuesday is the only working day missed by the 200; the 50 missed the campaign's 16
    assert {s["kommunkod"] for s in result["silent"]} == {t.kommunkod for t in tenants[200:]}


# -- the ingest's own upload alarms ------------------------------------------------------------


def test_each_upload_alarm_metric_counts_its_files(aws, ingest, capsys, log_lines) -> None:
    from functions.ingest import handler as module
    from shared.ingest import files as ingest_module

    _store(aws, _tenant("1980"))
    capsys.readouterr()
    # a file that cannot be read, a file outside every campaign, a file of an unknown kommunkod
    ingest("2026-06-22T09:00:00+00:00", body=b"", name="Anna Andersson")
    ingest("2026-08-20T09:00:00+00:00", name="augusti")
    ingest("2026-06-22T09:00:00+00:00", kommunkod="9999", name="okand")
    # and a file read whole whose every row is rejected (landlines only), through the draw
    landlines = b"telefon;datum\n021-10 10 10;2026-06-22\n08-123 456 78;2026-06-22\n"
    ingest("2026-06-23T04:00:00+00:00", body=landlines, name="fasta")
    real = ingest_module.utc_now
    ingest_module.utc_now = lambda: datetime(2026, 6, 23, 6, 30, tzinfo=UTC)
    try:
        module.handler(scheduled("draw", REGION), LambdaContext("ingest"))
    finally:
        ingest_module.utc_now = real

    emitted = _metrics(capsys.readouterr().out)
    assert sum(emitted[Metric.FILES_REFUSED]) == 2  # empty_file and unknown_tenant
    assert sum(emitted[Metric.FILES_OUTSIDE_CAMPAIGN]) == 1
    assert sum(emitted[Metric.FILES_NOTHING_ACCEPTED]) == 1
    # the lines the alarms' queries read carry the kommunkod, never the file's own name
    lines = _logged(log_lines, watch.FILE_LOG)
    assert {(line["kommunkod"], line["outcome"]) for line in lines} == {
        ("1980", "file_error"),
        ("1980", "no_campaign"),
        ("9999", "unknown_tenant"),
        ("1980", "ingested"),
    }
    assert [line["accepted"] for line in lines if line["outcome"] == "ingested"] == [0]
    text = log_lines.getvalue()
    for name in ("Anna Andersson", "augusti", "fasta"):
        assert name not in text


def test_one_invalid_settings_item_or_one_failing_municipality_hides_no_one_else(
    aws, ingest, capsys, log_lines, monkeypatch
) -> None:
    # Given Västerås and Uppsala silent since Thursday 18 June, Linköping's item edited to
    # sample_rate 5.0 (issue 22: the watch then failed for every municipality), and Uppsala's
    # turn raising what a native library raises (a BaseException)
    from shared.platform import isolation

    _store(aws, _tenant("1980"), _tenant("0380"), _tenant("0580"))
    for kommunkod in ("1980", "0380", "0580"):
        ingest("2026-06-18T09:00:00+00:00", kommunkod)
    table = store.table(aws["TENANTS_TABLE"])
    item = table.get_item(Key={"kommunkod": "0580"})["Item"]
    settings = json.loads(item["settings"]) | {"sample_rate": 5.0}
    table.put_item(Item=item | {"settings": json.dumps(settings)})
    real = watch.missed_working_days

    class PanicException(BaseException):
        pass

    def panics_for_uppsala(tenant: Tenant, *args: Any) -> int | None:
        if tenant.kommunkod == "0380":
            raise PanicException("gone")
        return real(tenant, *args)

    monkeypatch.setattr(watch, "missed_working_days", panics_for_uppsala)
    capsys.readouterr()

    # When the watch runs on Wednesday 24 June
    result = _watch_at(datetime(2026, 6, 24, 7, 0, tzinfo=UTC))

    # Then Västerås is still found silent; the other two are recorded, each alone
    assert [s["kommunkod"] for s in result["silent"]] == ["1980"]
    emitted = _metrics(capsys.readouterr().out)
    assert emitted[Metric.TENANT_SETTINGS_INVALID] == [1.0]
    assert emitted[Metric.MUNICIPALITY_FAILED] == [1.0]
    (failed,) = _logged(log_lines, isolation.FAILED_LOG)
    assert (failed["stage"], failed["kommunkod"], failed["error"]) == (
        "watch",
        "0380",
        "PanicException",
    )
    (invalid,) = _logged(log_lines, isolation.INVALID_SETTINGS_LOG)
    assert invalid["kommunkod"] == "0580"
