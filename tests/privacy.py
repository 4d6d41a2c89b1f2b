"""A scan for personal data across the whole local deployment, used by every tier that promises
none is left: it reads every table item and every object, and uses the redaction detector
(not the literal values a test inserted), so it also finds what a test did not think of."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from typing import Any

import boto3

from shared.platform import resources
from shared.platform.redaction import contains_personal_data

REGION = "eu-north-1"


def without(text: str, allowed: Iterable[str]) -> str:
    """``text`` with the municipalities' own functional addresses taken out."""
    for address in allowed:
        text = text.replace(address, "")
    return text


def _readable(value: Any) -> str:
    """A binary attribute as what it holds: the results' release state is zlib-compressed JSON
    (scanning its compressed bytes would find nothing real, and random digits by chance)."""
    if isinstance(value, bytes | bytearray):
        try:
            return zlib.decompress(bytes(value)).decode("utf-8")
        except (zlib.error, UnicodeDecodeError):
            return bytes(value).hex()
    return str(value)


def personal_data_everywhere(
    env: dict[str, str], allowed: Iterable[str] = (), skip: Iterable[str] = ()
) -> dict[str, list[str]]:
    """Env key → where personal data was found (item keys or object keys), for every table and
    bucket of the stack except the tenants table (municipalities' own settings) and ``skip``."""
    allowed, skipped = tuple(allowed), {resources.TENANTS.env_key, *skip}
    found: dict[str, list[str]] = {}
    dynamodb: Any = boto3.client("dynamodb", region_name=REGION)
    s3: Any = boto3.client("s3", region_name=REGION)
    for table in resources.TABLES:
        if table.env_key in skipped:
            continue
        for page in dynamodb.get_paginator("scan").paginate(TableName=env[table.env_key]):
            for item in page["Items"]:
                if contains_personal_data(without(json.dumps(item, default=_readable), allowed)):
                    key = {k: item[k] for k in (table.partition_key.name,)}
                    found.setdefault(table.env_key, []).append(json.dumps(key))
    for bucket in resources.BUCKETS:
        if bucket.env_key in skipped:
            continue
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=env[bucket.env_key]):
            for obj in page.get("Contents", []):
                body = s3.get_object(Bucket=env[bucket.env_key], Key=obj["Key"])["Body"].read()
                text = obj["Key"] + "\n" + body.decode("utf-8", "replace")
                if contains_personal_data(without(text, allowed)):
                    found.setdefault(bucket.env_key, []).append(obj["Key"])
    return found


def personal_lines(text: str, allowed: Iterable[str] = ()) -> list[str]:
    allowed = tuple(allowed)
    return [line for line in text.splitlines() if contains_personal_data(without(line, allowed))]
