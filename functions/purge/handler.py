"""EventBridge schedule → purge of contacts held too long (shared.dispatch.service.purge), and
the reconciliation of invitations a crashed dispatch left ``sending`` (shared.dispatch.reconcile).

Idempotent: it deletes what is stale at the moment it runs; a redelivery finds nothing more, and
a reconciliation pass within 30 minutes of the last does nothing. It always emits the metrics
PurgedStaleContacts and InvitationsReconciled (normally 0); each alarms on any value above 0.
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
    with service.sanitised_errors("purge"):
        return service.purge()
