"""DynamoDB adapters of the results: exact totals in, release states in and out, the comment pool.

Every read is bounded by what one campaign holds (a Query on a key), never by the stored
history: a release morning reads its campaign's totals (a few cell items per municipality and
channel, one partition: one Query of a page or a few) and its release states (one per
municipality and channel), whatever the number of answers behind them.

A release item holds the stream's state (zlib-compressed JSON, secret) and its ``sequence``
(the release days done); ``published_total`` is the total cell's published answers,
invitations and declines, readable on their own (dispatch's stop rule reads them; every other
figure is in the state, and repeating all of the total cell's here made the item a kilobyte
larger). The ``by_campaign`` index holds the keys only: an index copying the state would be
written again on every release day (twice the write units of the release days). One item per
campaign (``published#C``) holds the sequence of each of its streams as last written to the
analytics bucket: a stream whose sequence is above it is a release stored but not yet
published, which every run publishes (the durable outbox of ``shared.results.service``).
Costs per morning: per campaign one read of its publication item and one Query of the index
for its streams; on a release day (or with a release stored and not published: a race, a
failure) a BatchGetItem per 100 streams for their states (again only for a campaign with a
release not stored) and one strongly consistent read of the sequences the last run meant to
store (``stored#C``: a state read below it is read again strongly), one paged Query for the
campaign's totals, one write of those sequences, one BatchWriteItem per 25 releases, each
after renewing the run's lease (one item, ``lease#results``: ``lease``), and one write of the
publication item; on other mornings no
state is read (``shared.results.service.quiet``); and the comment marks, 100 a BatchGetItem,
eventually consistent. The lease replaced a conditional write per release (580 requests a
weekly morning, the largest part of the run's CPU after the totals' 580 Queries had gone).
The release path uses the low-level client with its attribute maps written out (the totals
hold integers, the release item strings, numbers and one blob), which saves the resource
layer's conversions (about a fifth of such a request's CPU on this side, measured on moto).

A municipality campaign's comment item (``comments#K#C``) holds its comment days already
checked, its batches so far, and a batch decided but not yet published (``pending``): the
comments' outbox.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from shared.core import totals
from shared.core.pool import pool_key
from shared.core.totals import Cells, Stream
from shared.platform import store
from shared.results.comments import Pooled
from shared.results.disclosure.release import State
from shared.results.figures import Published

STATE = "state"
COMMENT_MARK_PREFIX = "comments#"  # items with no campaign attribute: not in the index
PUBLISHED_PREFIX = "published#"  # a campaign's published sequences: not in the index either
STORED_PREFIX = "stored#"  # a campaign's sequences its last run meant to store: nor this
LEASE_KEY = "lease#results"  # the release lease: no campaign attribute, not in the index
BATCH_GET = 100  # keys per BatchGetItem (DynamoDB's limit)
BATCH_WRITE = 25  # items per BatchWriteItem (DynamoDB's limit)
BATCH_TRIES = 4


PUBLISHED_TOTAL = (totals.ANSWERS, totals.INVITATIONS, totals.DECLINES)


def published_total(state: State) -> str:
    """The release item's ``published_total``: the total cell's published participation."""
    total = state.published.get(totals.TOTAL, {})
    return json.dumps({k: total[k] for k in PUBLISHED_TOTAL if k in total})


def _integer(number: str) -> int:
    """A DynamoDB number the survey only ever ADDs integers to."""
    return int(number) if number.lstrip("-").isdigit() else int(Decimal(number))


def cells(items: Iterable[Mapping[str, Any]]) -> Cells:
    """One stream's exact cells from its totals items (attribute maps of the low-level
    client: the items hold numbers only, read without the resource layer's Decimals)."""
    out: Cells = {}
    for item in items:
        out[totals.split(item[totals.SLOT]["S"])[1]] = {
            k: _integer(v["N"])
            for k, v in item.items()
            if "N" in v and k not in totals.KEY_ATTRIBUTES
        }
    return out


def _release_item(state: State) -> dict[str, Any]:
    """A release item as the low-level client writes it: the state and its keys."""
    stream = Stream.parse(state.stream)
    return {
        "stream": {"S": state.stream},
        "tenant": {"S": stream.tenant},
        "campaign": {"S": stream.campaign},
        "channel": {"S": stream.channel.value},
        "sequence": {"N": str(state.sequence)},
        STATE: {"B": state.to_bytes()},
        "published_total": {"S": published_total(state)},
    }


class ReleaseRace(RuntimeError):
    """Another run holds the release lease, or stored a comment decision first (its release
    stands; this one is dropped)."""


@dataclass
class ResultsTables:
    totals: Any
    releases: Any
    comments: Any

    def exact(self, campaign: str) -> dict[str, list[dict[str, Any]]]:
        """The exact totals items of every stream of a campaign (its partition, one paged
        Query; the low-level client's attribute maps), by stream: each stream's are read as
        cells (``cells``) by the release of its municipality, so an item that cannot be read
        fails that municipality alone."""
        items = store.items(
            store.client("dynamodb").query,
            TableName=self.totals.name,
            KeyConditionExpression="#p = :c",
            ExpressionAttributeNames={"#p": totals.PARTITION},
            ExpressionAttributeValues={":c": {"S": campaign}},
            ConsistentRead=True,
        )
        streams: dict[str, list[dict[str, Any]]] = {}
        for item in items:
            streams.setdefault(totals.split(item[totals.SLOT]["S"])[0], []).append(item)
        return streams

    def lease(self, holder: str, seconds: int) -> None:
        """Take (or renew) the right to store releases for ``seconds`` from now; refused
        (ReleaseRace) while another run's lease is unexpired. One item for the deployment: the
        results function runs one at a time (reserved concurrency 1) and its lease outlives
        its timeout, so a run never writes after another has taken over; the lease keeps any
        other caller of the release path (a second invocation, an operator's run) out as well."""
        now = int(time.time())
        try:
            self.releases.put_item(
                Item={"stream": LEASE_KEY, "holder": holder, "expires": now + seconds},
                ConditionExpression="attribute_not_exists(#s) OR expires < :now OR holder = :h",
                ExpressionAttributeNames={"#s": "stream"},
                ExpressionAttributeValues={":now": now, ":h": holder},
            )
        except ClientError as error:
            if store.error_code(error) == "ConditionalCheckFailedException":
                raise ReleaseRace(LEASE_KEY) from None
            raise

    def drop_lease(self, holder: str) -> None:
        """Give the lease back (the next run need not wait for it to expire); a lease another
        run has taken since is left alone."""
        try:
            self.releases.delete_item(
                Key={"stream": LEASE_KEY},
                ConditionExpression="holder = :h",
                ExpressionAttributeValues={":h": holder},
            )
        except ClientError as error:
            if store.error_code(error) != "ConditionalCheckFailedException":
                raise

    def store(self, states: Sequence[State]) -> set[str]:
        """Store up to ``BATCH_WRITE`` releases in one BatchWriteItem (under the run's lease,
        ``lease``, not a condition per item); items DynamoDB leaves unprocessed are written
        again with a back-off. Returns the streams stored; one still unprocessed after
        ``BATCH_TRIES`` is not stored (released again the next morning, from the table). Each
        is published by ``mark_published`` once its campaign's export is written."""
        requests = [{"PutRequest": {"Item": _release_item(s)}} for s in states]
        client = store.client("dynamodb")
        for attempt in range(BATCH_TRIES):
            if attempt:
                time.sleep(0.05 * 2**attempt)  # DynamoDB asks for a back-off
            page = client.batch_write_item(RequestItems={self.releases.name: requests})
            requests = page.get("UnprocessedItems", {}).get(self.releases.name, [])
            if not requests:
                break
        left = {r["PutRequest"]["Item"]["stream"]["S"] for r in requests}
        return {s.stream for s in states} - left

    def _sequences(self, key: str) -> dict[str, int]:
        """A campaign's sequences item (``published#C``, ``stored#C``), read strongly
        consistent: each stream's release sequence."""
        item = self.releases.get_item(Key={"stream": key}, ConsistentRead=True).get("Item")
        return json.loads(str(item["sequences"])) if item else {}

    def _put_sequences(self, key: str, sequences: Mapping[str, int]) -> None:
        self.releases.put_item(
            Item={"stream": key, "sequences": json.dumps(dict(sorted(sequences.items())))}
        )

    def published_sequences(self, campaign: str) -> dict[str, int]:
        """Each stream's release sequence as last written to the analytics bucket."""
        return self._sequences(f"{PUBLISHED_PREFIX}{campaign}")

    def mark_published(self, campaign: str, sequences: Mapping[str, int]) -> None:
        """The campaign's export holds these releases (written after the export, never before;
        two runs writing the same campaign write the same figures, so the last one stands)."""
        self._put_sequences(f"{PUBLISHED_PREFIX}{campaign}", sequences)

    def campaign(
        self, campaign: str, also: Iterable[str] = (), at_least: Mapping[str, int] | None = None
    ) -> list[Published]:
        """Every stream's published state in a campaign (one item per municipality × channel):
        its streams from the ``by_campaign`` index (KEYS_ONLY) and ``also``, their items read
        100 a BatchGetItem, eventually consistent; a key DynamoDB leaves unprocessed is read
        alone, never taken for a stream without a release. The release path names every
        stream it may release in ``also`` (a first release is found before the index lists
        it) and passes ``at_least``, the sequences the last run meant to store
        (``stored_sequences``): no conditional write stands behind its writes (``store``), so
        a state read below that (or not found), which may be a stale read, is read again
        strongly consistent, and what that read says stands."""
        streams = sorted(set(self.campaign_streams(campaign)) | set(also))
        read: dict[str, Any] = {
            "ProjectionExpression": "#s, tenant, channel, #st",
            "ExpressionAttributeNames": {"#s": "stream", "#st": STATE},
        }
        found, left = self._batch_get(streams, read)
        states = {s: State.from_bytes(bytes(i[STATE]["B"])) for s, i in found.items()}
        meant = at_least or {}
        stale = [
            s for s in streams if s in meant and meant[s] > getattr(states.get(s), "sequence", 0)
        ]
        for stream in [*left, *stale]:
            item = (
                store.client("dynamodb")
                .get_item(
                    TableName=self.releases.name,
                    Key={"stream": {"S": stream}},
                    ConsistentRead=True,
                    **read,
                )
                .get("Item")
            )
            if item:
                found[stream] = item
                states[stream] = State.from_bytes(bytes(item[STATE]["B"]))
        out = []
        for stream in streams:
            if stream not in found:  # deleted since the index listed it, or never released
                continue
            item = found[stream]
            out.append(
                Published(item["tenant"]["S"], campaign, item["channel"]["S"], states[stream])
            )
        return out

    def stored_sequences(self, campaign: str) -> dict[str, int]:
        """Each stream's release sequence as the last run to store releases meant to store it
        (``mean_to_store``), read strongly consistent."""
        return self._sequences(f"{STORED_PREFIX}{campaign}")

    def mean_to_store(self, campaign: str, sequences: Mapping[str, int]) -> None:
        """Record, before the releases are written, the sequence each stream will have: a run
        that then reads a state below it knows its read may be stale (``campaign``)."""
        self._put_sequences(f"{STORED_PREFIX}{campaign}", sequences)

    def campaign_streams(self, campaign: str) -> list[str]:
        """The streams of a campaign with a release stored (the ``by_campaign`` index, keys
        only, eventually consistent)."""
        return [
            item["stream"]["S"]
            for item in store.items(
                store.client("dynamodb").query,
                TableName=self.releases.name,
                IndexName="by_campaign",
                KeyConditionExpression="campaign = :c",
                ProjectionExpression="#s",
                ExpressionAttributeNames={"#s": "stream"},
                ExpressionAttributeValues={":c": {"S": campaign}},
            )
        ]

    def _batch_get(
        self, streams: list[str], read: Mapping[str, Any]
    ) -> tuple[dict[str, dict[str, Any]], list[str]]:
        """The release table's items of ``streams`` (attribute maps by stream), 100 keys a
        BatchGetItem, unprocessed keys retried with a back-off; those still unprocessed after
        ``BATCH_TRIES`` are returned apart (the caller reads them alone: never missing)."""
        found: dict[str, dict[str, Any]] = {}
        left: list[str] = []
        client = store.client("dynamodb")
        for first in range(0, len(streams), BATCH_GET):
            chunk = streams[first : first + BATCH_GET]
            request: dict[str, Any] = {
                self.releases.name: {"Keys": [{"stream": {"S": k}} for k in chunk], **read}
            }
            for attempt in range(BATCH_TRIES):
                if attempt:
                    time.sleep(0.05 * 2**attempt)  # DynamoDB asks for a back-off
                page = client.batch_get_item(RequestItems=request)
                for item in page.get("Responses", {}).get(self.releases.name, []):
                    found[item["stream"]["S"]] = item
                request = page.get("UnprocessedKeys") or {}
                if not request:
                    break
            if request:
                left += [k["stream"]["S"] for k in request[self.releases.name]["Keys"]]
        return found, left

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

    def comment_marks(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], CommentMark]:
        """``comment_mark`` of many (municipality, campaign), read 100 a request (BatchGetItem,
        eventually consistent: half the units of a strongly consistent read, a hundredth of the
        requests). A mark is written at most once a morning, a day before it is read again; a
        read that is stale all the same (a concurrent run) has an older ``version``, so the
        decision taken on it is refused by ``save_comment_mark`` and never published. A key
        DynamoDB leaves unprocessed after a few tries is left out, never taken for a missing
        mark (which would check its comment days again): its caller reads it alone."""
        wanted = {f"{COMMENT_MARK_PREFIX}{t}#{c}": (t, c) for t, c in keys}
        streams = sorted(wanted)
        found, left = self._batch_get(streams, {})
        marks = {}
        for stream in streams:
            if stream in left:
                continue
            item = found.get(stream)
            plain = {k: v["S"] if "S" in v else v["N"] for k, v in item.items()} if item else None
            marks[wanted[stream]] = CommentMark.from_item(plain) if plain else CommentMark()
        return marks

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
