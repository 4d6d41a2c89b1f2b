"""Results: one schedule, every morning, runs the public release calendar (no answer, count or
stream event starts the function: shared/results/schedule.py)."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_events as events
from constructs import Construct

from infra.constructs.lambdas import Lambdas
from shared import resources, settings

MORNINGS = events.Schedule.cron(
    minute="0", hour=",".join(str(h) for h in resources.RESULTS_AT_UTC_HOURS)
)


class Results(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, lambdas: Lambdas, cadence: str = "weekly"
    ) -> None:
        super().__init__(scope, construct_id)
        self.function = lambdas.function(
            self,
            "results",
            description="Releases the figures on the public calendar and publishes them",
            tables={
                resources.TENANTS: ("dynamodb:Scan",),
                resources.TOTALS: ("dynamodb:Query",),
                resources.RELEASES: (
                    "dynamodb:BatchGetItem",  # the comment marks, 100 a request
                    "dynamodb:GetItem",
                    "dynamodb:PutItem",
                    "dynamodb:UpdateItem",
                ),
                (resources.RELEASES, "by_campaign"): ("dynamodb:Query",),
                resources.COMMENTS: ("dynamodb:Query", "dynamodb:BatchWriteItem"),
            },
            buckets={resources.ANALYTICS.id: {"*": ("s3:PutObject",)}},
            # the public release calendar (shared/results/schedule.py), one per deployment
            environment={settings.RELEASE_CADENCE: cadence},
            # a release reads one stream's items and one campaign's states: small whatever
            # the history; a whole morning's calendar for 290 municipalities (bench/results.md)
            memory_mb=1024,
            timeout=Duration.minutes(10),
            reserved_concurrency=1,
            asynchronous=True,
        )
        self.rule = lambdas.schedule(
            self, "Mornings", self.function, MORNINGS, max_event_age=Duration.hours(6)
        )
