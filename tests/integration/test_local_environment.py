"""local.environment.emulated: the one local AWS the demo, faults, privacy and bench share."""

from __future__ import annotations

import os

import boto3
import pytest

from local.environment import TENANT_DIR, emulated
from shared.platform import settings, store
from shared.platform.resources import BUCKETS, TABLES


def test_in_process_creates_the_stack_and_puts_the_environment_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")  # a shell's, e.g. the demo's
    monkeypatch.setenv("POWERTOOLS_METRICS_NAMESPACE", "Mine")
    monkeypatch.delenv("SURVEY_BASE_URL", raising=False)
    before = dict(os.environ)

    with emulated(
        in_process=True, prefix="envtest", settings={"SURVEY_BASE_URL": "http://x"}
    ) as aws:
        assert aws.endpoint is None
        assert "AWS_ENDPOINT_URL" not in os.environ  # boto3 must not go past mock_aws
        assert os.environ["SURVEY_BASE_URL"] == "http://x"
        assert os.environ["POWERTOOLS_METRICS_NAMESPACE"] == "Mine"  # a default, not an override
        assert os.environ["POWERTOOLS_TRACE_DISABLED"] == "true"
        names = set(boto3.client("dynamodb", region_name=aws.region).list_tables()["TableNames"])
        assert names == {aws.env[t.env_key] for t in TABLES}
        buckets = {b["Name"] for b in boto3.client("s3").list_buckets()["Buckets"]}
        assert buckets == {aws.env[b.env_key] for b in BUCKETS}
        assert os.environ[TABLES[0].env_key] == aws.env[TABLES[0].env_key]

    assert dict(os.environ) == before


def test_the_server_is_fresh_each_time_and_holds_the_tenants() -> None:
    with emulated(tenant_dir=TENANT_DIR) as first:
        assert first.endpoint is not None
        assert os.environ["AWS_ENDPOINT_URL"] == first.endpoint
        stored = store.table(first.env[settings.TENANTS_TABLE]).scan()["Items"]
        assert {i["kommunkod"] for i in stored} == {t.kommunkod for t in first.tenants}
        assert first.tenants
    assert "AWS_ENDPOINT_URL" not in os.environ
    with emulated() as second:  # no tenants asked for: none left over from the first
        assert store.table(second.env[settings.TENANTS_TABLE]).scan()["Items"] == []


def test_an_error_inside_still_puts_everything_back() -> None:
    before = dict(os.environ)
    with pytest.raises(RuntimeError, match="inside"), emulated(in_process=True):
        raise RuntimeError("inside")
    assert dict(os.environ) == before
