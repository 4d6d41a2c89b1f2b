"""DynamoDB adapters of the results: exact totals in, release states in and out, the comment pool.

Every read is bounded by what one stream or one campaign holds (a Query on a key), never by the
stored history: a release reads its stream's few totals items and its campaign's release
states (one per municipality and channel), whatever the number of answers behind them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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
        return State.from_json(item[STATE]) if item else State(stream)

    def save(self, state: State, previous_sequence: int) -> None:
        """Store a release; refused if another run stored one since this one read the state."""
        stream = Stream.parse(state.stream)
        try:
            self.releases.put_item(
                Item={
                    "stream": state.stream,
                    "tenant": stream.tenant,
                    "campaign": stream.campaign,
                    "channel": stream.channel.value,
                    "sequence": state.sequence,
                    STATE: state.to_json(),
                },
                ConditionExpression="attribute_not_exists(#s) OR #q = :previous",
                ExpressionAttributeNames={"#s": "stream", "#q": "sequence"},
                ExpressionAttributeValues={":previous": previous_sequence},
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                raise ReleaseRace(state.stream) from None
            raise

    def campaign(self, campaign: str) -> list[Published]:
        """Every stream's published state in a campaign (one item per municipality × channel)."""
        out = []
        for item in store.items(
            self.releases.query,
            IndexName="by_campaign",
            KeyConditionExpression=Key("campaign").eq(campaign),
        ):
            state = State.from_json(item[STATE])
            out.append(Published(str(item["tenant"]), campaign, str(item["channel"]), state))
        return out

    # the comment pool

    def pooled(self, tenant: str, campaign: str) -> list[Pooled]:
        items = store.items(
            self.comments.query,
            KeyConditionExpression=Key("pool").eq(pool_key(tenant, campaign)),
            ConsistentRead=True,
        )
        return [Pooled.from_item(i) for i in items]

    def drop_pooled(self, tenant: str, campaign: str, pooled: list[Pooled]) -> None:
        with self.comments.batch_writer() as batch:
            for p in pooled:
                batch.delete_item(
                    Key={"pool": pool_key(tenant, campaign), "comment_id": p.comment_id}
                )

    def comment_mark(self, tenant: str, campaign: str) -> tuple[date | None, int]:
        """(the day of the last comment batch, how many batches) of a municipality's campaign."""
        key = {"stream": f"{COMMENT_MARK_PREFIX}{tenant}#{campaign}"}
        item = self.releases.get_item(Key=key, ConsistentRead=True).get("Item")
        if not item:
            return None, 0
        return date.fromisoformat(str(item["released_on"])), int(item["batches"])

    def mark_comments(self, tenant: str, campaign: str, day: date, batches: int) -> None:
        self.releases.put_item(
            Item={
                "stream": f"{COMMENT_MARK_PREFIX}{tenant}#{campaign}",
                "released_on": day.isoformat(),
                "batches": batches,
            }
        )
