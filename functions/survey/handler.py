"""Survey pages: API Gateway HTTP API (v2) → the routes in ``shared.survey.routes``."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.platform.observability import logger, metrics
from shared.survey.routes import app, route_key


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    result = app.resolve(event, context)
    http = event.get("requestContext", {}).get("http", {})
    logger.info(
        "survey request",
        route=route_key(str(http.get("method", "")), str(event.get("rawPath", ""))),
        status=result.get("statusCode"),
    )
    return result
