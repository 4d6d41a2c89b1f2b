"""The scheduled results function on moto: reads the tables, exports to the analytics bucket."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import boto3

from functions.results import handler as results_handler
from shared.settings import ANALYTICS_BUCKET
from tests.conftest import REGION


@dataclass
class Context:
    function_name: str = "results"
    memory_limit_in_mb: int = 1024
    invoked_function_arn: str = "arn:aws:lambda:eu-north-1:123456789012:function:results"
    aws_request_id: str = "req-1"


def _read(bucket: str, key: str) -> str:
    s3 = boto3.client("s3", region_name=REGION)
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8")


def test_a_run_exports_responses_figures_and_open_data(seeded) -> None:
    results_handler._settings.cache_clear()
    summary = results_handler.handler({"source": "aws.scheduler"}, Context())
    bucket = seeded[ANALYTICS_BUCKET]

    assert summary["responses"] == 15
    keys = {
        o["Key"]
        for o in boto3.client("s3", region_name=REGION).list_objects_v2(Bucket=bucket)["Contents"]
    }
    assert "responses/kommunkod=1980/month=2026-03/part.jsonl" in keys
    assert "comments/kommunkod=1980/part.jsonl" in keys
    assert "comments/kommunkod=0380/part.jsonl" not in keys  # three answers: suppressed

    figures = [
        json.loads(line) for line in _read(bucket, "aggregates/figures/part.jsonl").splitlines()
    ]
    vasteras = next(
        r
        for r in figures
        if r["area"] == "1980" and r["breakdown"] == "total" and r["question"] == "tel_bemotande"
    )
    # answers 5,4,4,3,5,2,4,5,1,4,3,5 → scores summing to 825
    assert vasteras["n"] == 12
    assert vasteras["index"] == round(825 / 12, 1)
    uppsala = next(r for r in figures if r["area"] == "0380" and r["breakdown"] == "total")
    assert uppsala["suppressed"] is True
    assert uppsala["n"] is None
    assert uppsala["index"] is None

    participation = [
        json.loads(x) for x in _read(bucket, "aggregates/participation/part.jsonl").splitlines()
    ]
    own = next(p for p in participation if p["area"] == "1980")
    assert (own["invitations"], own["answers"], own["declines"]) == (45, 12, 3)

    comments = _read(bucket, "comments/kommunkod=1980/part.jsonl")
    assert "anna@example.se" not in comments
    opendata = list(csv.DictReader(io.StringIO(_read(bucket, "opendata/servicematning.csv"))))
    assert any(r["municipality"] == "1980" and r["count"] == "12" for r in opendata)
    assert "servicematning-1980,1980" in _read(bucket, "rls/rules.csv")


def test_a_second_run_rewrites_nothing(seeded) -> None:
    results_handler._settings.cache_clear()
    first = results_handler.handler({}, Context())
    second = results_handler.handler({}, Context())
    assert first["objects_written"] > 0
    assert second["objects_written"] == 0
    assert second["objects_unchanged"] == first["objects_written"]


def test_a_stale_comment_file_is_removed(seeded) -> None:
    # Given a comments object left by an earlier run for a channel that is now suppressed
    bucket = seeded[ANALYTICS_BUCKET]
    s3 = boto3.client("s3", region_name=REGION)
    s3.put_object(Bucket=bucket, Key="comments/kommunkod=0380/part.jsonl", Body=b"{}\n")
    results_handler._settings.cache_clear()
    summary = results_handler.handler({}, Context())
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert "comments/kommunkod=0380/part.jsonl" not in keys
    assert summary["objects_removed"] == 1
