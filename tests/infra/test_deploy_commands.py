"""docs/deploy.md's commands work as written.

1. (fast) Every CloudFormation parameter without a default, of each stack, is passed by that
   stack's documented `cdk deploy` command, under its own (stable) name.
2. (slow) The documented `npx cdk bootstrap` and `npx cdk deploy` commands run with the pinned
   CDK CLI (package.json, `npm ci`) against a moto server on loopback and get through synthesis,
   asset building and publishing and the CLI's parameter validation, up to CloudFormation's
   change set (moto's CloudFormation cannot create these stacks' resources: TOOLCHAIN.md).
   The one addition is `--require-approval never` (no terminal to approve IAM changes in).
   A control deploys the analytics stack without its parameters and sees the CLI refuse.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from infra.app import ANALYTICS_STACK_NAME, STACK_NAME
from tests.infra.conftest import Synth

# the fast checks share the session synth (group "cdk"); the CLI run has a worker of its own
CDK = pytest.mark.xdist_group("cdk")

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "deploy.md"
ACCOUNT = "123456789012"
REGION = "eu-north-1"


def documented_commands() -> list[str]:
    """Every `npx cdk ...` command in docs/deploy.md's sh blocks, continuation lines joined."""
    text = DOCS.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL):
        joined = re.sub(r"\\\n\s*", " ", block)
        commands += [line.strip() for line in joined.splitlines() if line.startswith("npx cdk")]
    return commands


def deploy_command(stack: str) -> list[str]:
    [command] = [
        c for c in documented_commands() if shlex.split(c)[:4] == ["npx", "cdk", "deploy", stack]
    ]
    return shlex.split(command)


def passed_parameters(argv: list[str], stack: str) -> set[str]:
    names = set()
    for flag, value in itertools.pairwise(argv):
        if flag == "--parameters":
            name = value.split("=", 1)[0]
            names.add(name.removeprefix(f"{stack}:"))
    return names


@CDK
@pytest.mark.parametrize("stack", [STACK_NAME, ANALYTICS_STACK_NAME])
def test_every_parameter_without_a_default_is_in_the_documented_command(
    synth: Synth, stack: str
) -> None:
    template = synth.template_json if stack == STACK_NAME else synth.analytics_json
    required = {k for k, v in template.get("Parameters", {}).items() if "Default" not in v}
    passed = passed_parameters(deploy_command(stack), stack)
    assert required <= passed, f"docs/deploy.md's deploy {stack} lacks {required - passed}"
    # and every name passed exists (a hashed or renamed parameter would be ignored silently)
    assert passed <= set(template.get("Parameters", {}))


@CDK
def test_the_analytics_parameters_have_stable_names(synth: Synth) -> None:
    required = {k for k, v in synth.analytics_json["Parameters"].items() if "Default" not in v}
    assert required == {"QuickSightOwnerArn", "QuickSightViewerGroupArn"}


def test_the_documented_cli_is_the_pinned_one() -> None:
    import json

    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    version = package["devDependencies"]["aws-cdk"]
    assert re.fullmatch(r"2\.\d+\.\d+", version), "pin an exact 2.x CLI, never latest or 3.x"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/aws-cdk"]["version"] == version


# --- the real CLI against moto ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.mark.slow
@pytest.mark.xdist_group("cdk-cli")
def test_the_documented_commands_deploy_against_moto() -> None:
    if not (ROOT / "node_modules" / ".bin" / "cdk").exists():
        if shutil.which("npm") is None:
            pytest.fail("npm is needed for the CDK CLI (docs/deploy.md: npm ci)")
        subprocess.run(["npm", "ci", "--silent"], cwd=ROOT, check=True, timeout=300)
    if not (ROOT / "build" / "vendor").is_dir():
        subprocess.run(["make", "build"], cwd=ROOT, check=True, timeout=600)
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {
        **os.environ,
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
        "CDK_DISABLE_CLI_TELEMETRY": "true",
        "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("AWS_PROFILE", None)
    try:
        commands = [shlex.split(c.replace("ACCOUNT_ID", ACCOUNT)) for c in documented_commands()]
        bootstrap = [c for c in commands if c[2] == "bootstrap"]
        assert len(bootstrap) == 1
        assert f"aws://{ACCOUNT}/{REGION}" in bootstrap[0]
        done = _run(bootstrap[0], env)
        assert done.returncode == 0, done.stderr[-2000:]

        for stack in (STACK_NAME, ANALYTICS_STACK_NAME):
            [argv] = [c for c in commands if c[2:4] == ["deploy", stack]]
            done = _run([*argv, "--require-approval", "never"], env)
            output = done.stdout + done.stderr
            assert "missing a value" not in output, output[-2000:]
            assert f"{stack}: creating CloudFormation changeset" in output, output[-3000:]
            published = re.findall(rf"{stack}: success: Published (\S+)", output)
            starts = re.findall(rf"{stack}: start: Publishing (\S+)", output)
            assert published, output[-3000:]
            assert sorted(published) == sorted(starts)  # every asset went up

        # the control: the analytics stack without its parameters is refused by the CLI
        done = _run(
            ["npx", "cdk", "deploy", ANALYTICS_STACK_NAME, "--require-approval", "never"], env
        )
        assert done.returncode != 0
        assert "missing a value" in done.stdout + done.stderr
        assert "QuickSightOwnerArn" in done.stdout + done.stderr
    finally:
        server.stop()
