"""docs/operations.md's restore procedure, run as written on the emulator: the daily backup (a
native DynamoDB backup, as AWS Backup makes it without advanced features), a bad edit, then
every line of the documented block — the `aws` lines through boto3 with the CLI's own argument
names, `servicematning` through its entry point — and the live table is whole again."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import boto3
import jmespath
from botocore import xform_name

from shared import cli
from shared.platform import settings
from tests.conftest import REGION

DOCS = Path(__file__).resolve().parents[3] / "docs" / "operations.md"


def restore_block() -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Backups and restore") :]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    assert block
    return [line for line in block.group(1).splitlines() if line.strip()]


def run_aws(argv: list[str]) -> str:
    """One `aws SERVICE OPERATION --kebab-args` line as the CLI would run it (scalar arguments,
    `--query`/`--output text`, and `wait`)."""
    service, operation, *rest = argv[1:]
    client = boto3.client(service, region_name=REGION)
    if operation == "wait":
        waiter, *rest = rest
        options = dict(zip(rest[::2], rest[1::2], strict=True))
        params = {"".join(p.capitalize() for p in k[2:].split("-")): v for k, v in options.items()}
        client.get_waiter(waiter.replace("-", "_")).wait(**params)
        return ""
    api = {xform_name(name, "-"): name for name in client.meta.service_model.operation_names}
    model = client.meta.service_model.operation_model(api[operation])
    members = {xform_name(m, "-"): m for m in model.input_shape.members}
    params: dict[str, Any] = {}
    query = None
    for flag, value in zip(rest[::2], rest[1::2], strict=True):
        name = flag.removeprefix("--")
        if name == "query":
            query = value
        elif name != "output":
            params[members[name]] = value
    result = getattr(client, xform_name(api[operation]))(**params)
    return str(jmespath.search(query, result)) if query else ""


def run_block(lines: list[str], variables: dict[str, str]) -> None:
    for line in lines:
        assignment = re.fullmatch(r"(\w+)=\$\((.*)\)", line.strip())
        command = assignment.group(2) if assignment else line
        for name, value in variables.items():
            command = command.replace(f"${name}", value)
        argv = shlex.split(command)
        if argv[0] == "aws":
            output = run_aws(argv)
        else:
            assert argv[0] == ".venv/bin/servicematning", argv
            assert cli.main(argv[1:]) == 0
            output = ""
        if assignment:
            variables[assignment.group(1)] = output


def _items(table: str) -> list[dict[str, Any]]:
    client = boto3.client("dynamodb", region_name=REGION)
    return sorted(client.scan(TableName=table)["Items"], key=repr)


def test_the_documented_restore_brings_back_what_a_bad_edit_lost(
    aws: dict[str, str], capsys: Any, monkeypatch: Any
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # a shell in neither language: Swedish
    # Given a totals table with running totals, and the night's backup of it
    table = aws[settings.TOTALS_TABLE]
    client = boto3.client("dynamodb", region_name=REGION)
    key = client.describe_table(TableName=table)["Table"]["KeySchema"]
    names = [k["AttributeName"] for k in key]
    for n in range(30):
        item = {names[0]: {"S": f"1980#2026-host#sms#{n % 3}"}, "v": {"N": str(n)}}
        if len(names) > 1:
            item[names[1]] = {"S": f"cell#{n}"}
        client.put_item(TableName=table, Item=item)
    before = _items(table)
    client.create_backup(TableName=table, BackupName="daily")  # what AWS Backup does at 03:00

    # When a bad edit deletes some totals and changes others, after which an answer arrives
    for item in before[:10]:
        client.delete_item(TableName=table, Key={n: item[n] for n in names})
    changed = dict(before[10]) | {"v": {"N": "-1"}}
    client.put_item(TableName=table, Item=changed)
    later = {names[0]: {"S": "1980#2026-host#email#9"}, "v": {"N": "7"}}
    if len(names) > 1:
        later[names[1]] = {"S": "cell#later"}
    client.put_item(TableName=table, Item=later)

    # and the operator runs the documented block
    run_block(restore_block(), {"TABLE": table})

    # Then the live table is what it was at the backup, plus what arrived since
    assert _items(table) == sorted([*before, later], key=repr)
    # and the restored copy is gone again
    assert f"{table}-restored" not in client.list_tables()["TableNames"]
    printed = capsys.readouterr().out
    assert "skulle skriva 30 poster" in printed
    assert "11 skiljer sig" in printed  # 10 deleted + 1 changed


def test_a_copy_into_a_table_of_another_shape_is_refused(aws: dict[str, str], capsys: Any) -> None:
    status = cli.main(
        [
            "backup",
            "copy",
            "--lang",
            "en",
            "--from",
            aws[settings.TOTALS_TABLE],
            "--to",
            aws[settings.RESPONSES_TABLE],
        ]
    )
    assert status == 2
    err = capsys.readouterr().err
    assert "the tables' keys differ: the wrong table? nothing was copied" in err
    assert "nycklar" not in err
    assert _items(aws[settings.RESPONSES_TABLE]) == []
