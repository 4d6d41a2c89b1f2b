"""The facts residents are told (GDPR art. 13/14): who runs the survey, what is kept, how long.

One source for the /om page, the accessibility statement and ``servicematning infotext``, so
the web page, the voice response and the auto-reply can never say different things. Every
figure is read from the setting the code enforces (the tenant's settings, the tenant model's
limits, the resource shapes), never written into a text: a test renders every page and text
with unusual settings and finds each figure, and no other (tests/unit/survey/test_page_facts.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from shared.core.questions import COMMENT_MAX_CHARS
from shared.core.tenants import Tenant
from shared.platform import resources

# The processor (personuppgiftsbiträde) and where the data is processed: the one cloud provider.
PROCESSOR = "Amazon Web Services EMEA SARL (AWS)"
PROCESSING_REGION = "eu-north-1"

# The accessibility statement (DIGG's model): when the service was last assessed, and how.
ACCESSIBILITY_ASSESSED = date(2026, 12, 1)
ACCESSIBILITY_UPDATED = date(2026, 12, 1)


def _limit(field: str, kind: str) -> int:
    """A numeric bound (``le``/``ge``) of a Tenant field, as the model enforces it."""
    for constraint in Tenant.model_fields[field].metadata:
        value: Any = getattr(constraint, kind, None)
        if value is not None:
            return int(value)
    raise LookupError(f"Tenant.{field} has no {kind} bound")


GENERAL_MAX_HOLDING_HOURS = _limit("max_holding_hours", "le")  # the most any tenant may set
GENERAL_MIN_CELL_SIZE = _limit("min_cell_size", "ge")  # the least any tenant may set


@dataclass(frozen=True)
class Facts:
    organisation: str | None
    kommunkod: str | None
    privacy_contact: str | None
    website: str | None
    max_holding_hours: int
    min_cell_size: int
    accessibility_contact: str | None = None
    sender_id: str | None = None  # what a genuine SMS comes from
    email_sender: str | None = None  # what a genuine e-mail comes from
    domain: str | None = None  # what a genuine link leads to (the pages' own domain)
    comment_batch: int = 0  # a comment is published with at least this many others
    inbox_expiry_days: int = resources.INBOX_EXPIRY_DAYS
    comment_max_chars: int = COMMENT_MAX_CHARS
    processor: str = PROCESSOR
    processing_region: str = PROCESSING_REGION
    assessed: str = ACCESSIBILITY_ASSESSED.isoformat()
    updated: str = ACCESSIBILITY_UPDATED.isoformat()


def comment_batch() -> int:
    """The fewest comments published together (the results' comment batches)."""
    from shared.core.pool import DEFAULT_BATCH  # only where a page states it

    return DEFAULT_BATCH


def facts(tenant: Tenant | None, domain: str | None = None) -> Facts:
    """What the pages and texts tell residents; ``domain`` is the survey pages' own (the
    host a genuine link leads to)."""
    if tenant is None:
        return Facts(
            organisation=None,
            kommunkod=None,
            privacy_contact=None,
            website=None,
            max_holding_hours=GENERAL_MAX_HOLDING_HOURS,
            min_cell_size=GENERAL_MIN_CELL_SIZE,
            domain=domain,
            comment_batch=comment_batch(),
        )
    return Facts(
        organisation=tenant.name,
        kommunkod=tenant.kommunkod,
        privacy_contact=tenant.privacy_contact,
        website=tenant.website or None,
        max_holding_hours=tenant.max_holding_hours,
        min_cell_size=tenant.min_cell_size,
        accessibility_contact=tenant.accessibility_contact or tenant.privacy_contact,
        sender_id=tenant.sms_sender_id,
        email_sender=tenant.email_sender,
        domain=domain,
        comment_batch=comment_batch(),
    )
