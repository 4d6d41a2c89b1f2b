"""Who may do what in analytics: the QuickSight owner's and viewers' actions, and the policy of
the role QuickSight assumes to read the tables through Athena.

The owner (an author or admin group) gets the full set on the data source, datasets and
dashboard; the viewers may only describe and query the dashboard, and row-level security
(the rules dataset, infra/analytics/stack.py) limits each reader to its own rows. The role's
statements are the read part of AWS's reference policy for QuickSight on Athena, each on the
narrowest resource IAM accepts; ``nag`` and ``nag_bucket`` write those resources the way
cdk-nag names them in its findings, so each wildcard is acknowledged with its reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aws_cdk import Stack, Token
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3

from infra.analytics.catalog import DATA_CATALOG
from shared.results import export

if TYPE_CHECKING:
    from infra.analytics.stack import Analytics

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


def nag(value: str, pseudo: str) -> str:
    """How cdk-nag writes a part of an ARN: the literal, or <AWS::X> for a pseudo parameter."""
    return f"<AWS::{pseudo}>" if Token.is_unresolved(value) else value


def nag_bucket(stack: Stack, bucket: s3.IBucket) -> str:
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
