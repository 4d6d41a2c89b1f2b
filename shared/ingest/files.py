"""What an uploaded file is and what became of it: the ingest's shapes and rules, no AWS.

A file's *draw day* is the day (Europe/Stockholm) of its receipt when it arrives before the
tenant's ``draw_cutoff``, else the next day. The limits of one file and of one municipality's
day are here (docs/csv-format.md, docs/operations.md); measured (bench/ingest.py), 2,000,000 rows
are read and drawn in well under the function's 15 minutes and its memory, and a file over a
limit is refused whole, never sampled in part. The upload watch (``shared.ingest.watch``) and
the upload alarms read this module alone, so their functions ship no file reader.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from shared.core.models import Channel
from shared.core.tenants import Tenant
from shared.core.time import STOCKHOLM_TZ
from shared.platform import resources

INBOX_KEY = re.compile(r"^inbox/(?P<kommunkod>\d{4})/(?P<name>[^/].*)$")


MAX_FILE_ROWS = 2_000_000


MAX_FILE_BYTES = 512 * 2**20


MAX_DAY_ROWS = 4_000_000


MAX_REPORTED_ROWS = 1_000  # rejected rows listed one by one in a report; the rest are counted


DRAW_LEASE_SECONDS = 20 * 60  # longer than the function's timeout: a live draw is never taken


MIN_SECONDS_FOR_A_DRAW = 300  # a tenant-day is started only with this much time left


DRAW_STAGE = "draw"  # shared.platform.isolation's stage of a tenant-day's draw


READ_STAGE = "read"  # … and of one file the reader failed on (refused, reported)


class Outcome(StrEnum):
    WAITING = "waiting"  # received; waits in the inbox for its day's draw
    INGESTED = "ingested"  # read in the day's draw
    FILE_ERROR = "file_error"
    TOO_LARGE = "too_large"
    DAY_FULL = "day_full"
    LATE = "late"  # arrived for a day whose draw had already started
    UNKNOWN_TENANT = "unknown_tenant"
    NO_CAMPAIGN = "no_campaign"
    NOT_AN_INBOX_KEY = "not_an_inbox_key"
    GONE = "gone"  # the object was deleted before we read it (an old redelivery)


METADATA_NAME = "original-name"


MAX_NAME = 120


@dataclass(frozen=True)
class UploadedFile:
    bucket: str
    key: str
    etag: str
    received_at: datetime  # when S3 created the object: its draw day and too_old are judged by it
    size: int | None = None  # bytes, when the notification says

    @property
    def file_id(self) -> str:
        return hashlib.sha256(f"{self.bucket}\n{self.key}\n{self.etag}".encode()).hexdigest()


@dataclass
class IngestResult:
    outcome: Outcome
    kommunkod: str | None = None
    report_key: str | None = None
    sampled: int = 0
    report: dict[str, Any] = field(default_factory=dict)
    draw_day: date | None = None


@dataclass
class DayResult:
    """One tenant-day's draw: what each file gave, and how many were drawn per channel."""

    kommunkod: str
    day: date
    files: list[IngestResult] = field(default_factory=list)
    drawn: dict[Channel, int] = field(default_factory=dict)
    k: dict[Channel, int] = field(default_factory=dict)
    skipped: str | None = None  # "in_progress" (another run holds the lease), "done"


def draw_day(tenant: Tenant, received_at: datetime) -> date:
    local = received_at.astimezone(STOCKHOLM_TZ)
    day = local.date()
    return day if local.time() < tenant.draw_cutoff else day + timedelta(days=1)


def cutoff_moment(tenant: Tenant, day: date) -> datetime:
    return datetime.combine(day, tenant.draw_cutoff, tzinfo=STOCKHOLM_TZ)


def last_file_record_id(kommunkod: str) -> str:
    return f"last_file#{kommunkod}"


def draw_record_id(kommunkod: str, day: date) -> str:
    return f"draw#{kommunkod}#{day.isoformat()}"


def report_key_for(upload: UploadedFile, kommunkod: str) -> str:
    """Named by the upload's time and id: never by the file's own name (which may be personal)."""
    stamp = upload.received_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{resources.REPORTS_PREFIX}{kommunkod}/{stamp}-{upload.file_id[:12]}.json"


def utc_now() -> datetime:
    return datetime.now(UTC)
