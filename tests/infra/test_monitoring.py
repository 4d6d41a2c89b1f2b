"""The operations alarms that catch a silent sending failure: deferred and refused invitations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from infra.constructs.monitoring import DEFERRED_PERIODS
from shared.core.models import Channel
from shared.ingest import watch
from shared.platform import settings
from shared.platform.metric_names import Metric
from shared.platform.observability import NAMESPACE, SERVICE
from tests.infra.conftest import Synth

pytestmark = pytest.mark.xdist_group("cdk")

DISPATCH = Path(__file__).resolve().parents[2] / "shared" / "dispatch"


def _alarms_on(synth: Synth, metric: str) -> list[dict[str, Any]]:
    return [
        a["Properties"]
        for a in synth.of_type("AWS::CloudWatch::Alarm").values()
        if a["Properties"].get("MetricName") == metric
    ]


@pytest.mark.parametrize("metric", [Metric.INVITATIONS_DEFERRED, Metric.INVITATIONS_REFUSED])
def test_each_channel_alarms_and_notifies_the_topic(synth: Synth, metric: str) -> None:
    alarms = _alarms_on(synth, metric)
    channels = {d["Value"] for a in alarms for d in a["Dimensions"] if d["Name"] == "channel"}
    assert channels == {c.value for c in Channel}
    topic = synth.logical_id("MonitoringAlarms", "AWS::SNS::Topic")
    for alarm in alarms:
        assert alarm["Namespace"] == NAMESPACE
        assert alarm["AlarmActions"] == [{"Ref": topic}]
        assert alarm["Threshold"] == 0


def test_deferral_alarms_only_when_it_lasts(synth: Synth) -> None:
    for alarm in _alarms_on(synth, Metric.INVITATIONS_DEFERRED):
        assert alarm["EvaluationPeriods"] == alarm["DatapointsToAlarm"] == DEFERRED_PERIODS
        assert alarm["TreatMissingData"] == "notBreaching"


def test_a_refused_send_alarms_at_once(synth: Synth) -> None:
    for alarm in _alarms_on(synth, Metric.INVITATIONS_REFUSED):
        assert alarm["EvaluationPeriods"] == 1


# --- the upload alarms (shared/ingest/watch.py)
# ------------------------------------------------------

UPLOAD_METRICS = (
    Metric.FILES_REFUSED,
    Metric.FILES_OUTSIDE_CAMPAIGN,
    Metric.FILES_NOTHING_ACCEPTED,
    Metric.MUNICIPALITIES_SILENT,
)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "operations.md"


def _log_group(synth: Synth, function: str) -> str:
    _, props = synth.function(function)
    return props["LoggingConfig"]["LogGroup"]["Ref"]


@pytest.mark.parametrize("metric", UPLOAD_METRICS)
def test_each_upload_condition_is_one_alarm_for_every_municipality(
    synth: Synth, metric: str
) -> None:
    # one alarm per condition, over a metric with no kommunkod dimension: 4 alarms, not 290 × 4
    (alarm,) = _alarms_on(synth, metric)
    assert alarm["Namespace"] == NAMESPACE
    assert alarm["Dimensions"] == [{"Name": "service", "Value": SERVICE}]
    assert (alarm["ComparisonOperator"], alarm["Threshold"]) == ("GreaterThanThreshold", 0)
    assert alarm["EvaluationPeriods"] == 1
    assert alarm["TreatMissingData"] == "notBreaching"
    topic = synth.logical_id("MonitoringAlarms", "AWS::SNS::Topic")
    assert alarm["AlarmActions"] == [{"Ref": topic}]


def test_no_metric_is_split_by_municipality(synth: Synth) -> None:
    for alarm in synth.of_type("AWS::CloudWatch::Alarm").values():
        names = {d["Name"] for d in alarm["Properties"].get("Dimensions", [])}
        assert "kommunkod" not in names


@pytest.mark.parametrize(
    ("metric", "function"),
    [
        (Metric.FILES_REFUSED, "ingest"),
        (Metric.FILES_OUTSIDE_CAMPAIGN, "ingest"),
        (Metric.FILES_NOTHING_ACCEPTED, "ingest"),
        (Metric.MUNICIPALITIES_SILENT, "watch"),
    ],
)
def test_the_description_says_where_to_see_which_municipality(
    synth: Synth, metric: str, function: str
) -> None:
    (alarm,) = _alarms_on(synth, metric)
    description = alarm["AlarmDescription"]
    # a Fn::Join around the log group's Ref: the query runs on the function that logs the line
    parts = description["Fn::Join"][1]
    assert {"Ref": _log_group(synth, function)} in parts
    text = "".join(p for p in parts if isinstance(p, str))
    assert watch.QUERIES[metric] in text
    assert "docs/operations.md" in text
    assert len(text) < 1024 - 200  # CloudWatch's limit, with room for the log group's name


def test_a_silent_municipality_counts_once_per_run_not_summed(synth: Synth) -> None:
    (alarm,) = _alarms_on(synth, Metric.MUNICIPALITIES_SILENT)
    assert alarm["Statistic"] == "Maximum"
    for metric in UPLOAD_METRICS[:3]:
        (alarm,) = _alarms_on(synth, metric)
        assert alarm["Statistic"] == "Sum"


def test_the_watch_runs_daily_and_has_the_configured_threshold(synth: Synth) -> None:
    fn, props = synth.function("watch")
    variables = props["Environment"]["Variables"]
    assert variables[settings.UPLOAD_SILENCE_WORKING_DAYS] == "2"
    (rule,) = [
        r["Properties"]
        for r in synth.of_type("AWS::Events::Rule").values()
        if any(t["Arn"] == {"Fn::GetAtt": [fn, "Arn"]} for t in r["Properties"]["Targets"])
    ]
    assert rule["ScheduleExpression"] == "cron(0 7 * * ? *)"


def test_the_threshold_is_checked_at_synth() -> None:
    from infra.constructs.watch import silence_working_days

    assert silence_working_days(None) == 2
    assert silence_working_days("5") == 5
    for wrong in ("0", "21", "two"):
        with pytest.raises(ValueError, match="uploadSilenceWorkingDays"):
            silence_working_days(wrong)


def test_the_operations_guide_quotes_every_query() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for metric in UPLOAD_METRICS:
        assert watch.QUERIES[metric] in text, metric


def test_the_ingest_counts_every_file_towards_its_upload_alarm() -> None:
    root = Path(__file__).resolve().parents[2]
    service = (root / "shared" / "ingest" / "service.py").read_text(encoding="utf-8")
    assert "alarms.file_alarms(result)" in service


def test_an_upload_report_ses_refused_alarms_the_operators(synth: Synth) -> None:
    [alarm] = _alarms_on(synth, Metric.UPLOAD_REPORTS_FAILED)
    assert alarm["Threshold"] == 0
    assert alarm["Statistic"] == "Sum"
    assert "upload report not sent" in alarm["AlarmDescription"]
    assert alarm["AlarmActions"] == [
        {"Ref": synth.logical_id("MonitoringAlarms", "AWS::SNS::Topic")}
    ]


def test_each_isolated_stage_and_an_invalid_settings_item_alarm(synth: Synth) -> None:
    from shared.platform import isolation

    stages = {
        d["Value"]: {x["Name"] for x in a["Dimensions"]}
        for a in _alarms_on(synth, Metric.MUNICIPALITY_FAILED)
        for d in a["Dimensions"]
        if d["Name"] == "stage"
    }
    # the dimensions the boundary emits, and nothing per municipality
    assert stages == {key: {"service", "stage"} for key in isolation.STAGES}
    (invalid,) = _alarms_on(synth, Metric.TENANT_SETTINGS_INVALID)
    assert invalid["Dimensions"] == [{"Name": "service", "Value": SERVICE}]
    assert invalid["Threshold"] == 0
