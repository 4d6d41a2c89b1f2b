"""The comment pool: what a survey answer's comment adds, and the floor its release keeps.

The survey writes a comment (already redacted) into the pool in the answer's own transaction
(``pool_item``); the results' comment release (``shared.results.comments``) reads the pool and
releases it in shuffled batches of at least ``DEFAULT_BATCH`` comments, the number ``/om``
states to residents. Both sides read the item's shape and the floor from here.
"""

from __future__ import annotations

import secrets
from typing import Any

from shared.core.models import ResponseItem

DEFAULT_BATCH = 20  # the fewest comments a batch releases (public: /om says it)


def pool_key(tenant: str, campaign: str) -> str:
    return f"{tenant}#{campaign}"


def pool_item(response: ResponseItem, keep_until: int) -> dict[str, Any]:
    """The pool's copy of a comment (already redacted by the survey)."""
    return {
        "pool": pool_key(response.tenant, response.campaign),
        "comment_id": secrets.token_hex(16),
        "text": response.comment or "",
        "channel": response.channel.value,
        "errand": response.errand or "",
        "contact_day": response.contact_day.isoformat(),
        "expires_at": keep_until,
    }
