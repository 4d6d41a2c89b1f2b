"""The alarms an on-call engineer needs beyond the functions' own errors: the survey API's 5xx
and latency, the canary, a heartbeat per schedule, SES reputation and SMS spend and delivery."""

from __future__ import annotations

from typing import Any

import pytest

from infra.constructs import monitoring
from infra.constructs.lambdas import schedule_gap
from infra.stack import sms_spend_limit
from shared.platform.metric_names import Metric
from tests.infra.conftest import Synth

pytestmark = pytest.mark.xdist_group("cdk")


def _alarm(synth: Synth, construct_id: str) -> dict[str, Any]:
    found = [
        a["Properties"]
        for k, a in synth.of_type("AWS::CloudWatch::Alarm").items()
        if k.startswith(f"Monitoring{construct_id}")
    ]
    assert len(found) == 1, (construct_id, len(found))
    return found[0]


def _notifies_the_topic(synth: Synth, alarm: dict[str, Any]) -> bool:
    topic = synth.logical_id("MonitoringAlarms", "AWS::SNS::Topic")
    return bool(alarm["AlarmActions"] == [{"Ref": topic}])


def test_the_api_alarms_on_5xx_and_slow_pages(synth: Synth) -> None:
    api = synth.logical_id("SurveyApi", "AWS::ApiGatewayV2::Api")
    errors = _alarm(synth, "Api5xx")
    assert (errors["Namespace"], errors["MetricName"]) == ("AWS/ApiGateway", "5xx")
    assert {"Name": "ApiId", "Value": {"Ref": api}} in errors["Dimensions"]
    assert errors["Threshold"] == monitoring.API_5XX_THRESHOLD
    assert errors["TreatMissingData"] == "notBreaching"  # a quiet night is no outage
    latency = _alarm(synth, "ApiLatencyP99")
    assert (latency["MetricName"], latency["ExtendedStatistic"]) == ("Latency", "p99")
    assert latency["Threshold"] == monitoring.API_P99_MS
    assert latency["EvaluationPeriods"] == latency["DatapointsToAlarm"] == 3
    assert _notifies_the_topic(synth, errors)
    assert _notifies_the_topic(synth, latency)


def test_the_canary_alarms_when_it_fails_or_stops(synth: Synth) -> None:
    alarm = _alarm(synth, "CanaryFailing")
    assert alarm["MetricName"] == Metric.CANARY_PASSED
    assert (alarm["Statistic"], alarm["ComparisonOperator"], alarm["Threshold"]) == (
        "Minimum",
        "LessThanThreshold",
        1,
    )
    assert alarm["TreatMissingData"] == "breaching"  # a canary that does not run is an alarm
    assert _notifies_the_topic(synth, alarm)


def test_the_canary_runs_every_five_minutes_with_no_access_to_data(synth: Synth) -> None:
    logical, props = synth.function("canary")
    assert props["Environment"]["Variables"]["SURVEY_BASE_URL"] == "https://enkat.example.se"
    rules = [
        r["Properties"]
        for r in synth.of_type("AWS::Events::Rule").values()
        if any(t["Arn"] == {"Fn::GetAtt": [logical, "Arn"]} for t in r["Properties"]["Targets"])
    ]
    assert [r["ScheduleExpression"] for r in rules] == ["rate(5 minutes)"]
    actions = {
        a
        for s in synth.role_statements("canary")
        for a in (s["Action"] if isinstance(s["Action"], list) else [s["Action"]])
    }
    # traces and its own dead-letter queue, nothing that reaches data or sends anything
    assert {a.split(":")[0] for a in actions} <= {"xray", "sqs"}


def _rule_of(synth: Synth, function: str) -> str:
    logical, _ = synth.function(function)
    [rule] = [
        k
        for k, r in synth.of_type("AWS::Events::Rule").items()
        if any(t["Arn"] == {"Fn::GetAtt": [logical, "Arn"]} for t in r["Properties"]["Targets"])
    ]
    return rule


@pytest.mark.parametrize(
    ("function", "period", "periods"),
    [
        ("dispatch", 300, 2),
        ("ingest", 600, 2),
        ("purge", 3600, 1),
        ("watch", 86400, 1),
    ],
)
def test_every_schedule_has_a_heartbeat_that_breaches_on_silence(
    synth: Synth, function: str, period: int, periods: int
) -> None:
    alarm = _alarm(synth, f"{function.capitalize()}ScheduleMissed")
    assert (alarm["Namespace"], alarm["MetricName"]) == ("AWS/Events", "Invocations")
    rule = {"Ref": _rule_of(synth, function)}
    assert alarm["Dimensions"] == [{"Name": "RuleName", "Value": rule}]
    assert (alarm["Period"], alarm["EvaluationPeriods"], alarm["DatapointsToAlarm"]) == (
        period,
        periods,
        periods,
    )
    assert (alarm["ComparisonOperator"], alarm["Threshold"]) == ("LessThanThreshold", 1)
    assert alarm["TreatMissingData"] == "breaching"
    assert _notifies_the_topic(synth, alarm)


def test_every_rule_but_the_canarys_has_a_heartbeat(synth: Synth) -> None:
    rules = set(synth.of_type("AWS::Events::Rule")) - {_rule_of(synth, "canary")}
    watched = {
        d["Value"]["Ref"]
        for a in synth.of_type("AWS::CloudWatch::Alarm").values()
        if a["Properties"].get("Namespace") == "AWS/Events"
        for d in a["Properties"]["Dimensions"]
    }
    assert rules == watched


@pytest.mark.parametrize(
    ("expression", "seconds"),
    [
        ("rate(5 minutes)", 300),
        ("rate(1 hour)", 3600),
        ("rate(2 days)", 172800),
        ("cron(0 4 * * ? *)", 86400),
        ("cron(0 5 ? * MON *)", 7 * 86400),
        ("cron(15 * * * ? *)", 3600),
        ("cron(0 4,5 * * ? *)", 86400),  # the results' mornings: watched a day at a time
    ],
)
def test_a_schedules_gap_is_read_from_its_expression(expression: str, seconds: int) -> None:
    assert schedule_gap(expression).to_seconds() == seconds


@pytest.mark.parametrize("expression", ["cron(0 4 1 * ? *)", "cron(0 4-16 * * ? *)", "at(x)"])
def test_a_schedule_it_cannot_read_is_refused_at_synth(expression: str) -> None:
    with pytest.raises(ValueError, match=r"schedule|cron"):
        schedule_gap(expression)


def test_ses_reputation_alarms_at_the_providers_limits(synth: Synth) -> None:
    bounce = _alarm(synth, "SesBounceRate")
    complaint = _alarm(synth, "SesComplaintRate")
    assert (bounce["Namespace"], bounce["MetricName"], bounce["Threshold"]) == (
        "AWS/SES",
        "Reputation.BounceRate",
        0.05,
    )
    assert (complaint["MetricName"], complaint["Threshold"]) == ("Reputation.ComplaintRate", 0.001)
    # below Gmail's and Yahoo's 0.3 % so there is time to act before mail is rejected
    assert complaint["Threshold"] < 0.003
    for alarm in (bounce, complaint):
        assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"


def test_sms_spend_alarms_before_the_account_limit(synth: Synth) -> None:
    spend = _alarm(synth, "SmsSpendNearLimit")
    assert (spend["Namespace"], spend["MetricName"]) == ("AWS/SNS", "SMSMonthToDateSpentUSD")
    assert spend["Threshold"] == 0.8  # 80 % of the default limit of 1 USD (no context given)
    delivery = _alarm(synth, "SmsDeliveryFailing")
    assert (delivery["MetricName"], delivery["ComparisonOperator"]) == (
        "SMSSuccessRate",
        "LessThanThreshold",
    )
    outputs = synth.template_json["Outputs"]
    assert outputs["SmsSpendLimitUsd"]["Value"] == "1"


def test_the_spend_limit_context_is_checked() -> None:
    assert sms_spend_limit(None) == 1.0
    assert sms_spend_limit("250") == 250.0
    for wrong in ("0", "-5", "lots"):
        with pytest.raises(ValueError, match="smsSpendLimitUsd"):
            sms_spend_limit(wrong)
