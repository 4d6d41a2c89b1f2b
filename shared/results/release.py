"""Releases: the only way a figure reaches a reader. Pure: no AWS; randomness is injected.

A stream's answers are released in batches. A batch is released when the answers not yet
released reach a secret threshold drawn anew after every release: ``k`` plus a margin that is
``margin`` plus discrete Laplace noise of scale ``margin / 4``, never below 0. A uniform margin
would betray participation: its hard ends make the batch go out one answer early, for certain,
exactly when the target's answer is in it; a margin with a tail on both sides shifts the
release moment by one answer with a likelihood ratio of at most e^(4/margin). It
publishes, for every cell that exists by the calendar (the total, every week of the campaign
that is still open, every errand kind), the batch's new counts plus discrete Gaussian noise
(``shared.results.noise``). Zeros get noise too, and the set of cells never depends on the
answers, so neither a cell's appearance nor an unchanged figure tells a reader anything. A
published figure is the sum of its batches; every answer is in exactly one batch.

Invitations and declines are released in batches of their own, only by the daily run (never
right after an invitation or a decline), so their timing says nothing either.

A week cell takes no more batches once ``close_after_days`` have passed since the week ended
(later answers for that week still count in the total), so old weeks stop gathering noise.
When the campaign's answering window has closed, a last batch of at least ``k`` answers is
released without the margin; fewer than ``k`` left over are never released.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from shared.models import Channel
from shared.results import noise, totals
from shared.results.totals import ANSWERS, DECLINES, INVITATIONS, TOTAL, Cells
from shared.tenants import Campaign, ExtraQuestion

RandBelow = Callable[[int], int]
DEFAULT_K = 20
MIN_K = 5
DEFAULT_MARGIN = 40
DEFAULT_CLOSE_AFTER_DAYS = 14


@dataclass(frozen=True)
class Policy:
    budget: noise.Budget = field(default_factory=noise.Budget)
    k: int = DEFAULT_K
    margin: int = DEFAULT_MARGIN
    close_after_days: int = DEFAULT_CLOSE_AFTER_DAYS

    def __post_init__(self) -> None:
        if self.k < MIN_K:
            raise ValueError(f"k must be at least {MIN_K}")
        if self.margin < 0:
            raise ValueError("the margin cannot be negative")

    def threshold(self, below: RandBelow) -> int:
        """k + max(0, margin + discrete Laplace(margin / 4)): secret, with no hard ends."""
        if self.margin == 0:
            return self.k
        scale = max(1, self.margin // 4)
        return self.k + max(0, self.margin + noise.discrete_laplace(scale, below))


@dataclass
class State:
    """What a stream has released so far, and what it needs to decide the next release.

    ``exact`` (the totals at the last release) and ``thresholds`` are secret: they live in the
    releases table, which no municipality can read. ``published`` and ``variance`` are what
    readers see (the variance of each figure's noise, for its confidence interval)."""

    stream: str
    exact: Cells = field(default_factory=dict)
    published: Cells = field(default_factory=dict)
    variance: dict[str, dict[str, float]] = field(default_factory=dict)
    batches: dict[str, int] = field(default_factory=dict)  # per cell
    thresholds: dict[str, int] = field(default_factory=dict)  # per batch kind
    released_on: str | None = None  # the day of the last release; never a time
    sequence: int = 0

    def to_json(self) -> str:
        return json.dumps(self.__dict__, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> State:
        return cls(**json.loads(text))

    def figure(self, cell: str, stat: str) -> int:
        return self.published.get(cell, {}).get(stat, 0)


def open_cells(campaign: Campaign, today: date, close_after_days: int) -> list[str]:
    """The cells a batch of answers publishes on ``today``: fixed by the calendar alone."""
    cells = [TOTAL]
    monday = campaign.start - timedelta(days=campaign.start.weekday())
    last = min(today, campaign.end)
    while monday <= last:
        if today <= monday + timedelta(days=6 + close_after_days):
            cells.append(totals.week_cell(monday))
        monday += timedelta(days=7)
    cells += [totals.errand_cell(e) for e in totals.errands()]
    return cells


def scale_questions(channel: Channel, extra: Iterable[ExtraQuestion]) -> tuple[str, ...]:
    own = tuple(q.id for q in extra if q.kind == "scale")
    return (*totals.national_questions(channel), *own)


def exposure(channel: Channel, extra: Iterable[ExtraQuestion]) -> noise.Exposure:
    extra = tuple(extra)
    choices = sum(q.kind == "choice" for q in extra)
    return noise.Exposure.respondent(len(scale_questions(channel, extra)), choices)


def statistics(cell: str, channel: Channel, extra: Iterable[ExtraQuestion]) -> dict[str, str]:
    """Every statistic a cell publishes, with its noise family."""
    extra = tuple(extra)
    out: dict[str, str] = {}
    if cell == TOTAL:
        out[ANSWERS] = noise.TOTAL_COUNT
        for q in scale_questions(channel, extra):
            out[totals.s(q)] = noise.TOTAL_SUM
            out[totals.n(q)] = noise.TOTAL_COUNT
            out[totals.v(q)] = noise.TOTAL_COUNT
        for e in totals.errands():
            out[totals.errand_count(e)] = noise.TOTAL_COUNT
        for own in extra:
            if own.kind == "choice":
                for option in own.values():
                    out[totals.choice(own.id, option)] = noise.TOTAL_COUNT
        return out
    for q in totals.national_questions(channel):
        out[totals.s(q)] = noise.BREAKDOWN_SUM
        out[totals.n(q)] = noise.BREAKDOWN_COUNT
        out[totals.v(q)] = noise.BREAKDOWN_COUNT
    return out


PARTICIPATION_STATS = (INVITATIONS, DECLINES)
ANSWER_KIND = "answers"


def _publish(
    state: State, cell: str, stat: str, delta: int, sigma: float, below: RandBelow
) -> None:
    noisy = delta + noise.discrete_gaussian(sigma, below)
    state.published.setdefault(cell, {})[stat] = state.figure(cell, stat) + noisy
    cell_variance = state.variance.setdefault(cell, {})
    cell_variance[stat] = round(cell_variance.get(stat, 0.0) + sigma * sigma, 6)


def _exact(cells: Cells, cell: str, stat: str) -> int:
    return cells.get(cell, {}).get(stat, 0)


def step(
    state: State,
    exact: Cells,
    *,
    campaign: Campaign,
    channel: Channel,
    extra: Iterable[ExtraQuestion],
    today: date,
    policy: Policy,
    below: RandBelow = secrets.randbelow,
    participation: bool = False,
) -> bool:
    """Release whatever is due in ``state`` given the stream's ``exact`` totals.

    Mutates ``state`` and returns True when something was released (then the state must be
    stored and the figures exported), False when nothing was due (the state is unchanged).
    ``participation``: also release invitations and declines (the daily run only)."""
    extra = tuple(extra)
    released = False
    for kind in (ANSWER_KIND, *PARTICIPATION_STATS):
        state.thresholds.setdefault(kind, policy.threshold(below))
    basis = exposure(channel, extra)
    closed = today > campaign.end + timedelta(days=policy.close_after_days)

    pending = _exact(exact, TOTAL, ANSWERS) - _exact(state.exact, TOTAL, ANSWERS)
    due = state.thresholds[ANSWER_KIND]
    if pending >= due or (closed and pending >= policy.k):
        for cell in open_cells(campaign, today, policy.close_after_days):
            for stat, family in statistics(cell, channel, extra).items():
                delta = _exact(exact, cell, stat) - _exact(state.exact, cell, stat)
                sigma = policy.budget.sigma(family, basis)
                _publish(state, cell, stat, delta, sigma, below)
            state.batches[cell] = state.batches.get(cell, 0) + 1
        for cell, stats in exact.items():  # the new baseline (participation keeps its own)
            kept = {k: val for k, val in stats.items() if k not in PARTICIPATION_STATS}
            old = state.exact.get(cell, {})
            state.exact[cell] = kept | {k: old[k] for k in PARTICIPATION_STATS if k in old}
        state.thresholds[ANSWER_KIND] = policy.threshold(below)
        released = True

    for stat in PARTICIPATION_STATS if participation else ():
        pending = _exact(exact, TOTAL, stat) - _exact(state.exact, TOTAL, stat)
        if pending >= state.thresholds[stat] or (closed and pending >= policy.k):
            sigma = policy.budget.sigma(noise.PARTICIPATION, basis)
            _publish(state, TOTAL, stat, pending, sigma, below)
            state.exact.setdefault(TOTAL, {})[stat] = _exact(exact, TOTAL, stat)
            state.thresholds[stat] = policy.threshold(below)
            released = True

    if released:
        state.sequence += 1
        state.released_on = today.isoformat()
    return released


def pending_answers(state: State, exact: Cells) -> int:
    return _exact(exact, TOTAL, ANSWERS) - _exact(state.exact, TOTAL, ANSWERS)
