"""What every scenario uses: the checks' record, fault injection on a function's own boto3
client, readers of the emulator (clients of their own), invitations and answers, loopback HTTP.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email import message_from_bytes, policy
from typing import Any
from urllib.parse import urlencode, urlsplit

from local.demo import REGION
from shared.core.time import STOCKHOLM_TZ

RESIDENTS_TENANT = "0380"  # scenario 1 (invitations written as dispatch writes them)


SENDING_TENANT = "0162"  # scenario 2


DISPATCH_TENANT = "0180"  # scenario 3, dispatch


INGEST_TENANT = "1980"  # scenario 3, ingest and survey; purge's stale contacts


BATCH_TENANT = "0580"  # scenario 4


GOOD_FILES = ("kontakter-vasteras-2026-03-13.csv", "contacts-utf8-bom.csv")


NO_RESPONSE = 0  # the status recorded when a request got no HTTP response


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
        from shared.platform import store

        return list(store.items(self.table(key).scan))

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
    from shared.core.models import Channel, ContactItem

    ids = []
    with seen.table("CONTACTS_TABLE").batch_writer() as batch:
        for address in addresses:
            item = ContactItem(
                tenant=tenant,
                contact_id=secrets.token_hex(12),
                channel=Channel.EMAIL if "@" in address else Channel.SMS,
                address=address,
                contact_day=received.astimezone(STOCKHOLM_TZ).date(),
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
    from shared.core.models import Channel, InvitationItem, InvitationStatus
    from shared.core.tokens import new_token, token_hash

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
    from shared.core.models import Channel
    from shared.core.questions import ERRANDS, questions_for
    from shared.core.tokens import token_hash

    item = seen.table("INVITATIONS_TABLE").get_item(Key={"token_hash": token_hash(token)})
    channel = Channel(item["Item"]["channel"])
    form = {q.id: str(3 + (n + i) % 3) for i, q in enumerate(questions_for(channel))}
    form |= {"errand": ERRANDS[n % len(ERRANDS)].id, "comment": "Tack!"}
    if channel is Channel.EMAIL:
        form["epost_aterkoppling"] = "ja"  # SKR's validation question: the scored branch
    return urlencode(form).encode()


def http(
    method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, str]:
    """One request to a local survey server; ``headers`` replace the form content type."""
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError("the fault tests only talk to their own server on 127.0.0.1")
    request = urllib.request.Request(url, data=body, method=method)  # noqa: S310 - loopback
    if body is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
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
