"""The results' protocol: a stream event in, releases and the campaign's export out.

1. The totals table's stream says which streams (municipality × campaign × channel) changed.
   Each is read (its few exact totals items and its release state) and ``release.step``
   decides whether a batch is due. Safe to repeat: a redelivered event finds nothing pending.
2. A release is stored with a condition on the state's sequence, so two overlapping runs can
   never publish the same batch twice (the loser's release is dropped, its answers stay
   pending for the next one).
3. Each campaign that released is exported again: its figures are recomputed from the
   published states of all its streams (one per municipality and channel), so group and
   national figures are always sums of the members' last published counts.
4. The daily run does the same for every active stream (the last batch of a closed campaign)
   and releases comment batches that are due, then empties their pool.

Used by the results function and by ``servicematning report``, so the dashboard and the
report cannot disagree. A run costs what changed: the streams in the event and their
campaigns, never the number of stored answers.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from shared import store
from shared.observability import logger
from shared.results import comments, export, noise, release
from shared.results.figures import Comment, Figures, compute
from shared.results.source import ReleaseRace, ResultsTables
from shared.results.totals import Stream
from shared.settings import ReleaseSettings, ResultsSettings
from shared.tenants import STOCKHOLM, Tenant, TenantStore

SWEDEN = ZoneInfo(STOCKHOLM)


def today_in_sweden(now: float | None = None) -> date:
    return datetime.fromtimestamp(time.time() if now is None else now, SWEDEN).date()


def policy(settings: ReleaseSettings) -> release.Policy:
    return release.Policy(
        budget=noise.Budget(settings.privacy_rho),
        k=settings.release_k,
        margin=settings.release_margin,
    )


def tables(settings: ResultsSettings) -> ResultsTables:
    return ResultsTables(
        totals=store.table(settings.totals_table),
        releases=store.table(settings.releases_table),
        comments=store.table(settings.comments_table),
    )


def tenants_from_table(table_name: str) -> dict[str, Tenant]:
    return {t.kommunkod: t for t in TenantStore(store.table(table_name)).all()}


@dataclass
class Run:
    streams: int = 0
    released: int = 0
    races: int = 0
    skipped: int = 0
    comment_batches: int = 0
    objects_written: int = 0
    campaigns: set[str] = field(default_factory=set)

    def summary(self) -> dict[str, int]:
        return {
            "streams": self.streams,
            "released": self.released,
            "races": self.races,
            "skipped": self.skipped,
            "comment_batches": self.comment_batches,
            "campaigns_exported": len(self.campaigns),
            "objects_written": self.objects_written,
        }


def release_streams(
    stream_ids: Iterable[str],
    tenants: Mapping[str, Tenant],
    db: ResultsTables,
    rules: release.Policy,
    today: date,
    run: Run,
    participation: bool = False,
) -> None:
    """Step 1 and 2 for each stream named (``participation``: the daily run's invitations and
    declines too)."""
    for stream_id in sorted(set(stream_ids)):
        run.streams += 1
        try:
            stream = Stream.parse(stream_id)
        except ValueError:
            run.skipped += 1
            continue
        tenant = tenants.get(stream.tenant)
        campaign = tenant.campaign(stream.campaign) if tenant else None
        if tenant is None or campaign is None:
            run.skipped += 1  # a municipality or campaign no longer configured
            continue
        state = db.state(stream_id)
        previous = state.sequence
        if not release.step(
            state,
            db.exact(stream_id),
            campaign=campaign,
            channel=stream.channel,
            extra=tenant.extra_questions_for(stream.channel),
            today=today,
            policy=rules,
            participation=participation,
        ):
            continue
        try:
            db.save(state, previous)
        except ReleaseRace:
            run.races += 1
            continue
        run.released += 1
        run.campaigns.add(stream.campaign)


def figures_of(campaign: str, tenants: Mapping[str, Tenant], db: ResultsTables) -> Figures:
    """A campaign's figures from its published states (step 3)."""
    return compute(db.campaign(campaign), tenants)


def export_campaigns(
    campaigns: Iterable[str],
    tenants: Mapping[str, Tenant],
    db: ResultsTables,
    bucket: str,
    labels: Mapping[str, str] | None = None,
) -> int:
    contents: dict[str, bytes] = {}
    for campaign in sorted(set(campaigns)):
        contents |= export.campaign_objects(campaign, figures_of(campaign, tenants, db), labels)
    if contents:
        contents |= export.rls_object(tenants.values())
    return export.write(bucket, contents).written


def release_comments(
    tenants: Mapping[str, Tenant], db: ResultsTables, bucket: str, today: date, batch: int
) -> int:
    """Step 4's comments: every municipality's campaign whose pool makes a batch today."""
    released = 0
    for tenant in tenants.values():
        for campaign in tenant.campaigns:
            if today < campaign.start:
                continue
            last, count = db.comment_mark(tenant.kommunkod, campaign.id)
            pooled = db.pooled(tenant.kommunkod, campaign.id)
            if not comments.due(pooled, last, today, batch):
                continue
            out = comments.release(tenant.kommunkod, campaign.id, pooled, today, batch)
            export.write(bucket, export.comment_batch(out, count + 1))
            db.mark_comments(tenant.kommunkod, campaign.id, today, count + 1)
            db.drop_pooled(tenant.kommunkod, campaign.id, pooled)
            released += 1
    return released


def live_streams(tenants: Mapping[str, Tenant], today: date, close_after_days: int) -> list[str]:
    """Every stream that can still release: its campaign started and its window is open."""
    out = []
    for tenant in tenants.values():
        for c in tenant.campaigns:
            if c.start <= today <= c.end + timedelta(days=close_after_days + 1):
                out += [f"{tenant.kommunkod}#{c.id}#{channel}" for channel in ("sms", "email")]
    return out


def on_changes(
    settings: ResultsSettings, stream_ids: Iterable[str], today: date | None = None
) -> dict[str, int]:
    """The stream-triggered run: release what is due in the named streams, export."""
    started = time.monotonic()
    day = today or today_in_sweden()
    tenants = tenants_from_table(settings.tenants_table)
    db = tables(settings)
    run = Run()
    release_streams(stream_ids, tenants, db, policy(settings), day, run)
    run.objects_written = export_campaigns(run.campaigns, tenants, db, settings.analytics_bucket)
    summary: dict[str, Any] = run.summary() | {"seconds": round(time.monotonic() - started, 3)}
    logger.info("results released", extra=summary)
    return summary


def daily(settings: ResultsSettings, today: date | None = None) -> dict[str, int]:
    """The scheduled run: closing batches of every live stream, then comment batches."""
    started = time.monotonic()
    day = today or today_in_sweden()
    tenants = tenants_from_table(settings.tenants_table)
    db = tables(settings)
    rules = policy(settings)
    run = Run()
    release_streams(
        live_streams(tenants, day, rules.close_after_days),
        tenants,
        db,
        rules,
        day,
        run,
        participation=True,
    )
    run.objects_written = export_campaigns(run.campaigns, tenants, db, settings.analytics_bucket)
    if not run.campaigns:  # the RLS rules follow the tenant list (a new group) on a quiet day too
        access = export.rls_object(tenants.values())
        run.objects_written += export.write(settings.analytics_bucket, access).written
    run.comment_batches = release_comments(
        tenants, db, settings.analytics_bucket, day, settings.comment_batch
    )
    summary: dict[str, Any] = run.summary() | {"seconds": round(time.monotonic() - started, 3)}
    logger.info("results daily run", extra=summary)
    return summary


def published_comments(bucket: str, tenant: str, client: Any = None) -> list[Comment]:
    """A municipality's released comment batches, read back from the analytics bucket."""
    s3 = client or store.client("s3")
    out: list[Comment] = []
    prefix = f"{export.COMMENTS_PREFIX}kommunkod={tenant}/"
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            body = s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read().decode("utf-8")
            out += [export.comment_from_record(tenant, json.loads(x)) for x in body.splitlines()]
    return out
