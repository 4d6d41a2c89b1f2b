"""Logger, Tracer and Metrics, created once and imported by every function.

Every log line passes through ``redact`` after it is serialised: whatever a careless call
puts into a message, a field or an exception, no phone number or e-mail address leaves the
function in a log line.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer

from shared.redaction import redact

SERVICE = "servicematning"
NAMESPACE = "Servicematning"


def _serialise(record: dict[str, Any]) -> str:
    return redact(json.dumps(record, default=str, ensure_ascii=False))


logger = Logger(service=SERVICE, json_serializer=_serialise, use_rfc3339=True)
tracer = Tracer(service=SERVICE)
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)
