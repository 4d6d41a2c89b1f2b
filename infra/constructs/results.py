"""Results: releases follow the answers' writes (the totals table's stream), and a daily run
releases comment batches and the last batch of a closed campaign."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from constructs import Construct

from infra.constructs.lambdas import Access, Lambdas
from infra.constructs.nag import acknowledge
from shared import resources

DAILY = events.Schedule.cron(minute="0", hour=str(resources.RESULTS_DAILY_AT_UTC_HOUR))


class Results(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, lambdas: Lambdas) -> None:
        super().__init__(scope, construct_id)
        self.function = lambdas.function(
            self,
            "results",
            description="Releases batches of answers with noise and exports the figures",
            tables={
                resources.TENANTS: Access.READ,
                resources.TOTALS: Access.READ,
                resources.RELEASES: Access.READ_WRITE,
                resources.COMMENTS: Access.READ_WRITE,
            },
            buckets=(resources.ANALYTICS,),
            # a release reads one stream and one campaign's states: small whatever the history
            memory_mb=512,
            timeout=Duration.minutes(2),
            reserved_concurrency=1,
            asynchronous=True,
        )
        analytics = lambdas.storage.bucket(resources.ANALYTICS)
        analytics.grant_put(self.function)
        acknowledge(
            self.function.role,
            id="AwsSolutions-IAM5[Action::s3:Abort*]",
            reason="grant_put lets it abort its own failed multipart uploads of exports",
        )
        acknowledge(
            self.function.role,
            id=f"AwsSolutions-IAM5[Resource::<{_logical(analytics)}.Arn>/*]",
            reason="the analytics bucket holds only this function's released aggregates",
        )
        totals = lambdas.storage.table(resources.TOTALS)
        failures = lambdas.failures_of(self.function)
        self.function.add_event_source(
            sources.DynamoEventSource(
                totals,
                starting_position=lambda_.StartingPosition.TRIM_HORIZON,
                batch_size=100,
                # a release follows the answer that completes its batch within seconds
                max_batching_window=Duration.seconds(resources.RELEASE_BATCH_WINDOW_SECONDS),
                retry_attempts=5,
                bisect_batch_on_error=True,
                on_failure=sources.SqsDlq(failures),
            )
        )
        self.rule = events.Rule(
            self,
            "Daily",
            schedule=DAILY,
            targets=[
                targets.LambdaFunction(
                    self.function,
                    dead_letter_queue=failures,
                    retry_attempts=2,
                    max_event_age=Duration.hours(6),
                )
            ],
        )


def _logical(bucket: object) -> str:
    from aws_cdk import Stack

    node = bucket.node.default_child  # type: ignore[attr-defined]
    return Stack.of(node).get_logical_id(node)
