"""EventBridge schedule (daily) → the upload watch (shared.ingest.watch.watch).

Counts the active municipalities that have sent no file for the configured number of Swedish
working days, logs each one (``municipality silent``, kommunkod only) and emits
MunicipalitiesSilent, on which one alarm fires (docs/operations.md). The schedule's own time is
the clock, so a retried event judges the same day. The watch writes nothing: a redelivery only
logs again. The same run mails each municipality's "kontakta mig" requests to its contact
centre and deletes them (shared/messages/contact_requests.py: marked, sent, deleted, so a
redelivered
event finds nothing left to send).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import EventBridgeModel
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.ingest import watch
from shared.platform.observability import logger, metrics


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    schedule = parse(event=event, model=EventBridgeModel)
    logger.append_keys(schedule_event=schedule.id)
    return watch.watch(schedule.time)
