"""The upload watch: what the Swedish holiday calendar costs, and a daily run at 290 municipalities.

    python -m bench.watch          # prints the table; `make bench` includes it

- **Import cost** of the ``holidays`` package in a fresh process, the way shared/ingest/watch.py
takes
  it (``holidays.countries.sweden``, lazily, on the first working-day question), against the
  same process importing the watch module alone. "no bytecode" runs from a copy of the package
  without ``__pycache__`` (a python3.12 Lambda ignores this machine's 3.11 bytecode, so it
  compiles what it imports): the package's ``countries`` folder imports all its countries, so
  "only the Swedish calendar" still loads every one of them.
- **Size**: the package unpacked (what the watch asset gains; no other asset imports it).
- **A run** of the real watch handler on moto (in-process) with 290 municipalities, 250 of
  them with a ``last_file`` item: its wall time and AWS requests by operation. It reads one
  item per municipality whatever the number of files ever uploaded.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
MUNICIPALITIES = 290

_CHILD = r"""
import json, sys, time
from datetime import date
t0 = time.perf_counter()
import shared.ingest.watch as watch
t1 = time.perf_counter()
watch.is_working_day(date(2026, 6, 19))
t2 = time.perf_counter()
loaded = sum(1 for name in sys.modules if name.startswith("holidays"))
print(json.dumps({"module": t1 - t0, "calendar": t2 - t1, "modules": loaded}))
"""


def _holidays_dir() -> Path:
    import holidays

    return Path(holidays.__file__).parent


def _child(pythonpath: str) -> dict[str, float]:
    env = {"PYTHONPATH": pythonpath, "PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-B", "-c", _CHILD],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _import_cost() -> list[dict[str, Any]]:
    import compileall

    site = str(_holidays_dir().parent)
    with tempfile.TemporaryDirectory() as tmp:
        variants: dict[str, str] = {}
        for label in ("bytecode", "no bytecode"):
            folder = Path(tmp) / label.replace(" ", "-")
            shutil.copytree(
                _holidays_dir(), folder / "holidays", ignore=shutil.ignore_patterns("__pycache__")
            )
            if label == "bytecode":
                compileall.compile_dir(folder / "holidays", quiet=1)
            variants[label] = f"{ROOT}:{folder}:{site}"
        runs_by: dict[str, list[dict[str, float]]] = {label: [] for label in variants}
        for _ in range(RUNS):  # alternated, so a busy moment hits both alike
            for label, path in variants.items():
                runs_by[label].append(_child(path))
        rows = []
        for label, runs in runs_by.items():
            calendar = statistics.median(r["calendar"] for r in runs) * 1000
            module = statistics.median(r["module"] for r in runs) * 1000
            rows.append(
                {
                    "metric": f"holidays ({label}): first working-day question, fresh process",
                    "value": f"{calendar:.0f} ms ({int(runs[0]['modules'])} modules; "
                    f"import shared.ingest.watch before it {module:.0f} ms)",
                    "target": "paid by the daily watch run only",
                    "ok": None,
                }
            )
    return rows


def _size() -> dict[str, Any]:
    total = sum(
        p.stat().st_size
        for p in _holidays_dir().rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    return {
        "metric": "holidays unpacked (the watch asset only)",
        "value": f"{total / 2**20:.1f} MB",
        "target": "< 50 MB",
        "ok": total < 50 * 2**20,
    }


def _run_at_scale() -> list[dict[str, Any]]:
    from local.environment import emulated

    with emulated(in_process=True, prefix="bench") as aws:
        # imported with the environment set: the functions' logger and tracer read it
        from local.events import LambdaContext, scheduled
        from shared.core.tenants import Campaign, Tenant, load_tenant_file
        from shared.ingest.files import last_file_record_id
        from shared.platform import store
        from shared.platform.tenant_store import TenantStore

        env = aws.env
        base = load_tenant_file(ROOT / "config" / "tenants" / "1980.json").model_dump()
        campaign = Campaign(id="sommar", start=date(2026, 6, 1), end=date(2026, 7, 31))
        tenants = [
            Tenant.model_validate(base | {"kommunkod": f"{n:04d}", "campaigns": (campaign,)})
            for n in range(1, MUNICIPALITIES + 1)
        ]
        TenantStore(store.table(env["TENANTS_TABLE"])).put(tenants)
        moment = int(datetime(2026, 6, 22, 9, tzinfo=UTC).timestamp())
        with store.table(env["FILES_TABLE"]).batch_writer() as batch:
            for tenant in tenants[:250]:
                item = {"file_id": last_file_record_id(tenant.kommunkod), "last_file": moment}
                batch.put_item(Item=item)
        calls: Counter[str] = Counter()
        client = store.dynamodb().meta.client
        client.meta.events.register(
            "before-call.dynamodb.*",
            lambda model, **_: calls.update([model.name]),
        )
        from functions.watch.handler import handler

        event = scheduled("watch", "eu-north-1", datetime(2026, 6, 24, 7, tzinfo=UTC))
        from shared.platform.observability import logger

        previous = logger.registered_handler.setStream(io.StringIO())  # type: ignore[attr-defined]
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # its metrics
                started = time.perf_counter()
                result = handler(event, LambdaContext("watch"))
                elapsed = time.perf_counter() - started
        finally:
            logger.registered_handler.setStream(previous)  # type: ignore[attr-defined]
    requests = ", ".join(f"{name} {n}" for name, n in sorted(calls.items()))
    return [
        {
            "metric": f"watch run, {MUNICIPALITIES} municipalities (moto in-process)",
            "value": f"{elapsed * 1000:.0f} ms; {len(result['silent'])} silent",
            "target": "< 60 s (the function's timeout)",
            "ok": elapsed < 60,
        },
        {
            "metric": "its DynamoDB requests",
            "value": requests or "none recorded",
            "target": "tenants Scan pages + ⌈290/100⌉ BatchGetItem",
            "ok": None,
        },
    ]


def main() -> dict[str, Any]:
    metrics = [*_import_cost(), _size(), *_run_at_scale()]
    return {"name": "Upload watch: the holiday calendar and a daily run", "metrics": metrics}


if __name__ == "__main__":
    for row in main()["metrics"]:
        print(f"{row['metric']}: {row['value']}  ({row.get('target', '')})")
