"""Results: the totals table's stream → releases; a daily schedule → closing and comment batches.

A stream record carries only the keys of a changed totals item (the stream is KEYS_ONLY), so
neither an answer nor a count ever passes through the event. Redelivered or overlapping events
are harmless: a stream with nothing pending releases nothing (shared/results/service.py).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes import DynamoDBStreamEvent
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared import store
from shared.observability import logger, metrics, tracer
from shared.results import service
from shared.settings import ResultsSettings


@store.per_environment
def _settings() -> ResultsSettings:
    return ResultsSettings.from_env()


def changed_streams(event: dict[str, Any]) -> list[str]:
    """The stream ids named by a DynamoDB stream event's records (keys only)."""
    out = []
    for record in DynamoDBStreamEvent(event).records:
        keys = record.dynamodb.keys if record.dynamodb else None
        if keys and "stream" in keys:
            out.append(str(keys["stream"]))
    return out


@logger.inject_lambda_context
@tracer.capture_lambda_handler(capture_response=False)
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, int]:
    if "Records" in event:
        summary = service.on_changes(_settings(), changed_streams(event))
    else:
        summary = service.daily(_settings())
    metrics.add_metric("StreamsReleased", MetricUnit.Count, summary["released"])
    metrics.add_metric("ReleaseRaces", MetricUnit.Count, summary["races"])
    metrics.add_metric("CommentBatches", MetricUnit.Count, summary["comment_batches"])
    return summary
