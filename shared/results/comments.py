"""Comments: released only in large shuffled batches, because noise cannot protect a text.

A comment waits in the comment pool (one item, redacted when the resident sent it, no time
finer than the contact day) until its municipality's campaign holds a batch that is

- at least ``batch`` comments (default 20, never fewer than 10),
- from at least ``MIN_DAYS`` different contact days,
- and at least ``MIN_INTERVAL_DAYS`` after the municipality's previous batch;

then the whole pool goes out in one shuffled batch, dated by the release day only, and the
pool is emptied. A channel or errand label is attached only when that label's group holds at
least ``batch`` comments in the batch; no day, week or score ever is.

What this cannot protect (docs/privacy.md): a reader who planted all the other comments of a
batch can still pick out the one it did not write. Pure: no AWS.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from shared.models import ResponseItem
from shared.results.figures import Comment
from shared.spreadsheet import safe_cell

MIN_BATCH = 10
DEFAULT_BATCH = 20
MIN_DAYS = 3
MIN_INTERVAL_DAYS = 7


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


@dataclass(frozen=True)
class Pooled:
    comment_id: str
    text: str
    channel: str
    errand: str
    contact_day: str

    @classmethod
    def from_item(cls, item: Mapping[str, Any]) -> Pooled:
        return cls(
            str(item["comment_id"]),
            str(item.get("text", "")),
            str(item.get("channel", "")),
            str(item.get("errand", "")),
            str(item.get("contact_day", "")),
        )


def due(
    pooled: list[Pooled], last_release: date | None, today: date, batch: int = DEFAULT_BATCH
) -> bool:
    """Whether the pool may go out as one batch today."""
    batch = max(MIN_BATCH, batch)
    if last_release is not None and today < last_release + timedelta(days=MIN_INTERVAL_DAYS):
        return False
    days = {p.contact_day for p in pooled}
    return len(pooled) >= batch and len(days) >= MIN_DAYS


def release(
    tenant: str,
    campaign: str,
    pooled: Iterable[Pooled],
    today: date,
    batch: int = DEFAULT_BATCH,
    shuffle: Any = None,
) -> list[Comment]:
    """The batch readers see: shuffled, labelled only where a label's group is large enough."""
    batch = max(MIN_BATCH, batch)
    items = list(pooled)
    (shuffle or secrets.SystemRandom().shuffle)(items)
    channels = Counter(p.channel for p in items)
    errands = Counter(p.errand for p in items if p.errand)
    return [
        Comment(
            tenant=tenant,
            campaign=campaign,
            channel=p.channel if channels[p.channel] >= batch else "",
            text=safe_cell(p.text),
            errand=p.errand if p.errand and errands[p.errand] >= batch else "",
            released_on=today.isoformat(),
        )
        for p in items
    ]
