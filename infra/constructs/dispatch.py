"""Invitations: the dispatch schedule, the purge schedule, and the sending permissions.

SMS: SNS `Publish` to a phone number has no resource ARN to scope to (IAM evaluates the phone
number itself as the resource, which a policy's Resource element cannot name: it takes only
ARNs or "*"). Narrowest possible: allow `sns:Publish` on "*" in this stack's region only, and
deny it on every SNS ARN (topics, platform endpoints), so the grant can send SMS and nothing
else. E-mail: SES v2 `SendEmail` is scoped to the identity ARN of each tenant sender domain
and to the configuration set, both deploy-time inputs (see docs/deploy.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Duration, Stack
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra.constructs.lambdas import Lambdas
from infra.constructs.nag import acknowledge
from shared.dispatch.reconcile import GAP_SECONDS as RECONCILE_GAP_SECONDS
from shared.platform import resources, settings

NO_REPEAT_PREFIX = settings.DEFAULT_NO_REPEAT_KEY_PREFIX
DISPATCH_EVERY = Duration.minutes(5)
PURGE_EVERY = Duration.hours(1)
DISPATCH_TIMEOUT = Duration.minutes(4)  # shorter than the schedule: runs never overlap
# The purge settles an invitation left in ``sending`` only once it has been seen in ``sending``
# for RECONCILE_GAP_SECONDS: no dispatch run may live that long, or a send in flight is settled.
assert DISPATCH_TIMEOUT.to_seconds() < RECONCILE_GAP_SECONDS <= PURGE_EVERY.to_seconds()


class Dispatch(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        lambdas: Lambdas,
        survey_base_url: str,
        ses_identities: Sequence[str],
        ses_configuration_set: str,
    ) -> None:
        super().__init__(scope, construct_id)
        self._lambdas = lambdas
        self.function = lambdas.function(
            self,
            "dispatch",
            description="Sends the survey invitations, then deletes each contact",
            tables={
                resources.TENANTS: ("dynamodb:Scan",),
                resources.CONTACTS: (
                    "dynamodb:Query",
                    "dynamodb:PutItem",
                    "dynamodb:DeleteItem",
                    "dynamodb:BatchWriteItem",
                ),
                resources.INVITATIONS: (
                    "dynamodb:PutItem",
                    "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem",
                ),
                resources.COUNTERS: (
                    "dynamodb:GetItem",
                    "dynamodb:PutItem",
                    "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem",
                ),
                # each sent invitation is counted into the results' running totals
                resources.TOTALS: ("dynamodb:UpdateItem",),
                # the stop rule reads the published figures, never an exact count
                resources.RELEASES: ("dynamodb:GetItem",),
            },
            environment={
                settings.SURVEY_BASE_URL: survey_base_url,
                settings.SES_CONFIGURATION_SET: ses_configuration_set,
                settings.NO_REPEAT_KEY_PREFIX: NO_REPEAT_PREFIX,
            },
            memory_mb=512,
            timeout=DISPATCH_TIMEOUT,
            reserved_concurrency=1,  # one dispatcher at a time: caps and pacing hold
            asynchronous=True,
            retry_attempts=0,  # the next run five minutes later is the retry
        )
        self._sending_permissions(self.function, ses_identities, ses_configuration_set)
        self.dispatch_rule = self._lambdas.schedule(
            self, "DispatchSchedule", self.function, events.Schedule.rate(DISPATCH_EVERY)
        )

        self.purge = lambdas.function(
            self,
            "purge",
            description="Deletes contacts held longer than the tenant's maximum holding time",
            tables={
                resources.TENANTS: ("dynamodb:Scan",),
                resources.CONTACTS: ("dynamodb:Scan", "dynamodb:BatchWriteItem"),
                # invitations a crash left in ``sending``: found through the sparse index,
                # marked, then settled and counted (shared/dispatch/reconcile.py)
                resources.INVITATIONS: ("dynamodb:UpdateItem",),
                (resources.INVITATIONS, resources.UNSETTLED_INDEX): ("dynamodb:Query",),
                resources.COUNTERS: ("dynamodb:UpdateItem",),
                resources.TOTALS: ("dynamodb:UpdateItem",),
            },
            environment={settings.NO_REPEAT_KEY_PREFIX: NO_REPEAT_PREFIX},
            memory_mb=256,
            timeout=Duration.minutes(5),
            reserved_concurrency=1,
            asynchronous=True,
            retry_attempts=2,
        )
        self.purge_rule = self._lambdas.schedule(
            self, "PurgeSchedule", self.purge, events.Schedule.rate(PURGE_EVERY)
        )
        self._no_repeat_key_permissions()

    def _no_repeat_key_permissions(self) -> None:
        """The opt-in no-repeat HMAC keys (SecureStrings under one SSM path): dispatch reads
        or creates a campaign's key, the purge lists them and deletes those of ended campaigns.
        The AWS managed key aws/ssm encrypts them; its key policy admits SSM callers of this
        account, so no KMS grant is needed."""
        stack = Stack.of(self)
        path = stack.format_arn(
            service="ssm", resource="parameter", resource_name=NO_REPEAT_PREFIX.lstrip("/")
        )
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                sid="NoRepeatKeysUse",
                actions=["ssm:GetParameter", "ssm:PutParameter"],
                resources=[f"{path}/*"],
            )
        )
        self.purge.add_to_role_policy(
            iam.PolicyStatement(
                sid="NoRepeatKeysDestroy",
                actions=["ssm:GetParametersByPath", "ssm:DeleteParameter"],
                resources=[path, f"{path}/*"],
            )
        )
        arn = f"arn:<AWS::Partition>:ssm:{stack.region}:<AWS::AccountId>:parameter"
        finding = f"AwsSolutions-IAM5[Resource::{arn}{NO_REPEAT_PREFIX}/*]"
        for fn in (self.function, self.purge):
            acknowledge(
                fn.role,
                id=finding,
                reason=(
                    "One key per tenant and campaign under the no-repeat path, created on "
                    "first use: names are not known at deploy time, the path is."
                ),
            )

    def _sending_permissions(
        self, fn: lambda_.Function, identities: Sequence[str], configuration_set: str
    ) -> None:
        stack = Stack.of(self)
        sms = iam.Policy(
            self,
            "SendSms",
            statements=[
                iam.PolicyStatement(
                    sid="SmsToPhoneNumbers",
                    actions=["sns:Publish"],
                    resources=["*"],
                    conditions={"StringEquals": {"aws:RequestedRegion": stack.region}},
                ),
                iam.PolicyStatement(
                    sid="NoTopicsOrEndpoints",
                    effect=iam.Effect.DENY,
                    actions=["sns:Publish"],
                    resources=[f"arn:{stack.partition}:sns:*"],
                ),
            ],
        )
        role = fn.role
        assert role is not None
        sms.attach_to_role(role)
        acknowledge(
            sms,
            id="AwsSolutions-IAM5[Resource::*]",
            reason=(
                "SNS Publish to a phone number has no ARN: IAM evaluates the number itself, "
                "which only '*' can match. Limited to this region, and topics and platform "
                "endpoints are denied, so this permits SMS and nothing else."
            ),
        )
        acknowledge(
            sms,
            id="AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sns:*]",
            reason="A Deny: the wildcard forbids publishing to any topic or endpoint.",
        )
        identity_arns = [
            stack.format_arn(service="ses", resource="identity", resource_name=identity)
            for identity in identities
        ]
        configuration_set_arn = stack.format_arn(
            service="ses", resource="configuration-set", resource_name=configuration_set
        )
        fn.add_to_role_policy(
            iam.PolicyStatement(
                sid="EmailFromTenantDomains",
                # SES v2 SendEmail with raw MIME content (our List-Unsubscribe headers need it)
                # is authorized as ses:SendRawEmail, so both actions are needed.
                actions=["ses:SendEmail", "ses:SendRawEmail"],
                resources=[*identity_arns, configuration_set_arn],
            )
        )
