"""The upload example of docs/deploy.md (step 7), run as written: the `aws sts assume-role` line
is evaluated against the upload role's synthesised trust policy for the user `tenants onboard`
creates, and the `servicematning upload` line runs against the emulator; the key it writes is
admitted by the role's policy for that session. A documented key shape the role refuses (as
`inbox/1980/kontakter-2026-03-13.csv` once was) fails here."""

from __future__ import annotations

import re
import shlex
from datetime import date, timedelta
from pathlib import Path

import boto3
import pytest

from shared.cli.tenants import onboarding_steps
from shared.platform import resources
from tests.conftest import REGION, SAMPLES
from tests.infra import iam
from tests.infra.conftest import Synth
from tests.infra.test_upload_role import ACCOUNT, BUCKET, _assume, _session_policy, _trust

pytestmark = pytest.mark.xdist_group("cdk")

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"


def _upload_block() -> list[list[str]]:
    text = DEPLOY.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)
    [block] = [b for b in blocks if "servicematning upload" in b]
    joined = re.sub(r"\\\n\s*", " ", block)
    return [
        shlex.split(line.strip())
        for line in joined.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def _option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_the_documented_assume_role_is_admitted_for_the_onboarded_user(synth: Synth) -> None:
    [assume] = [c for c in _upload_block() if c[:3] == ["aws", "sts", "assume-role"]]
    key, value = re.fullmatch(r"Key=(\w+),Value=(\w+)", _option(assume, "--tags")).groups()  # type: ignore[union-attr]
    # the user as `tenants onboard` creates it, with its path and tag
    steps = onboarding_steps(value, "vasteras.se")
    create = re.search(r"aws iam create-user (.*?)\n\s+aws iam put-user-policy", steps, re.DOTALL)
    assert create
    argv = shlex.split(create.group(1).replace("\\\n", " "))
    path, name = _option(argv, "--path"), _option(argv, "--user-name")
    assert path == resources.UPLOAD_USER_PATH
    assert _option(argv, "--tags") == f"Key={key},Value={value}"
    user = f"arn:aws:iam::{ACCOUNT}:user{path}{name}"
    policy = iam.Policy(_trust(synth))
    assert all(policy.allows(r) for r in _assume(user, "User", {key: value}, {key: value}))


def test_the_documented_upload_writes_a_key_the_role_admits(
    synth: Synth, aws: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shared import cli

    [command] = [c for c in _upload_block() if "upload" in c and c[0].endswith("servicematning")]
    assert command[0] == ".venv/bin/servicematning"
    tenant = _option(command, "--tenant")
    # the sample file, its contacts made yesterday's (older ones are refused as too_old)
    sample = (SAMPLES / "kontakter-vasteras-2026-03-13.csv").read_bytes()
    yesterday = (date.today() - timedelta(days=1)).isoformat().encode()
    (tmp_path / command[2]).write_bytes(sample.replace(b"2026-03-13", yesterday))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_BUCKET", aws["DATA_BUCKET"])
    argv = [aws["DATA_BUCKET"] if a == "$DATA_BUCKET" else a for a in command[1:]]

    assert cli.main(argv) == 0

    s3 = boto3.client("s3", region_name=REGION)
    [key] = [o["Key"] for o in s3.list_objects_v2(Bucket=aws["DATA_BUCKET"])["Contents"]]
    assert key.startswith(f"inbox/{tenant}/")
    put = iam.Request("s3:PutObject", f"arn:aws:s3:::{BUCKET}/{key}")
    assert _session_policy(synth, tenant).allows(put)
    assert not _session_policy(synth, "0180").allows(put)
