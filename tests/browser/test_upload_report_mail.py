"""The upload report e-mail's HTML part in the project's Chromium: axe-clean in every shipped
language at a phone's and a mail client's width, readable without scrolling sideways, and its
verdict (rows accepted, which to fix) the first paragraph, on the first screen."""

from __future__ import annotations

from email import message_from_bytes, policy
from typing import Any

import pytest

from shared.core.tenants import Tenant, load_tenant_file
from shared.messages.upload_report import render_upload_report
from tests.browser.test_survey_browser import LANGS, _axe
from tests.conftest import TENANT_CONFIG

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

REPORT = {
    "outcome": "ingested",
    "file": "kontakter-vasteras-2026-03-13-från-telefonisystemet-med-ett-långt-namn.csv",
    "received_at": "2026-03-14T07:30:00+01:00",
    "rows": 60,
    "accepted": 31,
    "sms": 20,
    "email": 11,
    "rejected": {"not_mobile": 2, "excel_number": 27},
    "rejected_rows": [{"row": 3, "reason": "not_mobile"}, {"row": 9, "reason": "not_mobile"}]
    + [{"row": 10 + i, "reason": "excel_number"} for i in range(27)],
}


def _html(lang: str) -> str:
    data = load_tenant_file(TENANT_CONFIG / "1980.json").model_dump()
    tenant = Tenant.model_validate(data | {"report_language": lang})
    where = "s3://servicematning-data/reports/1980/20260314T063000Z-0123456789ab.json"
    rendered = render_upload_report(tenant, REPORT, where, "r@servicematning.example.se", "k@x.se")
    part = message_from_bytes(rendered.raw, policy=policy.default).get_body(("html",))
    assert part is not None
    return str(part.get_content())


@pytest.mark.parametrize("lang", LANGS)
def test_the_mail_is_accessible_and_fits_a_phone(browser: Any, lang: str) -> None:
    page = browser.new_page()
    try:
        page.set_content(_html(lang))
        for width in (320, 760):
            page.set_viewport_size({"width": width, "height": 800})
            assert _axe(page) == [], (lang, width)
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, (lang, width, overflow)
            # the verdict is the first thing read, and on the first screen of a phone
            first = page.locator("p").first
            assert first.bounding_box()["y"] < 200, (lang, width)
            assert "31" in first.inner_text(), (lang, first.inner_text())
    finally:
        page.close()
