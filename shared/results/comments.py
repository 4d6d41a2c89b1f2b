"""Comments: released only in large shuffled batches on the calendar's comment days, because
noise cannot protect a text.

A comment waits in the comment pool (one item, redacted when the resident sent it, no time
finer than the contact day). On each of its campaign's *comment days* (``schedule``: a few
release days, the final release last) the municipality's pool is checked once:

- its count is taken with at most ``per_day(batch)`` comments of any one contact day, so that a
  count of ``batch`` means at least ``MIN_DAYS`` different days (and one comment moves it by 1);
- the count plus discrete Gaussian noise must clear ``batch`` + ``MARGIN_SIGMAS`` σ: the noise
  is paid from the resident's budget (``noise.Budget.comment_sigma``: a comment waiting through
  every comment day of its campaign costs ``comments_rho``), and the margin makes a batch of
  fewer than ``batch`` comments a one-in-a-million event, which is then held back;
- when it clears, the whole pool goes out as one shuffled batch, dated by the release day only.

Whether a batch goes out thus never depends on an exact count: a target's comment changes the
chance of a batch by a factor the budget bounds. A channel or errand label is attached only
when that label's group holds at least ``batch`` comments in the batch; no day, week or score
ever is.

What this cannot protect (docs/privacy.md): a reader who planted all the other comments of a
batch can still pick out the one it did not write. Pure: no AWS.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from shared.core.pool import DEFAULT_BATCH
from shared.core.spreadsheet import safe_cell
from shared.results.disclosure import noise
from shared.results.figures import Comment

MIN_BATCH = 10
MIN_DAYS = 3
MARGIN_SIGMAS = 4.75  # P(N(0,1) >= 4.75) is 1e-6: the noisy check's margin


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


def per_day(batch: int) -> int:
    """The most comments of one contact day the check counts: a count of ``batch`` then needs
    at least ``MIN_DAYS`` days."""
    return -(-batch // (MIN_DAYS - 1)) - 1


def checked_count(pooled: Iterable[Pooled], batch: int = DEFAULT_BATCH) -> int:
    """The pool's count as the check sees it: one comment moves it by at most 1."""
    days = Counter(p.contact_day for p in pooled)
    cap = per_day(max(MIN_BATCH, batch))
    return sum(min(cap, count) for count in days.values())


def threshold(batch: int, sigma: float) -> float:
    return max(MIN_BATCH, batch) + MARGIN_SIGMAS * sigma


def due(
    pooled: list[Pooled],
    sigma: float,
    batch: int = DEFAULT_BATCH,
    bits: noise.Bits | None = None,
) -> bool:
    """The comment day's one noisy check: whether the pool goes out as one batch."""
    batch = max(MIN_BATCH, batch)
    count = checked_count(pooled, batch)
    noisy = count + noise.discrete_gaussian(sigma, bits)
    # the second condition fails only where the noise cleared the margin (probability 1e-6):
    # the batch is then held back, never released with fewer than ``batch`` comments
    return noisy >= threshold(batch, sigma) and count >= batch


def release(
    tenant: str,
    campaign: str,
    pooled: Iterable[Pooled],
    today: date,
    batch: int = DEFAULT_BATCH,
    shuffle: Any = None,
    allow: Iterable[str] = (),
) -> list[Comment]:
    """The batch readers see: shuffled, labelled only where a label's group is large enough,
    every text through the thorough redaction once more (with the municipality's published
    contact points, ``allow``, as they are on the release day) and made safe for a
    spreadsheet: nothing a thorough pass would remove reaches a reader (a text the pass raises
    on is shown as ``WITHHELD``)."""
    from shared.platform.redaction.thorough import (  # its name lists load here, not on import
        WITHHELD,
        thorough_or_withheld,
    )

    allowed = tuple(allow)
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
            # (a text the pass raises on is withheld, not shown: the batch keeps its size)
            text=safe_cell(thorough_or_withheld(p.text, allowed, stage="results") or WITHHELD),
            errand=p.errand if p.errand and errands[p.errand] >= batch else "",
            released_on=today.isoformat(),
        )
        for p in items
    ]
