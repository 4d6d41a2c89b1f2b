"""Dispatch on moto: what residents receive, what is left behind, and at-most-once delivery."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from shared.core.models import Channel
from shared.core.tokens import token_hash
from shared.dispatch import service
from shared.dispatch.tables import CLAIM_CHUNK, DispatchTables
from shared.messages.senders import AwsSender, send_client
from shared.platform import settings, store
from shared.platform.redaction import contains_personal_data
from shared.platform.tenant_store import TenantStore
from tests.conftest import REGION
from tests.integration.dispatch.conftest import BASE_URL, LINK, World, email_text

# Monday 23 November 2026, 10:00 in Stockholm (CET, UTC+1): inside the default window 09-19.
MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
VASTERAS = "1980"


def dispatch(now: datetime = MORNING, **kwargs: Any) -> dict[str, Any]:
    return service.dispatch(now=now, **kwargs)


def links_in(texts: list[str]) -> list[str]:
    tokens = []
    for text in texts:
        found = LINK.findall(text)
        assert found, "every message carries a survey link"
        tokens.append(found[0])
    return tokens


def test_each_contact_gets_one_message_whose_link_is_stored_and_the_contact_is_forgotten(
    world: World,
) -> None:
    # Given ten phone and ten e-mail contacts waiting for Västerås
    phones = world.add_contacts(VASTERAS, 10, Channel.SMS, MORNING - timedelta(hours=2))
    mails = world.add_contacts(VASTERAS, 10, Channel.EMAIL, MORNING - timedelta(hours=2))

    # When dispatch runs inside the sending window
    report = dispatch()

    # Then each resident got exactly one message
    assert sorted(world.recipients()) == sorted(c.address for c in phones + mails)
    assert report["channels"]["sms"]["sent"] == 10
    assert report["channels"]["email"]["sent"] == 10
    # and every link resolves to a stored hash of the right channel, marked sent
    invitations = world.invitations()
    sms_tokens = links_in([text for _, text in world.sms_outbox()])
    mail_tokens = links_in([email_text(m) for m in world.email_outbox()])
    assert len(set(sms_tokens + mail_tokens)) == 20
    for tokens, channel in ((sms_tokens, "sms"), (mail_tokens, "email")):
        for token in tokens:
            stored = invitations[token_hash(token)]
            assert stored["channel"] == channel
            assert stored["status"] == "sent"
            assert stored["tenant"] == VASTERAS
            assert stored["contact_day"] == "2026-11-23"
    # and the invitations hold nothing else, never the token itself
    assert {frozenset(i) for i in invitations.values()} == {
        frozenset(
            {
                "token_hash",
                "tenant",
                "channel",
                "campaign",
                "contact_day",
                "status",
                "expires_at",
                "counted",  # in the results' running totals (once, when sent)
            }
        )
    }
    # and each sent invitation is counted once in its stream's running totals
    from shared.core import totals
    from shared.platform import settings, store

    cells = [
        (*totals.split(c[totals.SLOT]), c)
        for c in store.table(world.env[settings.TOTALS_TABLE]).scan()["Items"]
    ]
    invited = {s.rsplit("#", 1)[1]: int(c["i"]) for s, cell, c in cells if cell == totals.TOTAL}
    assert invited == {"sms": 10, "email": 10}
    assert not any(t in json.dumps(list(invitations.values()), default=str) for t in sms_tokens)
    # and the contacts are gone
    assert world.contacts() == []


def test_sms_is_one_gsm7_segment_from_the_municipalitys_sender_id(world: World) -> None:
    world.add_contacts(VASTERAS, 1, Channel.SMS, MORNING)
    sns = send_client("sns")
    published: list[dict[str, Any]] = []
    sns.meta.events.register("provide-client-params.sns.Publish", _record(published))

    dispatch()

    ((_, text),) = world.sms_outbox()
    assert text.startswith("Hur var din kontakt med Västerås stad?")
    assert len(text) <= 160
    attributes = published[0]["MessageAttributes"]
    assert attributes["AWS.SNS.SMS.SMSType"]["StringValue"] == "Transactional"
    assert attributes["AWS.SNS.SMS.SenderID"]["StringValue"] == "Vasteras"


def _record(into: list[dict[str, Any]]) -> Any:
    def hook(params: dict[str, Any], **_: Any) -> dict[str, Any]:
        into.append(params)
        return params

    return hook


def test_email_has_text_and_html_parts_and_one_click_unsubscribe_headers(world: World) -> None:
    (contact,) = world.add_contacts(VASTERAS, 1, Channel.EMAIL, MORNING)

    dispatch()

    (message,) = world.email_outbox()
    assert message["From"].addresses[0].display_name == "Västerås stad"
    assert message["From"].addresses[0].addr_spec == "servicematning@vasteras.se"
    assert str(message["To"]) == contact.address
    assert "Västerås stad" in str(message["Subject"])
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    (token,) = set(LINK.findall(str(text.get_content())))
    decline = f"{BASE_URL}/s/{token}/decline"
    assert message["List-Unsubscribe"] == f"<{decline}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = str(html.get_content())
    assert f'href="{BASE_URL}/s/{token}"' in body
    assert f'href="{decline}"' in body
    assert f'href="{BASE_URL}/om?k={VASTERAS}"' in body  # /om states the municipality's figures
    # no tracking pixel, no remote resource: nothing loads when the mail is opened
    assert "<img" not in body.lower()
    assert "src=" not in body.lower()
    assert "url(" not in body.lower()
    assert "In English" in str(text.get_content())


def test_nothing_personal_is_left_in_any_table_bucket_or_log_line(
    world: World, log_output: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given contacts that will be sent, dropped over the cap, and rejected
    world.add_contacts(VASTERAS, 45, Channel.SMS, MORNING - timedelta(hours=1))
    world.add_contacts(VASTERAS, 5, Channel.EMAIL, MORNING - timedelta(hours=1))
    world.add_contacts(VASTERAS, 1, Channel.EMAIL, MORNING, address="inte en adress")
    world.add_contacts("0180", 3, Channel.SMS, MORNING - timedelta(hours=100))  # stale

    # When the scheduled handler runs
    report = _run_handler(world)

    # Then the run did all four things
    assert report["channels"]["sms"]["sent"] == 40
    assert report["channels"]["sms"]["dropped"] == 8
    assert report["channels"]["email"]["failed"] == 1
    # and a scan of every table and every bucket finds no phone number or e-mail address
    # (the municipalities' own configured addresses in the tenants table are not a resident's)
    municipal = {a for t in world.tenants.values() for a in t.municipal_addresses}
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    for name in dynamodb.list_tables()["TableNames"]:
        for item in _scan(dynamodb, name):
            for value in _strings(item):
                for address in municipal:
                    value = value.replace(address, "")
                assert not contains_personal_data(value), (name, value)
    s3 = boto3.client("s3", region_name=REGION)
    for bucket in s3.list_buckets()["Buckets"]:
        for obj in s3.list_objects_v2(Bucket=bucket["Name"]).get("Contents", []):
            body = s3.get_object(Bucket=bucket["Name"], Key=obj["Key"])["Body"].read()
            assert not contains_personal_data(body.decode("utf-8", "replace")), obj["Key"]
    # and neither do the log lines nor the metrics the run wrote
    logs = log_output.getvalue()
    assert "dispatch finished" in logs
    printed = capsys.readouterr()
    assert "InvitationsSent" in printed.out
    for line in (logs + printed.out + printed.err).splitlines():
        assert not contains_personal_data(line), line


def _run_handler(world: World, event_id: str = "6a7e8feb-b491-4cf7-a9f1-bf3703467718") -> Any:
    from functions.dispatch.handler import handler

    return handler(_schedule_event(event_id), _Context())


def _schedule_event(event_id: str) -> dict[str, Any]:
    return {
        "version": "0",
        "id": event_id,
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": "123456789012",
        "time": "2026-11-23T09:00:00Z",
        "region": REGION,
        "resources": ["arn:aws:events:eu-north-1:123456789012:rule/servicematning-dispatch"],
        "detail": {},
    }


class _Context:
    function_name = "dispatch"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:eu-north-1:123456789012:function:dispatch"
    aws_request_id = "c6af9ac6-7b61-11e6-9a41-93e812345678"

    def get_remaining_time_in_millis(self) -> int:
        return 240_000


@pytest.fixture(autouse=True)
def _morning(monkeypatch: pytest.MonkeyPatch) -> None:
    """The handler reads the clock: make it Monday morning in Stockholm."""
    monkeypatch.setattr(service, "utc_now", lambda: MORNING)


def _scan(dynamodb: Any, name: str) -> list[dict[str, Any]]:
    return list(store.items(dynamodb.scan, TableName=name))


def _strings(value: Any) -> list[str]:
    """Every name and value inside a DynamoDB item (typed form), as text."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


def test_a_redelivered_schedule_event_sends_nothing_twice(world: World) -> None:
    world.add_contacts(VASTERAS, 5, Channel.SMS, MORNING)
    world.add_contacts(VASTERAS, 5, Channel.EMAIL, MORNING)

    first = _run_handler(world)
    again = _run_handler(world)  # EventBridge delivers the same event a second time

    assert first["channels"]["sms"]["sent"] == 5
    assert again["channels"]["sms"]["sent"] == again["channels"]["email"]["sent"] == 0
    assert max(Counter(world.recipients()).values()) == 1
    assert len(world.recipients()) == 10


def test_a_contact_written_again_after_its_invitation_is_not_invited_again(world: World) -> None:
    # Given a contact that was invited, then written again (an upload ingested twice)
    contacts = world.add_contacts(VASTERAS, 3, Channel.SMS, MORNING)
    dispatch()
    world.put(contacts)

    # When dispatch runs again
    report = dispatch(MORNING + timedelta(minutes=5))

    # Then nobody gets a second message, and the copy is deleted at once
    assert len(world.sms_outbox()) == 3
    assert report["drop_reasons"] == {"already_invited": 3}
    assert world.contacts() == []


class Crash(RuntimeError):
    pass


def test_a_crash_after_the_claim_never_leads_to_a_second_message(world: World) -> None:
    # Given 30 contacts (two chunks) and a run that dies at its first send
    world.add_contacts(VASTERAS, 30, Channel.SMS, MORNING)

    class DiesAtFirstSend(AwsSender):
        def send_sms(self, phone: str, text: str, sender_id: str) -> Any:
            raise Crash("the function died")

    with pytest.raises(service.TenantsFailedError) as failed:
        dispatch(sender=DiesAtFirstSend(send_client("sns"), send_client("sesv2")))
    assert failed.value.report["failed_tenants"] == {VASTERAS: "Crash"}  # the others were run

    # When the schedule runs again
    dispatch(MORNING + timedelta(minutes=5))

    # Then the claimed chunk is lost, never doubled; the rest is sent once
    assert len(world.sms_outbox()) == 30 - CLAIM_CHUNK
    assert max(Counter(world.recipients()).values()) == 1
    assert world.contacts() == []


def test_a_crash_after_sending_before_marking_never_sends_again(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.add_contacts(VASTERAS, 10, Channel.SMS, MORNING)

    def dies(self: DispatchTables, done: Any) -> None:
        raise Crash("the function died before marking")

    with monkeypatch.context() as patched:
        patched.setattr(DispatchTables, "finish", dies)
        with pytest.raises(service.TenantsFailedError):
            dispatch()
    assert len(world.sms_outbox()) == 10

    dispatch(MORNING + timedelta(minutes=5))

    assert len(world.sms_outbox()) == 10
    assert {i["status"] for i in world.invitations().values()} == {"sending"}


class _FlakySns:
    """SNS that accepts ``accept`` messages, then answers with ``code`` (like a rate limit)."""

    def __init__(self, accept: int, code: str = "Throttled") -> None:
        self.real = send_client("sns")
        self.left = accept
        self.code = code
        self.refused = 0

    def publish(self, **kwargs: Any) -> Any:
        if self.left <= 0:
            self.refused += 1
            raise ClientError(
                {
                    "Error": {"Code": self.code, "Message": f"refused {kwargs['PhoneNumber']}"},
                    "ResponseMetadata": {"HTTPStatusCode": 400},
                },
                "Publish",
            )
        self.left -= 1
        return self.real.publish(**kwargs)


def test_a_refused_send_is_counted_for_the_alarm_and_the_contact_waits(world: World) -> None:
    """AccessDenied (an unverified sender, a sandboxed account): nothing went out, so the
    contacts wait for a later run, and InvitationsRefused tells the operator at once."""
    world.add_contacts(VASTERAS, 3, Channel.SMS, MORNING)
    flaky = _FlakySns(accept=0, code="AccessDenied")

    report = dispatch(sender=AwsSender(flaky, send_client("sesv2")))

    assert report["channels"]["sms"]["refused"] == 1
    assert report["channels"]["sms"]["deferred"] == 3
    assert report["blocked"] == {"sms": "AccessDenied"}
    assert len(world.contacts()) == 3


def test_throttling_leaves_the_unsent_for_a_later_run_which_sends_each_once(world: World) -> None:
    phones = world.add_contacts(VASTERAS, 30, Channel.SMS, MORNING)
    world.add_contacts(VASTERAS, 4, Channel.EMAIL, MORNING)
    flaky = _FlakySns(accept=7)

    first = dispatch(sender=AwsSender(flaky, send_client("sesv2")))

    # Then SMS stopped at the limit, e-mail went on, the unsent wait in the contacts table
    assert first["channels"]["sms"]["sent"] == 7
    assert first["channels"]["sms"]["deferred"] == 23
    assert first["blocked"] == {"sms": "Throttled"}
    assert first["channels"]["email"]["sent"] == 4
    assert len(world.contacts()) == 23
    assert len(world.invitations()) == 11  # released claims leave no invitation behind
    counter = store.table(world.env[settings.COUNTERS_TABLE]).get_item(
        Key={"counter": f"invited#{VASTERAS}#2026-11-23"}
    )["Item"]
    assert counter["sms"] == 7

    second = dispatch(MORNING + timedelta(minutes=5))

    assert second["channels"]["sms"]["sent"] == 23
    assert sorted(p for p, _ in world.sms_outbox()) == sorted(c.address for c in phones)
    assert world.contacts() == []


def test_a_permanent_failure_is_counted_and_its_contact_deleted(world: World) -> None:
    world.add_contacts(VASTERAS, 3, Channel.SMS, MORNING)
    flaky = _FlakySns(accept=2, code="InvalidParameter")

    report = dispatch(sender=AwsSender(flaky, send_client("sesv2")))

    assert report["channels"]["sms"] | {"dropped": 0} == {
        "sent": 2,
        "uncertain": 0,
        "failed": 1,
        "dropped": 0,
        "deferred": 0,
        "refused": 0,
    }
    assert world.contacts() == []
    assert Counter(i["status"] for i in world.invitations().values()) == {"sent": 2, "failed": 1}


def test_over_the_cap_a_uniform_choice_is_invited_and_the_rest_deleted_at_once(
    world: World,
) -> None:
    world.add_contacts(VASTERAS, 100, Channel.SMS, MORNING - timedelta(hours=1))

    first = dispatch()

    assert first["channels"]["sms"]["sent"] == 40  # Västerås's daily SMS cap
    assert first["channels"]["sms"]["dropped"] == 60
    assert world.contacts() == []

    # Later the same day the cap is used up: new contacts are deleted, not kept for tomorrow
    world.add_contacts(VASTERAS, 10, Channel.SMS, MORNING + timedelta(hours=3))
    later = dispatch(MORNING + timedelta(hours=4))
    assert later["channels"]["sms"] == {
        "sent": 0,
        "uncertain": 0,
        "failed": 0,
        "dropped": 10,
        "deferred": 0,
        "refused": 0,
    }

    # The next day the cap is fresh
    tomorrow = MORNING + timedelta(days=1)
    world.add_contacts(VASTERAS, 10, Channel.SMS, tomorrow - timedelta(hours=1))
    assert dispatch(tomorrow)["channels"]["sms"]["sent"] == 10
    assert len(world.sms_outbox()) == 50


@pytest.mark.parametrize(
    ("now", "sends"),
    [
        # spring forward, Sunday 29 March 2026: 09:00 local is 07:00 UTC (CEST)
        (datetime(2026, 3, 29, 6, 59, tzinfo=UTC), False),  # 08:59 CEST
        (datetime(2026, 3, 29, 7, 0, tzinfo=UTC), True),  # 09:00 CEST
        # fall back, Sunday 25 October 2026: 09:00 local is 08:00 UTC (CET)
        (datetime(2026, 10, 25, 7, 59, tzinfo=UTC), False),  # 08:59 CET
        (datetime(2026, 10, 25, 8, 0, tzinfo=UTC), True),  # 09:00 CET
    ],
)  # every edge of both days is in tests/unit/dispatch/test_planning.py
def test_quiet_hours_hold_across_daylight_saving_changes(
    world: World, now: datetime, sends: bool
) -> None:
    world.add_contacts(VASTERAS, 2, Channel.SMS, now - timedelta(hours=1))

    report = dispatch(now)

    assert len(world.sms_outbox()) == (2 if sends else 0)
    assert len(world.contacts()) == (0 if sends else 2)  # outside the window, they wait
    assert report["outside_window"] == (0 if sends else len(world.tenants))


def test_a_send_that_may_have_gone_out_is_never_tried_again(world: World) -> None:
    # Given SNS answering with a server error after the first message (it may have delivered)
    phones = world.add_contacts(VASTERAS, 3, Channel.SMS, MORNING)
    flaky = _FlakySns(accept=1, code="InternalError")
    flaky_500 = _with_status(flaky, 500)

    report = dispatch(sender=AwsSender(flaky_500, send_client("sesv2")))
    dispatch(MORNING + timedelta(minutes=5))

    # Then all three count as sent, none is retried, and their links work (status sent)
    assert report["channels"]["sms"]["sent"] == 3
    assert report["channels"]["sms"]["uncertain"] == 2
    assert len(world.sms_outbox()) == 1  # only the first reached moto; no retry of the others
    assert {i["status"] for i in world.invitations().values()} == {"sent"}
    assert world.contacts() == []
    assert len(phones) == 3


def _with_status(flaky: _FlakySns, status: int) -> _FlakySns:
    original = flaky.publish

    def publish(**kwargs: Any) -> Any:
        try:
            return original(**kwargs)
        except ClientError as error:
            error.response["ResponseMetadata"]["HTTPStatusCode"] = status
            raise

    flaky.publish = publish  # type: ignore[method-assign]
    return flaky


def test_near_the_timeout_no_new_chunk_is_claimed(world: World) -> None:
    from shared.dispatch.run import Dispatcher
    from shared.dispatch.tables import DispatchTables
    from shared.platform.tenant_store import TenantStore

    world.add_contacts(VASTERAS, 5, Channel.SMS, MORNING)
    tables = DispatchTables(
        store.dynamodb().meta.client,
        world.env[settings.CONTACTS_TABLE],
        world.env[settings.INVITATIONS_TABLE],
        world.env[settings.COUNTERS_TABLE],
    )
    late = Dispatcher(tables, AwsSender.default(), BASE_URL, clock=lambda: 100.0, deadline=99.0)
    tenants = TenantStore(store.table(world.env[settings.TENANTS_TABLE]))

    report = late.run(tenants.all(), MORNING)

    assert report.out_of_time
    assert report.channels[Channel.SMS].deferred == 5
    assert world.sms_outbox() == []
    assert len(world.contacts()) == 5  # they wait for the next run


def test_a_failing_run_raises_and_logs_nothing_personal(
    world: World, monkeypatch: pytest.MonkeyPatch, log_output: Any
) -> None:
    # Given a failure whose text quotes a phone number and an address
    world.add_contacts(VASTERAS, 1, Channel.SMS, MORNING)

    def fails(*_: Any, **__: Any) -> Any:
        raise ValueError("cannot handle +46701234567 or anna.berg@example.org")

    monkeypatch.setattr(DispatchTables, "campaign_stats", fails)

    # When one municipality fails, the run goes on, then fails naming the municipality only
    with pytest.raises(service.RunFailedError) as one:
        _run_handler(world)
    assert "TenantsFailedError" in str(one.value)
    assert "tenant failed" in log_output.getvalue()
    assert "1980 (ValueError)" in log_output.getvalue()
    assert not contains_personal_data(log_output.getvalue())

    # When the run itself fails (the tenants cannot be read), it fails with an exception
    # that names only the error type
    monkeypatch.setattr(TenantStore, "all", fails)
    with pytest.raises(service.RunFailedError) as raised:
        _run_handler(world)
    assert "ValueError" in str(raised.value)
    assert not contains_personal_data(str(raised.value))
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__
    # and the log has the traceback, redacted
    logs = log_output.getvalue()
    assert "dispatch failed" in logs
    assert "ValueError" in logs
    assert not contains_personal_data(logs)


def test_one_municipality_s_failure_never_stops_another_s_sending(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given contacts for Västerås and Stockholm, and Västerås's campaign query failing
    world.add_contacts(VASTERAS, 5, Channel.SMS, MORNING)
    stockholm = world.add_contacts("0180", 5, Channel.SMS, MORNING)
    real = DispatchTables.campaign_stats

    def fails_for_vasteras(self: DispatchTables, tenant: str, campaign: str) -> Any:
        if tenant == VASTERAS:
            raise ClientError({"Error": {"Code": "InternalServerError"}}, "Query")
        return real(self, tenant, campaign)

    monkeypatch.setattr(DispatchTables, "campaign_stats", fails_for_vasteras)

    # When dispatch runs, whatever order it takes the municipalities in
    with pytest.raises(service.TenantsFailedError) as failed:
        dispatch()
    report = failed.value.report

    # Then Stockholm's residents got their messages, and Västerås's wait for the next run
    assert sorted(world.recipients()) == sorted(c.address for c in stockholm)
    assert report["failed_tenants"] == {VASTERAS: "InternalServerError"}
    assert len([c for c in world.contacts() if c["tenant"] == VASTERAS]) == 5


def test_a_backlog_is_read_in_pages_of_bounded_size(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a backlog of 450 phone contacts for a cap of 40
    world.add_contacts(VASTERAS, 450, Channel.SMS, MORNING)
    sizes: list[int] = []
    real = DispatchTables.pending_pages

    def spy(self: DispatchTables, tenant: str, page_size: int = 200) -> Any:
        for page, broken in real(self, tenant, page_size=100):
            sizes.append(len(page) + len(broken))
            yield page, broken

    monkeypatch.setattr(DispatchTables, "pending_pages", spy)

    report = dispatch()

    # Then never more than a page is held, the cap holds across pages, the rest is dropped
    assert max(sizes) <= 100
    assert len(sizes) >= 5
    cap = world.tenants[VASTERAS].daily_cap.sms
    assert report["channels"]["sms"]["sent"] == cap
    assert report["drop_reasons"] == {"over_cap": 450 - cap}
    assert world.contacts() == []
