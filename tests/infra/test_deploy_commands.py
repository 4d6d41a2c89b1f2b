"""docs/deploy.md's commands work as written, and the README's are the same.

1. (fast) Every CloudFormation parameter without a default, of each stack, is passed by that
   stack's documented `make deploy` command, under its own (stable) name; the README's
   `make bootstrap`/`make deploy` commands are docs/deploy.md's.
2. (slow) The documented `make bootstrap` and `make deploy` commands run, with the real CDK CLI
   the make targets install (package-lock.json: the pinned CLI and Node 22) and the app run by
   cdk.json with the project's .venv, against a moto server on loopback, and get through
   synthesis, asset building and publishing and the CLI's parameter validation, up to
   CloudFormation's change set (moto's CloudFormation cannot create these stacks' resources:
   TOOLCHAIN.md). The one addition is `CDK_FLAGS=--require-approval never` (no terminal to
   approve IAM changes in). A control deploys the analytics stack without its parameters and
   sees the CLI refuse.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
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


def documented_commands(path: Path = DOCS) -> list[str]:
    """Every `make bootstrap|deploy ...` command in a document's sh blocks, continuation lines
    joined."""
    text = path.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL):
        joined = re.sub(r"\\\n\s*", " ", block)
        commands += [
            re.sub(r"\s+#.*$", "", line.strip())
            for line in joined.splitlines()
            if line.startswith(("make bootstrap", "make deploy"))
        ]
    return commands


def _make_vars(argv: list[str]) -> dict[str, str]:
    return dict(a.split("=", 1) for a in argv[2:] if "=" in a)


def deploy_command(stack: str) -> list[str]:
    """The CLI arguments of the documented `make deploy` whose STACKS start with ``stack``."""
    [command] = [
        c
        for c in documented_commands()
        if shlex.split(c)[:2] == ["make", "deploy"]
        and _make_vars(shlex.split(c))["STACKS"].split()[0] == stack
    ]
    variables = _make_vars(shlex.split(command))
    return ["deploy", *variables["STACKS"].split(), *shlex.split(variables.get("ARGS", ""))]


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


def test_the_readme_runs_the_same_commands_as_the_deploy_guide() -> None:
    readme = documented_commands(ROOT / "README.md")
    assert readme, "the README's deploy block has no make bootstrap/deploy command"
    assert set(readme) <= set(documented_commands())


def test_cdk_json_runs_the_projects_own_environment() -> None:
    import json

    app = json.loads((ROOT / "cdk.json").read_text(encoding="utf-8"))["app"]
    assert app.startswith(".venv/bin/python "), app  # not python3: no aws_cdk there


def test_node_22_is_pinned_for_the_cli() -> None:
    import json

    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"22\.\d+\.\d+", package["devDependencies"]["node"])
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/node"]["version"] == package["devDependencies"]["node"]


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
        "CDK_DISABLE_CLI_TELEMETRY": "true",
        "CDK_FLAGS": "--require-approval never",
        "QUICKSIGHT_REGION": REGION,
    }
    env.pop("AWS_PROFILE", None)
    env.pop("VIRTUAL_ENV", None)
    try:
        commands = [
            shlex.split(c.replace("ACCOUNT_ID", ACCOUNT).replace("$QUICKSIGHT_REGION", REGION))
            for c in documented_commands()
        ]
        bootstrap = [c for c in commands if c[:2] == ["make", "bootstrap"]]
        assert len(bootstrap) == 1
        assert bootstrap[0][2:] == [f"ACCOUNT={ACCOUNT}"]
        done = _run(bootstrap[0], env)
        assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
        # the CLI ran on the pinned Node, bootstrapping both regions
        assert f"aws://{ACCOUNT}/{REGION}" in done.stdout + done.stderr
        assert f"aws://{ACCOUNT}/us-east-1" in done.stdout + done.stderr

        for stack in (STACK_NAME, ANALYTICS_STACK_NAME):
            [argv] = [
                c
                for c in commands
                if c[:2] == ["make", "deploy"] and _make_vars(c)["STACKS"].split()[0] == stack
            ]
            done = _run(argv, env)
            output = done.stdout + done.stderr
            assert "missing a value" not in output, output[-2000:]
            assert "ModuleNotFoundError" not in output, output[-2000:]
            assert f"{stack}: creating CloudFormation changeset" in output, output[-3000:]
            published = re.findall(rf"{stack}: success: Published (\S+)", output)
            starts = re.findall(rf"{stack}: start: Publishing (\S+)", output)
            assert published, output[-3000:]
            assert sorted(published) == sorted(starts)  # every asset went up

        # the control: the analytics stack without its parameters is refused by the CLI
        done = _run(["make", "deploy", f"STACKS={ANALYTICS_STACK_NAME}"], env)
        assert done.returncode != 0
        assert "missing a value" in done.stdout + done.stderr
        assert "QuickSightOwnerArn" in done.stdout + done.stderr
    finally:
        server.stop()


def test_the_make_targets_run_the_cli_on_node_22() -> None:
    """`make cli` installs the pinned CLI and Node; the CLI's PATH puts that Node first."""
    done = _run(["make", "--silent", "cli"], dict(os.environ))
    assert done.returncode == 0, done.stderr[-2000:]
    version = subprocess.run(
        ["bash", "-c", 'PATH="node_modules/.bin:$PATH" node --version'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert version.startswith("v22."), version
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert 'CDK := PATH="$(CURDIR)/node_modules/.bin:$$PATH" npx --no-install cdk' in makefile
