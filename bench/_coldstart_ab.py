"""The survey's cold start alone, as CPU time (import + first request, the asset's bytecode
cached), medians of N fresh processes, for the checkout in the working directory: run it in
two checkouts one after the other, several times, to compare them on a shared machine where
wall times swing with other jobs (CPU time does not).

    cd <checkout> && <venv>/bin/python bench/_coldstart_ab.py 9

Not part of ``make bench`` (a leading underscore): it compares checkouts, it does not score one.
"""

import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.getcwd())
import bench.coldstart as cs
from infra.packaging import build_asset
from local.environment import emulated

runs = int(sys.argv[1])
work = Path(tempfile.mkdtemp(prefix="coldab-"))
outside = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))}
with emulated(prefix="bench") as emulator:
    env = outside | {
        "AWS_ENDPOINT_URL": str(emulator.endpoint),
        "AWS_ACCESS_KEY_ID": "b",
        "AWS_SECRET_ACCESS_KEY": "b",
        "AWS_DEFAULT_REGION": "eu-north-1",
        "AWS_REGION": "eu-north-1",
    }
    open_link = cs._open_invitation(emulator.env)
    env |= emulator.env | {"SURVEY_BASE_URL": "https://enkat.example.se"}
    cache = work / "pycache"
    cs._child("baseline", None, cache, env, write=True)
    out = {
        "baseline_cpu": statistics.median(
            r["cpu_import"] for r in [cs._child("baseline", None, cache, env) for _ in range(runs)]
        )
    }
    asset = build_asset("survey", mode="local", out=work / "assets")
    for label, request in {"unknown": cs.UNKNOWN_LINK, "open": open_link}.items():
        cs._child("survey", asset, cache, env, write=True, request=request)
        rs = [cs._child("survey", asset, cache, env, request=request) for _ in range(runs)]
        out[label + "_cpu"] = statistics.median(r["cpu_import"] + r["cpu_request"] for r in rs)
        out[label + "_wall"] = statistics.median(r["import"] + r["request"] for r in rs)
shutil.rmtree(work, ignore_errors=True)
print(json.dumps(out))
