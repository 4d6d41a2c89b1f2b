"""The one runner: a fresh emulator and survey servers, every scenario in turn, the table."""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from local.demo import REGION, ROOT, demo_tenants, functions_output
from local.faults.dynamodb import (
    dispatch_faults,
    ingest_faults,
    purge_faults,
    results_faults,
    survey_faults,
)
from local.faults.files import bad_files
from local.faults.flood import flood
from local.faults.harness import Check, Context, Emulated, TimeLimitError
from local.faults.residents import residents
from local.faults.sending import sending
from local.faults.servers import atomic_dynamodb, serve_instance, survey_instances, survey_server
from shared.core.time import STOCKHOLM_TZ

NOTES = """
Notes: each survey instance is its own process serving one request at a time, as a Lambda
instance does. The moto server runs in this process with each DynamoDB request made atomic
by a lock (moto's TransactWriteItems is not atomic under threads; DynamoDB's is): requests
from different instances still race, only their effects are serialized. Faults are raised by
botocore hooks on the functions' own clients before a request is sent."""


def personal_data_in_logs(ctx: Context, log_files: list[Path]) -> None:
    """No phone number or e-mail address of a resident in what the functions logged, faults
    and all (the municipalities' own sender and privacy addresses are public)."""
    from shared.platform.redaction import contains_personal_data

    public = [a for t in demo_tenants(ctx.today) for a in (t.email_sender, t.privacy_contact)]
    lines = [line for f in log_files for line in f.read_text(encoding="utf-8").splitlines()]
    personal = 0
    for line in lines:
        for address in public:
            line = line.replace(address, "")
        personal += contains_personal_data(line)
    ctx.check(
        "all: logs",
        "every line the functions logged during the faults above",
        personal == 0 and len(lines) > 0,
        f"{len(lines)} log lines, {personal} with a phone number or e-mail address",
    )


def _prepare(env: dict[str, str], today: date) -> str:
    import boto3

    from shared.platform import store
    from shared.platform.tenant_store import TenantStore

    tenants = [t.model_copy(update={"sample_rate": 1.0}) for t in demo_tenants(today)]
    TenantStore(store.table(env["TENANTS_TABLE"])).put(tenants)
    ses = boto3.client("sesv2", region_name=REGION)
    for tenant in tenants:
        ses.create_email_identity(EmailIdentity=tenant.email_sender.split("@")[1])
    return str(tenants[0].campaigns[0].id)


def run(residents_count: int, time_limit: float, out: Path, instances: int = 4) -> list[Check]:
    """Every scenario against a fresh emulator and survey server; returns the checks."""
    out.mkdir(parents=True, exist_ok=True)
    log_file = out / "functions.log"
    log_file.write_text("", encoding="utf-8")
    warnings.filterwarnings("ignore", message="No application metrics to publish")

    from local.environment import emulated

    server = survey_server()
    today = datetime.now(STOCKHOLM_TZ).date()
    rates = {"SMS_PER_SECOND": "1000", "EMAIL_PER_SECOND": "1000"}
    try:
        with emulated(settings={**rates, "SURVEY_BASE_URL": server.url}) as emulator:
            campaign = _prepare(emulator.env, today)
            ctx = Context(emulator.env, server.url, today, campaign, time.monotonic() + time_limit)
            seen = Emulated(emulator.env)
            scenarios: list[tuple[str, Callable[[], None]]] = [
                ("1 residents", lambda: residents(ctx, seen, residents_count, urls)),
                ("2 sending", lambda: sending(ctx, seen)),
                ("3 dynamodb: dispatch", lambda: dispatch_faults(ctx, seen)),
                ("3 dynamodb: purge", lambda: purge_faults(ctx, seen)),
                ("3 dynamodb: ingest", lambda: ingest_faults(ctx, seen)),
                ("3 dynamodb: survey", lambda: survey_faults(ctx, seen)),
                ("3 dynamodb: results", lambda: results_faults(ctx, seen)),
                ("4 bad files", lambda: bad_files(ctx, seen)),
                ("5 flood", lambda: flood(ctx, seen, residents_count, urls)),
            ]
            with (
                atomic_dynamodb(),
                survey_instances(instances, out, time_limit + 60) as urls,
                functions_output(log_file),
            ):
                for name, scenario in scenarios:
                    ctx.in_time()
                    try:
                        scenario()
                    except TimeLimitError:
                        raise
                    except Exception as error:  # noqa: BLE001 - a scenario that broke did not hold
                        from shared.platform.redaction import redact

                        ctx.check(
                            name, "(the scenario itself failed)", False, redact(repr(error))[:300]
                        )
            personal_data_in_logs(ctx, [log_file, *sorted(out.glob("survey-*.log"))])
            return ctx.checks
    finally:
        server.shutdown()
        server.server_close()


def table(checks: list[Check]) -> str:
    """The checks as a Markdown table."""
    lines = [
        "| scenario | what was tried | what held | numbers |",
        "| --- | --- | --- | --- |",
    ]
    for c in checks:
        cells = (c.scenario, c.tried, "yes" if c.held else "NO", c.numbers)
        lines.append("| " + " | ".join(x.replace("|", "/") for x in cells) + " |")
    return "\n".join(lines)


def _summary() -> str:
    import local.faults

    return (local.faults.__doc__ or "").splitlines()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make faults", description=_summary())
    parser.add_argument("--residents", type=int, default=50, help="concurrent residents (50)")
    parser.add_argument(
        "--time-limit", type=float, default=180.0, help="seconds before giving up (180)"
    )
    parser.add_argument(
        "--instances", type=int, default=4, help="survey server processes for the residents (4)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / ".local" / "faults")
    parser.add_argument("--serve-instance", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_instance:
        return serve_instance(args.serve_instance, args.time_limit)
    if not 1 <= args.residents <= 500:
        parser.error("--residents must be between 1 and 500")
    if not 1 <= args.instances <= 16:
        parser.error("--instances must be between 1 and 16")
    started = time.monotonic()
    # a hard stop, even if a request hangs: the program must end by itself
    watchdog = threading.Timer(args.time_limit + 30, lambda: os._exit(2))
    watchdog.daemon = True
    watchdog.start()
    try:
        checks = run(args.residents, args.time_limit, args.out.resolve(), args.instances)
    except TimeLimitError:
        print(f"faults: the time limit of {args.time_limit:.0f} s was reached", file=sys.stderr)
        return 2
    finally:
        watchdog.cancel()
    print(table(checks))
    print(NOTES)
    failed = [c for c in checks if not c.held]
    print(
        f"\n{len(checks) - len(failed)}/{len(checks)} held in {time.monotonic() - started:.0f} s"
        f"; the functions' logs: {args.out / 'functions.log'}"
    )
    return 1 if failed else 0
