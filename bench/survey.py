"""Survey function: warm in-process latency per GET and POST on moto, cold import time against
a bare boto3 client measured in the same run, and the form's page weight (HTML + CSS).

Targets: importing the handler costs at most 1.5x ``import boto3; boto3.client('s3')`` (both
in fresh interpreters, medians of several runs); the heaviest form page with its stylesheet
weighs under 20 KB. Warm latencies are dominated by moto itself (its TransactWriteItems
takes most of a POST); the handler's own share is a few milliseconds.
"""

from __future__ import annotations

import contextlib
import io
import os
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

REGION = "eu-north-1"
ROOT = Path(__file__).resolve().parent.parent
WARM_CALLS = 300
COLD_RUNS = 7
ANSWER = "tel_bemotande=4&tel_enkelhet=5&errand=skola&comment=Bra+bem%C3%B6tande%2C+tack"

_TIMER = "import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"
BASELINE = f"import boto3; boto3.client('s3', region_name='{REGION}')"
HANDLER = "import functions.survey.handler"


def _cold(stmt: str) -> float:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("AWS_ENDPOINT_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", _TIMER.format(stmt=stmt)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def _percentiles(samples_ns: list[int]) -> tuple[float, float]:
    ordered = sorted(samples_ns)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) / 1000, p99 / 1000


def _warm(env: dict[str, str]) -> dict[str, Any]:
    """In the emulated environment ``main`` sets up (its resource names: ``env``)."""
    from functions.survey.handler import handler
    from local.server import LocalContext, http_event
    from shared.core.tokens import new_token, token_hash
    from shared.platform import settings, store
    from shared.platform.observability import logger
    from shared.survey import service
    from shared.survey.pages import css

    logger.setLevel("WARNING")  # the per-request info line would flood the output
    warnings.filterwarnings("ignore", "No application metrics to publish", UserWarning)
    service.service.cache_clear()
    invitations = store.table(env[settings.INVITATIONS_TABLE])
    tokens = {"sms": [], "email": []}
    with invitations.batch_writer() as batch:
        for i in range(WARM_CALLS + 40):
            token = new_token()
            channel = "sms" if i < WARM_CALLS + 20 else "email"
            tokens[channel].append(token)
            batch.put_item(
                Item={
                    "token_hash": token_hash(token),
                    "tenant": "1980",
                    "channel": channel,
                    "campaign": "2026-host",
                    "contact_day": "2026-11-20",
                    "status": "sent",
                    "expires_at": int(time.time()) + 86400,
                }
            )
    form = {"content-type": "application/x-www-form-urlencoded"}

    def call(method: str, target: str, body: str | None = None) -> dict[str, Any]:
        event = http_event(method, target, form if body else {}, body)
        return handler(event, LocalContext())

    get_ns, post_ns, weights = [], [], []
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        open_token = tokens["sms"][0]
        for _ in range(20):
            call("GET", f"/s/{open_token}")
        for _ in range(WARM_CALLS):
            start = time.perf_counter_ns()
            result = call("GET", f"/s/{open_token}")
            get_ns.append(time.perf_counter_ns() - start)
            assert result["statusCode"] == 200
        for token in tokens["sms"][1 : WARM_CALLS + 1]:
            start = time.perf_counter_ns()
            result = call("POST", f"/s/{token}", ANSWER)
            post_ns.append(time.perf_counter_ns() - start)
            assert result["statusCode"] == 303  # Post/Redirect/Get: to the thank-you page
        email = tokens["email"][0]
        spare = tokens["sms"][-1]
        for target, body in [
            (f"/s/{spare}", None),
            (f"/s/{spare}?lang=en", None),
            (f"/s/{email}", None),
            (f"/s/{email}?lang=en", None),
            (f"/s/{email}?epost_aterkoppling=ja", None),  # the e-mail form's second step
            (f"/s/{email}?epost_aterkoppling=nej&lang=en", None),
            (f"/s/{tokens['sms'][1]}/tack", None),  # the thank-you page
            (f"/s/{spare}", "comment=" + "x" * 20),  # the form with every error shown
        ]:
            page = call("POST" if body else "GET", target, body)
            weights.append(len(page["body"].encode("utf-8")))
    service.service.cache_clear()
    return {
        "get": _percentiles(get_ns),
        "post": _percentiles(post_ns),
        "page_bytes": max(weights) + len(css().encode("utf-8")),
        "css_bytes": len(css().encode("utf-8")),
    }


def main() -> dict[str, Any]:
    from local.environment import TENANT_DIR, emulated

    with emulated(in_process=True, prefix="bench", tenant_dir=TENANT_DIR) as aws:
        baseline, imports = [], []
        for _ in range(COLD_RUNS):  # interleaved, so machine load affects both alike
            baseline.append(_cold(BASELINE))
            imports.append(_cold(HANDLER))
        base_s, import_s = statistics.median(baseline), statistics.median(imports)
        ratio = import_s / base_s
        warm = _warm(aws.env)
    return {
        "name": "Survey pages (functions/survey)",
        "metrics": [
            {
                "metric": "warm GET /s/{token} in-process on moto, median / p99",
                "value": f"{warm['get'][0]:,.0f} µs / {warm['get'][1]:,.0f} µs",
                "target": "",
                "ok": None,
            },
            {
                "metric": "warm POST /s/{token} (answer, one transaction), median / p99",
                "value": f"{warm['post'][0]:,.0f} µs / {warm['post'][1]:,.0f} µs",
                "target": "",
                "ok": None,
            },
            {
                "metric": "cold import of the handler / import boto3 + one client",
                "value": f"{ratio:.2f}x ({import_s * 1000:.0f} ms / {base_s * 1000:.0f} ms)",
                "target": "<= 1.5x",
                "ok": ratio <= 1.5,
            },
            {
                "metric": "heaviest form page + CSS",
                "value": f"{warm['page_bytes'] / 1000:.1f} KB (CSS {warm['css_bytes']} B)",
                "target": "< 20 KB",
                "ok": warm["page_bytes"] < 20_000,
            },
        ],
    }


if __name__ == "__main__":
    for row in main()["metrics"]:
        print(f"{row['metric']}: {row['value']} (target {row['target'] or '-'})")
