"""Two triggers of the ingest (shared.ingest.service):

- S3 ObjectCreated on inbox/ (straight from S3, or wrapped in SQS messages whose bodies are S3
  notifications) → ``notified``; with SQS, a failing file is reported back alone so the rest
  of the batch is not retried;
- the EventBridge schedule → ``draw``: the daily draw of every tenant-day whose cutoff has
  passed, stopping in time to finish before the function's timeout.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.ingest import service
from shared.platform.observability import logger, metrics

# A batch whose every record failed is returned as failures, not raised: the error Powertools
# raises quotes each record's exception, and the runtime copies it into the trace and its log.
_processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)


def _sqs_record(record: SQSRecord) -> None:
    notification = json.loads(record.body)
    if notification.get("Event") != "s3:TestEvent":
        service.notified(notification)


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if event.get("detail-type") == "Scheduled Event":
        return service.draw(context.get_remaining_time_in_millis())
    records = event.get("Records") or []
    if records and records[0].get("eventSource") == "aws:sqs":
        response = process_partial_response(
            event=event, record_handler=_sqs_record, processor=_processor, context=context
        )
        return dict(response)
    service.notified(event)
    return {"processed": len(records)}
