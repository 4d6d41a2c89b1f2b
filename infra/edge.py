"""The survey's edge: CloudFront with a per-client rate limit (AWS WAF) in front of the API.

An HTTP API cannot take a web ACL, and one client could otherwise use up the stage's throttle
(shared by every resident) on its own. So the survey domain points at a CloudFront
distribution whose web ACL blocks any client address that sends more than RATE_LIMIT
requests in RATE_WINDOW_SECONDS; the stage throttle stays behind it as a backstop.

A CloudFront-scoped web ACL and the distribution's certificate must live in us-east-1, so
this is a second, small stack (``Edge``) next to the main one:

    resident ─▶ CloudFront (us-east-1 ACL: rate limit per client IP) ─▶ API custom domain
                                                               (eu-north-1) ─▶ λ survey

- The origin is the API's regional custom domain (its ``d-….execute-api`` target), reached
  with the viewer's ``Host`` (the survey domain), which is how a custom domain is matched;
  the API's default execute-api endpoint is disabled (infra/constructs/survey.py).
- Forwarded to the origin: exactly what the survey reads (SURVEY_HEADERS and the query
  string for ``?lang=`` and ``?k=``); no cookies (the survey sets none).
- Cached: nothing but the stylesheet. Every page is no-store and may carry a token in its
  path; the dynamic routes use the managed CachingDisabled policy.
- Logged: nothing with a client address or a path. No CloudFront access logs, no WAF logs
  and no WAF sampled requests (each would hold the IP and the token in the URI); WAF's
  CloudWatch metrics count allowed and blocked requests.

Cost (docs/deploy.md, "Edge stack"): fixed $5 per web ACL + $1 per rule a month, $1 for the
alarm topic's KMS key, $0.10 for the alarm; per request $0.60 per million inspected by WAF;
CloudFront's always-free tier (10 M requests, 1 TB a month) covers the survey's traffic many
times over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aws_cdk import CfnOutput, Duration, Stack
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from infra.constructs.nag import acknowledge
from shared.survey.pages import CSS_PATH

EDGE_REGION = "us-east-1"  # CloudFront's web ACLs and viewer certificates live only here

# One resident needs a handful of requests (form, stylesheet, answer, perhaps the about
# page); several behind one address (a mobile carrier's NAT, an office) stay far below this.
RATE_LIMIT = 300
RATE_WINDOW_SECONDS = 300  # WAF's evaluation windows: 60, 120, 300 or 600 s
RATE_RULE = "PerClientRate"  # also the rule's CloudWatch metric name
ACL_METRIC = "SurveyAcl"

# What the survey reads from a request (shared/survey/routes.py, shared/survey/request.py):
# Accept-Language (the page's language), Content-Type (form or not), Origin and
# Sec-Fetch-Site (cross-site or not); Host so the API matches its custom domain.
SURVEY_HEADERS = ("Accept-Language", "Content-Type", "Origin", "Sec-Fetch-Site", "Host")

# The body of WAF's 429: plain, in both languages, no script (the ACL answers, not the app).
TOO_MANY = (
    '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>För många förfrågningar / Too many requests</title></head><body>"
    "<h1>För många förfrågningar</h1><p>Vänta några minuter och öppna sedan länken igen. "
    "Länken fungerar fortfarande.</p>"
    '<h1 lang="en">Too many requests</h1><p lang="en">Please wait a few minutes, then open '
    "the link again. Your link still works.</p></body></html>"
)
TOO_MANY_KEY = "TooManyRequests"

# Prices in USD (stored copies of the public pricing pages, read 2026-12-01; docs/deploy.md):
# AWS WAF: $5.00 per web ACL and $1.00 per rule a month (prorated hourly), $0.60 per million
# requests inspected; CloudFront: always-free tier of 10,000,000 requests and 1 TB out a month,
# then pay per request and per GB; SNI certificates free, a dedicated IP $600 a month.
# AWS KMS: $1.00 a month per customer managed key; CloudWatch: $0.10 per alarm metric a month.
WAF_WEB_ACL_MONTHLY = 5.00
WAF_RULE_MONTHLY = 1.00
WAF_PER_MILLION_REQUESTS = 0.60
KMS_KEY_MONTHLY = 1.00
ALARM_MONTHLY = 0.10
CLOUDFRONT_FREE_REQUESTS = 10_000_000


def fixed_monthly_cost(resources: dict[str, dict[str, Any]]) -> float:
    """The edge's fixed monthly price from a synthesized template's resources: each web ACL
    and each of its rules, each KMS key and each alarm (the distribution itself has no fixed
    fee with SNI; the topic and the cross-region reader cost only per use)."""

    def count(kind: str) -> int:
        return sum(1 for r in resources.values() if r["Type"] == kind)

    acls = [r for r in resources.values() if r["Type"] == "AWS::WAFv2::WebACL"]
    rules = sum(len(a["Properties"].get("Rules", [])) for a in acls)
    return round(
        len(acls) * WAF_WEB_ACL_MONTHLY
        + rules * WAF_RULE_MONTHLY
        + count("AWS::KMS::Key") * KMS_KEY_MONTHLY
        + count("AWS::CloudWatch::Alarm") * ALARM_MONTHLY,
        2,
    )


def per_request_cost(requests: int) -> float:
    """WAF's charge for ``requests`` in a month (CloudFront's are free up to 10 M)."""
    return requests / 1_000_000 * WAF_PER_MILLION_REQUESTS


@dataclass(frozen=True)
class EdgeOptions:
    domain_name: str  # the survey domain, e.g. enkat.example.se
    certificate_arn: str  # ACM certificate for domain_name in us-east-1
    alarm_email: str | None = None  # told when the rate limit blocks a client

    @classmethod
    def from_context(cls, node: Construct) -> EdgeOptions | None:
        """Options from `cdk -c surveyDomain=… -c surveyEdgeCertificateArn=…`, or None."""
        domain = node.node.try_get_context("surveyDomain")
        certificate = node.node.try_get_context("surveyEdgeCertificateArn")
        if not domain or not certificate:
            return None
        if not str(certificate).startswith(f"arn:aws:acm:{EDGE_REGION}:"):
            raise ValueError(
                f"surveyEdgeCertificateArn must be an ACM certificate in {EDGE_REGION} "
                "(CloudFront takes its certificates from there)"
            )
        email = str(node.node.try_get_context("alarmEmail") or "").strip() or None
        return cls(
            domain_name=str(domain).strip(),
            certificate_arn=str(certificate).strip(),
            alarm_email=email,
        )


class Edge(Stack):
    """CloudFront + WAF for the survey domain; ``origin_domain_name`` is the API custom
    domain's regional target (from the main stack)."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        options: EdgeOptions,
        origin_domain_name: str,
        **kwargs: object,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.web_acl = _web_acl(self)
        origin = origins.HttpOrigin(
            origin_domain_name,
            protocol_policy=cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            origin_ssl_protocols=[cloudfront.OriginSslPolicy.TLS_V1_2],
            read_timeout=Duration.seconds(15),  # the function's timeout is 10 s
        )
        forwarded = cloudfront.OriginRequestPolicy(
            self,
            "SurveyRequests",
            comment="What the survey pages read: language, form type, origin checks, query",
            header_behavior=cloudfront.OriginRequestHeaderBehavior.allow_list(*SURVEY_HEADERS),
            query_string_behavior=cloudfront.OriginRequestQueryStringBehavior.all(),
            cookie_behavior=cloudfront.OriginRequestCookieBehavior.none(),
        )
        stylesheet = cloudfront.CachePolicy(
            self,
            "Stylesheet",
            comment="The one stylesheet: the same for everyone, cached as its Cache-Control says",
            default_ttl=Duration.hours(1),
            min_ttl=Duration.seconds(0),
            max_ttl=Duration.days(1),
            header_behavior=cloudfront.CacheHeaderBehavior.none(),
            query_string_behavior=cloudfront.CacheQueryStringBehavior.none(),
            cookie_behavior=cloudfront.CacheCookieBehavior.none(),
            enable_accept_encoding_gzip=True,
            enable_accept_encoding_brotli=True,
        )
        self.distribution = cloudfront.Distribution(
            self,
            "Survey",
            comment="Servicemätning survey pages, rate-limited per client",
            domain_names=[options.domain_name],
            certificate=acm.Certificate.from_certificate_arn(
                self, "Certificate", options.certificate_arn
            ),
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            ssl_support_method=cloudfront.SSLMethod.SNI,  # a dedicated IP would be $600/month
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            price_class=cloudfront.PriceClass.PRICE_CLASS_100,  # Europe and North America
            web_acl_id=self.web_acl.attr_arn,
            enable_logging=False,
            default_behavior=cloudfront.BehaviorOptions(
                origin=origin,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
                origin_request_policy=forwarded,
                compress=True,
            ),
            additional_behaviors={
                CSS_PATH: cloudfront.BehaviorOptions(
                    origin=origin,
                    allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
                    viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                    cache_policy=stylesheet,
                    origin_request_policy=cloudfront.OriginRequestPolicy.HOST_HEADER_ONLY,
                    compress=True,
                )
            },
        )
        _acknowledge(self.distribution)
        self.blocked_alarm = _blocked_alarm(self, options.alarm_email)
        CfnOutput(
            self,
            "SurveyDistributionDomain",
            value=self.distribution.distribution_domain_name,
            description="Point the survey domain's DNS (CNAME or alias) here",
        )


def _web_acl(scope: Construct) -> wafv2.CfnWebACL:
    def visibility(name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
        # sampled requests would keep client addresses and URIs (with their tokens)
        return wafv2.CfnWebACL.VisibilityConfigProperty(
            cloud_watch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=False
        )

    rate = wafv2.CfnWebACL.RuleProperty(
        name=RATE_RULE,
        priority=0,
        statement=wafv2.CfnWebACL.StatementProperty(
            rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                aggregate_key_type="IP",  # on CloudFront: the viewer's own address
                limit=RATE_LIMIT,
                evaluation_window_sec=RATE_WINDOW_SECONDS,
            )
        ),
        action=wafv2.CfnWebACL.RuleActionProperty(
            block=wafv2.CfnWebACL.BlockActionProperty(
                custom_response=wafv2.CfnWebACL.CustomResponseProperty(
                    response_code=429,
                    custom_response_body_key=TOO_MANY_KEY,
                    response_headers=[
                        wafv2.CfnWebACL.CustomHTTPHeaderProperty(
                            name="Retry-After", value=str(RATE_WINDOW_SECONDS)
                        )
                    ],
                )
            )
        ),
        visibility_config=visibility(RATE_RULE),
    )
    return wafv2.CfnWebACL(
        scope,
        "SurveyAcl",
        scope="CLOUDFRONT",
        description="Servicematning survey: a per-client rate limit",
        default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
        rules=[rate],
        custom_response_bodies={
            TOO_MANY_KEY: wafv2.CfnWebACL.CustomResponseBodyProperty(
                content_type="TEXT_HTML", content=TOO_MANY
            )
        },
        visibility_config=visibility(ACL_METRIC),
    )


def _blocked_alarm(scope: Construct, alarm_email: str | None) -> cloudwatch.Alarm:
    """An alarm when the rate limit blocks anyone: a flood, or residents behind one address.
    Its own topic here: an alarm can notify only a topic in its own region (WAF's metrics
    for CloudFront are in us-east-1; the main stack's topic is not)."""
    key = kms.Key(
        scope,
        "AlarmTopicKey",
        enable_key_rotation=True,
        description="Encrypts the edge alarm topic; CloudWatch may use it to publish",
    )
    key.grant(
        iam.ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*"
    )
    topic = sns.Topic(scope, "Alarms", master_key=key, enforce_ssl=True)
    if alarm_email:
        topic.add_subscription(subscriptions.EmailSubscription(alarm_email))
    blocked = cloudwatch.Metric(
        namespace="AWS/WAFV2",
        metric_name="BlockedRequests",
        dimensions_map={"WebACL": ACL_METRIC, "Rule": RATE_RULE},  # no Region: CloudFront
        statistic="Sum",
        period=Duration.minutes(5),
    )
    alarm = cloudwatch.Alarm(
        scope,
        "RateLimited",
        metric=blocked,
        threshold=0,
        comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluation_periods=1,
        treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        alarm_description="The survey's per-client rate limit blocked requests: a flood, or "
        "many residents behind one address (docs/deploy.md, 'Edge stack').",
    )
    alarm.add_alarm_action(actions.SnsAction(topic))
    return alarm


def _acknowledge(distribution: cloudfront.Distribution) -> None:
    acknowledge(
        distribution,
        id="AwsSolutions-CFR1",
        reason="No geo restriction: residents answer from wherever they are (abroad on "
        "holiday, a phone roaming); the per-client rate limit is the protection.",
    )
    acknowledge(
        distribution,
        id="AwsSolutions-CFR3",
        reason="No access logs on purpose: CloudFront's logs hold the client IP and the full "
        "URI, whose path is the survey token; that would link an answer to a person. WAF "
        "metrics count the requests instead (docs/privacy.md).",
    )
