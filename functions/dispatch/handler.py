"""EventBridge schedule → one dispatch run (shared.dispatch).

Idempotent by construction: every contact is claimed in a transaction that deletes it before its
message goes out, so a redelivered or overlapping event finds nothing left to send twice. The
clock is the function's own, not the event's time: a late redelivery must not send at night.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import EventBridgeModel
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.dispatch import service
from shared.platform.observability import logger, metrics


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    schedule = parse(event=event, model=EventBridgeModel)
    logger.append_keys(schedule_event=schedule.id)
    with service.sanitised_errors("dispatch"):
        return service.dispatch(remaining_ms=context.get_remaining_time_in_millis())
