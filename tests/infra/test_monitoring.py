"""The operations alarms that catch a silent sending failure: deferred and refused invitations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from infra.constructs.monitoring import DEFERRED_METRIC, DEFERRED_PERIODS, REFUSED_METRIC
from shared.models import Channel
from shared.observability import NAMESPACE
from tests.infra.conftest import Synth

pytestmark = pytest.mark.xdist_group("cdk")

DISPATCH = Path(__file__).resolve().parents[2] / "shared" / "dispatch"


def _alarms_on(synth: Synth, metric: str) -> list[dict[str, Any]]:
    return [
        a["Properties"]
        for a in synth.of_type("AWS::CloudWatch::Alarm").values()
        if a["Properties"].get("MetricName") == metric
    ]


@pytest.mark.parametrize("metric", [DEFERRED_METRIC, REFUSED_METRIC])
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
    for alarm in _alarms_on(synth, DEFERRED_METRIC):
        assert alarm["EvaluationPeriods"] == alarm["DatapointsToAlarm"] == DEFERRED_PERIODS
        assert alarm["TreatMissingData"] == "notBreaching"


def test_a_refused_send_alarms_at_once(synth: Synth) -> None:
    for alarm in _alarms_on(synth, REFUSED_METRIC):
        assert alarm["EvaluationPeriods"] == 1


def test_dispatch_emits_the_deferred_metric() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in DISPATCH.glob("*.py"))
    assert f'"{DEFERRED_METRIC}"' in source


def test_dispatch_emits_the_refused_metric() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in DISPATCH.glob("*.py"))
    assert f'"{REFUSED_METRIC}"' in source
