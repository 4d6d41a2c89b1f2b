"""Telling the municipality about each file: the upload report e-mail, sent once its outcome
is known (refused at receipt, or read at the day's draw).

1. A file with no municipality (an unknown kommunkod, a key outside the inbox), one gone
   before it was read, or one still waiting for its draw gets no mail: there is nobody to
   tell, or nothing to tell yet.
2. A municipality without ``report_contacts``, or a deployment without ``REPORT_SENDER``,
   gets none either; the log says so (with the kommunkod, never an address).
3. Otherwise one message per contact address (``shared.messages.upload_report``) through
   SES v2, from the service's own address, each send made once (no botocore retries: a
   retried send after a lost answer would mail twice). A failed send is logged by its error
   code and counted (``UploadReportsFailed``); it never fails the ingest, whose work is done
   and stored, and one municipality's failure never stops another's mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from botocore.exceptions import BotoCoreError, ClientError

from shared.core.tenants import UnknownTenant
from shared.platform.metric_names import Metric
from shared.platform.observability import logger, metrics
from shared.platform.tenant_store import TenantStore

_NOTHING_TO_TELL = frozenset({"waiting", "unknown_tenant", "not_an_inbox_key", "gone"})


@dataclass(frozen=True)
class Told:
    sent: int = 0
    failed: int = 0
    skipped: str = ""  # why nothing was sent: "no_report_contacts", "no_sender", …


def tell(result: Any, ports: Any, ses: Any = None) -> Told:
    """Mail the report of one file (an ``shared.ingest.files.IngestResult``) to its municipality's
    ``report_contacts``, with the ingest's ports (``shared.ingest.ports.IngestPorts``: the
    tenants,
    the bucket, the sender). Never raises: the file's outcome is already stored."""
    outcome = str(getattr(result.outcome, "value", result.outcome))
    if outcome in _NOTHING_TO_TELL or not result.kommunkod or not result.report_key:
        return Told(skipped="nothing_to_tell")
    try:
        return _tell(result, outcome, ports.tenants, ports.report_sender, ports.bucket, ses)
    except Exception as error:  # noqa: BLE001 - the mail never fails the ingest it reports on
        logger.exception(  # the logger redacts the traceback's text
            "upload report failed", kommunkod=result.kommunkod, error=type(error).__name__
        )
        metrics.add_metric(name=Metric.UPLOAD_REPORTS_FAILED, unit=MetricUnit.Count, value=1)
        return Told(failed=1)


def _tell(
    result: Any, outcome: str, tenants: TenantStore, sender: str | None, bucket: str, ses: Any
) -> Told:
    from shared.messages.email import InvalidRecipientError
    from shared.messages.senders import EMAIL_REJECTION_CODES, classify, send_client
    from shared.messages.upload_report import render_upload_report

    try:
        tenant = tenants.get(result.kommunkod)
    except UnknownTenant:
        return Told(skipped="unknown_tenant")
    if not tenant.report_contacts:
        logger.info("upload report not sent", kommunkod=tenant.kommunkod, reason="no contacts")
        return Told(skipped="no_report_contacts")
    if not sender:
        logger.warning("upload report not sent", kommunkod=tenant.kommunkod, reason="no sender")
        return Told(skipped="no_sender")
    ses = ses if ses is not None else send_client("sesv2")
    report = {"outcome": outcome} | dict(result.report)
    location = f"s3://{bucket}/{result.report_key}"
    sent = failed = 0
    for number, recipient in enumerate(tenant.report_contacts, start=1):
        try:
            message = render_upload_report(tenant, report, location, sender, recipient)
            ses.send_email(
                FromEmailAddress=message.sender,
                Destination={"ToAddresses": [recipient]},
                Content={"Raw": {"Data": message.raw}},
            )
        except InvalidRecipientError:
            why, code = "rejected", "InvalidRecipient"
        except (ClientError, BotoCoreError) as error:
            why, code = classify(error, EMAIL_REJECTION_CODES)
        else:
            sent += 1
            continue
        # the contact's place in the list, never its address; the error by its code only
        logger.warning(
            "upload report not sent",
            kommunkod=tenant.kommunkod,
            contact=number,
            outcome=str(why),
            code=code,
        )
        failed += 1
    if sent:
        metrics.add_metric(name=Metric.UPLOAD_REPORTS_SENT, unit=MetricUnit.Count, value=sent)
    if failed:
        metrics.add_metric(name=Metric.UPLOAD_REPORTS_FAILED, unit=MetricUnit.Count, value=failed)
    logger.info(
        "upload report sent", kommunkod=tenant.kommunkod, outcome=outcome, sent=sent, failed=failed
    )
    return Told(sent=sent, failed=failed)
