"""Entry points of the dispatch and purge functions, wired from the environment."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from shared.core.models import Channel
from shared.core.tenants import InvalidTenantSettings, UnknownTenant
from shared.dispatch.norepeat import NoRepeatKeys
from shared.dispatch.planning import local_time, utc_now
from shared.dispatch.reconcile import reconcile
from shared.dispatch.run import Dispatcher, Pacer, emit_metrics
from shared.dispatch.tables import CLAIM_CHUNK, DispatchTables
from shared.messages.senders import AwsSender, Sender
from shared.platform import isolation, store
from shared.platform.metric_names import Metric
from shared.platform.observability import logger, metrics
from shared.platform.settings import DispatchSettings, PurgeSettings
from shared.platform.tenant_store import TenantStore

MARGIN_SECONDS = 10.0  # for the DynamoDB calls around the last chunk
DEFAULT_MAX_HOLDING_HOURS = 72  # for contacts of a municipality no longer configured
PURGE_STAGE = "purge"  # shared.platform.isolation's stage


class TenantsFailedError(RuntimeError):
    """Some municipalities' dispatch failed; every other one was served. Raised after the run
    (its counts and metrics are out), so the invocation counts as failed and alarms."""

    def __init__(self, report: dict[str, Any]) -> None:
        failed = report["failed_tenants"]
        super().__init__(
            f"dispatch failed for {len(failed)} municipalities: "
            + ", ".join(f"{k} ({v})" for k, v in sorted(failed.items()))
        )
        self.report = report


class RunFailedError(RuntimeError):
    """A run failed; the original error is logged (redacted) and not passed on, because the
    Lambda runtime prints an uncaught exception's text without our redaction."""

    def __init__(self, run: str, error: BaseException) -> None:
        super().__init__(f"{run} failed: {type(error).__name__} (details in the redacted log)")


@contextmanager
def sanitised_errors(run: str) -> Iterator[None]:
    """Let no exception text (which could quote an address) reach the runtime's own log."""
    try:
        yield
    except Exception as error:  # noqa: BLE001 - logged whole (redacted), re-raised by type
        logger.exception(f"{run} failed")  # the logger redacts the traceback's text
        raise RunFailedError(run, error) from None


def _tables(settings: DispatchSettings | PurgeSettings) -> DispatchTables:
    """The tables dispatch and the purge share (the purge also settles crashed sends)."""
    return DispatchTables(
        store.dynamodb().meta.client,
        settings.contacts_table,
        settings.invitations_table,
        settings.counters_table,
        totals_table=settings.totals_table,
        releases_table=getattr(settings, "releases_table", ""),
    )


def dispatch(
    now: datetime | None = None,
    remaining_ms: int | None = None,
    sender: Sender | None = None,
) -> dict[str, Any]:
    """One dispatch run over every configured tenant; returns the run's counts (no PII)."""
    settings = DispatchSettings.from_env()
    tables = _tables(settings)
    # the last chunk must finish before the timeout: a chunk at the slower channel's pace
    chunk_seconds = CLAIM_CHUNK / min(settings.sms_per_second, settings.email_per_second)
    deadline = (
        time.monotonic() + max(0.0, remaining_ms / 1000 - chunk_seconds - MARGIN_SECONDS)
        if remaining_ms is not None
        else float("inf")
    )
    dispatcher = Dispatcher(
        tables,
        sender or AwsSender.default(settings.ses_configuration_set),
        settings.survey_base_url,
        pacers={
            Channel.SMS: Pacer(settings.sms_per_second),
            Channel.EMAIL: Pacer(settings.email_per_second),
        },
        deadline=deadline,
        no_repeat=NoRepeatKeys(store.client("ssm"), settings.no_repeat_key_prefix),
    )
    tenants = TenantStore(store.table(settings.tenants_table))
    report = dispatcher.run(tenants.all(), now or utc_now())
    emit_metrics(report)
    metrics.add_metric(
        name="TenantsInWindow", unit=MetricUnit.Count, value=report.tenants - report.outside_window
    )
    metrics.add_metric(
        name="TenantsFailed", unit=MetricUnit.Count, value=len(report.failed_tenants)
    )
    if report.failed_tenants:
        raise TenantsFailedError(report.as_json())
    return report.as_json()


@dataclass(frozen=True)
class PurgeReport:
    scanned: int
    purged: int
    by_tenant: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return {"scanned": self.scanned, "purged": self.purged, "by_tenant": self.by_tenant}


def _max_holding_hours(tenants: TenantStore, kommunkod: str) -> int:
    """The municipality's maximum holding time; the default when its settings are unknown, do
    not validate or cannot be read (recorded by the boundary): the purge never stops for one."""
    with isolation.municipality(PURGE_STAGE, kommunkod):
        try:
            return tenants.get(kommunkod).max_holding_hours
        except (UnknownTenant, InvalidTenantSettings):
            pass
    return DEFAULT_MAX_HOLDING_HOURS


def purge_contacts(tables: DispatchTables, tenants: TenantStore, now: datetime) -> PurgeReport:
    """Delete every contact held longer than its tenant's maximum (or past its TTL).

    Normally there is none: dispatch deletes each contact when it sends, fails or drops it. A
    non-zero count means dispatch has not run (or not kept up), and the metric raises an alarm.
    """
    epoch = now.timestamp()
    stale: list[dict[str, Any]] = []
    holding: dict[str, int] = {}
    by_tenant: dict[str, int] = {}
    scanned = 0
    for item in tables.all_contact_ages():
        scanned += 1
        tenant = str(item["tenant"])
        if tenant not in holding:
            holding[tenant] = _max_holding_hours(tenants, tenant)
        hours = holding[tenant]
        received = float(item.get("received_at", 0))
        expires = float(item.get("expires_at", epoch + 1))
        if epoch - received > hours * 3600 or expires <= epoch:
            stale.append({"tenant": tenant, "contact_id": item["contact_id"]})
            by_tenant[tenant] = by_tenant.get(tenant, 0) + 1
    tables.delete_contacts(stale)
    return PurgeReport(scanned=scanned, purged=len(stale), by_tenant=by_tenant)


def purge(now: datetime | None = None) -> dict[str, Any]:
    settings = PurgeSettings.from_env()
    tables = _tables(settings)
    tenants = TenantStore(store.table(settings.tenants_table))
    now = now or utc_now()
    report = purge_contacts(tables, tenants, now)
    metrics.add_metric(
        name=Metric.PURGED_STALE_CONTACTS, unit=MetricUnit.Count, value=report.purged
    )
    log = logger.warning if report.purged else logger.info
    log("stale contacts purged", **report.as_json())
    reconciled = reconcile(tables, now.timestamp())
    metrics.add_metric(
        name=Metric.INVITATIONS_RECONCILED, unit=MetricUnit.Count, value=reconciled.reconciled
    )
    log = logger.warning if reconciled.reconciled else logger.info
    log("unsettled invitations reconciled", **reconciled.as_json())
    # the no-repeat keys of ended campaigns: without them the markers point to no one
    keys = NoRepeatKeys(store.client("ssm"), settings.no_repeat_key_prefix)
    valid = list(tenants.all())
    # a municipality whose settings item does not validate keeps its keys until it is fixed:
    # its campaigns, and so which of them have ended, are unknown
    destroyed = keys.destroy_ended(valid, local_time(now).date(), keep=tenants.invalid)
    if destroyed:
        logger.info("no-repeat keys destroyed", campaigns=destroyed)
    return report.as_json() | {
        "keys_destroyed": len(destroyed),
        "reconciliation": reconciled.as_json(),
    }
