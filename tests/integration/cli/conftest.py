"""A stand-in for the deployed pipeline stack on moto: its SesDomains output and parameter."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from importlib.metadata import version
from typing import Any

import boto3
import pytest

from shared.cli.preflight import STACK

REGION = "eu-north-1"
CONFIGURED_DOMAINS = "danderyd.se,linkoping.se,stockholm.se,uppsala.se,vasteras.se"
REPORT_SENDER = "rapporter@servicematning.example.se"
LAYER_ARN = (
    "arn:aws:lambda:eu-north-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-arm64:38"
)


@pytest.fixture
def account(aws) -> Iterator[dict[str, dict[str, Any]]]:
    """What moto does not serve, answered as a well-prepared account would (change an entry
    to make one check fail): SES v2 GetAccount, the SMS sandbox status, AWS Backup's region
    settings, the Powertools layer, the QuickSight subscription."""
    from botocore.awsrequest import AWSResponse

    answers: dict[str, dict[str, Any]] = {
        "sesv2.GetAccount": {"ProductionAccessEnabled": True, "SendingEnabled": True},
        "sns.GetSMSSandboxAccountStatus": {"IsInSandbox": False},
        "backup.DescribeRegionSettings": {"ResourceTypeManagementPreference": {"DynamoDB": False}},
        "lambda.GetLayerVersionByArn": {
            "LayerVersionArn": LAYER_ARN,
            "Description": "Powertools for AWS Lambda (Python) [ARM64] with extra dependencies "
            f"version {version('aws-lambda-powertools')}",
        },
        "quicksight.DescribeAccountSubscription": {
            "AccountInfo": {"AccountName": "servicematning-kommuner", "Edition": "ENTERPRISE"}
        },
    }

    def answer(model: Any, **_: Any) -> Any:
        key = f"{model.service_model.service_name}.{model.name}"
        if key in answers:
            return AWSResponse("https://stub", 200, {}, None), dict(answers[key])
        return None

    boto3.setup_default_session()
    assert boto3.DEFAULT_SESSION is not None
    boto3.DEFAULT_SESSION.events.register("before-call", answer)
    from shared.platform import store

    store.reset_clients()
    yield answers
    boto3.DEFAULT_SESSION.events.unregister("before-call", answer)
    store.reset_clients()


@pytest.fixture
def deployed_stack(aws, account) -> Callable[[str], None]:
    """Call with the comma-separated sesDomains the stack was deployed with."""

    def deploy(domains: str = CONFIGURED_DOMAINS) -> None:
        template = {
            "Parameters": {"SesConfigurationSet": {"Type": "String", "Default": "servicematning"}},
            "Resources": {"Alarms": {"Type": "AWS::SNS::Topic"}},
            "Outputs": {
                "SesDomains": {"Value": domains or "-"},
                "SmsSpendLimitUsd": {"Value": "250"},
                "ReportSender": {"Value": REPORT_SENDER},
                "PowertoolsLayerArn": {"Value": LAYER_ARN},
            },
        }
        boto3.client("cloudformation", region_name=REGION).create_stack(
            StackName=STACK, TemplateBody=json.dumps(template)
        )

    return deploy
