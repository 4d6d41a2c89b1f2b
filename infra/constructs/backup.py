"""Daily backups of the tables that hold the answers and their totals (AWS Backup).

Point-in-time recovery stays off for these tables (it would date each answer to the second for
35 days: infra/constructs/storage.py); a daily snapshot replaces it. What a backup lets an
operator see is a table's state once a day: comparing two consecutive backups dates an answer
to within a day, no finer than the contact day the answer already carries (docs/privacy.md).

- Tables: responses (answers), totals (running totals), releases (what was published, and the
  continual-release state a restored totals table must agree with), the comment pool. Not the
  contacts table (personal data: never backed up) nor the invitations (restoring them would
  reopen answered links).
- Schedule: daily at 03:00 UTC, started within an hour; kept ``RETENTION`` (35) days, in a vault
  of its own. The account must keep DynamoDB's "advanced features" in AWS Backup off, so each
  recovery point is a native DynamoDB backup that `aws dynamodb restore-table-from-backup`
  restores (`servicematning preflight` checks it; docs/operations.md has the procedure, run by
  tests/integration/cli/test_restore.py).
"""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_backup as backup
from aws_cdk import aws_events as events
from constructs import Construct

from infra.constructs.nag import acknowledge
from infra.constructs.storage import Storage
from shared.platform import resources

BACKED_UP: tuple[resources.Table, ...] = (
    resources.RESPONSES,
    resources.TOTALS,
    resources.RELEASES,
    resources.COMMENTS,
)
RETENTION = Duration.days(35)
SCHEDULE = events.Schedule.cron(minute="0", hour="3")  # UTC: the quiet hours, before dispatch


class Backups(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, storage: Storage) -> None:
        super().__init__(scope, construct_id)
        self.vault = backup.BackupVault(
            self,
            "Vault",
            removal_policy=RemovalPolicy.RETAIN,  # backups outlive the stack
        )
        self.plan = backup.BackupPlan(self, "Plan", backup_vault=self.vault)
        self.plan.add_rule(
            backup.BackupPlanRule(
                rule_name="Daily",
                schedule_expression=SCHEDULE,
                start_window=Duration.hours(1),
                completion_window=Duration.hours(4),
                delete_after=RETENTION,
            )
        )
        selection = self.plan.add_selection(
            "Tables",
            resources=[
                backup.BackupResource.from_dynamo_db_table(storage.table(t)) for t in BACKED_UP
            ],
            allow_restores=True,
        )
        for policy in (
            "AWSBackupServiceRolePolicyForBackup",
            "AWSBackupServiceRolePolicyForRestores",
        ):
            acknowledge(
                selection,
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                f"{policy}]",
                reason="AWS Backup's own service role policy, the one AWS documents for a backup "
                "selection; it acts only on the resources the selection names.",
            )
