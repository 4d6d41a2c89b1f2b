"""The edge stack (infra/edge.py): CloudFront + a per-client WAF rate limit in us-east-1 in
front of the survey API, which is reachable only through its custom domain.

The app is synthesised once more here with the edge's certificate in the context (the shared
`synth` fixture keeps the context the other template tests use, and so the main stack as it
was); cdk-nag and cfn-lint run on both stacks of this app.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import pytest

from infra.edge import (
    EDGE_REGION,
    RATE_LIMIT,
    RATE_WINDOW_SECONDS,
    SURVEY_HEADERS,
    fixed_monthly_cost,
    per_request_cost,
)
from tests.conftest import ROOT
from tests.infra.conftest import CONTEXT, Synth

pytestmark = pytest.mark.xdist_group("cdk")

EDGE_CERTIFICATE = "arn:aws:acm:us-east-1:111111111111:certificate/edge"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # AWS's managed policy id


@dataclass
class EdgeSynth:
    app: Any
    main: dict[str, Any]
    edge: dict[str, Any]
    edge_region: str

    def of_type(self, template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in template["Resources"].items() if v["Type"] == kind}

    def one(self, template: dict[str, Any], kind: str) -> dict[str, Any]:
        (found,) = self.of_type(template, kind).values()
        return dict(found["Properties"])


@pytest.fixture(scope="module")
def edged(tmp_path_factory: pytest.TempPathFactory) -> EdgeSynth:
    from infra.app import EDGE_STACK_NAME, build_app

    out = tmp_path_factory.mktemp("cdk-edge")
    context = CONTEXT | {
        "assetDir": str(out / "assets"),
        "surveyEdgeCertificateArn": EDGE_CERTIFICATE,
    }
    app, stack = build_app(context, outdir=str(out / "cdk.out"))
    assembly = app.synth()  # raises when cdk-nag reports an unacknowledged finding
    edge = assembly.get_stack_by_name(EDGE_STACK_NAME)
    return EdgeSynth(
        app=app,
        main=json.loads(json.dumps(assembly.get_stack_by_name(stack.stack_name).template)),
        edge=json.loads(json.dumps(edge.template)),
        edge_region=edge.environment.region,
    )


# --- the rate limit ---------------------------------------------------------------------------


def test_a_cloudfront_web_acl_in_us_east_1_limits_each_client_address(edged: EdgeSynth) -> None:
    acl = edged.one(edged.edge, "AWS::WAFv2::WebACL")

    assert edged.edge_region == EDGE_REGION == "us-east-1"
    assert acl["Scope"] == "CLOUDFRONT"
    assert acl["DefaultAction"] == {"Allow": {}}
    [rule] = acl["Rules"]
    statement = rule["Statement"]["RateBasedStatement"]
    assert statement["AggregateKeyType"] == "IP"
    # a resident needs about five requests; one client may not take more than a share of the
    # stage's 50 requests per second over the window
    assert 10 <= statement["Limit"] == RATE_LIMIT <= 50 * RATE_WINDOW_SECONDS // 10
    assert statement["EvaluationWindowSec"] == RATE_WINDOW_SECONDS
    assert rule["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 429


def test_the_429_page_is_in_swedish_and_english(edged: EdgeSynth) -> None:
    acl = edged.one(edged.edge, "AWS::WAFv2::WebACL")
    key = acl["Rules"][0]["Action"]["Block"]["CustomResponse"]["CustomResponseBodyKey"]
    body = acl["CustomResponseBodies"][key]

    assert body["ContentType"] == "TEXT_HTML"
    assert "För många förfrågningar" in body["Content"]
    assert "Too many requests" in body["Content"]
    assert "<script" not in body["Content"]


def test_waf_keeps_no_client_address_or_path(edged: EdgeSynth) -> None:
    acl = edged.one(edged.edge, "AWS::WAFv2::WebACL")
    configs = [acl["VisibilityConfig"], *(r["VisibilityConfig"] for r in acl["Rules"])]

    assert all(c["SampledRequestsEnabled"] is False for c in configs)  # IPs and URIs with tokens
    assert edged.of_type(edged.edge, "AWS::WAFv2::LoggingConfiguration") == {}
    distribution = edged.one(edged.edge, "AWS::CloudFront::Distribution")["DistributionConfig"]
    assert "Logging" not in distribution


def test_the_web_acl_guards_the_survey_domain(edged: EdgeSynth) -> None:
    (acl_id,) = edged.of_type(edged.edge, "AWS::WAFv2::WebACL")
    config = edged.one(edged.edge, "AWS::CloudFront::Distribution")["DistributionConfig"]

    assert config["WebACLId"] == {"Fn::GetAtt": [acl_id, "Arn"]}
    assert config["Aliases"] == [CONTEXT["surveyDomain"]]
    certificate = config["ViewerCertificate"]
    assert certificate["AcmCertificateArn"] == EDGE_CERTIFICATE
    assert certificate["SslSupportMethod"] == "sni-only"
    assert certificate["MinimumProtocolVersion"] == "TLSv1.2_2021"
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"


def test_an_alarm_says_when_the_rate_limit_blocks_anyone(edged: EdgeSynth) -> None:
    from infra.edge import ACL_METRIC, RATE_RULE

    alarm = edged.one(edged.edge, "AWS::CloudWatch::Alarm")
    acl = edged.one(edged.edge, "AWS::WAFv2::WebACL")

    assert (alarm["Namespace"], alarm["MetricName"]) == ("AWS/WAFV2", "BlockedRequests")
    dimensions = {d["Name"]: d["Value"] for d in alarm["Dimensions"]}
    # WAF's metric dimensions are the ACL's and the rule's metric names
    assert dimensions == {"WebACL": ACL_METRIC, "Rule": RATE_RULE}
    assert acl["VisibilityConfig"]["MetricName"] == ACL_METRIC
    assert acl["Rules"][0]["VisibilityConfig"]["MetricName"] == RATE_RULE
    [topic] = edged.of_type(edged.edge, "AWS::SNS::Topic")
    assert alarm["AlarmActions"] == [{"Ref": topic}]
    [subscription] = edged.of_type(edged.edge, "AWS::SNS::Subscription").values()
    assert subscription["Properties"]["Endpoint"] == CONTEXT["alarmEmail"]


# --- nothing around it ------------------------------------------------------------------------


def test_the_api_is_reachable_only_through_its_custom_domain(synth: Synth) -> None:
    """The main stack as the other template tests see it (a survey domain, no edge context):
    the default execute-api endpoint is off, and the stage throttle stays as the backstop."""
    from infra.constructs.survey import THROTTLE_BURST, THROTTLE_RATE

    [api] = synth.of_type("AWS::ApiGatewayV2::Api").values()
    [stage] = synth.of_type("AWS::ApiGatewayV2::Stage").values()
    [domain] = synth.of_type("AWS::ApiGatewayV2::DomainName").values()

    assert api["Properties"]["DisableExecuteApiEndpoint"] is True
    assert domain["Properties"]["DomainName"] == CONTEXT["surveyDomain"]
    throttle = stage["Properties"]["DefaultRouteSettings"]
    assert (throttle["ThrottlingRateLimit"], throttle["ThrottlingBurstLimit"]) == (
        THROTTLE_RATE,
        THROTTLE_BURST,
    )


def test_make_faults_floods_at_ten_times_this_stage_limit() -> None:
    from infra.constructs.survey import THROTTLE_RATE
    from local.faults.flood import FLOOD_RATE, STAGE_RATE

    assert STAGE_RATE == THROTTLE_RATE
    assert FLOOD_RATE == 10 * THROTTLE_RATE


def test_the_survey_links_use_the_survey_domain(synth: Synth) -> None:
    _, dispatch = synth.function("dispatch")
    assert f"https://{CONTEXT['surveyDomain']}" in dispatch["Environment"]["Variables"].values()


def test_cloudfront_reaches_the_api_custom_domain_over_https(edged: EdgeSynth) -> None:
    config = edged.one(edged.edge, "AWS::CloudFront::Distribution")["DistributionConfig"]
    [origin] = config["Origins"]

    assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    assert origin["CustomOriginConfig"]["OriginSSLProtocols"] == ["TLSv1.2"]
    # the origin is the main stack's custom domain's regional name, exported to us-east-1
    [reader] = edged.of_type(edged.edge, "Custom::CrossRegionExportReader").values()
    imported = origin["DomainName"]["Fn::GetAtt"][1]
    assert imported in reader["Properties"]["ReaderProps"]["imports"]
    [writer] = edged.of_type(edged.main, "Custom::CrossRegionExportWriter").values()
    exported = writer["Properties"]["WriterProps"]["exports"][imported]
    (domain_id,) = edged.of_type(edged.main, "AWS::ApiGatewayV2::DomainName")
    assert exported == {"Fn::GetAtt": [domain_id, "RegionalDomainName"]}


# --- what goes through, what is cached ----------------------------------------------------


def _policy(edged: EdgeSynth, reference: Any) -> dict[str, Any]:
    return dict(
        edged.edge["Resources"][reference["Ref"]]["Properties"]["OriginRequestPolicyConfig"]
    )


def test_the_pages_get_exactly_the_headers_and_query_they_read_and_no_cookies(
    edged: EdgeSynth,
) -> None:
    config = edged.one(edged.edge, "AWS::CloudFront::Distribution")["DistributionConfig"]
    default = config["DefaultCacheBehavior"]
    policy = _policy(edged, default["OriginRequestPolicyId"])

    assert policy["HeadersConfig"]["HeaderBehavior"] == "whitelist"
    assert set(policy["HeadersConfig"]["Headers"]) == {
        "Accept-Language",
        "Content-Type",
        "Origin",
        "Sec-Fetch-Site",
        "Host",  # how API Gateway matches the custom domain
    }
    assert set(SURVEY_HEADERS) == set(policy["HeadersConfig"]["Headers"])
    assert policy["QueryStringsConfig"]["QueryStringBehavior"] == "all"  # ?lang=, ?k=
    assert policy["CookiesConfig"]["CookieBehavior"] == "none"
    assert "POST" in default["AllowedMethods"]


def test_the_headers_the_code_reads_are_the_ones_forwarded() -> None:
    """Every header name the survey's request code reads is forwarded, and vice versa."""
    sources = [ROOT / "shared/survey/routes.py", ROOT / "shared/survey/request.py"]
    read = {
        name
        for source in sources
        for name in re.findall(r'headers\.get\("([a-z-]+)"\)', source.read_text(encoding="utf-8"))
    }
    forwarded = {h.lower() for h in SURVEY_HEADERS} - {"host"}

    assert read == forwarded


def test_only_the_stylesheet_is_cached(edged: EdgeSynth) -> None:
    config = edged.one(edged.edge, "AWS::CloudFront::Distribution")["DistributionConfig"]

    assert config["DefaultCacheBehavior"]["CachePolicyId"] == CACHING_DISABLED
    [css] = config["CacheBehaviors"]
    assert css["PathPattern"] == "/survey.css"
    assert css["AllowedMethods"] == ["GET", "HEAD"]
    cache = edged.edge["Resources"][css["CachePolicyId"]["Ref"]]["Properties"]["CachePolicyConfig"]
    key = cache["ParametersInCacheKeyAndForwardedToOrigin"]
    assert key["CookiesConfig"]["CookieBehavior"] == "none"
    assert key["HeadersConfig"]["HeaderBehavior"] == "none"
    assert key["QueryStringsConfig"]["QueryStringBehavior"] == "none"


# --- cost and checks ----------------------------------------------------------------------


def test_the_stated_cost_is_the_cost_of_what_is_synthesised(edged: EdgeSynth) -> None:
    """docs/deploy.md states the edge's price; it must match the template: one web ACL with one
    rule, one KMS key and one alarm, no paid extras (managed rule groups, Bot Control, logs,
    Origin Shield, dedicated IP)."""
    fixed = fixed_monthly_cost(edged.edge["Resources"])
    docs = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")

    assert fixed == 7.10
    assert f"${fixed:.2f} a month" in docs
    assert f"${per_request_cost(1_000_000):.2f} per million requests" in docs
    acl = edged.one(edged.edge, "AWS::WAFv2::WebACL")
    assert all("ManagedRuleGroupStatement" not in r["Statement"] for r in acl["Rules"])
    config = edged.one(edged.edge, "AWS::CloudFront::Distribution")["DistributionConfig"]
    assert config["PriceClass"] == "PriceClass_100"
    assert all("OriginShield" not in o for o in config["Origins"])


def test_cdk_nag_and_cfn_lint_are_clean_on_both_stacks(edged: EdgeSynth) -> None:
    from cdk_nag import AwsSolutionsChecks
    from cfnlint.api import ManualArgs, lint

    report = AwsSolutionsChecks().validate_scope(edged.app)
    assert [v.rule_name for v in report.violations] == []
    for template, region in ((edged.main, "eu-north-1"), (edged.edge, EDGE_REGION)):
        matches = lint(
            json.dumps(template), config=ManualArgs(regions=[region], ignore_checks=["W3005"])
        )
        assert [f"{m.rule.id} {m.message}" for m in matches] == []


def test_without_the_edge_certificate_there_is_no_edge_stack(synth: Synth) -> None:
    from infra.app import EDGE_STACK_NAME

    assert synth.app.node.try_find_child(EDGE_STACK_NAME) is None


def test_the_edge_certificate_must_be_in_us_east_1() -> None:
    from aws_cdk import App

    from infra.edge import EdgeOptions

    app = App(
        context={
            "surveyDomain": "enkat.example.se",
            "surveyEdgeCertificateArn": "arn:aws:acm:eu-north-1:1:certificate/x",
        }
    )
    with pytest.raises(ValueError, match="us-east-1"):
        EdgeOptions.from_context(app)
