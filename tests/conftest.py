"""Fixtures shared by every tier: the repository paths, and AWS on moto for adapter tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TENANT_CONFIG = ROOT / "config" / "tenants"
REGION = "eu-north-1"

# No test may reach real AWS: fake credentials before anything creates a client.
os.environ.update(
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_SESSION_TOKEN="testing",
    AWS_DEFAULT_REGION=REGION,
    AWS_REGION=REGION,
    POWERTOOLS_METRICS_NAMESPACE="Servicematning",
    POWERTOOLS_TRACE_DISABLED="true",
    POWERTOOLS_DEV="false",
)
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ.pop("AWS_PROFILE", None)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Moto in-process with every table and bucket of the stack; yields the functions' env."""
    from moto import mock_aws

    from local.resources import create_resources, resource_names
    from shared.platform import store

    # an emulator started earlier in this process may have left its endpoint behind
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        store.reset_clients()
        env = resource_names("test")
        create_resources(env, region=REGION)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        yield env
        store.reset_clients()
