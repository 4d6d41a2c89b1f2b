"""Contact times: ISO 8601 only, Europe/Stockholm when no offset is given.

Accepted: ``2026-03-13``, ``2026-03-13 08:02``, ``2026-03-13T08:02``, either with seconds
(and a fraction), and either with an offset (``+01:00``, ``+0100``, ``Z``). Anything else —
``13/03/2026``, ``2026-03-13 08.02``, Excel serial numbers — is ``invalid_date``: guessing
day/month order would be silently wrong.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from shared.tenants import STOCKHOLM

STOCKHOLM_TZ = ZoneInfo(STOCKHOLM)

_DATE = r"\d{4}-\d{2}-\d{2}"
_CLOCK = r"\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?"
_ISO = re.compile(rf"{_DATE}(?:[T ]{_CLOCK}(?:Z|[+-]\d{{2}}:?\d{{2}})?)?")
DATE_ONLY = re.compile(_DATE)
CLOCK_ONLY = re.compile(_CLOCK)
_ONE_DAY = timedelta(days=1)


class ContactTime(NamedTuple):
    at: datetime  # aware; midnight (Stockholm) for a date without a time
    latest: datetime  # the latest moment the value can mean: the end of the day for a date


def parse_contact_time(value: str) -> ContactTime | None:
    """Parse one non-empty time value; None when it is not one of the accepted forms."""
    if not _ISO.fullmatch(value):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace(",", "."))
    except ValueError:  # e.g. month 13, 25:00
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=STOCKHOLM_TZ)
    if len(value) == 10:  # a day: it may have been any moment of it
        return ContactTime(parsed, parsed + _ONE_DAY)
    return ContactTime(parsed, parsed)


def combine(values: list[str]) -> str:
    """One time value from a row's time columns: a separate date and clock time are joined."""
    if len(values) >= 2:
        first, second = values[0], values[1]
        if DATE_ONLY.fullmatch(first) and CLOCK_ONLY.fullmatch(second):
            return f"{first} {second}"
        if CLOCK_ONLY.fullmatch(first) and DATE_ONLY.fullmatch(second):
            return f"{second} {first}"
    return values[0]
