"""Results: a run every few minutes recomputes every figure from the anonymous answers and
exports it for analytics, so a new answer shows within 15 minutes."""

from __future__ import annotations

from aws_cdk import Duration, Stack
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from constructs import Construct

from infra.constructs.lambdas import Access, Lambdas
from infra.constructs.nag import acknowledge
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
                resources.TENANTS: Access.READ,
                resources.INVITATIONS: Access.READ,
                resources.RESPONSES: Access.READ,
            },
            buckets=(resources.ANALYTICS,),
            # a million responses peaked at 1.3 GB in bench/results.py; memory also buys CPU
            memory_mb=3008,
            timeout=Duration.minutes(10),
            reserved_concurrency=1,
            asynchronous=True,
        )
        analytics = lambdas.storage.bucket(resources.ANALYTICS)
        analytics.grant_read_write(self.function)
        arn = Stack.of(self).get_logical_id(analytics.node.default_child)
        reasons = {
            "Action::s3:GetObject*": "compares earlier exports with the recomputed ones",
            "Action::s3:GetBucket*": "grant_read_write's bucket-level reads of its own bucket",
            "Action::s3:List*": "lists earlier exports (partitions) in its own bucket",
            "Action::s3:DeleteObject*": "deletes exports the recompute no longer produces",
            "Action::s3:Abort*": "aborts its own failed multipart uploads of large exports",
            f"Resource::<{arn}.Arn>/*": (
                "the analytics bucket holds only this function's anonymous exports"
            ),
        }
        for finding, reason in reasons.items():
            acknowledge(
                self.function.role,
                id=f"AwsSolutions-IAM5[{finding}]",
                reason=reason,
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
