"""Contact files: S3 inbox/ → SQS → the ingest function, the daily draw's schedule, and the
municipalities' upload role.

The notification only checks a file (``receive``: nothing is read); the schedule runs the
daily draw (``draw_due``) over every tenant-day whose cutoff has passed. The draw reads up to
``MAX_DAY_ROWS`` rows of a municipality's day in one pass, hence the 15-minute timeout and
the memory (which buys CPU as well): 2,000,000 rows take well under that (bench/ingest.py).

S3 notifies an SQS queue rather than the function directly. The queue gives each file its own
retry with back-off (the visibility timeout) and a dead-letter queue after three failed
receives, keeps a notification through a throttled or failing function for days, and lets the
function report one failed file without retrying the others (partial batch response). A direct
S3 → Lambda notification is an asynchronous invocation whose retries are fixed at two and
whose failed events are only visible in an on-failure destination.
"""

from __future__ import annotations

from aws_cdk import Duration, Stack
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as s3n
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.constructs.lambdas import Lambdas, failure_queue
from infra.constructs.nag import acknowledge
from shared.platform import resources, settings

TIMEOUT = Duration.minutes(15)  # Lambda's maximum: a day's draw stops starting tenants in time
MEMORY_MB = 2048  # the reader's per-file duplicate check grows with rows; memory also buys CPU
DRAW_EVERY = Duration.minutes(10)  # a tenant-day is drawn within ten minutes of its cutoff
MAX_RECEIVES = 3
TENANT_TAG = "kommunkod"  # the principal tag that limits an upload to its own inbox/ folder
# The only callers the upload role trusts: IAM users under this path, whose tags only an IAM
# administrator can set (iam:TagUser). A role session's or a federated user's tags are set by
# whoever starts the session (a session tag, an IdP's assertion), so none of those is trusted.
UPLOAD_USER_PATH = resources.UPLOAD_USER_PATH


def upload_key_patterns() -> list[str]:
    """IAM wildcards for ``{date}-{uuid}.{ext}`` (shared/cli/upload.py), one per extension:
    ``?`` is one character, so a name of any other length or shape is refused."""
    from shared.cli.upload import EXTENSIONS

    uuid = "????????-????-????-????-????????????"
    return [f"????-??-??-{uuid}.{extension}" for extension in EXTENSIONS]


class Ingest(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        lambdas: Lambdas,
        report_sender: str | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        storage = lambdas.storage
        bucket = storage.bucket(resources.DATA)

        self.failures = failure_queue(self, "UploadsFailed")
        self.queue = sqs.Queue(
            self,
            "Uploads",
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            # AWS's advice for a Lambda event source: at least six times the function timeout
            visibility_timeout=Duration.seconds(TIMEOUT.to_seconds() * 6),
            retention_period=Duration.days(4),
            dead_letter_queue=sqs.DeadLetterQueue(
                max_receive_count=MAX_RECEIVES, queue=self.failures
            ),
        )
        bucket.add_event_notification(
            s3.EventType.OBJECT_CREATED,
            s3n.SqsDestination(self.queue),
            s3.NotificationKeyFilter(prefix=resources.INBOX_PREFIX),
        )

        self._acknowledge_notification_handler()

        self.function = lambdas.function(
            self,
            "ingest",
            description="Reads, validates and samples an uploaded contact file",
            tables={
                resources.TENANTS: ("dynamodb:GetItem",),
                resources.FILES: ("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                resources.CONTACTS: ("dynamodb:BatchWriteItem",),
                resources.COUNTERS: ("dynamodb:GetItem",),  # the day's invitations: cap left
            },
            buckets={
                resources.DATA.id: {
                    f"{resources.INBOX_PREFIX}*": ("s3:GetObject", "s3:DeleteObject"),
                    f"{resources.REPORTS_PREFIX}*": ("s3:PutObject",),
                    "": ("s3:ListBucket",),  # the daily draw lists the day's uploads
                }
            },
            environment={settings.REPORT_SENDER: report_sender} if report_sender else None,
            memory_mb=MEMORY_MB,
            timeout=TIMEOUT,
            asynchronous=True,  # the schedule's invocations; their failures go to a queue
            retry_attempts=0,  # the next scheduled run, ten minutes later, is the retry
        )
        if report_sender:
            self._report_permission(report_sender)
        self.draw_rule = lambdas.schedule(
            self, "DrawSchedule", self.function, events.Schedule.rate(DRAW_EVERY)
        )
        self.function.add_event_source(
            sources.SqsEventSource(
                self.queue,
                batch_size=1,  # one file per invocation: a big file has the whole timeout
                report_batch_item_failures=True,
                max_concurrency=5,
            )
        )
        lambdas.registry.queues["uploads failed"] = self.failures

        self.upload_role = self._upload_role(bucket)

    def _report_permission(self, sender: str) -> None:
        """The upload report e-mails: SES v2 SendEmail with raw MIME (authorised as both
        actions) from the service's own domain identity, and no other identity; no
        configuration set is named, so none is granted."""
        domain = sender.rsplit("@", 1)[-1]
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                sid="UploadReportsFromServiceDomain",
                actions=["ses:SendEmail", "ses:SendRawEmail"],
                resources=[
                    Stack.of(self).format_arn(
                        service="ses", resource="identity", resource_name=domain
                    )
                ],
            )
        )

    def _acknowledge_notification_handler(self) -> None:
        """The CDK's own singleton function that writes the bucket's notification config."""
        stack = Stack.of(self)
        handler = next(
            child
            for child in stack.node.children
            if child.node.id.startswith("BucketNotificationsHandler")
        )
        acknowledge(
            handler.node.find_child("Role"),
            id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
            reason=(
                "The CDK's bucket-notification handler runs once per deployment to set the "
                "inbox/ notification; the managed policy lets it write its own logs only."
            ),
        )

    def _upload_role(self, bucket: s3.Bucket) -> iam.Role:
        """One role every municipality assumes; the session's kommunkod tag picks its folders:
        it puts files into its own inbox/<kommunkod>/ and lists and reads its own ingest reports
        under reports/<kommunkod>/, and may read this stack's outputs (the bucket's name for
        ``servicematning upload``), nothing else.

        Who may assume it (the trust policy, every condition must hold):

        - an IAM **user** (``aws:PrincipalType``) under ``UPLOAD_USER_PATH`` (``aws:PrincipalArn``):
          its ``kommunkod`` tag was set by an IAM administrator, never by the caller. A role
          session (also one started by an identity provider, whose assertion sets the tags) is
          refused, since its principal tags are whatever the session's starter passed;
        - carrying a ``kommunkod`` tag of four characters;
        - passing exactly that value as its one session tag, so the session's tag, which the
          policy below reads, is the administrator's.
        """
        tag = f"aws:PrincipalTag/{TENANT_TAG}"
        stack = Stack.of(self)
        users = f"arn:{stack.partition}:iam::{stack.account}:user{UPLOAD_USER_PATH}*"
        principal = (
            iam.AccountRootPrincipal()
            .with_conditions(
                {
                    "StringEquals": {
                        f"aws:RequestTag/{TENANT_TAG}": "${" + tag + "}",
                        "aws:PrincipalType": "User",
                    },
                    "StringLike": {tag: "????"},
                    "ArnLike": {"aws:PrincipalArn": users},
                    "ForAllValues:StringEquals": {"aws:TagKeys": [TENANT_TAG]},
                }
            )
            .with_session_tags()
        )
        role = iam.Role(
            self,
            "MunicipalityUpload",
            assumed_by=principal,
            description="Municipalities upload contact files to inbox/<their kommunkod>/ only, "
            "named {date}-{uuid}.{ext} by `servicematning upload`, and read their own "
            "reports/<kommunkod>/",
            max_session_duration=Duration.hours(1),
        )
        role.add_to_policy(
            iam.PolicyStatement(
                sid="UploadToOwnInbox",
                actions=["s3:PutObject", "s3:AbortMultipartUpload"],
                resources=[
                    f"{bucket.bucket_arn}/{resources.INBOX_PREFIX}${{{tag}}}/{shape}"
                    for shape in upload_key_patterns()
                ],
            )
        )
        # IAM's `?` is any one character, `/` included: no key deeper than inbox/<code>/<name>,
        # so a name cannot hide a folder (or free text beyond the shape's fixed length) in it
        role.add_to_policy(
            iam.PolicyStatement(
                sid="NoDeeperKeys",
                effect=iam.Effect.DENY,
                actions=["s3:PutObject"],
                resources=[f"{bucket.bucket_arn}/{resources.INBOX_PREFIX}*/*/*"],
            )
        )
        # its own ingest reports (no personal data): listed and read under reports/<kommunkod>/
        own_reports = f"{resources.REPORTS_PREFIX}${{{tag}}}/"
        role.add_to_policy(
            iam.PolicyStatement(
                sid="ReadOwnReports",
                actions=["s3:GetObject"],
                resources=[f"{bucket.bucket_arn}/{own_reports}*"],
            )
        )
        role.add_to_policy(
            iam.PolicyStatement(
                sid="ListOwnReports",
                actions=["s3:ListBucket"],
                resources=[bucket.bucket_arn],
                conditions={"StringLike": {"s3:prefix": [f"{own_reports}*"]}},
            )
        )
        # `servicematning upload` finds the data bucket in this stack's outputs
        # (DataBucketName) when not told it: this stack only, nothing else of CloudFormation
        role.add_to_policy(
            iam.PolicyStatement(
                sid="FindTheDataBucket",
                actions=["cloudformation:DescribeStacks"],
                resources=[Stack.of(self).stack_id],
            )
        )
        arn = Stack.of(self).resolve(bucket.bucket_arn)["Fn::GetAtt"][0]
        acknowledge(
            role,
            id=f"AwsSolutions-IAM5[Resource::<{arn}.Arn>/{resources.REPORTS_PREFIX}"
            f"<aws:PrincipalTag/{TENANT_TAG}>/*]",
            reason=(
                "The municipality reads the ingest reports of its own uploads (no personal "
                "data), in its own reports/<kommunkod>/ folder by its principal tag (ABAC); "
                "reports are named by upload time and id, not known in advance."
            ),
        )
        for shape in upload_key_patterns():
            acknowledge(
                role,
                id=f"AwsSolutions-IAM5[Resource::<{arn}.Arn>/{resources.INBOX_PREFIX}"
                f"<aws:PrincipalTag/{TENANT_TAG}>/{shape}]",
                reason=(
                    "Only the key shape `servicematning upload` generates ({date}-{uuid}.{ext}, "
                    "never the file's own name), in the caller's own inbox/<kommunkod>/ folder "
                    "by its principal tag (ABAC); the wildcards stand for the date and the uuid."
                ),
            )
        return role
