"""A real browser (Debian's Chromium through Playwright) against the local survey server on a
free loopback port, backed by a moto server with the demo municipalities."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from local.browser import CHROMIUM, launch
from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@dataclass
class Site:
    url: str
    env: dict[str, str]

    def invite(
        self,
        channel: str = "sms",
        tenant: str = "0580",
        status: str = "sent",
        expires_in: int = 86400,
    ) -> str:
        from shared.core.tokens import new_token, token_hash
        from shared.platform import settings, store

        token = new_token()
        store.table(self.env[settings.INVITATIONS_TABLE]).put_item(
            Item={
                "token_hash": token_hash(token),
                "tenant": tenant,
                "channel": channel,
                "campaign": "2026-host",
                "contact_day": "2026-11-20",
                "status": status,
                "expires_at": int(time.time()) + expires_in,
            }
        )
        return token

    def put_tenant(self, settings_json: dict[str, Any]) -> None:
        """Store one more municipality (e.g. a test one with its own questions)."""
        from shared.core.tenants import Tenant
        from shared.platform import settings, store
        from shared.platform.tenant_store import TenantStore

        tenant = Tenant.model_validate(settings_json)
        TenantStore(store.table(self.env[settings.TENANTS_TABLE])).put([tenant])


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    from local.server import serving

    with serving() as (server, emulator):
        yield Site(url=server.url, env=emulator.env)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    missing = [str(p) for p in (CHROMIUM, AXE) if not p.exists()]
    if missing:
        pytest.fail(f"browser tests need {', '.join(missing)}: run scripts/browser-deps.sh")
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def scanner(browser: Any) -> Iterator[Any]:
    # axe is injected as a script, which the pages' CSP rightly forbids: bypass it for the scan
    context = browser.new_context(bypass_csp=True, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(5000)
    yield page
    context.close()


# Every survey-page test runs twice: with JavaScript and without (the pages must work without)
@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=request.param, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(5000)
    yield page
    context.close()
