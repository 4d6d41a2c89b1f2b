"""Least privilege, read off the synthesised policies."""

from __future__ import annotations

import json
from typing import Any

import pytest

from infra.constructs.ingest import TENANT_TAG
from infra.packaging import FUNCTIONS
from shared.platform import resources
from tests.infra.conftest import Synth, references

pytestmark = pytest.mark.xdist_group("cdk")


def _actions(statement: dict[str, Any]) -> list[str]:
    actions = statement["Action"]
    return [actions] if isinstance(actions, str) else list(actions)


def _tables_touched(synth: Synth, name: str) -> set[str]:
    """Table ids (shared/platform/resources.py) the function's policies refer to."""
    ids = set()
    for statement in synth.role_statements(name):
        for logical in references(statement.get("Resource")):
            for definition in resources.TABLES:
                if logical.startswith(f"Storage{definition.id}"):
                    ids.add(definition.id)
    return ids


EXPECTED_TABLES = {
    "ingest": {"Tenants", "IngestedFiles", "Contacts", "Counters"},
    "dispatch": {"Tenants", "Contacts", "Invitations", "Counters", "Totals", "Releases"},
    "purge": {"Tenants", "Contacts", "Invitations", "Counters", "Totals"},  # + reconciliation
    # + "kontakta mig": the request and its municipality's daily cap (a counter)
    "survey": {
        "Tenants",
        "Invitations",
        "Responses",
        "Totals",
        "CommentPool",
        "ContactRequests",
        "Counters",
    },
    "results": {"Tenants", "Totals", "Releases", "CommentPool"},
    "watch": {"Tenants", "IngestedFiles", "ContactRequests"},  # + the daily contact digest
    "canary": set(),  # it walks the public path; the survey function reads the table
}


@pytest.mark.parametrize("name", FUNCTIONS)
def test_each_function_reaches_only_its_tables(synth: Synth, name: str) -> None:
    assert _tables_touched(synth, name) == EXPECTED_TABLES[name]


def test_only_the_survey_writes_and_only_the_watch_reads_contact_requests(synth: Synth) -> None:
    """A "kontakta mig" request is personal data with no link to an answer: the functions that
    read answers (results) or hold contacts (ingest, dispatch, purge) never reach it."""
    reaching = {name for name in FUNCTIONS if "ContactRequests" in _tables_touched(synth, name)}
    assert reaching == {"survey", "watch"}


def test_ingest_cannot_touch_invitations_or_responses(synth: Synth) -> None:
    touched = _tables_touched(synth, "ingest")
    assert resources.INVITATIONS.id not in touched
    assert resources.RESPONSES.id not in touched


def test_survey_cannot_read_contacts(synth: Synth) -> None:
    assert resources.CONTACTS.id not in _tables_touched(synth, "survey")


def test_results_cannot_write_the_totals_or_the_answers(synth: Synth) -> None:
    """A release reads the exact totals and writes only its own state and the pool's deletes."""
    for statement in synth.role_statements("results"):
        actions = _actions(statement)
        writes = [
            a
            for a in actions
            if a.startswith("dynamodb:")
            and a.split(":")[1].startswith(("Put", "Update", "Delete", "BatchWrite"))
        ]
        if writes:
            assert "Totals" not in json.dumps(statement["Resource"]), statement
            assert "Responses" not in json.dumps(statement["Resource"]), statement


def test_no_function_has_a_service_wide_action(synth: Synth) -> None:
    for name in FUNCTIONS:
        for statement in synth.role_statements(name):
            for action in _actions(statement):
                assert not action.endswith(":*"), (name, action)
                assert action != "*"


def test_no_table_or_bucket_action_is_a_wildcard(synth: Synth) -> None:
    """Grants name actions (lambdas.function's tables/buckets), never grant_*_data's sets."""
    for name in FUNCTIONS:
        for statement in synth.role_statements(name):
            for action in _actions(statement):
                if action.startswith(("dynamodb:", "s3:")):
                    assert "*" not in action, (name, action)


def test_the_survey_function_may_only_get_update_and_put(synth: Synth) -> None:
    actions = {
        a for s in synth.role_statements("survey") for a in _actions(s) if a.startswith("dynamodb:")
    }
    assert actions == {"dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem"}


def test_a_grant_refuses_wildcards_and_bucket_level_actions_on_objects() -> None:
    from infra.constructs.lambdas import _check_actions

    with pytest.raises(ValueError, match="exact"):
        _check_actions("dynamodb", ("dynamodb:Get*",), "test")
    with pytest.raises(ValueError, match="exact"):
        _check_actions("s3", ("dynamodb:GetItem",), "test")


def _join(value: Any) -> str:
    """A Fn::Join's literal text with each reference written as <logical id>."""
    if isinstance(value, str):
        return value
    if "Fn::Join" in value:
        sep, parts = value["Fn::Join"]
        return sep.join(_join(p) for p in parts)
    if "Fn::GetAtt" in value:
        return f"<{value['Fn::GetAtt'][0]}.{value['Fn::GetAtt'][1]}>"
    if "Ref" in value:
        return f"<{value['Ref']}>"
    raise AssertionError(f"unexpected fragment {value}")


def test_ingest_reads_and_deletes_only_inbox_and_writes_only_reports(synth: Synth) -> None:
    s3_resources: dict[str, set[str]] = {}
    for statement in synth.role_statements("ingest"):
        for action in _actions(statement):
            if action.startswith("s3:"):
                targets = statement["Resource"]
                targets = targets if isinstance(targets, list) else [targets]
                s3_resources.setdefault(action, set()).update(_join(t) for t in targets)
    objects = {t for ts in s3_resources.values() for t in ts if "/" in t}
    assert all(t.endswith(("/inbox/*", "/reports/*")) for t in objects), objects
    assert {
        a: {t.rsplit("/", 1)[0].split(">")[-1] for t in ts} for a, ts in s3_resources.items()
    } == {
        "s3:GetObject": {"/inbox"},
        "s3:DeleteObject": {"/inbox"},
        "s3:PutObject": {"/reports"},
        # the daily draw lists the day's uploads (object keys are ids, never file names)
        "s3:ListBucket": {""},
    }


def test_municipality_upload_role_is_limited_to_its_own_inbox_by_tag(synth: Synth) -> None:
    role_id = synth.logical_id("IngestMunicipalityUpload", "AWS::IAM::Role")
    data = synth.logical_id(f"Storage{resources.DATA.id}", "AWS::S3::Bucket")
    policies = [
        p["Properties"]["PolicyDocument"]["Statement"]
        for p in synth.of_type("AWS::IAM::Policy").values()
        if {"Ref": role_id} in p["Properties"]["Roles"]
    ]
    assert len(policies) == 1
    statements = {s["Sid"]: s for s in policies[0]}
    assert set(statements) == {
        "UploadToOwnInbox",
        "ReadOwnReports",
        "ListOwnReports",
        "NoDeeperKeys",
        "FindTheDataBucket",
    }
    # `servicematning upload` reads the bucket's name from this stack's outputs, and only this
    find = statements.pop("FindTheDataBucket")
    assert _actions(find) == ["cloudformation:DescribeStacks"]
    assert find["Resource"] == {"Ref": "AWS::StackId"}
    # IAM's `?` matches `/` too: a key deeper than inbox/<code>/<name> is denied outright
    deny = statements.pop("NoDeeperKeys")
    assert (deny["Effect"], deny["Action"]) == ("Deny", "s3:PutObject")
    assert _join(deny["Resource"]) == f"<{data}.Arn>/{resources.INBOX_PREFIX}*/*/*"
    assert all(s["Effect"] == "Allow" for s in statements.values())
    statement = statements["UploadToOwnInbox"]
    assert sorted(_actions(statement)) == ["s3:AbortMultipartUpload", "s3:PutObject"]
    # only the key shape `servicematning upload` generates: never the file's own name
    assert sorted(_join(r) for r in statement["Resource"]) == sorted(
        f"<{data}.Arn>/{resources.INBOX_PREFIX}${{aws:PrincipalTag/{TENANT_TAG}}}/"
        f"????-??-??-????????-????-????-????-????????????.{extension}"
        for extension in ("csv", "tsv", "txt", "xlsx")
    )
    assert "Condition" not in statement  # the tag in the ARN is the only limit needed

    # and it reads its own reports/<kommunkod>/ and nothing else: objects there, and a listing
    # only with that prefix (a listing without one names no prefix, and is denied)
    own = f"{resources.REPORTS_PREFIX}${{aws:PrincipalTag/{TENANT_TAG}}}/"
    read = statements["ReadOwnReports"]
    assert _actions(read) == ["s3:GetObject"]
    assert _join(read["Resource"]) == f"<{data}.Arn>/{own}*"
    assert "Condition" not in read
    listing = statements["ListOwnReports"]
    assert _actions(listing) == ["s3:ListBucket"]
    assert _join(listing["Resource"]) == f"<{data}.Arn>"
    assert listing["Condition"] == {"StringLike": {"s3:prefix": [f"{own}*"]}}

    trust = synth.resources[role_id]["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    (assume,) = trust
    assert sorted(_actions(assume)) == ["sts:AssumeRole", "sts:TagSession"]
    # the session tag must equal the caller's own tag, and no other tag may be set; the caller
    # is an IAM user (tests/infra/test_upload_role.py evaluates each case)
    assert assume["Condition"]["StringEquals"] == {
        f"aws:RequestTag/{TENANT_TAG}": f"${{aws:PrincipalTag/{TENANT_TAG}}}",
        "aws:PrincipalType": "User",
    }
    assert assume["Condition"]["ForAllValues:StringEquals"] == {"aws:TagKeys": [TENANT_TAG]}


def test_sms_permission_is_phone_numbers_only_in_this_region(synth: Synth) -> None:
    statements = [s for s in synth.role_statements("dispatch") if "sns:Publish" in _actions(s)]
    allow = [s for s in statements if s["Effect"] == "Allow"]
    deny = [s for s in statements if s["Effect"] == "Deny"]
    assert len(allow) == 1
    assert allow[0]["Resource"] == "*"
    assert allow[0]["Condition"] == {"StringEquals": {"aws:RequestedRegion": "eu-north-1"}}
    assert len(deny) == 1
    assert _join(deny[0]["Resource"]).endswith(":sns:*")
    for name in set(FUNCTIONS) - {"dispatch"}:
        assert not any("sns:Publish" in _actions(s) for s in synth.role_statements(name))


def test_email_permission_names_the_tenant_domains_and_configuration_set(synth: Synth) -> None:
    (statement,) = [s for s in synth.role_statements("dispatch") if "ses:SendEmail" in _actions(s)]
    # raw MIME through SES v2 SendEmail is authorized as SendRawEmail
    assert set(_actions(statement)) == {"ses:SendEmail", "ses:SendRawEmail"}
    targets = sorted(_join(r) for r in statement["Resource"])
    assert any(t.endswith(":identity/danderyd.se") for t in targets)
    assert any(t.endswith(":identity/stockholm.se") for t in targets)
    assert any(t.endswith(":configuration-set/<SesConfigurationSet>") for t in targets)
    assert len(targets) == 3
    assert all(":ses:eu-north-1:" in t for t in targets)


def test_upload_reports_are_sent_from_the_service_domain_only(synth: Synth) -> None:
    (statement,) = [s for s in synth.role_statements("ingest") if "ses:SendEmail" in _actions(s)]
    assert set(_actions(statement)) == {"ses:SendEmail", "ses:SendRawEmail"}
    target = _join(statement["Resource"])
    # reportSender rapporter@servicematning.example.se: its domain's identity, nothing else
    assert target.endswith(":ses:eu-north-1:<AWS::AccountId>:identity/servicematning.example.se")
    for name in set(FUNCTIONS) - {"dispatch", "ingest", "watch"}:
        assert not any("ses:SendEmail" in _actions(s) for s in synth.role_statements(name))
    # the watch's "kontakta mig" digest: SendEmail only, on the same identity only
    (digest,) = [s for s in synth.role_statements("watch") if "ses:SendEmail" in _actions(s)]
    assert set(_actions(digest)) == {"ses:SendEmail"}
    assert _join(digest["Resource"]) == target


def test_no_repeat_keys_are_reachable_only_under_their_path(synth: Synth) -> None:
    expected = {
        "dispatch": {"ssm:GetParameter", "ssm:PutParameter"},
        "purge": {"ssm:GetParametersByPath", "ssm:DeleteParameter"},
    }
    for name in FUNCTIONS:
        ssm = [s for s in synth.role_statements(name) if _actions(s)[0].startswith("ssm:")]
        if name not in expected:
            assert not ssm, name
            continue
        (statement,) = ssm
        assert set(_actions(statement)) == expected[name]
        targets = statement["Resource"]
        targets = targets if isinstance(targets, list) else [targets]
        for target in targets:
            assert ":parameter/servicematning/no-repeat" in _join(target), target
