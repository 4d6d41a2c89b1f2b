"""The README's pictures, taken by the project's own headless Chromium from a real demo run:
the survey form as a resident sees it (phone width), the same form in Arabic (right to left),
and the municipality's results report on a phone (390 px) and at a desk (1280 px).

    python -m local.screenshots     (make screenshots)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from local.browser import launch
from local.demo import HOME, answer_and_report, demo

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"


REPORT_SHOTS = {"report-390.png": (390, 844), "report-1280.png": (1280, 1000)}


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
    return shots


def main() -> int:
    from playwright.sync_api import sync_playwright

    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as out, demo(port=0, out=Path(out)) as run:
        answer_and_report(run, answers=4)  # answers and declines the first links
        form_link = run.sent[-1].link  # still open
        with sync_playwright() as playwright:
            browser = launch(playwright)
            phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="sv-SE")
            phone.goto(form_link)
            phone.screenshot(path=str(IMAGES / "survey-form.png"), full_page=True)
            phone.goto(form_link + "?lang=ar")  # a GET: the link stays open
            phone.screenshot(path=str(IMAGES / "survey-form-ar.png"), full_page=False)
            shots = report_screenshots(browser, Path(out) / f"rapport-{HOME}.html")
            browser.close()
    names = ("survey-form.png", "survey-form-ar.png", *(shot.name for shot in shots))
    print("wrote " + ", ".join(str(IMAGES / name) for name in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
