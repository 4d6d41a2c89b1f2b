"""The purge of contacts held too long, and caps read from the invitations table."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from shared.core.models import Channel, InvitationItem, InvitationStatus
from shared.dispatch import service
from shared.platform import settings, store
from shared.platform.tenant_store import TenantStore
from tests.integration.dispatch.conftest import World, emitted_metric

MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _purge_event() -> dict[str, Any]:
    return {
        "version": "0",
        "id": "0d2a3c2e-5f4b-4c8a-9a61-3e5d0f1b2c3d",
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": "123456789012",
        "time": "2026-11-23T09:00:00Z",
        "region": "eu-north-1",
        "resources": ["arn:aws:events:eu-north-1:123456789012:rule/servicematning-purge"],
        "detail": {},
    }


class _Context:
    function_name = "purge"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:eu-north-1:123456789012:function:purge"
    aws_request_id = "5a1f9c2e-7b61-11e6-9a41-93e812345678"

    def get_remaining_time_in_millis(self) -> int:
        return 60_000


def test_purge_deletes_contacts_held_too_long_and_reports_how_many(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from functions.purge.handler import handler

    monkeypatch.setattr(service, "utc_now", lambda: MORNING)
    # Given contacts held 73 h (over Västerås's 72 h), 71 h, and one of a tenant since removed
    old = world.add_contacts("1980", 3, Channel.SMS, MORNING - timedelta(hours=73))
    kept = world.add_contacts("1980", 2, Channel.EMAIL, MORNING - timedelta(hours=71))
    world.add_contacts("9999", 1, Channel.SMS, MORNING - timedelta(hours=80), campaign="x")

    result = handler(_purge_event(), _Context())

    assert result["purged"] == 4
    assert result["by_tenant"] == {"1980": 3, "9999": 1}
    remaining = {c["contact_id"] for c in world.contacts()}
    assert remaining == {c.contact_id for c in kept}
    assert not remaining & {c.contact_id for c in old}
    metric = emitted_metric(capsys.readouterr().out, "PurgedStaleContacts")
    assert metric == 4.0

    # and a second run (a redelivery) finds nothing: the metric says 0
    assert handler(_purge_event(), _Context())["purged"] == 0
    assert emitted_metric(capsys.readouterr().out, "PurgedStaleContacts") == 0.0


def test_purge_follows_each_tenants_own_holding_time(world: World) -> None:
    tenant = world.tenants["0180"].model_copy(update={"max_holding_hours": 24})
    TenantStore(store.table(world.env[settings.TENANTS_TABLE])).put([tenant])
    world.add_contacts("0180", 2, Channel.SMS, MORNING - timedelta(hours=25))
    world.add_contacts("0162", 2, Channel.SMS, MORNING - timedelta(hours=25))

    assert service.purge(MORNING)["by_tenant"] == {"0180": 2}


def _store_invitations(world: World, channel: Channel, status: InvitationStatus, n: int) -> None:
    with store.table(world.env[settings.INVITATIONS_TABLE]).batch_writer() as batch:
        for i in range(n):
            item = InvitationItem(
                token_hash=f"{channel.value}{status.value}{i}".encode().hex().ljust(64, "0")[:64],
                tenant="1980",
                channel=channel,
                campaign="2026-host",
                contact_day=MORNING.date() - timedelta(days=10),
                status=status,
                expires_at=int((MORNING + timedelta(days=60)).timestamp()),
            )
            batch.put_item(Item=item.model_dump(mode="json"))


def _publish(world: World, channel: Channel, answers: float, invitations: float) -> None:
    """The results' last release of a stream, as dispatch reads it (published, noisy)."""
    store.table(world.env[settings.RELEASES_TABLE]).put_item(
        Item={
            "stream": f"1980#2026-host#{channel.value}",
            "published_total": json.dumps({"a": answers, "i": invitations}),
        }
    )


def test_a_channel_at_its_target_stops_while_the_other_goes_on(world: World) -> None:
    _publish(world, Channel.SMS, answers=100.4, invitations=402.7)
    _publish(world, Channel.EMAIL, answers=30.2, invitations=61.0)
    world.add_contacts("1980", 5, Channel.SMS, MORNING)
    world.add_contacts("1980", 5, Channel.EMAIL, MORNING)

    report = service.dispatch(now=MORNING)

    assert report["channels"]["sms"]["sent"] == 0
    assert report["drop_reasons"] == {"target_reached": 5}
    assert report["channels"]["email"]["sent"] == 5
    assert world.contacts() == []


def test_the_stop_rule_reads_the_published_figures_never_the_exact_count(world: World) -> None:
    # Given 100 answered invitations (the target), of which the last release published 97
    _store_invitations(world, Channel.SMS, InvitationStatus.ANSWERED, 100)
    _publish(world, Channel.SMS, answers=97.0, invitations=540.0)
    world.add_contacts("1980", 5, Channel.SMS, MORNING)

    # Then dispatch goes on sending until a release says the target is reached: whether the
    # last resident answered changes nobody's invitation before it is published
    report = service.dispatch(now=MORNING)
    assert report["channels"]["sms"]["sent"] == 5


def test_target_mode_paces_invitations_and_reports_its_projection(
    world: World, capsys: pytest.CaptureFixture[str], log_output: io.StringIO
) -> None:
    tenant = world.tenants["1980"].model_copy(update={"target_mode": True})
    TenantStore(store.table(world.env[settings.TENANTS_TABLE])).put([tenant])
    _publish(world, Channel.SMS, answers=40.2, invitations=399.6)
    world.add_contacts("1980", 40, Channel.SMS, MORNING)

    report = service.dispatch(now=MORNING)

    # 60 answers needed at ~10 % over the 39 days left: 15 today, the rest deleted
    assert report["channels"]["sms"]["sent"] == 15
    assert report["channels"]["sms"]["dropped"] == 25
    projection = next(
        json.loads(line)
        for line in log_output.getvalue().splitlines()
        if "target projection" in line
    )
    assert projection["quota_today"] == 15
    assert projection["projected_answers"] == 100
    # in the log, not as a custom metric series per municipality (bench/cost.md)
    assert emitted_metric(capsys.readouterr().out, "ProjectedAnswers") is None
