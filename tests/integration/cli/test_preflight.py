"""``servicematning preflight`` on moto: each check passes on a clean account and fails, by
name and exit code, on the misconfiguration it exists for.

What moto can and cannot show (so what is tested how):
- SES identities: moto's SES v2 creates them unverified and without DKIM; the test marks them
  verified in moto's backend (what AWS does once the DNS records resolve) and creates them with
  DKIM signing attributes. The check reads SES v2 GetEmailIdentity, as against AWS.
- The configuration set's event destinations: moto lacks SES v2's listing, so the check uses
  SES v1 DescribeConfigurationSet (the same data in AWS) and moto serves that.
- SNS SMS attributes, CloudTrail trails and (basic and advanced) event selectors, QuickSight
  groups and the stack's outputs: all served by moto, tested end to end.
"""

from __future__ import annotations

import re

import boto3
import pytest

from shared.cli import main
from tests.conftest import ROOT
from tests.integration.cli.conftest import REGION

ACCOUNT = "123456789012"
DOMAINS = ("danderyd.se", "linkoping.se", "stockholm.se", "uppsala.se", "vasteras.se")
CODES = ("0162", "0580", "0180", "0380", "1980")


def _verified_identity(domain: str, *, dkim: bool = True, verified: bool = True) -> None:
    from moto.ses.models import ses_backends

    sesv2 = boto3.client("sesv2", region_name=REGION)
    kwargs = {"DkimSigningAttributes": {"NextSigningKeyLength": "RSA_2048_BIT"}} if dkim else {}
    sesv2.create_email_identity(EmailIdentity=domain, **kwargs)
    ses_backends[ACCOUNT][REGION].email_identities[domain].verified_for_sending_status = verified


@pytest.fixture
def healthy(aws, account, deployed_stack, monkeypatch):
    """An account set up as docs/deploy.md says: every check passes."""
    monkeypatch.chdir(ROOT)
    deployed_stack()
    for domain in (*DOMAINS, "servicematning.example.se"):  # the tenants' and the reports'
        _verified_identity(domain)
    boto3.client("sns", region_name=REGION).set_sms_attributes(
        attributes={"MonthlySpendLimit": "250"}
    )
    boto3.client("ses", region_name=REGION).create_configuration_set(
        ConfigurationSet={"Name": "servicematning"}
    )
    quicksight = boto3.client("quicksight", region_name=REGION)
    for group in [f"servicematning-{c}" for c in CODES] + ["servicematning-operatorer"]:
        quicksight.create_group(AwsAccountId=ACCOUNT, Namespace="default", GroupName=group)
    return aws


def _run(capsys, *args: str) -> tuple[int, list[str]]:
    """An operator's run in English (the checks' reasons below are quoted in English)."""
    code = main(["preflight", "--lang", "en", *args])
    return code, capsys.readouterr().out.splitlines()


def _failures(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("FAIL")]


def test_a_set_up_account_passes_every_check(healthy, capsys) -> None:
    code, lines = _run(capsys)
    assert _failures(lines) == []
    assert code == 0
    checks = {line.split()[1] for line in lines if line.startswith("PASS")}
    assert checks == {
        "ses-identity", "ses-deployed", "sns-sms", "ses-events", "cloudtrail", "quicksight-group",
        "ses-production", "sms-sandbox", "sms-spend-limit", "backup-dynamodb", "powertools-layer",
    }  # fmt: skip
    # the report sender's domain is checked like a tenant's
    assert any("ses-identity" in ln and "servicematning.example.se" in ln for ln in lines)


def test_a_domain_left_out_of_the_deploy_fails(aws, deployed_stack, monkeypatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    deployed_stack("vasteras.se,uppsala.se")  # as the README once said: two domains of five
    for domain in DOMAINS:
        _verified_identity(domain)
    code, lines = _run(capsys)
    assert code == 1
    deployed = [line for line in _failures(lines) if line.split()[1] == "ses-deployed"]
    assert {line.split()[2] for line in deployed} == {"danderyd.se", "linkoping.se", "stockholm.se"}
    assert all("redeploy" in line for line in deployed)


def test_an_unverified_identity_or_one_without_dkim_fails(
    aws, deployed_stack, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(ROOT)
    deployed_stack()
    _verified_identity("vasteras.se", dkim=False)
    _verified_identity("uppsala.se", verified=False)
    code, lines = _run(capsys)
    assert code == 1
    identity = {line.split()[2]: line for line in _failures(lines) if "ses-identity" in line}
    assert "DKIM" in identity["vasteras.se"]
    assert "verified" not in identity["vasteras.se"]
    assert "not verified" in identity["uppsala.se"]
    assert "no SES identity" in identity["danderyd.se"]


def test_sms_delivery_logging_fails(healthy, capsys) -> None:
    boto3.client("sns", region_name=REGION).set_sms_attributes(
        attributes={
            "DeliveryStatusIAMRole": f"arn:aws:iam::{ACCOUNT}:role/sns-logs",
            "UsageReportS3Bucket": "reports",
        }
    )
    code, lines = _run(capsys)
    assert code == 1
    assert {line.split()[2] for line in _failures(lines)} == {
        "DeliveryStatusIAMRole",
        "UsageReportS3Bucket",
    }


def test_an_event_destination_on_the_configuration_set_fails(healthy, capsys) -> None:
    boto3.client("ses", region_name=REGION).create_configuration_set_event_destination(
        ConfigurationSetName="servicematning",
        EventDestination={
            "Name": "to-cloudwatch",
            "Enabled": True,
            "MatchingEventTypes": ["send", "bounce"],
            "CloudWatchDestination": {
                "DimensionConfigurations": [
                    {
                        "DimensionName": "to",
                        "DimensionValueSource": "emailHeader",
                        "DefaultDimensionValue": "x",
                    }
                ]
            },
        },
    )
    code, lines = _run(capsys)
    assert code == 1
    [line] = _failures(lines)
    assert "ses-events" in line
    assert "to-cloudwatch" in line


@pytest.mark.parametrize("advanced", [False, True])
def test_a_trail_logging_sns_data_events_fails(healthy, capsys, advanced: bool) -> None:
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="trail", CreateBucketConfiguration={"LocationConstraint": REGION})
    cloudtrail = boto3.client("cloudtrail", region_name=REGION)
    cloudtrail.create_trail(Name="audit", S3BucketName="trail")
    cloudtrail.create_trail(Name="management-only", S3BucketName="trail")
    if advanced:
        cloudtrail.put_event_selectors(
            TrailName="audit",
            AdvancedEventSelectors=[
                {
                    "Name": "sns",
                    "FieldSelectors": [
                        {"Field": "eventCategory", "Equals": ["Data"]},
                        {"Field": "resources.type", "Equals": ["AWS::SNS::Topic"]},
                    ],
                }
            ],
        )
    else:
        cloudtrail.put_event_selectors(
            TrailName="audit",
            EventSelectors=[
                {
                    "ReadWriteType": "All",
                    "IncludeManagementEvents": True,
                    "DataResources": [{"Type": "AWS::SNS::Topic", "Values": ["arn:aws:sns"]}],
                }
            ],
        )
    code, lines = _run(capsys)
    assert code == 1
    [line] = _failures(lines)
    assert "cloudtrail" in line
    assert "audit" in line
    assert any("PASS" in ln and "management-only" in ln for ln in lines)


def test_a_missing_quicksight_group_fails(healthy, capsys) -> None:
    boto3.client("quicksight", region_name=REGION).delete_group(
        AwsAccountId=ACCOUNT, Namespace="default", GroupName="servicematning-1980"
    )
    code, lines = _run(capsys)
    assert code == 1
    [line] = _failures(lines)
    assert "quicksight-group" in line
    assert "servicematning-1980" in line
    assert "onboard" in line


@pytest.mark.parametrize(
    ("answer", "value", "check", "says"),
    [
        ("sesv2.GetAccount", {"ProductionAccessEnabled": False}, "ses-production", "sandbox"),
        (
            "sesv2.GetAccount",
            {"ProductionAccessEnabled": True, "SendingEnabled": False},
            "ses-production",
            "paused",
        ),
        ("sns.GetSMSSandboxAccountStatus", {"IsInSandbox": True}, "sms-sandbox", "sandbox"),
        (
            "backup.DescribeRegionSettings",
            {"ResourceTypeManagementPreference": {"DynamoDB": True}},
            "backup-dynamodb",
            "advanced",
        ),
        (
            "lambda.GetLayerVersionByArn",
            {"Description": "Powertools for AWS Lambda (Python) version 3.1.0"},
            "powertools-layer",
            "updating the layer",
        ),
    ],
    ids=["ses-sandbox", "ses-paused", "sms-sandbox", "backup-advanced", "layer-version"],
)
def test_each_account_setting_fails_by_name(
    healthy, account, capsys, answer: str, value: dict, check: str, says: str
) -> None:
    account[answer] = value
    code, lines = _run(capsys)
    assert code == 1
    [line] = _failures(lines)
    assert line.split()[1] == check
    assert says in line


def test_a_spend_limit_other_than_the_alarms_fails(healthy, capsys) -> None:
    boto3.client("sns", region_name=REGION).set_sms_attributes(
        attributes={"MonthlySpendLimit": "1"}  # AWS's default: a few SMS a month
    )
    code, lines = _run(capsys)
    assert code == 1
    [line] = _failures(lines)
    assert "sms-spend-limit" in line
    assert "smsSpendLimitUsd=1" in line


def test_an_unverified_report_sender_fails(aws, account, deployed_stack, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    deployed_stack()
    for domain in DOMAINS:
        _verified_identity(domain)
    code, lines = _run(capsys)
    assert code == 1
    identity = [ln for ln in _failures(lines) if "ses-identity" in ln]
    assert [ln.split()[2] for ln in identity] == ["servicematning.example.se"]


def test_the_quicksight_account_and_identity_region_are_checked(healthy, account, capsys) -> None:
    code, lines = _run(capsys, "--quicksight-account", "servicematning-kommuner")
    assert code == 0
    assert any("quicksight-account" in ln and ln.startswith("PASS") for ln in lines)
    code, lines = _run(capsys, "--quicksight-account", "servicematning")  # someone else's
    assert code == 1
    [line] = _failures(lines)
    assert "quicksight-account" in line
    assert "account name differs" in line


def test_groups_are_looked_up_in_the_identity_region(healthy, capsys) -> None:
    # the groups exist in eu-north-1 (the fixture); an identity region elsewhere has none
    code, lines = _run(capsys, "--quicksight-region", "eu-west-1")
    assert code == 1
    assert {ln.split()[1] for ln in _failures(lines)} == {"quicksight-group"}


def test_a_run_speaks_swedish_by_default_and_one_language_only(
    aws, deployed_stack, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(ROOT)
    deployed_stack()
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["preflight"]) == 1  # no identity verified: it fails
    out = capsys.readouterr().out
    identity = [ln for ln in _failures(out.splitlines()) if ln.split()[1] == "ses-identity"]
    assert identity
    assert all("(ingen SES-identitet i regionen)" in ln for ln in identity)
    assert "no SES identity" not in out
    assert " / " not in "".join(identity)
    assert re.search(r"^\d+ av \d+ kontroller godkända$", out.splitlines()[-1])
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["preflight"]) == 1
    out = capsys.readouterr().out
    assert "(no SES identity in this region)" in out
    assert "ingen SES-identitet" not in out
    assert out.splitlines()[-1].endswith("checks passed")


def test_an_invalid_settings_file_checks_nothing_and_exits_2(aws, tmp_path, capsys) -> None:
    bad = tmp_path / "9999.json"
    bad.write_text('{"kommunkod": "9999"}', encoding="utf-8")
    assert main(["preflight", "--lang", "sv", str(bad)]) == 2
    captured = capsys.readouterr()
    assert "9999.json: inställningarna är ogiltiga:" in captured.err
    assert "PASS" not in captured.out
    assert "FAIL" not in captured.out
