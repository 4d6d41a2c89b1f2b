"""Text that is safe to open in a spreadsheet (CSV formula injection, OWASP's advice)."""

from __future__ import annotations

import unicodedata

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Prefix a text that a spreadsheet would run as a formula with an apostrophe."""
    probe = unicodedata.normalize("NFKC", text).lstrip(" ")
    return "'" + text if probe.startswith(TRIGGERS) else text
