"""local/server.py: HTTP requests become API Gateway v2 events and results become responses."""

from __future__ import annotations

import base64
import json
import os
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from local.server import http_event, http_response, main, start_server


def test_the_event_has_the_http_api_v2_shape() -> None:
    event = http_event(
        "post",
        "/s/abc?lang=en&x=1&x=2",
        [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("X-A", "1"),
            ("x-a", "2"),
            ("Cookie", "a=1; b=2"),
        ],
        "q=1",
        source_ip="127.0.0.9",
    )

    assert event["version"] == "2.0"
    assert event["rawPath"] == "/s/abc"
    assert event["rawQueryString"] == "lang=en&x=1&x=2"
    assert event["queryStringParameters"] == {"lang": "en", "x": "1,2"}
    assert event["headers"] == {"content-type": "application/x-www-form-urlencoded", "x-a": "1,2"}
    assert event["cookies"] == ["a=1", "b=2"]
    http = event["requestContext"]["http"]
    assert (http["method"], http["path"], http["sourceIp"]) == ("POST", "/s/abc", "127.0.0.9")
    assert (event["body"], event["isBase64Encoded"]) == ("q=1", False)


def test_binary_bodies_are_base64_encoded() -> None:
    event = http_event("POST", "/", {"content-type": "application/octet-stream"}, b"\xff\x00")

    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == b"\xff\x00"


def test_results_become_status_headers_and_body() -> None:
    status, headers, body = http_response(
        {
            "statusCode": 201,
            "headers": {"Content-Type": "text/plain"},
            "cookies": ["a=1"],
            "body": base64.b64encode(b"hi").decode(),
            "isBase64Encoded": True,
        }
    )

    assert (status, body) == (201, b"hi")
    assert ("Content-Type", "text/plain") in headers
    assert ("Set-Cookie", "a=1") in headers


def _echo(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(event),
    }


def test_a_running_server_hands_requests_to_the_handler() -> None:
    server = start_server(handler=_echo)
    try:
        request = urllib.request.Request(
            f"{server.url}/s/tok?lang=sv",
            data=b"a=1",
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        with urllib.request.urlopen(request) as response:
            event = json.loads(response.read())
    finally:
        server.shutdown()
        server.server_close()

    assert event["requestContext"]["http"]["method"] == "POST"
    assert event["rawPath"] == "/s/tok"
    assert event["body"] == "a=1"


def test_a_taken_port_gets_a_clear_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        code = main(["--port", str(port), "--endpoint", "http://127.0.0.1:9"])

    assert code == 2
    err = capsys.readouterr().err
    assert f"port {port}" in err
    assert "already in use" in err
    assert "--port" in err
    assert "AWS_ENDPOINT_URL" not in os.environ  # nothing changed for whoever runs next


@pytest.fixture
def served() -> Iterator[str]:
    from local.server import serving

    with serving() as (server, _):
        yield server.url


@pytest.mark.filterwarnings("ignore:No application metrics to publish:UserWarning")
def test_the_real_handler_on_the_moto_server(served: str) -> None:
    with urllib.request.urlopen(f"{served}/om?k=1980") as response:
        page = response.read().decode()
        headers = response.headers

    assert "Västerås stad" in page
    assert headers["Referrer-Policy"] == "no-referrer"
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{served}/s/{'A' * 22}")
    assert missing.value.code == 404


def test_serving_leaves_the_environment_as_it_found_it(monkeypatch) -> None:
    from local.server import serving

    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("TENANTS_TABLE", "someone-elses")
    with serving() as (_, emulator):
        assert os.environ["AWS_ENDPOINT_URL"] == emulator.endpoint
        assert os.environ["TENANTS_TABLE"] != "someone-elses"
    assert "AWS_ENDPOINT_URL" not in os.environ
    assert os.environ["TENANTS_TABLE"] == "someone-elses"


def test_a_crashed_function_is_a_502_page_not_a_dropped_connection() -> None:
    def crash(event: dict[str, Any], context: Any) -> dict[str, Any]:
        raise RuntimeError("token abc123 in a traceback")

    server = start_server(handler=crash)
    try:
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(server.url + "/s/abc", timeout=10)
        assert caught.value.code == 502
        body = caught.value.read().decode()
        assert "abc123" not in body
        assert "Traceback" not in body
    finally:
        server.shutdown()
        server.server_close()
