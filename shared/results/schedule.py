"""The public release calendar: when a campaign's figures and comments may change. Pure.

Every decision a reader can observe is taken on this calendar, never on a count: a release
happens on its day whatever arrived (nothing, one answer or a thousand), and a campaign's
releases are known before its first answer. The calendar of a campaign is

- its *release days*: every release day of the cadence (weekly: Mondays; daily: every day)
  after the campaign's first day, up to and including the first release day on which no
  answer can arrive any more (the campaign's last day + the links' validity,
  ``Campaign.answers_until``): that last one is the campaign's *final release*;
- its *comment days*: ``comment_checks`` of those release days, evenly spread and ending with
  the final release, on which a comment batch may go out (``shared.results.comments``).

A release day's figures are computed at ``RELEASE_HOUR`` Stockholm time (06:00): the results
function runs early every morning and releases every release day that is due and not yet done,
so a missed run is made up by the next one with the same figures it would have published.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from shared.core.tenants import Campaign
from shared.core.time import STOCKHOLM_TZ

RELEASE_HOUR = time(6, 0)
WEEKLY_ON = 0  # Monday (date.weekday())
DEFAULT_COMMENT_CHECKS = 3


class Cadence(StrEnum):
    WEEKLY = "weekly"
    DAILY = "daily"


@dataclass(frozen=True)
class Calendar:
    cadence: Cadence = Cadence.WEEKLY
    comment_checks: int = DEFAULT_COMMENT_CHECKS

    def __post_init__(self) -> None:
        if self.comment_checks < 1:
            raise ValueError("a campaign needs at least one comment day (its final release)")

    def is_release_day(self, day: date) -> bool:
        return self.cadence is Cadence.DAILY or day.weekday() == WEEKLY_ON

    def next_release_day(self, after: date) -> date:
        """The first release day strictly after ``after``."""
        day = after + timedelta(days=1)
        while not self.is_release_day(day):
            day += timedelta(days=1)
        return day

    def release_days(self, campaign: Campaign) -> list[date]:
        """The campaign's release days, its final release last (public, fixed in advance)."""
        return list(self._release_days(campaign.start, campaign.answers_until))

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - calendars are few and live for the process
    def _release_days(self, start: date, answers_until: date) -> tuple[date, ...]:
        final = self.next_release_day(answers_until)
        days = [self.next_release_day(start)]
        while days[-1] < final:
            days.append(self.next_release_day(days[-1]))
        return tuple(days)

    def comment_days(self, campaign: Campaign) -> list[date]:
        """The release days on which a comment batch may go out: evenly spread, the final
        release last."""
        days = self.release_days(campaign)
        checks = min(self.comment_checks, len(days))
        picked = {days[round((i + 1) * len(days) / checks) - 1] for i in range(checks)}
        return sorted(picked)

    def due(self, campaign: Campaign, now: datetime) -> int:
        """How many of the campaign's release days have come (at ``RELEASE_HOUR`` Stockholm
        time) by ``now``: the releases that should exist."""
        local = now.astimezone(STOCKHOLM_TZ)
        today = local.date() if local.time() >= RELEASE_HOUR else local.date() - timedelta(1)
        return sum(1 for d in self.release_days(campaign) if d <= today)


def release_moment(day: date) -> datetime:
    return datetime.combine(day, RELEASE_HOUR, tzinfo=STOCKHOLM_TZ)
