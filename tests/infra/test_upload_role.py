"""The municipalities' upload role, evaluated as IAM would for one session: a municipality
puts its files into its own inbox and lists and reads its own ingest reports, nothing else.

The role's synthesised statements are resolved to concrete names, with the policy variable
``${aws:PrincipalTag/kommunkod}`` replaced by the session's tag (as IAM substitutes it), and
each request below is evaluated by the small evaluator of tests/infra/iam.py.
"""

from __future__ import annotations

import json

import pytest

from infra.constructs.ingest import TENANT_TAG
from shared import resources
from tests.infra import iam
from tests.infra.conftest import Synth

BUCKET = "servicematning-data"
REPORT = "reports/1980/20260314T063000Z-0123456789ab.json"
UPLOAD = "inbox/1980/2026-03-14-01234567-89ab-cdef-0123-456789abcdef.csv"


def _session_policy(synth: Synth, kommunkod: str) -> iam.Policy:
    role = synth.logical_id("IngestMunicipalityUpload", "AWS::IAM::Role")
    data = synth.logical_id(f"Storage{resources.DATA.id}", "AWS::S3::Bucket")
    statements = [
        s
        for p in synth.of_type("AWS::IAM::Policy").values()
        if {"Ref": role} in p["Properties"]["Roles"]
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    ]
    text = json.dumps(statements).replace("${aws:PrincipalTag/" + TENANT_TAG + "}", kommunkod)
    return iam.policy_of(json.loads(text), {data: BUCKET}, {data: f"arn:aws:s3:::{BUCKET}"})


def _get(key: str) -> iam.Request:
    return iam.Request("s3:GetObject", f"arn:aws:s3:::{BUCKET}/{key}")


def _list(prefix: str | None) -> iam.Request:
    context = (("s3:prefix", prefix),) if prefix is not None else ()
    return iam.Request("s3:ListBucket", f"arn:aws:s3:::{BUCKET}", context)


def test_a_municipality_lists_and_reads_its_own_reports(synth: Synth) -> None:
    policy = _session_policy(synth, "1980")
    assert policy.allows(_get(REPORT))
    assert policy.allows(_list("reports/1980/"))
    assert policy.allows(_list("reports/1980/20260314"))
    assert policy.allows(iam.Request("s3:PutObject", f"arn:aws:s3:::{BUCKET}/{UPLOAD}"))


@pytest.mark.parametrize(
    "request_",
    [
        _get(REPORT.replace("1980", "0180")),  # another municipality's report
        _get("reports/19800/x.json"),  # a longer code is another folder
        _get(UPLOAD),  # its own upload, contacts and all: never read back
        _get("inbox/0180/x.csv"),
        _list(None),  # the whole bucket
        _list("reports/"),  # every municipality's reports
        _list("reports/0180/"),
        _list("inbox/1980/"),
        iam.Request("s3:PutObject", f"arn:aws:s3:::{BUCKET}/{REPORT}"),  # a forged report
        iam.Request("s3:DeleteObject", f"arn:aws:s3:::{BUCKET}/{REPORT}"),
        iam.Request("s3:GetObject", f"arn:aws:s3:::{BUCKET}/{resources.REPORTS_PREFIX}"),
    ],
    ids=lambda r: f"{r.action}:{r.resource.split(':::', 1)[1]}:{dict(r.context)}",
)
def test_and_nothing_else(synth: Synth, request_: iam.Request) -> None:
    assert not _session_policy(synth, "1980").allows(request_)
