"""``make faults``: load and fault tests of the real handlers on this machine, then a table.

    python -m local.faults [--residents 50] [--instances 4] [--time-limit 180] [--out DIR]

Everything runs against the moto server on 127.0.0.1 (local.emulator) and the local survey
server (local.server) on 127.0.0.1; nothing else is contacted. Faults are injected on the
functions' own boto3 clients with botocore event hooks (``before-parameter-build``): the
matching call raises as AWS would have answered it (a throttle, a rejection, a 5xx, a timeout,
a cancelled transaction) and never reaches the emulator. The checks read the emulator through
clients of their own, which no fault touches.

1. residents: N residents open and answer their invitation over HTTP at the same moment, some
   submitting twice at once: every answer stored once, no 5xx.
2. sending: SNS/SES throttling, rejections, a 5xx and timeouts during dispatch, then a second
   run: nothing sent twice, throttled contacts sent in the later run, rejections counted, no
   contact left.
3. DynamoDB: a timeout or conditional failure in ingest (receiving a file, the daily draw),
   dispatch, purge, survey and results;
   each fails cleanly (the survey with its 503 page) and the retry succeeds, nothing doubled.
4. bad files: an .xlsx renamed .csv and an empty file in one SQS batch with good files, then
   the day's draw over all four.

Scenario 1 sends the residents to several survey servers, each its own process serving one
request at a time as a Lambda instance does (one process cannot stand for several: the
Powertools resolver keeps the current event globally). They share the moto server, which runs
in this process with each DynamoDB request made atomic by a lock, because moto's
TransactWriteItems is not atomic under threads and DynamoDB's is. The fault scenarios use a
survey server inside this process, where the hooks are.

Exit status 0 when everything held, 1 when something did not, 2 on the time limit.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import secrets
import sys
import threading
import time
import urllib.error
import urllib.request
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from local.demo import (
    REGION,
    ROOT,
    SAMPLES,
    STOCKHOLM,
    demo_tenants,
    fresh_sample,
    functions_output,
)

RESIDENTS_TENANT = "0380"  # scenario 1 (invitations written as dispatch writes them)
SENDING_TENANT = "0162"  # scenario 2
DISPATCH_TENANT = "0180"  # scenario 3, dispatch
INGEST_TENANT = "1980"  # scenario 3, ingest and survey; purge's stale contacts
BATCH_TENANT = "0580"  # scenario 4
GOOD_FILES = ("kontakter-vasteras-2026-03-13.csv", "contacts-utf8-bom.csv")


NO_RESPONSE = 0  # the status recorded when a request got no HTTP response
BACKLOG = 256  # pending connections the survey server accepts (socketserver's default is 5)


NOTES = """
Notes: each survey instance is its own process serving one request at a time, as a Lambda
instance does. The moto server runs in this process with each DynamoDB request made atomic
by a lock (moto's TransactWriteItems is not atomic under threads; DynamoDB's is): requests
from different instances still race, only their effects are serialized. Faults are raised by
botocore hooks on the functions' own clients before a request is sent."""


class TimeLimitError(RuntimeError):
    pass


@dataclass
class Check:
    scenario: str
    tried: str
    held: bool
    numbers: str


@dataclass
class Context:
    env: dict[str, str]
    survey_url: str
    today: date
    campaign: str
    deadline: float
    checks: list[Check] = field(default_factory=list)

    def check(self, scenario: str, tried: str, held: bool, numbers: str) -> None:
        self.checks.append(Check(scenario, tried, bool(held), numbers))

    def in_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TimeLimitError("the time limit was reached")


# Fault injection ------------------------------------------------------------------------


@dataclass
class Injected:
    fired: int = 0
    seen: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@contextlib.contextmanager
def inject(
    client: Any,
    operation: str,
    error: Callable[[dict[str, Any]], Exception | None],
    times: int = 1,
    when: Callable[[dict[str, Any]], bool] = lambda _: True,
) -> Iterator[Injected]:
    """Make up to ``times`` calls of ``operation`` on ``client`` that match ``when`` raise
    ``error(params)`` (None: let that call through) before anything is sent."""
    state = Injected()

    def hook(params: dict[str, Any], **_: Any) -> None:
        with state.lock:
            state.seen.append(params)
            if state.fired >= times or not when(params):
                return
            raised = error(params)
            if raised is None:
                return
            state.fired += 1
        raise raised

    service = client.meta.service_model.service_id.hyphenize()
    event = f"before-parameter-build.{service}.{operation}"
    client.meta.events.register_first(event, hook)
    try:
        yield state
    finally:
        client.meta.events.unregister(event, hook)


def client_error(
    code: str, operation: str, status: int = 400, reasons: list[str] | None = None
) -> Exception:
    from botocore.exceptions import ClientError

    response: dict[str, Any] = {
        "Error": {"Code": code, "Message": "injected by local.faults"},
        "ResponseMetadata": {"HTTPStatusCode": status},
    }
    if reasons is not None:
        response["CancellationReasons"] = [{"Code": r} for r in reasons]
    return ClientError(response, operation)  # type: ignore[arg-type]


def connect_timeout() -> Exception:
    from botocore.exceptions import ConnectTimeoutError

    return ConnectTimeoutError(endpoint_url="http://127.0.0.1")


def read_timeout() -> Exception:
    from botocore.exceptions import ReadTimeoutError

    return ReadTimeoutError(endpoint_url="http://127.0.0.1")


# Reading the emulator (clients of our own: no fault reaches them) ------------------------


class Emulated:
    def __init__(self, env: dict[str, str]) -> None:
        import boto3

        self.env = env
        session = boto3.session.Session(region_name=REGION)
        self.dynamodb = session.resource("dynamodb")
        self.s3 = session.client("s3")

    def table(self, key: str) -> Any:
        return self.dynamodb.Table(self.env[key])

    def scan(self, key: str) -> list[dict[str, Any]]:
        table, items, kwargs = self.table(key), [], dict[str, Any]()
        while True:
            page = table.scan(**kwargs)
            items += page["Items"]
            if "LastEvaluatedKey" not in page:
                return items
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def contacts(self, tenant: str) -> list[dict[str, Any]]:
        return [c for c in self.scan("CONTACTS_TABLE") if c["tenant"] == tenant]

    def responses(self, tenant: str) -> int:
        return sum(1 for r in self.scan("RESPONSES_TABLE") if r["tenant"] == tenant)

    def invitations(self, tenant: str) -> list[dict[str, Any]]:
        return [i for i in self.scan("INVITATIONS_TABLE") if i["tenant"] == tenant]

    def keys(self, bucket_key: str, prefix: str) -> list[str]:
        bucket = self.env[bucket_key]
        keys: list[str] = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            keys += [o["Key"] for o in page.get("Contents", [])]
        return keys

    def json_object(self, key: str) -> dict[str, Any]:
        body = self.s3.get_object(Bucket=self.env["DATA_BUCKET"], Key=key)["Body"].read()
        loaded: dict[str, Any] = json.loads(body)
        return loaded

    def sms_links(self, base_url: str, recipients: list[str]) -> list[str]:
        """The survey link in each SMS sent to ``recipients``."""
        import re

        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.sns.models import sns_backends

        link = re.compile(re.escape(base_url) + r"/s/[A-Za-z0-9_-]{22}")
        wanted = set(recipients)
        found = []
        for phone, text in sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages.values():
            match = link.search(text)
            if phone in wanted and match:
                found.append(match.group(0))
        return found

    def outbox(self) -> list[str]:
        """Every recipient a message reached (SMS and e-mail), once per message."""
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.ses.models import ses_backends
        from moto.sns.models import sns_backends

        phones = [p for p, _ in sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages.values()]
        emails = []
        for raw in ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages:
            message = message_from_bytes(raw.raw_data.encode("utf-8"), policy=policy.default)
            emails.append(str(message["To"]))
        return phones + emails


def put_contacts(
    seen: Emulated, tenant: str, campaign: str, addresses: list[str], received: datetime
) -> list[str]:
    """Contact items as ingest writes them; returns their ids."""
    from shared.models import Channel, ContactItem

    ids = []
    with seen.table("CONTACTS_TABLE").batch_writer() as batch:
        for address in addresses:
            item = ContactItem(
                tenant=tenant,
                contact_id=secrets.token_hex(12),
                channel=Channel.EMAIL if "@" in address else Channel.SMS,
                address=address,
                contact_day=received.astimezone(STOCKHOLM).date(),
                campaign=campaign,
                received_at=int(received.timestamp()),
                expires_at=int((received + timedelta(hours=96)).timestamp()),
            )
            batch.put_item(Item=item.model_dump(mode="json"))
            ids.append(item.contact_id)
    return ids


def phones(first: int, count: int) -> list[str]:
    return [f"+4670{n:07d}" for n in range(first, first + count)]


def emails(first: int, count: int) -> list[str]:
    return [f"invanare.{n}@example.org" for n in range(first, first + count)]


def invite(seen: Emulated, tenant: str, campaign: str, day: date, count: int) -> list[str]:
    """Open invitations as dispatch leaves them ("sent"); returns their tokens."""
    from shared.models import Channel, InvitationItem, InvitationStatus
    from shared.tokens import new_token, token_hash

    tokens = []
    with seen.table("INVITATIONS_TABLE").batch_writer() as batch:
        for n in range(count):
            token = new_token()
            item = InvitationItem(
                token_hash=token_hash(token),
                tenant=tenant,
                channel=Channel.SMS if n % 2 else Channel.EMAIL,
                campaign=campaign,
                contact_day=day,
                status=InvitationStatus.SENT,
                expires_at=int(time.time()) + 7 * 86400,
            )
            batch.put_item(Item=item.model_dump(mode="json"))
            tokens.append(token)
    return tokens


def answer_form(seen: Emulated, token: str, n: int) -> bytes:
    from shared.models import Channel
    from shared.survey.questions import ERRANDS, questions_for
    from shared.tokens import token_hash

    item = seen.table("INVITATIONS_TABLE").get_item(Key={"token_hash": token_hash(token)})
    channel = Channel(item["Item"]["channel"])
    form = {q.id: str(3 + (n + i) % 3) for i, q in enumerate(questions_for(channel))}
    form |= {"errand": ERRANDS[n % len(ERRANDS)].id, "comment": "Tack!"}
    return urlencode(form).encode()


def http(method: str, url: str, body: bytes | None = None) -> tuple[int, str]:
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError("the fault tests only talk to their own server on 127.0.0.1")
    request = urllib.request.Request(url, data=body, method=method)  # noqa: S310 - loopback
    if body is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return int(response.status), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except OSError as error:  # refused, reset, timed out: no answer at all
        return NO_RESPONSE, type(error).__name__


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


# 1. Residents -------------------------------------------------------------------------------


def residents(ctx: Context, seen: Emulated, count: int, instances: list[str]) -> None:
    """``instances``: the survey servers (one process each, like Lambda instances); resident
    n uses instance n mod K, and a double submit's second POST goes to the next instance."""
    tokens = invite(seen, RESIDENTS_TENANT, ctx.campaign, ctx.today, count)
    doubles = set(range(0, count, 5))  # every fifth resident submits twice at the same moment
    bodies = [answer_form(seen, t, n) for n, t in enumerate(tokens)]
    statuses: list[list[int]] = [[] for _ in tokens]
    latencies: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(count + len(doubles))

    def post(n: int, tab: int) -> None:
        url = f"{instances[(n + tab) % len(instances)]}/s/{tokens[n]}"
        start.wait()
        if n not in doubles:  # the double submitters post at once, straight from the barrier
            status, _ = http("GET", url)
            with lock:
                statuses[n].append(status)
        began = time.monotonic()
        status, _ = http("POST", url, bodies[n])
        with lock:
            statuses[n].append(status)
            latencies.append(time.monotonic() - began)

    threads = [threading.Thread(target=post, args=(n, 0)) for n in range(count)]
    threads += [threading.Thread(target=post, args=(n, 1)) for n in sorted(doubles)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, ctx.deadline - time.monotonic()))
    elapsed = time.monotonic() - began
    ctx.in_time()

    every = [s for per in statuses for s in per]
    server_errors = sum(1 for s in every if s >= 500)
    unanswered = every.count(NO_RESPONSE)
    posts_ok = [
        sum(1 for s in per[(0 if n in doubles else 1) :] if s == 200)
        for n, per in enumerate(statuses)
    ]
    stored = seen.responses(RESIDENTS_TENANT)
    statuses_now = Counter(i["status"] for i in seen.invitations(RESIDENTS_TENANT))
    # a double submit gets one thank-you page and one "already answered" page
    pairs_ok = sum(sorted(statuses[n]) == [200, 409] for n in doubles)
    ctx.check(
        "1 residents",
        f"{count} residents at once over HTTP to {len(instances)} survey instances, "
        f"{len(doubles)} of them submitting twice at the same moment"
        + (" (to two instances)" if len(instances) > 1 else ""),
        server_errors == 0
        and unanswered == 0
        and all(n == 1 for n in posts_ok)
        and stored == count
        and statuses_now == Counter({"answered": count})
        and pairs_ok == len(doubles),
        f"{len(every)} requests, {server_errors} 5xx, {unanswered} without a response; "
        f"{sum(posts_ok)} answers accepted for {count} tokens, {stored} stored; "
        f"double submits 200+409: {pairs_ok}/{len(doubles)}; "
        f"POST p50 {_percentile(latencies, 0.5) * 1000:.0f} ms, "
        f"p95 {_percentile(latencies, 0.95) * 1000:.0f} ms; {elapsed:.1f} s",
    )


# 2. Sending faults ------------------------------------------------------------------------


def _dispatch() -> dict[str, Any]:
    from functions.dispatch.handler import handler
    from local.events import LambdaContext, scheduled

    result: dict[str, Any] = handler(scheduled("dispatch", REGION), LambdaContext("dispatch"))
    return result


def _counts(report: dict[str, Any], what: str) -> int:
    return sum(int(c.get(what, 0)) for c in report["channels"].values())


def sending(ctx: Context, seen: Emulated) -> None:
    from shared.dispatch.senders import send_client

    sms, mail = phones(1_000_001, 12), emails(2_000_001, 8)
    put_contacts(seen, SENDING_TENANT, ctx.campaign, sms + mail, datetime.now(STOCKHOLM))
    rejected = {sms[0], sms[7], mail[3]}
    attempts: Counter[str] = Counter()
    plan: dict[str, str] = {}  # recipient → the fault it got
    lock = threading.Lock()

    calls: Counter[str] = Counter()  # per channel

    def fault(recipient: str, channel: str, faults: dict[int, tuple[str, Exception]]) -> Any:
        """From the n-th call of a channel on, the first recipient not yet faulted gets the
        fault planned for n (each fault once); a rejected recipient is rejected every time."""
        with lock:
            attempts[recipient] += 1
            calls[channel] += 1
            if recipient in rejected:
                plan[recipient] = "rejected"
                return faults[0][1]
            for start, (name, error) in faults.items():
                due = start and calls[channel] >= start and recipient not in plan
                if due and (channel, name) not in planned:
                    planned.add((channel, name))
                    plan[recipient] = name
                    return error
        return None

    planned: set[tuple[str, str]] = set()
    sms_faults = {
        0: ("rejected", client_error("InvalidParameter", "Publish")),
        3: ("throttled", client_error("Throttled", "Publish", 400)),
        5: ("5xx", client_error("InternalError", "Publish", 500)),
    }
    mail_faults = {
        0: ("rejected", client_error("MessageRejected", "SendEmail")),
        2: ("read timeout", read_timeout()),
        4: ("throttled", client_error("TooManyRequestsException", "SendEmail", 429)),
    }

    def sms_fault(params: dict[str, Any]) -> Exception | None:
        return fault(str(params.get("PhoneNumber")), "sms", sms_faults)

    def mail_fault(params: dict[str, Any]) -> Exception | None:
        to = str(params["Destination"]["ToAddresses"][0])
        return fault(to, "email", mail_faults)

    before = Counter(seen.outbox())
    with (
        inject(send_client("sns"), "Publish", sms_fault, times=10**6),
        inject(send_client("sesv2"), "SendEmail", mail_fault, times=10**6),
    ):
        first = _dispatch()
        ctx.in_time()
        second = _dispatch()
    ctx.in_time()
    third = _dispatch()  # nothing left: sends nothing
    outbox = Counter(seen.outbox()) - before
    ours = set(sms + mail)
    reached = {r: n for r, n in outbox.items() if r in ours}
    throttled = [r for r, f in plan.items() if f == "throttled"]
    uncertain = [r for r, f in plan.items() if f in ("5xx", "read timeout")]
    left = seen.contacts(SENDING_TENANT)
    failed = _counts(first, "failed") + _counts(second, "failed")
    ctx.check(
        "2 sending",
        "SNS: a throttle, 2 rejected numbers, a 5xx; SES: a read timeout, a throttle, "
        "a rejected address; then a second and a third dispatch run",
        max(reached.values(), default=0) <= 1
        and all(reached.get(r) == 1 and attempts[r] == 2 for r in throttled)
        and len(throttled) == 2
        and _counts(first, "deferred") > 0
        and all(attempts[r] == 1 and r not in reached for r in uncertain)
        and failed == len(rejected)
        and not left
        and _counts(third, "sent") == 0
        and len(reached) == len(ours) - len(rejected) - len(uncertain),
        f"{len(ours)} contacts; run 1 sent {_counts(first, 'sent')} "
        f"(uncertain {_counts(first, 'uncertain')}), deferred {_counts(first, 'deferred')}, "
        f"failed {_counts(first, 'failed')}; run 2 sent {_counts(second, 'sent')}, failed "
        f"{_counts(second, 'failed')}; run 3 sent {_counts(third, 'sent')}; "
        f"most messages to one recipient {max(reached.values(), default=0)}; "
        f"throttled then sent once: {sum(reached.get(r) == 1 for r in throttled)}"
        f"/{len(throttled)}; contacts left {len(left)}",
    )


# 3. DynamoDB faults, handler by handler -------------------------------------------------


def dispatch_faults(ctx: Context, seen: Emulated) -> None:
    from shared import store
    from shared.dispatch.service import RunFailedError

    dynamodb = store.dynamodb().meta.client
    invitations = ctx.env["INVITATIONS_TABLE"]

    def is_claim(params: dict[str, Any]) -> bool:
        first = params["TransactItems"][0].get("Update", {})
        return bool(first.get("ConditionExpression", "").startswith("attribute_not_exists(#c)"))

    def is_finish(params: dict[str, Any]) -> bool:
        items = params["TransactItems"]
        return all(i.get("Update", {}).get("TableName") == invitations for i in items)

    before = Counter(seen.outbox())
    batch_one = phones(3_000_001, 4) + emails(4_000_001, 2)
    put_contacts(seen, DISPATCH_TENANT, ctx.campaign, batch_one, datetime.now(STOCKHOLM))

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
    put_contacts(seen, DISPATCH_TENANT, ctx.campaign, batch_two, datetime.now(STOCKHOLM))
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
    put_contacts(seen, DISPATCH_TENANT, ctx.campaign, batch_three, datetime.now(STOCKHOLM))
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
    from shared import store
    from shared.dispatch.service import RunFailedError

    old = datetime.now(STOCKHOLM) - timedelta(hours=200)
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
    from shared.ingest import DrawFailedError

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
    from shared import store

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
        and added == reports[0].get("sampled", -1) == drawn["drawn"] > 0
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
        sampled = reports[0].get("sampled", -1) if reports else -1
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
    from shared.ingest import draw_record_id

    seen.table("FILES_TABLE").delete_item(Key={"file_id": draw_record_id(tenant, day)})


def survey_faults(ctx: Context, seen: Emulated) -> None:
    from shared import store

    dynamodb = store.dynamodb().meta.client
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
        again_status, _ = http(method, url, body) if method == "POST" else (409, "")
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
            and again_status == 409
            and (answers, declines) == expected,
            f"first {status} ({'friendly page' if friendly else 'NOT a friendly page'}), "
            f"retry {retry_status}, once more {again_status}; answers stored {answers}, "
            f"declines counted {declines}",
        )


def _declines(seen: Emulated) -> int:
    return sum(
        int(c["count"])
        for c in seen.scan("COUNTERS_TABLE")
        if str(c["counter"]).startswith(f"declined#{INGEST_TENANT}#")
    )


def results_faults(ctx: Context, seen: Emulated) -> None:
    from functions.results.handler import handler
    from local.events import LambdaContext, scheduled
    from shared import store

    def run() -> dict[str, Any]:
        result: dict[str, Any] = handler(scheduled("results", REGION), LambdaContext("results"))
        return result

    responses = len(seen.scan("RESPONSES_TABLE"))
    with inject(store.client("dynamodb"), "Scan", lambda _: connect_timeout()) as fault:
        try:
            run()
            raised = ""
        except Exception as error:  # noqa: BLE001 - what the runtime would see, by type
            raised = type(error).__name__
    retried = run()
    objects = len(seen.keys("ANALYTICS_BUCKET", ""))
    again = run()
    ctx.check(
        "3 dynamodb: results",
        "one scan segment times out (ConnectTimeoutError), then the next scheduled run",
        fault.fired == 1
        and bool(raised)
        and retried["responses"] == responses
        and again["objects_written"] == 0
        and again["objects_unchanged"] == objects
        and len(seen.keys("ANALYTICS_BUCKET", "")) == objects,
        f"failed run raised {raised or 'nothing'}; retry read {retried['responses']} of "
        f"{responses} responses, wrote {retried['objects_written']} objects; the next run "
        f"wrote {again['objects_written']}, unchanged {again['objects_unchanged']}",
    )


# 4. A bad file among good ones -------------------------------------------------------------


def xlsx_bytes() -> bytes:
    """A small Office Open XML workbook (a zip), as a spreadsheet program saves one."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            'main+xml"/></Types>',
        )
        book.writestr(
            "xl/workbook.xml", "<workbook><sheets><sheet name='Blad1'/></sheets></workbook>"
        )
        book.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>")
    return buffer.getvalue()


def bad_files(ctx: Context, seen: Emulated) -> None:
    files = {
        "bra-1.csv": fresh_sample(SAMPLES / GOOD_FILES[0], ctx.today),
        "kontakter.csv": xlsx_bytes(),  # an .xlsx renamed .csv
        "bra-2.csv": fresh_sample(SAMPLES / GOOD_FILES[1], ctx.today),
        "tom.csv": b"",
    }
    event = _sqs(*(_upload(seen, f"inbox/{BATCH_TENANT}/{n}", b) for n, b in files.items()))
    result = _ingest(event)
    _reset_draw(seen, BATCH_TENANT, ctx.today)
    _draw(ctx)
    reports = {n: _report_for(seen, BATCH_TENANT, n) for n in files}
    outcomes = {
        n: (r[0].get("outcome"), r[0].get("error")) if r else (None, None)
        for n, r in reports.items()
    }
    good = [n for n in files if n.startswith("bra")]
    bad = [n for n in files if n not in good]
    contacts = len(seen.contacts(BATCH_TENANT))
    sampled = sum(int(reports[n][0].get("sampled", 0)) for n in good if reports[n])
    ctx.check(
        "4 bad files",
        "one SQS batch: 2 good files, an .xlsx renamed .csv and an empty file",
        result["batchItemFailures"] == []
        and all(outcomes[n][0] == "ingested" for n in good)
        and all(outcomes[n][0] == "file_error" for n in bad)
        and contacts == sampled > 0
        and not seen.keys("DATA_BUCKET", f"inbox/{BATCH_TENANT}/"),
        "; ".join(
            f"{n}: {o[0] or 'no report'}{f' ({o[1]})' if o[1] else ''}" for n, o in outcomes.items()
        )
        + f"; {contacts} contacts stored, batch failures {len(result['batchItemFailures'])}",
    )


# The run ----------------------------------------------------------------------------------


def personal_data_in_logs(ctx: Context, log_files: list[Path]) -> None:
    """No phone number or e-mail address of a resident in what the functions logged, faults
    and all (the municipalities' own sender and privacy addresses are public)."""
    from shared.redaction import contains_personal_data

    public = [a for t in demo_tenants(ctx.today) for a in (t.email_sender, t.privacy_contact)]
    lines = [line for f in log_files for line in f.read_text(encoding="utf-8").splitlines()]
    personal = 0
    for line in lines:
        for address in public:
            line = line.replace(address, "")
        personal += contains_personal_data(line)
    ctx.check(
        "all: logs",
        "every line the functions logged during the faults above",
        personal == 0 and len(lines) > 0,
        f"{len(lines)} log lines, {personal} with a phone number or e-mail address",
    )


def survey_server() -> Any:
    """local.server's survey server, with a listen backlog for N residents arriving at once
    (socketserver's default of 5 resets connections beyond it; API Gateway has no such limit)."""
    from functions.survey.handler import handler
    from local.server import SurveyHTTPServer

    class Server(SurveyHTTPServer):
        request_queue_size = BACKLOG

    server = Server(("127.0.0.1", 0), handler, quiet=True)
    threading.Thread(target=server.serve_forever, name="survey-http", daemon=True).start()
    return server


def serve_instance(url_file: Path, lifetime: float) -> int:
    """One survey instance in its own process (``--serve-instance``): serves until its stdin
    closes (the parent is done, or gone) or ``lifetime`` seconds have passed."""
    warnings.filterwarnings("ignore", message="No application metrics to publish")
    server = survey_server()
    partial = url_file.with_suffix(".partial")
    partial.write_text(server.url, encoding="utf-8")
    partial.replace(url_file)
    closed = threading.Event()

    def watch_stdin() -> None:
        sys.stdin.read()
        closed.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    closed.wait(lifetime)
    server.shutdown()
    server.server_close()
    return 0


@contextlib.contextmanager
def survey_instances(count: int, out: Path, lifetime: float) -> Iterator[list[str]]:
    """``count`` survey servers, each its own process serving one request at a time, as
    Lambda instances do (one process cannot: the resolver keeps the current event globally).
    They use the emulator this process runs (AWS_ENDPOINT_URL in the environment)."""
    import subprocess

    processes: list[subprocess.Popen[bytes]] = []
    command = [sys.executable, "-m", "local.faults", "--serve-instance"]
    files = [out / f"survey-{n}.url" for n in range(count)]
    try:
        for n, url_file in enumerate(files):
            url_file.unlink(missing_ok=True)
            with (out / f"survey-{n}.log").open("wb") as log:
                processes.append(
                    subprocess.Popen(  # noqa: S603 - this interpreter, this module
                        [*command, str(url_file), "--time-limit", str(lifetime)],
                        stdin=subprocess.PIPE,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        cwd=ROOT,
                    )
                )
        waited_until = time.monotonic() + 60
        while not all(f.exists() for f in files):
            if time.monotonic() > waited_until or any(p.poll() is not None for p in processes):
                raise RuntimeError("a survey instance did not start (see survey-*.log)")
            time.sleep(0.1)
        yield [f.read_text(encoding="utf-8") for f in files]
    finally:
        for process in processes:
            if process.stdin:
                process.stdin.close()  # the instance's signal to stop
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def atomic_dynamodb() -> Iterator[None]:
    """Make each DynamoDB request atomic in the moto server this process runs, as each
    DynamoDB request is: moto applies a transaction by backing up and restoring whole tables,
    so a failing transaction in one thread could undo another thread's write. The requests of
    different survey instances still race each other; only their effects are serialized."""
    from moto.dynamodb.models import DynamoDBBackend

    one_at_a_time = threading.RLock()
    names = (
        "transact_write_items",
        "get_item",
        "put_item",
        "update_item",
        "delete_item",
        "batch_write_item",
        "query",
        "scan",
    )
    originals = {name: getattr(DynamoDBBackend, name) for name in names}

    def locked(original: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            with one_at_a_time:
                return original(*args, **kwargs)

        return call

    for name, original in originals.items():
        setattr(DynamoDBBackend, name, locked(original))
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(DynamoDBBackend, name, original)


def _prepare(env: dict[str, str], today: date) -> str:
    import boto3

    from shared import store
    from shared.tenants import TenantStore

    tenants = [t.model_copy(update={"sample_rate": 1.0}) for t in demo_tenants(today)]
    TenantStore(store.table(env["TENANTS_TABLE"])).put(tenants)
    ses = boto3.client("sesv2", region_name=REGION)
    for tenant in tenants:
        ses.create_email_identity(EmailIdentity=tenant.email_sender.split("@")[1])
    return str(tenants[0].campaigns[0].id)


def run(residents_count: int, time_limit: float, out: Path, instances: int = 4) -> list[Check]:
    """Every scenario against a fresh emulator and survey server; returns the checks."""
    out.mkdir(parents=True, exist_ok=True)
    log_file = out / "functions.log"
    log_file.write_text("", encoding="utf-8")
    os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
    os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", "Servicematning")
    os.environ["SMS_PER_SECOND"] = os.environ["EMAIL_PER_SECOND"] = "1000"
    warnings.filterwarnings("ignore", message="No application metrics to publish")

    from local.emulator import start_emulator

    server = survey_server()
    emulator = start_emulator(tenant_dir=None)
    today = datetime.now(STOCKHOLM).date()
    os.environ["SURVEY_BASE_URL"] = server.url
    try:
        campaign = _prepare(emulator.env, today)
        ctx = Context(emulator.env, server.url, today, campaign, time.monotonic() + time_limit)
        seen = Emulated(emulator.env)
        scenarios: list[tuple[str, Callable[[], None]]] = [
            ("1 residents", lambda: residents(ctx, seen, residents_count, urls)),
            ("2 sending", lambda: sending(ctx, seen)),
            ("3 dynamodb: dispatch", lambda: dispatch_faults(ctx, seen)),
            ("3 dynamodb: purge", lambda: purge_faults(ctx, seen)),
            ("3 dynamodb: ingest", lambda: ingest_faults(ctx, seen)),
            ("3 dynamodb: survey", lambda: survey_faults(ctx, seen)),
            ("3 dynamodb: results", lambda: results_faults(ctx, seen)),
            ("4 bad files", lambda: bad_files(ctx, seen)),
        ]
        with (
            atomic_dynamodb(),
            survey_instances(instances, out, time_limit + 60) as urls,
            functions_output(log_file),
        ):
            for name, scenario in scenarios:
                ctx.in_time()
                try:
                    scenario()
                except TimeLimitError:
                    raise
                except Exception as error:  # noqa: BLE001 - a scenario that broke did not hold
                    from shared.redaction import redact

                    ctx.check(
                        name, "(the scenario itself failed)", False, redact(repr(error))[:300]
                    )
        personal_data_in_logs(ctx, [log_file, *sorted(out.glob("survey-*.log"))])
        return ctx.checks
    finally:
        server.shutdown()
        server.server_close()
        emulator.stop()


def table(checks: list[Check]) -> str:
    """The checks as a Markdown table."""
    lines = [
        "| scenario | what was tried | what held | numbers |",
        "| --- | --- | --- | --- |",
    ]
    for c in checks:
        cells = (c.scenario, c.tried, "yes" if c.held else "NO", c.numbers)
        lines.append("| " + " | ".join(x.replace("|", "/") for x in cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make faults", description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=50, help="concurrent residents (50)")
    parser.add_argument(
        "--time-limit", type=float, default=180.0, help="seconds before giving up (180)"
    )
    parser.add_argument(
        "--instances", type=int, default=4, help="survey server processes for the residents (4)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / ".local" / "faults")
    parser.add_argument("--serve-instance", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_instance:
        return serve_instance(args.serve_instance, args.time_limit)
    if not 1 <= args.residents <= 500:
        parser.error("--residents must be between 1 and 500")
    if not 1 <= args.instances <= 16:
        parser.error("--instances must be between 1 and 16")
    started = time.monotonic()
    # a hard stop, even if a request hangs: the program must end by itself
    watchdog = threading.Timer(args.time_limit + 30, lambda: os._exit(2))
    watchdog.daemon = True
    watchdog.start()
    try:
        checks = run(args.residents, args.time_limit, args.out.resolve(), args.instances)
    except TimeLimitError:
        print(f"faults: the time limit of {args.time_limit:.0f} s was reached", file=sys.stderr)
        return 2
    finally:
        watchdog.cancel()
    print(table(checks))
    print(NOTES)
    failed = [c for c in checks if not c.held]
    print(
        f"\n{len(checks) - len(failed)}/{len(checks)} held in {time.monotonic() - started:.0f} s"
        f"; the functions' logs: {args.out / 'functions.log'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
