"""Pure decisions of a dispatch run: when a tenant may send, how many, and to whom.

Nothing here talks to AWS. The run (``shared.dispatch.run``) reads the inputs, calls
``plan_tenant`` and carries the plan out.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from shared.core.models import Channel, ContactItem
from shared.core.tenants import Campaign, Tenant
from shared.core.time import STOCKHOLM_TZ

# Response rates assumed before a campaign has data of its own, as if PRIOR_WEIGHT invitations
# had already been answered at this rate. SMS: the national measurement's phone rate (about
# 18 %); e-mail: an assumption, replaced by observed data within the first days.
PRIOR_RATE = {Channel.SMS: 0.18, Channel.EMAIL: 0.25}
PRIOR_WEIGHT = 20
MIN_RATE = 0.02  # never plan on fewer than one answer in fifty invitations


class DropReason(StrEnum):
    """Why a pending contact is deleted without an invitation."""

    OVER_CAP = "over_cap"  # more pending than the day's cap (or target pace) allows
    TARGET_REACHED = "target_reached"  # the channel has its campaign target of answers
    MAX_ANSWERS = "max_answers"  # the municipality has its maximum number of answers
    NO_CAMPAIGN = "no_campaign"  # no active campaign, or the contact's campaign has ended
    STALE = "stale"  # held longer than the tenant allows (or past its TTL)


def local_time(now: datetime) -> datetime:
    """``now`` (timezone-aware) on Stockholm's wall clock, daylight saving included."""
    if now.tzinfo is None:
        raise ValueError("dispatch needs a timezone-aware time")
    return now.astimezone(STOCKHOLM_TZ)


def in_sending_window(tenant: Tenant, now: datetime) -> bool:
    """True when Stockholm's wall clock is inside the tenant's window [start, end)."""
    wall = local_time(now).time().replace(tzinfo=None)
    return tenant.sending_window.start <= wall < tenant.sending_window.end


@dataclass(frozen=True)
class CampaignStats:
    """Invitations and answers of one tenant's campaign so far, per channel."""

    invited: dict[Channel, int] = field(default_factory=dict)
    answered: dict[Channel, int] = field(default_factory=dict)

    @property
    def total_answered(self) -> int:
        return sum(self.answered.values())


@dataclass(frozen=True)
class Projection:
    """Target mode's arithmetic for one channel, logged and sent as metrics."""

    channel: Channel
    answered: int
    invited: int
    response_rate: float  # observed, smoothed by the prior
    answers_needed: int
    days_left: int  # today included
    invitations_needed: int  # at the observed rate
    quota_today: int  # today's share of the invitations needed (before the daily cap)
    projected_answers: int  # expected by the campaign's end at this pace (cap included)


@dataclass(frozen=True)
class ChannelPlan:
    channel: Channel
    allowance: int  # how many more may be invited today
    invite: list[ContactItem]
    drop: list[ContactItem]
    reason: DropReason | None  # why the dropped ones are dropped
    projection: Projection | None = None


@dataclass(frozen=True)
class TenantPlan:
    tenant: str
    day: date
    campaign: Campaign | None
    channels: dict[Channel, ChannelPlan]
    stale: list[tuple[ContactItem, DropReason]]  # dropped before planning (no campaign, old)

    @property
    def drops(self) -> list[ContactItem]:
        return [c for c, _ in self.stale] + [c for p in self.channels.values() for c in p.drop]


def response_rate(channel: Channel, stats: CampaignStats) -> float:
    invited = stats.invited.get(channel, 0)
    answered = stats.answered.get(channel, 0)
    rate = (answered + PRIOR_RATE[channel] * PRIOR_WEIGHT) / (invited + PRIOR_WEIGHT)
    return max(MIN_RATE, min(1.0, rate))


def project(
    tenant: Tenant,
    channel: Channel,
    campaign: Campaign,
    today: date,
    stats: CampaignStats,
    invited_today: int,
) -> Projection:
    """How many invitations today keep the channel on course for its target by the end.

    The invitations still needed at the observed rate are spread evenly over the days left;
    recomputed on every run, so a day with few contacts is made up on the days after it."""
    answered = stats.answered.get(channel, 0)
    needed = max(
        0,
        min(
            tenant.campaign_target[channel] - answered,
            tenant.max_answers - stats.total_answered,
        ),
    )
    rate = response_rate(channel, stats)
    days_left = max(1, (campaign.end - today).days + 1)
    invitations_needed = math.ceil(needed / rate) if needed else 0
    # measured from the start of today, so runs later in the day keep the same quota
    quota = math.ceil((invitations_needed + invited_today) / days_left) if needed else 0
    pace = min(quota, tenant.daily_cap[channel])
    projected = answered + rate * max(0, pace * days_left - invited_today)
    return Projection(
        channel=channel,
        answered=answered,
        invited=stats.invited.get(channel, 0),
        response_rate=round(rate, 4),
        answers_needed=needed,
        days_left=days_left,
        invitations_needed=invitations_needed,
        quota_today=quota,
        projected_answers=math.floor(projected),
    )


def channel_allowance(
    tenant: Tenant,
    channel: Channel,
    campaign: Campaign,
    today: date,
    stats: CampaignStats,
    invited_today: int,
) -> tuple[int, DropReason, Projection | None]:
    """How many more contacts of ``channel`` may be invited today, and why not more."""
    projection = (
        project(tenant, channel, campaign, today, stats, invited_today)
        if tenant.target_mode
        else None
    )
    if stats.total_answered >= tenant.max_answers:
        return 0, DropReason.MAX_ANSWERS, projection
    if stats.answered.get(channel, 0) >= tenant.campaign_target[channel]:
        return 0, DropReason.TARGET_REACHED, projection
    allowance = max(0, tenant.daily_cap[channel] - invited_today)
    if projection is not None:
        allowance = min(allowance, max(0, projection.quota_today - invited_today))
    return allowance, DropReason.OVER_CAP, projection


def choose(
    pending: Sequence[ContactItem], count: int, rng: random.Random
) -> tuple[list[ContactItem], list[ContactItem]]:
    """``count`` contacts drawn uniformly at random (every subset equally likely), and the rest."""
    count = max(0, min(count, len(pending)))
    chosen = rng.sample(list(pending), count)
    picked = {id(c) for c in chosen}
    return chosen, [c for c in pending if id(c) not in picked]


def is_stale(tenant: Tenant, contact: ContactItem, now: datetime) -> bool:
    epoch = now.timestamp()
    held = epoch - contact.received_at
    return held > tenant.max_holding_hours * 3600 or contact.expires_at <= epoch


def plan_tenant(
    tenant: Tenant,
    now: datetime,
    pending: Iterable[ContactItem],
    stats: CampaignStats,
    invited_today: dict[Channel, int],
    rng: random.Random,
) -> TenantPlan:
    """Split a tenant's pending contacts into those invited now and those deleted now.

    Call it inside the sending window only: outside it nothing is decided and contacts wait."""
    today = local_time(now).date()
    campaign = tenant.active_campaign(today)
    stale: list[tuple[ContactItem, DropReason]] = []
    by_channel: dict[Channel, list[ContactItem]] = {c: [] for c in Channel}
    for contact in pending:
        if is_stale(tenant, contact, now):
            reason = DropReason.STALE
        elif campaign is None or contact.campaign != campaign.id:
            reason = DropReason.NO_CAMPAIGN
        else:
            by_channel[contact.channel].append(contact)
            continue
        stale.append((contact, reason))
    plans: dict[Channel, ChannelPlan] = {}
    if campaign is not None:
        for channel, contacts in by_channel.items():
            if not contacts:
                continue
            allowance, reason, projection = channel_allowance(
                tenant, channel, campaign, today, stats, invited_today.get(channel, 0)
            )
            invite, drop = choose(contacts, allowance, rng)
            plans[channel] = ChannelPlan(
                channel=channel,
                allowance=allowance,
                invite=invite,
                drop=drop,
                reason=reason if drop else None,
                projection=projection,
            )
    return TenantPlan(
        tenant=tenant.kommunkod,
        day=today,
        campaign=campaign,
        channels=plans,
        stale=stale,
    )


def utc_now() -> datetime:
    return datetime.now(UTC)


def link_expiry(campaign: Campaign) -> int:
    """Epoch seconds when an invitation of ``campaign`` expires (DynamoDB TTL): the link stays
    valid through ``campaign.answers_until`` (the campaign and LINK_DAYS_AFTER_CAMPAIGN days
    more), the last day the release calendar waits for answers."""
    end = datetime.combine(campaign.answers_until + timedelta(days=1), datetime.min.time())
    return int(end.replace(tzinfo=STOCKHOLM_TZ).timestamp())
