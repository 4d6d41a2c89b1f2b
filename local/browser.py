"""Debian's Chromium, driven by Playwright: the one way the tests and the screenshots launch it.

Playwright's own browser download is not reachable here, so the system Chromium is used
(``scripts/browser-deps.sh`` installs it; ``make test`` runs that script). The flags keep it
from reaching out to Google's services, which this machine's closed network refuses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class BrowserMissing(RuntimeError):
    pass


def launch(playwright: Any) -> Any:
    """A headless Chromium browser from a started ``sync_playwright()``."""
    if not CHROMIUM.exists():
        raise BrowserMissing(f"{CHROMIUM} is missing: run scripts/browser-deps.sh (make test does)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
