"""Results: the release calendar's morning run (EventBridge), nothing else.

No answer, count or stream event starts this function: releases happen on the public calendar
whatever arrived (shared/results/schedule.py), and each run also publishes any release stored
but not yet written, and the comment batches of the day (shared/results/service.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.platform import store
from shared.platform.metric_names import Metric
from shared.platform.observability import logger, metrics
from shared.platform.settings import ResultsSettings
from shared.results import service


@store.per_environment
def _settings() -> ResultsSettings:
    return ResultsSettings.from_env()


def scheduled_time(event: dict[str, Any]) -> datetime | None:
    """The moment the schedule fired (a retried invocation releases as of then), or None for
    an event without one (an operator's manual invocation: now)."""
    try:
        return datetime.fromisoformat(EventBridgeEvent(event).time.replace("Z", "+00:00"))
    except (KeyError, TypeError, ValueError):
        return None


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, int]:
    summary = service.scheduled(_settings(), now=scheduled_time(event))
    metrics.add_metric(Metric.STREAMS_RELEASED, MetricUnit.Count, summary["released"])
    metrics.add_metric(Metric.RELEASES_PUBLISHED, MetricUnit.Count, summary["published"])
    metrics.add_metric(Metric.RELEASE_RACES, MetricUnit.Count, summary["races"])
    metrics.add_metric(Metric.RELEASE_FAILURES, MetricUnit.Count, summary["failed"])
    metrics.add_metric(Metric.COMMENT_BATCHES, MetricUnit.Count, summary["comment_batches"])
    return summary
