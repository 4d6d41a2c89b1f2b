"""What the X-Ray SDK cost each function's cold start: a fresh-process import of every handler
in the environment Lambda gives a traced function, with and without the Tracer the functions
used to create (Powertools defaults: SDK imported, every supported library patched, botocore
among them), and the same followed by the first AWS client a request creates.

"before" is exactly what ``shared/platform/observability.py`` did until tracing moved to Lambda
alone: ``Tracer(service=...)`` at import. "after" is the handler as it is now. Medians of several
runs, interleaved so that load on the machine hits both alike, in CPU milliseconds of the child
(wall time on a shared two-core machine mostly measures the other processes). Rerun:
``.venv/bin/python -m bench tracing`` (or ``python -m bench.tracing`` for this table alone).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = ("survey", "ingest", "dispatch", "purge", "results")
RUNS = 3

# What Lambda sets for a function with active tracing (the SDK reads it at import).
LAMBDA_ENV = {
    "LAMBDA_TASK_ROOT": str(ROOT),
    "AWS_LAMBDA_FUNCTION_NAME": "servicematning-bench",
    "_X_AMZN_TRACE_ID": (
        "Root=1-6a1f0c2e-8d3b9f20c4e1a7b65d2f0e93;Parent=53995c3f42cd8ad8;Sampled=1"
    ),
    "AWS_REGION": "eu-north-1",
    "AWS_DEFAULT_REGION": "eu-north-1",
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "POWERTOOLS_SERVICE_NAME": "servicematning",
    "POWERTOOLS_METRICS_NAMESPACE": "Servicematning",
    "PYTHONDONTWRITEBYTECODE": "1",
}
OLD_TRACER = "from aws_lambda_powertools import Tracer; Tracer(service='servicematning')"
FIRST_CLIENT = "import boto3; boto3.client('dynamodb')"
# CPU time of the child, not wall time: on a shared machine, wall time mostly measures the load.
_TIMER = "import time; t = time.process_time(); {stmt}; print(time.process_time() - t)"


def _seconds(stmt: str) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))}
    out = subprocess.run(
        [sys.executable, "-c", _TIMER.format(stmt=stmt)],
        cwd=ROOT,
        env=env | LAMBDA_ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def _statements(function: str) -> dict[str, str]:
    handler = f"import functions.{function}.handler"
    return {
        "import, before": f"{OLD_TRACER}; {handler}",
        "import, after": handler,
        "import + first client, before": f"{OLD_TRACER}; {handler}; {FIRST_CLIENT}",
        "import + first client, after": f"{handler}; {FIRST_CLIENT}",
    }


def measure(
    functions: tuple[str, ...] = FUNCTIONS, runs: int = RUNS
) -> dict[str, dict[str, float]]:
    """Function → variant → median milliseconds."""
    samples: dict[str, dict[str, list[float]]] = {f: {} for f in functions}
    for _ in range(runs):
        for function in functions:
            for variant, stmt in _statements(function).items():
                samples[function].setdefault(variant, []).append(_seconds(stmt) * 1000)
    return {
        f: {v: statistics.median(s) for v, s in variants.items()} for f, variants in samples.items()
    }


def main() -> dict[str, Any]:
    metrics: list[dict[str, Any]] = []
    for function, ms in measure().items():
        for what in ("import", "import + first client"):
            before, after = ms[f"{what}, before"], ms[f"{what}, after"]
            metrics.append(
                {
                    "metric": f"{function}: {what}, CPU ms, with → without the SDK",
                    "value": f"{before:.0f} → {after:.0f} ({after - before:+.0f})",
                    "target": "no slower without the SDK",
                    "ok": after <= before * 1.05,
                }
            )
    return {
        "name": "Tracing: cold-start cost of the X-Ray SDK (fresh processes)",
        "metrics": metrics,
    }


if __name__ == "__main__":
    for m in main()["metrics"]:
        print(f"{m['metric']}: {m['value']}")
