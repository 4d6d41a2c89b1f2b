"""A stand-in for the deployed pipeline stack on moto: its SesDomains output and parameter."""

from __future__ import annotations

import json
from collections.abc import Callable

import boto3
import pytest

from shared.commands.preflight import STACK

REGION = "eu-north-1"
CONFIGURED_DOMAINS = "danderyd.se,linkoping.se,stockholm.se,uppsala.se,vasteras.se"


@pytest.fixture
def deployed_stack(aws) -> Callable[[str], None]:
    """Call with the comma-separated sesDomains the stack was deployed with."""

    def deploy(domains: str = CONFIGURED_DOMAINS) -> None:
        template = {
            "Parameters": {"SesConfigurationSet": {"Type": "String", "Default": "servicematning"}},
            "Resources": {"Alarms": {"Type": "AWS::SNS::Topic"}},
            "Outputs": {"SesDomains": {"Value": domains or "-"}},
        }
        boto3.client("cloudformation", region_name=REGION).create_stack(
            StackName=STACK, TemplateBody=json.dumps(template)
        )

    return deploy
