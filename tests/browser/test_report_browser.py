"""The results report in Chromium, as a contact-centre manager uses it: axe-clean (WCAG 2.2
A/AA) at 320, 390 and 1280 px with no horizontal scrolling of the page (wide tables scroll in
their own named, focusable region), chart text of at least 12 px on a phone, the headline and
the latest week's verdict, the trend and the comments reached by keyboard alone through the
skip links, and a print view that fits A4 without the navigation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import AXE
from tests.unit.cli.test_report_page import LABELS, manager_world, theme_rows

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (320, 390, 1280)
CAMPAIGN = "var-2026"


@pytest.fixture(scope="module")
def report_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Uppsala's report (with its comments' themes) and the national one."""
    from shared.cli import report_page as report

    world, folder = manager_world(), tmp_path_factory.mktemp("report")
    out = {}
    for tenant in ("0380", None):
        html = report.render(
            world,
            tenant,
            LABELS,
            generated_at=datetime(2026, 3, 18, 9, tzinfo=UTC),
            themes=theme_rows(),  # Uppsala's report shows them; the national one never
        )
        out[tenant or "riket"] = folder / f"rapport-{tenant or 'riket'}.html"
        out[tenant or "riket"].write_text(html, encoding="utf-8")
    return out


def _open(browser: Any, path: Path) -> Iterator[Any]:
    # axe is injected as a script; the report itself has none and needs none
    context = browser.new_context(bypass_csp=True, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(5000)
    page.goto(path.as_uri())
    yield page
    context.close()


@pytest.fixture
def page(browser: Any, report_files: dict[str, Path]) -> Iterator[Any]:
    yield from _open(browser, report_files["0380"])


@pytest.fixture(params=["0380", "riket"])
def any_report(
    request: pytest.FixtureRequest, browser: Any, report_files: dict[str, Path]
) -> Iterator[Any]:
    yield from _open(browser, report_files[request.param])


def _axe(page: Any) -> list[Any]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG,
    )
    return [
        {"id": v["id"], "targets": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


_SMALL_LINKS = """() => [...document.querySelectorAll('nav a, a.skip')].map(e => {
    const r = e.getBoundingClientRect();
    return {text: e.textContent.trim(), w: r.width, h: r.height};
}).filter(b => b.w < 24 || b.h < 24)"""

_OVERFLOWING_REGIONS = """() => [...document.querySelectorAll('table')].filter(t => {
    const box = t.closest('.scroll');
    return t.scrollWidth > document.documentElement.clientWidth && (!box
        || box.getAttribute('tabindex') !== '0' || box.getAttribute('role') !== 'region'
        || !document.getElementById(box.getAttribute('aria-labelledby')));
}).map(t => t.querySelector('caption') && t.querySelector('caption').textContent)"""


SMALLEST_CHART_TEXT = """() => Math.min(...[...document.querySelectorAll('svg text')].map(t => {
    const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
}), 99)"""


def test_the_report_is_axe_clean_and_reflows_at_every_width(any_report: Any) -> None:
    page = any_report
    found: dict[int, Any] = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        problems: dict[str, Any] = {}
        if violations := _axe(page):
            problems["axe"] = violations
        if (scroll := page.evaluate("document.documentElement.scrollWidth")) > width:
            problems["page scrolls sideways"] = scroll
        if unnamed := page.evaluate(_OVERFLOWING_REGIONS):
            problems["wide tables outside a named focusable region"] = unnamed
        if small := page.evaluate(_SMALL_LINKS):
            problems["targets under 24 px"] = small
        if page.evaluate(
            "[...document.querySelectorAll('svg')].some(s =>"
            " s.getBoundingClientRect().width > document.documentElement.clientWidth)"
        ):
            problems["a chart wider than the page"] = True
        if width >= 390 and (smallest := page.evaluate(SMALLEST_CHART_TEXT)) < 12:
            problems["chart text under 12 px"] = smallest
        if problems:
            found[width] = problems
    assert not found


def _tab_to_link(page: Any, text: str, limit: int = 12) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"Tab never reached the link {text!r}")


def _focused() -> str:
    return "document.activeElement.id || document.activeElement.tagName"


@pytest.mark.parametrize("width", [390, 1280])
def test_a_manager_reaches_the_headline_and_the_weeks_verdict_by_keyboard(
    page: Any, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Hoppa till innehållet"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"

    # the headline is the first thing after the title: its verdicts in plain words
    _tab_to_link(page, "Sammanfattning")
    page.keyboard.press("Enter")
    assert page.evaluate(_focused()) == "sammanfattning"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") < 200
    card = page.locator("section.card").first.inner_text()
    assert "Bemötande" in card
    assert "ingen säker skillnad" in card

    page.goto(page.url.split("#")[0])
    _tab_to_link(page, "Senaste veckan")
    page.keyboard.press("Enter")
    assert page.evaluate(_focused()) == "veckan"
    heading = page.evaluate("document.activeElement.textContent")
    assert heading.startswith("Senaste hela veckan: vecka 11")
    page.keyboard.press("Tab")  # on into the week's table (its scrolling region)
    assert page.evaluate(_focused()) == "DIV"
    region = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-labelledby'))"
        ".textContent"
    )
    assert "vecka 11" in region
    # a screen reader reads the row header, the two weeks and the verdict as text
    row = page.evaluate(
        "[...document.activeElement.querySelectorAll('tbody tr')].map(r => r.innerText)[0]"
    )
    assert row.split("\t")[0] == "Bemötande"
    assert row.split("\t")[-1].endswith("för osäkert att säga")  # no week 10 to compare with

    page.goto(page.url.split("#")[0])
    _tab_to_link(page, "Utveckling, telefon")
    page.keyboard.press("Enter")
    assert page.evaluate(_focused()) == f"{CAMPAIGN}-sms-trend"
    assert page.evaluate("document.activeElement.tagName") == "H3"

    page.goto(page.url.split("#")[0])
    _tab_to_link(page, "Kommentarer", limit=16)
    page.keyboard.press("Enter")
    assert page.evaluate(_focused()) == f"{CAMPAIGN}-kommentarer"
    after = page.evaluate("document.activeElement.nextElementSibling.textContent")
    assert after.startswith("Släppta 16 mars 2026")


def test_on_a_phone_the_headline_and_the_week_fit_with_the_nation_in_view(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    # the summary's comparisons and the latest week's table need no sideways scrolling
    wide = page.evaluate(
        """() => [...document.querySelectorAll('.card table, #veckan ~ .scroll table')]
        .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth)
        .map(t => t.querySelector('caption').textContent)"""
    )
    assert wide == []
    riket = page.locator(".card tr", has_text="Riket").first
    box = riket.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 390


def test_the_downloads_save_the_published_figures_as_csv_and_excel(page: Any) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    from tests.unit.cli.test_report_page import manager_world

    world = manager_world()
    own = next(
        r
        for r in world.rows
        if (r.area, r.campaign, r.question, r.breakdown)
        == ("0380", CAMPAIGN, "tel_bemotande", "total")
    )
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Som CSV", exact=False).click()
    assert csv_download.value.suggested_filename == "servicematning-0380-siffror.csv"
    text = Path(csv_download.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    [line] = [
        r
        for r in rows
        if r["Område"] == "Kommun 0380"
        and r["Uppdelning"] == "Hela mätperioden"
        and r["Mätperiod"] == "Våren 2026"
        and r["Fråga"].startswith("I din senaste kontakt")
    ]
    assert line["Index"] == f"{own.index:.1f}".replace(".", ",")
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Som Excel-fil", exact=False).click()
    assert xlsx_download.value.suggested_filename == "servicematning-0380-siffror.xlsx"
    book = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    assert book.active is not None
    assert book.active.max_row == len(rows) + 1


def test_the_print_view_is_a4_without_navigation(page: Any) -> None:
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.downloads')).display") == "none"
    assert page.locator("#sammanfattning").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    # A4 (595 x 842 pt) on every page, as @page asks (not the US Letter default, 612 x 792)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes
    assert all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)


def test_a_wide_table_scrolls_in_its_own_region_by_keyboard_on_a_phone(page: Any) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    region = page.locator(f"[aria-labelledby='{CAMPAIGN}-sms-deltagande']")
    assert page.evaluate(
        "id => { const r = document.querySelector(`[aria-labelledby='${id}']`);"
        " return r.scrollWidth > r.clientWidth; }",
        f"{CAMPAIGN}-sms-deltagande",
    )
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert region.evaluate("r => r.scrollLeft") > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
