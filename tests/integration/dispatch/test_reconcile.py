"""Invitations a crashed dispatch left in ``sending``: the purge settles them, counts them once
into the results' totals, and says so in a metric that alarms (shared/dispatch/reconcile.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from shared.core import totals
from shared.core.models import Channel
from shared.core.tokens import token_hash
from shared.dispatch import service
from shared.dispatch.tables import DispatchTables
from shared.messages.senders import AwsSender, send_client
from shared.platform import settings, store
from shared.platform.resources import UNSETTLED_ATTRIBUTE, UNSETTLED_INDEX
from tests.integration.dispatch.conftest import LINK, World, emitted_metric

MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Stockholm, a Monday
VASTERAS = "1980"


class Crash(RuntimeError):
    pass


class _DiesAfter(AwsSender):
    """Sends ``sends`` SMS, then the function dies (a kill, not a classified send error)."""

    def __init__(self, sends: int) -> None:
        super().__init__(send_client("sns"), send_client("sesv2"))
        self.left = sends

    def send_sms(self, phone: str, text: str, sender_id: str) -> Any:
        if self.left <= 0:
            raise Crash("the function died")
        self.left -= 1
        return super().send_sms(phone, text, sender_id)


def _crash_a_dispatch(world: World, contacts: int, sends: int) -> None:
    world.add_contacts(VASTERAS, contacts, Channel.SMS, MORNING)
    with pytest.raises(service.TenantsFailedError):
        service.dispatch(now=MORNING, sender=_DiesAfter(sends))


def _invited(world: World) -> int:
    """The running totals' count of invitations (``i``) of Västerås's SMS stream."""
    campaign = world.tenants[VASTERAS].active_campaign(MORNING.date())
    assert campaign is not None
    item = store.table(world.env[settings.TOTALS_TABLE]).get_item(
        Key=totals.key(totals.stream_id(VASTERAS, campaign.id, Channel.SMS), totals.TOTAL)
    )
    return int(item.get("Item", {}).get(totals.INVITATIONS, 0))


def _purge(at: datetime) -> dict[str, Any]:
    return service.purge(at)["reconciliation"]


def test_a_crash_between_claim_and_send_is_settled_counted_once_and_alarmed(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from functions.purge.handler import handler
    from local.events import LambdaContext, scheduled

    # Given a dispatch run that claimed 10 contacts and died at its first send
    _crash_a_dispatch(world, contacts=10, sends=0)
    assert {i["status"] for i in world.invitations().values()} == {"sending"}
    assert world.contacts() == []  # the claim deleted every address already
    assert _invited(world) == 0

    def purge_at(at: datetime) -> dict[str, Any]:
        monkeypatch.setattr(service, "utc_now", lambda: at)
        result = handler(scheduled("purge", "eu-north-1"), LambdaContext("purge"))
        return dict(result["reconciliation"])

    # When the hourly purge first sees them, it only marks them (a run might still be sending)
    first = purge_at(MORNING + timedelta(minutes=7))
    assert (first["observed"], first["reconciled"]) == (10, 0)
    assert emitted_metric(capsys.readouterr().out, "InvitationsReconciled") == 0.0
    # and a retry of that purge minutes later does not settle what was only just seen
    assert purge_at(MORNING + timedelta(minutes=12))["ran"] is False
    assert {i["status"] for i in world.invitations().values()} == {"sending"}
    capsys.readouterr()

    # Then the next hour's purge settles them: sent, counted once into the totals, alarmed
    second = purge_at(MORNING + timedelta(hours=1, minutes=7))
    assert second["reconciled"] == 10
    assert second["by_tenant"] == {VASTERAS: 10}
    assert emitted_metric(capsys.readouterr().out, "InvitationsReconciled") == 10.0
    invitations = world.invitations().values()
    assert {i["status"] for i in invitations} == {"sent"}
    assert all(i["counted"] is True and UNSETTLED_ATTRIBUTE not in i for i in invitations)
    assert _invited(world) == 10

    # and every later run finds nothing: still counted once
    for hours in (2, 3):
        assert purge_at(MORNING + timedelta(hours=hours, minutes=7))["reconciled"] == 0
    assert _invited(world) == 10
    assert emitted_metric(capsys.readouterr().out, "InvitationsReconciled") == 0.0


def test_a_crash_mid_chunk_leaves_no_address_and_the_links_sent_stay_open(world: World) -> None:
    # Given a run that sent 3 of 10 SMS and died
    _crash_a_dispatch(world, contacts=10, sends=3)
    sent_tokens = [LINK.findall(text)[0] for _, text in world.sms_outbox()]
    assert len(sent_tokens) == 3
    # and one resident who answered through the link meanwhile (the survey accepts `sending`)
    answered = token_hash(sent_tokens[0])
    store.table(world.env[settings.INVITATIONS_TABLE]).update_item(
        Key={"token_hash": answered},
        UpdateExpression="SET #s = :a",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":a": "answered"},
    )

    _purge(MORNING + timedelta(minutes=7))
    assert _purge(MORNING + timedelta(hours=1, minutes=7))["reconciled"] == 10

    # Then all ten count as invited once (the resident may hold the link), the answer is kept
    invitations = world.invitations()
    assert invitations.pop(answered)["status"] == "answered"
    assert {i["status"] for i in invitations.values()} == {"sent"}
    assert _invited(world) == 10
    # and no address is left in any table, as after a normal send
    assert world.contacts() == []
    addresses = {phone for phone, _ in world.sms_outbox()}
    for key in (settings.INVITATIONS_TABLE, settings.COUNTERS_TABLE, settings.TOTALS_TABLE):
        dumped = json.dumps(world.scan(key), default=str)
        assert not any(a in dumped or a.lstrip("+") in dumped for a in addresses)


def test_normal_runs_leave_nothing_to_reconcile_and_count_each_send_once(world: World) -> None:
    world.add_contacts(VASTERAS, 30, Channel.SMS, MORNING)

    report = service.dispatch(now=MORNING)

    assert report["channels"]["sms"]["sent"] == 30
    assert all(UNSETTLED_ATTRIBUTE not in i for i in world.invitations().values())
    for hours in (0, 1, 2):
        result = _purge(MORNING + timedelta(hours=hours, minutes=7))
        assert (result["observed"], result["reconciled"]) == (0, 0)
    assert _invited(world) == 30


def test_a_send_in_flight_at_the_first_look_is_finished_by_its_run_not_settled_twice(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a run whose chunk is claimed and whose finish comes after the purge's first look
    world.add_contacts(VASTERAS, 5, Channel.SMS, MORNING)
    held: list[Any] = []
    finish = DispatchTables.finish
    with monkeypatch.context() as patched:
        patched.setattr(DispatchTables, "finish", lambda self, done: held.append((self, done)))
        service.dispatch(now=MORNING)
    assert _purge(MORNING + timedelta(minutes=7))["observed"] == 5

    # When the run finishes (its send took a while) and the next hour's purge looks again
    for tables, done in held:
        finish(tables, done)
    result = _purge(MORNING + timedelta(hours=1, minutes=7))

    # Then nothing is settled a second time: the run's finish counted each once
    assert result["reconciled"] == 0
    assert {i["status"] for i in world.invitations().values()} == {"sent"}
    assert _invited(world) == 5


def test_an_answer_before_the_finish_is_counted_once_by_the_finish(world: World) -> None:
    # Given residents who answer in the instant between their SMS and the run's finish
    world.add_contacts(VASTERAS, 4, Channel.SMS, MORNING)
    invitations = store.table(world.env[settings.INVITATIONS_TABLE])

    class AnsweredAtOnce(AwsSender):
        def send_sms(self, phone: str, text: str, sender_id: str) -> Any:
            outcome = super().send_sms(phone, text, sender_id)
            invitations.update_item(
                Key={"token_hash": token_hash(LINK.findall(text)[0])},
                UpdateExpression="SET #s = :a",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={":a": "answered"},
            )
            return outcome

    service.dispatch(now=MORNING, sender=AnsweredAtOnce(send_client("sns"), send_client("sesv2")))

    # Then each counts as invited once, at once, with nothing left for the reconciliation
    assert _invited(world) == 4
    assert {i["status"] for i in world.invitations().values()} == {"answered"}
    _purge(MORNING + timedelta(minutes=7))
    assert _purge(MORNING + timedelta(hours=1, minutes=7))["reconciled"] == 0
    assert _invited(world) == 4


def test_a_pass_reads_only_the_unsettled_index_never_the_table(world: World) -> None:
    # Given 30 settled invitations (under the day's cap of 40) and 3 a crash left behind
    world.add_contacts(VASTERAS, 30, Channel.SMS, MORNING)
    service.dispatch(now=MORNING)
    _crash_a_dispatch(world, contacts=3, sends=0)
    targets: list[tuple[str, str]] = []
    counts: list[int] = []

    def before(params: dict[str, Any], model: Any, **_: Any) -> None:
        targets.append((model.name, f"{params.get('TableName')}/{params.get('IndexName', '')}"))

    def after(parsed: dict[str, Any], **_: Any) -> None:
        counts.append(int(parsed.get("Count", -1)))

    events = store.dynamodb().meta.client.meta.events
    events.register("before-parameter-build.dynamodb", before)
    events.register("after-call.dynamodb", after)
    try:
        _purge(MORNING + timedelta(minutes=7))
        _purge(MORNING + timedelta(hours=1, minutes=7))
    finally:
        events.unregister("before-parameter-build.dynamodb", before)
        events.unregister("after-call.dynamodb", after)
    calls = [(op, target, n) for (op, target), n in zip(targets, counts, strict=True)]

    name = world.env[settings.INVITATIONS_TABLE]
    on_invitations = [call for call in calls if call[1].startswith(name)]
    assert {op for op, *_ in on_invitations} <= {"Query", "UpdateItem"}
    queries = [(target, n) for op, target, n in on_invitations if op == "Query"]
    assert {target for target, _ in queries} == {f"{name}/{UNSETTLED_INDEX}"}
    # each read returns the unsettled ones only (3 claimed, then 3 seen), never the 30
    assert sum(n for _, n in queries) == 6
    assert _invited(world) == 33
