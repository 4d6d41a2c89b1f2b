"""Results: releases follow the answers' writes (the totals table's stream), and a daily run
releases comment batches and the last batch of a closed campaign."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_events as events
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from constructs import Construct

from infra.constructs.lambdas import Lambdas
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
                resources.TENANTS: ("dynamodb:Scan",),
                resources.TOTALS: ("dynamodb:Query",),
                resources.RELEASES: ("dynamodb:GetItem", "dynamodb:PutItem"),
                (resources.RELEASES, "by_campaign"): ("dynamodb:Query",),
                resources.COMMENTS: ("dynamodb:Query", "dynamodb:BatchWriteItem"),
            },
            buckets={resources.ANALYTICS.id: {"*": ("s3:PutObject",)}},
            # a release reads one stream and one campaign's states: small whatever the history
            memory_mb=512,
            timeout=Duration.minutes(2),
            reserved_concurrency=1,
            asynchronous=True,
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
        self.rule = lambdas.schedule(
            self, "Daily", self.function, DAILY, max_event_age=Duration.hours(6)
        )
