"""Logger and Metrics, created once and imported by every function; why there is no Tracer.

Every log line passes through ``redact_identifiers`` after it is serialised: whatever a careless
call puts into a message, a field or an exception, no phone number, e-mail address or
personnummer leaves the function in a log line. (Names are not looked for there: in log text a
capitalised word is the name of a thing, "Max retries exceeded"; no log line carries a comment.)

Tracing is Lambda's own (``Tracing.ACTIVE`` in infra/constructs/lambdas.py): the service records
each invocation's initialisation, duration and outcome, and nothing of ours. The X-Ray SDK
(Powertools ``Tracer``) is not used, on purpose: with its defaults it stored handler responses
(a re-rendered form holds the resident's comment and token) and exceptions as trace metadata,
and its botocore patch stored AWS error texts (SES quotes the recipient) and S3 object keys (a
municipality's file name); trace retention is 30 days and not ours to shorten. What it would
add here, a subsegment per AWS call, is not worth that or its cold-start cost (importing
the SDK and patching botocore at import: bench/tracing.py). Adding it back must pass
tests/integration/test_traces.py, which scans every trace document each function emits.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools import Logger, Metrics

from shared.platform.redaction import redact_identifiers

SERVICE = "servicematning"
NAMESPACE = "Servicematning"


def _serialise(record: dict[str, Any]) -> str:
    return redact_identifiers(json.dumps(record, default=str, ensure_ascii=False))


logger = Logger(service=SERVICE, json_serializer=_serialise, use_rfc3339=True)
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)
