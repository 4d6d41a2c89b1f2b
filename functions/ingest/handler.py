"""S3 ObjectCreated on inbox/ → read, validate, sample and store one contact file per record.

Accepts the notification straight from S3 or wrapped in SQS messages (each message body is an
S3 notification); with SQS, a failing file is reported back alone so the rest of the batch is
not retried.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes import S3Event, SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared import store
from shared.ingest import IngestPorts, IngestResult, UploadedFile, default_ports, ingest
from shared.observability import logger, metrics
from shared.settings import IngestSettings

# A batch whose every record failed is returned as failures, not raised: the error Powertools
# raises quotes each record's exception, and the runtime copies it into the trace and its log.
_processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)


@store.per_environment
def _ports() -> IngestPorts:
    return default_ports(IngestSettings.from_env())


def _ingest_notification(notification: dict[str, Any]) -> None:
    for record in S3Event(notification).records:
        obj = record.s3.get_object
        upload = UploadedFile(
            bucket=record.s3.bucket.name,
            key=unquote_plus(obj.key),  # S3 notifications carry keys URL-encoded
            etag=obj.etag,
            received_at=datetime.fromisoformat(record.event_time),
        )
        _record_result(ingest(upload, _ports()))


def _record_result(result: IngestResult) -> None:
    report = result.report
    logger.info(
        "file processed",
        outcome=result.outcome.value,
        kommunkod=result.kommunkod,
        rows=report.get("rows"),
        accepted=report.get("accepted"),
        sampled=result.sampled,
        rejected=report.get("rejected"),
        error=report.get("error"),
        report_key=result.report_key,
    )
    metrics.add_metric(name=f"Files_{result.outcome.value}", unit=MetricUnit.Count, value=1)
    for name, key in (("ContactsReceived", "rows"), ("ContactsAccepted", "accepted")):
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=report.get(key, 0))
    metrics.add_metric(name="ContactsSampled", unit=MetricUnit.Count, value=result.sampled)


def _sqs_record(record: SQSRecord) -> None:
    notification = json.loads(record.body)
    if notification.get("Event") == "s3:TestEvent":
        return
    _ingest_notification(notification)


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    records = event.get("Records") or []
    if records and records[0].get("eventSource") == "aws:sqs":
        response = process_partial_response(
            event=event, record_handler=_sqs_record, processor=_processor, context=context
        )
        return dict(response)
    _ingest_notification(event)
    return {"processed": len(records)}
