"""Tables and buckets in the template are exactly the shapes shared/platform/resources.py
defines."""

from __future__ import annotations

from typing import Any

import pytest

from shared.platform import resources
from tests.infra.conftest import Synth

pytestmark = pytest.mark.xdist_group("cdk")


def _table(synth: Synth, definition: resources.Table) -> dict[str, Any]:
    logical = synth.logical_id(f"Storage{definition.id}", "AWS::DynamoDB::Table")
    return synth.resources[logical]["Properties"]


@pytest.mark.parametrize("definition", resources.TABLES, ids=lambda t: t.id)
def test_table_keys_ttl_and_indexes_equal_the_shared_definition(
    synth: Synth, definition: resources.Table
) -> None:
    # Given the shared definition, as the local runner creates it
    expected = definition.create_table_kwargs("any")
    # When the stack is synthesised
    table = _table(synth, definition)
    # Then the deployed table has the same keys, attributes and indexes
    assert table["KeySchema"] == expected["KeySchema"]
    assert sorted(table["AttributeDefinitions"], key=str) == sorted(
        expected["AttributeDefinitions"], key=str
    )
    deployed_indexes = [
        {k: i[k] for k in ("IndexName", "KeySchema", "Projection")}
        for i in table.get("GlobalSecondaryIndexes", [])
    ]
    assert deployed_indexes == expected.get("GlobalSecondaryIndexes", [])
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    if definition.ttl_attribute:
        assert table["TimeToLiveSpecification"] == {
            "AttributeName": definition.ttl_attribute,
            "Enabled": True,
        }
    else:
        assert "TimeToLiveSpecification" not in table
    assert table["SSESpecification"]["SSEEnabled"] is True


@pytest.mark.parametrize("definition", resources.TABLES, ids=lambda t: t.id)
def test_point_in_time_recovery_never_where_personal_data_or_answers_live(
    synth: Synth, definition: resources.Table
) -> None:
    """PITR would keep deleted phone numbers for 35 days, and date every answer to the second."""
    pitr = _table(synth, definition)["PointInTimeRecoverySpecification"]
    dating = {"Invitations", "Responses", "Totals", "Releases", "CommentPool"}
    expected = not definition.holds_personal_data and definition.id not in dating
    assert pitr["PointInTimeRecoveryEnabled"] is expected


def test_the_release_index_copies_no_state(synth: Synth) -> None:
    """A release rewrites its state every release day: an index copying it would be written
    as often (shared/platform/resources.py, RELEASES)."""
    [index] = _table(synth, resources.RELEASES)["GlobalSecondaryIndexes"]
    projection = index["Projection"]
    assert projection["ProjectionType"] in {"KEYS_ONLY", "INCLUDE"}
    assert "state" not in projection.get("NonKeyAttributes", [])


def test_an_index_is_left_out_for_the_first_of_two_deploys() -> None:
    """Changing an index's projection on a deployed table is two deploys (CloudFormation
    updates no index in place): the first leaves the index out, the second creates it anew."""
    from aws_cdk import App, Stack
    from aws_cdk.assertions import Template

    from infra.app import FEATURE_FLAGS
    from infra.constructs.storage import Storage

    app = App(context=FEATURE_FLAGS | {"withoutIndex": "by_campaign"})
    stack = Stack(app, "S")
    Storage(stack, "Storage")
    tables = Template.from_stack(stack).find_resources("AWS::DynamoDB::Table")
    releases = [t for k, t in tables.items() if k.startswith("StorageReleases")]
    assert len(releases) == 1
    assert "GlobalSecondaryIndexes" not in releases[0]["Properties"]
    invitations = [t for k, t in tables.items() if k.startswith("StorageInvitations")]
    assert len(invitations[0]["Properties"]["GlobalSecondaryIndexes"]) == 2  # the others stay
    with pytest.raises(ValueError, match="no such index"):
        Storage(Stack(App(context={"withoutIndex": "by_campain"}), "T"), "Storage")


def test_the_totals_have_no_stream(synth: Synth) -> None:
    # nothing follows an answer's write: the results run on the release calendar
    assert "StreamSpecification" not in _table(synth, resources.TOTALS)


def test_contacts_table_has_no_backup_and_goes_with_the_stack(synth: Synth) -> None:
    logical = synth.logical_id("StorageContacts", "AWS::DynamoDB::Table")
    table = synth.resources[logical]
    assert resources.CONTACTS.holds_personal_data
    assert table["Properties"]["PointInTimeRecoverySpecification"] == {
        "PointInTimeRecoveryEnabled": False
    }
    assert table["DeletionPolicy"] == "Delete"
    # answers and settings outlive an accidental stack deletion
    responses = synth.resources[synth.logical_id("StorageResponses", "AWS::DynamoDB::Table")]
    assert responses["DeletionPolicy"] == "Retain"


def _bucket(synth: Synth, construct_id: str) -> tuple[str, dict[str, Any]]:
    logical = synth.logical_id(f"Storage{construct_id}", "AWS::S3::Bucket")
    return logical, synth.resources[logical]["Properties"]


def _bucket_policy(synth: Synth, logical: str) -> list[dict[str, Any]]:
    for policy in synth.of_type("AWS::S3::BucketPolicy").values():
        if policy["Properties"]["Bucket"] == {"Ref": logical}:
            return policy["Properties"]["PolicyDocument"]["Statement"]
    raise AssertionError(f"no bucket policy for {logical}")


@pytest.mark.parametrize("construct_id", [*(b.id for b in resources.BUCKETS), "AccessLogs"])
def test_every_bucket_is_private_encrypted_and_tls_only(synth: Synth, construct_id: str) -> None:
    logical, bucket = _bucket(synth, construct_id)
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    encryption = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert encryption[0]["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in ("AES256", "aws:kms")
    denials = [
        s
        for s in _bucket_policy(synth, logical)
        if s["Effect"] == "Deny"
        and s["Principal"] == {"AWS": "*"}
        and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    ]
    assert denials, "plain-HTTP requests must be denied"


def test_data_bucket_expires_inbox_and_keeps_no_copies_or_key_logs(synth: Synth) -> None:
    _, bucket = _bucket(synth, resources.DATA.id)
    rules = bucket["LifecycleConfiguration"]["Rules"]
    inbox = [r for r in rules if r.get("Prefix") == resources.INBOX_PREFIX]
    assert len(inbox) == 1
    assert inbox[0]["ExpirationInDays"] == resources.INBOX_EXPIRY_DAYS
    assert inbox[0]["Status"] == "Enabled"
    # a version would keep the deleted contact file; an access log its (free-form) key
    assert bucket.get("VersioningConfiguration", {}).get("Status") != "Enabled"
    assert "LoggingConfiguration" not in bucket


def test_analytics_bucket_keeps_no_versions_and_logs_its_access(synth: Synth) -> None:
    """Versions would date each release to the second and keep replaced figures."""
    _, bucket = _bucket(synth, resources.ANALYTICS.id)
    log_bucket, _ = _bucket(synth, "AccessLogs")
    assert "VersioningConfiguration" not in bucket
    assert bucket["LoggingConfiguration"]["DestinationBucketName"] == {"Ref": log_bucket}


def test_template_assertions_agree(template: Any) -> None:
    """The same facts through aws_cdk.assertions, as a reviewer would write them."""
    from aws_cdk.assertions import Match

    contacts = resources.CONTACTS
    template.has_resource(
        "AWS::DynamoDB::Table",
        {
            "Properties": Match.object_like(
                {
                    "KeySchema": contacts.create_table_kwargs("x")["KeySchema"],
                    "TimeToLiveSpecification": {
                        "AttributeName": contacts.ttl_attribute,
                        "Enabled": True,
                    },
                    "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": False},
                }
            ),
            "DeletionPolicy": "Delete",
        },
    )
    template.resource_count_is("AWS::DynamoDB::Table", len(resources.TABLES))
    template.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "LifecycleConfiguration": {
                "Rules": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Prefix": resources.INBOX_PREFIX,
                                "ExpirationInDays": resources.INBOX_EXPIRY_DAYS,
                            }
                        )
                    ]
                )
            }
        },
    )


def test_athena_query_results_expire_within_a_week(synth: Synth) -> None:
    from infra.constructs.storage import ATHENA_RESULTS_EXPIRY_DAYS, ATHENA_RESULTS_PREFIX
    from shared.results import export

    assert ATHENA_RESULTS_PREFIX == export.ATHENA_RESULTS_PREFIX  # the workgroup writes there
    logical = synth.logical_id(f"Storage{resources.ANALYTICS.id}", "AWS::S3::Bucket")
    rules = synth.resources[logical]["Properties"]["LifecycleConfiguration"]["Rules"]
    [rule] = [r for r in rules if r.get("Prefix") == ATHENA_RESULTS_PREFIX]
    assert rule["Status"] == "Enabled"
    assert rule["ExpirationInDays"] == ATHENA_RESULTS_EXPIRY_DAYS <= 7
