"""AWS clients, created lazily and cached, so importing code never touches AWS and tests can
point boto3 at the emulator (``AWS_ENDPOINT_URL``) before the first call."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import boto3
from botocore.config import Config

F = TypeVar("F", bound=Callable[..., Any])
_PER_ENVIRONMENT: list[Any] = []


def per_environment(function: F) -> F:
    """``functools.cache`` for what is built from the environment (clients, settings, services):
    one per Lambda container, forgotten by ``reset_clients`` when tests or the local runner
    switch endpoints, tables or credentials within one process."""
    cached = functools.cache(function)
    _PER_ENVIRONMENT.append(cached)
    return cached  # type: ignore[return-value]


_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 3}, connect_timeout=5, read_timeout=10
)


@per_environment
def client(service: str) -> Any:
    return boto3.client(service, config=_CONFIG)  # type: ignore[call-overload]


def regional_client(service: str, region: str | None = None) -> Any:
    """``client(service)``, or one in another region (QuickSight's identity region)."""
    if region is None:
        return client(service)
    return boto3.client(service, region_name=region, config=_CONFIG)  # type: ignore[call-overload]


@per_environment
def dynamodb() -> Any:
    return boto3.resource("dynamodb", config=_CONFIG)


@per_environment
def table(name: str) -> Any:
    return dynamodb().Table(name)


def reset_clients() -> None:
    """Forget everything built from the environment (tests and the local runner do this when
    they switch endpoints, tables or credentials)."""
    for cached in _PER_ENVIRONMENT:
        cached.cache_clear()


def items(operation: Callable[..., Any], **kwargs: Any) -> Iterator[dict[str, Any]]:
    """Every item of a paginated DynamoDB ``Query`` or ``Scan`` (a client's or a table's
    method), page after page, as DynamoDB returns them."""
    while True:
        page = operation(**kwargs)
        yield from page.get("Items", [])
        if "LastEvaluatedKey" not in page:
            return
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def error_code(error: BaseException) -> str:
    """The AWS error code of a botocore ``ClientError`` ("" for any other exception): the one
    place that reads it (tests/unit/architecture/test_one_place.py keeps it so)."""
    return _error_field(error, "Code")


def error_message(error: BaseException) -> str:
    """The AWS error message of a botocore ``ClientError`` ("" for any other exception)."""
    return _error_field(error, "Message")


def _error_field(error: BaseException, name: str) -> str:
    response = getattr(error, "response", None)
    if not isinstance(response, dict):
        return ""
    return str(response.get("Error", {}).get(name, ""))
