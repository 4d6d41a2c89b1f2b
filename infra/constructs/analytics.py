"""Analytics: exported results in Glue/Athena and a QuickSight dashboard with row-level security,
in a stack of its own (``ServicematningAnalytics``), deployed after the pipeline.

Why a stack of its own: QuickSight needs things CloudFormation cannot create (an Enterprise
subscription, the owner and viewer principals, the groups; docs/deploy.md), and a QuickSight
failure must not roll back the pipeline's tables and buckets. The pipeline stack writes the
analytics bucket's name to one SSM parameter (``ANALYTICS_BUCKET_PARAMETER``); this stack reads
it at deploy time, so neither stack exports anything the other would lock.

The results function writes aggregates only (no row-level answers) under fixed prefixes of the
analytics bucket (``shared.results.export``). Here they become Glue tables (partition
projection for the comments: no crawler, a new municipality is queryable at once), an Athena
workgroup whose encrypted result location users cannot override, a QuickSight Athena data
source, datasets and a dashboard.

Row-level security (RLS): a municipality's readers see its own rows, its own kommungrupp's rows
and the nation's rows, and nothing of another group or another municipality. The column matched
is ``area`` (``export.RLS_COLUMN``): every figure and participation row has one — the kommunkod,
``KG-<kommungrupp>`` or ``riket`` — and the comments dataset renames its ``audience`` (the
comment's kommunkod) to ``area``, so one rules dataset serves all three. The rules
(``rls/rules.csv``, written by the results function from the tenant list,
``export.rls_rules``) give QuickSight group ``servicematning-<kommunkod>`` three rules: its
kommunkod, ``KG-<its kommungrupp>`` and ``riket``; the operators' group gets one rule per area
there can be (every municipality, the nine groups, the nation).

What this relies on, from the QuickSight User Guide, "Using row-level security with user-based
rules to restrict access to a dataset"
(https://docs.aws.amazon.com/quicksight/latest/user/restrict-access-to-a-data-set-using-row-level-security.html):
the rules dataset has a column named ``GroupName`` (``FormatVersion`` VERSION_1 names groups,
VERSION_2 would take ARNs: CloudFormation's ``RowLevelPermissionDataSet``) plus one column per
field to restrict, named exactly as the dataset's field; each group sees only the rows that match
one of its rules (several rules are OR'ed; within one rule every field must match, AND); a
NULL value means every value; a group without a rule sees no row; duplicate rules are ignored;
at most 999 rules apply to one user; a value holding a comma is read as several values. With
``PermissionPolicy`` GRANT_ACCESS (DENY_ACCESS is kept for backward compatibility only) a rule
grants. Hence the design: one column, one value a rule, no comma in a value (a kommunkod,
``KG-A3``, ``riket``), no empty field, so no rule means "everything" by accident. Why not the
``kommungrupp`` column: the nation's rows carry ``kommungrupp`` = "", and a rule that must name
the empty value stands one serde setting away from NULL, "every value" (a two-column rule
audience=alla, kommungrupp=NULL grants every group's rows, not only the nation's). And the rules
table reads an empty field as "" (``serialization.null.format`` is Hive's ``\\N``), never as
NULL: a rule with a missing value matches no row instead of every row (fail closed). The
QuickSight principals (who owns the assets, who may open the dashboard) are the stack's two
parameters, ``QuickSightOwnerArn`` and ``QuickSightViewerGroupArn``.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable
from typing import Any

from aws_cdk import Aws, CfnParameter, Stack, Token
from aws_cdk import aws_athena as athena
from aws_cdk import aws_glue as glue
from aws_cdk import aws_iam as iam
from aws_cdk import aws_quicksight as quicksight
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.constructs.nag import acknowledge
from shared.core.time import STOCKHOLM
from shared.results import export
from shared.results.figures import ERRAND_QUESTION, KOMMUN, FigureRow, ParticipationRow
from shared.results.themes.shares import ShareRow

DATABASE = "servicematning"
WORKGROUP = "servicematning"
JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe"
CSV_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"
TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat"
TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
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
BYTES_SCANNED_CUTOFF = 10 * 1024**3  # 10 GiB per query: a runaway query cannot run up a bill
KOMMUNKOD_RANGE = "114,2584"  # SCB's lowest and highest kommunkod (Upplands Väsby … Kiruna)
RLS_COLUMN = export.RLS_COLUMN
DATA_CATALOG = "AwsDataCatalog"
NULL_FORMAT = "serialization.null.format"
NULL_MARKER = "\\N"  # Hive's own NULL marker, said explicitly: only "\\N" is NULL, "" is ""

# Python type of an exported field → (Glue type, QuickSight input column type)
_TYPES = {
    "str": ("string", "STRING"),
    "int": ("int", "INTEGER"),
    "float": ("double", "DECIMAL"),
    "bool": ("boolean", "BIT"),
}

OWNER_ACTIONS = {
    "source": [
        "quicksight:DescribeDataSource",
        "quicksight:DescribeDataSourcePermissions",
        "quicksight:PassDataSource",
        "quicksight:UpdateDataSource",
        "quicksight:DeleteDataSource",
        "quicksight:UpdateDataSourcePermissions",
    ],
    "dataset": [
        "quicksight:DescribeDataSet",
        "quicksight:DescribeDataSetPermissions",
        "quicksight:PassDataSet",
        "quicksight:DescribeIngestion",
        "quicksight:ListIngestions",
        "quicksight:UpdateDataSet",
        "quicksight:DeleteDataSet",
        "quicksight:CreateIngestion",
        "quicksight:CancelIngestion",
        "quicksight:UpdateDataSetPermissions",
    ],
    "dashboard": [
        "quicksight:DescribeDashboard",
        "quicksight:ListDashboardVersions",
        "quicksight:QueryDashboard",
        "quicksight:UpdateDashboard",
        "quicksight:DeleteDashboard",
        "quicksight:UpdateDashboardPermissions",
        "quicksight:DescribeDashboardPermissions",
        "quicksight:UpdateDashboardPublishedVersion",
    ],
}
VIEWER_ACTIONS = [
    "quicksight:DescribeDashboard",
    "quicksight:ListDashboardVersions",
    "quicksight:QueryDashboard",
]


def columns_of(row_type: type) -> list[tuple[str, str, str]]:
    """(name, Glue type, QuickSight type) of every field of an exported row dataclass."""
    hints = typing.get_type_hints(row_type)
    out = []
    for f in dataclasses.fields(row_type):
        base = next(
            t for t in typing.get_args(hints[f.name]) or (hints[f.name],) if t is not type(None)
        )
        glue_type, qs_type = _TYPES[base.__name__]
        out.append((f.name, glue_type, qs_type))
    return out


COMMENT_COLUMNS = [
    ("audience", "string", "STRING"),
    ("campaign", "string", "STRING"),
    ("channel", "string", "STRING"),
    ("errand", "string", "STRING"),
    ("released_on", "string", "STRING"),
    ("text", "string", "STRING"),
]
RULE_COLUMNS = [("groupname", "string", "STRING"), (RLS_COLUMN, "string", "STRING")]
# the comments carry their kommunkod as ``audience``; their dataset names it ``area`` for RLS
COMMENT_RENAMES = {"audience": RLS_COLUMN}


def _nag(value: str, pseudo: str) -> str:
    """How cdk-nag writes a part of an ARN: the literal, or <AWS::X> for a pseudo parameter."""
    return f"<AWS::{pseudo}>" if Token.is_unresolved(value) else value


def _nag_bucket(stack: Stack, bucket: s3.IBucket) -> str:
    """How cdk-nag writes the bucket's ARN in a finding."""
    resolved = stack.resolve(bucket.bucket_arn)
    if isinstance(resolved, dict) and "Fn::GetAtt" in resolved:
        return f"<{resolved['Fn::GetAtt'][0]}.Arn>"
    if isinstance(resolved, dict) and "Fn::Join" in resolved:
        parts = resolved["Fn::Join"][1]
        return "".join(
            p if isinstance(p, str) else f"<{p.get('Ref', 'AWS::Partition')}>" for p in parts
        )
    return str(resolved)


ATHENA_WORKGROUP_ACTIONS = (
    "athena:StartQueryExecution",
    "athena:GetQueryExecution",
    "athena:GetQueryResults",
    "athena:GetQueryResultsStream",
    "athena:StopQueryExecution",
    "athena:GetWorkGroup",
)
ATHENA_CATALOG_ACTIONS = (
    "athena:GetDataCatalog",
    "athena:GetDatabase",
    "athena:GetTableMetadata",
    "athena:ListDatabases",
    "athena:ListTableMetadata",
)
ATHENA_LIST_ACTIONS = ("athena:ListWorkGroups", "athena:ListDataCatalogs")
GLUE_READ_ACTIONS = (
    "glue:GetDatabase",
    "glue:GetDatabases",
    "glue:GetTable",
    "glue:GetTables",
    "glue:GetPartition",
    "glue:GetPartitions",
    "glue:BatchGetPartition",
)


def quicksight_statements(analytics: Analytics) -> list[iam.PolicyStatement]:
    """The QuickSight data-source role's policy (see Analytics._quicksight_role)."""
    stack = Stack.of(analytics)
    bucket = analytics.bucket
    database = analytics.database_name
    results = f"{export.ATHENA_RESULTS_PREFIX}*"
    return [
        iam.PolicyStatement(
            sid="AthenaQueriesInTheWorkgroup",
            actions=list(ATHENA_WORKGROUP_ACTIONS),
            resources=[
                stack.format_arn(
                    service="athena", resource="workgroup", resource_name=analytics.workgroup.name
                )
            ],
        ),
        iam.PolicyStatement(
            sid="AthenaDataCatalogReads",
            actions=list(ATHENA_CATALOG_ACTIONS),
            resources=[
                stack.format_arn(
                    service="athena", resource="datacatalog", resource_name=DATA_CATALOG
                )
            ],
        ),
        iam.PolicyStatement(
            sid="AthenaListings", actions=list(ATHENA_LIST_ACTIONS), resources=["*"]
        ),
        iam.PolicyStatement(
            sid="GlueMetadataReads",
            actions=list(GLUE_READ_ACTIONS),
            resources=[
                stack.format_arn(service="glue", resource="catalog"),
                stack.format_arn(service="glue", resource="database", resource_name=database),
                stack.format_arn(service="glue", resource="table", resource_name=f"{database}/*"),
            ],
        ),
        iam.PolicyStatement(
            sid="BucketListingAndLocation",
            actions=["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
            resources=[bucket.bucket_arn],
        ),
        iam.PolicyStatement(
            sid="ReadTheTablesAndResults",
            actions=["s3:GetObject"],
            resources=[
                bucket.arn_for_objects(f"{prefix}*")
                for prefix in (*analytics._table_prefixes(), export.ATHENA_RESULTS_PREFIX)
            ],
        ),
        iam.PolicyStatement(
            sid="WriteQueryResults",
            actions=["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
            resources=[bucket.arn_for_objects(results)],
        ),
    ]


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
        bucket_id = _nag_bucket(stack, self.bucket)
        partition, region, account = (
            _nag(stack.partition, "Partition"),
            _nag(stack.region, "Region"),
            _nag(stack.account, "AccountId"),
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


# The dashboard's definition (CloudFormation's own shape: AWS::QuickSight::Dashboard Definition)

FIGURES, PARTICIPATION, COMMENTS = "figures", "participation", "comments"
SHEET = "resultat"
CAMPAIGN_FILTER = "campaign"
# Visual ids, named once: the filter groups scope them, the tests look them up.
COMPARISON, DISTRIBUTION, RANKING = "comparison", "distribution", "ranking"
TREND_WEEK, TREND_MONTH, TREND_CAMPAIGN = "trend-week", "trend-month", "trend-campaign"
OWN_QUESTIONS, ERRANDS, ERRAND_SHARES = "own-questions", "errands", "errand-shares"
PARTICIPATION_TABLE, COMMENTS_TABLE = "participation", "comments"
FIGURE_VISUALS = (
    COMPARISON,
    DISTRIBUTION,
    RANKING,
    TREND_WEEK,
    TREND_MONTH,
    TREND_CAMPAIGN,
    OWN_QUESTIONS,
    ERRANDS,
    ERRAND_SHARES,
)
HIDDEN_NOTE = "Celler med färre svar än minsta cellstorlek visas inte."
BESIDE_NOTE = "Kommunen, dess kommungrupp och riket (de rader läsaren får se)."


def _column(dataset: str, name: str) -> dict[str, str]:
    return {"DataSetIdentifier": dataset, "ColumnName": name}


def _dimension(field_id: str, dataset: str, name: str) -> dict[str, Any]:
    return {"CategoricalDimensionField": {"FieldId": field_id, "Column": _column(dataset, name)}}


def _measure(field_id: str, dataset: str, name: str, how: str) -> dict[str, Any]:
    return {
        "NumericalMeasureField": {
            "FieldId": field_id,
            "Column": _column(dataset, name),
            "AggregationFunction": {"SimpleNumericalAggregation": how},
        }
    }


def _label(text: str) -> dict[str, Any]:
    return {"Visibility": "VISIBLE", "FormatText": {"PlainText": text}}


def _ascending(field_id: str) -> dict[str, Any]:
    return {"FieldSort": {"FieldId": field_id, "Direction": "ASC"}}


def _wells(
    category: Any, values: list[Any], colors: list[Any], small: Any | None
) -> dict[str, Any]:
    wells: dict[str, Any] = {"Category": [category], "Values": values, "Colors": colors}
    if small is not None:
        wells["SmallMultiples"] = [small]
    return wells


def _bar(
    visual_id: str,
    title: str,
    note: str,
    category: Any,
    values: list[Any],
    colors: list[Any],
    small: Any | None = None,
) -> dict[str, Any]:
    return {
        "BarChartVisual": {
            "VisualId": visual_id,
            "Title": _label(title),
            "Subtitle": _label(note),
            "ChartConfiguration": {
                "FieldWells": {
                    "BarChartAggregatedFieldWells": _wells(category, values, colors, small)
                },
                "Orientation": "HORIZONTAL",
                "BarsArrangement": "CLUSTERED",
            },
        }
    }


def _line(
    visual_id: str, title: str, note: str, category: Any, sort: dict[str, Any]
) -> dict[str, Any]:
    """Index over a time axis, one line per area (own, group, nation), one panel per question."""
    f = FIGURES
    return {
        "LineChartVisual": {
            "VisualId": visual_id,
            "Title": _label(title),
            "Subtitle": _label(note),
            "ChartConfiguration": {
                "FieldWells": {
                    "LineChartAggregatedFieldWells": _wells(
                        category,
                        [_measure(f"{visual_id}-index", f, "index", "AVERAGE")],
                        [_dimension(f"{visual_id}-area", f, "area_name")],
                        _dimension(f"{visual_id}-question", f, "question_label"),
                    )
                },
                "SortConfiguration": {"CategorySort": [sort]},
            },
        }
    }


def _table(visual_id: str, title: str, group_by: list[Any], values: list[Any]) -> dict[str, Any]:
    return {
        "TableVisual": {
            "VisualId": visual_id,
            "Title": _label(title),
            "ChartConfiguration": {
                "FieldWells": {"TableAggregatedFieldWells": {"GroupBy": group_by, "Values": values}}
            },
        }
    }


def _scope(visuals: Iterable[str]) -> dict[str, Any]:
    return {
        "SelectedSheets": {
            "SheetVisualScopingConfigurations": [
                {"SheetId": SHEET, "Scope": "SELECTED_VISUALS", "VisualIds": list(visuals)}
            ]
        }
    }


def _group(
    filter_id: str, dataset_filter: dict[str, Any], visuals: Iterable[str]
) -> dict[str, Any]:
    return {
        "FilterGroupId": f"group-{filter_id}",
        "CrossDataset": "SINGLE_DATASET",
        "Status": "ENABLED",
        "Filters": [dataset_filter],
        "ScopeConfiguration": _scope(visuals),
    }


def _filter(
    filter_id: str,
    dataset: str,
    column: str,
    values: list[str],
    visuals: Iterable[str],
    operator: str = "CONTAINS",
) -> dict[str, Any]:
    """Rows whose ``column`` is one of ``values`` (or, with DOES_NOT_CONTAIN, none of them)."""
    category = {
        "FilterId": filter_id,
        "Column": _column(dataset, column),
        "Configuration": {
            "FilterListConfiguration": {"MatchOperator": operator, "CategoryValues": values}
        },
    }
    return _group(filter_id, {"CategoryFilter": category}, visuals)


def _flag(
    filter_id: str, dataset: str, column: str, value: int, visuals: Iterable[str]
) -> dict[str, Any]:
    """Rows whose boolean ``column`` is ``value``: QuickSight promotes a boolean to an integer
    (0/1; "Supported data types and values", QuickSight User Guide), and a row without the
    value (NULL) is left out too."""
    equality = {
        "FilterId": filter_id,
        "Column": _column(dataset, column),
        "Value": value,
        "MatchOperator": "EQUALS",
        "NullOption": "NON_NULLS_ONLY",
    }
    return _group(filter_id, {"NumericEqualityFilter": equality}, visuals)


def _campaign_filter(visuals: Iterable[str]) -> dict[str, Any]:
    """The campaign picker's filter: every campaign until the reader picks one."""
    category = {
        "FilterId": CAMPAIGN_FILTER,
        "Column": _column(FIGURES, "campaign_name"),
        "Configuration": {
            "FilterListConfiguration": {
                "MatchOperator": "CONTAINS",
                "SelectAllOptions": "FILTER_ALL_VALUES",
            }
        },
    }
    return _group(CAMPAIGN_FILTER, {"CategoryFilter": category}, visuals)


def dashboard_definition(analytics: Analytics) -> dict[str, Any]:
    """What a municipality's manager reads, each visual beside its kommungrupp and the nation
    (row-level security leaves a reader exactly those three areas):

    - ``comparison``: index per question (national and own questions), own vs group vs nation;
    - ``trend-week`` / ``trend-month``: index per ISO week and per month within a campaign;
      ``trend-campaign``: campaign over campaign (by ``campaign_name``, in start order);
    - ``own-questions``: the distribution (``share`` per option) of the municipality's own
      choice questions;
    - ``errands``: index per errand kind, and ``errand-shares``: how the errands are spread;
    - ``ranking``: the rank only where the municipality is comparable (≥ 100 answers);
    - answer counts, participation and the own comments.

    Every figure visual leaves out suppressed rows (``suppressed`` = 0) besides the rows'
    own empty values, so a hidden cell never shows as a zero. A campaign picker narrows every
    visual but the campaign trend to one campaign."""
    f = FIGURES
    comparison = _bar(
        COMPARISON,
        "Index per fråga: kommunen, kommungruppen och riket",
        f"Medelvärde 0–100; egna frågor har bara kommunens stapel. {HIDDEN_NOTE}",
        _dimension("cmp-question", f, "question_label"),
        [_measure("cmp-index", f, "index", "AVERAGE")],
        [_dimension("cmp-area", f, "area_name")],
    )
    distribution = _bar(
        DISTRIBUTION,
        "Antal svar och vet ej",
        "Publicerade antal per område (med brus; se metodbeskrivningen).",
        _dimension("dist-area", f, "area_name"),
        [_measure(f"dist-{c}", f, c, "SUM") for c in ("n", "vet_ej")],
        [],
    )
    ranking = _table(
        RANKING,
        "Placering bland jämförbara kommuner (minst 100 svar)",
        [
            _dimension("rank-area", f, "area_name"),
            _dimension("rank-campaign", f, "campaign_name"),
            _dimension("rank-channel", f, "channel"),
            _dimension("rank-question", f, "question_label"),
        ],
        [_measure("rank-rank", f, "rank", "MIN"), _measure("rank-of", f, "rank_of", "MAX")],
    )
    trend_week = _line(
        TREND_WEEK,
        "Index per vecka",
        f"{BESIDE_NOTE} {HIDDEN_NOTE}",
        _dimension("trend-week-value", f, "value"),
        _ascending("trend-week-value"),
    )
    trend_month = _line(
        TREND_MONTH,
        "Index per månad",
        f"{BESIDE_NOTE} {HIDDEN_NOTE}",
        _dimension("trend-month-value", f, "value"),
        _ascending("trend-month-value"),
    )
    trend_campaign = _line(
        TREND_CAMPAIGN,
        "Index mätperiod för mätperiod",
        f"{BESIDE_NOTE} {HIDDEN_NOTE}",
        _dimension("trend-campaign-name", f, "campaign_name"),
        {
            "ColumnSort": {
                "SortBy": _column(f, "campaign_start"),
                "Direction": "ASC",
                "AggregationFunction": {
                    "AttributeAggregationFunction": {"SimpleAttributeAggregation": "UNIQUE_VALUE"}
                },
            }
        },
    )
    own_questions = _bar(
        OWN_QUESTIONS,
        "Kommunens egna frågor: fördelning av svaren",
        f"Andel (%) per svarsalternativ. {HIDDEN_NOTE}",
        _dimension("own-option", f, "value_label"),
        [_measure("own-share", f, "share", "AVERAGE")],
        [],
        _dimension("own-question", f, "question_label"),
    )
    errands = _bar(
        ERRANDS,
        "Index per ärendekategori: kommunen, kommungruppen och riket",
        HIDDEN_NOTE,
        _dimension("errand", f, "value_label"),
        [_measure("errand-index", f, "index", "AVERAGE")],
        [_dimension("errand-area", f, "area_name")],
        _dimension("errand-question", f, "question_label"),
    )
    errand_shares = _bar(
        ERRAND_SHARES,
        "Ärendekategorier: andel av svaren",
        f"{BESIDE_NOTE} {HIDDEN_NOTE}",
        _dimension("errand-kind", f, "value_label"),
        [_measure("errand-share", f, "share", "AVERAGE")],
        [_dimension("errand-share-area", f, "area_name")],
    )
    p = PARTICIPATION
    participation = _table(
        PARTICIPATION_TABLE,
        "Deltagande",
        [
            _dimension("p-area", p, "area_name"),
            _dimension("p-campaign", p, "campaign_name"),
            _dimension("p-channel", p, "channel"),
        ],
        [
            _measure("p-invitations", p, "invitations", "SUM"),
            _measure("p-answers", p, "answers", "SUM"),
            _measure("p-declines", p, "declines", "SUM"),
            _measure("p-rate", p, "response_rate", "AVERAGE"),
        ],
    )
    comments = {
        "TableVisual": {
            "VisualId": COMMENTS_TABLE,
            "Title": _label("Kommentarer (egen kommun, rensade från personuppgifter)"),
            "ChartConfiguration": {
                "FieldWells": {
                    "TableUnaggregatedFieldWells": {
                        "Values": [
                            {"FieldId": f"c-{name}", "Column": _column(COMMENTS, name)}
                            for name in ("released_on", "campaign", "channel", "errand", "text")
                        ]
                    }
                }
            },
        }
    }
    within_campaign = [v for v in FIGURE_VISUALS if v != TREND_CAMPAIGN]
    return {
        "DataSetIdentifierDeclarations": [
            {"Identifier": name, "DataSetArn": analytics.datasets[name].attr_arn}
            for name in (FIGURES, PARTICIPATION, COMMENTS)
        ],
        "Sheets": [
            {
                "SheetId": SHEET,
                "Name": "Resultat",
                "FilterControls": [
                    {
                        "Dropdown": {
                            "FilterControlId": "campaign-picker",
                            "SourceFilterId": CAMPAIGN_FILTER,
                            "Title": "Mätperiod",
                            "Type": "SINGLE_SELECT",
                        }
                    }
                ],
                "Visuals": [
                    comparison,
                    trend_week,
                    trend_month,
                    trend_campaign,
                    own_questions,
                    errands,
                    errand_shares,
                    ranking,
                    distribution,
                    participation,
                    comments,
                ],
            }
        ],
        "FilterGroups": [
            _flag("shown", f, "suppressed", 0, FIGURE_VISUALS),
            _flag("p-shown", p, "suppressed", 0, [PARTICIPATION_TABLE]),
            _campaign_filter(within_campaign),
            _filter(
                "totals",
                f,
                "breakdown",
                ["total"],
                [COMPARISON, DISTRIBUTION, RANKING, TREND_CAMPAIGN],
            ),
            _filter("weeks", f, "breakdown", ["week"], [TREND_WEEK]),
            _filter("months", f, "breakdown", ["month"], [TREND_MONTH]),
            _filter("errand-kinds", f, "breakdown", ["errand"], [ERRANDS]),
            _filter("options", f, "breakdown", ["option"], [OWN_QUESTIONS, ERRAND_SHARES]),
            _filter("errand-question", f, "question", [ERRAND_QUESTION], [ERRAND_SHARES]),
            _filter(
                "own-choice", f, "question", [ERRAND_QUESTION], [OWN_QUESTIONS], "DOES_NOT_CONTAIN"
            ),
            _filter("own", f, "scope", [KOMMUN], [RANKING, OWN_QUESTIONS]),
            _flag("comparable", f, "comparable", 1, [RANKING]),
        ],
    }


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
