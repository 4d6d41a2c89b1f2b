"""A made-up history of anonymous answers for the demo municipalities, so the comparison with
the nation and the kommungrupp has something to show on the first run.

Only what the real system keeps is generated: invitations (token hashes of random bytes, no
token exists), anonymous responses and declines, and the comments waiting in the pool as the
survey stores them (redacted). Each municipality gets its own level of satisfaction, so the
report shows real differences and intervals. A share of the residents who answer
(``comment_rate``; the demo: about every other) writes a comment, drawn from the team's
labelled example comments (tests/data/themes/train.jsonl; no real resident's), its tone
following the resident's scores: in the demo enough, over enough contact days, for the
results function's noisy check to release a batch on the campaign's first comment day
(shared/results/comments.py), so the report's themes have something to show.
"""

from __future__ import annotations

import functools
import hashlib
import json
import random
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from shared.core import totals
from shared.core.models import Channel, InvitationItem, InvitationStatus, ResponseItem
from shared.core.pool import pool_item
from shared.core.questions import ERRANDS, questions_for
from shared.core.tenants import Tenant

# Response rates of the national measurement: about 18 % by SMS, more by e-mail.
RESPONSE_RATE = {Channel.SMS: 0.18, Channel.EMAIL: 0.30}
DECLINE_RATE = 0.02
COMMENT_RATE = 0.1  # the share of answers with a comment, unless the caller says otherwise
COMMENT_SOURCE = Path(__file__).resolve().parents[1] / "tests" / "data" / "themes" / "train.jsonl"


@functools.cache
def example_comments() -> dict[str, tuple[str, ...]]:
    """The labelled example comments by tone (``positiv``, ``neutral``, ``negativ``)."""
    by_tone: dict[str, list[str]] = defaultdict(list)
    for line in COMMENT_SOURCE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            example = json.loads(line)
            by_tone[example["tone"]].append(example["text"])
    return {tone: tuple(texts) for tone, texts in by_tone.items()}


def _comment(rnd: random.Random, answers: dict[str, int | None], rate: float) -> str | None:
    """A resident's comment (with probability ``rate``) or none; its tone follows the
    resident's mean score."""
    if rnd.random() >= rate:
        return None
    scores = [s for s in answers.values() if s is not None]
    mean = sum(scores) / len(scores) if scores else 3.0
    tone = "positiv" if mean >= 3.75 else "negativ" if mean < 2.75 else "neutral"
    if tone == "neutral" and rnd.random() < 0.5:  # a middling score: praise or complaint as often
        tone = rnd.choice(("positiv", "negativ"))
    return rnd.choice(example_comments()[tone])


def _level(kommunkod: str) -> float:
    """Each municipality's mean score on the 1-5 scale, fixed by its code (3.2 to 4.4)."""
    return 3.2 + (int(hashlib.sha256(kommunkod.encode()).hexdigest(), 16) % 13) / 10


def _score(rnd: random.Random, level: float) -> int | None:
    if rnd.random() < 0.05:
        return None  # "vet ej"
    return max(1, min(5, round(rnd.gauss(level, 1.0))))


def generate(
    tenant: Tenant,
    campaign: str,
    start: date,
    end: date,
    answers_per_channel: int,
    seed: int,
    comment_rate: float = COMMENT_RATE,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ("invitation" | "response", item) pairs for one municipality and campaign."""
    rnd = random.Random(f"{seed}-{tenant.kommunkod}")  # noqa: S311 - reproducible demo data
    level = _level(tenant.kommunkod)
    days = (end - start).days + 1
    expires_at = int(datetime.combine(end + timedelta(days=60), time(), UTC).timestamp())
    for channel in Channel:
        invited = round(answers_per_channel / RESPONSE_RATE[channel])
        for n in range(invited):
            day = start + timedelta(days=rnd.randrange(days))
            answered = n < answers_per_channel
            declined = not answered and rnd.random() < DECLINE_RATE
            status = (
                InvitationStatus.ANSWERED
                if answered
                else InvitationStatus.DECLINED
                if declined
                else InvitationStatus.SENT
            )
            invitation = InvitationItem(
                token_hash=hashlib.sha256(rnd.randbytes(16)).hexdigest(),
                tenant=tenant.kommunkod,
                channel=channel,
                campaign=campaign,
                contact_day=day,
                status=status,
                expires_at=expires_at,
            )
            yield "invitation", invitation.model_dump(mode="json")
            if not answered:
                continue
            answers = {q.id: _score(rnd, level) for q in questions_for(channel)}
            response = ResponseItem(
                tenant=tenant.kommunkod,
                response_id=str(uuid.UUID(int=rnd.getrandbits(128))),
                channel=channel,
                campaign=campaign,
                contact_day=day,
                answers=answers,
                errand=rnd.choice(ERRANDS).id,
                comment=_comment(rnd, answers, comment_rate),
            )
            item = {k: v for k, v in response.model_dump(mode="json").items() if v is not None}
            yield "response", item  # "vet ej" stays None inside answers


@dataclass(frozen=True)
class Tables:
    invitations: Any
    responses: Any
    totals: Any
    comments: Any


def seed_history(
    tenants: list[Tenant],
    campaign: str,
    start: date,
    end: date,
    tables: Tables,
    answers_per_channel: Callable[[Tenant], int],
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
    comment_rate: float = COMMENT_RATE,
) -> int:
    """Write the history of every municipality as the survey and dispatch store it now: the
    invitations, the anonymous responses (folded, no comment), their running totals and the
    comments in the pool. Returns the number of responses written."""
    total = len(tenants)
    responses = 0
    sums: dict[str, totals.Cells] = defaultdict(dict)
    keep_until = int(datetime.combine(end + timedelta(days=120), time(), UTC).timestamp())
    with (
        tables.invitations.batch_writer() as invitations,
        tables.responses.batch_writer() as answers,
        tables.comments.batch_writer() as pool,
    ):
        for done, tenant in enumerate(tenants):
            wanted = answers_per_channel(tenant)
            generated = generate(tenant, campaign, start, end, wanted, seed, comment_rate)
            for kind, item in generated:
                stream = totals.stream_id(item["tenant"], item["campaign"], item["channel"])
                if kind == "response":
                    response = ResponseItem.model_validate(item)
                    extra = tenant.extra_questions_for(response.channel)
                    totals.add(sums[stream], totals.contributions(response, extra))
                    if response.comment:
                        pool.put_item(Item=pool_item(response, keep_until))
                    stored = {k: v for k, v in item.items() if k != "comment"}
                    answers.put_item(Item=stored | {"folded": True})
                    responses += 1
                    continue
                invitations.put_item(Item=item | {"counted": True})
                participation = {totals.INVITATIONS: 1}
                if item["status"] == InvitationStatus.DECLINED.value:
                    participation[totals.DECLINES] = 1
                totals.add(sums[stream], {totals.TOTAL: participation})
            if progress:
                progress(done + 1, total)
    with tables.totals.batch_writer() as cells:
        for stream, stream_cells in sums.items():
            for cell, stats in stream_cells.items():
                cells.put_item(Item={**totals.key(stream, cell), **stats})
    return responses
