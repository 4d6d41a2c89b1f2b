"""One synthesis of the whole app per test session, shared by every template test.

The assets are built in `source` mode (repository code only, no third-party wheels) into a
temporary folder, so the template tier needs neither the network nor the vendor cache; the
packaging tests check the vendored assets themselves.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

CONTEXT = {
    "packaging": "source",
    "region": "eu-north-1",
    "surveyDomain": "enkat.example.se",
    "surveyCertificateArn": "arn:aws:acm:eu-north-1:111111111111:certificate/test",
    "sesDomains": "danderyd.se,stockholm.se",
    "alarmEmail": "drift@example.se",
    "reportSender": "rapporter@servicematning.example.se",
}


@dataclass
class Synth:
    app: Any
    stack: Any
    template_json: dict[str, Any]
    outdir: Path
    analytics_json: dict[str, Any] = field(default_factory=dict)  # ServicematningAnalytics

    @property
    def resources(self) -> dict[str, dict[str, Any]]:
        return self.template_json["Resources"]

    def of_type(self, kind: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.resources.items() if v["Type"] == kind}

    def function(self, name: str) -> tuple[str, dict[str, Any]]:
        """(logical id, properties) of `functions/<name>/`'s Lambda function."""
        handler = f"functions.{name}.handler.handler"
        found = [
            (k, v["Properties"])
            for k, v in self.of_type("AWS::Lambda::Function").items()
            if v["Properties"].get("Handler") == handler
        ]
        assert len(found) == 1, f"expected one function with handler {handler}, got {found}"
        return found[0]

    def role_statements(self, function_name: str) -> list[dict[str, Any]]:
        """Every statement of every policy attached to the function's role."""
        _, props = self.function(function_name)
        role = props["Role"]["Fn::GetAtt"][0]
        statements: list[dict[str, Any]] = []
        for policy in self.of_type("AWS::IAM::Policy").values():
            if {"Ref": role} in policy["Properties"]["Roles"]:
                statements += policy["Properties"]["PolicyDocument"]["Statement"]
        return statements

    def logical_id(self, prefix: str, kind: str) -> str:
        found = [k for k in self.of_type(kind) if k.startswith(prefix)]
        assert len(found) == 1, f"expected one {kind} named {prefix}*, got {found}"
        return found[0]


def references(value: Any) -> set[str]:
    """Logical ids a template fragment refers to (Ref and Fn::GetAtt)."""
    found: set[str] = set()
    if isinstance(value, dict):
        if "Ref" in value and isinstance(value["Ref"], str):
            found.add(value["Ref"])
        if "Fn::GetAtt" in value:
            found.add(value["Fn::GetAtt"][0])
        for item in value.values():
            found |= references(item)
    elif isinstance(value, list):
        for item in value:
            found |= references(item)
    return found


@pytest.fixture(scope="session")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Synth:
    from infra.app import ANALYTICS_STACK_NAME, build_app

    out = tmp_path_factory.mktemp("cdk")
    app, stack = build_app(CONTEXT | {"assetDir": str(out / "assets")}, outdir=str(out / "cdk.out"))
    assembly = app.synth()  # raises when cdk-nag reports an unacknowledged finding
    template = assembly.get_stack_by_name(stack.stack_name).template
    analytics = assembly.get_stack_by_name(ANALYTICS_STACK_NAME).template
    return Synth(
        app=app,
        stack=stack,
        template_json=json.loads(json.dumps(template)),
        outdir=out,
        analytics_json=json.loads(json.dumps(analytics)),
    )


@pytest.fixture(scope="session")
def template(synth: Synth) -> Any:
    from aws_cdk.assertions import Template

    return Template.from_json(synth.template_json)
