"""EventBridge schedule (every 5 minutes) → the canary (shared.canary.walk).

Walks the public path with a synthetic link that names no invitation, then emits CanaryPassed
(1/0) and CanaryMilliseconds; the CanaryFailing alarm fires on two failures in a row or on no
data (docs/operations.md). A failed walk is a result, not an error: the function succeeds so
that the alarm, not a retry, reports it.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared import canary
from shared.platform import settings
from shared.platform.metric_names import Metric
from shared.platform.observability import logger, metrics


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    config = settings.CanarySettings.from_env()
    result = canary.walk(config.survey_base_url)
    metrics.add_metric(name=Metric.CANARY_PASSED, unit=MetricUnit.Count, value=int(result.passed))
    metrics.add_metric(
        name=Metric.CANARY_MILLISECONDS, unit=MetricUnit.Milliseconds, value=result.milliseconds
    )
    log = logger.info if result.passed else logger.warning
    log("canary walked", passed=result.passed, status=result.status, reason=result.reason)
    return {"passed": result.passed, "status": result.status, "reason": result.reason}
