"""Two triggers of the ingest (shared.ingest.service):

- S3 ObjectCreated on inbox/ (straight from S3, or wrapped in SQS messages whose bodies are S3
  notifications) → ``receive``: refuse a file now or leave it for its day's draw; with SQS, a
  failing file is reported back alone so the rest of the batch is not retried;
- the EventBridge schedule → ``draw_due``: the daily draw of every tenant-day whose cutoff has
  passed, stopping in time to finish before the function's timeout.
"""

from __future__ import annotations

import json
import time
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

from shared.ingest import alarms as upload_alarms
from shared.ingest import reports as upload_reports
from shared.ingest import service as ingest
from shared.ingest.service import (
    DayResult,
    IngestPorts,
    IngestResult,
    UploadedFile,
    default_ports,
    draw_due,
    receive,
)
from shared.platform import store
from shared.platform.observability import logger, metrics
from shared.platform.settings import IngestSettings

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
            size=obj.size,
        )
        result = receive(upload, _ports())
        if result.outcome.value == "waiting":
            logger.info(
                "file waiting for its draw",
                kommunkod=result.kommunkod,
                file_id=upload.file_id[:12],
                draw_day=str(result.draw_day),
            )
            metrics.add_metric(name="Files_waiting", unit=MetricUnit.Count, value=1)
        else:
            _record_result(result)


def _draw(remaining_ms: int | None) -> dict[str, Any]:
    started = time.monotonic()
    budget = (remaining_ms or 0) / 1000 if remaining_ms else float("inf")

    def seconds_left() -> float:
        return budget - (time.monotonic() - started)

    days = draw_due(_ports(), ingest.utc_now(), seconds_left)
    for day in days:
        _record_day(day)
    metrics.add_metric(name="DaysDrawn", unit=MetricUnit.Count, value=len(days))
    return {
        "days": len(days),
        "files": sum(len(d.files) for d in days),
        "drawn": sum(sum(d.drawn.values()) for d in days),
    }


def _record_day(day: DayResult) -> None:
    logger.info(
        "day drawn",
        kommunkod=day.kommunkod,
        day=day.day.isoformat(),
        skipped=day.skipped,
        files=len(day.files),
        cap_left={c.value: n for c, n in day.k.items()},
        drawn={c.value: n for c, n in day.drawn.items()},
    )
    for result in day.files:
        _record_result(result)


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
    for name in upload_alarms.file_alarms(result):  # the operator's alarms (shared/ingest/watch.py)
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=1)
    upload_reports.tell(result, _ports())  # the e-mail to the municipality; never raises


def _sqs_record(record: SQSRecord) -> None:
    notification = json.loads(record.body)
    if notification.get("Event") == "s3:TestEvent":
        return
    _ingest_notification(notification)


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if event.get("detail-type") == "Scheduled Event":
        return _draw(context.get_remaining_time_in_millis())
    records = event.get("Records") or []
    if records and records[0].get("eventSource") == "aws:sqs":
        response = process_partial_response(
            event=event, record_handler=_sqs_record, processor=_processor, context=context
        )
        return dict(response)
    _ingest_notification(event)
    return {"processed": len(records)}
