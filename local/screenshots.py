"""The README's pictures, taken by the project's own headless Chromium from a real demo run:
the survey form as a resident sees it (phone width), the same form in Arabic (right to left),
and the municipality's results report.

    python -m local.screenshots     (make screenshots)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from local.browser import launch
from local.demo import HOME, answer_and_report, demo

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"


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
            desk = browser.new_page(viewport={"width": 1200, "height": 900}, locale="sv-SE")
            desk.goto((Path(out) / f"rapport-{HOME}.html").as_uri())
            desk.screenshot(path=str(IMAGES / "report.png"), full_page=False)
            browser.close()
    names = ("survey-form.png", "survey-form-ar.png", "report.png")
    print("wrote " + ", ".join(str(IMAGES / name) for name in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
