"""The canary (shared/canary.py) passes only on the survey function's own unknown-link page,
reached through a real HTTP server, and fails on every other answer a broken hop would give."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from shared import canary


def test_the_real_survey_answers_the_synthetic_link_with_its_page() -> None:
    from local.server import serving
    from shared.platform import settings, store

    with serving() as (server, emulator):
        invitations = store.table(emulator.env[settings.INVITATIONS_TABLE])
        before = invitations.scan()["Count"]
        walk = canary.walk(server.url)
        after = invitations.scan()["Count"]
    assert (walk.passed, walk.status, walk.reason) == (True, 404, "ok")
    assert before == after  # nothing written


def test_the_survey_failing_its_table_fails_the_walk() -> None:
    from local.server import serving
    from shared.platform import settings, store

    with serving() as (server, emulator):
        store.client("dynamodb").delete_table(TableName=emulator.env[settings.INVITATIONS_TABLE])
        walk = canary.walk(server.url)
    assert (walk.passed, walk.status, walk.reason) == (False, 503, "survey_unavailable")


class _Fixed(BaseHTTPRequestHandler):
    status = 404
    content_type = "application/json"
    body = b'{"message":"Not Found"}'

    def do_GET(self) -> None:
        self.send_response(self.status)
        self.send_header("Content-Type", self.content_type)
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fixed() -> Iterator[tuple[ThreadingHTTPServer, type[_Fixed]]]:
    handler = type("Handler", (_Fixed,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, handler
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("status", "content_type", "body", "reason"),
    [
        (404, "application/json", b'{"message":"Not Found"}', "not_the_survey"),  # API GW
        (404, "text/html", b"<h1>404 Not Found</h1>", "not_the_survey_page"),  # CloudFront/S3
        (403, "text/html", b"<h1>Request blocked</h1>", "status_403"),  # WAF
        (500, "application/json", b'{"message":"Internal Server Error"}', "status_500"),
        (200, "text/html", b"<form>", "status_200"),  # a token that should not exist did
    ],
)
def test_any_other_answer_fails(
    fixed: tuple[ThreadingHTTPServer, type[_Fixed]],
    status: int,
    content_type: str,
    body: bytes,
    reason: str,
) -> None:
    server, handler = fixed
    handler.status, handler.content_type, handler.body = status, content_type, body
    walk = canary.walk(f"http://127.0.0.1:{server.server_address[1]}")
    assert (walk.passed, walk.reason) == (False, reason)


def test_no_answer_at_all_fails() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Fixed)
    port = server.server_address[1]
    server.server_close()  # nothing listens there now
    walk = canary.walk(f"http://127.0.0.1:{port}", timeout=2)
    assert (walk.passed, walk.status, walk.reason) == (False, None, "no_answer")


def test_the_handler_emits_the_result_and_never_the_link(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    from functions.canary import handler as canary_handler
    from local.server import LocalContext
    from shared.core import tokens

    issued: list[str] = []
    real = tokens.new_token

    def remembered() -> str:
        issued.append(real())
        return issued[-1]

    monkeypatch.setattr(tokens, "new_token", remembered)
    monkeypatch.setenv("SURVEY_BASE_URL", "http://127.0.0.1:9")  # discard port: no answer
    monkeypatch.setenv("POWERTOOLS_METRICS_NAMESPACE", "Servicematning")
    result = canary_handler.handler({}, LocalContext(function_name="canary"))
    output = capsys.readouterr().out + caplog.text
    assert result == {"passed": False, "status": None, "reason": "no_answer"}
    assert '"CanaryPassed":[0.0]' in output
    assert "canary walked" in output
    assert issued
    assert issued[0] not in output
    assert "127.0.0.1:9" not in output
