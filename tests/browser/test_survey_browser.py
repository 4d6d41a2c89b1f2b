"""The survey in Chromium: answered with the keyboard alone in every shipped language, with and
without JavaScript; every page type in every language checked by axe-core for WCAG 2.2 A/AA
violations at 320, 390 and 1280 px, with no horizontal scrolling (reflow) and every target at
least 24 px; Arabic mirrored right to left."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.browser.conftest import AXE, Site
from tests.conftest import ROOT

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
    from shared.core import i18n

    assert set(LANGS) == set(i18n.available())


def _tab_to(page: Any, element_id: str, limit: int = 15) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def _response_ids(site: Site) -> set[str]:
    from shared.platform import settings, store

    items = store.table(site.env[settings.RESPONSES_TABLE]).scan()["Items"]
    return {str(r["response_id"]) for r in items}


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_only_answer_reaches_the_thank_you_page(site: Site, page: Any, lang: str) -> None:
    token = site.invite(channel="sms", tenant=ALL_LANGUAGES)
    before = _response_ids(site)
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
    _tab_to(page, "errand-skola")  # a group is one tab stop: its first option
    page.keyboard.press("Space")
    _tab_to(page, "comment")
    comment = f"Snabbt och vänligt, {uuid.uuid4().hex[:8]}."
    page.keyboard.type(comment)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    page.wait_for_url(f"{site.url}/s/{token}/tack?lang={lang}")  # Post/Redirect/Get
    assert page.locator("h1").inner_text() == THANKS[lang]
    from shared.platform import settings, store

    responses = store.table(site.env[settings.RESPONSES_TABLE]).scan()["Items"]
    # the comment is kept apart from the answers (the comment pool): the answer is the one
    # response this test added
    pooled = store.table(site.env[settings.COMMENTS_TABLE]).scan()["Items"]
    assert [p["text"] for p in pooled].count(comment) == 1
    mine = [r for r in responses if r["response_id"] not in before]
    assert len(mine) == 1
    assert mine[0]["answers"] == {"tel_bemotande": 4, "tel_enkelhet": None}
    assert mine[0]["errand"] == "skola"


def test_errors_are_announced_focused_and_linked_to_their_fields(site: Site, page: Any) -> None:
    token = site.invite(channel="email")
    page.goto(f"{site.url}/s/{token}?epost_aterkoppling=ja")

    _tab_to(page, "epost_enkelhet-1", limit=25)
    page.keyboard.press("Space")
    _tab_to(page, "comment")
    page.keyboard.type("kvar efter felet")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_selector(".error-summary")
    assert page.title().startswith("Fel:")
    # autofocus is applied once the page has loaded, which can come after the summary is in the
    # DOM: wait for it (up to 5 s), then check where focus is
    page.wait_for_function(
        "document.activeElement && document.activeElement.className === 'error-summary'",
        timeout=5000,
    )
    assert page.evaluate("document.activeElement.className") == "error-summary"  # autofocus
    assert page.locator("#comment").input_value() == "kvar efter felet"
    assert page.locator("#epost_enkelhet-1").is_checked()
    page.keyboard.press("Tab")  # the first link in the summary
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#epost_tydlighet-1"


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
    before = _response_ids(site)
    page.goto(f"{site.url}/s/{token}")

    _tab_to(page, "tel_bemotande-1", limit=25)
    page.keyboard.press("ArrowRight")
    _tab_to(page, "tel_enkelhet-1")
    page.keyboard.press("ArrowLeft")  # "Vet ej"
    _tab_to(page, "errand-skola")
    page.keyboard.press("ArrowDown")  # omsorg
    comment = f"Med egen fråga, {uuid.uuid4().hex[:8]}."
    _tab_to(page, "comment")
    page.keyboard.type(comment)
    _tab_to(page, "hittade_kontakt-webb")  # the own question comes after the national ones
    page.keyboard.press("ArrowDown")  # sok
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    page.wait_for_url(f"{site.url}/s/{token}/tack?lang=sv")
    assert page.locator("h1").inner_text() == "Tack för ditt svar!"
    from shared.platform import settings, store

    responses = store.table(site.env[settings.RESPONSES_TABLE]).scan()["Items"]
    [mine] = [r for r in responses if r["response_id"] not in before]
    assert mine["extra"] == {"hittade_kontakt": "sok"}
    assert mine["answers"] == {"tel_bemotande": 2, "tel_enkelhet": None}
    assert mine["errand"] == "omsorg"


# Every box a resident taps or clicks, outside running text (WCAG 2.2 2.5.8: at least 24 px).
TARGETS = (
    "button, input[type=radio], .opt, nav a, footer a, .decline a, .error-summary a, .contact a"
)
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
        "form (email), first step": (
            f"{url}/s/{site.invite(channel='email', tenant=home)}?{q}",
            None,
        ),
        "form (email), first step unanswered": (
            f"{url}/s/{site.invite(channel='email', tenant=home)}?{q}",
            "button[type=submit]",
        ),
        "form (email), got a reply": (
            f"{url}/s/{site.invite(channel='email', tenant=home)}?{q}&epost_aterkoppling=ja",
            None,
        ),
        "form (email), no reply, with errors": (
            f"{url}/s/{site.invite(channel='email', tenant=home)}?{q}&epost_aterkoppling=nej",
            "button[type=submit]",
        ),
        "form with errors": (f"{url}/s/{site.invite(tenant=home)}?{q}", "button[type=submit]"),
        "form with own questions (some texts only in Swedish)": (
            f"{url}/s/{site.invite(channel='email', tenant=own)}?{q}&epost_aterkoppling=ja",
            None,
        ),
        "form with an invalid own answer": (f"{url}/s/{site.invite(tenant=own)}?{q}", "bad own"),
        "decline confirm": (f"{url}/s/{site.invite(tenant=home)}/decline?{q}", None),
        "declined": (f"{url}/s/{declined}/decline?{q}", "button[type=submit]"),
        "declined link opened again": (f"{url}/s/{declined}?{q}", None),
        "answered link opened again": (f"{url}/s/{answered}?{q}", "answer first"),
        "answered link of a municipality without a logo": (
            f"{url}/s/{site.invite(tenant='0180', status='answered')}?{q}",
            None,
        ),
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


# --- Issue 23: the municipality's own pages, Post/Redirect/Get, SKR's e-mail flows ----------

SHOTS = ROOT / "build" / "screenshots"
REPLY_TEXT = {
    "sv": ("Har du fått återkoppling", "Hur tydligt var svaret", "Vilken svarstid"),
    "en": ("Have you had feedback", "How clear was the answer", "What response time"),
    "fi": ("Oletko saanut palautetta", "Kuinka selkeä oli vastaus", "Mikä vastausaika"),
    "ar": ("هل تلقيت ردًا", "ما مدى وضوح الرد", "ما المدة التي تراها معقولة"),
}


def _mine(site: Site, before: set[str]) -> dict[str, Any]:
    from shared.platform import settings, store

    items = store.table(site.env[settings.RESPONSES_TABLE]).scan()["Items"]
    [mine] = [r for r in items if r["response_id"] not in before]
    return dict(mine)


@pytest.mark.parametrize("lang", LANGS)
def test_every_way_back_after_an_answer_lands_on_the_thank_you_page(
    site: Site, page: Any, lang: str
) -> None:
    token = site.invite(tenant=ALL_LANGUAGES)
    link = f"{site.url}/s/{token}"
    page.goto(f"{link}?lang={lang}")
    page.locator("#tel_bemotande-5").check()
    page.locator("#tel_enkelhet-4").check()
    page.locator("#errand-vatten").check()
    with page.expect_navigation():
        page.locator("button[type=submit]").click()
    assert page.url == f"{link}/tack?lang={lang}"

    seen = {"after the POST": page.locator("h1").inner_text()}
    page.reload()  # a GET: no "resend the form?" and no second answer
    seen["reload"] = page.locator("h1").inner_text()
    page.go_back()
    seen["back"] = page.locator("h1").inner_text()
    page.go_forward()
    seen["forward"] = page.locator("h1").inner_text()
    page.goto(link)  # the SMS link opened again, in the phone's language
    seen["the link again"] = page.locator("h1").inner_text()
    page.goto(f"{link}/tack?lang={lang}")
    other = "en" if lang != "en" else "fi"
    with page.expect_navigation():
        page.locator(f'nav a[hreflang="{other}"]').click()  # switch language on the thanks page

    phone = seen.pop("the link again")  # without ?lang=: the phone's own language (sv-SE)
    assert phone == THANKS["sv"]
    assert seen == dict.fromkeys(seen, THANKS[lang])
    assert page.locator("h1").inner_text() == THANKS[other]
    assert page.locator("main a[href='https://www.vasteras.se/kontakt']").count() == 1  # onward


@pytest.mark.parametrize("lang", LANGS)
def test_email_with_a_reply_is_scored_on_both_questions(site: Site, page: Any, lang: str) -> None:
    token = site.invite(channel="email", tenant=ALL_LANGUAGES)
    before = _response_ids(site)
    page.goto(f"{site.url}/s/{token}?lang={lang}")
    first, scored, time_question = REPLY_TEXT[lang]
    assert first in page.locator("legend").first.inner_text()
    assert page.locator("#epost_enkelhet-1").count() == 0  # nothing else on the first step

    _tab_to(page, "epost_aterkoppling-ja", limit=25)
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # "Nästa": a GET, nothing stored
    assert scored in page.content()
    assert time_question not in page.content()
    _tab_to(page, "epost_enkelhet-1", limit=25)
    page.keyboard.press("ArrowDown")  # 2 (ArrowRight would be 5 in a right-to-left page)
    _tab_to(page, "epost_tydlighet-1")
    page.keyboard.press("Space")  # 1
    _tab_to(page, "errand-skola")
    page.keyboard.press("Space")
    _tab_to(page, "comment")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator("h1").inner_text() == THANKS[lang]
    mine = _mine(site, before)
    assert mine["answers"] == {"epost_enkelhet": 2, "epost_tydlighet": 1}
    assert mine["email_reply"] == "ja"
    assert "response_time" not in mine


@pytest.mark.parametrize("lang", LANGS)
def test_email_without_a_reply_asks_the_response_time_and_is_not_scored(
    site: Site, page: Any, lang: str
) -> None:
    token = site.invite(channel="email", tenant=ALL_LANGUAGES)
    before = _response_ids(site)
    page.goto(f"{site.url}/s/{token}?lang={lang}")
    _, scored, time_question = REPLY_TEXT[lang]

    page.locator("#epost_aterkoppling-nej").check()
    with page.expect_navigation():
        page.locator("button[type=submit]").click()
    assert time_question in page.content()
    assert scored not in page.content()
    assert page.locator("#epost_enkelhet-1").count() == 0
    with page.expect_navigation():
        page.locator("button[type=submit]").click()  # nothing chosen: errors, in this branch
    assert page.locator(".error-summary a").count() == 2  # the response time and the errand
    page.locator("#epost_svarstid-tva_dagar").check()
    page.locator("#errand-avgifter").check()
    with page.expect_navigation():
        page.locator("button[type=submit]").click()

    assert page.locator("h1").inner_text() == THANKS[lang]
    mine = _mine(site, before)
    assert mine["answers"] == {}
    assert (mine["email_reply"], mine["response_time"]) == ("nej", "tva_dagar")
    assert mine["errand"] == "avgifter"


def test_the_whole_option_box_chooses_the_option(site: Site, scanner: Any) -> None:
    scanner.goto(f"{site.url}/s/{site.invite(tenant=ALL_LANGUAGES)}")
    for width in WIDTHS:
        scanner.set_viewport_size({"width": width, "height": 800})
        for value in (1, 3, 5):
            option = scanner.locator(f"#tel_bemotande-{value}").locator("xpath=..")
            for corner in ("top left", "bottom right"):
                option.scroll_into_view_if_needed()
                box = option.bounding_box()
                dx, dy = (4, 4) if corner == "top left" else (box["width"] - 4, box["height"] - 4)
                scanner.mouse.click(box["x"] + dx, box["y"] + dy)
                assert scanner.locator(f"#tel_bemotande-{value}").is_checked(), (width, corner)
                scanner.locator("#tel_bemotande-vet_ej").check()


def test_the_scale_hint_and_the_comment_notes_are_announced(site: Site, scanner: Any) -> None:
    scanner.goto(f"{site.url}/s/{site.invite(tenant=ALL_LANGUAGES)}")

    described = scanner.locator("fieldset").first.get_attribute("aria-describedby")
    hint = scanner.locator(f"#{described.split()[0]}").inner_text()
    comment = scanner.locator("#comment").get_attribute("aria-describedby")

    assert hint == "1 är lägst och 5 är högst."
    assert comment == "comment-hint comment-anonymous"
    assert "högst 1\u00a0000 tecken" in scanner.locator("#comment-hint").inner_text()
    assert "anonym" in scanner.locator("#comment-anonymous").inner_text()
    assert scanner.locator("#comment").get_attribute("maxlength") is None


def test_a_pasted_comment_over_the_limit_comes_back_whole_with_a_clear_error(
    site: Site, scanner: Any
) -> None:
    scanner.goto(f"{site.url}/s/{site.invite(tenant=ALL_LANGUAGES)}")
    text = "Lång text. " * 100  # 1 100 characters
    scanner.locator("#tel_bemotande-4").check()
    scanner.locator("#tel_enkelhet-4").check()
    scanner.locator("#errand-annat").check()
    scanner.locator("#comment").fill(text)
    with scanner.expect_navigation():
        scanner.locator("button[type=submit]").click()

    error = scanner.locator("#comment-error").inner_text()
    assert "Texten är för lång: skriv högst 1\u00a0000 tecken" in error
    assert scanner.locator("#comment").input_value() == text  # nothing cut, nothing lost


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_branded_pages_show_the_logo_and_load_nothing_missing(
    site: Site, browser: Any, width: int
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE")
    page = context.new_page()
    missing: list[str] = []

    # every sub-resource (stylesheet, logo, icon) is there; a problem page's own status is its
    def _check(response: Any) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            missing.append(response.url)

    page.on("response", _check)
    pages = {
        "form": f"{site.url}/s/{site.invite(tenant=ALL_LANGUAGES)}",
        "form-email": f"{site.url}/s/{site.invite(channel='email', tenant=ALL_LANGUAGES)}",
        "expired": f"{site.url}/s/{site.invite(tenant=ALL_LANGUAGES, expires_in=-5)}",
        "answered": f"{site.url}/s/{site.invite(tenant=ALL_LANGUAGES, status='answered')}",
        "declined": f"{site.url}/s/{site.invite(tenant=ALL_LANGUAGES, status='declined')}",
        "about": f"{site.url}/om?k={ALL_LANGUAGES}",
        "about-ar-draft": f"{site.url}/om?k={ALL_LANGUAGES}&lang=ar",
    }
    for name, url in pages.items():
        page.goto(url)
        logo = page.locator("header img")
        assert logo.count() == 1, name
        assert page.evaluate("document.querySelector('header img').naturalWidth") > 0, name
        assert page.locator("header a").first.get_attribute("href") == "https://www.vasteras.se"
        assert page.title().endswith("– Västerås stad"), name
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        assert page.locator(".draft").count() == (1 if name == "about-ar-draft" else 0), name
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    context.close()

    assert missing == []
