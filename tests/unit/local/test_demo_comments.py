"""The demo's comments (local/demo.py, local/history.py): a campaign whose first comment day
is the next release day, and a history whose comment pools clear that day's noisy check, so
`make demo ARGS=--once` shows the report's themes. Pure: no AWS."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

import pytest

from local.demo import COMMENT_RATE, HOME, demo_campaign, demo_tenants
from local.history import COMMENT_SOURCE, generate
from shared.core.pool import DEFAULT_BATCH
from shared.results import comments, schedule
from shared.results.comments import Pooled
from shared.results.disclosure import noise


@pytest.mark.parametrize("weekday", range(7))
def test_the_first_comment_day_is_the_next_release_day_whatever_the_weekday(
    weekday: int,
) -> None:
    today = date(2026, 12, 7) + timedelta(days=weekday)
    calendar = schedule.Calendar()
    days = calendar.comment_days(demo_campaign(today))
    assert days[0] == calendar.next_release_day(today)  # none has passed, the first is next


def test_every_demo_municipality_s_pool_clears_the_first_comment_day_s_check() -> None:
    today = date(2026, 12, 7)
    campaign = demo_campaign(today)
    sigma = noise.Budget().comment_sigma(len(schedule.Calendar().comment_days(campaign)))
    for tenant in demo_tenants(today):
        # as the demo seeds it: 120 answers a channel, Västerås three quarters of that
        per_channel = 90 if tenant.kommunkod == HOME else 120
        pooled = [
            Pooled("x", item["comment"], item["channel"], item["errand"], item["contact_day"])
            for kind, item in generate(
                tenant,
                campaign.id,
                campaign.start,
                today - timedelta(1),
                per_channel,
                2026,
                COMMENT_RATE,
            )
            if kind == "response" and item.get("comment")
        ]
        assert len({p.contact_day for p in pooled}) >= comments.MIN_DAYS
        # a noise draw of -4 sigma still lets the batch out
        margin = comments.checked_count(pooled) - comments.threshold(DEFAULT_BATCH, sigma)
        assert margin >= 4 * sigma, tenant.kommunkod


def test_a_comment_s_tone_follows_the_resident_s_scores() -> None:
    tones = {}
    for line in COMMENT_SOURCE.read_text(encoding="utf-8").splitlines():
        example = json.loads(line)
        tones[example["text"]] = example["tone"]
    today = date(2026, 12, 7)
    tenant = next(t for t in demo_tenants(today) if t.kommunkod == HOME)
    scores: dict[str, list[float]] = {"positiv": [], "negativ": []}
    written: Counter[str] = Counter()
    for kind, item in generate(tenant, "c", today - timedelta(42), today, 200, 1, 0.5):
        if kind != "response" or not item.get("comment"):
            continue
        tone = tones[item["comment"]]
        written[item["comment"]] += 1
        given = [s for s in item["answers"].values() if s is not None]
        if tone in scores and given:
            scores[tone].append(sum(given) / len(given))
    assert len(written) > 60  # varied: many different texts, not a handful repeated
    mean = {tone: sum(v) / len(v) for tone, v in scores.items()}
    assert mean["positiv"] > mean["negativ"] + 1
