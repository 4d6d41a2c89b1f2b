"""The CDK app (`cdk.json`: `python3 -m infra.app`): the pipeline stack `Servicematning` and the
analytics stack `ServicematningAnalytics` (deployed after it, on its own), checked by cdk-nag.

`build_app()` is also what the template tests synthesise, so the checks they run are the
checks a deployment runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_cdk import App, Environment, Validations
from cdk_nag import AwsSolutionsChecks

from infra.constructs.analytics import AnalyticsStack
from infra.stack import ServicematningStack, StackOptions

STACK_NAME = "Servicematning"
ANALYTICS_STACK_NAME = "ServicematningAnalytics"

# Behaviour the stack relies on, set here so tests and `cdk synth` agree without cdk.json.
FEATURE_FLAGS = {
    # access logs are delivered under a bucket policy, not the legacy LogDeliveryWrite ACL
    "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": True,
}


def build_app(
    context: Mapping[str, Any] | None = None, *, outdir: str | None = None
) -> tuple[App, ServicematningStack]:
    app = App(context=FEATURE_FLAGS | dict(context or {}), outdir=outdir)
    options = StackOptions.from_context(app)
    stack = ServicematningStack(
        app,
        STACK_NAME,
        options=options,
        env=Environment(region=options.region),
        description="Servicemätning: contact files in, survey invitations out, anonymous answers",
    )
    AnalyticsStack(
        app,
        ANALYTICS_STACK_NAME,
        env=Environment(region=options.region),
        description="Servicemätning analytics: Glue, Athena, QuickSight with row-level security",
    )
    Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    return app, stack


def main() -> None:
    app, _ = build_app()
    app.synth()


if __name__ == "__main__":
    main()
