"""Every function's role allows exactly what its code calls: checked against the real calls.

The whole flow runs as the demo runs it (real handlers, real events, the moto server), plus a
purge run and an upload-watch run, with every AWS call recorded per function
(tests/infra/iam.py). Then, against each function's synthesised policy with every reference
resolved to the local run's names:

1. every recorded request is allowed (action, resource and condition, Deny first), and
2. every action the role is granted was used by some recorded call, unless ``UNEXERCISED``
   names it with the code path that needs it and why the flow does not reach that path.

The app is synthesised with every configured municipality's sender domain (as docs/deploy.md
tells an operator to), so an e-mail from any of them must be allowed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from infra.packaging import FUNCTIONS
from shared.platform import resources, settings
from tests.infra import iam

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("e2e")]

REGION = "eu-north-1"
CONFIGURATION_SET = "servicematning"  # the SesConfigurationSet parameter's default

# (function, action) granted on purpose although the demo flow never calls it: the code path,
# and why the flow does not take it. Anything else granted and unused fails the test.
UNEXERCISED: dict[tuple[str, str, str], str] = {
    ("dispatch", "dynamodb:PutItem", "table/Contacts"): "TablesPort.release puts a contact back "
    "when a send is deferred (throttled); the flow's sends all succeed",
    ("dispatch", "dynamodb:DeleteItem", "table/Invitations"): "TablesPort.release deletes a "
    "deferred invitation; the flow defers nothing",
    ("dispatch", "dynamodb:DeleteItem", "table/Counters"): "TablesPort.release removes a "
    "deferred send's counter claim; the flow defers nothing",
    ("dispatch", "dynamodb:BatchWriteItem", "table/Contacts"): "TablesPort.delete_contacts "
    "drops contacts over the day's cap or failed for good; the flow has neither",
    ("purge", "dynamodb:BatchWriteItem", "table/Contacts"): "deletes contacts held too long; "
    "the flow leaves none (tests/integration/dispatch/test_purge_and_targets.py covers it)",
    ("purge", "dynamodb:UpdateItem", "table/Invitations"): "shared/dispatch/reconcile.py marks "
    "and settles invitations a crashed dispatch left in `sending`; the flow crashes none "
    "(tests/integration/dispatch/test_reconcile.py covers it)",
    ("purge", "dynamodb:UpdateItem", "table/Totals"): "the reconciliation counts a settled "
    "invitation into its stream's totals; the flow leaves none to settle",
    ("purge", "ssm:DeleteParameter", "parameter/servicematning/no-repeat/*"): "deletes ended "
    "campaigns' no-repeat keys; the demo has none",
    ("purge", "ssm:DeleteParameter", "parameter/servicematning/no-repeat"): "the path itself is "
    "named with the keys under it in one statement (GetParametersByPath needs it)",
    ("purge", "ssm:GetParametersByPath", "parameter/servicematning/no-repeat/*"): "the keys "
    "under the path are named with the path in one statement (DeleteParameter needs them)",
    ("results", "dynamodb:BatchWriteItem", "table/CommentPool"): "shared/results/source.py "
    "deletes pooled comments once their batch is released (large batches from several days); "
    "the flow's few comments never make a batch",
    ("results", "s3:GetObject", "Analytics/themes/batches/*"): "shared/results/themes/shares.py "
    "reads a campaign's batch theme counts after a comment batch; the flow makes no batch "
    "(tests/integration/results/test_themes_flow.py covers it)",
    ("results", "s3:ListBucket", "Analytics"): "shared/results/themes/shares.py lists a "
    "campaign's batch theme counts after a comment batch; the flow makes no batch",
}

# Used by the Lambda service with the function's role, not by the function's code.
SERVICE_SIDE: dict[str, str] = {
    "xray:PutTraceSegments": "the Lambda runtime's X-Ray daemon sends the function's segments",
    "xray:PutTelemetryRecords": "the Lambda runtime's X-Ray daemon reports its telemetry",
    "sqs:SendMessage": "Lambda delivers a failed asynchronous event to the dead-letter queue",
    "sqs:ReceiveMessage": "the SQS event source mapping polls the uploads queue",
    "sqs:ChangeMessageVisibility": "the SQS event source mapping extends a message's timeout",
    "sqs:GetQueueUrl": "the SQS event source mapping looks up the uploads queue",
    "sqs:DeleteMessage": "the SQS event source mapping deletes a processed message",
    "sqs:GetQueueAttributes": "the SQS event source mapping reads the queue's settings",
}


def _domains() -> str:
    from shared.core.tenants import load_tenant_dir

    root = Path(__file__).resolve().parents[2]
    tenants = load_tenant_dir(root / "config" / "tenants").values()
    return ",".join(sorted({t.email_sender.rsplit("@", 1)[1] for t in tenants}))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from infra.app import build_app
    from tests.infra.conftest import CONTEXT

    out = tmp_path_factory.mktemp("grants")
    context = CONTEXT | {"assetDir": str(out / "assets"), "sesDomains": _domains()}
    app, stack = build_app(context, outdir=str(out / "cdk.out"))
    assembly = app.synth()
    return json.loads(json.dumps(assembly.get_stack_by_name(stack.stack_name).template))


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[iam.Recorder, dict[str, str]]:
    """Run the flow once with every handler's AWS calls recorded under its function's name."""
    import importlib

    from local.demo import answer_and_report, demo
    from local.events import LambdaContext, scheduled

    recorder = iam.Recorder()
    modules = {name: importlib.import_module(f"functions.{name}.handler") for name in FUNCTIONS}
    originals = {name: module.handler for name, module in modules.items()}
    out = tmp_path_factory.mktemp("flow")
    # as the template configures dispatch: every e-mail names the SES configuration set
    saved = os.environ.get(settings.SES_CONFIGURATION_SET)
    os.environ[settings.SES_CONFIGURATION_SET] = CONFIGURATION_SET
    try:
        for name, module in modules.items():
            module.handler = recorder.wrap(name, originals[name])
        with recorder.installed(), demo(port=0, out=out, history=30) as run:
            answer_and_report(run, answers=4)
            modules["purge"].handler(scheduled("purge", REGION), LambdaContext("purge"))
            modules["watch"].handler(scheduled("watch", REGION), LambdaContext("watch"))
            env = dict(run.env)
    finally:
        for name, module in modules.items():
            module.handler = originals[name]
        if saved is None:
            os.environ.pop(settings.SES_CONFIGURATION_SET, None)
        else:
            os.environ[settings.SES_CONFIGURATION_SET] = saved
    return recorder, env


def _policy(template: dict[str, Any], env: dict[str, str], function: str) -> iam.Policy:
    resources_ = template["Resources"]
    handler = f"functions.{function}.handler.handler"
    [fn] = [
        r["Properties"]
        for r in resources_.values()
        if r["Type"] == "AWS::Lambda::Function" and r["Properties"].get("Handler") == handler
    ]
    role = fn["Role"]["Fn::GetAtt"][0]
    statements = [
        s
        for r in resources_.values()
        if r["Type"] == "AWS::IAM::Policy" and {"Ref": role} in r["Properties"]["Roles"]
        for s in r["Properties"]["PolicyDocument"]["Statement"]
    ]
    names = {
        "AWS::Partition": iam.PARTITION,
        "AWS::Region": REGION,
        "AWS::AccountId": iam.ACCOUNT,
        "AWS::URLSuffix": "amazonaws.com",
        "SesConfigurationSet": CONFIGURATION_SET,
    }
    arns: dict[str, str] = {}
    for logical, resource in resources_.items():
        for definition in (*resources.TABLES, *resources.BUCKETS):
            if not logical.startswith(f"Storage{definition.id}"):
                continue
            name = env[definition.env_key]
            if resource["Type"] == "AWS::DynamoDB::Table":
                names[logical] = name
                arns[logical] = f"arn:aws:dynamodb:{REGION}:{iam.ACCOUNT}:table/{name}"
            elif resource["Type"] == "AWS::S3::Bucket":
                names[logical] = name
                arns[logical] = f"arn:aws:s3:::{name}"
    return iam.policy_of(statements, names, arns)


# The canary calls no AWS API: it walks the public survey URL over HTTP like a resident
# (tests/infra/test_alarms.py checks its role reaches no data).
NO_AWS_CALLS = frozenset({"canary"})


@pytest.mark.parametrize("function", [f for f in FUNCTIONS if f not in NO_AWS_CALLS])
def test_every_call_the_flow_makes_is_allowed(template, recorded, function: str) -> None:
    recorder, env = recorded
    policy = _policy(template, env, function)
    calls = recorder.calls.get(function, set())
    assert calls, f"the flow made no AWS call as {function}; is the handler still wrapped?"
    denied = sorted(f"{r.action} on {r.resource}" for r in calls if not policy.allows(r))
    assert denied == [], f"{function} would be denied in AWS"


def _label(arn: str, env: dict[str, str]) -> str:
    """An ARN as the acknowledgements name it: table/<Id>, <BucketId>/<pattern>, parameter/…"""
    for definition in (*resources.TABLES, *resources.BUCKETS):
        name = env.get(definition.env_key)
        if name and f"table/{name}" in arn:
            return arn.split(":table/", 1)[1].replace(name, f"table/{definition.id}", 1)
        if name and arn.startswith(f"arn:aws:s3:::{name}"):
            return definition.id + arn.removeprefix(f"arn:aws:s3:::{name}")
    return arn.split(":", 5)[-1]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_every_granted_action_is_used_or_acknowledged(template, recorded, function: str) -> None:
    """Per (action, resource): a grant no recorded call needs is unused, e.g. an action the
    code calls on one table but that is granted on another too."""
    recorder, env = recorded
    policy = _policy(template, env, function)
    calls = recorder.calls.get(function, set())
    unused, acknowledged_and_used = [], []
    for action, resource in sorted(policy.grants()):
        if action in SERVICE_SIDE:
            continue
        used = any(
            iam._matches(action, c.action, case=False) and iam._matches(resource, c.resource)
            for c in calls
        )
        if not used and ":identity/" in resource:
            # one code path, the sender's domain is data: the flow sends from one municipality
            used = any(c.action == action and ":identity/" in c.resource for c in calls)
        key = (function, action, _label(resource, env))
        if key in UNEXERCISED:
            if used:
                acknowledged_and_used.append(key)
        elif not used:
            unused.append(key)
    assert unused == [], f"{function} is granted what no recorded call uses"
    assert acknowledged_and_used == [], "acknowledged as unexercised, but the flow now uses it"
    granted = {(function, a, _label(r, env)) for a, r in policy.grants()}
    stale = sorted(k for k in UNEXERCISED if k[0] == function and k not in granted)
    assert stale == [], f"acknowledged for {function} but no longer granted"


def test_an_email_from_an_undeployed_domain_is_denied(template, recorded) -> None:
    """A control: the evaluator does deny, on the resource, not just the action."""
    _, env = recorded
    policy = _policy(template, env, "dispatch")
    arn = f"arn:aws:ses:{REGION}:{iam.ACCOUNT}:identity/"
    context = (("aws:RequestedRegion", REGION),)
    assert policy.allows(iam.Request("ses:SendEmail", arn + "vasteras.se", context))
    assert not policy.allows(iam.Request("ses:SendEmail", arn + "example.org", context))
    assert not policy.allows(
        iam.Request("sns:Publish", iam.SMS_RESOURCE, (("aws:RequestedRegion", "us-east-1"),))
    )
    topic = f"arn:aws:sns:{REGION}:{iam.ACCOUNT}:topic"
    assert not policy.allows(iam.Request("sns:Publish", topic, context))


def test_settings_name_every_table_the_flow_used(recorded) -> None:
    _, env = recorded
    assert all(d.env_key in env for d in resources.TABLES)
    assert settings.TENANTS_TABLE in env
