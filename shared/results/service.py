"""The results' protocol: the release calendar in, releases and their publication out.

The results function runs early every morning (``schedule.RELEASE_HOUR``); nothing else starts
it, so nothing a reader sees follows an answer's arrival. Each run, for every municipality (one
that fails is recorded and skipped; the others go on):

1. Every stream (municipality × campaign × channel) whose campaign has a release day due and
   not yet released is read (its few exact totals items, read with the rest of its campaign's
   by one paged Query the first time a stream of that campaign needs them, and its release
   state, read again strongly consistent when below what the last run meant to store) and
   ``release.step`` releases those days in memory; the
   releases are then stored 25 a request under the run's lease (``ResultsTables.lease``,
   renewed before each request): a run that cannot take the lease releases and publishes
   nothing, one that has lost it stores nothing more, so two runs can never release the same
   day twice.
2. Every campaign with a stream whose release is stored but not yet published (its sequence
   above the campaign's published sequences) is exported: its figures are recomputed from the
   published states of all its streams (as step 1 read and stored them; read again where a
   stream's release was not stored), written, and only then are the releases marked
   published. A crash between
   the two is repaired by the next run, which finds the same unpublished release and writes the
   same figures: a release is published exactly once, never lost.
3. On a campaign's comment days (the marks of every municipality campaign read together) the
   municipality's comment pool gets its one noisy check
   (``comments.due``); a batch it lets through is first stored as pending, then written, then
   its comments are deleted from the pool, then it is marked done: each step repeatable, so a
   crash anywhere publishes the batch once and never repeats a comment. Its theme counts are
   written beside it (``themes.shares``).
4. The theme shares of every campaign that got a batch are recomputed from its batches' counts.

Used by the results function and by ``servicematning report``, so the dashboard and the report
cannot disagree. A run costs what the calendar releases: streams and cells, never the number of
stored answers.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from shared.core.tenants import Tenant
from shared.core.time import STOCKHOLM_TZ
from shared.core.totals import Cells, Stream
from shared.platform import collector, isolation, store
from shared.platform.observability import logger
from shared.platform.redaction.allow import tenant_allow
from shared.platform.resources import RESULTS_TIMEOUT_MINUTES
from shared.platform.settings import ReleaseSettings, ResultsSettings
from shared.platform.tenant_store import TenantStore
from shared.results import comments, export, schedule, source
from shared.results.disclosure import noise, release
from shared.results.disclosure.release import State
from shared.results.figures import Comment, Figures, compute
from shared.results.figures import Published as FigureState
from shared.results.source import CommentMark, ReleaseRace, ResultsTables
from shared.results.themes import shares

# the release lease outlives the results function's timeout: a run is dead before its lease
# can pass to another (shared.results.source.ResultsTables.lease)
LEASE_SECONDS = RESULTS_TIMEOUT_MINUTES * 60 + 300


def policy(settings: ReleaseSettings) -> release.Policy:
    return release.Policy(
        budget=noise.Budget(settings.privacy_rho),
        calendar=schedule.Calendar(schedule.Cadence(settings.release_cadence)),
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
    failed: int = 0  # municipalities whose release failed (recorded; the others went on)
    published: int = 0
    comment_batches: int = 0
    objects_written: int = 0
    campaigns: set[str] = field(default_factory=set)
    comment_campaigns: set[str] = field(default_factory=set)  # got a batch: themes to redo
    # streams whose state this run changed in memory and did not store (a race, a failure):
    # their campaigns' figures are computed from the table again, never from memory
    unstored: set[str] = field(default_factory=set)
    first: list[FigureState] = field(default_factory=list)  # streams released the first time
    # releases computed, not yet stored (``store_releases``), each with whether it is the first
    pending: list[tuple[FigureState, bool]] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {
            "streams": self.streams,
            "released": self.released,
            "races": self.races,
            "failed": self.failed,
            "published": self.published,
            "comment_batches": self.comment_batches,
            "campaigns_exported": len(self.campaigns),
            "objects_written": self.objects_written,
        }


def _isolated(run: Run, tenant: str, stage: str, work: Callable[[], None]) -> None:
    """One municipality's step behind the boundary (``shared.platform.isolation``): whatever it
    raises,
    panics included, is recorded for it alone (metric ``MunicipalityFailed`` by stage, a log
    line with the kommunkod and the error's type) and the run goes on with the others."""
    with isolation.municipality(stage, tenant) as boundary:
        work()
    if boundary.failure is not None:
        run.failed += 1


def streams_of(campaign: str, tenants: Mapping[str, Tenant]) -> list[str]:
    """Every stream the tenant list gives a campaign (whether released yet or not)."""
    return [
        Stream(t.kommunkod, campaign, channel).id
        for t in tenants.values()
        if any(c.id == campaign for c in t.campaigns)
        for channel in Stream.channels()
    ]


def live_campaigns(tenants: Mapping[str, Tenant], rules: release.Policy, now: datetime) -> set[str]:
    """Campaign ids with a release day due by ``now`` (or its last release still unpublished)."""
    today = now.astimezone(STOCKHOLM_TZ).date()
    out = set()
    for tenant in tenants.values():
        for c in tenant.campaigns:
            days = rules.calendar.release_days(c)
            if days[0] <= today and (today - days[-1]).days <= 31:
                out.add(c.id)
    return out


def quiet(
    campaign: str,
    tenants: Mapping[str, Tenant],
    db: ResultsTables,
    rules: release.Policy,
    now: datetime,
) -> bool:
    """Nothing to release and nothing waiting to be published: every stream of the campaign is
    published up to the calendar (each release that should exist by ``now``; a stored one is
    never further) and the index lists no other stream. Its states are then not read: between
    release days, and after the final one, a morning reads one item and the index's keys."""
    published = db.published_sequences(campaign)
    expected = set()
    for tenant in tenants.values():
        for c in tenant.campaigns:
            if c.id != campaign:
                continue
            target = min(len(rules.calendar.release_days(c)), rules.calendar.due(c, now))
            for channel in Stream.channels():
                stream = Stream(tenant.kommunkod, c.id, channel).id
                if published.get(stream, 0) < target:
                    return False
                expected.add(stream)
    return set(db.campaign_streams(campaign)) <= expected


@dataclass
class Totals:
    """The exact totals of the run's campaigns, each campaign's read once (one paged Query of
    its partition, ``ResultsTables.exact``) when a stream of it first has a release day due.
    A read that fails is not kept: the municipality whose release needed it fails alone, and
    the next one reads again."""

    db: ResultsTables
    read: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)

    def of(self, stream: Stream) -> Cells:
        if stream.campaign not in self.read:
            self.read[stream.campaign] = self.db.exact(stream.campaign)
        return source.cells(self.read[stream.campaign].get(stream.id, []))


def release_tenant(
    tenant: Tenant,
    db: ResultsTables,
    rules: release.Policy,
    now: datetime,
    run: Run,
    known: Mapping[str, State],
    live: set[str],
    exact: Totals,
) -> None:
    """Step 1 for one municipality: every stream of its live campaigns with a release day due,
    released in memory and left in ``run.pending`` for ``store_releases``. ``known``: the
    stored states of the live campaigns, read per campaign, strongly consistent, under the
    run's lease; ``exact``: their exact totals, read per campaign when first needed."""
    for campaign in tenant.campaigns:
        if campaign.id not in live or rules.calendar.due(campaign, now) == 0:
            continue
        for channel in Stream.channels():
            stream = Stream(tenant.kommunkod, campaign.id, channel)
            run.streams += 1
            state = known.get(stream.id) or State(stream.id)
            if not release.days_due(state, campaign, now, rules):
                continue  # released up to today: its totals are not read
            run.unstored.add(stream.id)  # until stored or left as read
            if not release.step(
                state,
                exact.of(stream),
                campaign=campaign,
                channel=channel,
                extra=tenant.extra_questions_for(channel),
                now=now,
                policy=rules,
            ):
                run.unstored.discard(stream.id)
                continue
            released = FigureState(tenant.kommunkod, campaign.id, channel.value, state)
            run.pending.append((released, stream.id not in known))


def store_releases(
    db: ResultsTables, run: Run, holder: str, meant: Mapping[str, Mapping[str, int]]
) -> None:
    """Step 1's writes: first, for each campaign, the sequence every stream will have
    (``meant``, what earlier runs meant to store, with this run's releases: a later run that
    reads a state below it reads it again strongly consistent); then the releases,
    ``source.BATCH_WRITE`` a request, each request after renewing the run's lease. A run that
    lost its lease stores nothing more, and a request AWS refuses stores nothing of its own:
    those streams are released the next morning, from the state the table holds (a refused
    request is recorded against its municipalities; the others go on)."""
    if not run.pending:
        return
    intents: dict[str, dict[str, int]] = {}
    for released, _ in run.pending:
        intent = intents.setdefault(released.campaign, dict(meant.get(released.campaign, {})))
        intent[released.state.stream] = released.state.sequence
    try:
        db.lease(holder, LEASE_SECONDS)
        for campaign, sequences in sorted(intents.items()):
            db.mean_to_store(campaign, sequences)
    except ReleaseRace:
        logger.warning("release lease lost: nothing stored, released the next morning")
        run.races += len(run.pending)
        run.pending.clear()
        return
    lost = False
    for first in range(0, len(run.pending), source.BATCH_WRITE):
        chunk = run.pending[first : first + source.BATCH_WRITE]
        stored: set[str] = set()
        try:
            if not lost:  # once lost, never again this run: another may have stored since
                db.lease(holder, LEASE_SECONDS)
                stored = db.store([p.state for p, _ in chunk])
        except ReleaseRace:
            lost = True
            logger.warning("release lease lost: the rest is released the next morning")
        except (ClientError, BotoCoreError) as error:
            tenants = {p.tenant for p, _ in chunk}
            logger.warning("releases not stored", extra={"error": type(error).__name__})
            run.failed += len(tenants)
        for released, new in chunk:
            if released.state.stream not in stored:
                run.races += 1
                continue
            run.unstored.discard(released.state.stream)
            if new:
                run.first.append(released)
            run.released += 1
            run.campaigns.add(released.campaign)
    run.pending.clear()


def figures_of(campaign: str, tenants: Mapping[str, Tenant], db: ResultsTables) -> Figures:
    """A campaign's figures from its published states."""
    return compute(db.campaign(campaign), tenants)


def publish(
    campaigns: Iterable[str],
    tenants: Mapping[str, Tenant],
    db: ResultsTables,
    bucket: str,
    run: Run,
    labels: Mapping[str, str] | None = None,
    stored: Mapping[str, list[FigureState]] | None = None,
) -> None:
    """Step 2: export every campaign with a release stored but not yet published, then mark
    its releases published (never before the figures are written). ``stored``: a campaign's
    states as they are in the table (read by this run, then changed only by its stored
    releases); a campaign not in it is read."""
    for campaign in sorted(set(campaigns)):
        states = stored[campaign] if stored and campaign in stored else db.campaign(campaign)
        done = db.published_sequences(campaign)
        waiting = [p for p in states if done.get(p.state.stream, 0) < p.state.sequence]
        if not waiting:
            continue
        contents = export.campaign_objects(campaign, compute(states, tenants), labels)
        contents |= export.rls_object(tenants.values())
        run.objects_written += export.write(bucket, contents).written
        db.mark_published(campaign, {p.state.stream: p.state.sequence for p in states})
        run.published += len(waiting)
        run.campaigns.add(campaign)


def export_campaigns(
    campaigns: Iterable[str],
    tenants: Mapping[str, Tenant],
    db: ResultsTables,
    bucket: str,
    labels: Mapping[str, str] | None = None,
) -> int:
    """Write the named campaigns' figures as published now (``servicematning results export``:
    an operator's rewrite, which changes no release)."""
    contents: dict[str, bytes] = {}
    for campaign in sorted(set(campaigns)):
        contents |= export.campaign_objects(campaign, figures_of(campaign, tenants, db), labels)
    if contents:
        contents |= export.rls_object(tenants.values())
    return export.write(bucket, contents).written


def comment_tenant(
    tenant: Tenant,
    db: ResultsTables,
    bucket: str,
    rules: release.Policy,
    now: datetime,
    batch: int,
    run: Run,
    marks: Mapping[tuple[str, str], CommentMark] | None = None,
) -> None:
    """Step 3 for one municipality: publish a pending batch, then check each comment day due
    (once: the day is recorded with the check's outcome before anything is written).
    ``marks``: the comment marks read for the whole run (``ResultsTables.comment_marks``);
    a mark not in it is read here."""
    for campaign in tenant.campaigns:
        key = (tenant.kommunkod, campaign.id)
        mark = marks[key] if marks and key in marks else db.comment_mark(*key)
        comment_days = rules.calendar.comment_days(campaign)
        days = [
            d.isoformat()
            for d in comment_days
            if d.isoformat() not in mark.checked and schedule.release_moment(d) <= now
        ]
        if mark.pending:
            mark = _publish_comments(tenant.kommunkod, campaign.id, mark, db, bucket, run)
        sigma = rules.budget.comment_sigma(len(comment_days))
        for day in days:
            pooled = db.pooled(tenant.kommunkod, campaign.id)
            decided = replace(mark, checked=[*mark.checked, day])
            if pooled and comments.due(pooled, sigma, batch):
                out = comments.release(
                    tenant.kommunkod,
                    campaign.id,
                    pooled,
                    date.fromisoformat(day),
                    batch,
                    allow=tenant_allow(tenant),
                )
                decided.pending = [export.comment_record(c) for c in out]
                decided.pending_ids = [p.comment_id for p in pooled]
            mark = db.save_comment_mark(tenant.kommunkod, campaign.id, decided)
            if mark.pending:
                mark = _publish_comments(tenant.kommunkod, campaign.id, mark, db, bucket, run)


def _publish_comments(
    tenant: str, campaign: str, mark: CommentMark, db: ResultsTables, bucket: str, run: Run
) -> CommentMark:
    """Write the pending batch (same key, same bytes on a retry), drop its comments from the
    pool, then mark it done."""
    number = mark.batches + 1
    batch = [export.comment_from_record(tenant, r) for r in mark.pending]
    run.objects_written += export.write(bucket, export.comment_batch(batch, number)).written
    run.objects_written += shares.publish_batch(bucket, batch, number)
    run.comment_campaigns.add(campaign)
    db.drop_pooled(tenant, campaign, mark.pending_ids)
    run.comment_batches += 1
    return db.save_comment_mark(
        tenant, campaign, replace(mark, batches=number, pending=[], pending_ids=[])
    )


def _as_stored(read: Mapping[str, list[FigureState]], run: Run) -> dict[str, list[FigureState]]:
    """The campaigns' states as the table now holds them, without reading them again: as read,
    with this run's stored releases (``release_tenant`` changed those very objects, and a
    conditional write stored each exactly). A campaign with a stream changed and not stored
    is left out (``publish`` reads it)."""
    out = {c: list(states) for c, states in read.items()}
    for p in run.first:
        out.setdefault(p.campaign, []).append(p)
    changed = {Stream.parse(s).campaign for s in run.unstored}
    return {c: states for c, states in out.items() if c in read and c not in changed}


def _comment_marks(
    db: ResultsTables, tenants: Mapping[str, Tenant]
) -> dict[tuple[str, str], CommentMark]:
    """Every municipality campaign's comment mark in a few requests; if that read fails, none
    (each municipality then reads its own, behind its boundary)."""
    keys = [(t.kommunkod, c.id) for t in tenants.values() for c in t.campaigns]
    try:
        return db.comment_marks(keys)
    except (ClientError, BotoCoreError) as error:  # AWS failed: each municipality tries its own
        logger.warning("comment marks read one by one", extra={"error": type(error).__name__})
        return {}


def release_and_publish(
    db: ResultsTables,
    tenants: Mapping[str, Tenant],
    rules: release.Policy,
    now: datetime,
    run: Run,
    live: set[str],
    bucket: str,
    holder: str,
) -> None:
    """Steps 1 and 2, under the lease ``holder`` holds: the states of the live campaigns read
    (every stream the tenant list gives them included: a first release the index does not
    list yet is found; one read below what the last run meant to store is read again
    strongly consistent), each municipality's releases computed behind its boundary, stored
    under the lease, then published."""
    meant = {c: db.stored_sequences(c) for c in sorted(live)}
    read = {c: db.campaign(c, streams_of(c, tenants), meant[c]) for c in sorted(live)}
    known = {p.state.stream: p.state for states in read.values() for p in states}
    exact = Totals(db)
    for tenant in tenants.values():
        work = partial(release_tenant, tenant, db, rules, now, run, known, live, exact)
        _isolated(run, tenant.kommunkod, "release", work)
    store_releases(db, run, holder, meant)
    publish(live | run.campaigns, tenants, db, bucket, run, stored=_as_stored(read, run))


def scheduled(settings: ResultsSettings, now: datetime | None = None) -> dict[str, int]:
    """The scheduled run: every release day due, every unpublished release, every comment day
    (with the cyclic collector asked for fewer collections: ``collector.batch_run``)."""
    with collector.batch_run():
        return _scheduled(settings, now)


def _scheduled(settings: ResultsSettings, now: datetime | None) -> dict[str, int]:
    started = time.monotonic()
    moment = now or datetime.now(UTC)
    tenants = tenants_from_table(settings.tenants_table)
    db = tables(settings)
    rules = policy(settings)
    run = Run()
    live = live_campaigns(tenants, rules, moment)
    live -= {c for c in live if quiet(c, tenants, db, rules, moment)}  # no state to read
    holder = uuid.uuid4().hex
    try:
        if live:
            db.lease(holder, LEASE_SECONDS)
        release_and_publish(
            db, tenants, rules, moment, run, live, settings.analytics_bucket, holder
        )
    except ReleaseRace:
        run.races += 1
        logger.warning("another results run holds the release lease: nothing released")
    finally:
        if live:
            db.drop_lease(holder)
    if not run.campaigns:  # the RLS rules follow the tenant list (a new group) on a quiet day too
        access = export.rls_object(tenants.values())
        run.objects_written += export.write(settings.analytics_bucket, access).written
    marks = _comment_marks(db, tenants)
    for tenant in tenants.values():
        comment = partial(
            comment_tenant,
            tenant,
            db,
            settings.analytics_bucket,
            rules,
            moment,
            settings.comment_batch,
            run,
            marks,
        )
        _isolated(run, tenant.kommunkod, "comments", comment)
    if run.comment_campaigns:
        written = shares.publish_shares(settings.analytics_bucket, run.comment_campaigns, tenants)
        run.objects_written += written
    summary: dict[str, Any] = run.summary() | {"seconds": round(time.monotonic() - started, 3)}
    logger.info("results run", extra=summary)
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
