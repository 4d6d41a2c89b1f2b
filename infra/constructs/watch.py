"""The upload watch: a small function on a daily schedule that finds the active municipalities
which have sent no file for N Swedish working days (shared/ingest/watch.py); its alarm is in
infra/constructs/monitoring.py beside the ingest's own upload alarms.

A function of its own rather than a branch of the ingest: it needs the Swedish holiday calendar
(the ``holidays`` package, ~1.7 MB zipped) that the upload path never imports, and two grants
the ingest has no use for (the tenants table's Scan, the files table's BatchGetItem).

N comes from CDK context ``uploadSilenceWorkingDays`` (default 2), checked here at synth.

The same daily run mails each municipality's "kontakta mig" requests to its contact centre
(shared/messages/contact_requests.py): a daily job that already reads every tenant, so no function
of
its own. It reads, marks and deletes the requests and sends the digests from the upload
reports' address (``reportSender``) on that address's SES identity, nothing else.
"""

from __future__ import annotations

from aws_cdk import Duration, Stack
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from constructs import Construct

from infra.constructs.lambdas import Lambdas
from shared.platform import resources, settings

# 07:00 UTC (08:00 or 09:00 in Stockholm): after the morning's cutoffs, before the working day
WATCH_SCHEDULE = events.Schedule.cron(minute="0", hour="7")
CONTEXT_KEY = "uploadSilenceWorkingDays"


def silence_working_days(value: object) -> int:
    """The context value as the watch's settings model would accept it, or a synth error."""
    if value is None:
        return settings.DEFAULT_UPLOAD_SILENCE_WORKING_DAYS
    try:
        checked = settings.WatchSettings.model_validate(
            {
                settings.TENANTS_TABLE: "-",
                settings.FILES_TABLE: "-",
                settings.UPLOAD_SILENCE_WORKING_DAYS: str(value).strip(),
            }
        )
    except ValueError as error:
        raise ValueError(f"{CONTEXT_KEY}={value!r}: a whole number from 1 to 20") from error
    return checked.silence_working_days


class UploadWatch(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        lambdas: Lambdas,
        report_sender: str | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.working_days = silence_working_days(self.node.try_get_context(CONTEXT_KEY))
        environment = {settings.UPLOAD_SILENCE_WORKING_DAYS: str(self.working_days)}
        if report_sender:
            environment[settings.REPORT_SENDER] = report_sender
        self.function = lambdas.function(
            self,
            "watch",
            description="Finds active municipalities that have sent no contact file lately",
            tables={
                resources.TENANTS: ("dynamodb:Scan",),
                resources.FILES: ("dynamodb:BatchGetItem",),  # the last_file# items only
                # "kontakta mig": read, mark, delete once the digest is sent
                resources.CONTACT_REQUESTS: (
                    "dynamodb:Query",
                    "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem",
                ),
            },
            environment=environment,
            memory_mb=256,
            timeout=Duration.minutes(1),
            asynchronous=True,
            retry_attempts=2,
        )
        self.rule = lambdas.schedule(self, "Schedule", self.function, WATCH_SCHEDULE)
        if report_sender:
            self._digest_permission(report_sender)

    def _digest_permission(self, sender: str) -> None:
        """SES v2 SendEmail (a simple message) on the report sender's domain identity only."""
        domain = sender.rsplit("@", 1)[1]
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                sid="ContactDigestsFromServiceDomain",
                actions=["ses:SendEmail"],
                resources=[
                    Stack.of(self).format_arn(
                        service="ses", resource="identity", resource_name=domain
                    )
                ],
            )
        )
