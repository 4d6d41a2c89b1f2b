"""The real flow on the emulator, counted: what one unit of each activity asks of AWS.

On the moto server (local/emulator.py) with the configured municipalities (config/tenants/),
for ``days`` consecutive municipality-days of Västerås (1980) in its running campaign:

1. the contact centre uploads one day's file (``bench.ingest``'s generator: Swedish Excel,
   mobile numbers in every format, some e-mail, some rubbish) and its S3 event goes to the real
   ingest handler (``receive``), then the schedule's event after the cutoff (the day's draw);
2. the dispatch schedule's event sends the day's invitations (caps on);
3. residents answer at the response rates of the profile (18 % by phone) through the real
   survey handler (API Gateway v2 events: the form, then the answer); after each answer the
   totals stream is fed to the real results handler (local/streams.py), as the event source
   mapping would; thresholds are lowered for the run (RELEASE_K 5, no margin) so that releases
   happen and can be measured — how often they happen in a year comes from the production
   settings, not from this run;
4. the daily results run, the purge, and one idle run of each schedule (nothing to do).

Every AWS request a handler makes is counted by botocore hooks on the default session
(``before-call``/``after-call``), per invocation: requests by service and operation; DynamoDB
read and write request units **from item sizes** (moto reports a constant consumed capacity):
the request's items and, for updates and deletes, the stored item before and after, read from
moto's backend in this process; 1 KB per write unit (2 in a transaction; an index with
projection ALL writes the item once more), 4 KB per read unit (half for an eventually
consistent read, 2 in a transaction; a transaction's ConditionCheck counted as a transactional
read); S3 requests by class; SMS segments of the texts actually sent (GSM-7 vs UCS-2,
shared/messages/gsm7.py); SES messages; the functions' log bytes and EMF metric series (their
stdout, as CloudWatch receives it); Lambda duration as the wall time of each invocation in this
process, moto's own work included (an upper bound), times the memory in the synthesized template.

How a release's cost grows with the deployment (it re-pools every municipality's published
state) is measured by bench/results.py's release at 5 and at 290 municipalities, each in a fresh
process; the difference is added to the release measured here.
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
import os
import random
import re
import subprocess
import sys
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.cost.model import GB, Activity, Profile

ROOT = Path(__file__).resolve().parents[2]
HOME = "1980"  # Västerås
REGION = "eu-north-1"
SURVEY_BASE_URL = "https://enkat.example.se"
COMMENT_SHARE = 0.3  # answers with a free-text comment in this run
MS = 1000.0

S3_PUT_CLASS = {
    "PutObject",
    "CopyObject",
    "PostObject",
    "ListObjects",
    "ListObjectsV2",
    "CreateMultipartUpload",
    "UploadPart",
    "CompleteMultipartUpload",
}
S3_FREE = {"DeleteObject", "DeleteObjects"}


# -- DynamoDB item sizes ------------------------------------------------------------------------

_TYPES = {"S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M"}


def _number_size(text: str) -> int:
    digits = len(text.lstrip("-").replace(".", "").strip("0")) or 1
    return (digits + 1) // 2 + 1


def value_size(value: Any) -> int:
    """DynamoDB's size of an attribute value, typed (``{"S": "x"}``) as the wire carries it."""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in _TYPES:
        kind, inner = next(iter(value.items()))
        if kind == "S":
            return len(str(inner).encode())
        if kind == "N":
            return _number_size(str(inner))
        if kind == "B":
            return len(base64.b64decode(inner)) if isinstance(inner, str) else len(inner)
        if kind in ("BOOL", "NULL"):
            return 1
        if kind == "SS":
            return sum(len(s.encode()) for s in inner)
        if kind == "NS":
            return sum(_number_size(s) for s in inner)
        if kind == "BS":
            return sum(len(base64.b64decode(b)) for b in inner)
        if kind == "L":
            return 3 + sum(1 + value_size(v) for v in inner)
        return 3 + sum(len(k.encode()) + 1 + value_size(v) for k, v in inner.items())
    return len(json.dumps(value, default=str).encode())  # not typed: near enough


def item_size(item: dict[str, Any] | None) -> int:
    if not item:
        return 0
    return sum(len(k.encode()) + value_size(v) for k, v in item.items())


def _units(size: int, unit: int) -> int:
    return max(1, math.ceil(size / unit))


# -- one invocation's count ---------------------------------------------------------------------


@dataclass
class Invocation:
    label: str
    function: str | None  # None: not a Lambda invocation (the municipality's upload)
    ms: float = 0.0
    log_bytes: int = 0
    calls: Counter[str] = field(default_factory=Counter)
    rru: float = 0.0
    wru: float = 0.0
    s3_put: int = 0
    s3_get: int = 0
    sms: int = 0
    emails: int = 0
    response_bytes: int = 0
    result: Any = None


class Meter:
    """botocore hooks that count every request made while an invocation is open."""

    def __init__(self, env: dict[str, str]) -> None:
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.dynamodb.models import dynamodb_backends

        from shared import resources

        self.backend = dynamodb_backends[DEFAULT_ACCOUNT_ID][REGION]
        self.current: Invocation | None = None
        self.invocations: list[Invocation] = []
        self.indexed: dict[str, set[str]] = {}  # table name → attributes that key an index
        for table in resources.TABLES:
            keys = {i.partition_key.name for i in table.indexes} | {
                i.sort_key.name for i in table.indexes if i.sort_key
            }
            if keys:
                self.indexed[env[table.env_key]] = keys

    # the stored item, read from moto's backend in this process (no request is made)
    def stored(self, table_name: str, key: dict[str, Any]) -> dict[str, Any] | None:
        from moto.dynamodb.models.dynamo_type import DynamoType

        try:
            table = self.backend.get_table(table_name)
            hash_key = DynamoType(key[table.hash_key_attr])
            range_key = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
            item = table.get_item(hash_key, range_key)
        except Exception:  # noqa: BLE001 - no such item (or table): nothing stored
            return None
        return item.to_json()["Attributes"] if item is not None else None

    def _key_of(self, table_name: str, item: dict[str, Any]) -> dict[str, Any]:
        table = self.backend.get_table(table_name)
        names = [table.hash_key_attr] + ([table.range_key_attr] if table.range_key_attr else [])
        return {n: item[n] for n in names if n in item}

    def _index_units(self, table: str, *items: dict[str, Any] | None) -> int:
        keys = self.indexed.get(table)
        if not keys:
            return 0
        sizes = [item_size(i) for i in items if i and keys & set(i)]
        return _units(max(sizes), 1024) if sizes else 0

    def before(self, model: Any, params: Any, context: Any, **_: Any) -> None:
        inv = self.current
        if inv is None:
            return
        service, operation = model.service_model.service_name, model.name
        inv.calls[f"{service} {operation}"] += 1
        if service == "s3":
            if operation in S3_PUT_CLASS:
                inv.s3_put += 1
            elif operation not in S3_FREE:
                inv.s3_get += 1
        elif service == "sns" and operation == "Publish":
            inv.sms += 1
        elif service in ("sesv2", "ses") and operation in ("SendEmail", "SendRawEmail"):
            inv.emails += 1
        elif service == "dynamodb":
            body = params.get("body") or b"{}"
            request = json.loads(body if isinstance(body, str) else body.decode() or "{}")
            context["cost_request"] = request
            context["cost_before"] = self._before_writes(operation, request)

    def _before_writes(self, operation: str, request: dict[str, Any]) -> list[Any]:
        """(table, key, stored item) of every item a write request touches, before it."""
        out = []
        if operation in ("PutItem", "UpdateItem", "DeleteItem"):
            table = request["TableName"]
            key = request.get("Key") or self._key_of(table, request.get("Item", {}))
            out.append((operation, table, key, self.stored(table, key), request.get("Item")))
        elif operation == "BatchWriteItem":
            for table, writes in request.get("RequestItems", {}).items():
                for w in writes:
                    if "PutRequest" in w:
                        item = w["PutRequest"]["Item"]
                        key = self._key_of(table, item)
                        out.append(("PutItem", table, key, self.stored(table, key), item))
                    else:
                        key = w["DeleteRequest"]["Key"]
                        out.append(("DeleteItem", table, key, self.stored(table, key), None))
        elif operation == "TransactWriteItems":
            for t in request.get("TransactItems", []):
                ((kind, part),) = t.items()
                table = part["TableName"]
                key = part.get("Key") or self._key_of(table, part.get("Item", {}))
                out.append((kind, table, key, self.stored(table, key), part.get("Item")))
        return out

    def after(self, model: Any, parsed: Any, context: Any, **_: Any) -> None:
        inv = self.current
        if inv is None or model.service_model.service_name != "dynamodb":
            return
        operation = model.name
        request = context.get("cost_request", {})
        if parsed.get("Error"):
            return
        factor = 1.0 if request.get("ConsistentRead") else 0.5
        if operation == "GetItem":
            inv.rru += _units(item_size(parsed.get("Item")), 4096) * factor
        elif operation == "BatchGetItem":
            for items in parsed.get("Responses", {}).values():
                inv.rru += sum(_units(item_size(i), 4096) * 0.5 for i in items) or 0.5
        elif operation in ("Query", "Scan"):
            items = parsed.get("Items")
            if items is None:  # Select COUNT: billed on the items read; ~1 KB each assumed
                size = 1024 * int(parsed.get("ScannedCount", 0))
            else:
                size = sum(item_size(i) for i in items)
            inv.rru += _units(size, 4096) * factor
        elif operation == "TransactGetItems":
            inv.rru += sum(2 * _units(item_size(r.get("Item")), 4096) for r in parsed["Responses"])
        for kind, table, key, old, new in context.get("cost_before", []):
            after = new if kind in ("PutItem", "Put") else self.stored(table, key)
            if kind in ("DeleteItem", "Delete"):
                after = None
            if kind == "ConditionCheck":
                inv.rru += 2 * _units(item_size(old), 4096)
                continue
            units = _units(max(item_size(old), item_size(after)), 1024)
            transactional = kind in ("Put", "Update", "Delete")
            inv.wru += (2 if transactional else 1) * units + self._index_units(table, old, after)

    @contextlib.contextmanager
    def open(self, label: str, function: str | None) -> Iterator[Invocation]:
        inv = Invocation(label, function)
        self.current = inv
        started = time.perf_counter()
        try:
            yield inv
        finally:
            inv.ms = (time.perf_counter() - started) * MS
            self.current = None
            self.invocations.append(inv)


class Sink:
    """The functions' stdout (JSON logs, EMF metrics): counted, and the metric series kept."""

    def __init__(self) -> None:
        self.bytes = 0
        self.series: set[str] = set()
        self._partial = ""

    def write(self, text: str) -> int:
        self.bytes += len(text.encode())
        self._partial += text
        *lines, self._partial = self._partial.split("\n")
        for line in lines:
            if '"_aws"' in line:
                with contextlib.suppress(ValueError):
                    record = json.loads(line)
                    for directive in record["_aws"]["CloudWatchMetrics"]:
                        dims = sorted({d for ds in directive["Dimensions"] for d in ds})
                        values = ",".join(f"{d}={record.get(d)}" for d in dims)
                        for metric in directive["Metrics"]:
                            self.series.add(f"{directive['Namespace']}/{metric['Name']}/{values}")
        return len(text)

    def flush(self) -> None:
        pass


@contextlib.contextmanager
def captured(sink: Sink) -> Iterator[None]:
    """The functions' output into ``sink`` (the handlers' logger streams, and print)."""
    from shared.observability import logger

    previous = sys.stdout
    handlers = [h for h in logger.handlers if hasattr(h, "setStream")]
    streams = [h.setStream(sink) for h in handlers]
    sys.stdout = sink  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout = previous
        for handler, stream in zip(handlers, streams, strict=True):
            if stream is not None:
                handler.setStream(stream)


# -- the run ------------------------------------------------------------------------------------


@dataclass
class Run:
    meter: Meter
    sink: Sink
    env: dict[str, str]
    answers: dict[str, int] = field(default_factory=lambda: {"sms": 0, "email": 0})
    comments: int = 0
    files: int = 0
    rows: int = 0
    sent: dict[str, int] = field(default_factory=lambda: {"sms": 0, "email": 0})
    views: int = 0
    sms_texts: list[str] = field(default_factory=list)
    response_bytes: list[int] = field(default_factory=list)

    def invoke(self, label: str, function: str, call: Any) -> Any:
        with self.meter.open(label, function) as inv:
            before = self.sink.bytes
            try:
                inv.result = call()
            finally:
                inv.log_bytes = self.sink.bytes - before
        return inv.result


def _environment() -> None:
    os.environ.update(
        POWERTOOLS_LOG_LEVEL="INFO",  # the functions' level in the stack (infra lambdas.py)
        POWERTOOLS_TRACE_DISABLED="true",
        POWERTOOLS_METRICS_NAMESPACE="Servicematning",
        POWERTOOLS_SERVICE_NAME="servicematning",
        SURVEY_BASE_URL=SURVEY_BASE_URL,
        SMS_PER_SECOND="1000",
        EMAIL_PER_SECOND="1000",
        RELEASE_K="5",
        RELEASE_MARGIN="0",
    )
    warnings.filterwarnings("ignore", message="No application metrics to publish")


def _day_file(rows: int, upload_at: datetime) -> bytes:
    import bench.ingest as generator

    original = generator.RECEIVED_AT
    generator.RECEIVED_AT = upload_at  # the generator dates contacts in the 20 hours before it
    try:
        text = "".join(generator.generate_lines(rows, seed=upload_at.toordinal()))
    finally:
        generator.RECEIVED_AT = original
    return text.encode(generator.ENCODING)


def _ingest_day(run: Run, day: date, rows: int) -> None:
    import boto3

    from functions.ingest import handler as ingest
    from local.events import LambdaContext, s3_object_created, scheduled
    from shared import ingest as ingest_module
    from shared import settings

    upload_at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=5)
    body = _day_file(rows, upload_at)
    bucket = run.env[settings.DATA_BUCKET]
    key = f"inbox/{HOME}/{day.isoformat()}-kontakter.csv"
    s3 = boto3.client("s3", region_name=REGION)
    with run.meter.open("upload", None):  # the municipality's PUT is billed to the account
        s3.put_object(Bucket=bucket, Key=key, Body=body)
    etag = s3.head_object(Bucket=bucket, Key=key)["ETag"]
    event = s3_object_created(bucket, key, etag, len(body), REGION, upload_at)
    context = LambdaContext("ingest")
    run.invoke("ingest.receive", "ingest", lambda: ingest.handler(event, context))
    cutoff = upload_at + timedelta(hours=2, minutes=1)  # 08:01 in Stockholm in winter
    real = ingest_module.utc_now
    ingest_module.utc_now = lambda: cutoff
    try:
        drawn = run.invoke(
            "ingest.draw", "ingest", lambda: ingest.handler(scheduled("draw", REGION), context)
        )
        run.invoke(  # the next scheduled run: nothing left to draw
            "idle.draw", "ingest", lambda: ingest.handler(scheduled("draw", REGION), context)
        )
    finally:
        ingest_module.utc_now = real
    if not drawn or not drawn.get("drawn"):
        raise RuntimeError(f"the day's draw drew nothing: {drawn}")
    run.files += 1
    run.rows += rows


def _dispatch_day(run: Run, day: date) -> tuple[list[str], list[str]]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends
    from moto.sns.models import sns_backends

    from functions.dispatch.handler import handler as dispatch
    from local.events import LambdaContext, scheduled
    from shared.dispatch import service

    sns = sns_backends[DEFAULT_ACCOUNT_ID][REGION]
    ses = ses_backends[DEFAULT_ACCOUNT_ID][REGION]
    sms_before, mail_before = len(sns.sms_messages), len(ses.sent_messages)
    at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
    real = service.utc_now
    service.utc_now = lambda: at
    context = LambdaContext("dispatch")
    try:
        run.invoke("dispatch", "dispatch", lambda: dispatch(scheduled("dispatch", REGION), context))
        run.invoke(
            "idle.dispatch", "dispatch", lambda: dispatch(scheduled("dispatch", REGION), context)
        )
    finally:
        service.utc_now = real
    link = re.compile(re.escape(SURVEY_BASE_URL) + r"/s/[A-Za-z0-9_-]{22}")
    texts = [text for _, text in list(sns.sms_messages.values())[sms_before:]]
    run.sms_texts += texts
    sms_links = [m.group(0) for t in texts if (m := link.search(t))]
    mail_links = []
    for raw in ses.sent_messages[mail_before:]:
        data = getattr(raw, "raw_data", None) or str(getattr(raw, "body", ""))
        found = link.search(data.replace("=\r\n", "").replace("=\n", ""))
        if found:
            mail_links.append(found.group(0))
    run.sent["sms"] += len(texts)
    run.sent["email"] += len(ses.sent_messages) - mail_before
    return sms_links, mail_links


def _answer(run: Run, pump: Any, link: str, channel: str, rnd: random.Random) -> None:
    from functions.survey.handler import handler as survey
    from local.server import LocalContext, http_event
    from shared.models import Channel
    from shared.survey.questions import ERRANDS, questions_for

    path = link.removeprefix(SURVEY_BASE_URL)
    headers = {"host": "enkat.example.se", "accept-language": "sv-SE,sv;q=0.9"}
    page = run.invoke(
        "survey.get", "survey", lambda: survey(http_event("GET", path, headers), LocalContext())
    )
    if page["statusCode"] != 200:
        raise RuntimeError(f"the survey form answered {page['statusCode']}")
    run.views += 1
    run.response_bytes.append(len(page.get("body", "").encode()))
    form = {q.id: str(rnd.choice((2, 3, 4, 4, 5, 5))) for q in questions_for(Channel(channel))}
    form["errand"] = rnd.choice(ERRANDS).id
    if rnd.random() < COMMENT_SHARE:
        form["comment"] = rnd.choice(
            (
                "Tack för snabb hjälp med bygglovet!",
                "Lång väntetid i telefon, men trevligt bemötande.",
                "Svaret var tydligt men kom först efter en vecka.",
            )
        )
        run.comments += 1
    body = urlencode(form)
    post_headers = headers | {"content-type": "application/x-www-form-urlencoded"}
    done = run.invoke(
        "survey.post",
        "survey",
        lambda: survey(http_event("POST", path, post_headers, body), LocalContext()),
    )
    if done["statusCode"] != 200:
        raise RuntimeError(f"submitting an answer gave {done['statusCode']}")
    run.response_bytes.append(len(done.get("body", "").encode()))
    run.answers[channel] += 1
    _drain(run, pump)


def _drain(run: Run, pump: Any) -> None:
    """What the event source mapping does after a write: the stream's records to the results
    handler, one invocation per batch (moto's stream reads are free in AWS: not counted)."""
    from functions.results.handler import handler as results
    from local.events import LambdaContext
    from local.streams import _record, _streams_client

    client = _streams_client()
    arn = pump._arn()
    for shard in client.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        shard_id = shard["ShardId"]
        iterator = (
            pump._iterators.get(shard_id)
            or client.get_shard_iterator(
                StreamArn=arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON"
            )["ShardIterator"]
        )
        while True:
            page = client.get_records(ShardIterator=iterator, Limit=100)
            raw = page.get("Records", [])
            if page.get("NextShardIterator"):
                iterator = pump._iterators[shard_id] = page["NextShardIterator"]
            if not raw:
                break
            event = {"Records": [_record(r, arn, REGION) for r in raw]}
            run.invoke(
                "results.stream", "results", lambda e=event: results(e, LambdaContext("results"))
            )


def _scheduled(run: Run, label: str, function: str, handler: Any) -> Any:
    from local.events import LambdaContext, scheduled

    return run.invoke(
        label, function, lambda: handler(scheduled(function, REGION), LambdaContext(function))
    )


def _storage(run: Run) -> dict[str, Any]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends

    from shared import resources, settings
    from shared.results import export

    tables = {}
    for table in resources.TABLES:
        name = run.env[table.env_key]
        t = run.meter.backend.get_table(name)
        items = list(t.all_items())
        tables[table.id] = {
            "items": len(items),
            "bytes": sum(i.size() + 100 for i in items),  # 100 B of overhead per item
            "streams": len({i.hash_key.value for i in items}),
        }
    s3 = s3_backends[DEFAULT_ACCOUNT_ID]["global"]
    objects: dict[str, list[tuple[str, bytes]]] = {}
    for env_key in (settings.ANALYTICS_BUCKET, settings.DATA_BUCKET):
        bucket = s3.get_bucket(run.env[env_key])
        objects[env_key] = [(k, bucket.keys[k].value) for k in bucket.keys.keys()]  # noqa: SIM118
    analytics = objects[settings.ANALYTICS_BUCKET]
    datasets: dict[str, dict[str, Any]] = {}
    for dataset, prefix in (
        ("figures", export.FIGURES_PREFIX),
        ("participation", export.PARTICIPATION_PREFIX),
    ):
        own, shared_bytes, audiences, campaigns = 0, 0, set(), set()
        for key, value in analytics:
            if not key.startswith(prefix):
                continue
            campaigns.add(key)
            for line in value.decode().splitlines():
                audience = json.loads(line).get("audience", "")
                if audience in (export.OPERATORS_AUDIENCE, "alla", ""):
                    shared_bytes += len(line) + 1
                else:
                    own += len(line) + 1
                    audiences.add(audience)
        datasets[dataset] = {
            "campaigns": len(campaigns),
            "per_municipality": own / max(1, len(audiences)) / max(1, len(campaigns)),
            "shared": shared_bytes / max(1, len(campaigns)),
            "municipalities": len(audiences),
        }
    opendata = sum(len(v) for k, v in analytics if k.startswith(export.OPENDATA_PREFIX))
    comments = sum(len(v) for k, v in analytics if k.startswith(export.COMMENTS_PREFIX))
    reports = [len(v) for k, v in objects[settings.DATA_BUCKET] if k.startswith("reports/")]
    return {
        "tables": tables,
        "datasets": datasets,
        "opendata_bytes": opendata,
        "comment_objects_bytes": comments,
        "report_bytes": reports,
        "analytics_objects": len(analytics),
    }


def pooling(run: Run, sizes: tuple[int, ...] = (5, 290)) -> dict[int, dict[str, Any]]:
    """What re-pooling a campaign costs with ``n`` municipalities in it, for each size: the
    campaign's published states as the run left them (Västerås's, read back from the releases
    table), copied to ``n`` municipalities in every kommungrupp; the figures and the export
    objects computed from them as the results function does (CPU time of this process, no
    emulator in it), the objects' sizes, and the read units of the query that reads the
    states (their item sizes; eventually consistent)."""
    from shared import settings
    from shared.results import export, figures
    from shared.results.source import ResultsTables
    from shared.tenants import Kommungrupp, load_tenant_file

    releases = run.meter.backend.get_table(run.env[settings.RELEASES_TABLE])
    states = [i.to_json()["Attributes"] for i in releases.all_items()]
    state_bytes = sum(item_size(s) for s in states) / max(1, len(states))
    db = ResultsTables(None, _table(run.env[settings.RELEASES_TABLE]), None)
    home = load_tenant_file(ROOT / "config" / "tenants" / f"{HOME}.json")
    campaign = str(states[0]["campaign"]["S"])
    published = db.campaign(campaign)
    groups = list(Kommungrupp)
    out: dict[int, dict[str, Any]] = {}
    for n in sizes:
        tenants = {
            f"{i:04d}": home.model_copy(
                update={"kommunkod": f"{i:04d}", "kommungrupp": groups[i % len(groups)]}
            )
            for i in range(1, n + 1)
        }
        copies = [
            figures.Published(code, p.campaign, p.channel, p.state)
            for code in tenants
            for p in published
        ]
        cpu = time.process_time()
        objects = export.campaign_objects(campaign, figures.compute(copies, tenants))
        cpu = time.process_time() - cpu
        out[n] = {
            "cpu": cpu,
            "read_units": math.ceil(len(copies) * state_bytes / 4096) * 0.5,
            "state_bytes": state_bytes,
            "objects": {
                key.split("/")[-2] if "/" in key else key: len(v) for key, v in objects.items()
            },
        }
    return out


def _table(name: str) -> Any:
    from shared import store

    return store.table(name)


def segments(text: str) -> tuple[int, str]:
    """The SMS segments ``text`` is sent in, and its encoding (what the network bills)."""
    from shared.messages.gsm7 import SMS_SEPTETS, is_gsm7, septets

    if is_gsm7(text):
        n = septets(text)
        return (1 if n <= SMS_SEPTETS else math.ceil(n / 153)), "GSM-7"
    units = len(text.encode("utf-16-le")) // 2
    return (1 if units <= 70 else math.ceil(units / 67)), "UCS-2"


@dataclass
class Raw:
    """Everything the run counted, before it is turned into per-unit usage."""

    run: Run
    storage: dict[str, Any]
    pooling: dict[int, dict[str, Any]]
    template: dict[str, Any]
    days: int
    tenants: int
    seconds: float


def _sum(invocations: list[Invocation]) -> Invocation:
    out = Invocation("sum", None)
    for inv in invocations:
        out.ms += inv.ms
        out.log_bytes += inv.log_bytes
        out.calls.update(inv.calls)
        out.rru += inv.rru
        out.wru += inv.wru
        out.s3_put += inv.s3_put
        out.s3_get += inv.s3_get
        out.sms += inv.sms
        out.emails += inv.emails
    return out


def usage_of(
    invocations: list[Invocation], template: dict[str, Any], units: float, profile: Profile
) -> Activity:
    """The usage of ``invocations`` per one of ``units``: measured, and the estimated part
    (traces, Lambda's own log lines)."""
    if units <= 0 or not invocations:
        return Activity()
    functions = template["functions"]
    lambdas = [i for i in invocations if i.function]
    gb_s: dict[str, float] = {}
    for inv in lambdas:
        config = functions[inv.function]
        meter = (
            "lambda_arm_gb_seconds"
            if config["architecture"] == "arm64"
            else "lambda_x86_gb_seconds"
        )
        gb_s[meter] = gb_s.get(meter, 0.0) + math.ceil(inv.ms) / MS * config["memory_mb"] / 1024
    total = _sum(invocations)
    measured = {
        "lambda_requests": len(lambdas),
        **gb_s,
        "dynamodb_read_request_units": total.rru,
        "dynamodb_write_request_units": total.wru,
        "s3_put_requests": total.s3_put,
        "s3_get_requests": total.s3_get,
        "ses_messages": total.emails,
        "cloudwatch_logs_ingested": total.log_bytes / GB,
        "sqs_requests": sum(n for k, n in total.calls.items() if k.startswith("sqs ")),
    }
    traced = sum(1 for i in lambdas if functions[i.function]["tracing"] == "Active")
    estimated = {
        "xray_traces": traced,  # active tracing: the default rule samples almost every run here
        # START/END/REPORT lines per invocation, as Lambda writes them
        "cloudwatch_logs_ingested": len(lambdas) * PLATFORM_LOG_BYTES / GB,
        # a month's retention: each GB ingested is stored about a month (uncompressed: upper bound)
        "cloudwatch_logs_stored": (total.log_bytes + len(lambdas) * PLATFORM_LOG_BYTES) / GB / 12,
    }
    return Activity(
        {k: v / units for k, v in measured.items() if v},
        {k: v / units for k, v in estimated.items() if v},
    )


PLATFORM_LOG_BYTES = 420  # START, END and REPORT lines of one invocation (with X-Ray's fields)


def run_tenants(today: date) -> list[Any]:
    """The configured municipalities as they are (caps, rates, sending window, cutoff), with
    one campaign running over the days of the run, whatever the date: the campaigns in
    config/tenants/ give the year's profile, not the run's calendar."""
    from shared.tenants import Campaign, load_tenant_dir

    campaign = Campaign(
        id=f"cost-{today:%Y}", start=today - timedelta(days=42), end=today + timedelta(days=14)
    )
    return [
        t.model_copy(update={"campaigns": (campaign,)})
        for t in load_tenant_dir(ROOT / "config" / "tenants").values()
    ]


def measure(days: int = 3, rows: int = 1000, profile: Profile | None = None) -> Raw:
    from bench.cost.template import in_a_fresh_process

    profile = profile or Profile()
    started = time.perf_counter()
    environment = dict(os.environ)  # put back at the end: make bench runs others after this
    synth = subprocess.Popen(
        [sys.executable, "-m", "bench.cost.template"],
        cwd=ROOT,
        env=dict(os.environ, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="20"),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    _environment()
    import boto3

    from local.emulator import start_emulator
    from local.streams import StreamPump
    from shared import settings, store
    from shared.dispatch.senders import reset_send_clients
    from shared.tenants import TenantStore

    emulator = start_emulator(prefix="cost", tenant_dir=None)
    try:
        today = datetime.now(UTC).date()
        tenants = run_tenants(today)
        TenantStore(store.table(emulator.env[settings.TENANTS_TABLE])).put(tenants)
        ses = boto3.client("sesv2", region_name=REGION)
        for domain in sorted({t.email_sender.split("@")[1] for t in tenants}):
            ses.create_email_identity(EmailIdentity=domain)
        meter = Meter(emulator.env)
        session = boto3._get_default_session()
        session.events.register("before-call", meter.before)
        session.events.register("after-call", meter.after)
        store.reset_clients()  # clients copy the session's hooks when they are made
        reset_send_clients()
        from functions.ingest import handler as ingest_module

        ingest_module._ports.cache_clear()
        run = Run(meter, Sink(), emulator.env)
        pump = StreamPump.from_env()
        rnd = random.Random(16)
        from functions.purge.handler import handler as purge
        from functions.results.handler import handler as results

        with captured(run.sink):
            _drain(run, pump)  # nothing yet: positions the stream
            for offset in range(days, 0, -1):
                day = today - timedelta(days=offset)
                _ingest_day(run, day, rows)
                sms_links, mail_links = _dispatch_day(run, day)
                for channel, links in (("sms", sms_links), ("email", mail_links)):
                    wanted = round(len(links) * profile.response_rate[channel])
                    for link in links[:wanted]:
                        _answer(run, pump, link, channel, rnd)
            _scheduled(run, "results.daily", "results", results)
            _drain(run, pump)
            _scheduled(run, "idle.purge", "purge", purge)
        storage = _storage(run)
        pooled = pooling(run)
    finally:
        boto3._get_default_session().events.unregister("before-call", meter.before)
        boto3._get_default_session().events.unregister("after-call", meter.after)
        emulator.stop()
        reset_send_clients()
        os.environ.clear()
        os.environ.update(environment)
    out, _ = synth.communicate(timeout=900)
    if synth.returncode != 0:
        template = in_a_fresh_process()  # raises with the synthesis's own error
    else:
        template = json.loads(out.strip().splitlines()[-1])
    return Raw(run, storage, pooled, template, days, len(tenants), time.perf_counter() - started)
