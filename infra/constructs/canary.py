"""The canary (shared/canary.py): every 5 minutes a synthetic link walks the public path, edge
→ API → survey function → invitations table, and the ``CanaryFailing`` alarm (monitoring.py)
fires on two failed walks in a row or on no walk at all.

A scheduled Lambda function rather than a CloudWatch Synthetics canary: Synthetics needs its
own runtime packaging and an artifacts bucket (screenshots, HAR files that would hold the
link), while this is one urllib request in the same asset shape as every other function.
It has no table, bucket or AWS permission beyond its logs: it reaches the survey the way a
resident does.
"""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_events as events
from constructs import Construct

from infra.constructs.lambdas import Lambdas
from shared.platform import settings

EVERY = Duration.minutes(5)


class Canary(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, lambdas: Lambdas, survey_base_url: str
    ) -> None:
        super().__init__(scope, construct_id)
        self.function = lambdas.function(
            self,
            "canary",
            description="Walks a synthetic survey link through the edge, API, function and table",
            tables={},
            environment={settings.SURVEY_BASE_URL: survey_base_url},
            memory_mb=256,  # the floor every function has (CPU for TLS)
            timeout=Duration.seconds(30),
            asynchronous=True,
            retry_attempts=0,  # a failed walk is the alarm's business, not a retry's
        )
        # no heartbeat: the CanaryFailing alarm treats a missing walk as a failed one
        self.rule = lambdas.schedule(
            self, "Schedule", self.function, events.Schedule.rate(EVERY), heartbeat=False
        )
