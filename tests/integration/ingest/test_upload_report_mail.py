"""Every upload is answered by e-mail: the real ingest handler on moto, the mail read back from
moto's SES outbox. It goes to the municipality's report_contacts from the service's own
address, says what the stored report says, and carries nothing personal from the file; a
failed send never fails the ingest, nor another municipality's mail."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from local.events import LambdaContext, s3_object_created, scheduled
from shared.core.tenants import Tenant, load_tenant_file
from shared.ingest import service as ingest_service
from shared.messages.senders import reset_send_clients, send_client
from shared.platform import settings, store
from shared.platform.redaction import contains_personal_data
from shared.platform.tenant_store import TenantStore
from tests.conftest import REGION, TENANT_CONFIG

SERVICE_CONTACT = "support@servicematning.example.se"  # config/tenants/1980.json
SENDER = "rapporter@servicematning.example.se"
RECEIVED = datetime(2026, 3, 14, 6, 30, tzinfo=UTC)  # 07:30 in Stockholm, before the cutoff
AFTER_CUTOFF = datetime(2026, 3, 14, 7, 5, tzinfo=UTC)
JUNE = datetime(2026, 6, 15, 5, tzinfo=UTC)  # 07:00 in Stockholm: drawn that day, no campaign

# Every row names a resident; most are refused, for every reason a contact file gives.
MOBILES = [f"070-{n:03d} 45 67" for n in range(100, 112)]
LANDLINES = [f"021-{n:02d} 10 10" for n in range(10, 18)]
BAD_EMAILS = [f"anna.{n}@@example.se" for n in range(6)]
EMAILS = [f"kalle.{n}@example.se" for n in range(5)]


def _personal_file() -> tuple[bytes, list[str]]:
    rows = ["Datum;Kanal;Telefonnummer;E-post;Ärende"]
    rows += [
        f"2026-03-13 08:{i:02d};Telefon;{p};;Ring 08-123 456 78" for i, p in enumerate(MOBILES)
    ]
    rows += [f"2026-03-13 09:{i:02d};Telefon;{p};;Bygglov" for i, p in enumerate(LANDLINES)]
    rows += [f"2026-03-13 10:{i:02d};E-post;;{e};Skola" for i, e in enumerate(BAD_EMAILS)]
    rows += [f"2026-03-13 11:{i:02d};E-post;;{e};Avfall" for i, e in enumerate(EMAILS)]
    rows += [f"2026-03-13 12:0{i};Telefon;{p};;Igen" for i, p in enumerate(MOBILES[:3])]  # dups
    rows += ["13 mars kl 8;Telefon;070-999 88 77;;Fel datum"]
    body = ("\r\n".join(rows) + "\r\n").encode("utf-8")
    secrets = [*MOBILES, *LANDLINES, *BAD_EMAILS, *EMAILS, "070-999 88 77", "08-123 456 78"]
    digits = [re.sub(r"\D", "", s)[1:] for s in secrets if "@" not in s]  # 70100…, 2110…
    return body, [*secrets, *digits, *(s.split("@")[0] for s in secrets if "@" in s)]


def _tenant(kommunkod: str = "1980", **changes: Any) -> Tenant:
    data = load_tenant_file(TENANT_CONFIG / f"{kommunkod}.json").model_dump()
    return Tenant.model_validate(data | {"sample_rate": 1.0} | changes)


@pytest.fixture
def world(aws: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    from shared.platform.observability import metrics

    monkeypatch.setenv(settings.REPORT_SENDER, SENDER)
    boto3.client("sesv2", region_name=REGION).create_email_identity(
        EmailIdentity=SENDER.split("@")[1]
    )
    store.reset_clients()
    reset_send_clients()
    metrics.clear_metrics()
    yield aws
    metrics.clear_metrics()
    ingest_service.ports.cache_clear()
    reset_send_clients()


@pytest.fixture
def logs() -> Iterator[io.StringIO]:
    """Everything the Powertools logger writes during the test."""
    from shared.platform.observability import logger

    handler = logger.registered_handler
    stream = io.StringIO()
    previous = handler.setStream(stream)  # type: ignore[attr-defined]
    yield stream
    handler.setStream(previous)  # type: ignore[attr-defined]


def _logged(logs: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in logs.getvalue().splitlines() if line.startswith("{")]


def _store(env: dict[str, str], *tenants: Tenant) -> None:
    TenantStore(store.table(env[settings.TENANTS_TABLE])).put(tenants)


def _receive(env: dict[str, str], key: str, body: bytes, when: datetime = RECEIVED) -> None:
    from functions.ingest.handler import handler

    s3 = boto3.client("s3", region_name=REGION)
    s3.put_object(Bucket=env["DATA_BUCKET"], Key=key, Body=body)
    etag = s3.head_object(Bucket=env["DATA_BUCKET"], Key=key)["ETag"]
    handler(
        s3_object_created(env["DATA_BUCKET"], key, etag, len(body), REGION, when),
        LambdaContext("ingest"),
    )


def _draw(monkeypatch: pytest.MonkeyPatch, now: datetime = AFTER_CUTOFF) -> dict[str, Any]:
    from functions.ingest.handler import handler
    from shared.ingest import files

    monkeypatch.setattr(files, "utc_now", lambda: now)
    result: dict[str, Any] = handler(scheduled("draw", REGION), LambdaContext("ingest"))
    return result


def _outbox() -> list[EmailMessage]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    return [
        message_from_bytes(m.raw_data.encode("utf-8"), policy=policy.default)  # type: ignore[misc]
        for m in ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages
    ]


def _parts(message: EmailMessage) -> tuple[str, str]:
    text, html = (message.get_body(preferencelist=(kind,)) for kind in ("plain", "html"))
    assert text is not None
    assert html is not None
    return str(text.get_content()).replace("\r\n", "\n"), str(html.get_content())


def _reports(env: dict[str, str]) -> dict[str, dict[str, Any]]:
    s3 = boto3.client("s3", region_name=REGION)
    listing = s3.list_objects_v2(Bucket=env["DATA_BUCKET"], Prefix="reports/")
    return {
        o["Key"]: json.loads(s3.get_object(Bucket=env["DATA_BUCKET"], Key=o["Key"])["Body"].read())
        for o in listing.get("Contents", [])
    }


def test_a_file_full_of_contacts_is_answered_without_one_of_them(
    world, monkeypatch, capsys, logs
) -> None:
    # Given Västerås with two report contacts, and a file full of phone numbers and addresses,
    # its name one of them
    contacts = ("kontaktcenter@vasteras.se", "servicedesk@vasteras.se")
    _store(world, _tenant(report_contacts=contacts))
    body, secrets = _personal_file()
    _receive(world, "inbox/1980/ring 070-123 45 67 anna@example.se.csv", body)
    assert _outbox() == []  # waiting for its draw: nothing to tell yet

    # When the day is drawn
    _draw(monkeypatch)

    # Then each report contact has one mail from the service's own address
    outbox = _outbox()
    assert sorted(str(m["To"]) for m in outbox) == sorted(contacts)
    assert {m["From"].addresses[0].addr_spec for m in outbox} == {SENDER}
    ((key, report),) = _reports(world).items()
    text, html = _parts(outbox[0])
    # and it says what the stored report says: rows, per channel, per reason with rows, and
    # never how many were drawn (a one-row file would say whether that resident was)
    assert report["rows"] == 35
    assert f"Rader: {report['rows']}" in text
    assert f"Godkända för sms: {report['sms']}" in text
    assert f"Godkända för e-post: {report['email']}" in text
    assert "sampled" not in report
    assert "drawn" not in report["day"]
    assert "Lottade" not in text
    assert "Lottade" not in html
    assert set(report["rejected"]) == {"not_mobile", "invalid_email", "duplicate", "invalid_date"}
    for reason, count in report["rejected"].items():
        rows = [r["row"] for r in report["rejected_rows"] if r["reason"] == reason]
        assert f": {count}" in text
        assert ", ".join(str(r) for r in rows[:20]) in text
    assert "Kontrollera exportens e-postkolumn." in text  # what to do about invalid_email
    assert key
    assert "s3://" not in text + html  # a storage address the contact centre cannot use
    assert "[telefon]" in str(outbox[0]["Subject"])  # the name, made safe

    # and nothing personal from the file is in any mail, its raw bytes included
    for message in outbox:
        raw = message.as_string()
        for part in (*_parts(message), str(message["Subject"])):
            # the addresses it names on purpose: the recipient, and whom to ask (settings)
            named = part.replace(str(message["To"]), "").replace(SERVICE_CONTACT, "")
            assert not contains_personal_data(named)
        for secret in secrets:
            assert secret not in raw
            assert secret not in text + html
    # and the log and metrics name no address, the report contacts' included
    out = capsys.readouterr().out + logs.getvalue()
    assert any(e["message"] == "upload report sent" and e["sent"] == 2 for e in _logged(logs))
    assert "UploadReportsSent" in out
    for secret in (*secrets, *contacts, "anna"):
        assert secret not in out


def test_a_file_refused_at_receipt_is_answered_at_once_in_the_report_language(world) -> None:
    # Given Västerås with English reports, and a file for a day outside every campaign
    _store(world, _tenant(report_language="en"))
    _receive(world, "inbox/1980/juni.csv", b"telefon\n0701234567\n", JUNE)

    # Then the mail says why, and what to do, in English
    (message,) = _outbox()
    text, _ = _parts(message)
    assert message["Subject"] == "Uploaded file refused: juni.csv"
    assert "has no active campaign on the day the file is drawn (2026-06-15)" in text
    assert "Files are accepted only during a campaign" in text
    assert message["Content-Language"] == "en"


def test_no_report_contacts_no_mail_and_the_log_says_so(world, logs) -> None:
    _store(world, _tenant(report_contacts=()))
    _receive(world, "inbox/1980/juni.csv", b"telefon\n0701234567\n", JUNE)

    assert _outbox() == []
    (line,) = [e for e in _logged(logs) if e["message"] == "upload report not sent"]
    assert (line["kommunkod"], line["reason"]) == ("1980", "no contacts")


def test_no_sender_configured_no_mail(world, monkeypatch) -> None:

    monkeypatch.delenv(settings.REPORT_SENDER)
    ingest_service.ports.cache_clear()
    _store(world, _tenant())
    _receive(world, "inbox/1980/juni.csv", b"telefon\n0701234567\n", JUNE)
    assert _outbox() == []
    assert len(_reports(world)) == 1  # the refusal itself is reported as ever


def test_a_failed_send_fails_neither_the_ingest_nor_another_municipality(
    world, monkeypatch, capsys, logs
) -> None:
    # Given two municipalities, and SES refusing every mail to Västerås's contact centre
    stockholm = _tenant("0180", campaigns=_tenant().campaigns)
    _store(world, _tenant(), stockholm)
    attempts: list[str] = []

    def refuse(params: dict[str, Any], **_: Any) -> None:
        (recipient,) = params["Destination"]["ToAddresses"]
        attempts.append(recipient)
        if recipient.endswith("@vasteras.se"):
            error = {"Error": {"Code": "MessageRejected", "Message": "no"}}
            raise ClientError(error, "SendEmail")  # type: ignore[arg-type]

    send_client("sesv2").meta.events.register("before-parameter-build.sesv2.SendEmail", refuse)
    body, _ = _personal_file()
    _receive(world, "inbox/1980/a.csv", body)
    _receive(world, "inbox/0180/b.csv", body)

    # When the day is drawn
    result = _draw(monkeypatch)

    # Then both files were drawn and reported, Stockholm's mail went out, Västerås's was tried
    # once (never retried), and the failure is logged by its code and counted
    assert result["files"] == 2
    assert len(_reports(world)) == 2
    assert [str(m["To"]) for m in _outbox()] == ["kontaktcenter@stockholm.se"]
    assert sorted(attempts) == ["kontaktcenter@stockholm.se", "kontaktcenter@vasteras.se"]
    out = capsys.readouterr().out + logs.getvalue()
    assert "UploadReportsFailed" in out
    failure = next(e for e in _logged(logs) if e.get("code") == "MessageRejected")
    assert failure["message"] == "upload report not sent"
    assert (failure["kommunkod"], failure["contact"]) == ("1980", 1)
    assert "vasteras.se" not in out


def test_a_file_of_an_unknown_municipality_mails_nobody(world) -> None:
    # an unknown municipality: its refusal is stored, and nobody is mailed
    _store(world, _tenant())
    _receive(world, "inbox/9999/a.csv", b"telefon\n0701234567\n")
    assert _outbox() == []
    assert len(_reports(world)) == 1


def test_a_redelivered_notification_of_a_refused_file_mails_once(world) -> None:
    from functions.ingest.handler import handler

    # Given a file refused at receipt (no campaign), its notification delivered twice
    _store(world, _tenant())
    s3 = boto3.client("s3", region_name=REGION)
    body = b"telefon\n0701234567\n"
    s3.put_object(Bucket=world["DATA_BUCKET"], Key="inbox/1980/juni.csv", Body=body)
    etag = s3.head_object(Bucket=world["DATA_BUCKET"], Key="inbox/1980/juni.csv")["ETag"]
    event = s3_object_created(
        world["DATA_BUCKET"], "inbox/1980/juni.csv", etag, len(body), REGION, JUNE
    )
    handler(event, LambdaContext("ingest"))
    handler(event, LambdaContext("ingest"))  # S3 and SQS deliver at least once

    # Then the municipality hears of it once, and one report says it
    assert len(_outbox()) == 1
    assert len(_reports(world)) == 1
