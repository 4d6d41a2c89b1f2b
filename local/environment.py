"""One local AWS for everything that runs the functions on this machine: the demo, the survey
server, the fault tests, the privacy audit, the cost model and the benchmarks.

    with emulated(settings={"SURVEY_BASE_URL": url}) as aws:  # a moto server on loopback
        run(aws.env, aws.endpoint)                           # resource names, the server's URL
    with emulated(in_process=True, prefix="bench") as aws:   # moto inside this process
        ...

On entry: a moto server starts on 127.0.0.1 (``port`` 0: any free one) and is reset (moto keeps
its state per process, not per server: an emulator started earlier in this process would leave
its tables behind), or ``mock_aws`` starts in this process. The environment gets fake
credentials, the region, the server's endpoint (in process: none, since a shell's
``AWS_ENDPOINT_URL``, e.g. the demo's, would send boto3 past ``mock_aws`` to a server), the
functions' defaults unless already set (tracing off, the project's metric namespace), the
resource names and ``settings``. The cached clients are forgotten, the stack's tables and
buckets are created from shared/platform/resources.py (``local.resources``) and the
municipalities of ``tenant_dir`` are stored.

On exit, whatever happened inside: the emulator stops, every variable entry set is put back as
it was (a later run in the same process, a test, never points boto3 at a server that is gone)
and the cached clients are forgotten again.
"""

from __future__ import annotations

import logging
import os
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from local.resources import create_resources, resource_names

ROOT = Path(__file__).resolve().parent.parent
TENANT_DIR = ROOT / "config" / "tenants"
REGION = "eu-north-1"
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_SESSION_TOKEN": "local",
}
# What Lambda's configuration gives every function (infra/constructs/lambdas.py), unless the
# caller's environment says otherwise.
FUNCTION_DEFAULTS = {
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_METRICS_NAMESPACE": "Servicematning",
}


@dataclass
class LocalAWS:
    """The running emulator: the functions' resource names (env key → table or bucket name),
    the moto server's URL (None in process) and the municipalities stored."""

    env: dict[str, str]
    endpoint: str | None
    region: str = REGION
    tenants: list[Any] = field(default_factory=list)  # shared.core.tenants.Tenant


@contextmanager
def emulated(
    *,
    in_process: bool = False,
    port: int = 0,
    prefix: str = "servicematning",
    region: str = REGION,
    tenant_dir: Path | None = None,
    settings: Mapping[str, str] | None = None,
) -> Iterator[LocalAWS]:
    """The local AWS for the ``with`` block (see the module's opening). ``settings``: the
    caller's own environment variables (the survey's base URL, a rate, a budget), set for the
    block and put back afterwards."""
    with ExitStack() as stack:
        endpoint = None
        if in_process:
            from moto import mock_aws

            stack.enter_context(mock_aws())
        else:
            endpoint = _start_server(stack, port)
        env = resource_names(prefix)
        location = {"AWS_DEFAULT_REGION": region, "AWS_REGION": region}
        if endpoint is not None:
            location["AWS_ENDPOINT_URL"] = endpoint
        stack.enter_context(
            _environment(
                {**FAKE_CREDENTIALS, **location, **env, **(settings or {})},
                defaults=FUNCTION_DEFAULTS,
                removed=() if endpoint else ("AWS_ENDPOINT_URL",),
            )
        )
        _reset_clients()
        stack.callback(_reset_clients)
        create_resources(env, region=region)
        tenants = _store_tenants(env, tenant_dir) if tenant_dir is not None else []
        yield LocalAWS(env=env, endpoint=endpoint, region=region, tenants=tenants)


def _start_server(stack: ExitStack, port: int) -> str:
    """A moto server on loopback, reset, stopped when ``stack`` closes; its URL."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per AWS call otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    stack.callback(server.stop)
    host, bound = server.get_host_and_port()
    endpoint = f"http://{host}:{bound}"
    request = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=10):  # noqa: S310 - our own loopback server
        pass
    return endpoint


@contextmanager
def _environment(
    values: Mapping[str, str], defaults: Mapping[str, str], removed: tuple[str, ...]
) -> Iterator[None]:
    """Set ``values``, set ``defaults`` where unset, drop ``removed``; put all back after."""
    keys = [*values, *defaults, *removed]
    previous = {key: os.environ.get(key) for key in keys}
    try:
        for key in removed:
            os.environ.pop(key, None)
        for key, value in defaults.items():
            os.environ.setdefault(key, value)
        os.environ.update(values)
        yield
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _reset_clients() -> None:
    """Forget every client and resource built from the environment (the tables' and the
    senders'), so the next call builds one against this emulator."""
    from shared.messages.senders import reset_send_clients
    from shared.platform import store

    store.reset_clients()
    reset_send_clients()


def _store_tenants(env: dict[str, str], tenant_dir: Path) -> list[Any]:
    from shared.core.tenants import load_tenant_dir
    from shared.platform import settings, store
    from shared.platform.tenant_store import TenantStore

    tenants = list(load_tenant_dir(tenant_dir).values())
    TenantStore(store.table(env[settings.TENANTS_TABLE])).put(tenants)
    return tenants
