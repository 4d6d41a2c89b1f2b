"""Results: one schedule, every morning, runs the public release calendar (no answer, count or
stream event starts the function: shared/results/schedule.py).

With ``themes_model_id`` (``-c themesModelId=...``) released comments get their themes from
that Bedrock model in the stack's own region: the function may invoke that one foundation
model's ARN and nothing else; without it, no Bedrock action is granted at all and the embedded
classifier counts (shared/results/themes)."""

from __future__ import annotations

from aws_cdk import CfnOutput, Duration, Stack
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from constructs import Construct

from infra.constructs.lambdas import Lambdas
from shared.platform import resources, settings

THEMES_MODEL_OUTPUT = "ThemesModelId"  # read by ``servicematning preflight``

MORNINGS = events.Schedule.cron(
    minute="0", hour=",".join(str(h) for h in resources.RESULTS_AT_UTC_HOURS)
)


class Results(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        lambdas: Lambdas,
        cadence: str = "weekly",
        themes_model_id: str | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        stack = Stack.of(self)
        themes: dict[str, str] = {}
        if themes_model_id:
            themes = {
                settings.THEMES_BACKEND: "bedrock",
                settings.THEMES_MODEL_ID: themes_model_id,
                settings.THEMES_REGION: stack.region,
            }
        self.function = lambdas.function(
            self,
            "results",
            description="Releases the figures on the public calendar and publishes them",
            tables={
                resources.TENANTS: ("dynamodb:Scan",),
                resources.TOTALS: ("dynamodb:Query",),
                resources.RELEASES: (
                    # the comment marks and a campaign's states, 100 a request
                    "dynamodb:BatchGetItem",
                    "dynamodb:GetItem",  # a state left unprocessed is read alone
                    "dynamodb:PutItem",  # the lease, the publication item, the comment marks
                    "dynamodb:BatchWriteItem",  # the releases, 25 a request, under the lease
                    "dynamodb:DeleteItem",  # the lease given back
                ),
                (resources.RELEASES, "by_campaign"): ("dynamodb:Query",),
                resources.COMMENTS: ("dynamodb:Query", "dynamodb:BatchWriteItem"),
            },
            buckets={
                resources.ANALYTICS.id: {
                    "*": ("s3:PutObject",),
                    # the theme counts of a campaign's batches, summed into its shares
                    "themes/batches/*": ("s3:GetObject",),
                    "": ("s3:ListBucket",),
                }
            },
            # the public release calendar (shared/results/schedule.py), one per deployment
            environment={settings.RELEASE_CADENCE: cadence, **themes},
            # a release reads one stream's items and one campaign's states: small whatever
            # the history; a whole morning's calendar for 290 municipalities (bench/results.md)
            memory_mb=1024,
            timeout=Duration.minutes(resources.RESULTS_TIMEOUT_MINUTES),
            # one run at a time; the release lease keeps out any other caller
            reserved_concurrency=1,
            asynchronous=True,
        )
        self.rule = lambdas.schedule(
            self, "Mornings", self.function, MORNINGS, max_event_age=Duration.hours(6)
        )
        if themes_model_id:
            model_arn = stack.format_arn(
                service="bedrock",
                account="",
                resource="foundation-model",
                resource_name=themes_model_id,
            )
            self.function.add_to_role_policy(
                iam.PolicyStatement(actions=["bedrock:InvokeModel"], resources=[model_arn])
            )
            CfnOutput(
                self,
                "ThemesModel",
                key=THEMES_MODEL_OUTPUT,
                value=themes_model_id,
                description="The Bedrock model that counts comment themes (preflight checks it)",
            )
