"""The survey in Chromium: answered with the keyboard alone in every shipped language, with and
without JavaScript; every page type in every language checked by axe-core for WCAG 2.2 A/AA
violations at 320, 390 and 1280 px, with no horizontal scrolling (reflow) and every target at
least 24 px; Arabic mirrored right to left."""

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

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (320, 390, 1280)
LANGS = ("sv", "en", "fi", "ar")  # every shipped catalog (checked below)
ALL_LANGUAGES = "1980"  # Västerås offers all four
THANKS = {
    "sv": "Tack för ditt svar!",
    "en": "Thank you for your answer!",
    "fi": "Kiitos vastauksestasi!",
    "ar": "شكرًا على إجابتك!",
}


def test_the_browser_tests_cover_every_shipped_language() -> None:
    from shared import i18n

    assert set(LANGS) == set(i18n.available())


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


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_only_answer_reaches_the_thank_you_page(site: Site, page: Any, lang: str) -> None:
    token = site.invite(channel="sms", tenant=ALL_LANGUAGES)
    page.goto(f"{site.url}/s/{token}?lang={lang}")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("getComputedStyle(document.querySelector('header')).display") == "flex"

    _tab_to(page, "tel_bemotande-1", limit=25)  # past the language switcher
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # focus is visible
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # arrows move within the group and choose (any dir)
    _tab_to(page, "tel_enkelhet-1")
    page.keyboard.press("ArrowUp")  # wraps round to "Vet ej"
    _tab_to(page, "errand-bygglov")
    page.keyboard.press("Space")
    _tab_to(page, "comment")
    comment = f"Snabbt och vänligt, {uuid.uuid4().hex[:8]}."
    page.keyboard.type(comment)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    page.wait_for_url(f"{site.url}/s/{token}?lang={lang}")
    assert page.locator("h1").inner_text() == THANKS[lang]
    from shared import settings, store

    responses = store.table(site.env[settings.RESPONSES_TABLE]).scan()["Items"]
    mine = [r for r in responses if r.get("comment") == comment]
    assert len(mine) == 1
    assert mine[0]["answers"] == {"tel_bemotande": 4, "tel_enkelhet": None}
    assert mine[0]["errand"] == "bygglov"


def test_errors_are_announced_focused_and_linked_to_their_fields(site: Site, page: Any) -> None:
    token = site.invite(channel="email")
    page.goto(f"{site.url}/s/{token}")

    _tab_to(page, "epost_enkelhet-1", limit=25)
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
    if not page.evaluate("typeof axe !== 'undefined'"):  # once per page, not once per width
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG,
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
            "languages": list(LANGS),
            "extra_questions": [scale, *uppsala["extra_questions"]],
        }
    )


def test_keyboard_only_answer_with_the_municipalitys_own_question(site: Site, page: Any) -> None:
    token = site.invite(channel="sms", tenant="0380")
    page.goto(f"{site.url}/s/{token}")

    _tab_to(page, "tel_bemotande-1", limit=25)
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


# Every box a resident taps or clicks, outside running text (WCAG 2.2 2.5.8: at least 24 px).
TARGETS = "button, input[type=radio], .opt label, nav a, footer a, .decline a, .error-summary a"
_SMALL_TARGETS = """sel => [...document.querySelectorAll(sel)].map(e => {
    const r = e.getBoundingClientRect();
    return {id: e.id || e.textContent.trim().slice(0, 30), w: r.width, h: r.height};
}).filter(b => b.w < 24 || b.h < 24)"""


def _check_widths(page: Any) -> dict[str, Any]:
    """axe, reflow and target sizes at each width, on the page as it is loaded."""
    found: dict[str, Any] = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        problems: dict[str, Any] = {}
        if violations := _axe(page):
            problems["axe"] = violations
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:  # 1.4.10 reflow: no horizontal scrolling
            problems["width"] = scroll
        if small := page.evaluate(_SMALL_TARGETS, TARGETS):
            problems["targets"] = small
        if problems:
            found[str(width)] = problems
    return found


def _pages(site: Site, lang: str) -> dict[str, tuple[str, str | None]]:
    url, home, own, q = site.url, ALL_LANGUAGES, OWN_QUESTIONS_TENANT, f"lang={lang}"
    declined = site.invite(channel="email", tenant=home)
    answered = site.invite(tenant=home)
    return {
        "form (sms)": (f"{url}/s/{site.invite(tenant=home)}?{q}", None),
        "form (email)": (f"{url}/s/{site.invite(channel='email', tenant=home)}?{q}", None),
        "form with errors": (f"{url}/s/{site.invite(tenant=home)}?{q}", "button[type=submit]"),
        "form with own questions (some texts only in Swedish)": (
            f"{url}/s/{site.invite(channel='email', tenant=own)}?{q}",
            None,
        ),
        "form with an invalid own answer": (f"{url}/s/{site.invite(tenant=own)}?{q}", "bad own"),
        "decline confirm": (f"{url}/s/{site.invite(tenant=home)}/decline?{q}", None),
        "declined": (f"{url}/s/{declined}/decline?{q}", "button[type=submit]"),
        "already declined (409)": (f"{url}/s/{declined}?{q}", None),
        "already answered (409)": (f"{url}/s/{answered}?{q}", "answer first"),
        "not found (404)": (f"{url}/s/{'A' * 22}?{q}", None),
        "unknown page (404)": (f"{url}/nothing-here?{q}", None),
        "expired (410)": (f"{url}/s/{site.invite(tenant=home, expires_in=-5)}?{q}", None),
        "about": (f"{url}/om?k={home}&{q}", None),
        "about, general": (f"{url}/about?{q}", None),
        "accessibility statement": (f"{url}/tillganglighet?k={home}&{q}", None),
    }


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_wcag_22_aa_violation_on_any_page_type_at_any_width(
    site: Site, scanner: Any, lang: str
) -> None:
    _put_own_questions_tenant(site)
    pages = _pages(site, lang)
    found = {}
    for name, (target, action) in pages.items():
        scanner.set_viewport_size({"width": 1280, "height": 800})
        scanner.goto(target)
        assert scanner.evaluate("document.documentElement.lang") == lang, name
        if action == "answer first":  # answer, check the thank-you page, then come back
            scanner.locator("#tel_bemotande-5").check()
            scanner.locator("#tel_enkelhet-4").check()
            scanner.locator("#errand-annat").check()
            scanner.locator("button[type=submit]").click()
            scanner.wait_for_selector(f"text={THANKS[lang]}")
            found["thank you"] = _check_widths(scanner)
            scanner.goto(target)
        elif action == "bad own":  # a value no option has, as a tampered request would send
            scanner.locator("#tel_bemotande-3").check()
            scanner.locator("#tel_enkelhet-3").check()
            scanner.locator("#errand-annat").check()
            scanner.locator("#hittade_kontakt-webb").check()
            scanner.evaluate("document.querySelector('#hittade_kontakt-webb').value = 'egen'")
            with scanner.expect_navigation():
                scanner.locator("button[type=submit]").click()
            assert scanner.locator(".error-summary a").count() == 1
            assert scanner.locator("#tel_bemotande-3").is_checked()
        elif action:
            with scanner.expect_navigation():
                scanner.locator(action).click()
        found[name] = _check_widths(scanner)

    assert len(found) == len(pages) + 1
    assert {name: v for name, v in found.items() if v} == {}


def test_arabic_is_mirrored_right_to_left(site: Site, scanner: Any) -> None:
    token = site.invite(tenant=ALL_LANGUAGES)
    scanner.set_viewport_size({"width": 1280, "height": 800})
    scanner.goto(f"{site.url}/s/{token}?lang=ar")
    with scanner.expect_navigation():
        scanner.locator("button[type=submit]").click()  # errors: the marks on the fields

    assert scanner.evaluate("document.dir") == "rtl"
    org = scanner.locator(".org").bounding_box()
    nav = scanner.locator("header nav").bounding_box()
    assert org["x"] > nav["x"]  # the municipality's name on the right, languages on the left
    legend = scanner.locator("legend").first.bounding_box()
    fieldset = scanner.locator("fieldset.invalid").first
    assert (
        legend["x"] + legend["width"]
        > fieldset.bounding_box()["x"] + 0.8 * (fieldset.bounding_box()["width"])
    )  # the text starts at the right
    style = "getComputedStyle(document.querySelector('fieldset.invalid'))"
    assert scanner.evaluate(f"{style}.borderRightWidth") == "5px"  # the error mark mirrored
    assert scanner.evaluate(f"{style}.borderLeftWidth") == "0px"


def test_the_accessibility_statement_reflows_at_320_px(site: Site, scanner: Any) -> None:
    scanner.set_viewport_size({"width": 320, "height": 640})
    scanner.goto(f"{site.url}/tillganglighet?k={ALL_LANGUAGES}&lang=sv")

    assert scanner.locator("h1").inner_text().startswith("Tillgänglighets")
    assert scanner.evaluate("document.documentElement.scrollWidth") <= 320
    h1 = scanner.locator("h1").bounding_box()
    assert h1["x"] + h1["width"] <= 320


def test_the_scale_is_one_option_a_row_on_a_phone_and_one_row_on_a_desk(
    site: Site, scanner: Any
) -> None:
    scanner.goto(f"{site.url}/s/{site.invite(tenant=ALL_LANGUAGES)}")
    tops = """[1, 2, 3, 4, 5].map(v => Math.round(document.getElementById('tel_bemotande-' + v)
        .closest('.opt').getBoundingClientRect().top))"""

    scanner.set_viewport_size({"width": 320, "height": 800})
    phone = scanner.evaluate(tops)
    scanner.set_viewport_size({"width": 1280, "height": 800})
    desk = scanner.evaluate(tops)

    assert phone == sorted(phone)
    assert len(set(phone)) == 5  # a column: each option on its own row
    assert len(set(desk)) == 1  # a row of five equal boxes
