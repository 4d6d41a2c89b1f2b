"""The analytics construct (Glue tables, the Athena workgroup, the QuickSight data source,
datasets with row-level security, their weekly refresh and the dashboard) and the stack
``ServicematningAnalytics`` that deploys it with its two parameters.

Why a stack of its own, and what the row-level security relies on: the package's opening
(infra/analytics/__init__.py).
"""

from __future__ import annotations

from typing import Any

from aws_cdk import Aws, CfnParameter, Stack
from aws_cdk import aws_athena as athena
from aws_cdk import aws_glue as glue
from aws_cdk import aws_iam as iam
from aws_cdk import aws_quicksight as quicksight
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.analytics.access import (
    OWNER_ACTIONS,
    VIEWER_ACTIONS,
    nag,
    nag_bucket,
    quicksight_statements,
)
from infra.analytics.catalog import (
    BYTES_SCANNED_CUTOFF,
    COMMENT_COLUMNS,
    COMMENT_RENAMES,
    CSV_SERDE,
    DATA_CATALOG,
    DATABASE,
    JSON_SERDE,
    KOMMUNKOD_RANGE,
    NULL_FORMAT,
    NULL_MARKER,
    RULE_COLUMNS,
    TEXT_INPUT,
    TEXT_OUTPUT,
    WORKGROUP,
    columns_of,
)
from infra.analytics.dashboard import dashboard_definition
from infra.constructs.nag import acknowledge
from shared.core.time import STOCKHOLM
from shared.results import export
from shared.results.figures import FigureRow, ParticipationRow
from shared.results.themes.shares import ShareRow

# SPICE, refreshed on a schedule right after the weekly release: a dashboard load reads
# QuickSight's own copy and scans nothing in Athena, and a release becomes visible when the
# refresh runs, never the moment it is written (a reader cannot watch releases to the second).
# The release schedule is weekly, Monday 06:00 Europe/Stockholm (the results' public release
# schedule); the refresh follows it an hour later. Kept here as one constant until the release
# schedule is a shared setting both read.
REFRESH_SCHEDULE = {
    "day_of_week": "MONDAY",
    "time_of_day": "07:00",
    "time_zone": STOCKHOLM,
}
IMPORT_MODE = "SPICE"


class Analytics(Construct):
    """Glue tables, the Athena workgroup and the QuickSight assets over one analytics bucket.

    ``owner_arn`` and ``viewer_group_arn`` are QuickSight principal ARNs (tokens of the stack's
    parameters in a deployment)."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        bucket: s3.IBucket,
        owner_arn: str,
        viewer_group_arn: str,
        database_name: str = DATABASE,
        workgroup_name: str = WORKGROUP,
    ) -> None:
        super().__init__(scope, construct_id)
        self.bucket = bucket
        self.owner_arn = owner_arn
        self.viewer_group_arn = viewer_group_arn
        self.database_name = database_name
        self.database = glue.CfnDatabase(
            self,
            "Database",
            catalog_id=Aws.ACCOUNT_ID,
            database_input=glue.CfnDatabase.DatabaseInputProperty(
                name=database_name,
                description="Servicemätning: released aggregates and comment batches",
            ),
        )
        self.tables = {
            "comments": self._json_table("comments", export.COMMENTS_PREFIX, COMMENT_COLUMNS),
            "figures": self._json_table("figures", export.FIGURES_PREFIX, columns_of(FigureRow)),
            "participation": self._json_table(
                "participation", export.PARTICIPATION_PREFIX, columns_of(ParticipationRow)
            ),
            # theme shares of released comments per area (shared/results/themes/shares.py)
            "themes": self._json_table("themes", export.THEMES_PREFIX, columns_of(ShareRow)),
            "rls_rules": self._csv_table(
                "rls_rules", export.RLS_KEY.rsplit("/", 1)[0] + "/", RULE_COLUMNS
            ),
        }
        self.workgroup = athena.CfnWorkGroup(
            self,
            "WorkGroup",
            name=workgroup_name,
            description="Servicemätning analytics; results encrypted, settings enforced",
            recursive_delete_option=True,
            work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
                enforce_work_group_configuration=True,
                publish_cloud_watch_metrics_enabled=True,
                bytes_scanned_cutoff_per_query=BYTES_SCANNED_CUTOFF,
                result_configuration=athena.CfnWorkGroup.ResultConfigurationProperty(
                    output_location=self.bucket.s3_url_for_object(export.ATHENA_RESULTS_PREFIX),
                    encryption_configuration=athena.CfnWorkGroup.EncryptionConfigurationProperty(
                        encryption_option="SSE_S3"
                    ),
                ),
            ),
        )
        self.role = self._quicksight_role()
        self.data_source = quicksight.CfnDataSource(
            self,
            "DataSource",
            aws_account_id=Aws.ACCOUNT_ID,
            data_source_id=f"{database_name}-athena",
            name="Servicemätning (Athena)",
            type="ATHENA",
            data_source_parameters=quicksight.CfnDataSource.DataSourceParametersProperty(
                athena_parameters=quicksight.CfnDataSource.AthenaParametersProperty(
                    work_group=workgroup_name, role_arn=self.role.role_arn
                )
            ),
            ssl_properties=quicksight.CfnDataSource.SslPropertiesProperty(disable_ssl=False),
            permissions=[self._permission(self.owner_arn, OWNER_ACTIONS["source"])],
        )
        self.data_source.node.add_dependency(self.workgroup)
        self.rules = self._dataset("rules", "rls_rules", RULE_COLUMNS, rls=False)
        self.datasets = {
            "figures": self._dataset("figures", "figures", columns_of(FigureRow)),
            "participation": self._dataset(
                "participation", "participation", columns_of(ParticipationRow)
            ),
            "comments": self._dataset(
                "comments", "comments", COMMENT_COLUMNS, renames=COMMENT_RENAMES
            ),
            "themes": self._dataset("themes", "themes", columns_of(ShareRow)),
        }
        self.dashboard = self._dashboard()

    # Glue ---------------------------------------------------------------------------------

    def _location(self, prefix: str) -> str:
        return self.bucket.s3_url_for_object(prefix.rstrip("/")) + "/"

    def _columns(self, columns: list[tuple[str, str, str]]) -> list[Any]:
        return [glue.CfnTable.ColumnProperty(name=n, type=t) for n, t, _ in columns]

    def _json_table(
        self, name: str, prefix: str, columns: list[tuple[str, str, str]]
    ) -> glue.CfnTable:
        parameters: dict[str, str] = {"classification": "json", "EXTERNAL": "TRUE"}
        keys: list[Any] = []
        if prefix == export.COMMENTS_PREFIX:  # comments/kommunkod=NNNN/part.jsonl
            keys.append(glue.CfnTable.ColumnProperty(name="kommunkod", type="string"))
            parameters |= {
                "projection.enabled": "true",
                "projection.kommunkod.type": "integer",
                "projection.kommunkod.range": KOMMUNKOD_RANGE,
                "projection.kommunkod.digits": "4",
                "storage.location.template": self._location(prefix) + "kommunkod=${kommunkod}/",
            }
        return self._table(name, prefix, columns, keys, parameters, JSON_SERDE, {})

    def _csv_table(
        self, name: str, prefix: str, columns: list[tuple[str, str, str]]
    ) -> glue.CfnTable:
        parameters = {"classification": "csv", "EXTERNAL": "TRUE", "skip.header.line.count": "1"}
        # Fail closed: an empty field stays "" (which no row's area is), never NULL, which
        # QuickSight reads as "every value". No rule has one (export.rls_rules); if a broken
        # rules file ever had, its group would see nothing rather than every municipality.
        serde = {"field.delim": ",", "serialization.format": ",", NULL_FORMAT: NULL_MARKER}
        return self._table(name, prefix, columns, [], parameters, CSV_SERDE, serde)

    def _table(
        self,
        name: str,
        prefix: str,
        columns: list[tuple[str, str, str]],
        keys: list[Any],
        parameters: dict[str, str],
        serde: str,
        serde_parameters: dict[str, str],
    ) -> glue.CfnTable:
        table = glue.CfnTable(
            self,
            f"Table-{name}",
            catalog_id=Aws.ACCOUNT_ID,
            database_name=self.database_name,
            table_input=glue.CfnTable.TableInputProperty(
                name=name,
                table_type="EXTERNAL_TABLE",
                parameters=parameters,
                partition_keys=keys or None,
                storage_descriptor=glue.CfnTable.StorageDescriptorProperty(
                    columns=self._columns(columns),
                    location=self._location(prefix),
                    input_format=TEXT_INPUT,
                    output_format=TEXT_OUTPUT,
                    serde_info=glue.CfnTable.SerdeInfoProperty(
                        serialization_library=serde, parameters=serde_parameters or None
                    ),
                ),
            ),
        )
        table.node.add_dependency(self.database)
        return table

    # QuickSight ----------------------------------------------------------------------------

    def _quicksight_role(self) -> iam.Role:
        """The role QuickSight assumes for this data source only (not the account-wide one).

        The actions are the read part of AWS's reference policy for QuickSight on Athena
        (the managed AWSQuicksightAthenaAccess: query, stream results, read the data catalog,
        Glue metadata and partitions, S3 data and result location), each on the narrowest
        resource IAM accepts for it; the policy's write actions on Glue and its bucket
        creation are left out (QuickSight only reads here)."""
        stack = Stack.of(self)
        role = iam.Role(
            self,
            "QuickSightAthenaRole",
            assumed_by=iam.ServicePrincipal("quicksight.amazonaws.com"),
            description="QuickSight reads the Servicemätning tables through Athena",
        )
        for statement in quicksight_statements(self):
            role.add_to_policy(statement)
        bucket_id = nag_bucket(stack, self.bucket)
        partition, region, account = (
            nag(stack.partition, "Partition"),
            nag(stack.region, "Region"),
            nag(stack.account, "AccountId"),
        )
        reasons = {
            "Resource::*": "athena:ListWorkGroups and athena:ListDataCatalogs support no "
            "resource-level permission (Service Authorization Reference); QuickSight lists "
            "them when it validates the data source",
            f"Resource::arn:{partition}:glue:{region}:{account}:table/{self.database_name}/*": (
                "every table of this one database is a dataset source"
            ),
        }
        for prefix in (*self._table_prefixes(), export.ATHENA_RESULTS_PREFIX):
            reasons[f"Resource::{bucket_id}/{prefix}*"] = (
                f"Athena reads (and under {export.ATHENA_RESULTS_PREFIX} writes) objects of "
                "one table prefix; keys are per export or per query"
            )
        for finding, reason in reasons.items():
            acknowledge(role, id=f"AwsSolutions-IAM5[{finding}]", reason=reason)
        return role

    def _table_prefixes(self) -> list[str]:
        return [
            export.COMMENTS_PREFIX,
            export.FIGURES_PREFIX,
            export.PARTICIPATION_PREFIX,
            export.THEMES_PREFIX,
            export.RLS_KEY.rsplit("/", 1)[0] + "/",
        ]

    @staticmethod
    def _permission(principal: str, actions: list[str]) -> Any:
        return quicksight.CfnDataSource.ResourcePermissionProperty(
            principal=principal, actions=actions
        )

    def _dataset(
        self,
        dataset_id: str,
        table: str,
        columns: list[tuple[str, str, str]],
        rls: bool = True,
        renames: dict[str, str] | None = None,
    ) -> quicksight.CfnDataSet:
        physical = quicksight.CfnDataSet.PhysicalTableProperty(
            relational_table=quicksight.CfnDataSet.RelationalTableProperty(
                data_source_arn=self.data_source.attr_arn,
                catalog=DATA_CATALOG,
                schema=self.database_name,
                name=table,
                input_columns=[
                    quicksight.CfnDataSet.InputColumnProperty(name=n, type=qs)
                    for n, _, qs in columns
                    if qs
                ],
            )
        )
        if not rls:  # the rules dataset: QuickSight expects a column named GroupName
            renames = {"groupname": "GroupName"}
        transforms = [
            quicksight.CfnDataSet.TransformOperationProperty(
                rename_column_operation=quicksight.CfnDataSet.RenameColumnOperationProperty(
                    column_name=old, new_column_name=new
                )
            )
            for old, new in (renames or {}).items()
        ] or None
        dataset = quicksight.CfnDataSet(
            self,
            f"DataSet-{dataset_id}",
            aws_account_id=Aws.ACCOUNT_ID,
            data_set_id=f"{self.database_name}-{dataset_id}",
            name=f"Servicemätning {dataset_id}",
            import_mode=IMPORT_MODE,  # QuickSight's copy, refreshed weekly (REFRESH_SCHEDULE)
            physical_table_map={"table": physical},
            logical_table_map={
                "table": quicksight.CfnDataSet.LogicalTableProperty(
                    alias=table,
                    source=quicksight.CfnDataSet.LogicalTableSourceProperty(
                        physical_table_id="table"
                    ),
                    data_transforms=transforms,
                )
            },
            row_level_permission_data_set=(
                quicksight.CfnDataSet.RowLevelPermissionDataSetProperty(
                    arn=self.rules.attr_arn,
                    permission_policy="GRANT_ACCESS",
                    format_version="VERSION_1",
                    status="ENABLED",
                    namespace="default",
                )
                if rls
                else None
            ),
            permissions=[
                quicksight.CfnDataSet.ResourcePermissionProperty(
                    principal=self.owner_arn, actions=OWNER_ACTIONS["dataset"]
                )
            ],
        )
        dataset.node.add_dependency(self.tables[table])
        self._refresh(dataset_id, dataset)
        acknowledge(
            dataset,
            id="CloudFormation-Validate::W9009",
            reason="LogicalTableMap and RowLevelPermissionDataSet are the classic dataset shape, "
            "still accepted by the QuickSight API; the newer DataPrepConfiguration and "
            "SemanticModelConfiguration (new data-prep experience) are not used yet",
        )
        return dataset

    def _refresh(self, dataset_id: str, dataset: quicksight.CfnDataSet) -> None:
        """A full SPICE refresh of the dataset on REFRESH_SCHEDULE."""
        schedule = quicksight.CfnRefreshSchedule(
            self,
            f"Refresh-{dataset_id}",
            aws_account_id=Aws.ACCOUNT_ID,
            data_set_id=dataset.data_set_id,
            schedule=quicksight.CfnRefreshSchedule.RefreshScheduleMapProperty(
                schedule_id=f"{dataset.data_set_id}-weekly",
                refresh_type="FULL_REFRESH",
                schedule_frequency=quicksight.CfnRefreshSchedule.ScheduleFrequencyProperty(
                    interval="WEEKLY",
                    refresh_on_day=quicksight.CfnRefreshSchedule.RefreshOnDayProperty(
                        day_of_week=REFRESH_SCHEDULE["day_of_week"]
                    ),
                    time_of_the_day=REFRESH_SCHEDULE["time_of_day"],
                    time_zone=REFRESH_SCHEDULE["time_zone"],
                ),
            ),
        )
        schedule.add_dependency(dataset)

    def _dashboard(self) -> quicksight.CfnDashboard:
        dashboard = quicksight.CfnDashboard(
            self,
            "Dashboard",
            aws_account_id=Aws.ACCOUNT_ID,
            dashboard_id=f"{self.database_name}-resultat",
            name="Servicemätning – resultat",
            permissions=[
                quicksight.CfnDashboard.ResourcePermissionProperty(
                    principal=self.owner_arn, actions=OWNER_ACTIONS["dashboard"]
                ),
                quicksight.CfnDashboard.ResourcePermissionProperty(
                    principal=self.viewer_group_arn, actions=VIEWER_ACTIONS
                ),
            ],
        )
        dashboard.add_property_override("Definition", dashboard_definition(self))
        return dashboard


# The stack ----------------------------------------------------------------------------------

ANALYTICS_BUCKET_PARAMETER = "/servicematning/analytics-bucket"  # written by the pipeline stack
OWNER_PARAMETER = "QuickSightOwnerArn"
VIEWERS_PARAMETER = "QuickSightViewerGroupArn"
BUCKET_PARAMETER = "AnalyticsBucketName"


class AnalyticsStack(Stack):
    """``ServicematningAnalytics``: the Analytics construct and its two parameters, whose names
    are stable (a parameter directly in a stack keeps its id as its logical name, so
    ``--parameters QuickSightOwnerArn=...`` is what docs/deploy.md writes).

    The bucket comes from the pipeline stack through the SSM parameter
    ``ANALYTICS_BUCKET_PARAMETER`` (resolved by CloudFormation at deploy time); tests may pass
    a bucket object instead."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        bucket: s3.IBucket | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.owner = CfnParameter(
            self,
            OWNER_PARAMETER,
            type="String",
            allowed_pattern=r"^arn:aws[a-z-]*:quicksight:[a-z0-9-]+:\d{12}:(user|group)/.+$",
            description="QuickSight user or group ARN that owns the data source, datasets and "
            "dashboard (an author or admin group)",
        )
        self.viewers = CfnParameter(
            self,
            VIEWERS_PARAMETER,
            type="String",
            allowed_pattern=r"^arn:aws[a-z-]*:quicksight:[a-z0-9-]+:\d{12}:group/.+$",
            description="QuickSight group ARN of every municipality's readers; row-level "
            "security limits each to its own rows (group servicematning-<kommunkod>)",
        )
        if bucket is None:
            name = CfnParameter(
                self,
                BUCKET_PARAMETER,
                type="AWS::SSM::Parameter::Value<String>",
                default=ANALYTICS_BUCKET_PARAMETER,
                description="SSM parameter holding the analytics bucket's name (written by the "
                "Servicematning stack; keep the default)",
            )
            bucket = s3.Bucket.from_bucket_name(self, "AnalyticsBucket", name.value_as_string)
        self.analytics = Analytics(
            self,
            "Analytics",
            bucket=bucket,
            owner_arn=self.owner.value_as_string,
            viewer_group_arn=self.viewers.value_as_string,
        )
