"""The themes' Bedrock grant: none by default; with a model, InvokeModel on that model's ARN,
for the results function only."""

from __future__ import annotations

import json
from typing import Any

import pytest

from infra.constructs.results import THEMES_MODEL_OUTPUT
from shared.platform import settings
from tests.infra.conftest import CONTEXT, Synth

pytestmark = pytest.mark.xdist_group("cdk")

MODEL = "amazon.nova-lite-v1:0"


def _bedrock_statements(template: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Role logical id → its statements that name a Bedrock action."""
    out: dict[str, list[dict[str, Any]]] = {}
    for policy in template["Resources"].values():
        if policy["Type"] != "AWS::IAM::Policy":
            continue
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            actions = statement["Action"]
            actions = [actions] if isinstance(actions, str) else actions
            if any(a.startswith("bedrock:") for a in actions):
                for role in policy["Properties"]["Roles"]:
                    out.setdefault(role["Ref"], []).append(statement)
    return out


def test_by_default_no_role_may_call_bedrock(synth: Synth) -> None:
    assert _bedrock_statements(synth.template_json) == {}
    _, props = synth.function("results")
    assert settings.THEMES_BACKEND not in props["Environment"]["Variables"]


@pytest.fixture(scope="module")
def with_model(tmp_path_factory: pytest.TempPathFactory) -> Synth:
    from infra.app import build_app

    out = tmp_path_factory.mktemp("themes")
    context = CONTEXT | {"assetDir": str(out / "assets"), "themesModelId": MODEL}
    app, stack = build_app(context, outdir=str(out / "cdk.out"))
    template = app.synth().get_stack_by_name(stack.stack_name).template
    return Synth(app=app, stack=stack, template_json=json.loads(json.dumps(template)), outdir=out)


@pytest.mark.slow
def test_with_a_model_only_the_results_role_may_invoke_only_that_model(with_model: Synth) -> None:
    found = _bedrock_statements(with_model.template_json)
    _, props = with_model.function("results")
    role = props["Role"]["Fn::GetAtt"][0]
    assert list(found) == [role]
    [statement] = found[role]
    assert statement["Effect"] == "Allow"
    assert statement["Action"] == "bedrock:InvokeModel"
    assert statement["Resource"] == {
        "Fn::Join": [
            "",
            ["arn:", {"Ref": "AWS::Partition"}, f":bedrock:eu-north-1::foundation-model/{MODEL}"],
        ]
    }
    assert "Condition" not in statement
    env = props["Environment"]["Variables"]
    assert env[settings.THEMES_BACKEND] == "bedrock"
    assert env[settings.THEMES_MODEL_ID] == MODEL
    assert env[settings.THEMES_REGION] == "eu-north-1"
    assert with_model.template_json["Outputs"][THEMES_MODEL_OUTPUT]["Value"] == MODEL


def test_a_cross_region_profile_is_refused_at_synth() -> None:
    from aws_cdk import App

    from infra.stack import StackOptions

    with pytest.raises(ValueError, match=r"themesModelId.*cross-region"):
        StackOptions.from_context(App(context={"themesModelId": f"eu.{MODEL}"}))
