"""Fixtures the ingest's test modules share: the handler's two triggers, and its log lines."""

from tests.integration.dispatch.conftest import log_output
from tests.integration.ingest.test_ingest_handler import draw, run_handler

__all__ = ["draw", "log_output", "run_handler"]
