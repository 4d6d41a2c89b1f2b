"""AWS clients, created lazily and cached, so importing code never touches AWS and tests can
point boto3 at the emulator (``AWS_ENDPOINT_URL``) before the first call."""

from __future__ import annotations

import functools
from typing import Any

import boto3
from botocore.config import Config

_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 3}, connect_timeout=5, read_timeout=10
)


@functools.cache
def client(service: str) -> Any:
    return boto3.client(service, config=_CONFIG)  # type: ignore[call-overload]


@functools.cache
def dynamodb() -> Any:
    return boto3.resource("dynamodb", config=_CONFIG)


@functools.cache
def table(name: str) -> Any:
    return dynamodb().Table(name)


def reset_clients() -> None:
    """Forget cached clients (tests do this when they switch endpoints or credentials)."""
    for cached in (client, dynamodb, table):
        cached.cache_clear()
