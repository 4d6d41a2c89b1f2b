"""The results on moto: answers through the survey's real transaction, releases through the
real results service on the release calendar's mornings (``World.morning``)."""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from shared.core.models import Channel, InvitationItem, InvitationStatus, ResponseItem
from shared.core.tenants import load_tenant_dir
from shared.platform import settings, store
from shared.platform.tenant_store import TenantStore
from tests.conftest import TENANT_CONFIG

_ids = itertools.count()
CAMPAIGN = "2026-var"
TODAY = date(2026, 4, 1)  # inside 2026-var (March to April in config/tenants)
MONDAY = date(2026, 4, 6)  # the release day after TODAY (the calendar is weekly, Mondays)


@dataclass
class World:
    env: dict[str, str]

    def table(self, key: str) -> Any:
        return store.table(self.env[key])

    def surveys(self) -> Any:
        from shared.survey.storage import SurveyStore

        return SurveyStore(
            invitations=self.table(settings.INVITATIONS_TABLE),
            responses=self.table(settings.RESPONSES_TABLE),
            totals=self.table(settings.TOTALS_TABLE),
            comments=self.table(settings.COMMENTS_TABLE),
            clock=lambda: 1_775_000_000.0,  # 2026-04-01
        )

    def invitation(self, tenant: str = "1980", channel: Channel = Channel.SMS) -> InvitationItem:
        number = next(_ids)
        item = InvitationItem(
            token_hash=hashlib.sha256(f"t{number}".encode()).hexdigest(),
            tenant=tenant,
            channel=channel,
            campaign=CAMPAIGN,
            contact_day=date(2026, 3, 2) + timedelta(days=number % 20),
            status=InvitationStatus.SENT,
            expires_at=2_000_000_000,
        )
        self.table(settings.INVITATIONS_TABLE).put_item(Item=item.model_dump(mode="json"))
        return item

    def answer(
        self, tenant: str = "1980", values: tuple[int | None, int | None] = (4, 5), **extra: Any
    ) -> None:
        invitation = self.invitation(tenant)
        response = ResponseItem(
            tenant=tenant,
            response_id=f"r{next(_ids):06d}",
            channel=invitation.channel,
            campaign=CAMPAIGN,
            contact_day=invitation.contact_day,
            answers={"tel_bemotande": values[0], "tel_enkelhet": values[1]},
            errand=extra.get("errand", "bygglov"),
            comment=extra.get("comment"),
        )
        self.surveys().answer(invitation, response)

    def answer_many(self, count: int, tenant: str = "1980", seed: int = 1) -> None:
        rnd = random.Random(seed)
        for _ in range(count):
            self.answer(tenant, (rnd.choice([3, 4, 5, 5]), rnd.choice([2, 4, 5, None])))

    def morning(self, day: date, hour: int = 6) -> dict[str, int]:
        """The results function's run at ``hour`` Stockholm time on ``day``."""
        from functions.results.handler import _settings
        from shared.core.time import STOCKHOLM_TZ
        from shared.results import service

        moment = datetime.combine(day, datetime.min.time(), tzinfo=STOCKHOLM_TZ)
        return service.scheduled(_settings(), now=moment + timedelta(hours=hour))

    def objects(self) -> dict[str, bytes]:
        s3 = store.client("s3")
        bucket = self.env[settings.ANALYTICS_BUCKET]
        listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
        return {o["Key"]: s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in listed}


@pytest.fixture
def seeded_noise(monkeypatch: pytest.MonkeyPatch) -> None:
    """The releases' and the comment checks' noise drawn from a seeded source, for tests about
    what follows a release or a batch, not about the noise: whether a check lets a batch
    through, or which weeks a release shows, is the noise's to decide (a test that needs three
    batches out of 60 comments each failed about one run in four)."""
    from shared.results.disclosure import noise

    monkeypatch.setattr(noise, "SYSTEM", noise.Bits(random.Random(2026).randbytes))


@pytest.fixture
def world(aws: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    TenantStore(store.table(aws[settings.TENANTS_TABLE])).put(
        load_tenant_dir(TENANT_CONFIG).values()
    )
    from functions.results import handler

    handler._settings.cache_clear()
    yield World(aws)
    handler._settings.cache_clear()
