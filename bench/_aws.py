"""The environment of a benchmark that runs the real handlers on moto in its own process."""

from __future__ import annotations

import os

REGION = "eu-north-1"


def in_process_aws(**extra: str) -> None:
    """Fake credentials in eu-north-1, tracing off, the project's metric namespace, and no
    ``AWS_ENDPOINT_URL`` (a shell's, e.g. the demo's, would send boto3 past ``mock_aws`` to a
    server); ``extra`` adds the benchmark's own settings."""
    os.environ.update(
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_DEFAULT_REGION=REGION,
        AWS_REGION=REGION,
        POWERTOOLS_TRACE_DISABLED="true",
        POWERTOOLS_METRICS_NAMESPACE="Servicematning",
        **extra,
    )
    os.environ.pop("AWS_ENDPOINT_URL", None)
