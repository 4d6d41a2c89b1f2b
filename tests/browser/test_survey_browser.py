"""The survey in Chromium: answered with the keyboard alone, with and without JavaScript, and
every page type checked by axe-core for WCAG 2.1 A/AA violations."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import AXE, Site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.filterwarnings("ignore:No application metrics to publish:UserWarning"),
]

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=request.param, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(5000)
    yield page
    context.close()


def _tab_to(page: Any, element_id: str, limit: int = 15) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_keyboard_only_answer_reaches_the_thank_you_page(site: Site, page: Any) -> None:
    token = site.invite(channel="sms")
    page.goto(f"{site.url}/s/{token}")
    assert page.title().startswith("Hur var din kontakt med kommunen?")
    assert page.evaluate("getComputedStyle(document.querySelector('header')).display") == "flex"

    _tab_to(page, "tel_bemotande-1")  # the first radio of the first question
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # focus is visible
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # arrows move within the group and choose
    _tab_to(page, "tel_enkelhet-1")
    page.keyboard.press("ArrowLeft")  # wraps round to "Vet ej"
    _tab_to(page, "errand-bygglov")
    page.keyboard.press("Space")
    _tab_to(page, "comment")
    comment = f"Snabbt och vänligt, {uuid.uuid4().hex[:8]}."
    page.keyboard.type(comment)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    page.wait_for_url(f"{site.url}/s/{token}?lang=sv")
    assert page.locator("h1").inner_text() == "Tack för ditt svar!"
    from shared import settings, store

    responses = store.table(site.env[settings.RESPONSES_TABLE]).scan()["Items"]
    mine = [r for r in responses if r.get("comment") == comment]
    assert len(mine) == 1
    assert mine[0]["answers"] == {"tel_bemotande": 4, "tel_enkelhet": None}
    assert mine[0]["errand"] == "bygglov"


def test_errors_are_announced_focused_and_linked_to_their_fields(site: Site, page: Any) -> None:
    token = site.invite(channel="email")
    page.goto(f"{site.url}/s/{token}")

    _tab_to(page, "epost_enkelhet-1")
    page.keyboard.press("Space")
    _tab_to(page, "comment")
    page.keyboard.type("kvar efter felet")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_selector(".error-summary")
    assert page.title().startswith("Fel:")
    assert page.evaluate("document.activeElement.className") == "error-summary"  # autofocus
    assert page.locator("#comment").input_value() == "kvar efter felet"
    assert page.locator("#epost_enkelhet-1").is_checked()
    page.keyboard.press("Tab")  # the first link in the summary
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#epost_tydlighet-1"


@pytest.fixture(scope="module")
def scanner(browser: Any) -> Iterator[Any]:
    # axe is injected as a script, which the pages' CSP rightly forbids: bypass it for the scan
    context = browser.new_context(bypass_csp=True, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(5000)
    yield page
    context.close()


def _axe(page: Any) -> list[Any]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        {"id": v["id"], "targets": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


OWN_QUESTIONS_TENANT = "0381"  # a test municipality: both kinds, some texts only in Swedish


def _put_own_questions_tenant(site: Site) -> None:
    import json

    from tests.conftest import TENANT_CONFIG

    uppsala = json.loads((TENANT_CONFIG / "0380.json").read_text(encoding="utf-8"))
    scale = {
        "id": "oppettider",
        "text": {"sv": "Hur nöjd är du med kommunens öppettider?"},
        "kind": "scale",
        "low": {"sv": "Mycket missnöjd"},
        "high": {"sv": "Mycket nöjd", "en": "Very satisfied"},
    }
    site.put_tenant(
        uppsala
        | {
            "kommunkod": OWN_QUESTIONS_TENANT,
            "name": "Testkommunen",
            "extra_questions": [scale, *uppsala["extra_questions"]],
        }
    )


def test_keyboard_only_answer_with_the_municipalitys_own_question(site: Site, page: Any) -> None:
    token = site.invite(channel="sms", tenant="0380")
    page.goto(f"{site.url}/s/{token}")

    _tab_to(page, "tel_bemotande-1")
    page.keyboard.press("ArrowRight")
    _tab_to(page, "tel_enkelhet-1")
    page.keyboard.press("ArrowLeft")  # "Vet ej"
    _tab_to(page, "errand-bygglov")
    page.keyboard.press("ArrowDown")  # skola
    comment = f"Med egen fråga, {uuid.uuid4().hex[:8]}."
    _tab_to(page, "comment")
    page.keyboard.type(comment)
    _tab_to(page, "hittade_kontakt-webb")  # the own question comes after the national ones
    page.keyboard.press("ArrowDown")  # sok
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    page.wait_for_url(f"{site.url}/s/{token}?lang=sv")
    assert page.locator("h1").inner_text() == "Tack för ditt svar!"
    from shared import settings, store

    responses = store.table(site.env[settings.RESPONSES_TABLE]).scan()["Items"]
    [mine] = [r for r in responses if r.get("comment") == comment]
    assert mine["extra"] == {"hittade_kontakt": "sok"}
    assert mine["answers"] == {"tel_bemotande": 2, "tel_enkelhet": None}
    assert mine["errand"] == "skola"


def test_axe_finds_no_wcag_21_aa_violation_on_any_page_type(site: Site, scanner: Any) -> None:
    url = site.url
    _put_own_questions_tenant(site)
    own = OWN_QUESTIONS_TENANT
    declined = site.invite(channel="email", tenant="1980")
    answered = site.invite()
    pages = {
        "form (sms)": (f"{url}/s/{site.invite()}", None),
        "form (email, English)": (f"{url}/s/{site.invite(channel='email')}?lang=en", None),
        "form with errors": (f"{url}/s/{site.invite()}", "button[type=submit]"),
        "form with own questions": (f"{url}/s/{site.invite(tenant='0380')}", None),
        "form with own questions (English, some texts Swedish)": (
            f"{url}/s/{site.invite(channel='email', tenant=own)}?lang=en",
            None,
        ),
        "form with an invalid own answer": (f"{url}/s/{site.invite(tenant=own)}", "bad own"),
        "decline confirm": (f"{url}/s/{site.invite()}/decline", None),
        "declined": (f"{url}/s/{declined}/decline", "button[type=submit]"),
        "already declined (409)": (f"{url}/s/{declined}", None),
        "already answered (409)": (f"{url}/s/{answered}", "answer first"),
        "not found (404)": (f"{url}/s/{'A' * 22}", None),
        "unknown page (404)": (f"{url}/nothing-here", None),
        "expired (410)": (f"{url}/s/{site.invite(expires_in=-5)}", None),
        "about": (f"{url}/om?k=0580", None),
        "about, general": (f"{url}/about", None),
        "accessibility statement": (f"{url}/tillganglighet?k=0580", None),
    }
    found = {}
    for name, (target, action) in pages.items():
        scanner.goto(target)
        if action == "answer first":  # answer, scan the thank-you page, then come back
            scanner.locator("#tel_bemotande-5").check()
            scanner.locator("#tel_enkelhet-4").check()
            scanner.locator("#errand-annat").check()
            scanner.locator("button[type=submit]").click()
            scanner.wait_for_selector("text=Tack för ditt svar!")
            found["thank you"] = _axe(scanner)
            scanner.goto(target)
        elif action == "bad own":  # a value no option has, as a tampered request would send
            scanner.locator("#tel_bemotande-3").check()
            scanner.locator("#tel_enkelhet-3").check()
            scanner.locator("#errand-annat").check()
            scanner.locator("#hittade_kontakt-webb").check()
            scanner.evaluate("document.querySelector('#hittade_kontakt-webb').value = 'egen'")
            with scanner.expect_navigation():
                scanner.locator("button[type=submit]").click()
            assert (
                scanner.locator(".error-summary a")
                .inner_text()
                .endswith("Välj ett av alternativen")
            )
            assert scanner.locator("#tel_bemotande-3").is_checked()
        elif action:
            with scanner.expect_navigation():
                scanner.locator(action).click()
        found[name] = _axe(scanner)

    assert len(found) == len(pages) + 1
    assert {name: v for name, v in found.items() if v} == {}
