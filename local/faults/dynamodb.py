"""Scenario 3: a DynamoDB fault in each handler (dispatch, purge, ingest, survey, results)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from local.demo import REGION, SAMPLES, fresh_sample
from local.faults.harness import (
    DISPATCH_TENANT,
    GOOD_FILES,
    INGEST_TENANT,
    Context,
    Emulated,
    answer_form,
    client_error,
    connect_timeout,
    emails,
    http,
    inject,
    invite,
    phones,
    put_contacts,
    read_timeout,
)
from local.faults.sending import _counts, _dispatch
from shared.core import totals
from shared.core.time import STOCKHOLM_TZ


def dispatch_faults(ctx: Context, seen: Emulated) -> None:
    from shared.dispatch.service import RunFailedError
    from shared.platform import store

    dynamodb = store.dynamodb().meta.client
    invitations = ctx.env["INVITATIONS_TABLE"]

    def is_claim(params: dict[str, Any]) -> bool:
        first = params["TransactItems"][0].get("Update", {})
        return bool(first.get("ConditionExpression", "").startswith("attribute_not_exists(#c)"))

    def is_finish(params: dict[str, Any]) -> bool:
        """The transaction that marks invitations sent (and counts them in the totals)."""
        items = params["TransactItems"]
        tables = {i.get("Update", {}).get("TableName") for i in items}
        return invitations in tables and tables <= {invitations, seen.env["TOTALS_TABLE"]}

    before = Counter(seen.outbox())
    batch_one = phones(3_000_001, 4) + emails(4_000_001, 2)
    put_contacts(seen, DISPATCH_TENANT, ctx.campaign, batch_one, datetime.now(STOCKHOLM_TZ))

    # a. the claim times out: the run fails before sending; the retry sends each once
    with inject(dynamodb, "TransactWriteItems", lambda _: connect_timeout(), when=is_claim) as a:
        try:
            _dispatch()
            raised_a = False
        except RunFailedError:
            raised_a = True
    kept = len(seen.contacts(DISPATCH_TENANT))
    sent_a = sum((Counter(seen.outbox()) - before).values())
    retry_a = _dispatch()
    reached = Counter(seen.outbox()) - before
    ctx.check(
        "3 dynamodb: dispatch",
        "claim transaction times out (ConnectTimeoutError), then the next run",
        a.fired == 1
        and raised_a
        and sent_a == 0
        and kept == len(batch_one)
        and all(reached.get(r) == 1 for r in batch_one)
        and not seen.contacts(DISPATCH_TENANT),
        f"failed run raised RunFailedError: {raised_a}, sent {sent_a}, contacts kept "
        f"{kept}/{len(batch_one)}; retry sent {_counts(retry_a, 'sent')}, most messages to "
        f"one recipient {max(reached.values(), default=0)}",
    )
    ctx.in_time()

    # b. the claim is cancelled by a conflicting transaction: deferred, sent by the next run
    batch_two = phones(3_100_001, 3)
    put_contacts(seen, DISPATCH_TENANT, ctx.campaign, batch_two, datetime.now(STOCKHOLM_TZ))
    conflict = client_error(
        "TransactionCanceledException",
        "TransactWriteItems",
        reasons=["None", "TransactionConflict"] + ["None"] * 20,
    )
    with inject(dynamodb, "TransactWriteItems", lambda _: conflict, when=is_claim) as b:
        run_b = _dispatch()
    retry_b = _dispatch()
    reached = Counter(seen.outbox()) - before
    ctx.check(
        "3 dynamodb: dispatch",
        "claim transaction cancelled (TransactionConflict), then the next run",
        b.fired == 1
        and _counts(run_b, "deferred") == len(batch_two)
        and _counts(run_b, "sent") == 0
        and all(reached.get(r) == 1 for r in batch_two)
        and not seen.contacts(DISPATCH_TENANT),
        f"run deferred {_counts(run_b, 'deferred')}, sent {_counts(run_b, 'sent')}; next run "
        f"sent {_counts(retry_b, 'sent')}; most messages to one recipient "
        f"{max(reached.values(), default=0)}",
    )
    ctx.in_time()

    # c. finishing (sending → sent) times out after the messages went out
    batch_three = phones(3_200_001, 3)
    put_contacts(seen, DISPATCH_TENANT, ctx.campaign, batch_three, datetime.now(STOCKHOLM_TZ))
    with inject(dynamodb, "TransactWriteItems", lambda _: read_timeout(), when=is_finish) as c:
        try:
            _dispatch()
            raised_c = False
        except RunFailedError:
            raised_c = True
    retry_c = _dispatch()
    reached = Counter(seen.outbox()) - before
    stuck = [i for i in seen.invitations(DISPATCH_TENANT) if i["status"] == "sending"]
    # the residents got their messages: their links must open the form all the same
    links = seen.sms_links(ctx.survey_url, batch_three)
    opened = [http("GET", link)[0] for link in links]
    ctx.check(
        "3 dynamodb: dispatch",
        "finishing the sent invitations times out (ReadTimeoutError), then the next run; "
        "the residents open their links",
        c.fired == 1
        and raised_c
        and all(reached.get(r) == 1 for r in batch_three)
        and _counts(retry_c, "sent") == 0
        and not seen.contacts(DISPATCH_TENANT)
        and len(links) == len(batch_three)
        and opened == [200] * len(links),
        f"failed run raised: {raised_c}; messages {sum(reached[r] for r in batch_three)} for "
        f"{len(batch_three)} contacts, retry sent {_counts(retry_c, 'sent')}; "
        f"{len(stuck)} invitations left 'sending'; their links answered "
        f"{', '.join(map(str, opened)) or 'nothing'}",
    )


def purge_faults(ctx: Context, seen: Emulated) -> None:
    from functions.purge.handler import handler
    from local.events import LambdaContext, scheduled
    from shared.dispatch.service import RunFailedError
    from shared.platform import store

    old = datetime.now(STOCKHOLM_TZ) - timedelta(hours=200)
    stale = put_contacts(seen, INGEST_TENANT, ctx.campaign, phones(5_000_001, 30), old)
    dynamodb = store.dynamodb().meta.client
    with inject(
        dynamodb,
        "BatchWriteItem",
        lambda _: client_error("ProvisionedThroughputExceededException", "BatchWriteItem"),
    ) as fault:
        try:
            handler(scheduled("purge", REGION), LambdaContext("purge"))
            raised = False
        except RunFailedError:
            raised = True
    kept = len(seen.contacts(INGEST_TENANT))
    retry = handler(scheduled("purge", REGION), LambdaContext("purge"))
    again = handler(scheduled("purge", REGION), LambdaContext("purge"))
    left = len(seen.contacts(INGEST_TENANT))
    ctx.check(
        "3 dynamodb: purge",
        "deleting stale contacts is throttled (ProvisionedThroughputExceeded), then a retry",
        fault.fired == 1
        and raised
        and kept == len(stale)
        and retry["purged"] == len(stale)
        and again["purged"] == 0
        and left == 0,
        f"failed run raised RunFailedError: {raised}, kept {kept}/{len(stale)}; retry purged "
        f"{retry['purged']}, the next run {again['purged']}; stale contacts left {left}",
    )


def _sqs(*notifications: dict[str, Any]) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": f"m-{n}",
                "receiptHandle": f"h-{n}",
                "body": json.dumps(body),
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": f"arn:aws:sqs:{REGION}:123456789012:ingest",
                "awsRegion": REGION,
            }
            for n, body in enumerate(notifications, start=1)
        ]
    }


def _upload(seen: Emulated, key: str, body: bytes) -> dict[str, Any]:
    from local.events import s3_object_created

    bucket = seen.env["DATA_BUCKET"]
    seen.s3.put_object(Bucket=bucket, Key=key, Body=body)
    etag = seen.s3.head_object(Bucket=bucket, Key=key)["ETag"]
    return s3_object_created(bucket, key, etag, len(body), REGION)


def _ingest(event: dict[str, Any]) -> dict[str, Any]:
    from functions.ingest.handler import handler
    from local.events import LambdaContext

    result: dict[str, Any] = handler(event, LambdaContext("ingest"))
    return result


def _report_for(seen: Emulated, tenant: str, name: str) -> list[dict[str, Any]]:
    """The reports about the file uploaded as ``name`` (reports are named by file id and time;
    the name is only inside)."""
    reports = [seen.json_object(k) for k in seen.keys("DATA_BUCKET", f"reports/{tenant}/")]
    return [r for r in reports if r.get("file") == name]


def _draw(ctx: Context) -> dict[str, Any]:
    """The daily draw's scheduled event through the real ingest handler, at today's cutoff."""
    from local.demo import run_daily_draw

    return run_daily_draw(ctx.today)


def _draw_fails(ctx: Context) -> bool:
    from shared.ingest.draw import DrawFailedError

    try:
        _draw(ctx)
    except DrawFailedError:
        return True
    return False


def _failed_messages(event: dict[str, Any]) -> list[str]:
    """The SQS messages the handler gives back for a retry. When every message of a batch
    failed, Powertools raises instead, and Lambda returns the whole batch to the queue."""
    from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError

    try:
        result = _ingest(event)
    except BatchProcessingError:
        return [r["messageId"] for r in event["Records"]]
    return [f["itemIdentifier"] for f in result["batchItemFailures"]]


def ingest_faults(ctx: Context, seen: Emulated) -> None:
    from shared.platform import store

    table = store.dynamodb().meta.client
    contacts_table, files_table = ctx.env["CONTACTS_TABLE"], ctx.env["FILES_TABLE"]
    # receiving: the file's registration fails, SQS hands the message back, the retry holds
    name = "faults-0.csv"
    key = f"inbox/{INGEST_TENANT}/{name}"
    event = _sqs(_upload(seen, key, fresh_sample(SAMPLES / GOOD_FILES[0], ctx.today)))
    with inject(
        table,
        "PutItem",
        lambda _: client_error("ProvisionedThroughputExceededException", "PutItem"),
        when=lambda p: p.get("TableName") == files_table,
    ) as fault:
        failed = _failed_messages(event)
    retried = _ingest(event)
    before = len(seen.contacts(INGEST_TENANT))
    _reset_draw(seen, INGEST_TENANT, ctx.today)
    drawn = _draw(ctx)
    added = len(seen.contacts(INGEST_TENANT)) - before
    reports = _report_for(seen, INGEST_TENANT, name)
    ctx.check(
        "3 dynamodb: ingest",
        "registering a received file is throttled (ProvisionedThroughputExceeded), SQS retries",
        fault.fired == 1
        and failed == ["m-1"]
        and retried["batchItemFailures"] == []
        and len(reports) == 1
        and reports[0].get("outcome") == "ingested"
        and added == drawn["drawn"] > 0  # the report never says how many were drawn
        and not seen.keys("DATA_BUCKET", key),
        f"messages returned for retry: {len(failed)}; the draw: {len(reports)} report, "
        f"{drawn['drawn']} drawn, {added} contacts stored",
    )
    # drawing: a write fails, the draw gives its lease back, the next scheduled run draws the
    # same contacts, and a redelivered schedule changes nothing
    cases = (
        (
            "writing the drawn contacts times out (ConnectTimeoutError)",
            "BatchWriteItem",
            lambda p: contacts_table in p.get("RequestItems", {}),
            lambda _: connect_timeout(),
        ),
        (
            "marking the day's draw done is throttled (ProvisionedThroughputExceeded)",
            "UpdateItem",
            lambda p: p.get("TableName") == files_table and ":done" in str(p),
            lambda _: client_error("ProvisionedThroughputExceededException", "UpdateItem"),
        ),
    )
    for n, (tried, operation, when, error) in enumerate(cases, start=1):
        name = f"faults-{n}.csv"
        key = f"inbox/{INGEST_TENANT}/{name}"
        _ingest(_sqs(_upload(seen, key, fresh_sample(SAMPLES / GOOD_FILES[0], ctx.today))))
        _reset_draw(seen, INGEST_TENANT, ctx.today)
        before = len(seen.contacts(INGEST_TENANT))
        with inject(table, operation, error, when=when) as fault:
            raised = _draw_fails(ctx)
        object_kept = bool(seen.keys("DATA_BUCKET", key))
        retried = _draw(ctx)
        redelivered = _draw(ctx)  # EventBridge delivers at least once
        added = len(seen.contacts(INGEST_TENANT)) - before
        reports = _report_for(seen, INGEST_TENANT, name)
        sampled = retried["drawn"]  # the run's own count: the report never says it
        ctx.check(
            "3 dynamodb: ingest",
            f"{tried}, then the schedule runs twice more",
            fault.fired >= 1
            and raised
            and object_kept
            and retried["days"] == 1
            and redelivered["drawn"] == 0
            and len(reports) == 1
            and reports[0].get("outcome") == "ingested"
            and added == sampled > 0
            and not seen.keys("DATA_BUCKET", key),
            f"draw failed: {raised}, object kept: {object_kept}; after retries {len(reports)} "
            f"report, {sampled} drawn, {added} contacts stored",
        )


def _reset_draw(seen: Emulated, tenant: str, day: date) -> None:
    """Forget today's finished draw, so that the next file is drawn as a new day's would be
    (the scenarios share one day; in the cloud each draw has a day of its own)."""
    from shared.ingest.files import draw_record_id

    seen.table("FILES_TABLE").delete_item(Key={"file_id": draw_record_id(tenant, day)})


def survey_faults(ctx: Context, seen: Emulated) -> None:
    from shared.survey import dynamodb as survey_dynamodb

    dynamodb = survey_dynamodb.client()  # the survey's own client (no boto3 resource)
    tokens = invite(seen, INGEST_TENANT, ctx.campaign, ctx.today, 4)
    cases = (
        ("GET", "", "GetItem", lambda _: connect_timeout(), "reading the invitation times out"),
        (
            "POST",
            "",
            "TransactWriteItems",
            lambda _: client_error("ProvisionedThroughputExceededException", "T"),
            "storing the answer is throttled",
        ),
        (
            "POST",
            "",
            "TransactWriteItems",
            lambda _: client_error(
                "TransactionCanceledException", "T", reasons=["ConditionalCheckFailed", "None"]
            ),
            "the answer's transaction is cancelled while the invitation is still open",
        ),
        (
            "POST",
            "/decline",
            "TransactWriteItems",
            lambda _: read_timeout(),
            "storing a decline times out",
        ),
    )
    for n, (method, suffix, operation, error, tried) in enumerate(cases):
        url = f"{ctx.survey_url}/s/{tokens[n]}{suffix}"
        body = (
            (b"List-Unsubscribe=One-Click" if suffix else answer_form(seen, tokens[n], n))
            if method == "POST"
            else None
        )
        answers_before = seen.responses(INGEST_TENANT)
        declines_before = _declines(seen)
        with inject(dynamodb, operation, error) as fault:
            status, page = http(method, url, body)
        retry_status, _ = http(method, url, body)
        # a POST again lands on the outcome page (Post/Redirect/Get), counting nothing more
        again_status, _ = http(method, url, body) if method == "POST" else (200, "")
        answers = seen.responses(INGEST_TENANT) - answers_before
        declines = _declines(seen) - declines_before
        friendly = "<html" in page.lower() and not any(
            raw in page for raw in ("Traceback", "Internal Server Error", "botocore")
        )
        expected = (1, 0) if method == "POST" and not suffix else (0, 1 if suffix else 0)
        ctx.check(
            "3 dynamodb: survey",
            f"{method} /s/{{token}}{suffix}: {tried}, then the resident tries again",
            fault.fired == 1
            and status == 503
            and friendly
            and retry_status == 200
            and again_status == 200
            and (answers, declines) == expected,
            f"first {status} ({'friendly page' if friendly else 'NOT a friendly page'}), "
            f"retry {retry_status}, once more {again_status}; answers stored {answers}, "
            f"declines counted {declines}",
        )


def _declines(seen: Emulated) -> int:
    """Declines as the survey counts them: in the running totals of the tenant's streams."""
    return sum(
        int(c.get("d", 0))
        for c in seen.scan("TOTALS_TABLE")
        if totals.split(str(c[totals.SLOT]))[1] == totals.TOTAL
        and str(c[totals.SLOT]).startswith(f"{INGEST_TENANT}#")
    )


def _answers_for_a_release(seen: Emulated, count: int) -> None:
    """``count`` answers through the survey's own transaction: more than one batch's worth."""
    import hashlib

    from shared.core.models import Channel, InvitationItem, InvitationStatus, ResponseItem
    from shared.platform import store
    from shared.platform.tenant_store import TenantStore
    from shared.survey.storage import SurveyStore

    tenant = TenantStore(store.table(seen.env["TENANTS_TABLE"])).get(INGEST_TENANT)
    campaign = tenant.campaigns[0]
    surveys = SurveyStore(
        invitations=seen.table("INVITATIONS_TABLE"),
        responses=seen.table("RESPONSES_TABLE"),
        totals=seen.table("TOTALS_TABLE"),
        comments=seen.table("COMMENTS_TABLE"),
    )
    for n in range(count):
        invitation = InvitationItem(
            token_hash=hashlib.sha256(f"results-fault-{n}".encode()).hexdigest(),
            tenant=tenant.kommunkod,
            channel=Channel.SMS,
            campaign=campaign.id,
            contact_day=campaign.start,
            status=InvitationStatus.SENT,
            expires_at=2_000_000_000,
        )
        seen.table("INVITATIONS_TABLE").put_item(Item=invitation.model_dump(mode="json"))
        answers = {"tel_bemotande": 1 + n % 5, "tel_enkelhet": None}
        response = ResponseItem(
            tenant=tenant.kommunkod,
            response_id=f"results-fault-{n}",
            channel=Channel.SMS,
            campaign=campaign.id,
            contact_day=campaign.start,
            answers=answers,
            errand="annat",
        )
        surveys.answer(invitation, response)


def results_faults(ctx: Context, seen: Emulated) -> None:
    from functions.results.handler import handler
    from local.events import LambdaContext, scheduled
    from shared.platform import store
    from shared.platform.tenant_store import TenantStore
    from shared.results import schedule

    s3 = store.client("s3")
    bucket = seen.env["ANALYTICS_BUCKET"]

    def export() -> dict[str, bytes]:
        keys = seen.keys("ANALYTICS_BUCKET", "")
        return {k: s3.get_object(Bucket=bucket, Key=k)["Body"].read() for k in keys}

    _answers_for_a_release(seen, 80)
    campaign = TenantStore(store.table(seen.env["TENANTS_TABLE"])).get(INGEST_TENANT).campaigns[0]
    day = schedule.Calendar().release_days(campaign)[0]
    morning = schedule.release_moment(day)

    def run(at: datetime) -> dict[str, int]:
        return handler(scheduled("results", "eu-north-1", at), LambdaContext("results"))

    # a release morning's read of its campaign's totals times out (the municipality that needed
    # it first fails; the next one reads them again)
    tables = store.client("dynamodb")  # the release path reads through the low-level client
    totals_table = seen.env["TOTALS_TABLE"]

    def totals_query(params: dict[str, Any]) -> bool:
        return params.get("TableName") == totals_table

    with inject(tables, "Query", lambda _: connect_timeout(), when=totals_query) as fault:
        first = run(morning)
    second = run(morning + timedelta(hours=1))  # the second morning run (05:00 UTC)
    objects = export()
    third = run(morning + timedelta(hours=2))
    unchanged = objects == export()
    items = seen.scan("RELEASES_TABLE")
    states = [i for i in items if "state" in i]
    published = [i for i in items if str(i["stream"]).startswith("published#")]
    done = {k: v for i in published for k, v in json.loads(str(i["sequences"])).items()}
    released_once = all(int(i["sequence"]) == 1 == done.get(str(i["stream"])) for i in states)
    ctx.check(
        "3 dynamodb: results",
        "a release morning's read of its campaign's totals times out; the next morning run repairs",
        fault.fired == 1
        and first["failed"] == 1
        and second["released"] >= 1
        and third["released"] == third["published"] == 0
        and unchanged
        and released_once
        and bool(states),
        f"the failed municipality was recorded ({first['failed']}) and the others released "
        f"({first['released']}); the next run released {second['released']} more; "
        f"{len(states)} streams released each day once: {released_once}; a further run "
        f"released {third['released']}, export unchanged: {unchanged}",
    )
