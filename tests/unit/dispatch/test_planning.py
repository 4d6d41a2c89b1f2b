"""The pure decisions: sending window across DST, caps, target mode and the random choice."""

from __future__ import annotations

import random
import secrets
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

import pytest

from shared.core.models import Channel, ContactItem
from shared.core.tenants import Campaign, Tenant
from shared.dispatch.planning import (
    CampaignStats,
    DropReason,
    choose,
    in_sending_window,
    plan_tenant,
    project,
)

CAMPAIGN = Campaign(id="2026-host", start=date(2026, 9, 1), end=date(2026, 12, 31))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Stockholm


def _tenant(**overrides: object) -> Tenant:
    values: dict[str, object] = {
        "kommunkod": "1980",
        "name": "Västerås stad",
        "sms_sender_id": "Vasteras",
        "email_sender": "servicematning@vasteras.se",
        "privacy_contact": "dataskyddsombud@vasteras.se",
        "kommungrupp": "A3",
        "daily_cap": {"sms": 40, "email": 40},
        "campaigns": [CAMPAIGN.model_dump()],
    }
    return Tenant.model_validate(values | overrides)


def _contacts(count: int, channel: Channel = Channel.SMS, **overrides: object) -> list[ContactItem]:
    values: dict[str, object] = {
        "tenant": "1980",
        "channel": channel,
        "address": "+46701234567",
        "contact_day": date(2026, 11, 23),
        "campaign": CAMPAIGN.id,
        "received_at": int((NOW - timedelta(hours=2)).timestamp()),
        "expires_at": int((NOW + timedelta(hours=90)).timestamp()),
    }
    return [
        ContactItem.model_validate(values | overrides | {"contact_id": secrets.token_hex(8)})
        for _ in range(count)
    ]


@pytest.mark.parametrize(
    ("utc", "inside"),
    [
        ("2026-03-28T07:59", False),  # 08:59 CET
        ("2026-03-28T08:00", True),  # 09:00 CET
        ("2026-03-29T06:59", False),  # 08:59 CEST, the first summer day
        ("2026-03-29T07:00", True),  # 09:00 CEST
        ("2026-03-29T16:59", True),  # 18:59 CEST
        ("2026-03-29T17:00", False),  # 19:00 CEST
        ("2026-10-24T06:59", False),  # 08:59 CEST, the last summer day
        ("2026-10-24T07:00", True),
        ("2026-10-25T07:00", False),  # 08:00 CET, the first winter day
        ("2026-10-25T08:00", True),  # 09:00 CET
        ("2026-10-25T17:59", True),  # 18:59 CET
        ("2026-10-25T18:00", False),  # 19:00 CET
        ("2026-10-25T00:30", False),  # 02:30 CEST, the hour that happens twice
        ("2026-10-25T01:30", False),  # 02:30 CET
    ],
)
def test_the_window_is_stockholm_wall_clock_time_across_dst(utc: str, inside: bool) -> None:
    now = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert in_sending_window(_tenant(), now) is inside


def test_a_custom_window_is_respected() -> None:
    tenant = _tenant(sending_window={"start": "10:30", "end": "16:00"})
    assert not in_sending_window(tenant, datetime(2026, 11, 23, 9, 29, tzinfo=UTC))
    assert in_sending_window(tenant, datetime(2026, 11, 23, 9, 30, tzinfo=UTC))
    assert tenant.sending_window.end == time(16, 0)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone"):
        in_sending_window(_tenant(), datetime(2026, 11, 23, 10, 0))


def test_the_choice_is_uniform() -> None:
    # 12 contacts, 4 chosen, 6000 draws: each contact is expected 2000 times.
    contacts = _contacts(12)
    rng = random.Random(2026)
    seen: Counter[str] = Counter()
    for _ in range(6000):
        chosen, rest = choose(contacts, 4, rng)
        assert len(chosen) == 4
        assert len(rest) == 8
        assert not {c.contact_id for c in chosen} & {c.contact_id for c in rest}
        seen.update(c.contact_id for c in chosen)
    expected = 6000 * 4 / 12
    chi2 = sum((n - expected) ** 2 / expected for n in seen.values())
    assert len(seen) == 12
    assert chi2 < 40  # 11 degrees of freedom: p < 1e-4 for a fair draw to exceed this


def test_the_choice_uses_every_position_equally() -> None:
    # a biased sampler (e.g. always the first ones) would fail here even with a fair count
    contacts = _contacts(5)
    rng = random.Random(1)
    first = Counter(choose(contacts, 1, rng)[0][0].contact_id for _ in range(5000))
    assert min(first.values()) > 850
    assert max(first.values()) < 1150


def test_over_the_cap_the_rest_is_dropped_with_its_reason() -> None:
    plan = plan_tenant(
        _tenant(), NOW, _contacts(50), CampaignStats(), {Channel.SMS: 15}, random.Random(0)
    )
    sms = plan.channels[Channel.SMS]
    assert len(sms.invite) == 25  # 40 a day, 15 already today
    assert len(sms.drop) == 25
    assert sms.reason is DropReason.OVER_CAP


def test_stale_and_out_of_campaign_contacts_are_dropped_first() -> None:
    old = _contacts(2, received_at=int((NOW - timedelta(hours=73)).timestamp()))
    ended = _contacts(3, campaign="2026-var")
    fresh = _contacts(4)
    plan = plan_tenant(_tenant(), NOW, old + ended + fresh, CampaignStats(), {}, random.Random(0))
    assert Counter(r for _, r in plan.stale) == {DropReason.STALE: 2, DropReason.NO_CAMPAIGN: 3}
    assert len(plan.channels[Channel.SMS].invite) == 4


def test_without_an_active_campaign_every_pending_contact_is_dropped() -> None:
    tenant = _tenant(campaigns=[])
    plan = plan_tenant(tenant, NOW, _contacts(3), CampaignStats(), {}, random.Random(0))
    assert plan.channels == {}
    assert len(plan.drops) == 3


def test_the_max_answers_stop_all_invitations() -> None:
    stats = CampaignStats(
        invited={Channel.SMS: 1500, Channel.EMAIL: 900},
        answered={Channel.SMS: 250, Channel.EMAIL: 150},
    )
    tenant = _tenant(campaign_target={"sms": 300, "email": 300})
    plan = plan_tenant(
        tenant, NOW, _contacts(5) + _contacts(5, Channel.EMAIL), stats, {}, random.Random(0)
    )
    for channel_plan in plan.channels.values():
        assert channel_plan.invite == []
        assert channel_plan.reason is DropReason.MAX_ANSWERS


def test_a_channel_stops_at_its_campaign_target() -> None:
    stats = CampaignStats(answered={Channel.SMS: 100, Channel.EMAIL: 20})
    plan = plan_tenant(
        _tenant(), NOW, _contacts(5) + _contacts(5, Channel.EMAIL), stats, {}, random.Random(0)
    )
    assert plan.channels[Channel.SMS].reason is DropReason.TARGET_REACHED
    assert len(plan.channels[Channel.EMAIL].invite) == 5


def test_target_mode_invites_what_the_observed_rate_needs_spread_over_the_days_left() -> None:
    # 39 days left (23 Nov to 31 Dec); 60 answers needed at an observed rate near 10 %
    stats = CampaignStats(invited={Channel.SMS: 400}, answered={Channel.SMS: 40})
    tenant = _tenant(target_mode=True)
    p = project(tenant, Channel.SMS, CAMPAIGN, date(2026, 11, 23), stats, invited_today=0)
    assert p.days_left == 39
    assert p.answers_needed == 60
    assert 0.1 < p.response_rate < 0.11  # (40 + 0.18*20) / (400 + 20)
    assert p.invitations_needed == 578  # ceil(60 / 0.1038)
    assert p.quota_today == 15  # ceil(578 / 39)
    assert 95 <= p.projected_answers <= 105  # on course for the target

    plan = plan_tenant(tenant, NOW, _contacts(50), stats, {Channel.SMS: 0}, random.Random(0))
    assert len(plan.channels[Channel.SMS].invite) == 15
    assert len(plan.channels[Channel.SMS].drop) == 35


def test_target_mode_keeps_the_days_quota_across_runs() -> None:
    # a later run the same day: 10 of the day's ~15 are out (and counted in the statistics)
    stats = CampaignStats(invited={Channel.SMS: 410}, answered={Channel.SMS: 40})
    tenant = _tenant(target_mode=True)
    plan = plan_tenant(tenant, NOW, _contacts(50), stats, {Channel.SMS: 10}, random.Random(0))
    assert 15 <= 10 + len(plan.channels[Channel.SMS].invite) <= 16


def test_target_mode_invites_more_when_answers_come_slowly() -> None:
    tenant = _tenant(target_mode=True)
    fast = CampaignStats(invited={Channel.SMS: 400}, answered={Channel.SMS: 80})
    slow = CampaignStats(invited={Channel.SMS: 400}, answered={Channel.SMS: 20})
    day = date(2026, 12, 20)
    quota_fast = project(tenant, Channel.SMS, CAMPAIGN, day, fast, 0).quota_today
    quota_slow = project(tenant, Channel.SMS, CAMPAIGN, day, slow, 0).quota_today
    assert quota_fast < quota_slow
    # the daily cap still holds, and the projection shows the shortfall
    behind = project(tenant, Channel.SMS, CAMPAIGN, date(2026, 12, 30), slow, 0)
    assert behind.quota_today > 40
    assert behind.projected_answers < 100


def test_target_mode_sends_nothing_once_the_target_is_reached() -> None:
    tenant = _tenant(target_mode=True)
    stats = CampaignStats(invited={Channel.EMAIL: 300}, answered={Channel.EMAIL: 100})
    p = project(tenant, Channel.EMAIL, CAMPAIGN, date(2026, 11, 23), stats, 0)
    assert p.quota_today == 0
    assert p.answers_needed == 0
