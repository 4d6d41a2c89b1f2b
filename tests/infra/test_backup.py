"""Daily backups of the tables that hold answers and totals, never of personal data, with a
retention, and an alarm when a day passes without one."""

from __future__ import annotations

import pytest

from infra.constructs.backup import BACKED_UP
from shared.platform import resources
from tests.infra.conftest import Synth

pytestmark = pytest.mark.xdist_group("cdk")


def _table(synth: Synth, definition: resources.Table) -> str:
    return synth.logical_id(f"Storage{definition.id}", "AWS::DynamoDB::Table")


def test_the_answer_and_totals_tables_are_backed_up_daily_for_35_days(synth: Synth) -> None:
    (plan,) = synth.of_type("AWS::Backup::BackupPlan").values()
    (rule,) = plan["Properties"]["BackupPlan"]["BackupPlanRule"]
    assert rule["ScheduleExpression"] == "cron(0 3 * * ? *)"
    assert rule["Lifecycle"] == {"DeleteAfterDays": 35}
    (selection,) = synth.of_type("AWS::Backup::BackupSelection").values()
    selected = {r["Fn::GetAtt"][0] for r in selection["Properties"]["BackupSelection"]["Resources"]}
    assert selected == {_table(synth, t) for t in BACKED_UP}
    assert {resources.RESPONSES, resources.TOTALS} <= set(BACKED_UP)


def test_personal_data_and_open_links_are_never_backed_up() -> None:
    assert not any(t.holds_personal_data for t in BACKED_UP)
    assert resources.INVITATIONS not in BACKED_UP


def test_the_vault_outlives_the_stack(synth: Synth) -> None:
    (vault,) = synth.of_type("AWS::Backup::BackupVault").values()
    assert vault["DeletionPolicy"] == "Retain"


def test_a_day_without_a_backup_alarms(synth: Synth) -> None:
    alarms = {
        k: a["Properties"]
        for k, a in synth.of_type("AWS::CloudWatch::Alarm").items()
        if a["Properties"].get("Namespace") == "AWS/Backup"
    }
    missed = next(a for k, a in alarms.items() if k.startswith("MonitoringBackupsMissed"))
    assert missed["MetricName"] == "NumberOfBackupJobsCompleted"
    assert (missed["Period"], missed["TreatMissingData"]) == (86400, "breaching")
    failed = next(a for k, a in alarms.items() if k.startswith("MonitoringBackupsFailed"))
    assert failed["MetricName"] == "NumberOfBackupJobsFailed"
