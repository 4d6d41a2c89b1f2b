"""A moto world for dispatch: the configured tenants stored, their SES domains verified, helpers
to put contacts (as ingest writes them) and to read what was "sent"."""

from __future__ import annotations

import io
import itertools
import json
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import boto3
import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends
from moto.sns.models import sns_backends

from shared.core.models import Channel, ContactItem
from shared.core.tenants import Tenant, load_tenant_dir
from shared.messages.senders import reset_send_clients
from shared.platform import settings, store
from shared.platform.observability import logger
from shared.platform.tenant_store import TenantStore
from tests.conftest import REGION, TENANT_CONFIG

BASE_URL = "https://enkat.example.se"
LINK = re.compile(re.escape(BASE_URL) + r"/s/([A-Za-z0-9_-]{22})(?![A-Za-z0-9_/-])")
_serial = itertools.count(1)


@dataclass
class World:
    env: dict[str, str]
    tenants: dict[str, Tenant]

    def add_contacts(
        self,
        tenant: str,
        count: int,
        channel: Channel,
        received_at: datetime,
        *,
        campaign: str | None = None,
        day: date | None = None,
        address: str | None = None,
    ) -> list[ContactItem]:
        """Contact items as ingest writes them: a fresh Swedish mobile or e-mail address each."""
        local_day = day or received_at.date()
        if campaign is None:
            active = self.tenants[tenant].active_campaign(local_day)
            assert active is not None, "pick a day inside a campaign"
            campaign = active.id
        items = []
        for _ in range(count):
            n = next(_serial)
            items.append(
                ContactItem(
                    tenant=tenant,
                    contact_id=secrets.token_hex(12),
                    channel=channel,
                    address=address
                    or (f"+4670{n:07d}" if channel is Channel.SMS else f"invanare.{n}@example.org"),
                    contact_day=local_day,
                    campaign=campaign,
                    received_at=int(received_at.timestamp()),
                    expires_at=int((received_at + timedelta(hours=96)).timestamp()),
                )
            )
        self.put(items)
        return items

    def put(self, items: list[ContactItem]) -> None:
        with store.table(self.env[settings.CONTACTS_TABLE]).batch_writer() as batch:
            for item in items:
                batch.put_item(Item=item.model_dump(mode="json"))

    def scan(self, env_key: str) -> list[dict[str, Any]]:
        return list(store.items(store.table(self.env[env_key]).scan))

    def contacts(self) -> list[dict[str, Any]]:
        return self.scan(settings.CONTACTS_TABLE)

    def invitations(self) -> dict[str, dict[str, Any]]:
        return {i["token_hash"]: i for i in self.scan(settings.INVITATIONS_TABLE)}

    def sms_outbox(self) -> list[tuple[str, str]]:
        """(phone, text) of every SMS published so far."""
        return list(sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages.values())

    def email_outbox(self) -> list[EmailMessage]:
        messages = ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages
        return [
            message_from_bytes(m.raw_data.encode("utf-8"), policy=policy.default)  # type: ignore[misc]
            for m in messages
        ]

    def recipients(self) -> list[str]:
        """Every address a message went to, once per message."""
        return [phone for phone, _ in self.sms_outbox()] + [
            str(m["To"]) for m in self.email_outbox()
        ]


def email_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


@pytest.fixture
def world(aws: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.setenv(settings.SURVEY_BASE_URL, BASE_URL)
    monkeypatch.setenv(settings.SMS_PER_SECOND, "1000")
    monkeypatch.setenv(settings.EMAIL_PER_SECOND, "1000")
    reset_send_clients()
    tenants = load_tenant_dir(TENANT_CONFIG)
    TenantStore(store.table(aws[settings.TENANTS_TABLE])).put(tenants.values())
    ses = boto3.client("sesv2", region_name=REGION)
    for tenant in tenants.values():
        ses.create_email_identity(EmailIdentity=tenant.email_sender.split("@")[1])
    yield World(env=aws, tenants=tenants)
    reset_send_clients()


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """Everything the Powertools logger writes (at DEBUG) during the test."""
    handler = logger.registered_handler
    stream = io.StringIO()
    previous = handler.setStream(stream)  # type: ignore[attr-defined]
    level = logger.log_level
    logger.setLevel("DEBUG")
    yield stream
    logger.setLevel(level)
    handler.setStream(previous)  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _fresh_metrics() -> Iterator[None]:
    """The shared Metrics object collects until a handler flushes it; a test that calls the
    service directly must not leave its metrics to the next test."""
    from shared.platform.observability import metrics

    metrics.clear_metrics()
    yield
    metrics.clear_metrics()


def emitted_metric(stdout: str, name: str) -> float | None:
    """The value of metric ``name`` in the EMF lines a handler printed, or None if absent."""
    for line in stdout.splitlines():
        if line.startswith("{") and f'"{name}"' in line:
            value = json.loads(line)[name]
            return float(value[0] if isinstance(value, list) else value)
    return None
