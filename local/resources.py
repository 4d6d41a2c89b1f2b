"""Create the stack's tables and buckets on the local emulator from the shared definitions."""

from __future__ import annotations

from typing import Any

import boto3

from shared.platform import resources


def resource_names(prefix: str = "servicematning") -> dict[str, str]:
    """Environment for the functions: each table's and bucket's env key → a local name."""
    names = {t.env_key: f"{prefix}-{t.id.lower()}" for t in resources.TABLES}
    names |= {b.env_key: f"{prefix}-{b.id.lower()}" for b in resources.BUCKETS}
    return names


def create_resources(env: dict[str, str], region: str = "eu-north-1") -> None:
    """Create every table and bucket named in ``env`` (as returned by ``resource_names``)."""
    dynamodb: Any = boto3.client("dynamodb", region_name=region)
    s3: Any = boto3.client("s3", region_name=region)
    for table in resources.TABLES:
        name = env[table.env_key]
        dynamodb.create_table(**table.create_table_kwargs(name))
        if table.ttl_attribute:
            dynamodb.update_time_to_live(
                TableName=name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": table.ttl_attribute},
            )
    for bucket in resources.BUCKETS:
        s3.create_bucket(
            Bucket=env[bucket.env_key],
            CreateBucketConfiguration={"LocationConstraint": region},
        )
