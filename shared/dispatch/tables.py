"""The DynamoDB adapter of dispatch and purge: contacts, invitations and counters.

The at-most-once protocol lives in ``claim``: one transaction per chunk of contacts writes each
invitation as ``sending``, deletes each contact item, writes a per-contact claim marker and
adds the chunk to the day's counter under the cap. Whatever happens afterwards, the contact is
gone from the table and its marker blocks a second claim, so no run can send to it again.

The claim also marks each invitation ``unsettled`` (a sparse index); ``finish`` removes the
mark with the final status. What a crash leaves marked, the purge's reconciliation finds
through that index alone (``unsettled``, ``observe``, ``settle`` in shared/dispatch/reconcile.py),
never by a table scan.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from botocore.exceptions import ClientError
from pydantic import ValidationError

from shared.core import totals
from shared.core.models import Channel, ContactItem, InvitationItem, InvitationStatus
from shared.dispatch.planning import CampaignStats
from shared.platform import store
from shared.platform.resources import (
    TTL_ATTRIBUTE,
    UNSETTLED_ATTRIBUTE,
    counter_key,
)

# Transactions take at most 100 items: 3 per contact (invitation, contact, marker), a 4th with
# no-repeat, + 1 counter.
CLAIM_CHUNK = 24
BATCH_SIZE = 25  # BatchWriteItem's limit
COUNTER_DAYS = 3  # a day's counter outlives the day (the cap reads it)
PAGE_SIZE = 200  # contacts read and planned at a time: memory stays flat whatever the backlog
MARKER_DAYS = 10  # longer than any contact can be held (168 h) plus the TTL's lag
# The values of an invitation's ``unsettled`` attribute (the sparse index's partitions): written
# at the claim, moved to SEEN by the reconciliation's first look, removed once it is settled.
CLAIMED, SEEN = "claimed", "seen"


class ClaimConflictError(RuntimeError):
    """Another run changed what a claim depends on (a concurrent run, or the day's cap)."""


@dataclass(frozen=True)
class Claim:
    """A contact being invited: its item (with the address, kept in memory) and its invitation."""

    contact: ContactItem
    invitation: InvitationItem
    no_repeat: str | None = None  # the no-repeat marker's key (keyed HMAC), when opted in
    no_repeat_until: int = 0  # its expiry (epoch seconds)

    def __repr__(self) -> str:
        return f"Claim({self.contact}, {self.invitation.status})"


@dataclass(frozen=True)
class ClaimResult:
    claimed: list[Claim]
    already_claimed: list[ContactItem]  # the contact is gone or its marker exists: skip it
    cap_reached: bool
    recently_surveyed: list[ContactItem] = field(default_factory=list)  # no-repeat marker


def marker_key(tenant: str, contact_id: str) -> str:
    return f"claimed#{tenant}#{contact_id}"


def _contact_key(contact: ContactItem) -> dict[str, str]:
    return {"tenant": contact.tenant, "contact_id": contact.contact_id}


class DispatchTables:
    def __init__(
        self,
        client: Any,
        contacts_table: str,
        invitations_table: str,
        counters_table: str,
        sleep: Any = time.sleep,
        totals_table: str = "",
        releases_table: str = "",
    ) -> None:
        """``client`` is a DynamoDB client of a boto3 resource (Python values, not typed ones).
        ``totals_table``: the results' running totals, where each sent invitation is counted;
        ``releases_table``: the published figures the stop rule reads."""
        self._db = client
        self.contacts = contacts_table
        self.invitations = invitations_table
        self.counters = counters_table
        self.totals = totals_table
        self.releases = releases_table
        self._sleep = sleep

    @property
    def client(self) -> Any:
        """The DynamoDB client, for the purge's reconciliation (shared/dispatch/reconcile.py)."""
        return self._db

    # -- reading -------------------------------------------------------------------------

    def pending(self, tenant: str) -> tuple[list[ContactItem], list[dict[str, Any]]]:
        """The tenant's waiting contacts, and the keys of items that do not parse (all pages)."""
        contacts: list[ContactItem] = []
        broken: list[dict[str, Any]] = []
        for page, bad in self.pending_pages(tenant):
            contacts += page
            broken += bad
        return contacts, broken

    def pending_pages(
        self, tenant: str, page_size: int = PAGE_SIZE
    ) -> Iterator[tuple[list[ContactItem], list[dict[str, Any]]]]:
        """The tenant's waiting contacts a page at a time, in item-id order (the draw's keyed
        hash: a random order), with the keys of items on that page that do not parse."""
        kwargs: dict[str, Any] = {
            "TableName": self.contacts,
            "KeyConditionExpression": "tenant = :t",
            "ExpressionAttributeValues": {":t": tenant},
            "Limit": page_size,
        }
        while True:
            response = self._db.query(**kwargs)
            contacts: list[ContactItem] = []
            broken: list[dict[str, Any]] = []
            for item in response.get("Items", []):
                try:
                    contacts.append(ContactItem.model_validate(item))
                except ValidationError:  # its message would quote the address: never shown
                    broken.append({"tenant": item["tenant"], "contact_id": item["contact_id"]})
            yield contacts, broken
            if "LastEvaluatedKey" not in response:
                return
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def invited_today(self, tenant: str, day: date) -> dict[Channel, int]:
        item = self._db.get_item(
            TableName=self.counters,
            Key={"counter": counter_key(tenant, day)},
            ConsistentRead=True,
        ).get("Item", {})
        return {c: int(item.get(c.value, 0)) for c in Channel}

    def campaign_stats(self, tenant: str, campaign: str) -> CampaignStats:
        """The campaign's *published* invitations and answers per channel (the results'
        running totals as last released, noise included): the stop rule and target mode's
        pace decide on these, never on an exact count, so whether one resident answered
        changes no one's invitation (docs/privacy.md, release control)."""
        invited = dict.fromkeys(Channel, 0)
        answered = dict.fromkeys(Channel, 0)
        for channel in Channel:
            item = self._db.get_item(
                TableName=self.releases,
                Key={"stream": totals.stream_id(tenant, campaign, channel)},
                ProjectionExpression="published_total",
            ).get("Item")
            published = json.loads(str(item["published_total"])) if item else {}
            invited[channel] = round(float(published.get(totals.INVITATIONS, 0)))
            answered[channel] = round(float(published.get(totals.ANSWERS, 0)))
        return CampaignStats(invited=invited, answered=answered)

    def _query(self, **kwargs: Any) -> Iterator[dict[str, Any]]:
        return store.items(self._db.query, **kwargs)

    # -- writing -------------------------------------------------------------------------

    def delete_contacts(self, keys: Sequence[dict[str, Any]]) -> None:
        """Delete contact items by key, in batches (the moment their personal data is gone)."""
        self._batch_write(self.contacts, [{"DeleteRequest": {"Key": k}} for k in keys])

    def claim(
        self, tenant: str, day: date, channel: Channel, claims: Sequence[Claim], limit: int
    ) -> ClaimResult:
        """Claim a chunk in one transaction, or find out which contacts are taken or the cap.

        ``limit`` is the most the day's counter for ``channel`` may reach. A contact whose item
        is gone or whose marker exists is reported back and left out of a second attempt."""
        remaining = list(claims)
        taken: list[ContactItem] = []
        repeated: list[ContactItem] = []
        while remaining:
            items: list[dict[str, Any]] = [
                {
                    "Update": {
                        "TableName": self.counters,
                        "Key": {"counter": counter_key(tenant, day)},
                        "UpdateExpression": "ADD #c :n SET #ttl = :ttl",
                        "ConditionExpression": "attribute_not_exists(#c) OR #c <= :before",
                        "ExpressionAttributeNames": {"#c": channel.value, "#ttl": TTL_ATTRIBUTE},
                        "ExpressionAttributeValues": {
                            ":n": len(remaining),
                            ":before": limit - len(remaining),
                            ":ttl": _day_ttl(day),
                        },
                    }
                }
            ]
            owner: list[tuple[int, bool]] = [(-1, False)]  # item → (claim, is no-repeat)
            for position, claim in enumerate(remaining):
                claim_items = self._claim_items(tenant, claim)
                items += claim_items
                owner += [(position, False)] * 3 + [(position, True)] * (len(claim_items) - 3)
            try:
                self._db.transact_write_items(TransactItems=items)
                return ClaimResult(
                    claimed=remaining,
                    already_claimed=taken,
                    cap_reached=False,
                    recently_surveyed=repeated,
                )
            except ClientError as error:
                reasons = cancellation_codes(error)
                if reasons is None:
                    raise
                if not reasons:
                    raise ClaimConflictError("transaction cancelled") from None
                if reasons[0] == "ConditionalCheckFailed":
                    return ClaimResult(
                        claimed=[],
                        already_claimed=taken,
                        cap_reached=True,
                        recently_surveyed=repeated,
                    )
                failed = {
                    owner[i]
                    for i, code in enumerate(reasons)
                    if i > 0 and code == "ConditionalCheckFailed"
                }
                if not failed:  # a conflicting transaction in flight: leave it to the next run
                    raise ClaimConflictError(",".join(sorted(set(reasons)))) from None
                # a contact already claimed wins over a no-repeat match: it was us, not a repeat
                gone = {position for position, is_repeat in failed if not is_repeat}
                again = {position for position, is_repeat in failed if is_repeat} - gone
                taken += [c.contact for i, c in enumerate(remaining) if i in gone]
                repeated += [c.contact for i, c in enumerate(remaining) if i in again]
                remaining = [c for i, c in enumerate(remaining) if i not in gone | again]
        return ClaimResult(
            claimed=[], already_claimed=taken, cap_reached=False, recently_surveyed=repeated
        )

    def _claim_items(self, tenant: str, claim: Claim) -> list[dict[str, Any]]:
        """Invitation put, contact delete, claim marker, and the no-repeat marker if any."""
        items: list[dict[str, Any]] = [
            {
                "Put": {
                    "TableName": self.invitations,
                    "Item": claim.invitation.model_dump(mode="json")
                    | {UNSETTLED_ATTRIBUTE: CLAIMED},
                    "ConditionExpression": "attribute_not_exists(token_hash)",
                }
            },
            {
                "Delete": {
                    "TableName": self.contacts,
                    "Key": _contact_key(claim.contact),
                    "ConditionExpression": "attribute_exists(contact_id)",
                }
            },
            {
                "Put": {
                    "TableName": self.counters,
                    "Item": {
                        "counter": marker_key(tenant, claim.contact.contact_id),
                        TTL_ATTRIBUTE: expires_in(MARKER_DAYS),
                    },
                    "ConditionExpression": "attribute_not_exists(#k)",
                    "ExpressionAttributeNames": {"#k": "counter"},
                }
            },
        ]
        if claim.no_repeat:
            items.append(
                {
                    "Put": {
                        "TableName": self.counters,
                        "Item": {"counter": claim.no_repeat, TTL_ATTRIBUTE: claim.no_repeat_until},
                        # an expired marker TTL has not removed yet does not count
                        "ConditionExpression": "attribute_not_exists(#k) OR #ttl < :now",
                        "ExpressionAttributeNames": {"#k": "counter", "#ttl": TTL_ATTRIBUTE},
                        "ExpressionAttributeValues": {":now": int(time.time())},
                    }
                }
            )
        return items

    def finish(self, done: Sequence[tuple[Claim, InvitationStatus]]) -> None:
        """Move claimed invitations from ``sending`` to their final status (sent or failed).

        One conditional transaction per chunk, which also adds each sent invitation to its
        stream's running totals (``i``) and marks it ``counted`` (the results' backfill skips
        it), so an invitation is counted once, when it is sent. If an invitation moved on
        meanwhile (answered already), each is updated alone so that no later status is
        overwritten; one answered or declined in the seconds between its send and this mark is
        counted then, once (``_count_late``). Every update removes ``unsettled``: a settled
        invitation leaves the reconciliation's index."""
        for start in range(0, len(done), CLAIM_CHUNK):
            self._finish_chunk(done[start : start + CLAIM_CHUNK])

    def _invitation_counts(self, done: Sequence[tuple[Claim, InvitationStatus]]) -> list[Any]:
        if not self.totals:
            return []
        sent = Counter(
            totals.stream_id(c.invitation.tenant, c.invitation.campaign, c.invitation.channel)
            for c, status in done
            if status is InvitationStatus.SENT
        )
        return [
            totals.update(self.totals, stream, totals.TOTAL, {totals.INVITATIONS: count})
            for stream, count in sorted(sent.items())
        ]

    def _finish_chunk(self, done: Sequence[tuple[Claim, InvitationStatus]]) -> None:
        updates = [self._status_update(c.invitation.token_hash, s) for c, s in done]
        try:
            self._db.transact_write_items(
                TransactItems=[{"Update": u} for u in updates] + self._invitation_counts(done)
            )
        except ClientError as error:
            if cancellation_codes(error) is None:
                raise
            for pair, update in zip(done, updates, strict=True):
                try:
                    self._db.transact_write_items(
                        TransactItems=[{"Update": update}, *self._invitation_counts([pair])]
                    )
                except ClientError as single:
                    if cancellation_codes(single) is None:
                        raise
                    if pair[1] is InvitationStatus.SENT:
                        self._count_late(pair[0].invitation)

    def _count_late(self, invitation: InvitationItem) -> None:
        """A sent invitation answered or declined before ``finish`` marked it: count it now
        (the condition on ``unsettled`` makes that once), or leave it to the reconciliation."""
        if not self.totals:
            return
        stream = totals.stream_id(invitation.tenant, invitation.campaign, invitation.channel)
        try:
            self._db.transact_write_items(
                TransactItems=[
                    {"Update": self.settle_update(invitation.token_hash, None, moved=True)},
                    totals.update(self.totals, stream, totals.TOTAL, {totals.INVITATIONS: 1}),
                ]
            )
        except ClientError as error:
            if cancellation_codes(error) is None:
                raise

    def _status_update(self, token_hash: str, status: InvitationStatus) -> dict[str, Any]:
        counted = self.totals and status is InvitationStatus.SENT
        values: dict[str, Any] = {
            ":new": status.value,
            ":sending": InvitationStatus.SENDING.value,
        }
        if counted:
            values[":counted"] = True
        return {
            "TableName": self.invitations,
            "Key": {"token_hash": token_hash},
            "UpdateExpression": (
                "SET #s = :new, counted = :counted REMOVE #u"
                if counted
                else "SET #s = :new REMOVE #u"
            ),
            "ConditionExpression": "#s = :sending",
            "ExpressionAttributeNames": {"#s": "status", "#u": UNSETTLED_ATTRIBUTE},
            "ExpressionAttributeValues": values,
        }

    def settle_update(self, token_hash: str, mark: str | None, *, moved: bool) -> dict[str, Any]:
        """Count an invitation left unsettled and take it out of the index, once: ``moved``
        (answered or declined meanwhile) keeps its status, otherwise ``sending`` becomes
        ``sent``; either way the resident may hold the link, so it counts as invited. ``mark``
        None: whatever the mark (``finish`` counting late)."""
        values: dict[str, Any] = {":t": True}
        unsettled = "attribute_exists(#u)"
        if mark is not None:
            values[":mark"] = mark
            unsettled = "#u = :mark"
        if moved:
            values |= {
                ":answered": InvitationStatus.ANSWERED.value,
                ":declined": InvitationStatus.DECLINED.value,
            }
            update, status = "SET counted = :t REMOVE #u", "#s IN (:answered, :declined)"
        else:
            values |= {
                ":sent": InvitationStatus.SENT.value,
                ":sending": InvitationStatus.SENDING.value,
            }
            update, status = "SET #s = :sent, counted = :t REMOVE #u", "#s = :sending"
        return {
            "TableName": self.invitations,
            "Key": {"token_hash": token_hash},
            "UpdateExpression": update,
            "ConditionExpression": f"{unsettled} AND {status} AND attribute_not_exists(counted)",
            "ExpressionAttributeNames": {"#s": "status", "#u": UNSETTLED_ATTRIBUTE},
            "ExpressionAttributeValues": values,
        }

    def release(self, tenant: str, day: date, channel: Channel, claims: Sequence[Claim]) -> None:
        """Undo claims whose message certainly did not go out (throttled, refused): the contact
        item comes back for a later run, the invitation, marker and count are removed."""
        for start in range(0, len(claims), CLAIM_CHUNK):
            chunk = claims[start : start + CLAIM_CHUNK]
            items: list[dict[str, Any]] = [
                {
                    "Update": {
                        "TableName": self.counters,
                        "Key": {"counter": counter_key(tenant, day)},
                        "UpdateExpression": "ADD #c :n",
                        "ExpressionAttributeNames": {"#c": channel.value},
                        "ExpressionAttributeValues": {":n": -len(chunk)},
                    }
                }
            ]
            for claim in chunk:
                items += [
                    {
                        "Delete": {
                            "TableName": self.invitations,
                            "Key": {"token_hash": claim.invitation.token_hash},
                            "ConditionExpression": "#s = :sending",
                            "ExpressionAttributeNames": {"#s": "status"},
                            "ExpressionAttributeValues": {
                                ":sending": InvitationStatus.SENDING.value
                            },
                        }
                    },
                    {
                        "Put": {
                            "TableName": self.contacts,
                            "Item": claim.contact.model_dump(mode="json"),
                            "ConditionExpression": "attribute_not_exists(contact_id)",
                        }
                    },
                    {
                        "Delete": {
                            "TableName": self.counters,
                            "Key": {"counter": marker_key(tenant, claim.contact.contact_id)},
                        }
                    },
                ]
                if claim.no_repeat:  # not surveyed after all: no reason to skip them later
                    items.append(
                        {
                            "Delete": {
                                "TableName": self.counters,
                                "Key": {"counter": claim.no_repeat},
                            }
                        }
                    )
            self._db.transact_write_items(TransactItems=items)

    def _batch_write(self, table: str, requests: list[dict[str, Any]]) -> None:
        for start in range(0, len(requests), BATCH_SIZE):
            pending: dict[str, Any] = {table: requests[start : start + BATCH_SIZE]}
            for attempt in range(8):
                unprocessed = self._db.batch_write_item(RequestItems=pending).get(
                    "UnprocessedItems", {}
                )
                if not unprocessed:
                    break
                pending = unprocessed
                self._sleep(min(2.0, 0.05 * 2**attempt))
            else:
                raise RuntimeError(f"batch write to {table} left items unprocessed")

    # -- purge ---------------------------------------------------------------------------

    def all_contact_ages(self) -> Iterator[dict[str, Any]]:
        """Every contact item's key, received_at and expires_at (never its address)."""
        kwargs: dict[str, Any] = {
            "TableName": self.contacts,
            "ProjectionExpression": "tenant, contact_id, received_at, #ttl",
            "ExpressionAttributeNames": {"#ttl": TTL_ATTRIBUTE},
        }
        return store.items(self._db.scan, **kwargs)


def cancellation_codes(error: ClientError) -> list[str] | None:
    if store.error_code(error) != "TransactionCanceledException":
        return None
    return [str(r.get("Code", "None")) for r in error.response.get("CancellationReasons", [])]


def expires_in(days: int) -> int:
    return int(time.time()) + days * 86400


def _day_ttl(day: date) -> int:
    return int(time.mktime(day.timetuple())) + COUNTER_DAYS * 86400
