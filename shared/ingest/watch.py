"""The upload watch: what tells an operator that a municipality's uploads have gone wrong.

Four conditions, each one alarm over one metric (infra/constructs/monitoring.py), whatever the
number of municipalities: a metric per kommunkod would cost a custom metric per municipality
and condition (290 × 4). Which municipality it is, is in the log line beside the metric (the
kommunkod is not personal data; a file's own name is, and is never logged); the queries that
list them are in docs/operations.md.

- **refused**: a file the ingest refused whole (``REFUSED``: not CSV, too large, too many rows,
  the day full, late, an unknown kommunkod) → ``FilesRefused``, log line ``file processed``;
- **outside its campaigns**: the file's draw day has no campaign (``no_campaign``) →
  ``FilesOutsideCampaign``, the same log line;
- **nothing accepted**: a file read whole whose every row was rejected → ``FilesNothingAccepted``;
- **silent**: a municipality with a campaign today that has sent no file for N Swedish working
  days (``WatchSettings.silence_working_days``, default 2) → ``MunicipalitiesSilent``, one log line
  ``municipality silent`` per municipality. The first three are emitted by the ingest as it
  handles each file (``file_alarms``); the last by the daily watch run (``watch``).

The watch reads one item per municipality, ``last_file#{kommunkod}`` in the files table, which
``shared.ingest.receive`` moves forward with every file: the tenants table (one item each)
and
one BatchGetItem per 100 municipalities, so a run costs the same at 10 thousand files as at 10
million. Working days are Monday to Friday except Sweden's public holidays and the days the
annual leave law counts as Sundays (midsommarafton, julafton, nyårsafton): the ``holidays``
package's Swedish calendar, imported only by the watch run, on its first question. Importing
``holidays.countries.sweden`` still loads every country the package has (302 modules, 4.5 MB in
the watch asset only): about 0.2 s with bytecode and 0.8-1.4 s without, as a python3.12 Lambda
compiles it, once a day (bench/watch.py). The upload path never imports it.

The same daily run delivers the "kontakta mig" digests (``shared.messages.contact_requests``), when
its table is configured: one mail per municipality with requests, shuffled, then the requests
deleted (mark, send, delete), so a repeated run sends nothing twice.

The watch itself is safe to repeat: it reads, counts and logs; it writes nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from shared.core.tenants import Tenant
from shared.core.time import STOCKHOLM_TZ

# The upload alarms' log lines and queries live in shared/ingest/alarms.py (the ingest
# imports that, not this module, so its asset ships no holiday calendar); re-exported here.
from shared.ingest.alarms import (
    FILE_LOG,
    QUERIES,
    REFUSED,
    SILENT_LOG,
    file_alarms,
)
from shared.ingest.files import last_file_record_id
from shared.platform import isolation
from shared.platform.metric_names import Metric

STAGE = "watch"  # shared.platform.isolation's stage

__all__ = [
    "FILE_LOG",
    "QUERIES",
    "REFUSED",
    "SILENT_LOG",
    "Silence",
    "file_alarms",
    "is_working_day",
    "last_files",
    "missed_working_days",
    "silent",
    "watch",
]
BATCH_GET_MAX = 100  # DynamoDB BatchGetItem's limit of keys per request


# -- the Swedish working-day calendar ---------------------------------------------------------


@functools.cache
def _days_off(year: int) -> frozenset[date]:
    # imported here, never at the top: only the daily watch run pays for it (bench/watch.py)
    from holidays.constants import DE_FACTO, PUBLIC
    from holidays.countries.sweden import Sweden

    return frozenset(Sweden(years=year, categories=(PUBLIC, DE_FACTO)))


def is_working_day(day: date) -> bool:
    """Monday to Friday, and neither a public holiday nor a day the annual leave law counts as
    one (midsommarafton, julafton, nyårsafton; SFS 1977:480 § 7)."""
    return day.weekday() < 5 and day not in _days_off(day.year)


# -- who has gone silent (pure) ---------------------------------------------------------------


@dataclass(frozen=True)
class Silence:
    kommunkod: str
    working_days: int  # working days of the running campaign since its last file, before today
    last_file: date | None  # the day (Europe/Stockholm) of its last file; None: none noted

    def as_log(self) -> dict[str, Any]:
        return {
            "kommunkod": self.kommunkod,
            "working_days": self.working_days,
            "last_file": self.last_file.isoformat() if self.last_file else None,
        }


def missed_working_days(tenant: Tenant, last_file: date | None, today: date) -> int | None:
    """Whole working days without a file, from the day after its last file (or the running
    campaign's first day, whichever is later) up to yesterday; None if no campaign runs today."""
    campaign = tenant.active_campaign(today)
    if campaign is None:
        return None
    start = campaign.start if last_file is None else max(campaign.start, last_file + timedelta(1))
    days = (start + timedelta(n) for n in range((today - start).days))
    return sum(1 for day in days if is_working_day(day))


def silent(
    tenants: Iterable[Tenant], last_files: Mapping[str, date], today: date, threshold: int
) -> tuple[list[Silence], int]:
    """The active municipalities without a file for ``threshold`` working days or more, and how
    many municipalities are active today."""
    found: list[Silence] = []
    active = 0
    for tenant in sorted(tenants, key=lambda t: t.kommunkod):
        last = last_files.get(tenant.kommunkod)
        missed: int | None = None
        with isolation.municipality(STAGE, tenant.kommunkod):  # one never hides the others
            missed = missed_working_days(tenant, last, today)
        if missed is None:
            continue
        active += 1
        if missed >= threshold:
            found.append(Silence(tenant.kommunkod, missed, last))
    return found, active


# -- the daily run (AWS at the edge) ----------------------------------------------------------


def last_files(dynamodb: Any, table_name: str, kommunkoder: Iterable[str]) -> dict[str, date]:
    """Each municipality's last file day (Europe/Stockholm) from its ``last_file#`` item, by
    BatchGetItem (``dynamodb`` is the boto3 service resource); unprocessed keys are asked again."""
    wanted = [{"file_id": last_file_record_id(k)} for k in sorted(set(kommunkoder))]
    found: dict[str, date] = {}
    for start in range(0, len(wanted), BATCH_GET_MAX):
        request: dict[str, Any] = {
            table_name: {
                "Keys": wanted[start : start + BATCH_GET_MAX],
                "ProjectionExpression": "file_id, last_file",
            }
        }
        while request:
            response = dynamodb.batch_get_item(RequestItems=request)
            for item in response.get("Responses", {}).get(table_name, []):
                kommunkod = str(item["file_id"]).split("#", 1)[1]
                moment = datetime.fromtimestamp(int(item["last_file"]), UTC)
                found[kommunkod] = moment.astimezone(STOCKHOLM_TZ).date()
            request = response.get("UnprocessedKeys") or {}
    return found


def watch(now: datetime) -> dict[str, Any]:
    """The daily run: log each silent municipality, emit the counts; returns the counts."""
    from aws_lambda_powertools.metrics import MetricUnit

    from shared.platform import store
    from shared.platform.observability import logger, metrics
    from shared.platform.settings import WatchSettings
    from shared.platform.tenant_store import TenantStore

    settings = WatchSettings.from_env()
    # an item that does not validate is left out (and recorded) by the store: not watched
    tenants = list(TenantStore(store.table(settings.tenants_table)).all())
    noted = last_files(store.dynamodb(), settings.files_table, (t.kommunkod for t in tenants))
    today = now.astimezone(STOCKHOLM_TZ).date()
    found, active = silent(tenants, noted, today, settings.silence_working_days)
    for silence in found:
        fields = silence.as_log() | {"last_file": silence.as_log()["last_file"] or "none"}
        logger.warning(SILENT_LOG, threshold=settings.silence_working_days, **fields)
    metrics.add_metric(name=Metric.MUNICIPALITIES_SILENT, unit=MetricUnit.Count, value=len(found))
    metrics.add_metric(name=Metric.MUNICIPALITIES_WATCHED, unit=MetricUnit.Count, value=active)
    logger.info("uploads watched", day=today.isoformat(), active=active, silent=len(found))
    result: dict[str, Any] = {
        "day": today.isoformat(),
        "active": active,
        "silent": [s.as_log() for s in found],
    }
    if settings.contact_requests_table:
        from shared.messages import contact_requests
        from shared.messages.senders import send_client

        delivered = contact_requests.deliver_all(
            tenants,
            store.table(settings.contact_requests_table),
            None,
            settings.report_sender or None,
            today,
            send_client("sesv2"),
        )
        sent = [d for d in delivered if d.sent]
        metrics.add_metric(name="ContactDigestsSent", unit=MetricUnit.Count, value=len(sent))
        result["contact_digests"] = {d.kommunkod: d.requests for d in sent}
    return result
