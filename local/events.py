"""Real-shaped Lambda events for running the functions locally: what S3 and EventBridge send."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote_plus

ACCOUNT = "123456789012"


def _iso(moment: datetime) -> str:
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def s3_object_created(
    bucket: str, key: str, etag: str, size: int, region: str, when: datetime | None = None
) -> dict[str, Any]:
    """An S3 ObjectCreated:Put notification as S3 delivers it (the key URL-encoded)."""
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": region,
                "eventTime": _iso(when or datetime.now(UTC)),
                "eventName": "ObjectCreated:Put",
                "userIdentity": {"principalId": "AWS:municipality-upload"},
                "requestParameters": {"sourceIPAddress": "127.0.0.1"},
                "responseElements": {"x-amz-request-id": uuid.uuid4().hex, "x-amz-id-2": "local"},
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "inbox",
                    "bucket": {
                        "name": bucket,
                        "ownerIdentity": {"principalId": "local"},
                        "arn": f"arn:aws:s3:::{bucket}",
                    },
                    "object": {
                        "key": quote_plus(key),
                        "size": size,
                        "eTag": etag.strip('"'),
                        "sequencer": f"{int(datetime.now(UTC).timestamp() * 1e6):X}",
                    },
                },
            }
        ]
    }


def scheduled(rule: str, region: str, when: datetime | None = None) -> dict[str, Any]:
    """An EventBridge Scheduled Event as a schedule rule delivers it."""
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT,
        "time": (when or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": region,
        "resources": [f"arn:aws:events:{region}:{ACCOUNT}:rule/{rule}"],
        "detail": {},
    }


class LambdaContext:
    """Enough of the Lambda context object for Powertools and the handlers."""

    def __init__(self, function_name: str, timeout_ms: int = 900_000) -> None:
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = 1024
        self.invoked_function_arn = f"arn:aws:lambda:local:{ACCOUNT}:function:{function_name}"
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "local"
        self._deadline = datetime.now(UTC).timestamp() * 1000 + timeout_ms

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int(self._deadline - datetime.now(UTC).timestamp() * 1000))
