"""DynamoDB adapter for the survey: read an invitation, answer it, decline it.

Answering and declining are each one TransactWriteItems whose condition (the invitation still
open and not expired) makes a double submit, a race between two tabs, or a retried request count
once. A failed condition is turned into a domain exception after one consistent read says why.

The same transaction adds the answer to its municipality's running totals (three small items,
``shared.core.totals``) and puts its comment, if any, into the comment pool, so the totals
can never count an answer twice or miss one. Two answers of one municipality that meet on a
totals item make DynamoDB cancel one with ``TransactionConflict``: it is retried after a short
random wait (full jitter), which the resident never notices.

An invitation is open in status ``sent`` and also in ``sending``: dispatch claims a contact as
``sending`` and marks it ``sent`` after the SMS/e-mail call, so if the function dies in between,
the resident already has a working link whose invitation still says ``sending``.
"""

from __future__ import annotations

import random
import secrets
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from shared.core import totals
from shared.core.models import InvitationItem, InvitationStatus, ResponseItem
from shared.core.tenants import ExtraQuestion
from shared.platform import store
from shared.survey.errors import (
    AlreadyAnswered,
    AlreadyDeclined,
    InvitationExpired,
    InvitationNotFound,
)

OPEN_STATUSES = (InvitationStatus.SENT, InvitationStatus.SENDING)
CONFLICT_RETRIES = 8
CONFLICT_BASE_SECONDS = 0.02
CONFLICT_CAP_SECONDS = 0.4


def new_response_id() -> str:
    return secrets.token_hex(16)


def _conflicted(error: ClientError) -> bool:
    reasons = error.response.get("CancellationReasons") or []
    return any(r.get("Code") == "TransactionConflict" for r in reasons)


class SurveyStore:
    """Invitations, responses, totals and comment-pool tables (boto3 Table resources)."""

    def __init__(
        self,
        invitations: Any,
        responses: Any,
        totals: Any,
        comments: Any,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._invitations = invitations
        self._responses = responses
        self._totals = totals
        self._comments = comments
        self._clock = clock
        self._sleep = sleep

    def open_invitation(self, token_hash: str) -> InvitationItem:
        """The invitation if it can still be answered, else the reason why not."""
        invitation = self._read(token_hash, consistent=False)
        self._check_open(invitation)
        assert invitation is not None
        return invitation

    def invitation(self, token_hash: str, consistent: bool = False) -> InvitationItem | None:
        """The invitation in whatever state (the page after an answer reads it consistently)."""
        return self._read(token_hash, consistent=consistent)

    def check_open(self, invitation: InvitationItem | None) -> None:
        """Raise the reason an invitation cannot be answered (nothing if it can)."""
        self._check_open(invitation)

    def answer(
        self,
        invitation: InvitationItem,
        response: ResponseItem,
        extra: Iterable[ExtraQuestion] = (),
        campaign_end: str | None = None,
    ) -> None:
        """Mark the invitation answered, store the response (its comment goes only to the
        pool), and add it to the running totals: one transaction of 4 or 5 items."""
        stored = response.model_copy(update={"comment": None})
        item = {k: v for k, v in stored.model_dump(mode="json").items() if v is not None}
        # folded: already in the totals (the backfill skips it)
        item["folded"] = True
        others: list[dict[str, Any]] = [
            {
                "Put": {
                    "TableName": self._responses.name,
                    "Item": item,
                    "ConditionExpression": "attribute_not_exists(response_id)",
                }
            },
            *totals.answer_updates(self._totals.name, response, extra),
        ]
        if response.comment:
            # the comment pool's module (and the results' figures it reaches): only for an answer
            from shared.core.pool import pool_item

            keep_until = self._comment_expiry(campaign_end)
            others.append(
                {"Put": {"TableName": self._comments.name, "Item": pool_item(response, keep_until)}}
            )
        self._transact(invitation, InvitationStatus.ANSWERED, others)

    def decline(self, invitation: InvitationItem) -> None:
        """Mark the invitation declined and count the decline; nothing else is kept."""
        stream = totals.stream_id(invitation.tenant, invitation.campaign, invitation.channel)
        self._transact(
            invitation,
            InvitationStatus.DECLINED,
            [totals.update(self._totals.name, stream, totals.TOTAL, {totals.DECLINES: 1})],
        )

    # internals

    def _read(self, token_hash: str, consistent: bool) -> InvitationItem | None:
        got = self._invitations.get_item(Key={"token_hash": token_hash}, ConsistentRead=consistent)
        item = got.get("Item")
        if not item:
            return None
        try:
            return InvitationItem.model_validate(item)
        except ValueError:
            return None  # an item this code did not write is no invitation

    def _check_open(self, invitation: InvitationItem | None) -> None:
        if invitation is None:
            raise InvitationNotFound
        if invitation.status is InvitationStatus.ANSWERED:
            raise AlreadyAnswered
        if invitation.status is InvitationStatus.DECLINED:
            raise AlreadyDeclined
        if invitation.status not in OPEN_STATUSES:
            raise InvitationNotFound  # failed: no resident has this link
        if invitation.expires_at <= self._clock():
            raise InvitationExpired

    def _comment_expiry(self, campaign_end: str | None) -> int:
        """A pooled comment that never makes a batch is dropped 60 days after the campaign."""
        end = (
            datetime.fromisoformat(campaign_end).replace(tzinfo=UTC)
            if campaign_end
            else datetime.fromtimestamp(self._clock(), UTC)
        )
        return int((end + timedelta(days=60)).timestamp())

    def _transact(
        self, invitation: InvitationItem, status: InvitationStatus, others: list[dict[str, Any]]
    ) -> None:
        mark = {
            "Update": {
                "TableName": self._invitations.name,
                "Key": {"token_hash": invitation.token_hash},
                "UpdateExpression": "SET #s = :new",
                "ConditionExpression": "#s IN (:sent, :sending) AND expires_at > :now",
                "ExpressionAttributeNames": {"#s": "status"},
                "ExpressionAttributeValues": {
                    ":new": status.value,
                    ":sent": InvitationStatus.SENT.value,
                    ":sending": InvitationStatus.SENDING.value,
                    ":now": int(self._clock()),
                },
            }
        }
        client = self._invitations.meta.client  # the resource's client takes plain values
        for attempt in range(CONFLICT_RETRIES + 1):
            try:
                client.transact_write_items(TransactItems=[mark, *others])
                return
            except ClientError as error:
                if store.error_code(error) != "TransactionCanceledException":
                    raise
                if _conflicted(error) and attempt < CONFLICT_RETRIES:
                    # another answer of the same municipality held a totals item: wait, retry
                    cap = min(CONFLICT_CAP_SECONDS, CONFLICT_BASE_SECONDS * 2**attempt)
                    self._sleep(random.uniform(0, cap))  # noqa: S311 - jitter, not a secret
                    continue
                # The condition failed: someone answered or declined first, or it expired.
                self._check_open(self._read(invitation.token_hash, consistent=True))
                raise  # the invitation is open after all: a real conflict, let it surface
