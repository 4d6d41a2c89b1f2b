"""Counting what an invocation asks of AWS, and turning it into usage per unit of activity.

Every AWS request a handler makes is counted by botocore hooks on the default session
(``before-call``/``after-call``), per invocation: requests by service and operation; DynamoDB
read and write request units **from item sizes** (moto reports a constant consumed capacity):
the request's items and, for updates and deletes, the stored item before and after, read from
moto's backend in this process; 1 KB per write unit (2 in a transaction; an index with
projection ALL writes the item once more), 4 KB per read unit (half for an eventually
consistent read, 2 in a transaction; a transaction's ConditionCheck counted as a transactional
read); S3 requests by class; SMS segments of the texts actually sent (GSM-7 vs UCS-2,
shared/core/gsm7.py); SES messages; the functions' log bytes and EMF metric series (their
stdout, as CloudWatch receives it); Lambda duration as the wall time of each invocation in this
process, moto's own work included (an upper bound), times the memory in the synthesized template.
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bench.cost.model import GB, Activity, Profile

REGION = "eu-north-1"
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
    if isinstance(value, bytes | bytearray):
        return len(value)
    if hasattr(value, "value") and isinstance(value.value, bytes):  # boto3's Binary
        return len(value.value)
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

        from shared.platform import resources

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


def captured(sink: Sink) -> contextlib.AbstractContextManager[None]:
    """The functions' output into ``sink`` (the handlers' logger streams, and print), as the
    demo sends it to its log file."""
    from local.demo import functions_output_into

    return functions_output_into(sink)  # type: ignore[arg-type]  # a write-only text sink


def segments(text: str) -> tuple[int, str]:
    """The SMS segments ``text`` is sent in, and its encoding (what the network bills)."""
    from shared.core.gsm7 import SMS_SEPTETS, is_gsm7, septets

    if is_gsm7(text):
        n = septets(text)
        return (1 if n <= SMS_SEPTETS else math.ceil(n / 153)), "GSM-7"
    units = len(text.encode("utf-16-le")) // 2
    return (1 if units <= 70 else math.ceil(units / 67)), "UCS-2"


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
        # a month's retention: what a month ingests is stored about a month, so a year holds
        # as many GB-months as it ingests GB (uncompressed: an upper bound)
        "cloudwatch_logs_stored": (total.log_bytes + len(lambdas) * PLATFORM_LOG_BYTES) / GB,
    }
    return Activity(
        {k: v / units for k, v in measured.items() if v},
        {k: v / units for k, v in estimated.items() if v},
    )


PLATFORM_LOG_BYTES = 420  # START, END and REPORT lines of one invocation (with X-Ray's fields)
