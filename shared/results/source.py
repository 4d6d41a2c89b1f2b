"""DynamoDB adapters of the results: exact totals in, release states in and out, the comment pool.

Every read is bounded by what one stream or one campaign holds (a Query on a key), never by the
stored history: a release reads its stream's few totals items and its campaign's release
states (one per municipality and channel), whatever the number of answers behind them.

A release item holds the stream's state (zlib-compressed JSON, secret), its ``sequence`` (the
release days done) and ``exported`` (the sequence last written to the analytics bucket): an
item with ``exported < sequence`` is a release stored but not yet published, which every run
publishes (the durable outbox of ``shared.results.service``). ``published_total`` is the total
cell's published estimates, readable on their own (dispatch's stop rule reads them).

A municipality campaign's comment item (``comments#K#C``) holds its comment days already
checked, its batches so far, and a batch decided but not yet published (``pending``): the
comments' outbox.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from shared import store
from shared.results import totals
from shared.results.comments import Pooled, pool_key
from shared.results.figures import Published
from shared.results.release import State
from shared.results.totals import Cells, Stream

STATE = "state"
COMMENT_MARK_PREFIX = "comments#"  # items with no campaign attribute: not in the index


class ReleaseRace(RuntimeError):
    """Another run released the same stream first (its release stands; this one is dropped)."""


@dataclass
class ResultsTables:
    totals: Any
    releases: Any
    comments: Any

    def exact(self, stream: str) -> Cells:
        items = store.items(
            self.totals.query, KeyConditionExpression=Key("stream").eq(stream), ConsistentRead=True
        )
        return totals.cells_from_items(items)

    def state(self, stream: str) -> State:
        item = self.releases.get_item(Key={"stream": stream}, ConsistentRead=True).get("Item")
        return State.from_bytes(bytes(item[STATE])) if item else State(stream)

    def save(self, state: State, previous_sequence: int) -> None:
        """Store a release; refused if another run stored one since this one read the state.
        ``exported`` keeps its value: the release is published by ``mark_exported`` after the
        export is written."""
        stream = Stream.parse(state.stream)
        try:
            self.releases.update_item(
                Key={"stream": state.stream},
                UpdateExpression=(
                    "SET tenant = :t, campaign = :c, channel = :ch, #q = :seq, #st = :state, "
                    "published_total = :total, exported = if_not_exists(exported, :zero)"
                ),
                ConditionExpression="attribute_not_exists(#s) OR #q = :previous",
                ExpressionAttributeNames={"#s": "stream", "#q": "sequence", "#st": STATE},
                ExpressionAttributeValues={
                    ":t": stream.tenant,
                    ":c": stream.campaign,
                    ":ch": stream.channel.value,
                    ":seq": state.sequence,
                    ":state": state.to_bytes(),
                    ":total": json.dumps(state.published.get(totals.TOTAL, {})),
                    ":zero": 0,
                    ":previous": previous_sequence,
                },
            )
        except ClientError as error:
            if store.error_code(error) == "ConditionalCheckFailedException":
                raise ReleaseRace(state.stream) from None
            raise

    def mark_exported(self, stream: str, sequence: int) -> None:
        """The release ``sequence`` of ``stream`` is in the analytics bucket (never goes back)."""
        try:
            self.releases.update_item(
                Key={"stream": stream},
                UpdateExpression="SET exported = :seq",
                ConditionExpression="attribute_exists(#s) AND exported < :seq",
                ExpressionAttributeNames={"#s": "stream"},
                ExpressionAttributeValues={":seq": sequence},
            )
        except ClientError as error:
            if store.error_code(error) != "ConditionalCheckFailedException":
                raise

    def campaign(self, campaign: str) -> list[Published]:
        """Every stream's published state in a campaign (one item per municipality × channel)."""
        out = []
        for item in store.items(
            self.releases.query,
            IndexName="by_campaign",
            KeyConditionExpression=Key("campaign").eq(campaign),
        ):
            state = State.from_bytes(bytes(item[STATE]))
            out.append(
                Published(
                    str(item["tenant"]),
                    campaign,
                    str(item["channel"]),
                    state,
                    exported=int(item.get("exported", 0)),
                )
            )
        return out

    # the comment pool

    def pooled(self, tenant: str, campaign: str) -> list[Pooled]:
        items = store.items(
            self.comments.query,
            KeyConditionExpression=Key("pool").eq(pool_key(tenant, campaign)),
            ConsistentRead=True,
        )
        return [Pooled.from_item(i) for i in items]

    def drop_pooled(self, tenant: str, campaign: str, comment_ids: list[str]) -> None:
        """Delete released comments from the pool (deleting one already gone is a no-op)."""
        with self.comments.batch_writer() as batch:
            for comment_id in comment_ids:
                batch.delete_item(
                    Key={"pool": pool_key(tenant, campaign), "comment_id": comment_id}
                )

    def comment_mark(self, tenant: str, campaign: str) -> CommentMark:
        key = {"stream": f"{COMMENT_MARK_PREFIX}{tenant}#{campaign}"}
        item = self.releases.get_item(Key=key, ConsistentRead=True).get("Item")
        return CommentMark.from_item(item) if item else CommentMark()

    def save_comment_mark(self, tenant: str, campaign: str, mark: CommentMark) -> CommentMark:
        """Store a comment decision over the version ``mark`` was read at; refused
        (ReleaseRace) if another run stored one first. Returns the mark as stored."""
        stored = replace(mark, version=mark.version + 1)
        try:
            self.releases.put_item(
                Item={"stream": f"{COMMENT_MARK_PREFIX}{tenant}#{campaign}"} | stored.item(),
                ConditionExpression="attribute_not_exists(#s) OR version = :previous",
                ExpressionAttributeNames={"#s": "stream"},
                ExpressionAttributeValues={":previous": mark.version},
            )
        except ClientError as error:
            if store.error_code(error) == "ConditionalCheckFailedException":
                raise ReleaseRace(f"{tenant}#{campaign}") from None
            raise
        return stored


@dataclass
class CommentMark:
    """A municipality campaign's comment days checked, batches released, and the batch decided
    but not yet published (the outbox)."""

    checked: list[str] = field(default_factory=list)
    batches: int = 0
    pending: list[dict[str, str]] = field(default_factory=list)  # comment records, shuffled
    pending_ids: list[str] = field(default_factory=list)
    version: int = 0

    @classmethod
    def from_item(cls, item: Mapping[str, Any]) -> CommentMark:
        body = json.loads(str(item.get("body", "{}")))
        return cls(
            checked=list(body.get("checked", [])),
            batches=int(body.get("batches", 0)),
            pending=list(body.get("pending", [])),
            pending_ids=list(body.get("pending_ids", [])),
            version=int(item.get("version", 0)),
        )

    def item(self) -> dict[str, Any]:
        body = {
            "checked": self.checked,
            "batches": self.batches,
            "pending": self.pending,
            "pending_ids": self.pending_ids,
        }
        return {"body": json.dumps(body, ensure_ascii=False), "version": self.version}
