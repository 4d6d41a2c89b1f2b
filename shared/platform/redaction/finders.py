"""What the thorough pass's finders share (``shared.platform.redaction.thorough``): a found span
``(start, end, mark)`` (``Span``), and the libraries a number's check needs, imported on the first
comment that needs them (phonenumbers ~45 ms, python-stdnum ~35 ms): most comments hold no
number, and the survey's cold start should not pay for them; (thirteenth round) ``Lazy``, a
pattern compiled on its first use, for the same reason."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import cache
from types import ModuleType

# phonenumbers (~45 ms) and stdnum (~35 ms) are imported on the first comment that needs them:
# most comments hold no number, and the survey's cold start should not pay for them.


@cache
def _phonenumbers() -> ModuleType:
    import phonenumbers

    return phonenumbers


@cache
def _service_types() -> frozenset[int]:
    """The number types of agencies and companies: toll-free, shared cost (0771), premium, 010."""
    kind = _phonenumbers().PhoneNumberType
    return frozenset(
        {kind.TOLL_FREE, kind.PREMIUM_RATE, kind.SHARED_COST, kind.UAN, kind.VOICEMAIL}
    )


@cache
def _personnummer_valid() -> Callable[[str], bool]:
    from stdnum.se import personnummer

    return personnummer.is_valid


@cache
def _hetu_valid() -> Callable[[str], bool]:
    """(seventh round) A Finnish henkilötunnus as python-stdnum checks it (date, century sign,
    check character): residents who moved here give theirs as a Swede gives a personnummer."""
    from stdnum.fi import hetu

    return hetu.is_valid


@cache
def _eleven_digit_id_valid() -> Callable[[str], bool]:
    """(seventh round) A Polish PESEL or a Norwegian fødselsnummer (eleven digits, a date and
    check digits) as python-stdnum checks it; (eighth round) an Estonian isikukood too."""
    from stdnum.ee import ik
    from stdnum.no import fodselsnummer
    from stdnum.pl import pesel

    return lambda number: (
        pesel.is_valid(number) or fodselsnummer.is_valid(number) or ik.is_valid(number)
    )


@cache
def _jmbg_valid() -> Callable[[str], bool]:
    """(twelfth round) A JMBG (Bosnia and Herzegovina, Serbia, Montenegro, North Macedonia: the
    former Yugoslavia's thirteen digits, a date, a region and a check digit) as python-stdnum
    checks it: its Slovenian EMŠO is the same number under its Slovenian name (``si.emso``
    checks the date and the check digit for any region)."""
    from stdnum.si import emso

    return emso.is_valid


Span = tuple[int, int, str]


class Lazy:
    """A pattern compiled on its first use, not at import. (Thirteenth round) The finders hold
    some hundred patterns, tens of milliseconds of a cold start's CPU to compile in all; a
    comment reads few of them (the address finders that read a house number only where one can
    stand, the identity numbers' only with digits enough), so a Lambda's first comment compiles
    what it reads."""

    __slots__ = ("_compiled", "_flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self._flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().fullmatch(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[str]:
        return self.compiled().findall(text, pos, endpos)

    def sub(
        self, replacement: str | Callable[[re.Match[str]], str], text: str, count: int = 0
    ) -> str:
        return self.compiled().sub(replacement, text, count)


lazy = Lazy
