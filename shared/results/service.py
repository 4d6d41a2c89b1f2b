"""One recompute: read everything, compute the figures, export them. Used by the scheduled
function and by ``servicematning report``, so the dashboard and the report cannot disagree."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shared import resources, store
from shared.observability import logger
from shared.results import export, source
from shared.results.figures import Figures, Response, compute
from shared.settings import ResultsSettings
from shared.tenants import Tenant, TenantStore

SCHEDULE_MINUTES = resources.RESULTS_EVERY_MINUTES


@dataclass
class Snapshot:
    figures: Figures
    responses: list[Response]
    malformed: int


def load(
    responses_table: str,
    invitations_table: str,
    tenants: Mapping[str, Tenant],
    client: Any = None,
) -> Snapshot:
    responses, bad_responses = source.read_responses(responses_table, client=client)
    invitations, bad_invitations = source.read_invitations(invitations_table, client=client)
    figures = compute(responses, invitations, tenants)
    return Snapshot(figures, responses, bad_responses + bad_invitations)


def tenants_from_table(table_name: str) -> dict[str, Tenant]:
    return {t.kommunkod: t for t in TenantStore(store.table(table_name)).all()}


def recompute(settings: ResultsSettings) -> dict[str, int | float]:
    """Recompute the whole country and export it; returns counts for the log and metrics."""
    started = time.monotonic()
    tenants = tenants_from_table(settings.tenants_table)
    snapshot = load(settings.responses_table, settings.invitations_table, tenants)
    contents = export.objects(snapshot.figures, snapshot.responses, tenants)
    written = export.write(settings.analytics_bucket, contents)
    summary: dict[str, int | float] = {
        "tenants": len(tenants),
        "responses": len(snapshot.responses),
        "malformed": snapshot.malformed,
        "skipped": snapshot.figures.skipped,
        "cells": len(snapshot.figures.rows),
        "suppressed": sum(r.suppressed for r in snapshot.figures.rows),
        "objects_written": written.written,
        "objects_unchanged": written.unchanged,
        "objects_removed": written.removed,
        "seconds": round(time.monotonic() - started, 2),
    }
    logger.info("results exported", extra=summary)
    return summary
