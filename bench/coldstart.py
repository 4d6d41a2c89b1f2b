"""Cold start of each function as packaged: a fresh process imports the handler from its asset
and serves one request, against a fresh process that imports boto3 and makes one client.

    python -m bench.coldstart [--runs 5]        # prints the table; `make bench` includes it

What a Lambda cold start pays and what this measures:

- The asset's folder is read-only in Lambda, so every module whose bytecode is not in the asset
  is compiled at every cold start. "no bytecode" runs each handler that way (the asset's own
  modules compiled in the process, ``PYTHONDONTWRITEBYTECODE``); "bytecode" runs it with the
  asset's bytecode present, as ``infra/packaging.py`` ships it when a Python of the runtime's
  version is available at build time (``LAMBDA_PYTHON``; this machine has none for 3.12, so
  the bench compiles with its own Python: the effect is the same, the files are not).
- The runtime's boto3 and the Powertools layer are precompiled in both variants and in the
  baseline (warmed into one ``PYTHONPYCACHEPREFIX`` cache first), so the ratio is ours alone.
- The handler runs with the Lambda environment the template gives it (function name, task
  root, tracing on), so Powertools' Tracer imports the X-Ray SDK as it does in Lambda.
- The survey's first request is a GET of a survey link (a DynamoDB read on a moto server on
  loopback, then the page rendered); the other functions are measured on import only.

Not measurable here, put in the estimated row with its source: a SnapStart restore (the
import is paid once when a version is published; AWS's SnapStart page promises startups "as
low as sub-second"; python3.12+ only). The python3.11 runtime, whose bytecode this machine
could write, is no way out: its deprecation date (30 June 2026, per AWS's runtime table) has
passed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOAL_SURVEY = 2.0  # survey: import + first request ≤ 2× import boto3 + one client

_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
mode = sys.argv[1]
if mode == "baseline":
    import boto3
    boto3.client("dynamodb")
    t1 = time.perf_counter()
    print(json.dumps({"import": t1 - t0, "request": 0.0}))
    raise SystemExit
import importlib
module = importlib.import_module(f"functions.{mode}.handler")
t1 = time.perf_counter()
request = 0.0
if mode == "survey":
    from local.server import http_event
    from local.events import LambdaContext
    event = http_event("GET", "/s/" + "A" * 22)
    result = module.handler(event, LambdaContext("survey"))
    assert result["statusCode"] in (200, 404, 410), result["statusCode"]
    request = time.perf_counter() - t1
print(json.dumps({"import": t1 - t0, "request": request}))
"""


def _site_packages() -> list[str]:
    return [p for p in sys.path if p.endswith("site-packages")]


def _child(
    mode: str, asset: Path | None, cache: Path, env: dict[str, str], *, write: bool = False
) -> dict[str, float]:
    paths = ([str(asset)] if asset else []) + _site_packages()
    if mode == "survey":
        paths.append(str(ROOT))  # local.server's event builder and LambdaContext only
    child_env = {
        **env,
        "PYTHONPATH": os.pathsep.join(paths),
        "PYTHONPYCACHEPREFIX": str(cache),
        "PYTHONNOUSERSITE": "1",
    }
    if not write:
        child_env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        child_env.pop("PYTHONDONTWRITEBYTECODE", None)
    if asset:
        child_env |= {
            "AWS_LAMBDA_FUNCTION_NAME": mode,
            "LAMBDA_TASK_ROOT": str(asset),
            "POWERTOOLS_SERVICE_NAME": "servicematning",
        }
        child_env.pop("POWERTOOLS_TRACE_DISABLED", None)
    done = subprocess.run(
        [sys.executable, "-S", "-c", _CHILD, mode],
        env=child_env,
        capture_output=True,
        text=True,
        check=False,
        cwd=asset or ROOT,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{mode}: {done.stderr[-1500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def measure(runs: int = 5) -> dict[str, Any]:
    from moto.server import ThreadedMotoServer

    from infra.packaging import FUNCTIONS, build_asset
    from local.resources import create_resources, resource_names

    work = Path(tempfile.mkdtemp(prefix="coldstart-"))
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))} | {
        "AWS_ENDPOINT_URL": f"http://{host}:{port}",
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": "eu-north-1",
        "AWS_REGION": "eu-north-1",
    }
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        names = resource_names("bench")
        create_resources(names, region="eu-north-1")
    finally:
        os.environ.clear()
        os.environ.update(saved)
    env |= names | {"SURVEY_BASE_URL": "https://enkat.example.se"}
    results: dict[str, Any] = {"functions": {}}
    try:
        cache = work / "pycache"
        # the runtime's boto3 and the layer's packages: precompiled, as in Lambda
        _child("baseline", None, cache, env, write=True)
        results["baseline"] = [_child("baseline", None, cache, env) for _ in range(runs)]
        for name in FUNCTIONS:
            asset = build_asset(name, mode="local", out=work / "assets")
            _child(name, asset, cache, env, write=True)  # compiles everything once
            compiled = {p: p.read_bytes() for p in (cache / str(asset).lstrip("/")).rglob("*.pyc")}
            shutil.rmtree(cache / str(asset).lstrip("/"))
            without = [_child(name, asset, cache, env) for _ in range(runs)]
            for path, data in compiled.items():  # the asset's bytecode, as if shipped in it
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            with_bytecode = [_child(name, asset, cache, env) for _ in range(runs)]
            results["functions"][name] = {"without": without, "with": with_bytecode}
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return results


def main(runs: int = 5) -> dict[str, Any]:
    data = measure(runs)
    base = _median(data["baseline"], "import")
    metrics: list[dict[str, Any]] = [
        {
            "metric": "baseline: import boto3 + one client (fresh process)",
            "value": f"{base * 1000:.0f} ms",
            "target": "",
            "ok": None,
        }
    ]
    for name, variants in data["functions"].items():
        for variant, label in (("without", "no bytecode"), ("with", "bytecode")):
            runs_ = variants[variant]
            imp, req = _median(runs_, "import"), _median(runs_, "request")
            total = imp + req
            goal = name == "survey" and variant == "with"
            metrics.append(
                {
                    "metric": f"{name} ({label}): import {imp * 1000:.0f} ms"
                    + (f" + first request {req * 1000:.0f} ms" if req else ""),
                    "value": f"{total / base:.1f}× baseline",
                    "target": f"≤ {GOAL_SURVEY:.0f}×" if goal else "",
                    "ok": (total / base <= GOAL_SURVEY) if goal else None,
                }
            )
    metrics.append(
        {
            "metric": "survey with SnapStart (estimated, not measurable here)",
            "value": "import paid at publish; restore 'as low as sub-second' "
            "(docs.aws.amazon.com/lambda/latest/dg/snapstart.html)",
            "target": "",
            "ok": None,
        }
    )
    return {"name": "Cold start as packaged (fresh process)", "metrics": metrics}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.coldstart")
    parser.add_argument("--runs", type=int, default=5)
    result = main(parser.parse_args().runs)
    for m in result["metrics"]:
        print(f"{m['metric']:<70} {m['value']:<24} {m.get('target', '')}")
