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
from shared.platform import resources
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


# --- odd keys: only {date}-{uuid}.{ext} directly in the caller's own inbox folder -----------

NAME = "2026-03-14-01234567-89ab-cdef-0123-456789abcdef"


def _put(key: str) -> iam.Request:
    return iam.Request("s3:PutObject", f"arn:aws:s3:::{BUCKET}/{key}")


@pytest.mark.parametrize("extension", ["csv", "txt", "tsv", "xlsx"])
def test_the_documented_key_shape_is_admitted(synth: Synth, extension: str) -> None:
    assert _session_policy(synth, "1980").allows(_put(f"inbox/1980/{NAME}.{extension}"))


@pytest.mark.parametrize(
    "key",
    [
        f"inbox/0180/{NAME}.csv",  # another municipality's folder
        f"inbox/19800/{NAME}.csv",
        f"inbox/1980/{NAME.replace('-', '/', 1)}.csv",  # a `/` where the shape has a `-`
        "inbox/1980/2026/03-14-01234567-89ab-cdef-0123-456789abcdef.csv",  # `/` for a digit
        f"inbox/1980/x/{NAME}.csv",  # a folder inside the inbox
        f"inbox/1980/{NAME}.exe",
        f"inbox/1980/{NAME}.CSV",
        f"inbox/1980/{NAME}0.csv",  # one character too many
        f"inbox/1980/{NAME[1:]}.csv",  # one too few
        "inbox/1980/kontakter-2026-03-13.csv",  # a file's own name (it could hold anything)
        f"inbox/1980/{NAME}.csv.csv",
    ],
)
def test_odd_keys_are_refused(synth: Synth, key: str) -> None:
    assert not _session_policy(synth, "1980").allows(_put(key))


# --- who may assume the role: only IAM users whose tag an administrator set ------------------

ACCOUNT = "123456789012"
UPLOADER = f"arn:aws:iam::{ACCOUNT}:user/servicematning-upload/servicematning-upload-1980"


def _trust(synth: Synth) -> list[iam.Statement]:
    role = synth.logical_id("IngestMunicipalityUpload", "AWS::IAM::Role")
    document = synth.resources[role]["Properties"]["AssumeRolePolicyDocument"]
    names = {"AWS::AccountId": ACCOUNT, "AWS::Partition": "aws"}
    statements = []
    for raw in document["Statement"]:
        s = iam.resolve(raw, names, {})
        assert s["Principal"] == {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}  # this account only
        statements.append(
            iam.Statement(
                effect=s["Effect"],
                actions=tuple(iam._list(s["Action"])),
                resources=("*",),
                condition=s.get("Condition", {}),
            )
        )
    return statements


def _assume(
    principal: str,
    principal_type: str,
    tags: dict[str, str],
    session_tags: dict[str, str],
) -> list[iam.Request]:
    context = [("aws:PrincipalArn", principal), ("aws:PrincipalType", principal_type)]
    context += [(f"aws:PrincipalTag/{k}", v) for k, v in tags.items()]
    context += [(f"aws:RequestTag/{k}", v) for k, v in session_tags.items()]
    context += [("aws:TagKeys", k) for k in session_tags]
    return [
        iam.Request(action, "*", tuple(context)) for action in ("sts:AssumeRole", "sts:TagSession")
    ]


def _admitted(synth: Synth, requests: list[iam.Request]) -> bool:
    policy = iam.Policy(_trust(synth))
    return all(policy.allows(r) for r in requests)


def test_a_municipalitys_own_user_assumes_it_with_its_own_tag(synth: Synth) -> None:
    assert _admitted(synth, _assume(UPLOADER, "User", {TENANT_TAG: "1980"}, {TENANT_TAG: "1980"}))


@pytest.mark.parametrize(
    ("principal", "principal_type", "tags", "session_tags"),
    [
        # another municipality's code asked for by a municipality's own user
        (UPLOADER, "User", {TENANT_TAG: "1980"}, {TENANT_TAG: "0180"}),
        # tag tampering: a role session (its tags are the session's starter's choice) ...
        (
            f"arn:aws:iam::{ACCOUNT}:role/servicematning-upload/municipality",
            "AssumedRole",
            {TENANT_TAG: "0180"},
            {TENANT_TAG: "0180"},
        ),
        # ... or an identity provider's user, whose assertion sets the principal tag
        (
            f"arn:aws:iam::{ACCOUNT}:role/idp-upload",
            "AssumedRole",
            {TENANT_TAG: "0180"},
            {TENANT_TAG: "0180"},
        ),
        (f"arn:aws:sts::{ACCOUNT}:federated-user/x", "FederatedUser", {}, {TENANT_TAG: "0180"}),
        # a user outside the upload path (anyone an admin tagged for something else)
        (
            f"arn:aws:iam::{ACCOUNT}:user/ops/anna",
            "User",
            {TENANT_TAG: "0180"},
            {TENANT_TAG: "0180"},
        ),
        # no tag on the user, or one that is no kommunkod
        (UPLOADER, "User", {}, {TENANT_TAG: "1980"}),
        (UPLOADER, "User", {TENANT_TAG: "19800"}, {TENANT_TAG: "19800"}),
        # no session tag (the policy would have no folder), or a second one
        (UPLOADER, "User", {TENANT_TAG: "1980"}, {}),
        (UPLOADER, "User", {TENANT_TAG: "1980"}, {TENANT_TAG: "1980", "team": "x"}),
    ],
    ids=[
        "another-municipality",
        "role-session",
        "identity-provider",
        "federated-user",
        "user-outside-path",
        "untagged-user",
        "not-a-kommunkod",
        "no-session-tag",
        "extra-session-tag",
    ],
)
def test_no_one_else_and_no_other_tag(
    synth: Synth,
    principal: str,
    principal_type: str,
    tags: dict[str, str],
    session_tags: dict[str, str],
) -> None:
    assume, _ = _assume(principal, principal_type, tags, session_tags)
    assert not iam.Policy(_trust(synth)).allows(assume)
