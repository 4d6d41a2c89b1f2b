""" "Kontakta mig" in Chromium: reached from the thank-you page without the token, sent with the
keyboard alone with and without JavaScript, its errors announced, focused and linked; the form,
its error state and its thank-you page checked by axe-core (WCAG 2.2 A/AA) at 320, 390 and
1280 px in every shipped language, with no horizontal scrolling and no target under 24 px."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Site
from tests.browser.test_survey_browser import ALL_LANGUAGES, LANGS, _check_widths, _tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.filterwarnings("ignore:No application metrics to publish:UserWarning"),
]


def _requests(site: Site) -> list[dict[str, Any]]:
    from shared.platform import settings, store

    return list(store.table(site.env[settings.CONTACT_REQUESTS_TABLE]).scan()["Items"])


def test_from_the_thank_you_page_to_a_request_with_the_keyboard_alone(
    site: Site, page: Any
) -> None:
    token = site.invite(tenant=ALL_LANGUAGES)
    page.goto(f"{site.url}/s/{token}")
    page.locator("#tel_bemotande-4").check()
    page.locator("#tel_enkelhet-4").check()
    page.locator("#errand-vatten").check()
    with page.expect_navigation():
        page.locator("button[type=submit]").click()
    before = len(_requests(site))

    with page.expect_navigation():
        page.locator("main a[href^='/kontakt']").click()
    assert token not in page.url
    assert "/s/" not in page.url
    assert page.locator("h1").inner_text() == "Kontakta mig"

    # Given nothing to reach them by, the error summary takes focus and links to the field
    _tab_to(page, "name", limit=30)
    page.keyboard.type("Kim")
    _tab_to(page, "message")
    page.keyboard.type("Om min faktura")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert page.title().startswith("Fel:")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    assert page.locator("#name").input_value() == "Kim"
    assert page.locator("#message").input_value() == "Om min faktura"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#phone"

    # When a phone number is given, the request goes and its thank-you page says what follows
    page.locator("#phone").fill("070-123 45 67")
    with page.expect_navigation():
        page.locator("button[type=submit]").click()
    assert page.locator("h1").inner_text() == "Tack, kommunen kontaktar dig"
    assert len(_requests(site)) == before + 1


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_violation_on_the_contact_pages_at_any_width(
    site: Site, scanner: Any, lang: str
) -> None:
    url = f"{site.url}/kontakt?k={ALL_LANGUAGES}&lang={lang}"
    found: dict[str, Any] = {}

    scanner.goto(url)
    found["form"] = _check_widths(scanner)
    scanner.locator("#email").fill("inte en adress")
    with scanner.expect_navigation():
        scanner.locator("button[type=submit]").click()
    scanner.wait_for_selector(".error-summary")
    found["errors"] = _check_widths(scanner)
    scanner.goto(f"{site.url}/kontakt/tack?k={ALL_LANGUAGES}&lang={lang}")
    found["thank you"] = _check_widths(scanner)

    assert {k: v for k, v in found.items() if v} == {}
