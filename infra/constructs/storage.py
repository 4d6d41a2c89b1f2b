"""Every table and bucket, built from the shapes in shared/platform/resources.py (never retyped
here).

Decisions that are not visible in the code's shape:

- Point-in-time recovery is OFF for the contacts table: a 35-day continuous backup would keep
  phone numbers and e-mail addresses long after the item was deleted, breaking the promise
  that personal data is gone once the invitation is sent. It is also OFF for the invitations,
  responses, totals, releases and comment-pool tables: restoring them to any second of the
  last 35 days would let an operator date each answer to the second (the promise is the
  contact day). Those tables are retained and deletion-protected instead, and AWS Backup keeps
  daily backups of the answer and totals tables (infra/constructs/backup.py), which date an
  answer to within a day, no finer than the contact day it already carries (docs/privacy.md).
- The totals table has a stream (keys only: no count passes through it) that triggers the
  results function; DynamoDB keeps stream records 24 hours.
- The contacts table is destroyed with the stack; the others are retained (answers are the
  product's value).
- The data bucket is NOT versioned: a version would keep every uploaded contact file (personal
  data) after the ingest function deleted it. Its inbox/ expires after INBOX_EXPIRY_DAYS as a
  backstop for a file the function never deleted. It has NO server access log: the object keys
  under inbox/ are file names chosen by the municipalities' systems and may contain anything,
  a resident's name or address included; an access log would copy them into a log kept long
  after the file is gone. Uploads are accounted for by the per-file ingest report instead.
- An index's projection cannot be changed in place (CloudFormation refuses the update and rolls
  it back), and one update may create or delete one index only: such a change is two deploys,
  the first with ``-c withoutIndex=<name>`` (the index left out), the second without it (the
  index created anew, backfilled from the table) (docs/operations.md, "Changing an index").
- The analytics bucket (released aggregates only) is NOT versioned: an object's version
  history would date each release to the second and keep figures a release replaced. It logs
  its access to the log bucket.
"""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.constructs.nag import acknowledge
from shared.platform import resources

_KEY_TYPES = {
    "S": dynamodb.AttributeType.STRING,
    "N": dynamodb.AttributeType.NUMBER,
    "B": dynamodb.AttributeType.BINARY,
}

LOG_RETENTION_DAYS = 90
ATHENA_RESULTS_PREFIX = "athena-results/"  # = shared.results.export.ATHENA_RESULTS_PREFIX
ATHENA_RESULTS_EXPIRY_DAYS = 7
WITHOUT_INDEX_CONTEXT = "withoutIndex"  # index names left out for one deploy, comma-separated


def _pitr(definition: resources.Table) -> bool:
    return definition.point_in_time_recovery and not definition.holds_personal_data


def _attribute(key: resources.Key | None) -> dynamodb.Attribute | None:
    return dynamodb.Attribute(name=key.name, type=_KEY_TYPES[key.type]) if key else None


class Storage(Construct):
    """Tables by their shared definition, buckets by theirs; `env` maps env keys to names."""

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        left_out = str(self.node.try_get_context(WITHOUT_INDEX_CONTEXT) or "")
        self.without_index = {n.strip() for n in left_out.split(",") if n.strip()}
        unknown = self.without_index - {i.name for t in resources.TABLES for i in t.indexes}
        if unknown:
            raise ValueError(
                f"{WITHOUT_INDEX_CONTEXT}={','.join(sorted(unknown))}: inget sådant index / "
                "no such index"
            )
        self.tables: dict[str, dynamodb.Table] = {
            definition.id: self._table(definition) for definition in resources.TABLES
        }
        self.log_bucket = self._log_bucket()
        self.buckets: dict[str, s3.Bucket] = {
            resources.DATA.id: self._data_bucket(),
            resources.ANALYTICS.id: self._analytics_bucket(),
        }
        missing = {b.id for b in resources.BUCKETS} - set(self.buckets)
        if missing:  # a bucket added to shared/platform/resources.py needs its decisions made here
            raise ValueError(f"no storage decisions for bucket(s) {sorted(missing)}")

    def table(self, definition: resources.Table) -> dynamodb.Table:
        return self.tables[definition.id]

    def bucket(self, definition: resources.Bucket) -> s3.Bucket:
        return self.buckets[definition.id]

    def _table(self, definition: resources.Table) -> dynamodb.Table:
        table = dynamodb.Table(
            self,
            definition.id,
            partition_key=_attribute(definition.partition_key),
            sort_key=_attribute(definition.sort_key),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            encryption=dynamodb.TableEncryption.AWS_MANAGED,
            time_to_live_attribute=definition.ttl_attribute,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=_pitr(definition)
            ),
            deletion_protection=not definition.holds_personal_data,
            removal_policy=(
                RemovalPolicy.DESTROY if definition.holds_personal_data else RemovalPolicy.RETAIN
            ),
        )
        for index in definition.indexes:
            if index.name in self.without_index:
                continue
            table.add_global_secondary_index(
                index_name=index.name,
                partition_key=_attribute(index.partition_key),
                sort_key=_attribute(index.sort_key),
                projection_type=dynamodb.ProjectionType(index.projection),
                non_key_attributes=list(index.include) or None,
            )
        if not _pitr(definition) and not definition.holds_personal_data:
            acknowledge(
                table,
                id="AwsSolutions-DDB3",
                reason=(
                    "Point-in-time recovery is deliberately off: restoring this table to any "
                    "second of 35 days would date each answer to the second; the product "
                    "promises no time finer than the contact day (docs/privacy.md)."
                ),
            )
        if definition.holds_personal_data:
            acknowledge(
                table,
                id="AwsSolutions-DDB3",
                reason=(
                    "Point-in-time recovery is deliberately off: the table holds phone numbers "
                    "and e-mail addresses only until the invitation is sent, and a continuous "
                    "backup would keep them for 35 days after their deletion."
                ),
            )
        return table

    def _secure_bucket(self, construct_id: str, **kwargs: object) -> s3.Bucket:
        """Private, encrypted, TLS only, ACLs off (unless the caller needs them)."""
        kwargs.setdefault("object_ownership", s3.ObjectOwnership.BUCKET_OWNER_ENFORCED)
        return s3.Bucket(
            self,
            construct_id,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            **kwargs,
        )

    def _log_bucket(self) -> s3.Bucket:
        bucket = self._secure_bucket(
            "AccessLogs",
            lifecycle_rules=[s3.LifecycleRule(expiration=Duration.days(LOG_RETENTION_DAYS))],
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(
            bucket,
            id="AwsSolutions-S1",
            reason=(
                "This is the access-log bucket itself; logging it into itself would loop and "
                "into another bucket would only move the question."
            ),
        )
        return bucket

    def _data_bucket(self) -> s3.Bucket:
        bucket = self._secure_bucket(
            resources.DATA.id,
            versioned=False,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="inbox-backstop",
                    prefix=resources.INBOX_PREFIX,
                    expiration=Duration.days(resources.INBOX_EXPIRY_DAYS),
                    abort_incomplete_multipart_upload_after=Duration.days(1),
                )
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(
            bucket,
            id="AwsSolutions-S1",
            reason=(
                "No server access log on purpose: object keys under inbox/ are file names "
                "chosen by the municipalities' systems and may contain personal data, which an "
                "access log would keep after the file is deleted. Each upload is accounted for "
                "by its ingest report (no personal data) under reports/."
            ),
        )
        return bucket

    def _analytics_bucket(self) -> s3.Bucket:
        return self._secure_bucket(
            resources.ANALYTICS.id,
            versioned=False,
            server_access_logs_bucket=self.log_bucket,
            server_access_logs_prefix="analytics/",
            lifecycle_rules=[
                # Athena query results can hold any query's full output: kept days, not for ever
                s3.LifecycleRule(
                    id="athena-results",
                    prefix=ATHENA_RESULTS_PREFIX,
                    expiration=Duration.days(ATHENA_RESULTS_EXPIRY_DAYS),
                ),
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )
