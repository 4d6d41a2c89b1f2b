"""A municipality's allow-list: its published numbers, shared mailboxes and addresses, which
redaction leaves as written (``Tenant.public_contacts``).

A number is allowed by its digits in the national form (a switchboard written with the
country code is the same number as with its leading 0); any other entry (a mailbox,
"Stadshuset, Fiskartorget 1", a street used as a place) by where it stands in the comment: a
finding inside an occurrence of it, case- and space-blind and never inside a longer word or
address, stays. A person's name is never allowed by being part of an entry.

(Thirteenth round) The municipality's contact points written in other ways are still its own: a
mailbox with spaces around its ``@`` and dots or with them in words (``kommun @ lulea.se``,
``kommun snabel-a lulea punkt se``, ``(at)``), and the address of an entry that names a place
and its address (``Stadshuset, Rådstugatan 11``) without the place's name (``Rådstugatan 11``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from shared.platform.redaction.normalise import normalise

if TYPE_CHECKING:
    from shared.core.tenants import Tenant

PHONE_MARK = "[telefon]"
Span = tuple[int, int, str]


class Allow:
    """What a municipality publishes: numbers (compared by their digits in the national form),
    mailboxes (compared case-blind) and other strings such as addresses and places (a span is
    allowed when one of them holds it, case- and space-blind)."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.numbers: set[str] = set()
        self.texts: list[str] = []
        for entry in entries:
            entry = " ".join(normalise(entry).text.split())
            if not entry:
                continue
            digits = _national(entry)
            if "@" not in entry and len(digits) >= 3 and not any(c.isalpha() for c in entry):
                self.numbers.add(digits)
            else:
                self.texts.append(entry.casefold())
                # the address after a place's name: "Stadshuset, Rådstugatan 11"
                _place, comma, address = entry.partition(", ")
                if comma and "@" not in entry and any(c.isdigit() for c in address):
                    self.texts.append(address.casefold())

        self.pattern = (
            re.compile(
                "|".join(
                    _mailbox(entry) if "@" in entry else r"\s+".join(map(re.escape, entry.split()))
                    for entry in sorted(self.texts, key=len, reverse=True)
                ),
                re.IGNORECASE,
            )
            if self.texts
            else None
        )

    def filter(self, text: str, spans: list[Span]) -> list[Span]:
        """``spans`` less those inside an allowed string or that are an allowed number."""
        kept = (
            [(m.start(), m.end()) for m in self.pattern.finditer(text) if _whole(text, m)]
            if self.pattern
            else []
        )
        return [
            (start, end, mark)
            for start, end, mark in spans
            if not (mark == PHONE_MARK and _national(text[start:end]) in self.numbers)
            and not any(s <= start and end <= e for s, e in kept)
        ]


_AT = r"(?:\s*@\s*|\s*[(\[]\s*(?:at|@|snabel-?a)\s*[)\]]\s*|\s+(?:snabel-?a|at)\s+)"
_DOT = r"(?:\s*\.\s*|\s*[(\[]\s*(?:dot|punkt)\s*[)\]]\s*|\s+(?:punkt|dot)\s+)"


def _mailbox(entry: str) -> str:
    """A pattern for a mailbox as residents write it: spaces around its ``@`` and dots, or
    either in words (``snabel-a``, ``(at)``, ``punkt``, ``dot``)."""
    local, _, domain = entry.partition("@")
    return _AT.join(
        [_DOT.join(map(re.escape, local.split("."))), _DOT.join(map(re.escape, domain.split(".")))]
    )


def _whole(text: str, match: re.Match[str]) -> bool:
    """The match is not part of a longer word or address."""
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return not (before.isalnum() or before in "@.-_") and not (after.isalnum() or after in "@-_")


def _national(text: str) -> str:
    """The digits of a Swedish number as dialled at home: +46 21… and 0046 21… are 021…"""
    compact = "".join(c for c in text if c.isdigit() or c == "+")
    for prefix in ("+46", "0046"):
        if compact.startswith(prefix):
            return "0" + compact[len(prefix) :].lstrip("0").replace("+", "")
    return compact.replace("+", "")


@lru_cache(maxsize=64)
def allowed(entries: tuple[str, ...]) -> Allow:
    """The allow-list of these entries (built once per tenant's list)."""
    return Allow(entries)


def tenant_allow(tenant: Tenant) -> tuple[str, ...]:
    """A municipality's allow-list: its ``public_contacts`` and the service addresses it already
    publishes (sender, privacy and accessibility contacts, the contact centre's report boxes)."""
    own = (tenant.email_sender, tenant.privacy_contact, tenant.accessibility_contact)
    return tuple(
        dict.fromkeys([*tenant.public_contacts, *(a for a in own if a), *tenant.report_contacts])
    )
