"""The survey function on moto: invitations as dispatch writes them, requests as API Gateway
sends them (built by local.server.http_event), pages as the resident gets them."""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from local.server import LocalContext, http_event, http_response
from shared.core import totals
from shared.platform import settings
from tests.conftest import TENANT_CONFIG

FORM = "application/x-www-form-urlencoded"


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    text: str
    set_cookies: list[str] = field(default_factory=list)


@dataclass
class Survey:
    env: dict[str, str]

    def table(self, key: str) -> Any:
        from shared.platform import store

        return store.table(self.env[key])

    def invite(
        self,
        channel: str = "sms",
        tenant: str = "0180",
        status: str = "sent",
        expires_in: int = 7 * 86400,
        campaign: str = "2026-host",
        contact_day: str = "2026-11-20",
    ) -> str:
        from shared.core.tokens import new_token, token_hash

        token = new_token()
        self.table(settings.INVITATIONS_TABLE).put_item(
            Item={
                "token_hash": token_hash(token),
                "tenant": tenant,
                "channel": channel,
                "campaign": campaign,
                "contact_day": contact_day,
                "status": status,
                "expires_at": int(time.time()) + expires_in,
            }
        )
        return token

    def call(
        self,
        method: str,
        target: str,
        body: str | bytes | None = None,
        headers: dict[str, str] | None = None,
        event: dict[str, Any] | None = None,
    ) -> Page:
        from functions.survey.handler import handler

        all_headers = {"content-type": FORM} if body is not None else {}
        all_headers |= headers or {}
        event = event or http_event(method, target, all_headers, body)
        result = handler(event, LocalContext())
        status, pairs, raw = http_response(result)
        return Page(
            status=status,
            headers={k.lower(): v for k, v in pairs if k.lower() != "set-cookie"},
            text=raw.decode("utf-8"),
            set_cookies=[v for k, v in pairs if k.lower() == "set-cookie"],
        )

    def follow(self, page: Page, headers: dict[str, str] | None = None) -> Page:
        """GET where a 303 leads, as a browser does after a POST."""
        assert page.status == 303, page.status
        return self.call("GET", page.headers["location"], headers=headers)

    def invitation(self, token: str) -> dict[str, Any]:
        from shared.core.tokens import token_hash

        item = self.table(settings.INVITATIONS_TABLE).get_item(
            Key={"token_hash": token_hash(token)}
        )
        return dict(item["Item"])

    def responses(self) -> list[dict[str, Any]]:
        return list(self.table(settings.RESPONSES_TABLE).scan()["Items"])

    def counters(self) -> dict[str, int]:
        """Declines as counted in the running totals, named declined#tenant#campaign#channel."""
        return {
            f"declined#{i['stream']}": int(i["d"])
            for i in self.totals()
            if i["cell"] == "total" and "d" in i
        }

    def totals(self) -> list[dict[str, Any]]:
        """The totals items, each with its stream and cell read from its key."""
        items = self.table(settings.TOTALS_TABLE).scan()["Items"]
        return [
            i | dict(zip(("stream", "cell"), totals.split(i[totals.SLOT]), strict=True))
            for i in items
        ]


@pytest.fixture
def survey(aws: dict[str, str]) -> Iterator[Survey]:
    from shared.core.tenants import load_tenant_dir
    from shared.platform import store
    from shared.platform.tenant_store import TenantStore
    from shared.survey import service

    # an answer-less request publishes no metric; Powertools warns about that every time
    warnings.filterwarnings("ignore", "No application metrics to publish", UserWarning)
    TenantStore(store.table(aws[settings.TENANTS_TABLE])).put(
        load_tenant_dir(TENANT_CONFIG).values()
    )
    service.service.cache_clear()
    yield Survey(aws)
    service.service.cache_clear()


SMS_ANSWER = "tel_bemotande=4&tel_enkelhet=vet_ej&errand=skola&comment=Bra+hj%C3%A4lp"
EMAIL_ANSWER = "epost_aterkoppling=ja&epost_enkelhet=5&epost_tydlighet=2&errand=bygglov&comment="
EMAIL_NO_REPLY = "epost_aterkoppling=nej&epost_svarstid=en_dag&errand=vatten&comment="
