"""The totals table's DynamoDB stream, pumped into the real results handler on this machine.

In AWS a Lambda event source mapping polls the stream and invokes the results function with
batches of records. Here the same happens in-process: ``drain()`` reads every new record of
the emulated stream (moto's DynamoDB Streams API) and calls the handler with an event of the
shape Lambda sends (``Records`` with ``eventSource: aws:dynamodb`` and the item's keys);
``running()`` does it in a background thread every ``interval`` seconds while the demo
serves residents, so a release follows the answer that completes its batch within seconds.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from botocore.config import Config

from shared import settings, store

# botocore would address the stream by an account-based host name that moto does not serve
_CONFIG = Config(account_id_endpoint_mode="disabled")


def _streams_client() -> Any:
    import boto3

    return boto3.client("dynamodbstreams", config=_CONFIG)


def _record(raw: dict[str, Any], arn: str, region: str) -> dict[str, Any]:
    return {
        "eventID": raw.get("eventID", uuid.uuid4().hex),
        "eventName": raw.get("eventName", "MODIFY"),
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": region,
        "eventSourceARN": arn,
        "dynamodb": {
            "Keys": raw["dynamodb"]["Keys"],
            "SequenceNumber": raw["dynamodb"].get("SequenceNumber", "0"),
            "StreamViewType": "KEYS_ONLY",
        },
    }


@dataclass
class StreamPump:
    """Reads the totals stream from where it last stopped and feeds the results handler."""

    table_name: str
    batch_size: int = 100
    invocations: int = 0
    records: int = 0
    _iterators: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_env(cls) -> StreamPump:
        import os

        return cls(os.environ[settings.TOTALS_TABLE])

    def _arn(self) -> str:
        table = store.client("dynamodb").describe_table(TableName=self.table_name)["Table"]
        return str(table["LatestStreamArn"])

    def drain(self) -> int:
        """Invoke the handler with every record not yet delivered; returns how many.

        As Lambda does, a shard's position moves on only after the handler returned: if it
        raises, the same records come again with the next ``drain()`` (at-least-once)."""
        from functions.results.handler import handler
        from local.events import LambdaContext

        with self._lock:
            arn = self._arn()
            region = arn.split(":")[3]
            client = _streams_client()
            shards = client.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
            delivered = 0
            for shard in shards:
                shard_id = shard["ShardId"]
                while True:
                    iterator = (
                        self._iterators.get(shard_id)
                        or client.get_shard_iterator(
                            StreamArn=arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON"
                        )["ShardIterator"]
                    )
                    page = client.get_records(ShardIterator=iterator, Limit=self.batch_size)
                    raw = page.get("Records", [])
                    if raw:
                        event = {"Records": [_record(r, arn, region) for r in raw]}
                        handler(event, LambdaContext("results"))
                        self.invocations += 1
                        self.records += len(raw)
                        delivered += len(raw)
                    if page.get("NextShardIterator"):
                        self._iterators[shard_id] = page["NextShardIterator"]
                    if not raw:
                        break
            return delivered

    @contextlib.contextmanager
    def running(self, interval: float = 1.0) -> Iterator[StreamPump]:
        """Drain every ``interval`` seconds in a background thread until the block ends."""
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(interval):
                self.drain()

        thread = threading.Thread(target=loop, name="totals-stream", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            stop.set()
            thread.join(timeout=30)
            self.drain()
