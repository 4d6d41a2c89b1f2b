"""EventBridge schedule → purge of contacts held too long (shared.dispatch.service.purge).

Idempotent: it deletes what is stale at the moment it runs; a redelivery finds nothing more.
It always emits the metric PurgedStaleContacts (normally 0); the alarm is on any value above 0.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import EventBridgeModel
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.dispatch import service
from shared.observability import logger, metrics


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    schedule = parse(event=event, model=EventBridgeModel)
    logger.append_keys(schedule_event=schedule.id)
    with service.sanitised_errors("purge"):
        return service.purge()
