"""Traces carry nothing personal: every function, on its happy path and each error path, run as
Lambda runs it with active tracing, and every trace document scanned.

The scenarios run in a fresh interpreter (``python -m tests.integration.test_traces``) whose
environment is set, before anything of ours is imported, to what the CDK template gives each
function (the Powertools variables, the resource names) plus what Lambda adds with active
tracing (``LAMBDA_TASK_ROOT``, ``AWS_LAMBDA_FUNCTION_NAME``, ``_X_AMZN_TRACE_ID`` with
``Sampled=1``) and without ``POWERTOOLS_TRACE_DISABLED``. The X-Ray recorder gets an emitter that
keeps every document it would send to the daemon. A handler that raises is also recorded the
way the Lambda runtime records it in the trace (the error cause: type, message, stack), because
that part of a trace does not go through the SDK at all.

Each document is scanned with the project's personal-data detector (``tests.privacy``) and for
the literal secrets the scenario used: survey tokens and the uploaded file's name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import pytest

from shared.core import totals
from shared.ingest import service as ingest_service
from tests.conftest import ROOT

# What the scenarios put in the way; none of it may reach a trace document.
PHONE = "070-123 45 67"
EMAIL = "anna.andersson@example.org"
PNR = "19811218-9876"
FILE_NAME = "Anna Andersson 19811218-9876 Storgatan 5.csv"
COMMENT = f"Ring mig på {PHONE} eller skriv till {EMAIL}, pnr {PNR}"

SCENARIOS = (
    "survey: form",
    "survey: answer",
    "survey: answer refused (422) with a personal comment",
    "survey: answer twice",
    "survey: unknown token",
    "survey: decline",
    "survey: storage unavailable",
    "ingest: file via SQS",
    "ingest: file via S3 notification",
    "ingest: not a CSV",
    "ingest: object already gone",
    "ingest: storage failure",
    "dispatch: sends",
    "dispatch: SES and SNS reject the recipient",
    "dispatch: run fails",
    "purge: stale contacts",
    "purge: run fails",
    "results: recompute",
    "results: export fails",
)


# ---------------------------------------------------------------- the test (pytest side)


@cache
def _captured() -> dict[str, dict[str, Any]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POWERTOOLS_", "AWS_"))}
    out = subprocess.run(
        [sys.executable, "-m", "tests.integration.test_traces"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-4000:]
    result: dict[str, dict[str, Any]] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("traces")]  # one subprocess run


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_trace_document_holds_personal_data_a_token_or_a_file_name(scenario: str) -> None:
    from tests.privacy import personal_lines

    # Given the scenario run as Lambda runs it, with active tracing
    run = _captured()[scenario]
    assert run["ran"], run  # the scenario itself did what it says
    # When every document X-Ray would receive is read
    documents = [*run["documents"], *([run["runtime_error"]] if run["runtime_error"] else [])]
    secrets = [*run["tokens"], FILE_NAME, "Anna Andersson", "Storgatan", EMAIL]
    for document in documents:
        # Then none holds anything personal, a token or the file's name
        assert not personal_lines(document), (scenario, personal_lines(document))
        for secret in secrets:
            assert secret not in document, (scenario, secret, document[:2000])


def test_traces_keep_what_an_operator_needs() -> None:
    # The runtime still records that a run failed, and of what type
    run = _captured()["dispatch: run fails"]
    assert "RunFailedError" in run["runtime_error"]
    # and no function patches botocore (its subsegments would carry keys and error texts)
    assert not any('"namespace": "aws"' in d for r in _captured().values() for d in r["documents"])


# ---------------------------------------------------------------- the scenarios (subprocess)

MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday 10:00 in Stockholm
RECEIVED = datetime(2026, 3, 14, 6, 30, tzinfo=UTC)  # the morning after the sample's contacts


def _trace_id() -> str:
    """A fresh X-Ray trace id as Lambda passes it (``Sampled=1``: this request is traced)."""
    root = f"1-{os.urandom(4).hex()}-{os.urandom(12).hex()}"
    return f"Root={root};Parent={os.urandom(8).hex()};Sampled=1"


class _Capture:
    """An X-Ray emitter that keeps every serialised document instead of sending it."""

    def __init__(self) -> None:
        self.documents: list[str] = []

    def send_entity(self, entity: Any) -> None:
        self.documents.append(entity.serialize())

    def set_daemon_address(self, address: str | None) -> None:
        pass

    @property
    def ip(self) -> str:
        return "127.0.0.1"

    @property
    def port(self) -> int:
        return 2000


# What the Lambda service sets for a function with active tracing: in place before anything of
# ours is imported, as in Lambda (an import-time Tracer reads it).
LAMBDA_SERVICE_ENV = {
    "LAMBDA_TASK_ROOT": str(ROOT),
    "AWS_LAMBDA_FUNCTION_NAME": "servicematning-survey",
    "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
    "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR",
    "AWS_XRAY_DAEMON_ADDRESS": "169.254.79.129:2000",
    "_X_AMZN_TRACE_ID": _trace_id(),
    "AWS_DEFAULT_REGION": "eu-north-1",
    "AWS_REGION": "eu-north-1",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


def _template_environment() -> dict[str, str]:
    """What the template gives the functions (infra/constructs/lambdas.py; names from local)."""
    from local.resources import resource_names
    from shared.platform import settings
    from shared.platform.observability import NAMESPACE, SERVICE

    return {
        "POWERTOOLS_SERVICE_NAME": SERVICE,
        "POWERTOOLS_METRICS_NAMESPACE": NAMESPACE,
        "POWERTOOLS_LOG_LEVEL": "INFO",
        settings.SURVEY_BASE_URL: "https://enkat.example.se",
        settings.SMS_PER_SECOND: "1000",
        settings.EMAIL_PER_SECOND: "1000",
        **resource_names("trace"),
    }


def _runtime_error(error: BaseException) -> str:
    """The error cause the Lambda runtime puts in the trace for an uncaught exception."""
    stack = [
        {"path": f.filename, "line": f.lineno, "label": f.name}
        for f in traceback.extract_tb(error.__traceback__)
    ]
    cause = {
        "working_directory": os.getcwd(),
        "exceptions": [{"type": type(error).__name__, "message": str(error), "stack": stack}],
        "paths": sorted({s["path"] for s in stack}),
    }
    return json.dumps(cause, ensure_ascii=False)


class _Runner:
    def __init__(self, capture: _Capture) -> None:
        self.capture = capture
        self.results: dict[str, dict[str, Any]] = {}

    def run(self, scenario: str, function: str, body: Callable[[list[str]], bool]) -> None:
        os.environ["AWS_LAMBDA_FUNCTION_NAME"] = f"servicematning-{function}"
        os.environ["_X_AMZN_TRACE_ID"] = _trace_id()
        before = len(self.capture.documents)
        tokens: list[str] = []
        runtime_error = None
        try:
            ran = body(tokens)
        except Exception as error:  # recorded as the runtime records it
            runtime_error = _runtime_error(error)
            ran = True
        self.results[scenario] = {
            "ran": ran,
            "documents": self.capture.documents[before:],
            "runtime_error": runtime_error,
            "tokens": tokens,
        }


def _scenarios(env: dict[str, str], runner: _Runner) -> None:
    import boto3

    from local.events import LambdaContext, s3_object_created, scheduled
    from shared.core.models import Channel
    from shared.core.tenants import load_tenant_dir
    from shared.dispatch import service as dispatch_service
    from shared.dispatch.tables import DispatchTables
    from shared.messages.senders import reset_send_clients, send_client
    from shared.platform import settings, store
    from shared.platform.tenant_store import TenantStore
    from tests.conftest import SAMPLES, TENANT_CONFIG
    from tests.integration.dispatch.conftest import World
    from tests.integration.survey.conftest import SMS_ANSWER, Survey

    region = env["AWS_REGION"]
    tenants = load_tenant_dir(TENANT_CONFIG)
    TenantStore(store.table(env[settings.TENANTS_TABLE])).put(tenants.values())
    sesv2 = boto3.client("sesv2", region_name=region)
    for tenant in tenants.values():
        sesv2.create_email_identity(EmailIdentity=tenant.email_sender.split("@")[1])
    s3 = boto3.client("s3", region_name=region)

    # -- survey
    from functions.survey import handler as survey_module
    from shared.survey import service as survey_service

    survey = Survey(env)
    survey_service.service.cache_clear()

    def form(tokens: list[str]) -> bool:
        tokens.append(token := survey.invite())
        return survey.call("GET", f"/s/{token}").status == 200

    def answer(tokens: list[str]) -> bool:
        tokens.append(token := survey.invite())
        body = SMS_ANSWER.replace("Bra+hj%C3%A4lp", COMMENT.replace(" ", "+"))
        return survey.call("POST", f"/s/{token}", body).status in (200, 303)

    def refused(tokens: list[str]) -> bool:
        tokens.append(token := survey.invite())
        body = f"tel_bemotande=9&errand=skola&comment={COMMENT.replace(' ', '+')}"
        return survey.call("POST", f"/s/{token}", body).status == 422

    def twice(tokens: list[str]) -> bool:
        tokens.append(token := survey.invite())
        survey.call("POST", f"/s/{token}", SMS_ANSWER)
        # Post/Redirect/Get: a second submit lands on the thank-you page and counts nothing
        return survey.call("POST", f"/s/{token}", SMS_ANSWER).status == 303

    def unknown(tokens: list[str]) -> bool:
        tokens.append(token := "AAAAAAAAAAAAAAAAAAAAAA")
        return survey.call("GET", f"/s/{token}").status in (404, 410)

    def decline(tokens: list[str]) -> bool:
        tokens.append(token := survey.invite())
        return survey.call("POST", f"/s/{token}/decline", "confirm=1").status < 500

    def unavailable(tokens: list[str]) -> bool:
        tokens.append(token := survey.invite())
        from shared.survey import dynamodb as survey_dynamodb  # the survey's own client

        survey_dynamodb.client().meta.events.register("before-call.dynamodb.*", _refuse)
        try:
            survey_service.service.cache_clear()
            return survey.call("GET", f"/s/{token}").status == 503
        finally:
            store.reset_clients()
            survey_service.service.cache_clear()

    runner.run(SCENARIOS[0], "survey", form)
    runner.run(SCENARIOS[1], "survey", answer)
    runner.run(SCENARIOS[2], "survey", refused)
    runner.run(SCENARIOS[3], "survey", twice)
    runner.run(SCENARIOS[4], "survey", unknown)
    runner.run(SCENARIOS[5], "survey", decline)
    runner.run(SCENARIOS[6], "survey", unavailable)
    assert survey_module  # imported under the Lambda environment, before any call

    # -- ingest
    from functions.ingest import handler as ingest_module

    def upload(name: str, body: bytes) -> dict[str, Any]:
        key = f"inbox/1980/{name}"
        s3.put_object(Bucket=env[settings.DATA_BUCKET], Key=key, Body=body)
        etag = s3.head_object(Bucket=env[settings.DATA_BUCKET], Key=key)["ETag"]
        return s3_object_created(env[settings.DATA_BUCKET], key, etag, len(body), region, RECEIVED)

    def via_sqs(notification: dict[str, Any]) -> dict[str, Any]:
        record = {
            "messageId": "m-1",
            "receiptHandle": "h",
            "body": json.dumps(notification),
            "attributes": {"ApproximateReceiveCount": "1"},
            "messageAttributes": {},
            "md5OfBody": "",
            "eventSource": "aws:sqs",
            "eventSourceARN": f"arn:aws:sqs:{region}:123456789012:ingest",
            "awsRegion": region,
        }
        return {"Records": [record]}

    sample = (SAMPLES / "kontakter-vasteras-2026-03-13.csv").read_bytes()

    def ingest(event: dict[str, Any]) -> Any:
        ingest_service.ports.cache_clear()
        return ingest_module.handler(event, LambdaContext("servicematning-ingest"))

    def ingest_sqs(_: list[str]) -> bool:
        return ingest(via_sqs(upload(FILE_NAME, sample))) == {"batchItemFailures": []}

    def ingest_s3(_: list[str]) -> bool:
        return ingest(upload("2 " + FILE_NAME, sample)) == {"processed": 1}

    def not_csv(_: list[str]) -> bool:
        ingest(via_sqs(upload("3 " + FILE_NAME, b"\x00\x01PK\x03\x04" * 500)))
        return True

    def gone(_: list[str]) -> bool:
        event = upload("4 " + FILE_NAME, sample)
        s3.delete_object(Bucket=env[settings.DATA_BUCKET], Key="inbox/1980/4 " + FILE_NAME)
        ingest(via_sqs(event))
        return True

    def storage_failure(_: list[str]) -> bool:
        event = upload("5 " + FILE_NAME, sample)
        ingest_service.ports.cache_clear()
        # receiving a file registers it (the draw reads it later): that write is refused, with
        # an error text quoting an address and the file's key
        store.dynamodb().meta.client.meta.events.register("before-call.dynamodb.PutItem", _refuse)
        try:
            return bool(ingest(via_sqs(event))["batchItemFailures"])
        finally:
            store.reset_clients()

    runner.run(SCENARIOS[7], "ingest", ingest_sqs)
    runner.run(SCENARIOS[8], "ingest", ingest_s3)
    runner.run(SCENARIOS[9], "ingest", not_csv)
    runner.run(SCENARIOS[10], "ingest", gone)
    runner.run(SCENARIOS[11], "ingest", storage_failure)

    # -- dispatch and purge
    from functions.dispatch.handler import handler as dispatch_handler
    from functions.purge.handler import handler as purge_handler

    dispatch_service.utc_now = lambda: MORNING  # type: ignore[assignment]
    world = World(env=env, tenants=tenants)

    def dispatch_event() -> Any:
        return dispatch_handler(scheduled("dispatch", region, MORNING), _Context("dispatch"))

    def sends(_: list[str]) -> bool:
        world.add_contacts("1980", 3, Channel.SMS, MORNING - timedelta(hours=1))
        world.add_contacts("1980", 3, Channel.EMAIL, MORNING - timedelta(hours=1))
        report = dispatch_event()
        return bool(report["channels"]["sms"]["sent"] == 3)

    def rejected(_: list[str]) -> bool:
        world.add_contacts("1980", 1, Channel.SMS, MORNING, address="+46701234567")
        world.add_contacts("1980", 1, Channel.EMAIL, MORNING, address=EMAIL)
        reset_send_clients()
        send_client("sesv2").meta.events.register(
            "before-call.sesv2.SendEmail",
            _error("MessageRejected", f"Email address is not verified: {EMAIL}"),
        )
        send_client("sns").meta.events.register(
            "before-call.sns.Publish",
            _error("InvalidParameter", "Invalid parameter: PhoneNumber +46701234567"),
        )
        try:
            report = dispatch_event()
        finally:
            reset_send_clients()
        return bool(report["channels"]["email"]["failed"] == 1)

    def run_fails(_: list[str]) -> bool:
        world.add_contacts("1980", 1, Channel.SMS, MORNING, address="+46701234567")
        original = DispatchTables.campaign_stats

        def fails(*_: Any, **__: Any) -> Any:
            raise ValueError(f"cannot handle +46701234567 or {EMAIL}")

        DispatchTables.campaign_stats = fails  # type: ignore[method-assign]
        try:
            dispatch_event()
        finally:
            DispatchTables.campaign_stats = original  # type: ignore[method-assign]
        return False  # the run should have raised

    def stale(_: list[str]) -> bool:
        world.add_contacts("0180", 2, Channel.SMS, MORNING - timedelta(hours=200))
        report = purge_handler(scheduled("purge", region, MORNING), _Context("purge"))
        return isinstance(report, dict)

    def purge_fails(_: list[str]) -> bool:
        world.add_contacts("0180", 1, Channel.EMAIL, MORNING - timedelta(hours=200), address=EMAIL)
        store.dynamodb().meta.client.meta.events.register(
            "before-call.dynamodb.*", _error("InternalServerError", f"failed on {EMAIL}")
        )
        try:
            purge_handler(scheduled("purge", region, MORNING), _Context("purge"))
        finally:
            store.reset_clients()
        return False

    runner.run(SCENARIOS[12], "dispatch", sends)
    runner.run(SCENARIOS[13], "dispatch", rejected)
    runner.run(SCENARIOS[14], "dispatch", run_fails)
    runner.run(SCENARIOS[15], "purge", stale)
    runner.run(SCENARIOS[16], "purge", purge_fails)

    # -- results
    from functions.results import handler as results_module

    stream = "1980#2026-host#sms"  # Västerås's campaign running on the test's day

    def answers_in_the_totals() -> None:
        store.table(env[settings.TOTALS_TABLE]).update_item(
            Key=totals.key(stream, totals.TOTAL),
            UpdateExpression="ADD a :n, #s :s, #c :n",
            ExpressionAttributeNames={"#s": "tel_bemotande:s", "#c": "tel_bemotande:n"},
            ExpressionAttributeValues={":n": 100, ":s": 60},
        )

    release_morning = MORNING.replace(hour=5)  # Monday 06:00 in Stockholm: a release day

    def recompute(_: list[str]) -> bool:
        answers_in_the_totals()
        results_module._settings.cache_clear()
        event = scheduled("results", region, release_morning)
        summary = results_module.handler(event, _Context("results"))
        return summary["released"] > 0

    def export_fails(_: list[str]) -> bool:
        answers_in_the_totals()
        bucket = boto3.resource("s3", region_name=region).Bucket(env[settings.ANALYTICS_BUCKET])
        bucket.objects.all().delete()
        bucket.delete()
        results_module._settings.cache_clear()
        event = scheduled("results", region, release_morning + timedelta(days=7))
        results_module.handler(event, _Context("results"))
        return False

    runner.run(SCENARIOS[17], "results", recompute)
    runner.run(SCENARIOS[18], "results", export_fails)


class _Context:
    memory_limit_in_mb = 256
    aws_request_id = "c6af9ac6-7b61-11e6-9a41-93e812345678"
    function_version = "$LATEST"

    def __init__(self, name: str) -> None:
        self.function_name = f"servicematning-{name}"
        self.invoked_function_arn = f"arn:aws:lambda:eu-north-1:123456789012:function:{name}"

    def get_remaining_time_in_millis(self) -> int:
        return 240_000


def _error(code: str, message: str) -> Callable[..., Any]:
    """A botocore before-call hook answering with an AWS error (as the service would)."""
    from botocore.awsrequest import AWSResponse

    def hook(**_: Any) -> tuple[Any, dict[str, Any]]:
        status = 500 if code == "InternalServerError" else 400
        response = AWSResponse("https://aws.example", status, {}, None)
        meta = {"HTTPStatusCode": status, "RequestId": "r-1", "HTTPHeaders": {}}
        return response, {"Error": {"Code": code, "Message": message}, "ResponseMetadata": meta}

    return hook


_refuse = _error("AccessDenied", f"denied for {EMAIL} on inbox/1980/{FILE_NAME}")


def main() -> int:
    os.environ.pop("POWERTOOLS_TRACE_DISABLED", None)
    os.environ.pop("AWS_ENDPOINT_URL", None)
    os.environ.update(LAMBDA_SERVICE_ENV)
    os.environ["POWERTOOLS_SERVICE_NAME"] = "servicematning"
    env = LAMBDA_SERVICE_ENV | _template_environment()
    os.environ.update(env)
    import warnings

    from aws_xray_sdk.core import xray_recorder
    from moto import mock_aws

    warnings.filterwarnings("ignore", "No application metrics to publish", UserWarning)
    capture = _Capture()
    xray_recorder.configure(emitter=capture)
    runner = _Runner(capture)
    with mock_aws():
        from local.resources import create_resources
        from shared.platform import store

        store.reset_clients()
        create_resources(env, region=env["AWS_REGION"])
        _scenarios(env, runner)
    sys.stdout.flush()
    print(json.dumps(runner.results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
