"""The survey servers the scenarios talk to: one in this process (where the fault hooks are)
and instances in processes of their own, as Lambda runs them; DynamoDB requests made atomic.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from local.demo import (
    ROOT,
)

BACKLOG = 256  # pending connections the survey server accepts (socketserver's default is 5)


def survey_server() -> Any:
    """local.server's survey server, with a listen backlog for N residents arriving at once
    (socketserver's default of 5 resets connections beyond it; API Gateway has no such limit)."""
    from functions.survey.handler import handler
    from local.server import SurveyHTTPServer

    class Server(SurveyHTTPServer):
        request_queue_size = BACKLOG

    server = Server(("127.0.0.1", 0), handler, quiet=True)
    threading.Thread(target=server.serve_forever, name="survey-http", daemon=True).start()
    return server


def serve_instance(url_file: Path, lifetime: float) -> int:
    """One survey instance in its own process (``--serve-instance``): serves until its stdin
    closes (the parent is done, or gone) or ``lifetime`` seconds have passed."""
    warnings.filterwarnings("ignore", message="No application metrics to publish")
    server = survey_server()
    partial = url_file.with_suffix(".partial")
    partial.write_text(server.url, encoding="utf-8")
    partial.replace(url_file)
    closed = threading.Event()

    def watch_stdin() -> None:
        sys.stdin.read()
        closed.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    closed.wait(lifetime)
    server.shutdown()
    server.server_close()
    return 0


@contextlib.contextmanager
def survey_instances(count: int, out: Path, lifetime: float) -> Iterator[list[str]]:
    """``count`` survey servers, each its own process serving one request at a time, as
    Lambda instances do (one process cannot: the resolver keeps the current event globally).
    They use the emulator this process runs (AWS_ENDPOINT_URL in the environment)."""
    import subprocess

    processes: list[subprocess.Popen[bytes]] = []
    command = [sys.executable, "-m", "local.faults", "--serve-instance"]
    files = [out / f"survey-{n}.url" for n in range(count)]
    try:
        for n, url_file in enumerate(files):
            url_file.unlink(missing_ok=True)
            with (out / f"survey-{n}.log").open("wb") as log:
                processes.append(
                    subprocess.Popen(  # noqa: S603 - this interpreter, this module
                        [*command, str(url_file), "--time-limit", str(lifetime)],
                        stdin=subprocess.PIPE,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        cwd=ROOT,
                    )
                )
        waited_until = time.monotonic() + 60
        while not all(f.exists() for f in files):
            if time.monotonic() > waited_until or any(p.poll() is not None for p in processes):
                raise RuntimeError("a survey instance did not start (see survey-*.log)")
            time.sleep(0.1)
        yield [f.read_text(encoding="utf-8") for f in files]
    finally:
        for process in processes:
            if process.stdin:
                process.stdin.close()  # the instance's signal to stop
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def atomic_dynamodb() -> Iterator[None]:
    """Make each DynamoDB request atomic in the moto server this process runs, as each
    DynamoDB request is: moto applies a transaction by backing up and restoring whole tables,
    so a failing transaction in one thread could undo another thread's write. The requests of
    different survey instances still race each other; only their effects are serialized."""
    from moto.dynamodb.models import DynamoDBBackend

    one_at_a_time = threading.RLock()
    names = (
        "transact_write_items",
        "get_item",
        "put_item",
        "update_item",
        "delete_item",
        "batch_write_item",
        "query",
        "scan",
    )
    originals = {name: getattr(DynamoDBBackend, name) for name in names}

    def locked(original: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            with one_at_a_time:
                return original(*args, **kwargs)

        return call

    for name, original in originals.items():
        setattr(DynamoDBBackend, name, locked(original))
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(DynamoDBBackend, name, original)
