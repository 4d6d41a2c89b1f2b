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
- The survey's first request is a GET of a survey link, two ways: an unknown link (one
  DynamoDB read on a moto server on loopback, then the "not found" page) and the link of an
  open invitation (the invitation and its municipality read and validated, then the form
  rendered), which is what a resident's click costs; the other functions are measured on
  import only.
- Wall time, as Lambda's init and first duration would show it, and the process's CPU time
  (user + system) beside it: this machine's two cores are shared by other jobs, whose load
  stretches wall times unevenly, while CPU time is what the process itself did.

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
t0, c0 = time.perf_counter(), time.process_time()
mode = sys.argv[1]
if mode == "baseline":
    import boto3
    boto3.client("dynamodb")
    t1, c1 = time.perf_counter(), time.process_time()
    times = {"import": t1 - t0, "request": 0.0, "cpu_import": c1 - c0, "cpu_request": 0.0}
    print(json.dumps(times))
    raise SystemExit
import importlib
module = importlib.import_module(f"functions.{mode}.handler")
t1, c1 = time.perf_counter(), time.process_time()
t2, c2 = t3, c3 = t1, c1
if mode == "survey":
    from local.server import http_event  # the bench's own event builder: not the function's
    from local.events import LambdaContext
    event = http_event("GET", sys.argv[2])
    t2, c2 = time.perf_counter(), time.process_time()
    result = module.handler(event, LambdaContext("survey"))
    t3, c3 = time.perf_counter(), time.process_time()
    assert result["statusCode"] == int(sys.argv[3]), result["statusCode"]
times = {"import": t1 - t0, "request": t3 - t2, "cpu_import": c1 - c0, "cpu_request": c3 - c2}
print(json.dumps(times))
"""
UNKNOWN_LINK = ("/s/" + "A" * 22, "404")


def _site_packages() -> list[str]:
    return [p for p in sys.path if p.endswith("site-packages")]


def _child(
    mode: str,
    asset: Path | None,
    cache: Path,
    env: dict[str, str],
    *,
    write: bool = False,
    request: tuple[str, str] = UNKNOWN_LINK,
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
        [sys.executable, "-S", "-c", _CHILD, mode, *request],
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


def _open_invitation(names: dict[str, str]) -> tuple[str, str]:
    """A municipality and an open invitation in the emulator; the GET of its link (a 200)."""
    import boto3

    from shared.core.models import Channel, InvitationItem, InvitationStatus
    from shared.core.tenants import load_tenant_file
    from shared.core.tokens import new_token, token_hash
    from shared.platform import settings
    from shared.platform.tenant_store import TenantStore

    tenant = load_tenant_file(ROOT / "config" / "tenants" / "1980.json")
    dynamodb = boto3.resource("dynamodb")
    TenantStore(dynamodb.Table(names[settings.TENANTS_TABLE])).put([tenant])
    campaign = tenant.campaigns[0]
    token = new_token()
    invitation = InvitationItem(
        token_hash=token_hash(token),
        tenant=tenant.kommunkod,
        channel=Channel.SMS,
        campaign=campaign.id,
        contact_day=campaign.start,
        status=InvitationStatus.SENT,
        expires_at=2**31 - 1,
    )
    dynamodb.Table(names[settings.INVITATIONS_TABLE]).put_item(
        Item=invitation.model_dump(mode="json")
    )
    return f"/s/{token}", "200"


def measure(runs: int = 5) -> dict[str, Any]:
    from infra.packaging import FUNCTIONS, build_asset
    from local.environment import emulated

    work = Path(tempfile.mkdtemp(prefix="coldstart-"))
    # the children's environment: this one's without AWS and Powertools settings, plus the
    # emulator's endpoint and names (the template's variables are added per function)
    outside = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))}
    with emulated(prefix="bench") as aws:
        open_link = _open_invitation(aws.env)
        env = outside | {
            "AWS_ENDPOINT_URL": str(aws.endpoint),
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_DEFAULT_REGION": aws.region,
            "AWS_REGION": aws.region,
        }
        env |= aws.env | {"SURVEY_BASE_URL": "https://enkat.example.se"}
        results: dict[str, Any] = {"functions": {}}
        try:
            cache = work / "pycache"
            # the runtime's boto3 and the layer's packages: precompiled, as in Lambda
            _child("baseline", None, cache, env, write=True)
            results["baseline"] = [_child("baseline", None, cache, env) for _ in range(runs)]
            for name in FUNCTIONS:
                asset = build_asset(name, mode="local", out=work / "assets")
                requests = {name: UNKNOWN_LINK}
                if name == "survey":
                    requests["survey, open invitation"] = open_link
                for label, request in requests.items():
                    # compiles everything this request reaches once
                    _child(name, asset, cache, env, write=True, request=request)
                    own = cache / str(asset).lstrip("/")
                    compiled = {p: p.read_bytes() for p in own.rglob("*.pyc")}
                    shutil.rmtree(own)
                    without = [
                        _child(name, asset, cache, env, request=request) for _ in range(runs)
                    ]
                    for path, data in compiled.items():  # the asset's bytecode, as if shipped in it
                        path.parent.mkdir(parents=True, exist_ok=True)
                        path.write_bytes(data)
                    with_bytecode = [
                        _child(name, asset, cache, env, request=request) for _ in range(runs)
                    ]
                    shutil.rmtree(own)
                    results["functions"][label] = {"without": without, "with": with_bytecode}
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return results


def main(runs: int = 5) -> dict[str, Any]:
    data = measure(runs)
    base = _median(data["baseline"], "import")
    cpu_base = _median(data["baseline"], "cpu_import")
    metrics: list[dict[str, Any]] = [
        {
            "metric": "baseline: import boto3 + one client (fresh process)",
            "value": f"{base * 1000:.0f} ms (CPU {cpu_base * 1000:.0f} ms)",
            "target": "",
            "ok": None,
        }
    ]
    for name, variants in data["functions"].items():
        for variant, label in (("without", "no bytecode"), ("with", "bytecode")):
            runs_ = variants[variant]
            imp, req = _median(runs_, "import"), _median(runs_, "request")
            total = statistics.median(r["import"] + r["request"] for r in runs_)
            cpu = statistics.median(r["cpu_import"] + r["cpu_request"] for r in runs_)
            goal = name.startswith("survey") and variant == "with"
            request = ""
            if req:
                page = "the form" if "open" in name else "an unknown link's page"
                request = f" + first request {req * 1000:.0f} ms ({page})"
            metrics.append(
                {
                    "metric": f"{name} ({label}): import {imp * 1000:.0f} ms{request}",
                    "value": f"{total / base:.1f}× baseline (CPU {cpu / cpu_base:.1f}×)",
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
