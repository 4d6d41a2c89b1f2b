"""What runs each function: the upload queue, the schedules, the survey API; and the alarms."""

from __future__ import annotations

import json
from typing import Any

import pytest

from infra.constructs.survey import THROTTLE_BURST, THROTTLE_RATE
from infra.packaging import FUNCTIONS
from shared.core import tokens
from shared.platform import resources
from shared.platform.metric_names import Metric
from tests.infra.conftest import Synth, references

pytestmark = pytest.mark.xdist_group("cdk")


def _props(synth: Synth, kind: str) -> list[dict[str, Any]]:
    return [r["Properties"] for r in synth.of_type(kind).values()]


# --- ingest ----------------------------------------------------------------------------------


def test_uploads_to_inbox_notify_the_queue(synth: Synth) -> None:
    (notifications,) = _props(synth, "Custom::S3BucketNotifications")
    data = synth.logical_id(f"Storage{resources.DATA.id}", "AWS::S3::Bucket")
    assert notifications["BucketName"] == {"Ref": data}
    (config,) = notifications["NotificationConfiguration"]["QueueConfigurations"]
    assert config["Events"] == ["s3:ObjectCreated:*"]
    assert config["Filter"]["Key"]["FilterRules"] == [
        {"Name": "prefix", "Value": resources.INBOX_PREFIX}
    ]
    queue = config["QueueArn"]["Fn::GetAtt"][0]
    assert queue.startswith("IngestUploads")


def test_upload_queue_feeds_ingest_one_file_at_a_time_with_partial_failures(
    synth: Synth,
) -> None:
    ingest, props = synth.function("ingest")
    (mapping,) = [
        m
        for m in _props(synth, "AWS::Lambda::EventSourceMapping")
        if m["FunctionName"] == {"Ref": ingest}
    ]
    assert mapping["BatchSize"] == 1
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    queue_id = mapping["EventSourceArn"]["Fn::GetAtt"][0]
    queue = synth.resources[queue_id]["Properties"]
    # a message is retried three times, then parked in the dead-letter queue
    assert queue["RedrivePolicy"]["maxReceiveCount"] == 3
    dlq = queue["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
    assert synth.resources[dlq]["Properties"]["MessageRetentionPeriod"] == 14 * 24 * 3600
    # a message stays invisible longer than the function can run
    assert queue["VisibilityTimeout"] >= 6 * props["Timeout"]
    assert queue["SqsManagedSseEnabled"] is True


def test_the_draw_has_lambda_s_whole_timeout_and_the_memory_for_2m_rows(synth: Synth) -> None:
    _, fn = synth.function("ingest")
    assert fn["Timeout"] == 900
    assert fn["MemorySize"] >= 2048


# --- schedules -------------------------------------------------------------------------------


def _rule_for(synth: Synth, name: str) -> dict[str, Any]:
    fn, _ = synth.function(name)
    rules = [
        r
        for r in _props(synth, "AWS::Events::Rule")
        if any(t["Arn"] == {"Fn::GetAtt": [fn, "Arn"]} for t in r["Targets"])
    ]
    assert len(rules) == 1, f"{name}: {rules}"
    return rules[0]


@pytest.mark.parametrize(
    ("name", "schedule"),
    [
        ("dispatch", "rate(5 minutes)"),
        ("purge", "rate(1 hour)"),
        ("results", "cron(0 4,5 * * ? *)"),  # 06:00 Stockholm falls on one, summer or winter
        ("ingest", "rate(10 minutes)"),  # the daily draw, within ten minutes of a cutoff
    ],
)
def test_schedules_with_a_dead_letter_queue(synth: Synth, name: str, schedule: str) -> None:
    rule = _rule_for(synth, name)
    assert rule["ScheduleExpression"] == schedule
    assert rule["State"] == "ENABLED"
    (target,) = rule["Targets"]
    assert "Arn" in target["DeadLetterConfig"]
    # the same queue receives the function's own failed asynchronous invocations
    fn, _ = synth.function(name)
    (invoke_config,) = [
        c
        for c in _props(synth, "AWS::Lambda::EventInvokeConfig")
        if c["FunctionName"] == {"Ref": fn}
    ]
    on_failure = invoke_config["DestinationConfig"]["OnFailure"]["Destination"]
    assert on_failure == target["DeadLetterConfig"]["Arn"]


def test_dispatch_is_not_retried_by_lambda_the_next_run_is_the_retry(synth: Synth) -> None:
    fn, _ = synth.function("dispatch")
    (config,) = [
        c
        for c in _props(synth, "AWS::Lambda::EventInvokeConfig")
        if c["FunctionName"] == {"Ref": fn}
    ]
    assert config["MaximumRetryAttempts"] == 0


# --- survey API ------------------------------------------------------------------------------


def test_survey_routes(synth: Synth) -> None:
    route_keys = {r["RouteKey"] for r in _props(synth, "AWS::ApiGatewayV2::Route")}
    assert route_keys == {
        f"GET {tokens.SURVEY_PATH}",
        f"POST {tokens.SURVEY_PATH}",
        f"GET {tokens.DECLINE_PATH}",
        f"POST {tokens.DECLINE_PATH}",
        f"GET {tokens.ABOUT_PATH}",
        "GET /about",
        "GET /tillganglighet",
        "GET /accessibility",
        "GET /survey.css",
        f"GET {tokens.SURVEY_PATH}/tack",  # the thank-you page after an answer (PRG)
        "GET /logo/{kommunkod}/{digest}",
        "GET /favicon.svg",
        "GET /favicon.ico",
        "GET /kontakt",  # "kontakta mig": the form, apart from any token
        "POST /kontakt",
        "GET /kontakt/tack",
        "$default",  # anything else: the function's own 404 page
    }
    survey, _ = synth.function("survey")
    for integration in _props(synth, "AWS::ApiGatewayV2::Integration"):
        assert references(integration["IntegrationUri"]) == {survey}


def test_every_route_the_survey_function_serves_is_routed_by_the_api(synth: Synth) -> None:
    from shared.survey.routes import app

    served = {
        f"{method.upper()} {path}"
        for path, operations in app.get_openapi_schema().paths.items()
        for method in operations.model_dump(exclude_none=True)
        if method in ("get", "post")
    }
    routed = {r["RouteKey"] for r in _props(synth, "AWS::ApiGatewayV2::Route")}
    assert served
    assert served <= routed


def test_stage_is_throttled_and_logs_route_keys_never_paths_or_addresses(synth: Synth) -> None:
    (stage,) = _props(synth, "AWS::ApiGatewayV2::Stage")
    assert stage["StageName"] == "$default"
    assert stage["AutoDeploy"] is True
    assert stage["DefaultRouteSettings"]["ThrottlingRateLimit"] == THROTTLE_RATE
    assert stage["DefaultRouteSettings"]["ThrottlingBurstLimit"] == THROTTLE_BURST
    log_format = stage["AccessLogSettings"]["Format"]
    fields = json.loads(log_format)
    assert fields["routeKey"] == "$context.routeKey"
    for leak in ("$context.path", "rawPath", "$context.identity.sourceIp", "userAgent"):
        assert leak not in log_format
    group = stage["AccessLogSettings"]["DestinationArn"]["Fn::GetAtt"][0]
    assert synth.resources[group]["Properties"]["RetentionInDays"] == 30


def test_custom_domain_is_mapped_to_the_stage(synth: Synth) -> None:
    (domain,) = _props(synth, "AWS::ApiGatewayV2::DomainName")
    assert domain["DomainName"] == "enkat.example.se"
    (mapping,) = _props(synth, "AWS::ApiGatewayV2::ApiMapping")
    assert references(mapping["DomainName"]) == set(synth.of_type("AWS::ApiGatewayV2::DomainName"))


# --- alarms and dashboard --------------------------------------------------------------------


def _alarms(synth: Synth) -> list[dict[str, Any]]:
    return _props(synth, "AWS::CloudWatch::Alarm")


@pytest.mark.parametrize("name", FUNCTIONS)
def test_errors_and_throttles_alarm_for_every_function(synth: Synth, name: str) -> None:
    fn, _ = synth.function(name)
    alarmed = {
        a["MetricName"]
        for a in _alarms(synth)
        if a.get("Namespace") == "AWS/Lambda"
        and {"Name": "FunctionName", "Value": {"Ref": fn}} in a["Dimensions"]
    }
    assert alarmed == {"Errors", "Throttles"}


def test_every_dead_letter_queue_alarms_on_a_waiting_message(synth: Synth) -> None:
    dead_letter_queues = {
        q["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        for q in synth.of_type("AWS::SQS::Queue").values()
        if "RedrivePolicy" in q["Properties"]
    }
    for rule in _props(synth, "AWS::Events::Rule"):
        for target in rule["Targets"]:
            dead_letter_queues |= references(target["DeadLetterConfig"])
    alarmed = {
        ref
        for a in _alarms(synth)
        if a.get("MetricName") == "ApproximateNumberOfMessagesVisible"
        for ref in references(a["Dimensions"])
    }
    assert dead_letter_queues
    assert dead_letter_queues <= alarmed


def test_purge_finding_anything_raises_an_alarm(synth: Synth) -> None:
    (alarm,) = [a for a in _alarms(synth) if a.get("MetricName") == Metric.PURGED_STALE_CONTACTS]
    assert alarm["Namespace"] == "Servicematning"
    assert alarm["Dimensions"] == [{"Name": "service", "Value": "servicematning"}]
    assert alarm["ComparisonOperator"] == "GreaterThanThreshold"
    assert alarm["Threshold"] == 0
    assert alarm["TreatMissingData"] == "notBreaching"


def test_every_alarm_notifies_the_encrypted_alarm_topic(synth: Synth) -> None:
    (topic_id,) = synth.of_type("AWS::SNS::Topic")
    topic = synth.resources[topic_id]["Properties"]
    assert "KmsMasterKeyId" in topic
    for alarm in _alarms(synth):
        assert alarm["AlarmActions"] == [{"Ref": topic_id}]


def test_operator_dashboard_shows_the_pipeline(synth: Synth) -> None:
    (dashboard,) = _props(synth, "AWS::CloudWatch::Dashboard")
    body = json.dumps(dashboard["DashboardBody"])
    for metric in (
        Metric.CONTACTS_SAMPLED,
        Metric.INVITATIONS_SENT,
        Metric.SURVEY_ANSWERED,
        Metric.PURGED_STALE_CONTACTS,
    ):
        assert metric in body


def test_no_answer_or_stream_starts_the_results(synth: Synth) -> None:
    """Releases follow the public calendar only: the results function has no event source
    (no totals stream), and no table has a stream at all."""
    fn, _ = synth.function("results")
    mappings = [
        m
        for m in _props(synth, "AWS::Lambda::EventSourceMapping")
        if m["FunctionName"] == {"Ref": fn}
    ]
    assert mappings == []
    assert not [t for t in _props(synth, "AWS::DynamoDB::Table") if "StreamSpecification" in t]
    assert not [
        t for t in _props(synth, "AWS::DynamoDB::GlobalTable") if "StreamSpecification" in t
    ]
