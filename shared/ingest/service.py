"""Ingest: uploaded contact files wait in the inbox until the day's cutoff, then one draw over
all of a municipality's files of that day writes only the contacts that will be invited.

The package, in the order a file meets it:

- ``files``: what a file is and what became of it (outcomes, limits, draw day; pure);
- ``receive``: S3 ObjectCreated (through SQS) → refuse the file now or leave it for its draw;
- ``reading``: one file read whole through the contact reader, with its limits;
- ``sampling``: the bottom-k sample of the day (the same chance for every distinct contact);
- ``draw``: the daily draw of every tenant-day whose cutoff has passed;
- ``inbox``: the bucket and the files table (waiting files, reports, the last-file note);
- ``reports``: the upload report e-mail to the municipality; ``alarms`` and ``watch``: the
  operator's upload alarms and the daily check for municipalities gone silent;
- ``ports``: the AWS resources, typed, injectable.

This module is what the function calls (``functions/ingest/handler.py`` only parses the event):
``notified`` for S3 notifications, ``draw`` for the schedule; both log and count each file's
outcome (no file name, no personal data) and mail its report. Every trigger is at-least-once,
and both are safe to repeat (``receive`` and ``draw`` say why).
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes import S3Event

from shared.ingest import alarms, files, reports
from shared.ingest.draw import draw_due
from shared.ingest.files import DayResult, IngestResult, Outcome, UploadedFile
from shared.ingest.ports import IngestPorts, default_ports
from shared.ingest.receive import receive
from shared.platform import store
from shared.platform.metric_names import FILES_PREFIX, Metric
from shared.platform.observability import logger, metrics
from shared.platform.settings import IngestSettings


@store.per_environment
def ports() -> IngestPorts:
    return default_ports(IngestSettings.from_env())


def notified(notification: dict[str, Any], ingest: IngestPorts | None = None) -> None:
    """Receive every file an S3 notification names (keys arrive URL-encoded)."""
    ingest = ingest or ports()
    for record in S3Event(notification).records:
        obj = record.s3.get_object
        upload = UploadedFile(
            bucket=record.s3.bucket.name,
            key=unquote_plus(obj.key),
            etag=obj.etag,
            received_at=datetime.fromisoformat(record.event_time),
            size=obj.size,
        )
        result = receive(upload, ingest)
        if result.outcome is Outcome.WAITING:
            logger.info(
                "file waiting for its draw",
                kommunkod=result.kommunkod,
                file_id=upload.file_id[:12],
                draw_day=str(result.draw_day),
            )
            metrics.add_metric(name=f"{FILES_PREFIX}waiting", unit=MetricUnit.Count, value=1)
        else:
            record_result(result, ingest)


def draw(remaining_ms: int | None, ingest: IngestPorts | None = None) -> dict[str, Any]:
    """The scheduled draw, stopping in time to finish before the function's timeout."""
    ingest = ingest or ports()
    started = time.monotonic()
    budget = (remaining_ms or 0) / 1000 if remaining_ms else float("inf")

    def seconds_left() -> float:
        return budget - (time.monotonic() - started)

    days = draw_due(ingest, files.utc_now(), seconds_left)
    for day in days:
        record_day(day, ingest)
    metrics.add_metric(name=Metric.DAYS_DRAWN, unit=MetricUnit.Count, value=len(days))
    return {
        "days": len(days),
        "files": sum(len(d.files) for d in days),
        "drawn": sum(sum(d.drawn.values()) for d in days),
    }


def record_day(day: DayResult, ingest: IngestPorts) -> None:
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
        record_result(result, ingest)


def record_result(result: IngestResult, ingest: IngestPorts) -> None:
    """One file's outcome: a log line and metrics without personal data, the operator's upload
    alarms, and the report e-mail to the municipality (which never raises)."""
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
    metrics.add_metric(name=f"{FILES_PREFIX}{result.outcome.value}", unit=MetricUnit.Count, value=1)
    for name, key in ((Metric.CONTACTS_RECEIVED, "rows"), (Metric.CONTACTS_ACCEPTED, "accepted")):
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=report.get(key, 0))
    metrics.add_metric(name=Metric.CONTACTS_SAMPLED, unit=MetricUnit.Count, value=result.sampled)
    for alarm in alarms.file_alarms(result):
        metrics.add_metric(name=alarm, unit=MetricUnit.Count, value=1)
    reports.tell(result, ingest)
