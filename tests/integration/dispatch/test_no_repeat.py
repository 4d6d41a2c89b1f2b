"""Opt-in "not the same person twice in N days": keyed HMAC markers, keys destroyed after."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import boto3

from shared.core.models import Channel
from shared.dispatch import service
from shared.dispatch.norepeat import fingerprint
from shared.messages.senders import AwsSender, send_client
from shared.platform import settings, store
from shared.platform.redaction import contains_personal_data
from shared.platform.settings import DEFAULT_NO_REPEAT_KEY_PREFIX
from shared.platform.tenant_store import TenantStore
from tests.conftest import REGION
from tests.integration.dispatch.conftest import World
from tests.integration.dispatch.test_dispatch_run import _FlakySns

MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PHONE = "+46701112233"


def _opt_in(world: World, kommunkod: str, days: int = 90) -> None:
    tenant = world.tenants[kommunkod].model_copy(update={"no_repeat_days": days})
    TenantStore(store.table(world.env[settings.TENANTS_TABLE])).put([tenant])


def test_an_opted_in_tenant_does_not_survey_the_same_person_twice(world: World) -> None:
    _opt_in(world, "1980")
    world.add_contacts("1980", 1, Channel.SMS, MORNING, address=PHONE)
    world.add_contacts("1980", 1, Channel.EMAIL, MORNING, address="Anna.Berg@example.org")
    service.dispatch(now=MORNING)

    # the same people contact the municipality again the next day
    tomorrow = MORNING + timedelta(days=1)
    world.add_contacts("1980", 1, Channel.SMS, tomorrow, address=PHONE)
    world.add_contacts("1980", 1, Channel.EMAIL, tomorrow, address="anna.berg@example.org")
    # and one of them another municipality that has not opted in
    world.add_contacts("0180", 1, Channel.SMS, tomorrow, address=PHONE)
    report = service.dispatch(now=tomorrow)

    assert report["drop_reasons"] == {"recently_surveyed": 2}
    assert [p for p, _ in world.sms_outbox()] == [PHONE, PHONE]  # Västerås once, Stockholm once
    assert len(world.email_outbox()) == 1
    assert world.contacts() == []


def test_the_marker_is_a_keyed_hmac_nobody_can_recompute_without_the_key(world: World) -> None:
    _opt_in(world, "1980")
    world.add_contacts("1980", 1, Channel.SMS, MORNING, address=PHONE)
    service.dispatch(now=MORNING)

    markers = [
        i["counter"]
        for i in world.scan(settings.COUNTERS_TABLE)
        if str(i["counter"]).startswith("norepeat#")
    ]
    assert len(markers) == 1
    (marker,) = markers
    assert not contains_personal_data(marker)
    assert hashlib.sha256(PHONE.encode()).hexdigest() not in marker  # not a plain hash
    ssm = boto3.client("ssm", region_name=REGION)
    name = f"{DEFAULT_NO_REPEAT_KEY_PREFIX}/1980/2026-host"
    parameter = ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]
    assert parameter["Type"] == "SecureString"
    key = bytes.fromhex(parameter["Value"])
    assert marker == f"norepeat#1980#{fingerprint(key, Channel.SMS, PHONE)}"


def test_a_throttled_contact_is_not_taken_for_a_repeat_later(world: World) -> None:
    _opt_in(world, "1980")
    world.add_contacts("1980", 2, Channel.SMS, MORNING)
    first = service.dispatch(
        now=MORNING, sender=AwsSender(_FlakySns(accept=1), send_client("sesv2"))
    )
    assert first["channels"]["sms"]["deferred"] == 1

    second = service.dispatch(now=MORNING + timedelta(minutes=5))

    assert second["channels"]["sms"]["sent"] == 1
    assert second["drop_reasons"] == {}
    assert len(world.sms_outbox()) == 2


def test_purge_destroys_the_keys_of_ended_campaigns(world: World) -> None:
    ssm = boto3.client("ssm", region_name=REGION)
    ended = f"{DEFAULT_NO_REPEAT_KEY_PREFIX}/1980/2026-var"
    running = f"{DEFAULT_NO_REPEAT_KEY_PREFIX}/1980/2026-host"
    removed_tenant = f"{DEFAULT_NO_REPEAT_KEY_PREFIX}/9999/2026-host"
    for name in (ended, running, removed_tenant):
        ssm.put_parameter(Name=name, Value="00" * 32, Type="SecureString")

    result = service.purge(MORNING)

    assert result["keys_destroyed"] == 2
    names = {
        p["Name"]
        for p in ssm.get_parameters_by_path(Path=DEFAULT_NO_REPEAT_KEY_PREFIX, Recursive=True)[
            "Parameters"
        ]
    }
    assert names == {running}


def test_one_chunk_sorts_out_repeats_copies_and_new_contacts(world: World) -> None:
    _opt_in(world, "1980")
    (copied,) = world.add_contacts("1980", 1, Channel.SMS, MORNING, address="+46702223344")
    world.add_contacts("1980", 1, Channel.SMS, MORNING, address=PHONE)
    service.dispatch(now=MORNING)
    # Given, in one chunk: a copy of an invited contact, a new contact of an invited person,
    # and two new people
    later = MORNING + timedelta(hours=2)
    world.put([copied])
    world.add_contacts("1980", 1, Channel.SMS, later, address=PHONE)
    fresh = world.add_contacts("1980", 2, Channel.SMS, later)

    report = service.dispatch(now=later)

    assert report["drop_reasons"] == {"already_invited": 1, "recently_surveyed": 1}
    assert report["channels"]["sms"]["sent"] == 2
    assert sorted(p for p, _ in world.sms_outbox()[2:]) == sorted(c.address for c in fresh)
    assert world.contacts() == []
