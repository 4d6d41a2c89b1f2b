"""The CDK app (`cdk.json`: `python3 -m infra.app`): the pipeline stack `Servicematning`, the
analytics stack `ServicematningAnalytics` (deployed after it, on its own) and, with a survey
domain, the edge stack in us-east-1 (infra/edge.py); all checked by cdk-nag.

`build_app()` is also what the template tests synthesise, so the checks they run are the
checks a deployment runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_cdk import Annotations, App, Environment, Validations
from cdk_nag import AwsSolutionsChecks

from infra.analytics.stack import AnalyticsStack
from infra.edge import EDGE_REGION, Edge, EdgeOptions
from infra.stack import ServicematningStack, StackOptions

STACK_NAME = "Servicematning"
ANALYTICS_STACK_NAME = "ServicematningAnalytics"
EDGE_STACK_NAME = "ServicematningEdge"

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
    add_edge(app, stack)
    Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    return app, stack


def add_edge(app: App, stack: ServicematningStack) -> Edge | None:
    """The survey domain's CloudFront + WAF stack in us-east-1 (infra/edge.py), when the
    survey has a custom domain and `surveyEdgeCertificateArn` names its us-east-1 cert."""
    options = EdgeOptions.from_context(app)
    if options is None or stack.survey.domain is None:
        if stack.survey.domain is not None:
            Annotations.of(stack).add_warning_v2(
                "servicematning:no-edge",
                "No surveyEdgeCertificateArn given: the survey domain has no CloudFront and no "
                "per-client rate limit, only the stage throttle. See docs/deploy.md.",
            )
        return None
    return Edge(
        app,
        EDGE_STACK_NAME,
        options=options,
        origin_domain_name=stack.survey.domain.regional_domain_name,
        env=Environment(account=stack.account, region=EDGE_REGION),
        cross_region_references=True,
        description="Servicemätning: CloudFront and a per-client rate limit for the survey",
    )


def main() -> None:
    app, _ = build_app()
    app.synth()


if __name__ == "__main__":
    main()
