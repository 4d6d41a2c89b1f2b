"""The local AWS: a moto server on loopback with the stack's tables and buckets and the demo
municipalities, for the demo, the local survey server and the browser tests.

    emulator = start_emulator()        # sets AWS_ENDPOINT_URL and the functions' env vars
    ...                                # run handlers in-process against it
    emulator.stop()
"""

from __future__ import annotations

import logging
import os
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


@dataclass
class Emulator:
    server: Any  # moto.server.ThreadedMotoServer
    endpoint: str
    env: dict[str, str] = field(default_factory=dict)
    environ: Any = None  # the mapping start_emulator changed
    previous: dict[str, str | None] = field(default_factory=dict)  # its values before

    def stop(self) -> None:
        """Stop moto and put back the environment as it was, so nothing (a later test in
        the same process) keeps pointing boto3 at a server that is gone."""
        self.server.stop()
        for key, value in self.previous.items():
            if value is None:
                self.environ.pop(key, None)
            else:
                self.environ[key] = value
        from shared.platform import store

        store.reset_clients()


def start_emulator(
    port: int = 0,
    prefix: str = "servicematning",
    region: str = REGION,
    tenant_dir: Path | None = TENANT_DIR,
    environ: Any = None,
) -> Emulator:
    """Start moto on 127.0.0.1 (``port`` 0 = any free port), point boto3 at it, create the
    resources and store the municipalities from ``tenant_dir``. Updates ``environ``
    (default ``os.environ``) with the endpoint, fake credentials and resource names."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per AWS call otherwise

    from shared.core.tenants import load_tenant_dir
    from shared.platform import settings, store
    from shared.platform.tenant_store import TenantStore

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    host, bound = server.get_host_and_port()
    endpoint = f"http://{host}:{bound}"
    # moto keeps its state per process, not per server: an emulator started earlier in this
    # process (a test, a demo run) would leave its tables behind
    _reset(endpoint)
    env = resource_names(prefix)
    target = os.environ if environ is None else environ
    changed = [*FAKE_CREDENTIALS, *env, "AWS_ENDPOINT_URL", "AWS_DEFAULT_REGION", "AWS_REGION"]
    previous = {key: target.get(key) for key in changed}
    for key, value in FAKE_CREDENTIALS.items():
        target.setdefault(key, value)
    target.update(env)
    target.update(AWS_ENDPOINT_URL=endpoint, AWS_DEFAULT_REGION=region, AWS_REGION=region)
    store.reset_clients()
    create_resources(env, region=region)
    if tenant_dir is not None:
        tenants = load_tenant_dir(tenant_dir).values()
        TenantStore(store.table(env[settings.TENANTS_TABLE])).put(tenants)
    return Emulator(server=server, endpoint=endpoint, env=env, environ=target, previous=previous)


def _reset(endpoint: str) -> None:
    import urllib.request

    request = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=10):  # noqa: S310 - our own loopback server
        pass
