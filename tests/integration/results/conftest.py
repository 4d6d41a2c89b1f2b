"""Responses, invitations and tenants seeded on moto the way the survey and dispatch store them."""

from __future__ import annotations

import hashlib
import itertools
from datetime import date, timedelta

import pytest

from shared import store
from shared.models import Channel, InvitationItem, InvitationStatus, ResponseItem
from shared.settings import INVITATIONS_TABLE, RESPONSES_TABLE, TENANTS_TABLE
from shared.tenants import TenantStore, load_tenant_dir
from tests.conftest import TENANT_CONFIG

_ids = itertools.count()


def response(tenant: str, channel: Channel, values: tuple[int | None, int | None], **extra) -> dict:
    questions = (
        ("tel_bemotande", "tel_enkelhet")
        if channel is Channel.SMS
        else ("epost_enkelhet", "epost_tydlighet")
    )
    number = next(_ids)
    item = ResponseItem(
        tenant=tenant,
        response_id=f"r{number:06d}",
        channel=channel,
        campaign="2026-var",
        contact_day=date(2026, 3, 2) + timedelta(days=number % 14),
        answers=dict(zip(questions, values, strict=True)),
        errand=extra.get("errand", "bygglov"),
        comment=extra.get("comment"),
    )
    return {k: v for k, v in item.model_dump(mode="json").items() if v is not None}


def invitation(tenant: str, channel: Channel, status: InvitationStatus) -> dict:
    number = next(_ids)
    return InvitationItem(
        token_hash=hashlib.sha256(str(number).encode()).hexdigest(),
        tenant=tenant,
        channel=channel,
        campaign="2026-var",
        contact_day=date(2026, 3, 2),
        status=status,
        expires_at=2_000_000_000,
    ).model_dump(mode="json")


@pytest.fixture
def seeded(aws: dict[str, str]) -> dict[str, str]:
    """Västerås: 12 SMS answers (one comment), Uppsala: 3 (suppressed), plus invitations."""
    TenantStore(store.table(aws[TENANTS_TABLE])).put(load_tenant_dir(TENANT_CONFIG).values())
    values = [
        (5, 4),
        (4, 4),
        (4, None),
        (3, 2),
        (5, 5),
        (2, 3),
        (4, 4),
        (5, 4),
        (1, 2),
        (4, 5),
        (3, 3),
        (5, 4),
    ]
    with store.table(aws[RESPONSES_TABLE]).batch_writer() as batch:
        for i, pair in enumerate(values):
            comment = "Tack för hjälpen, mejla anna@example.se" if i == 0 else None
            batch.put_item(Item=response("1980", Channel.SMS, pair, comment=comment))
        for pair in [(2, 2), (1, 1), (2, 1)]:
            batch.put_item(Item=response("0380", Channel.SMS, pair, comment="Uppsalas kommentar"))
    with store.table(aws[INVITATIONS_TABLE]).batch_writer() as batch:
        for status, count in (
            (InvitationStatus.ANSWERED, 12),
            (InvitationStatus.SENT, 30),
            (InvitationStatus.DECLINED, 3),
            (InvitationStatus.FAILED, 2),
        ):
            for _ in range(count):
                batch.put_item(Item=invitation("1980", Channel.SMS, status))
    return aws
