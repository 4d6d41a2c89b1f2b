"""``preflight``'s themes-model check against the Bedrock control plane (botocore's Stubber:
moto has no GetFoundationModelAvailability)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from shared.cli.preflight import check_themes_model

MODEL = "amazon.nova-lite-v1:0"
READY = {
    "modelId": MODEL,
    "agreementAvailability": {"status": "AVAILABLE"},
    "authorizationStatus": "AUTHORIZED",
    "entitlementAvailability": "AVAILABLE",
    "regionAvailability": "AVAILABLE",
}


def _check(answer: dict[str, Any] | None, code: str = "") -> list[Any]:
    client = boto3.client(
        "bedrock", region_name="eu-north-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stub:
        if answer is None:
            stub.add_client_error("get_foundation_model_availability", service_error_code=code)
        else:
            stub.add_response("get_foundation_model_availability", answer, {"modelId": MODEL})
        return check_themes_model(client, MODEL)


def test_no_model_no_check() -> None:
    assert check_themes_model(object(), None) == []


def test_a_ready_model_passes() -> None:
    [result] = _check(READY)
    assert result.passed
    assert result.line().startswith("PASS  themes-model")


@pytest.mark.parametrize(
    ("change", "en"),
    [
        ({"regionAvailability": "NOT_AVAILABLE"}, "not in the region"),
        ({"authorizationStatus": "NOT_AUTHORIZED"}, "not authorised"),
        ({"entitlementAvailability": "NOT_AVAILABLE"}, "no access"),
        ({"agreementAvailability": {"status": "PENDING"}}, "agreement is not accepted"),
    ],
)
def test_each_missing_access_fails_by_name(change: dict[str, Any], en: str) -> None:
    [result] = _check(READY | change)
    assert not result.passed
    assert en in result.en
    assert result.sv


def test_a_refused_call_fails_with_its_code() -> None:
    [result] = _check(None, "AccessDeniedException")
    assert not result.passed
    assert "AccessDeniedException" in result.line()
