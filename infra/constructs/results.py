"""Results: a run every few minutes recomputes every figure from the anonymous answers and
exports it for analytics, so a new answer shows within 15 minutes."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from constructs import Construct

from infra.constructs.lambdas import Lambdas
from shared import resources

SCHEDULE = events.Schedule.rate(Duration.minutes(resources.RESULTS_EVERY_MINUTES))


class Results(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, lambdas: Lambdas) -> None:
        super().__init__(scope, construct_id)
        self.function = lambdas.function(
            self,
            "results",
            description="Aggregates the answers and exports them to the analytics bucket",
            tables={
                resources.TENANTS: ("dynamodb:Scan",),
                resources.INVITATIONS: ("dynamodb:Scan",),
                resources.RESPONSES: ("dynamodb:Scan",),
            },
            buckets={
                resources.ANALYTICS.id: {
                    "": ("s3:ListBucket",),
                    "*": ("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                }
            },
            # a million responses peaked at 1.3 GB in bench/results.py; memory also buys CPU
            memory_mb=3008,
            timeout=Duration.minutes(10),
            reserved_concurrency=1,
            asynchronous=True,
        )
        self.rule = events.Rule(
            self,
            "Schedule",
            schedule=SCHEDULE,
            targets=[
                targets.LambdaFunction(
                    self.function,
                    dead_letter_queue=lambdas.failures_of(self.function),
                    retry_attempts=2,
                    # a run older than the next one's start is pointless: the next recomputes all
                    max_event_age=Duration.minutes(resources.RESULTS_EVERY_MINUTES),
                )
            ],
        )
