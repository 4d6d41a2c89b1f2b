"""``servicematning upload`` when AWS cannot be used, and where it finds the bucket: what a
contact centre reads is what to do, in the run's one language, with a non-zero exit."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from boto3.exceptions import S3UploadFailedError
from botocore.exceptions import ClientError, EndpointConnectionError, NoCredentialsError

from shared.cli import upload
from tests.conftest import SAMPLES

NOW = datetime(2026, 3, 14, 6, 30, tzinfo=UTC)
VASTERAS = SAMPLES / "kontakter-vasteras-2026-03-13.csv"


@pytest.fixture(autouse=True)
def _no_bucket_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATA_BUCKET", raising=False)


class FailingS3:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def upload_file(self, *_args: Any, **_kwargs: Any) -> None:
        raise self.error


class Recording:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def upload_file(self, _path: str, bucket: str, key: str, **_kwargs: Any) -> None:
        self.calls.append((bucket, key))


class Stacks:
    def __init__(self, outputs: dict[str, str] | None) -> None:
        self.outputs = outputs
        self.asked: list[str] = []

    def describe_stacks(self, StackName: str) -> dict[str, Any]:
        self.asked.append(StackName)
        if self.outputs is None:
            raise ClientError(
                {"Error": {"Code": "ValidationError", "Message": "does not exist"}},
                "DescribeStacks",
            )
        outputs = [{"OutputKey": k, "OutputValue": v} for k, v in self.outputs.items()]
        return {"Stacks": [{"StackName": StackName, "Outputs": outputs}]}


def _args(path: Path = VASTERAS, lang: str = "sv", bucket: str | None = "b", **more: Any) -> Any:
    return argparse.Namespace(
        file=path,
        tenant="1980",
        bucket=bucket,
        json=False,
        lang=lang,
        stack="Servicematning",
        **more,
    )


def _client_error(code: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": "secret detail"}}, "PutObject")


def test_a_network_failure_says_what_was_unreachable_and_what_to_do(
    capsys: pytest.CaptureFixture[str],
) -> None:
    down = EndpointConnectionError(endpoint_url="https://s3.eu-north-1.amazonaws.com/b")
    assert upload.run(_args(), s3=FailingS3(down), now=NOW) == upload.EXIT_ERROR
    err = capsys.readouterr().err
    assert "Filen laddades inte upp: network" in err
    assert "Kunde inte nå AWS (https://s3.eu-north-1.amazonaws.com/b)" in err
    assert "Kontrollera nätverksanslutningen" in err
    assert "EndpointConnectionError" not in err
    assert "Could not" not in err  # one language
    assert upload.run(_args(lang="en"), s3=FailingS3(down), now=NOW) == upload.EXIT_ERROR
    err = capsys.readouterr().err
    assert "The file was not uploaded: network" in err
    assert "Could not reach AWS" in err
    assert "Kunde" not in err


@pytest.mark.parametrize(
    ("error", "code", "english"),
    [
        (NoCredentialsError(), "no_credentials", "Sign in with the profile that assumes"),
        (_client_error("ExpiredToken"), "expired_credentials", "The sign-in has expired"),
        (_client_error("AccessDenied"), "access_denied", "assumes the upload role"),
        (_client_error("NoSuchBucket"), "no_such_bucket", "The bucket b does not exist"),
        (_client_error("SlowDown"), "upload_failed", "AWS answered with the error SlowDown"),
    ],
)
def test_credential_and_access_errors_are_actionable(
    capsys: pytest.CaptureFixture[str], error: Exception, code: str, english: str
) -> None:
    assert upload.run(_args(lang="en"), s3=FailingS3(error), now=NOW) == upload.EXIT_ERROR
    err = capsys.readouterr().err
    assert f"The file was not uploaded: {code}" in err
    assert english in err
    assert "secret detail" not in err  # never the error's own text


def test_a_transfer_failure_is_read_by_the_error_under_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    try:
        try:
            raise _client_error("AccessDenied")
        except ClientError as inner:
            raise S3UploadFailedError("Failed to upload ... AccessDenied") from inner
    except S3UploadFailedError as wrapped:
        error = wrapped
    assert upload.run(_args(lang="en"), s3=FailingS3(error), now=NOW) == upload.EXIT_ERROR
    assert "access_denied" in capsys.readouterr().err


def test_the_bucket_comes_from_the_stack_when_not_given(
    capsys: pytest.CaptureFixture[str],
) -> None:
    s3, stacks = Recording(), Stacks({"DataBucketName": "servicematning-data-abc"})
    status = upload.run(_args(bucket=None), s3=s3, now=NOW, cloudformation=stacks)
    assert status == upload.EXIT_OK
    assert stacks.asked == ["Servicematning"]
    assert s3.calls[0][0] == "servicematning-data-abc"
    assert "uppladdad som inbox/1980/" in capsys.readouterr().out


def test_the_environment_wins_over_the_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATA_BUCKET", "from-env")
    s3, stacks = Recording(), Stacks({"DataBucketName": "from-stack"})
    assert upload.run(_args(bucket=None), s3=s3, now=NOW, cloudformation=stacks) == 0
    assert s3.calls[0][0] == "from-env"
    assert stacks.asked == []


def test_no_stack_and_no_bucket_says_how_to_name_one(capsys: pytest.CaptureFixture[str]) -> None:
    s3 = Recording()
    args = _args(bucket=None, lang="sv")
    args.json = True
    assert upload.run(args, s3=s3, now=NOW, cloudformation=Stacks(None)) == upload.EXIT_ERROR
    printed = json.loads(capsys.readouterr().out)
    assert printed["error"] == "no_bucket"
    assert "ingen stack Servicematning med utdata DataBucketName" in printed["messages"]["sv"]
    assert "Ange --bucket" in printed["messages"]["sv"]
    assert s3.calls == []
