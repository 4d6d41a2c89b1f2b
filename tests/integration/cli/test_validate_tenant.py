"""``validate --tenant`` tells the truth about the real upload: the same file, fed to validate
and to the real ingest handler on moto (receipt, then the day's draw), gets the same verdict
(read or refused whole) and the same reason, because validate asks the ingest's own decisions."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest

from local.events import LambdaContext, s3_object_created, scheduled
from shared.cli import main
from shared.core.tenants import Tenant, load_tenant_file
from shared.ingest import service as ingest_service
from shared.platform import store
from shared.platform.tenant_store import TenantStore
from tests.conftest import REGION, TENANT_CONFIG

# Västerås's own export: its headers are known only through the tenant's column_mapping
MAPPING = {"Kundens nr": "phone", "Mejl": "email", "Kontaktad": "time"}
MAPPED = (
    "Kundens nr;Mejl;Kontaktad;Ärende\n"
    "070-123 45 67;;2026-03-13 08:02;Bygglov\n"
    ";anna.svensson@example.se;2026-03-13 08:31;Avfall\n"
    "021-10 10 10;;2026-03-13 09:04;Parkering\n"
    "073-555 01 02;;2026-03-13 09:40;Skola\n"
    "070-123 45 67;;2026-03-13 10:02;Bygglov\n"
    ";inte-en-adress;2026-03-13 10:15;Skola\n"
).encode("cp1252")
IN_CAMPAIGN = "2026-03-14T06:30:00+00:00"  # 07:30 in Stockholm, before the 08:00 cutoff
OUTSIDE = "2026-06-15T08:00:00+00:00"  # Västerås has no campaign in the summer
DRAWN_AT = datetime(2026, 3, 14, 7, 5, tzinfo=UTC)  # 08:05 local: after that day's cutoff


def _many(rows: int) -> bytes:
    lines = ["Kundens nr;Kontaktad"] + [f"070-{n:07d};2026-03-13 08:00" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def vasteras(aws) -> Tenant:
    data = load_tenant_file(TENANT_CONFIG / "1980.json").model_dump()
    tenant = Tenant.model_validate(data | {"column_mapping": MAPPING, "sample_rate": 1.0})
    TenantStore(store.table(aws["TENANTS_TABLE"])).put([tenant])
    return tenant


@pytest.fixture
def ingest(aws, monkeypatch) -> Iterator[Callable[[bytes, str], dict[str, Any]]]:
    """The file through the real ingest handler: received at ``when``, then the day's draw;
    returns the file's report."""
    from functions.ingest import handler as module
    from shared.ingest import files as ingest_module

    ingest_service.ports.cache_clear()

    def run(body: bytes, when: str) -> dict[str, Any]:
        key = "inbox/1980/kontakter.csv"
        s3 = boto3.client("s3", region_name=REGION)
        s3.put_object(Bucket=aws["DATA_BUCKET"], Key=key, Body=body)
        etag = s3.head_object(Bucket=aws["DATA_BUCKET"], Key=key)["ETag"]
        received = datetime.fromisoformat(when)
        event = s3_object_created(aws["DATA_BUCKET"], key, etag, len(body), REGION, received)
        module.handler(event, LambdaContext("ingest"))
        monkeypatch.setattr(ingest_module, "utc_now", lambda: DRAWN_AT)
        module.handler(scheduled("draw", REGION), LambdaContext("ingest"))
        listing = s3.list_objects_v2(Bucket=aws["DATA_BUCKET"], Prefix="reports/")
        (report_key,) = [o["Key"] for o in listing["Contents"]]
        return json.loads(s3.get_object(Bucket=aws["DATA_BUCKET"], Key=report_key)["Body"].read())

    yield run
    ingest_service.ports.cache_clear()


def _validate(
    capsys: pytest.CaptureFixture[str], tmp_path, aws, body: bytes, when: str, *extra: str
) -> tuple[int, str]:
    path = tmp_path / "kontakter.csv"
    path.write_bytes(body)
    capsys.readouterr()
    code = main(
        [
            "validate",
            str(path),
            "--tenant",
            "1980",
            "--table",
            aws["TENANTS_TABLE"],
            "--received",
            when,
            *extra,
        ]
    )
    return code, capsys.readouterr().out


def test_a_file_outside_every_campaign_is_refused_by_both(
    aws, vasteras, ingest, capsys, tmp_path
) -> None:
    code, out = _validate(capsys, tmp_path, aws, MAPPED, OUTSIDE, "--json")
    verdict = json.loads(out)
    report = ingest(MAPPED, OUTSIDE)

    assert code == 2
    assert (verdict["refused"], verdict["outcome"], verdict["error"]) == (
        True,
        report["outcome"],
        report["error"],
    )
    assert report["error"] == "no_campaign"
    assert verdict["draw_day"] == report["draw_day"] == "2026-06-16"  # 10:00 local: next day
    assert verdict["messages"] == {"sv": report["message_sv"], "en": report["message"]}


def test_the_refusal_reads_plainly_in_either_language(
    aws, vasteras, capsys, tmp_path, monkeypatch
) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    code, out = _validate(capsys, tmp_path, aws, MAPPED, "2026-06-15T07:00:00+02:00")
    assert code == 2
    assert "Filen skulle avvisas: no_campaign" in out
    assert "Västerås stad har ingen aktiv mätperiod den dag filen lottas (2026-06-15)." in out
    assert "has no active campaign" not in out  # one language per run
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    code, out = _validate(capsys, tmp_path, aws, MAPPED, "2026-06-15T07:00:00+02:00")
    assert "This file would be refused: no_campaign" in out
    assert "Västerås stad has no active campaign on the day the file is drawn (2026-06-15)." in out
    assert "mätperiod" not in out
    for personal in ("070", "anna"):
        assert personal not in out


def test_a_file_with_the_tenant_s_own_headers_is_read_alike(
    aws, vasteras, ingest, capsys, tmp_path
) -> None:
    code, out = _validate(capsys, tmp_path, aws, MAPPED, IN_CAMPAIGN, "--json")
    verdict = json.loads(out)
    report = ingest(MAPPED, IN_CAMPAIGN)

    assert code == 0
    assert report["outcome"] == "ingested"
    for field in ("rows", "accepted", "sms", "email", "rejected", "rejected_rows"):
        assert verdict[field] == report[field], field
    assert (verdict["accepted"], verdict["sms"], verdict["email"]) == (3, 2, 1)
    assert "sampled" not in report  # the real report never says how many were drawn
    # and the real upload's context: its draw day, campaign and cap
    assert verdict["draw_day"] == "2026-03-14"
    assert verdict["campaign"]["id"] == "2026-var"
    assert verdict["drawn_at_most"] == {"sms": 2, "email": 1}


def test_without_the_tenant_the_mapped_headers_are_not_known(capsys, tmp_path) -> None:
    # the default settings do not know "Kundens nr": its phone numbers go unread
    path = tmp_path / "kontakter.csv"
    path.write_bytes(MAPPED)
    code = main(["validate", str(path), "--received", "2026-03-14", "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["accepted"], result["sms"]) == (1, 0)
    assert result["rejected"]["missing_contact"] == 4


def test_a_file_over_the_row_cap_is_refused_whole_by_both(
    aws, vasteras, ingest, capsys, tmp_path, monkeypatch
) -> None:
    from shared.ingest import files as ingest_module

    monkeypatch.setattr(ingest_module, "MAX_FILE_ROWS", 5)  # one constant, read by both
    body = _many(8)
    code, out = _validate(capsys, tmp_path, aws, body, IN_CAMPAIGN, "--json")
    verdict = json.loads(out)
    report = ingest(body, IN_CAMPAIGN)

    assert code == 2
    assert (report["outcome"], report["error"]) == ("file_error", "too_many_rows")
    assert (verdict["outcome"], verdict["error"]) == (report["outcome"], report["error"])
    assert verdict["messages"] == {"sv": report["message_sv"], "en": report["message"]}
    # and a file at the cap is read by both
    monkeypatch.setattr(ingest_module, "MAX_FILE_ROWS", 8)
    code, _ = _validate(capsys, tmp_path, aws, body, IN_CAMPAIGN, "--json")
    assert code == 0


def test_a_file_over_the_size_limit_is_refused_at_once(
    aws, vasteras, ingest, capsys, tmp_path, monkeypatch
) -> None:
    from shared.ingest import files as ingest_module

    monkeypatch.setattr(ingest_module, "MAX_FILE_BYTES", 100)
    code, out = _validate(capsys, tmp_path, aws, MAPPED, IN_CAMPAIGN, "--json")
    report = ingest(MAPPED, IN_CAMPAIGN)
    assert code == 2
    assert json.loads(out)["error"] == report["error"] == "too_large"


def test_an_unknown_tenant_in_the_table_is_a_usage_error(aws, capsys, tmp_path) -> None:
    path = tmp_path / "kontakter.csv"
    path.write_bytes(MAPPED)
    code = main(["validate", str(path), "--tenant", "1980", "--table", aws["TENANTS_TABLE"]])
    assert code == 2
    assert "unknown_tenant" in capsys.readouterr().err


def test_a_missing_table_is_named_with_its_error_code(aws, capsys, tmp_path) -> None:
    path = tmp_path / "kontakter.csv"
    path.write_bytes(MAPPED)
    code = main(["validate", str(path), "--tenant", "1980", "--table", "nope", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 2
    assert result["error"] == "unreadable_table"
    assert "ResourceNotFoundException" in result["messages"]["en"]
