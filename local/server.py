"""Serve the real survey handler over HTTP: each request becomes an API Gateway HTTP API
(payload 2.0) event and the handler's result becomes the HTTP response.

    python -m local.server [--port 8000] [--host 127.0.0.1] [--endpoint http://127.0.0.1:5000]

Without ``--endpoint`` (or AWS_ENDPOINT_URL) it starts the moto server itself, with the
stack's tables and the demo municipalities. The demo and the browser tests use
``start_server``.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import errno
import os
import sys
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]

MAX_BODY_BYTES = 1024 * 1024  # API Gateway allows 10 MB; no survey request comes close
TEXT_TYPES = ("application/x-www-form-urlencoded", "text/", "application/json")


@dataclass(frozen=True)
class LocalContext:
    """The parts of a Lambda context that Powertools reads."""

    function_name: str = "survey-local"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = "arn:aws:lambda:eu-north-1:123456789012:function:survey-local"
    aws_request_id: str = "local"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def http_event(
    method: str,
    target: str,
    headers: dict[str, str] | list[tuple[str, str]] | None = None,
    body: bytes | str | None = None,
    source_ip: str = "127.0.0.1",
) -> dict[str, Any]:
    """An API Gateway HTTP API payload-2.0 event for ``method target`` (path plus query)."""
    parts = urlsplit(target)
    path = parts.path or "/"
    pairs = headers.items() if isinstance(headers, dict) else (headers or [])
    joined: dict[str, str] = {}
    cookies: list[str] = []
    for name, value in pairs:
        key = name.lower()
        if key == "cookie":
            cookies += [c.strip() for c in value.split(";") if c.strip()]
            continue
        joined[key] = f"{joined[key]},{value}" if key in joined else value
    now = time.time()
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": parts.query,
        "headers": joined,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "local",
            "domainName": joined.get("host", "127.0.0.1"),
            "domainPrefix": "local",
            "http": {
                "method": method.upper(),
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": source_ip,
                "userAgent": joined.get("user-agent", ""),
            },
            "requestId": uuid.uuid4().hex,
            "routeKey": "$default",
            "stage": "$default",
            "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "timeEpoch": int(now * 1000),
        },
        "isBase64Encoded": False,
    }
    if cookies:
        event["cookies"] = cookies
    if parts.query:
        query: dict[str, str] = {}
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            query[key] = f"{query[key]},{value}" if key in query else value
        event["queryStringParameters"] = query
    if body:
        raw = body.encode("utf-8") if isinstance(body, str) else body
        content_type = joined.get("content-type", "")
        try:
            if not content_type.startswith(TEXT_TYPES):
                raise UnicodeDecodeError("utf-8", raw, 0, 0, "not a text type")
            event["body"] = raw.decode("utf-8")
        except UnicodeDecodeError:
            event["body"] = base64.b64encode(raw).decode("ascii")
            event["isBase64Encoded"] = True
    return event


def http_response(result: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body of a handler's payload-2.0 result."""
    status = int(result.get("statusCode", 200))
    headers: list[tuple[str, str]] = []
    for name, value in (result.get("headers") or {}).items():
        values = value if isinstance(value, list) else [value]
        headers += [(name, str(v)) for v in values]
    for name, values in (result.get("multiValueHeaders") or {}).items():
        headers += [(name, str(v)) for v in values]
    headers += [("Set-Cookie", cookie) for cookie in result.get("cookies") or []]
    body = result.get("body") or ""
    raw = base64.b64decode(body) if result.get("isBase64Encoded") else str(body).encode("utf-8")
    return status, headers, raw


class _RequestHandler(BaseHTTPRequestHandler):
    server: SurveyHTTPServer
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self.send_error(413, "Request body too large")
            return
        body = self.rfile.read(length) if length else b""
        event = http_event(
            self.command,
            self.path,
            list(self.headers.items()),
            body,
            source_ip=self.client_address[0],
        )
        try:
            with self.server.lock:  # Lambda serves one request per instance at a time
                result = self.server.handler(event, LocalContext(aws_request_id=uuid.uuid4().hex))
        except Exception as error:  # noqa: BLE001 - API Gateway answers a crashed function so
            sys.stderr.write(f"function error: {type(error).__name__}\n")
            self.send_error(502, "Bad Gateway")
            return
        status, headers, raw = http_response(result)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(raw)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _serve

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.quiet:
            return
        # the request line carries the token: log the route key instead
        from shared.survey.routes import route_key

        path = urlsplit(self.path).path
        status = args[1] if len(args) > 1 else "-"
        sys.stderr.write(f"{route_key(self.command, path)} {status}\n")


class SurveyHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver queues 5 pending connections by default: 50 residents at once were reset
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], handler: Handler, quiet: bool = False) -> None:
        super().__init__(address, _RequestHandler)
        self.handler = handler
        self.lock = threading.Lock()
        self.quiet = quiet

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


def _survey_handler() -> Handler:
    from functions.survey.handler import handler

    return handler


def start_server(
    port: int = 0, host: str = "127.0.0.1", handler: Handler | None = None, quiet: bool = True
) -> SurveyHTTPServer:
    """Serve ``handler`` (default: the survey function) in a background thread; port 0 picks
    a free port (``server.url``). Stop it with ``server.shutdown()``."""
    server = SurveyHTTPServer((host, port), handler or _survey_handler(), quiet=quiet)
    threading.Thread(target=server.serve_forever, name="survey-http", daemon=True).start()
    return server


@contextlib.contextmanager
def serving(port: int = 0, host: str = "127.0.0.1") -> Iterator[tuple[SurveyHTTPServer, Any]]:
    """The survey server on loopback (port 0: a free one), backed by a fresh emulator with the
    demo municipalities; stopped afterwards, with the environment as it was before."""
    from local.environment import TENANT_DIR, emulated

    with emulated(tenant_dir=TENANT_DIR) as emulator:
        server = start_server(port=port, host=host)
        try:
            yield server, emulator
        finally:
            server.shutdown()
            server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the survey pages locally.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("SURVEY_PORT", "8000")))
    parser.add_argument(
        "--endpoint",
        default=os.environ.get("AWS_ENDPOINT_URL"),
        help="a running moto server (default: start one with the demo municipalities)",
    )
    args = parser.parse_args(argv)
    try:
        server = SurveyHTTPServer((args.host, args.port), _survey_handler())
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            print(
                f"port {args.port} on {args.host} is already in use: stop what runs there "
                f"or choose another with --port (or SURVEY_PORT)",
                file=sys.stderr,
            )
            return 2
        raise
    # a page view publishes no metric, and Powertools would warn about that on every request
    warnings.filterwarnings("ignore", "No application metrics to publish", UserWarning)
    with contextlib.ExitStack() as stack:
        if args.endpoint:
            os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
            os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", "Servicematning")
            os.environ["AWS_ENDPOINT_URL"] = args.endpoint
        else:
            from local.environment import TENANT_DIR, emulated

            emulator = stack.enter_context(emulated(tenant_dir=TENANT_DIR))
            print(f"moto server on {emulator.endpoint}", file=sys.stderr)
        stack.callback(server.server_close)
        print(f"survey pages on {server.url} (about: {server.url}/om); Ctrl-C stops", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
