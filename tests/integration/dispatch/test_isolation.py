"""Dispatch and the purge with one poisoned municipality (issue 22): a settings item that does
not validate (``sample_rate`` 5.0 stopped dispatch, purge and watch for everyone), and a
municipality whose turn raises a ``BaseException`` such as a native library's panic. The others
are served; the poisoned one is recorded alone (``MunicipalityFailed`` by stage,
``TenantSettingsInvalid``) and loses nothing (its contacts and no-repeat keys are kept)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from shared.core.models import Channel
from shared.dispatch import service
from shared.dispatch.norepeat import NoRepeatKeys
from shared.dispatch.run import Dispatcher
from shared.platform import isolation, settings, store
from shared.platform.metric_names import Metric
from tests.conftest import REGION
from tests.integration.dispatch.conftest import World, emitted_metric

MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
POISONED, OTHERS = "0180", ("1980", "0380", "0580", "0162")


class PanicException(BaseException):
    """What pyo3 raises for a Rust panic: not an ``Exception``."""


def _poison_settings(world: World, kommunkod: str = POISONED) -> None:
    table = store.table(world.env[settings.TENANTS_TABLE])
    item = table.get_item(Key={"kommunkod": kommunkod})["Item"]
    table.put_item(
        Item=item | {"settings": json.dumps(json.loads(item["settings"]) | {"sample_rate": 5.0})}
    )


def _logged(stream: io.StringIO, message: str) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    return [line for line in lines if line.get("message") == message]


def _everyone_has_contacts(world: World) -> None:
    for kommunkod in (POISONED, *OTHERS):
        world.add_contacts(kommunkod, 2, Channel.SMS, MORNING - timedelta(hours=1))


def test_dispatch_serves_everyone_else_when_one_settings_item_is_invalid(
    world: World, capsys: pytest.CaptureFixture[str], log_output: io.StringIO
) -> None:
    # Given every municipality with contacts, and Stockholm's item edited to sample_rate 5.0
    _everyone_has_contacts(world)
    _poison_settings(world)
    capsys.readouterr()

    # When dispatch runs
    report = service.dispatch(now=MORNING)

    # Then every other municipality got its SMS, and Stockholm's contacts wait for the fix
    assert len(world.sms_outbox()) == 2 * len(OTHERS)
    assert {c["tenant"] for c in world.contacts()} == {POISONED}
    assert report["tenants"] == len(OTHERS)
    assert emitted_metric(capsys.readouterr().out, Metric.TENANT_SETTINGS_INVALID) == 1
    (line,) = _logged(log_output, isolation.INVALID_SETTINGS_LOG)
    assert (line["kommunkod"], line["fields"], line["errors"]) == (
        POISONED,
        ["sample_rate"],
        ["less_than_equal"],
    )


def test_dispatch_goes_on_after_a_municipality_whose_turn_panics(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _everyone_has_contacts(world)
    real = Dispatcher._tenant

    def panics(self: Dispatcher, tenant: Any, *args: Any) -> None:
        if tenant.kommunkod == POISONED:
            raise PanicException("a native library gave up")
        real(self, tenant, *args)

    monkeypatch.setattr(Dispatcher, "_tenant", panics)
    capsys.readouterr()

    with pytest.raises(service.TenantsFailedError) as failed:
        service.dispatch(now=MORNING)

    assert failed.value.report["failed_tenants"] == {POISONED: "PanicException"}
    assert len(world.sms_outbox()) == 2 * len(OTHERS)
    out = capsys.readouterr().out
    blob = next(json.loads(x) for x in out.splitlines() if Metric.MUNICIPALITY_FAILED in x)
    assert (blob["stage"], blob["_aws"]["CloudWatchMetrics"][0]["Dimensions"]) == (
        "dispatch",
        [["service", "stage"]],
    )


def test_a_keyboard_interrupt_stops_dispatch(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    _everyone_has_contacts(world)

    def interrupted(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Dispatcher, "_tenant", interrupted)
    with pytest.raises(KeyboardInterrupt):
        service.dispatch(now=MORNING)


def test_purge_purges_everyone_and_spares_the_keys_of_an_invalid_item(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given contacts held four days everywhere, a no-repeat key per municipality whose
    # campaign is running, and Stockholm's settings item edited to sample_rate 5.0
    for kommunkod in (POISONED, "1980"):
        world.add_contacts(kommunkod, 2, Channel.SMS, MORNING - timedelta(hours=96))
    keys = NoRepeatKeys(boto3.client("ssm", region_name=REGION), "/servicematning/test/no-repeat")
    monkeypatch.setenv(settings.NO_REPEAT_KEY_PREFIX, "/servicematning/test/no-repeat")
    for kommunkod in (POISONED, "1980"):
        campaign = world.tenants[kommunkod].active_campaign(MORNING.date())
        assert campaign is not None
        keys.key(kommunkod, campaign.id)
    _poison_settings(world)
    capsys.readouterr()

    # When the purge runs
    report = service.purge(now=MORNING)

    # Then every stale contact is gone, Stockholm's by the default holding time
    assert world.contacts() == []
    assert report["by_tenant"] == {POISONED: 2, "1980": 2}
    # and no key was destroyed: Västerås' campaign runs, Stockholm's settings are unknown
    assert report["keys_destroyed"] == 0
    assert emitted_metric(capsys.readouterr().out, Metric.TENANT_SETTINGS_INVALID) == 1


def test_purge_goes_on_when_one_municipality_s_settings_cannot_be_read(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from shared.platform.tenant_store import TenantStore

    for kommunkod in (POISONED, "1980"):
        world.add_contacts(kommunkod, 2, Channel.SMS, MORNING - timedelta(hours=96))
    real = TenantStore.get

    def fails(self: TenantStore, kommunkod: str) -> Any:
        if kommunkod == POISONED:
            raise PanicException("gone")
        return real(self, kommunkod)

    monkeypatch.setattr(TenantStore, "get", fails)
    capsys.readouterr()

    report = service.purge(now=MORNING)

    assert world.contacts() == []
    assert report["purged"] == 4
    out = capsys.readouterr().out
    blob = next(json.loads(x) for x in out.splitlines() if Metric.MUNICIPALITY_FAILED in x)
    assert blob["stage"] == "purge"
