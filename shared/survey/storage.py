"""DynamoDB adapter for the survey: read an invitation, answer it, decline it.

Answering and declining are each one TransactWriteItems whose condition (the invitation still
open and not expired) makes a double submit, a race between two tabs, or a retried request count
once. A failed condition is turned into a domain exception after one consistent read says why.

An invitation is open in status ``sent`` and also in ``sending``: dispatch claims a contact as
``sending`` and marks it ``sent`` after the SMS/e-mail call, so if the function dies in between,
the resident already has a working link whose invitation still says ``sending``.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from shared.models import InvitationItem, InvitationStatus, ResponseItem
from shared.survey.errors import (
    AlreadyAnswered,
    AlreadyDeclined,
    InvitationExpired,
    InvitationNotFound,
)

OPEN_STATUSES = (InvitationStatus.SENT, InvitationStatus.SENDING)


def decline_counter_key(invitation: InvitationItem) -> str:
    """Declines are counted per tenant, campaign and channel; nothing else is kept."""
    return f"declined#{invitation.tenant}#{invitation.campaign}#{invitation.channel.value}"


def new_response_id() -> str:
    return secrets.token_hex(16)


class SurveyStore:
    """Invitations, responses and counters tables (boto3 Table resources, injectable)."""

    def __init__(
        self,
        invitations: Any,
        responses: Any,
        counters: Any,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._invitations = invitations
        self._responses = responses
        self._counters = counters
        self._clock = clock

    def open_invitation(self, token_hash: str) -> InvitationItem:
        """The invitation if it can still be answered, else the reason why not."""
        invitation = self._read(token_hash, consistent=False)
        self._check_open(invitation)
        assert invitation is not None
        return invitation

    def answer(self, invitation: InvitationItem, response: ResponseItem) -> None:
        item = {k: v for k, v in response.model_dump(mode="json").items() if v is not None}
        self._transact(
            invitation,
            InvitationStatus.ANSWERED,
            {
                "Put": {
                    "TableName": self._responses.name,
                    "Item": item,
                    "ConditionExpression": "attribute_not_exists(response_id)",
                }
            },
        )

    def decline(self, invitation: InvitationItem) -> None:
        self._transact(
            invitation,
            InvitationStatus.DECLINED,
            {
                "Update": {
                    "TableName": self._counters.name,
                    "Key": {"counter": decline_counter_key(invitation)},
                    "UpdateExpression": "ADD #n :one",
                    "ExpressionAttributeNames": {"#n": "count"},
                    "ExpressionAttributeValues": {":one": 1},
                }
            },
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

    def _transact(
        self, invitation: InvitationItem, status: InvitationStatus, other: dict[str, Any]
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
        try:
            client.transact_write_items(TransactItems=[mark, other])
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") != "TransactionCanceledException":
                raise
            # The condition failed: someone answered or declined first, or the link expired.
            self._check_open(self._read(invitation.token_hash, consistent=True))
            raise  # the invitation is open after all: a real conflict, let it surface
