"""EventBridge schedule (every 10 minutes) → recompute every figure and export it to S3.

The event carries nothing the run needs: each run recomputes the whole country from the
tables, so a redelivered or overlapping event only rewrites the same objects.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared import store
from shared.observability import logger, metrics
from shared.results.service import recompute
from shared.settings import ResultsSettings


@store.per_environment
def _settings() -> ResultsSettings:
    return ResultsSettings.from_env()


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, int | float]:
    summary = recompute(_settings())
    metrics.add_metric("ResponsesAggregated", MetricUnit.Count, summary["responses"])
    metrics.add_metric("CellsSuppressed", MetricUnit.Count, summary["suppressed"])
    metrics.add_metric("ObjectsWritten", MetricUnit.Count, summary["objects_written"])
    metrics.add_metric("RecomputeSeconds", MetricUnit.Seconds, summary["seconds"])
    return summary
