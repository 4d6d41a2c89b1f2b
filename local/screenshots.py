"""The README's pictures, taken by the project's own headless Chromium from a real demo run:
the survey form as a resident sees it (phone width), the same form in Arabic (right to left),
the municipality's results report on a phone (390 px), at a desk (1280 px) and as printed
(its print stylesheet at A4's width, the first page), its comment themes beside the
kommungrupp and the nation (the batches the demo's first comment day released), the
upload report e-mail its contact centre got (the HTML part, and the text part as a mail
client without HTML shows it), the "kontakta mig" form with its error summary, and /om with
the municipality's actions ("Det här gör vi").

    python -m local.screenshots     (make screenshots)
"""

from __future__ import annotations

import sys
import tempfile
from html import escape
from pathlib import Path
from typing import Any

from local.browser import launch
from local.demo import HOME, answer_and_report, demo

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"


REPORT_SHOTS = {"report-390.png": (390, 844), "report-1280.png": (1280, 1000)}
# A4 at 96 CSS px an inch, less the print stylesheet's margins (15 mm top/bottom, 14 mm sides)
PRINT_SHOT = ("report-print.png", (688, 1010))


def report_screenshots(browser: Any, report: Path) -> list[Path]:
    """The municipality's report as its manager first sees it, on a phone and at a desk: the
    skip links and this week's index beside the kommungrupp and the nation."""
    shots = []
    for name, (width, height) in REPORT_SHOTS.items():
        page = browser.new_page(viewport={"width": width, "height": height}, locale="sv-SE")
        page.goto(report.as_uri())
        page.screenshot(path=str(IMAGES / name), full_page=False)
        page.close()
        shots.append(IMAGES / name)
    # the print view: Chromium's own print rendering (@media print) at the width of an A4
    # page's printable area; the first page's height of it (a PDF cannot be rasterised here)
    name, (width, height) = PRINT_SHOT
    page = browser.new_page(viewport={"width": width, "height": height}, locale="sv-SE")
    page.emulate_media(media="print")
    page.goto(report.as_uri())
    page.screenshot(path=str(IMAGES / name), full_page=False)
    page.close()
    shots.append(IMAGES / name)
    return shots


THEMES_SHOT = "report-themes.png"


def themes_screenshot(browser: Any, report: Path) -> Path:
    """The report's comment-themes section at a desk: each theme's share of the released
    comments and its tone, beside the kommungrupp and the nation."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="sv-SE")
    page.goto(report.as_uri())
    section = page.locator("section.kommentarsteman")
    if section.count() != 1:
        raise RuntimeError("the report has no comment-themes section: no batch was released")
    section.screenshot(path=str(IMAGES / THEMES_SHOT))
    page.close()
    return IMAGES / THEMES_SHOT


def _open_form(run: Any) -> str:
    """A link the demo did not answer or decline, at its form with the scale questions (an
    e-mail invitation's second step, after "ja": SKR's two scored questions)."""
    import urllib.request

    for sent in reversed(run.sent):
        if not sent.link:
            continue
        with urllib.request.urlopen(sent.link, timeout=30) as page:  # noqa: S310 - loopback
            html = page.read()
        if b'name="tel_bemotande"' in html:
            return str(sent.link)
        if b'name="epost_aterkoppling"' in html:
            return f"{sent.link}?epost_aterkoppling=ja"
    raise RuntimeError("the demo left no invitation open")


def main() -> int:
    from playwright.sync_api import sync_playwright

    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as out, demo(port=0, out=Path(out)) as run:
        answer_and_report(run, answers=4)  # answers and declines the first links
        form_link = _open_form(run)  # still open: a GET never changes that
        with sync_playwright() as playwright:
            browser = launch(playwright)
            phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="sv-SE")
            phone.goto(form_link)
            phone.screenshot(path=str(IMAGES / "survey-form.png"), full_page=True)
            phone.goto(form_link + ("&" if "?" in form_link else "?") + "lang=ar")
            phone.screenshot(path=str(IMAGES / "survey-form-ar.png"), full_page=False)
            shots = report_screenshots(browser, Path(out) / f"rapport-{HOME}.html")
            shots.append(themes_screenshot(browser, Path(out) / f"rapport-{HOME}.html"))
            mails = upload_report_mail(browser, run.upload_mails)
            contact = contact_screenshots(browser, run.survey_url)
            browser.close()
    names = (
        "survey-form.png",
        "survey-form-ar.png",
        *(shot.name for shot in shots),
        *mails,
        *contact,
    )
    print("wrote " + ", ".join(str(IMAGES / name) for name in names))
    return 0


def contact_screenshots(browser: Any, survey_url: str) -> tuple[str, ...]:
    """ "Kontakta mig" on a phone after a send without a way to reach the resident (the error
    summary), and the actions on /om."""
    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="sv-SE")
    phone.goto(f"{survey_url}/kontakt?k={HOME}")
    phone.locator("#name").fill("Kim")
    phone.locator("button[type=submit]").click()
    phone.wait_for_selector(".error-summary")
    phone.screenshot(path=str(IMAGES / "contact-form.png"), full_page=True)
    phone.goto(f"{survey_url}/om?k={HOME}")
    phone.locator("h2", has_text="Det här gör vi").scroll_into_view_if_needed()
    phone.screenshot(path=str(IMAGES / "about-actions.png"), full_page=False)
    phone.close()
    return ("contact-form.png", "about-actions.png")


def upload_report_mail(browser: Any, mails: list[bytes]) -> tuple[str, ...]:
    """The first upload report the demo e-mailed: its HTML part as the mail shows it, and its
    text part in a monospace page (as a text-only mail client shows it)."""
    from email import message_from_bytes, policy

    if not mails:
        raise RuntimeError("the demo e-mailed no upload report (is REPORT_SENDER set?)")
    message = message_from_bytes(mails[0], policy=policy.default)
    html = message.get_body(preferencelist=("html",))
    text = message.get_body(preferencelist=("plain",))
    assert html is not None and text is not None  # noqa: PT018 - not a test
    headers = f"Från: {message['From']}\nTill: {message['To']}\nÄmne: {message['Subject']}\n\n"
    page = browser.new_page(viewport={"width": 760, "height": 900}, locale="sv-SE")
    page.set_content(str(html.get_content()))
    page.screenshot(path=str(IMAGES / "upload-report-mail.png"), full_page=True)
    plain = headers + str(text.get_content()).replace("\r\n", "\n")
    page.set_content(
        '<!DOCTYPE html><html lang="sv"><meta charset="utf-8"><body style="margin:16px">'
        '<pre style="font:14px/1.45 monospace;white-space:pre-wrap;max-width:88ch">'
        + escape(plain)
        + "</pre></body></html>"
    )
    page.screenshot(path=str(IMAGES / "upload-report-mail-text.png"), full_page=True)
    return ("upload-report-mail.png", "upload-report-mail-text.png")


if __name__ == "__main__":
    sys.exit(main())
