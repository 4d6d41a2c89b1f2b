"""E-mail addresses: syntax checked by ``email-validator`` without DNS, sendable through SES.

SES delivers only to 7-bit local parts, so a non-ASCII local part is refused (no SMTPUTF8);
an internationalised domain is fine and is kept in its ASCII (punycode) form. The forms mail
programs and Excel's hyperlinks write — ``Nisse Hult <nisse@example.se>`` and
``mailto:nisse@example.se`` — are read as the bare address.

``validate_email`` costs ~17 µs an address. The fast path handles the common shape — a plain
ASCII dot-atom local part and an ASCII host name — by checking the local part with a stricter
subset of email-validator's own rule and asking email-validator about each distinct domain once
(cached; a file has few distinct domains). The answer is the same string email-validator
would return; a property test compares the two.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from email_validator import EmailNotValidError, validate_email
from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES, EMAIL_MAX_LENGTH

from shared.contacts.reasons import Reason

# A subset of RFC 5322 dot-atom (email-validator accepts more: ! # $ % & ' * / = ? ^ ` { | } ~);
# anything outside it takes the slow path.
_FAST_LOCAL = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*")
_FAST_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CASE_INSENSITIVE = frozenset(CASE_INSENSITIVE_MAILBOX_NAMES)
_DOMAIN_CACHE_LIMIT = 10_000
_PROBE_LOCAL = "a"


class EmailResult(NamedTuple):
    address: str | None  # the address to send to (punycode domain), when valid
    reason: Reason | None


def validate_with_email_validator(raw: str) -> EmailResult:
    """The reference answer (slow): what ``email-validator`` says about ``raw``."""
    try:
        checked = validate_email(raw, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        return EmailResult(None, Reason.INVALID_EMAIL)
    if checked.ascii_email is None:  # defensive: allow_smtputf8=False already implies ASCII
        return EmailResult(None, Reason.INVALID_EMAIL)
    return EmailResult(checked.ascii_email, None)


class _Domain(NamedTuple):
    ascii_domain: str | None  # None: email-validator refuses the domain
    longest: int  # the longest of its original, normalised and ASCII forms, in UTF-8 bytes


class EmailChecker:
    """Validates addresses, remembering what email-validator said about each domain."""

    def __init__(self) -> None:
        self._domains: dict[str, _Domain] = {}

    def _domain(self, domain: str) -> _Domain | None:
        known = self._domains.get(domain)
        if known is not None:
            return known
        try:
            checked = validate_email(
                f"{_PROBE_LOCAL}@{domain}", check_deliverability=False, allow_smtputf8=False
            )
        except EmailNotValidError as error:
            if "too long" in str(error):  # depends on the whole address: leave it to the slow path
                return None
            known = _Domain(None, 0)
        else:
            longest = max(len(domain), len(checked.domain.encode()), len(checked.ascii_domain))
            known = _Domain(checked.ascii_domain, longest)
        if len(self._domains) < _DOMAIN_CACHE_LIMIT:
            self._domains[domain] = known
        return known

    def check(self, raw: str) -> EmailResult:
        """Classify one non-empty, stripped e-mail value."""
        local, at, domain = raw.partition("@")
        if (
            at
            and _FAST_LOCAL.fullmatch(local)
            and _FAST_DOMAIN.fullmatch(domain)
            and local.lower() not in _CASE_INSENSITIVE
        ):
            known = self._domain(domain)
            if known is not None:
                if known.ascii_domain is None:
                    return EmailResult(None, Reason.INVALID_EMAIL)
                if len(local) + 1 + known.longest <= EMAIL_MAX_LENGTH:
                    return EmailResult(f"{local}@{known.ascii_domain}", None)
        unwrapped = unwrap(raw)
        if unwrapped is not None:
            return self.check(unwrapped)
        return validate_with_email_validator(raw)


# "Nisse Hult <nisse@example.se>", "<nisse@example.se>", '"Hult, Nisse" <nisse@example.se>'
_DISPLAY_NAME = re.compile(r"[^<>@]*<\s*([^<>\s]+@[^<>\s]+?)\s*>")
_MAILTO = re.compile(r"mailto:\s*([^?\s]+@[^?\s]+)(?:\?.*)?", re.IGNORECASE)


def unwrap(raw: str) -> str | None:
    """The bare address of a display-name (``Namn <a@b.se>``) or ``mailto:`` form, else None."""
    match = _DISPLAY_NAME.fullmatch(raw) or _MAILTO.fullmatch(raw)
    if match is None:
        return None
    inner = match.group(1)
    lowered = inner.casefold()
    if lowered.startswith("mailto:"):  # <mailto:a@b.se>
        return unwrap(inner)
    return inner
