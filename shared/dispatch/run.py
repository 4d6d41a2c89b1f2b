"""A dispatch run: for every tenant inside its sending window, invite some pending contacts,
delete the rest, and forget every contact the moment its invitation is claimed.

Order of events for one contact, and what a crash at each point means:

1. planned (in memory) - a crash: the contact stays pending, the next run plans again;
2. claimed: invitation ``sending`` + contact deleted + marker + count, one transaction -
   a crash from here on may lose this invitation, never send it twice (the purge settles
   what a crash leaves ``sending``: shared/dispatch/reconcile.py);
3. sent through SNS/SES (once, no client retry);
4. finished: invitation ``sent`` (or ``failed``). A throttled or refused send is released
   instead: the contact item is put back for a later run, which is safe because the service
   said the message did not go out.
"""

from __future__ import annotations

import math
import random
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aws_lambda_powertools.metrics import EphemeralMetrics, MetricUnit
from botocore.exceptions import ClientError

from shared.core.models import Channel, ContactItem, InvitationItem, InvitationStatus
from shared.core.tenants import Tenant
from shared.core.tokens import new_token, token_hash
from shared.dispatch.norepeat import NoRepeatKeys, fingerprint
from shared.dispatch.norepeat import marker_key as norepeat_marker
from shared.dispatch.planning import (
    CampaignStats,
    ChannelPlan,
    Projection,
    TenantPlan,
    in_sending_window,
    link_expiry,
    local_time,
    plan_tenant,
)
from shared.dispatch.tables import (
    CLAIM_CHUNK,
    Claim,
    ClaimConflictError,
    DispatchTables,
)
from shared.messages import InvalidRecipientError, RenderedEmail, render_email, render_sms
from shared.messages.senders import Outcome, Sender
from shared.platform import isolation, store
from shared.platform.metric_names import Metric
from shared.platform.observability import NAMESPACE, SERVICE, logger

STAGE = "dispatch"  # shared.platform.isolation's stage


@dataclass
class ChannelCounts:
    sent: int = 0  # includes the uncertain ones
    uncertain: int = 0  # maybe delivered (5xx, timeout): counted as sent, never retried
    failed: int = 0  # permanent: invalid number, rejected address
    dropped: int = 0  # deleted without an invitation (cap, target, campaign, stale)
    deferred: int = 0  # left pending for a later run (throttled, out of time, cap race)
    refused: int = 0  # sends the service refused (access, identity, sandbox): alarmed at once

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class DispatchReport:
    tenants: int = 0
    outside_window: int = 0
    channels: dict[Channel, ChannelCounts] = field(
        default_factory=lambda: {c: ChannelCounts() for c in Channel}
    )
    drop_reasons: dict[str, int] = field(default_factory=dict)
    blocked: dict[Channel, str] = field(default_factory=dict)  # channel → error code
    out_of_time: bool = False
    tenants_out_of_time: int = 0  # tenants whose share of the run ended with contacts left
    failed_tenants: dict[str, str] = field(default_factory=dict)  # kommunkod → error type/code

    def dropped(self, channel: Channel, reason: str, count: int) -> None:
        if count:
            self.channels[channel].dropped += count
            self.drop_reasons[reason] = self.drop_reasons.get(reason, 0) + count

    def as_json(self) -> dict[str, Any]:
        return {
            "tenants": self.tenants,
            "outside_window": self.outside_window,
            "channels": {c.value: n.as_dict() for c, n in self.channels.items()},
            "drop_reasons": self.drop_reasons,
            "blocked": {c.value: code for c, code in self.blocked.items()},
            "out_of_time": self.out_of_time,
            "tenants_out_of_time": self.tenants_out_of_time,
            "failed_tenants": self.failed_tenants,
        }


class Pacer:
    """Spaces calls at most ``per_second`` apart, under the service's send rate."""

    def __init__(
        self,
        per_second: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._interval = 1.0 / per_second
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0

    def wait(self) -> None:
        now = self._clock()
        if now < self._next:
            self._sleep(self._next - now)
            now = self._next
        self._next = now + self._interval


@dataclass(frozen=True)
class _Prepared:
    claim: Claim
    message: str | RenderedEmail

    @property
    def key(self) -> str:
        return self.claim.invitation.token_hash


class Dispatcher:
    def __init__(
        self,
        tables: DispatchTables,
        sender: Sender,
        base_url: str,
        *,
        rng: random.Random | None = None,
        pacers: dict[Channel, Pacer] | None = None,
        clock: Callable[[], float] = time.monotonic,
        deadline: float = math.inf,
        no_repeat: NoRepeatKeys | None = None,
    ) -> None:
        """``deadline`` is a ``clock()`` value after which no new chunk is claimed;
        ``no_repeat`` holds the keys for tenants that opted in to "not twice in N days"."""
        self.tables = tables
        self.sender = sender
        self.base_url = base_url
        self.rng = rng or secrets.SystemRandom()
        self.pacers = pacers or {c: Pacer(10.0) for c in Channel}
        self.clock = clock
        self.deadline = deadline
        self.no_repeat = no_repeat
        self._tenant_deadline = math.inf

    def run(self, tenants: Iterable[Tenant], now: datetime) -> DispatchReport:
        """Every tenant in its window gets its turn, in a random order and with a fair share
        of the run's time; one tenant's failure or backlog never stops another's sending."""
        report = DispatchReport()
        everyone = list(tenants)
        report.tenants = len(everyone)
        turn = [t for t in everyone if in_sending_window(t, now)]
        report.outside_window = len(everyone) - len(turn)
        self.rng.shuffle(turn)  # no municipality is always the one left for the next run
        for position, tenant in enumerate(turn):
            if len(report.blocked) == len(Channel):
                break  # both channels throttled account-wide: nobody can send now
            left = self.deadline - self.clock()
            self._tenant_deadline = self.clock() + left / (len(turn) - position)
            # the boundary (shared.platform.isolation) records a failure for this municipality alone
            with isolation.municipality(STAGE, tenant.kommunkod) as boundary:
                self._tenant(tenant, now, report)
            if boundary.failure is not None:
                failure = boundary.failure
                report.failed_tenants[tenant.kommunkod] = failure.code or failure.error
                logger.warning("tenant failed", tenant=tenant.kommunkod, error=failure.error)
        logger.info("dispatch finished", **report.as_json())
        return report

    def _tenant(self, tenant: Tenant, now: datetime, report: DispatchReport) -> None:
        """The tenant's pending contacts, a page at a time (bounded memory whatever the
        backlog); each page is planned against the day's counter as it stands then."""
        day = local_time(now).date()
        campaign = tenant.active_campaign(day)
        stats: CampaignStats | None = None  # read once, when there is something to plan
        projected = False
        for page, broken in self.tables.pending_pages(tenant.kommunkod):
            if broken:
                self.tables.delete_contacts(broken)
                logger.warning(
                    "unreadable contacts deleted", tenant=tenant.kommunkod, count=len(broken)
                )
            if not page:
                continue
            if self.clock() >= self._tenant_deadline:
                report.tenants_out_of_time += 1
                report.out_of_time |= self.clock() >= self.deadline
                for contact in page:
                    report.channels[contact.channel].deferred += 1
                return  # this page and the rest wait for the next run
            if campaign is not None and stats is None:
                stats = self.tables.campaign_stats(tenant.kommunkod, campaign.id)
            invited_today = (
                self.tables.invited_today(tenant.kommunkod, day)
                if campaign
                else dict.fromkeys(Channel, 0)
            )
            plan = plan_tenant(tenant, now, page, stats or _EMPTY, invited_today, self.rng)
            self._drop(plan, report)
            for channel_plan in plan.channels.values():
                if channel_plan.projection is not None and not projected:
                    self._project(tenant, channel_plan.projection, invited_today)
                limit = invited_today[channel_plan.channel] + channel_plan.allowance
                self._invite(tenant, plan, channel_plan, limit, report)
            projected = True

    def _drop(self, plan: TenantPlan, report: DispatchReport) -> None:
        self.tables.delete_contacts(
            [{"tenant": c.tenant, "contact_id": c.contact_id} for c in plan.drops]
        )
        for contact, reason in plan.stale:
            report.dropped(contact.channel, reason, 1)
        for channel_plan in plan.channels.values():
            if channel_plan.reason is not None:
                report.dropped(channel_plan.channel, channel_plan.reason, len(channel_plan.drop))
        if plan.drops:
            logger.info(
                "contacts dropped",
                tenant=plan.tenant,
                count=len(plan.drops),
                reasons=sorted(
                    {r.value for _, r in plan.stale}
                    | {p.reason.value for p in plan.channels.values() if p.reason}
                ),
            )

    def _project(
        self,
        tenant: Tenant,
        projection: Projection,
        invited_today: dict[Channel, int],
    ) -> None:
        logger.info(
            "target projection",
            tenant=tenant.kommunkod,
            channel=projection.channel.value,
            target=tenant.campaign_target[projection.channel],
            invited_today=invited_today[projection.channel],
            **{k: v for k, v in projection.__dict__.items() if k != "channel"},
        )

    def _invite(
        self,
        tenant: Tenant,
        plan: TenantPlan,
        channel_plan: ChannelPlan,
        limit: int,
        report: DispatchReport,
    ) -> None:
        channel = channel_plan.channel
        counts = report.channels[channel]
        todo = list(channel_plan.invite)
        assert plan.campaign is not None  # a plan invites only inside a campaign
        expires_at = link_expiry(plan.campaign)
        while todo:
            if channel in report.blocked:
                counts.deferred += len(todo)
                return
            if self.clock() >= self._tenant_deadline:
                report.out_of_time |= self.clock() >= self.deadline
                counts.deferred += len(todo)
                return
            chunk, todo = todo[:CLAIM_CHUNK], todo[CLAIM_CHUNK:]
            prepared, unreachable = self._prepare(tenant, chunk, expires_at)
            if unreachable:
                self.tables.delete_contacts(
                    [{"tenant": c.tenant, "contact_id": c.contact_id} for c in unreachable]
                )
                counts.failed += len(unreachable)
            try:
                result = self.tables.claim(
                    tenant.kommunkod, plan.day, channel, [p.claim for p in prepared], limit
                )
            except ClaimConflictError as conflict:
                logger.warning("claim conflict", tenant=tenant.kommunkod, codes=str(conflict))
                counts.deferred += len(prepared) + len(todo)
                return
            if result.already_claimed:  # invited before (e.g. an ingest delivered twice)
                self.tables.delete_contacts(
                    [
                        {"tenant": c.tenant, "contact_id": c.contact_id}
                        for c in result.already_claimed
                    ]
                )
                report.dropped(channel, "already_invited", len(result.already_claimed))
            if result.recently_surveyed:  # invited this campaign (or within no_repeat_days)
                self.tables.delete_contacts(
                    [
                        {"tenant": c.tenant, "contact_id": c.contact_id}
                        for c in result.recently_surveyed
                    ]
                )
                report.dropped(channel, "recently_surveyed", len(result.recently_surveyed))
            if result.cap_reached:  # another run used the day's allowance meanwhile
                counts.deferred += len(prepared) + len(todo)
                return
            claimed = {c.invitation.token_hash for c in result.claimed}
            self._send(tenant, plan, [p for p in prepared if p.key in claimed], report)

    def _claim(self, tenant: Tenant, contact: ContactItem, invitation: InvitationItem) -> Claim:
        """The claim of one invitation, with its no-repeat marker: one invitation per resident,
        campaign and channel (the unit the privacy budget protects, docs/results.md), and for
        ``no_repeat_days`` more where the municipality asks for it."""
        if self.no_repeat is None:
            return Claim(contact, invitation)
        key = self.no_repeat.key(tenant.kommunkod, contact.campaign)
        digest = fingerprint(key, contact.channel, contact.address)
        campaign = tenant.campaign(contact.campaign)
        until = link_expiry(campaign) if campaign is not None else 0
        if tenant.no_repeat_days:
            until = max(until, int(time.time()) + tenant.no_repeat_days * 86400)
        return Claim(
            contact,
            invitation,
            no_repeat=norepeat_marker(tenant.kommunkod, digest),
            no_repeat_until=until,
        )

    def _prepare(
        self, tenant: Tenant, contacts: list[ContactItem], expires_at: int
    ) -> tuple[list[_Prepared], list[ContactItem]]:
        prepared: list[_Prepared] = []
        unreachable: list[ContactItem] = []
        for contact in contacts:
            token = new_token()
            message: str | RenderedEmail
            if contact.channel is Channel.SMS:
                message = render_sms(tenant.name, self.base_url, token)
            else:
                try:
                    message = render_email(tenant, self.base_url, token, contact.address)
                except InvalidRecipientError:
                    unreachable.append(contact)
                    continue
            invitation = InvitationItem(
                token_hash=token_hash(token),
                tenant=contact.tenant,
                channel=contact.channel,
                campaign=contact.campaign,
                contact_day=contact.contact_day,
                status=InvitationStatus.SENDING,
                expires_at=expires_at,
            )
            prepared.append(_Prepared(self._claim(tenant, contact, invitation), message))
        return prepared, unreachable

    def _send(
        self, tenant: Tenant, plan: TenantPlan, chunk: list[_Prepared], report: DispatchReport
    ) -> None:
        """Send each claimed message once; finish the sent and failed, release the unsent."""
        if not chunk:
            return
        channel = chunk[0].claim.contact.channel
        counts = report.channels[channel]
        done: list[tuple[Claim, InvitationStatus]] = []
        unsent: list[Claim] = []
        for position, item in enumerate(chunk):
            self.pacers[channel].wait()
            contact = item.claim.contact
            if isinstance(item.message, RenderedEmail):
                outcome, code = self.sender.send_email(item.message, contact.address)
            else:
                outcome, code = self.sender.send_sms(
                    contact.address, item.message, tenant.sms_sender_id
                )
            if outcome.not_sent:
                if outcome is Outcome.UNAVAILABLE:
                    counts.refused += 1  # e.g. an unverified sender domain: nobody gets mail
                report.blocked[channel] = code
                unsent = [p.claim for p in chunk[position:]]
                logger.warning(
                    "sending paused", channel=channel.value, outcome=outcome.value, code=code
                )
                break
            if outcome is Outcome.REJECTED:
                counts.failed += 1
                done.append((item.claim, InvitationStatus.FAILED))
                logger.info("recipient rejected", tenant=tenant.kommunkod, code=code)
                continue
            if outcome is Outcome.UNCERTAIN:
                counts.uncertain += 1
                logger.warning("send outcome unknown", channel=channel.value, code=code)
            counts.sent += 1
            done.append((item.claim, InvitationStatus.SENT))
        self._finish(done)
        if unsent:
            self._release(tenant, plan, channel, unsent, counts)

    def _finish(self, done: list[tuple[Claim, InvitationStatus]]) -> None:
        """The one place where an invitation becomes ``sent`` (or ``failed``): its message
        went out once (or was refused for good) and its status moves on from ``sending``."""
        self.tables.finish(done)

    def _release(
        self,
        tenant: Tenant,
        plan: TenantPlan,
        channel: Channel,
        claims: list[Claim],
        counts: ChannelCounts,
    ) -> None:
        try:
            self.tables.release(tenant.kommunkod, plan.day, channel, claims)
        except ClientError as error:  # the claims stay: those invitations are lost, not doubled
            logger.error("release failed", tenant=tenant.kommunkod, code=store.error_code(error))
            counts.failed += len(claims)
            return
        counts.deferred += len(claims)


_EMPTY = CampaignStats()


def emit_metrics(report: DispatchReport) -> None:
    """Counts per channel: no personal data, no tenant. Target mode's projections per tenant are
    in the ``target projection`` log line only: as metrics they were 6 custom series per
    municipality, 212 SEK a year each at 290 (bench/cost.md), for figures nobody alarms on."""
    names = {
        Metric.INVITATIONS_SENT: "sent",
        Metric.INVITATIONS_UNCERTAIN: "uncertain",
        Metric.INVITATIONS_FAILED: "failed",
        Metric.INVITATIONS_DROPPED: "dropped",
        Metric.INVITATIONS_DEFERRED: "deferred",
        Metric.INVITATIONS_REFUSED: "refused",
    }
    for channel, counts in report.channels.items():
        record = EphemeralMetrics(namespace=NAMESPACE, service=SERVICE)
        record.add_dimension(name="channel", value=channel.value)
        for name, attribute in names.items():
            record.add_metric(name=name, unit=MetricUnit.Count, value=getattr(counts, attribute))
        record.flush_metrics()
