"""The residents' survey pages: an HTTP API in front of the survey function.

The token is part of the path (/s/{token}), so the access log records the route key
(`GET /s/{token}`) and never the raw path; it records no source IP or user agent either
(personal data that would link an answer's time to a person). The default stage is throttled
so a flood of requests cannot run up the bill or exhaust the tables' capacity: the backstop
behind the per-client rate limit at the edge (infra/edge.py). With a custom domain the
default execute-api endpoint is disabled, so nothing reaches the API around the edge.
"""

from __future__ import annotations

import json

import jsii
from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_logs as logs
from constructs import Construct

from infra.constructs.lambdas import LOG_RETENTION, Lambdas
from infra.constructs.nag import acknowledge
from shared.core import tokens
from shared.platform import resources

THROTTLE_RATE = 50  # requests per second, steady; a campaign sees a few per minute
THROTTLE_BURST = 100

# (path, methods): the survey, the decline confirm page and POST (RFC 8058 one-click too),
# the "about" page and the accessibility statement in Swedish and English, the stylesheet,
# the thank-you page after an answer, a municipality's logo and the pages' icon.
# Any other request reaches the function through the $default route and gets its friendly
# 404 page instead of API Gateway's bare JSON.
ROUTES: tuple[tuple[str, tuple[apigwv2.HttpMethod, ...]], ...] = (
    (tokens.SURVEY_PATH, (apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST)),
    (tokens.DECLINE_PATH, (apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST)),
    (tokens.ABOUT_PATH, (apigwv2.HttpMethod.GET,)),
    ("/about", (apigwv2.HttpMethod.GET,)),
    ("/tillganglighet", (apigwv2.HttpMethod.GET,)),
    ("/accessibility", (apigwv2.HttpMethod.GET,)),
    ("/survey.css", (apigwv2.HttpMethod.GET,)),
    (tokens.SURVEY_PATH + "/tack", (apigwv2.HttpMethod.GET,)),  # after an answer (PRG)
    ("/logo/{kommunkod}/{digest}", (apigwv2.HttpMethod.GET,)),  # a municipality's logo
    ("/favicon.svg", (apigwv2.HttpMethod.GET,)),
    ("/favicon.ico", (apigwv2.HttpMethod.GET,)),
    ("/kontakt", (apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST)),  # "kontakta mig"
    ("/kontakt/tack", (apigwv2.HttpMethod.GET,)),
)
_PUBLIC = (
    "Public pages for residents without an account: the unguessable 128-bit token in the "
    "link is the authorisation, checked by the function."
)

# Only request facts that identify no one: never $context.path, never the source IP.
ACCESS_LOG_FORMAT = {
    "requestId": "$context.requestId",
    "time": "$context.requestTime",
    "routeKey": "$context.routeKey",
    "status": "$context.status",
    "responseLength": "$context.responseLength",
    "latencyMs": "$context.responseLatency",
    "integrationError": "$context.integrationErrorMessage",
}


class Survey(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        lambdas: Lambdas,
        domain_name: str | None = None,
        certificate_arn: str | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        # With a custom domain, that domain (behind CloudFront, infra/edge.py) is the only way
        # in: the default https://{id}.execute-api… endpoint would bypass the edge's rate limit.
        edge_only = bool(domain_name and certificate_arn)
        self.function = lambdas.function(
            self,
            "survey",
            description="Serves the survey pages and records answers and declines",
            tables={
                resources.TENANTS: ("dynamodb:GetItem",),
                resources.INVITATIONS: ("dynamodb:GetItem", "dynamodb:UpdateItem"),
                resources.RESPONSES: ("dynamodb:PutItem",),
                resources.TOTALS: ("dynamodb:UpdateItem",),
                resources.COMMENTS: ("dynamodb:PutItem",),
                # "kontakta mig": the request and its municipality's daily cap, one transaction
                resources.CONTACT_REQUESTS: ("dynamodb:PutItem",),
                resources.COUNTERS: ("dynamodb:UpdateItem",),
            },
            memory_mb=512,  # more memory is a faster cold start for a page a resident waits on
            timeout=Duration.seconds(10),
        )
        integration = integrations.HttpLambdaIntegration("Pages", self.function)
        self.api = apigwv2.HttpApi(
            self,
            "Api",
            description="Servicemätning survey pages",
            create_default_stage=False,
            default_integration=integration,
            disable_execute_api_endpoint=edge_only,
        )
        acknowledge(
            self.api.node.find_child("DefaultRoute"), id="AwsSolutions-APIG4", reason=_PUBLIC
        )
        access_logs = logs.LogGroup(
            self, "AccessLogs", retention=LOG_RETENTION, removal_policy=RemovalPolicy.DESTROY
        )
        self.stage = self.api.add_stage(
            "DefaultStage",
            stage_name="$default",
            auto_deploy=True,
            throttle=apigwv2.ThrottleSettings(rate_limit=THROTTLE_RATE, burst_limit=THROTTLE_BURST),
            access_log_settings=_AccessLogs(access_logs),
        )
        for path, methods in ROUTES:
            routes = self.api.add_routes(path=path, methods=list(methods), integration=integration)
            for route in routes:
                acknowledge(route, id="AwsSolutions-APIG4", reason=_PUBLIC)
        self.domain: apigwv2.DomainName | None = None
        if not (domain_name and certificate_arn):  # a trial: the execute-api URL (too long for SMS)
            self.base_url = self.api.api_endpoint
        else:
            self.domain = apigwv2.DomainName(
                self,
                "Domain",
                domain_name=domain_name,
                certificate=acm.Certificate.from_certificate_arn(
                    self, "Certificate", certificate_arn
                ),
            )
            apigwv2.ApiMapping(
                self, "Mapping", api=self.api, domain_name=self.domain, stage=self.stage
            )
            self.base_url = f"https://{domain_name}"


@jsii.implements(apigwv2.IAccessLogSettings)
class _AccessLogs:
    """apigwv2.IAccessLogSettings: the log group and the JSON format above."""

    def __init__(self, group: logs.ILogGroup) -> None:
        self._destination = apigwv2.LogGroupLogDestination(group)

    @property
    def destination(self) -> apigwv2.IAccessLogDestination:
        return self._destination

    @property
    def format(self) -> apigw.AccessLogFormat:
        return apigw.AccessLogFormat.custom(json.dumps(ACCESS_LOG_FORMAT))
