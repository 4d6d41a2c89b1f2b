"""Recomputing the whole country: can one Lambda invocation handle a million responses?

Measured here, in one process:
1. the pure aggregation (``figures.compute``) over 1,000,000 generated responses in memory
   (290 municipalities, both channels, two questions each, eight ISO weeks, seven errands);
2. building every export object from them (``export.objects``: JSON Lines, open data, RLS);
3. the client-side cost of a DynamoDB scan: botocore parsing real-shaped Scan pages (1 MB,
   as DynamoDB returns them) plus our attribute conversion, per item, times a million;
4. an end-to-end scan through moto (in-process) of a smaller table, for a sanity check.

Not measured (no AWS here): DynamoDB's own service time. It is estimated from the documented
page size (1 MB per Scan call) with four parallel segments; the estimate is labelled as such.
"""

from __future__ import annotations

import gc
import json
import random
import resource
import time
from datetime import date, timedelta
from typing import Any

from shared.results import export, source
from shared.results.figures import Invitation, Response, compute
from shared.tenants import Kommungrupp, Tenant

RESPONSES = 1_000_000
TENANTS = 290
ERRANDS = ("bygglov", "skola", "avfall", "trafik", "omsorg", "fritid", "annat")
QUESTIONS = {
    "sms": ("tel_bemotande", "tel_enkelhet"),
    "email": ("epost_enkelhet", "epost_tydlighet"),
}
LAMBDA_LIMIT_S = 15 * 60
SCHEDULE_BUDGET_S = 5 * 60  # a 10-minute schedule keeps "within 15 minutes" if a run takes < 5
MOTO_ITEMS = 3_000
PAGE_BYTES = 1024 * 1024
PAGE_SERVICE_S = 0.1  # assumed DynamoDB time per 1 MB Scan page (estimate, not measured)
SEGMENTS = 4


def _tenants() -> dict[str, Tenant]:
    groups = list(Kommungrupp)
    return {
        f"{i:04d}": Tenant(
            kommunkod=f"{i:04d}", name=f"Kommun {i:04d}", sms_sender_id="Kommunen",
            email_sender="noreply@example.se", privacy_contact="dataskydd@example.se",
            kommungrupp=groups[i % len(groups)],
        )
        for i in range(114, 114 + TENANTS)
    }  # fmt: skip


def _responses(codes: list[str], count: int, rng: random.Random) -> list[Response]:
    start = date(2026, 3, 1)
    values = (1, 2, 3, 4, 4, 5, 5, None)
    out = []
    for i in range(count):
        channel = "sms" if i % 3 else "email"
        q1, q2 = QUESTIONS[channel]
        out.append(
            Response(
                codes[i % len(codes)], channel, "2026-var", start + timedelta(days=i % 56),
                {q1: rng.choice(values), q2: rng.choice(values)}, ERRANDS[i % 7],
                "Tack!" if i % 50 == 0 else None, f"r{i:08d}",
            )
        )  # fmt: skip
    return out


def _raw_item(r: Response) -> dict[str, Any]:
    """The DynamoDB attribute-value form of a stored response (as a Scan page carries it)."""
    answers = {q: ({"NULL": True} if v is None else {"N": str(v)}) for q, v in r.answers.items()}
    item: dict[str, Any] = {
        "tenant": {"S": r.tenant}, "response_id": {"S": r.response_id},
        "channel": {"S": r.channel}, "campaign": {"S": r.campaign},
        "contact_day": {"S": r.contact_day.isoformat()}, "answers": {"M": answers},
        "extra": {"M": {}},
    }  # fmt: skip
    if r.errand:
        item["errand"] = {"S": r.errand}
    return item


def _seconds(fn: Any) -> tuple[float, Any]:
    """CPU seconds of this process (the machine is shared, so wall time would overstate)."""
    started = time.process_time()
    value = fn()
    return time.process_time() - started, value


def _scan_client_cost(sample: list[Response]) -> tuple[float, int]:
    """Seconds per item to parse a 1 MB Scan page with botocore and convert it; bytes per item."""
    import botocore.session
    from botocore.parsers import create_parser

    model = botocore.session.get_session().get_service_model("dynamodb")
    output = model.operation_model("Scan").output_shape
    items = [_raw_item(r) for r in sample]
    one = len(json.dumps(items[0]))
    per_page = max(1, PAGE_BYTES // one)
    body = json.dumps({"Items": items[:per_page], "Count": per_page}).encode()
    parser = create_parser("json")
    response = {"status_code": 200, "headers": {}, "body": body}
    rounds = 3
    seconds, _ = _seconds(
        lambda: [
            [source.response_from_item(i) for i in parser.parse(response, output)["Items"]]
            for _ in range(rounds)
        ]
    )
    return seconds / (rounds * per_page), one


def _moto_scan(sample: list[Response]) -> float:
    """Wall seconds per item for an end-to-end parallel scan through moto in-process."""
    import os

    from moto import mock_aws

    from local.resources import create_resources, resource_names
    from shared import settings, store

    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-north-1")
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(key, "bench")
    with mock_aws():
        store.reset_clients()
        env = resource_names("bench")
        create_resources(env)
        name = env[settings.RESPONSES_TABLE]
        client = store.client("dynamodb")
        for start in range(0, len(sample), 25):
            client.batch_write_item(RequestItems={name: [
                {"PutRequest": {"Item": _raw_item(r)}} for r in sample[start : start + 25]
            ]})  # fmt: skip
        started = time.perf_counter()
        items, _ = source.read_responses(name, client=client)
        seconds = time.perf_counter() - started
        assert len(items) == len(sample)
        store.reset_clients()
    return seconds / len(sample)


def main() -> dict[str, Any]:
    rng = random.Random(7)
    tenants = _tenants()
    codes = sorted(tenants)
    generated, responses = _seconds(lambda: _responses(codes, RESPONSES, rng))
    invitations = [Invitation(r.tenant, r.campaign, r.channel, "answered") for r in responses]
    invitations += [Invitation(c, "2026-var", "sms", "sent") for c in codes for _ in range(2000)]
    gc.collect()
    compute_s, figures = _seconds(lambda: compute(responses, invitations, tenants))
    export_s, objects = _seconds(lambda: export.objects(figures, responses, tenants))
    export_mb = sum(len(b) for b in objects.values()) / 1e6
    per_item_s, item_bytes = _scan_client_cost(responses[:20_000])
    scan_client_s = per_item_s * RESPONSES
    pages = RESPONSES * item_bytes / PAGE_BYTES
    scan_service_s = pages * PAGE_SERVICE_S / SEGMENTS
    moto_per_item = _moto_scan(responses[:MOTO_ITEMS])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = compute_s + export_s + scan_client_s + scan_service_s
    return {
        "name": "Results: recomputing the whole country (1,000,000 responses)",
        "metrics": [
            {"metric": "aggregate 1M responses (figures.compute), measured CPU time",
             "value": f"{compute_s:.1f} s ({len(figures.rows)} cells)", "target": "", "ok": None},
            {"metric": "build every export object, measured CPU time",
             "value": f"{export_s:.1f} s ({len(objects)} objects, {export_mb:.0f} MB)",
             "target": "", "ok": None},
            {"metric": "scan client side (botocore parse + conversion), CPU time per item × 1M",
             "value": f"{scan_client_s:.1f} s ({per_item_s * 1e6:.1f} µs/item, "
                      f"{item_bytes} B/item)", "target": "", "ok": None},
            {"metric": "scan service time, ESTIMATED (0.1 s per 1 MB page, 4 segments)",
             "value": f"{scan_service_s:.1f} s ({pages:.0f} pages)", "target": "", "ok": None},
            {"metric": "moto end-to-end scan, measured per item (moto is slower than DynamoDB)",
             "value": f"{moto_per_item * 1e6:.0f} µs/item on {MOTO_ITEMS} items "
                      f"(× 1M = {moto_per_item * RESPONSES:.0f} s)", "target": "", "ok": None},
            {"metric": "peak memory of this process (incl. 1M generated responses)",
             "value": f"{peak_mb:.0f} MB", "target": "≤ 10240 MB (Lambda max)",
             "ok": peak_mb <= 10240},
            {"metric": "one full recompute: measured parts + estimated DynamoDB time",
             "value": f"{total:.0f} s (+ S3 PUTs of changed objects)",
             "target": f"< {SCHEDULE_BUDGET_S} s (schedule), < {LAMBDA_LIMIT_S} s (Lambda)",
             "ok": total < SCHEDULE_BUDGET_S},
            {"metric": "generating the test data (not part of a run)",
             "value": f"{generated:.1f} s", "target": "", "ok": None},
        ],
    }  # fmt: skip


if __name__ == "__main__":
    for m in main()["metrics"]:
        print(f"{m['metric']}: {m['value']}  {m.get('target', '')}")
