"""Contact times: the forms contact-centre exports write, Europe/Stockholm when no offset is given.

Accepted dates: ISO ``2026-03-13``; compact ``20260313``; day-first with dots ``13.03.2026``
(also ``13.3.2026``). Each may be followed (after a space, or ``T``) by a clock time: ``08:02``,
``8:02`` or ``08.02`` (the Swedish separator), with seconds (``08:02:10``, ``08.02.10``) and a
fraction (``,5`` or ``.5``) if wanted, and an offset (``+01:00``, ``+0100``, ``Z``).

Never accepted: a month-first form or one whose order cannot be told (``03/13/2026``,
``13/03/2026``, ``3-13-2026``), two-digit years, Excel serial numbers. Guessing the day/month
order would be silently wrong for every day ≤ 12, so such values are ``invalid_date``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import NamedTuple

from shared.core.time import STOCKHOLM_TZ

_CLOCK = r"(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2})(?:[.,](?P<F>\d{1,6}))?)?"
_OFFSET = r"(?P<Z>Z|[+-]\d{2}:?\d{2})"
_WHEN = re.compile(
    r"(?:(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"|(?P<cy>\d{4})(?P<cm>\d{2})(?P<cd>\d{2})"
    r"|(?P<dd>\d{1,2})\.(?P<dm>\d{1,2})\.(?P<dy>\d{4}))"
    rf"(?:[T ]{_CLOCK}\s*{_OFFSET}?)?",
    re.ASCII,
)
DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}|\d{8}|\d{1,2}\.\d{1,2}\.\d{4}", re.ASCII)
CLOCK_ONLY = re.compile(_CLOCK, re.ASCII)
_ONE_DAY = timedelta(days=1)


class ContactTime(NamedTuple):
    at: datetime  # aware; midnight (Stockholm) for a date without a time
    latest: datetime  # the latest moment the value can mean: the end of the day for a date


def _offset(value: str) -> timezone:
    if value == "Z":
        return UTC
    sign = -1 if value[0] == "-" else 1
    digits = value[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_contact_time(value: str) -> ContactTime | None:
    """Parse one non-empty time value; None when it is not one of the accepted forms."""
    match = _WHEN.fullmatch(value)
    if match is None:
        return None
    g = match.group
    year, month, day = (
        (g("y"), g("m"), g("d"))
        if g("y")
        else (g("cy"), g("cm"), g("cd"))
        if g("cy")
        else (g("dy"), g("dm"), g("dd"))
    )
    try:
        if g("H") is None:
            at = datetime(int(year), int(month), int(day), tzinfo=STOCKHOLM_TZ)
            return ContactTime(at, at + _ONE_DAY)  # a day: it may have been any moment of it
        fraction = g("F") or ""
        parsed = datetime(
            int(year),
            int(month),
            int(day),
            int(g("H")),
            int(g("M")),
            int(g("S") or 0),
            int(fraction.ljust(6, "0")) if fraction else 0,
            tzinfo=_offset(g("Z")) if g("Z") else STOCKHOLM_TZ,
        )
    except ValueError:  # e.g. month 13, 25:00, 30 February, an offset of 25 hours
        return None
    return ContactTime(parsed, parsed)


def is_clock(value: str) -> bool:
    """A clock time on its own (``08:02``, ``8.02``, ``08:02:10``) with a valid hour and minute."""
    match = CLOCK_ONLY.fullmatch(value)
    return (
        match is not None
        and int(match["H"]) < 24
        and int(match["M"]) < 60
        and int(match["S"] or 0) < 60
    )


def combine(values: list[str]) -> str | None:
    """One time value from a row's time columns, or None when one of them cannot be read.

    A value with a date and a time wins; else a date and a clock time from separate columns
    are joined (``2026-03-13`` + ``08:02``); else the date alone. Any value that is neither a
    date, a date with a time, nor a clock time (``ca 8``, ``förmiddag``, a duration ``4 min``)
    is not silently dropped: the row is refused as ``invalid_date``. Clock times alone, with no
    date, are ``invalid_date`` too.
    """
    if len(values) == 1:
        return values[0]
    dated: str | None = None
    day: str | None = None
    clock: str | None = None
    for value in values:
        if DATE_ONLY.fullmatch(value):
            day = day or value
        elif is_clock(value):
            clock = clock or value
        elif parse_contact_time(value) is not None:
            dated = dated or value
        else:
            return None
    if dated is not None:
        return dated
    if day is not None:
        return f"{day} {clock}" if clock is not None else day
    return values[0]
