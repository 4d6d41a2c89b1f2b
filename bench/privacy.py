"""Accuracy of the released index on the release calendar, and how long an answer waits.

Each trial is one municipality's campaign on one channel (8 weeks, 2 March to 26 April 2026, the
links valid 14 days more) with n = 100, 200 or 400 answers. The answers are generated as
``local.history`` makes them (the municipality's mean between 3.2 and 4.4, a rounded Gaussian of
sd 1, 5 % "vet ej", an errand kind each) and arrive over the campaign: a contact on a weekday
of the campaign, its invitation the next day at 09:00-17:00 Stockholm time, the answer an
exponential delay later (mean ``ANSWER_DELAY_HOURS``), never after the links' last day. The
real pure core releases them: ``release.step`` on every release day of the campaign's real
calendar (weekly Mondays 06:00 or daily), with the answers that arrived before that moment.

Measured, per cadence × rho × final_share (``Policy.final_share``, the campaign node's share):

- the p95 absolute error of the *headline index* (each national question's index in the total
  cell as ``figures.compute`` exports it) at the final release, against the exact index of the
  same answers; and of the *running* index at week 4 (the release of 30 March: the answers
  that arrived in the campaign's first four weeks), against the exact index of those answers;
- estimated beside it: the p95 that the published variances predict (the noise part of the
  interval the figures print, ``figures.estimate``: delta method on GLS + consistency), so a
  reader sees whether the trials agree with the design's own arithmetic;
- the days an answer waits, from its arrival to the release that first includes it, the
  releases per campaign, and the share of the answers so far that the latest release includes
  on an average day of the campaign.

Two shortcuts, neither of which changes a published figure: the noise is drawn by inverting
the discrete Gaussian's exact table (truncated at 14 sigma) from a seeded generator, the same
distribution as ``noise.discrete_gaussians`` at a twentieth of its cost; and the post-processing of
a release day whose figures the trial does not read is skipped (``release.estimates`` feeds
nothing back into the state: checked at the start of every run, on one trial each way).

    python -m bench privacy               # as part of make bench: reduced trials
    python -m bench --full privacy        # 1,000 trials a row, every point of the frontier
    python -m bench.privacy --full --jobs 2 --keep /tmp/frontier   # resumable
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import itertools
import math
import pickle
import random
import statistics
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from shared.core import totals
from shared.core.models import Channel, ResponseItem
from shared.core.tenants import Campaign, Kommungrupp, Tenant
from shared.core.time import STOCKHOLM_TZ
from shared.core.totals import TOTAL
from shared.results import figures, schedule
from shared.results.disclosure import noise, release

SIZES = (100, 200, 400)
GOALS = {100: 4.0, 400: 1.2}  # issue 20: p95 at the default point
COVERAGE_GOAL = 0.95
RHOS = (0.15, 0.3, 0.6)
SHARES = (0.5, 0.65, 0.8)
CADENCES = (schedule.Cadence.WEEKLY, schedule.Cadence.DAILY)
DEFAULT = (schedule.Cadence.WEEKLY, noise.DEFAULT_RHO, release.DEFAULT_FINAL_SHARE)
FULL_TRIALS = 1000
REDUCED_TRIALS = {True: 300, False: 30}  # the default point / every other point (make bench)

CODE = "1980"
CHANNEL = Channel.SMS
QUESTIONS = totals.national_questions(CHANNEL)
CAMPAIGN = Campaign(id="var-2026", start=date(2026, 3, 2), end=date(2026, 4, 26))
WEEK4 = CAMPAIGN.start + timedelta(weeks=4)  # Monday 30 March: four weeks of answers
LEVELS = tuple(3.2 + i / 10 for i in range(13))  # each municipality's mean, as local.history
VET_EJ_SHARE = 0.05
ANSWER_DELAY_HOURS = 18.0
ERRANDS = totals.errands()


# The noise, fast -----------------------------------------------------------------------------


class TableGaussian:
    """N_Z(0, sigma^2) by inversion of its exact table (truncated where the mass left is below
    1e-40), drawn from a seeded generator in batches: the distribution
    ``noise.discrete_gaussians`` draws."""

    BATCH = 4096

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.drawn: dict[float, list[int]] = {}

    @staticmethod
    @functools.cache
    def table(sigma: float) -> tuple[list[int], list[float]]:
        variance = float(noise.variance_used(sigma))
        reach = math.ceil(14 * sigma) + 2
        xs = list(range(-reach, reach + 1))
        weights = [math.exp(-x * x / (2 * variance)) for x in xs]
        total = math.fsum(weights)
        return xs, list(itertools.accumulate(w / total for w in weights))

    def __call__(self, sigma: float, bits: Any = None) -> int:
        drawn = self.drawn.get(sigma)
        if not drawn:
            xs, cumulative = self.table(sigma)
            drawn = self.drawn[sigma] = self.rng.choices(xs, cum_weights=cumulative, k=self.BATCH)
        return drawn.pop()

    def many(self, sigma: float, count: int, bits: Any = None) -> list[int]:
        """``noise.discrete_gaussians``' equivalent."""
        return [self(sigma) for _ in range(count)]


@contextlib.contextmanager
def fast_noise(rng: random.Random | TableGaussian) -> Iterator[None]:
    """The table sampler in place of the exact one while the block runs."""
    original = noise.discrete_gaussians
    noise.discrete_gaussians = (rng if isinstance(rng, TableGaussian) else TableGaussian(rng)).many
    try:
        yield
    finally:
        noise.discrete_gaussians = original


@contextlib.contextmanager
def unread_days() -> Iterator[None]:
    """Skip the post-processing of a release day whose figures nobody reads (it feeds nothing
    back: the next release day recomputes every estimate from the measured blocks)."""
    original = release.estimates
    release.estimates = lambda state, *_: (state.published, state.variance)
    try:
        yield
    finally:
        release.estimates = original


# The answers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Arrival:
    moment: datetime
    contributions: totals.Cells


def _score(rnd: random.Random, level: float) -> int | None:
    if rnd.random() < VET_EJ_SHARE:
        return None
    return max(1, min(5, round(rnd.gauss(level, 1.0))))


def campaign_answers(n: int, seed: int, channel: Channel = CHANNEL) -> list[Arrival]:
    """A campaign's ``n`` answers in the order they arrive (the same for every policy)."""
    rnd = random.Random(f"answers-{n}-{seed}" + ("" if channel is CHANNEL else channel.value))
    level = rnd.choice(LEVELS)
    weekdays = [
        CAMPAIGN.start + timedelta(days=d)
        for d in range((CAMPAIGN.end - CAMPAIGN.start).days + 1)
        if (CAMPAIGN.start + timedelta(days=d)).weekday() < 5
    ]
    last = datetime.combine(CAMPAIGN.answers_until, time(23, 59), tzinfo=STOCKHOLM_TZ)
    out = []
    for i in range(n):
        contact = rnd.choice(weekdays)
        sent = datetime.combine(contact + timedelta(days=1), time(9), tzinfo=STOCKHOLM_TZ)
        sent += timedelta(hours=rnd.uniform(0, 8))
        moment = sent + timedelta(hours=rnd.expovariate(1 / ANSWER_DELAY_HOURS))
        if moment > last:  # the link expired: another resident answers instead
            moment = sent + (last - sent) * rnd.random()
        response = ResponseItem(
            tenant=CODE,
            response_id=f"a{i}",
            channel=channel,
            campaign=CAMPAIGN.id,
            contact_day=contact,
            answers={q: _score(rnd, level) for q in totals.national_questions(channel)},
            errand=rnd.choice(ERRANDS[:-1]) if rnd.random() < 0.9 else None,
        )
        out.append(Arrival(moment, totals.contributions(response)))
    out.sort(key=lambda a: a.moment)
    return out


# One campaign through the release core -------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """A question's published index at one release against the exact index of its answers."""

    error: float  # |published - exact|
    noise_sd: float  # the index's noise sd by the published variances (delta method)
    covered: bool  # the row's 95 % interval holds the exact index
    shown: bool  # the row is shown (not hidden for too few answers or too wide an interval)


@dataclass
class Trial:
    final: list[Reading] = field(default_factory=list)
    week4: list[Reading] = field(default_factory=list)
    waits: Counter[int] = field(default_factory=Counter)  # hundredths of a day → answers
    visible: float = 0.0  # on an average campaign day: included / arrived so far
    releases: int = 0


_TENANT = Tenant(
    kommunkod=CODE,
    name="Kommunen",
    sms_sender_id="Kommunen",
    email_sender="noreply@example.se",
    privacy_contact="dataskydd@example.se",
    kommungrupp=Kommungrupp.A3,
    campaigns=(CAMPAIGN,),
)


def _readings(state: release.State, exact: totals.Cells) -> list[Reading]:
    published = figures.Published(CODE, CAMPAIGN.id, CHANNEL.value, state)
    rows = {
        r.question: r
        for r in figures.compute([published], {CODE: _TENANT}).for_area(CODE)
        if r.breakdown == figures.TOTAL_BREAKDOWN
    }
    out = []
    for q in QUESTIONS:
        s, n = exact[TOTAL][totals.s(q)], exact[TOTAL][totals.n(q)]
        truth = 25 * (s / n + totals.CENTRE - 1)
        # the headline as figures.estimate computes it (the row rounds it to 0.1)
        count = state.figure(TOTAL, totals.n(q))
        centred = state.figure(TOTAL, totals.s(q)) / count if count >= 1 else 0.0
        index = min(100.0, max(0.0, 25 * (centred + totals.CENTRE - 1)))
        # the noise's sd by the published variances at the exact n and mean (delta method)
        var_s = state.variance[TOTAL][totals.s(q)]
        var_n = state.variance[TOTAL][totals.n(q)]
        noise_sd = 25 * math.sqrt(var_s + (s / n) ** 2 * var_n) / n
        row = rows[q]
        shown = not row.suppressed and row.index is not None
        covered = False
        if row.index is not None and row.ci_low is not None and row.ci_high is not None:
            index = row.index
            covered = row.ci_low <= truth <= row.ci_high
        out.append(Reading(abs(index - truth), noise_sd, covered, shown))
    return out


def run_campaign(
    policy: release.Policy, answers: Sequence[Arrival], rng: random.Random | TableGaussian
) -> Trial:
    out = Trial()
    days = policy.calendar.release_days(CAMPAIGN)
    out.releases = len(days)
    moments = [schedule.release_moment(d) for d in days]
    read = {days[-1], next(d for d in days if d >= WEEK4)}
    state = release.State(f"{CODE}#{CAMPAIGN.id}#{CHANNEL.value}")
    exact: totals.Cells = {}
    arrived = 0
    with fast_noise(rng):
        for day, moment in zip(days, moments, strict=True):
            while arrived < len(answers) and answers[arrived].moment < moment:
                totals.add(exact, answers[arrived].contributions)
                wait = (moment - answers[arrived].moment).total_seconds() / 864
                out.waits[math.ceil(wait)] += 1
                arrived += 1
            if day in read:
                release.step(state, exact, **_step_args(policy, moment))
                readings = _readings(state, exact)
                (out.final if day == days[-1] else out.week4).extend(readings)
            else:
                with unread_days():
                    release.step(state, exact, **_step_args(policy, moment))
    if arrived != len(answers):
        raise AssertionError("an answer arrived after the final release")
    out.visible = statistics.fmean(visible_shares([a.moment for a in answers], moments))
    return out


def _step_args(policy: release.Policy, moment: datetime) -> dict[str, Any]:
    return dict(campaign=CAMPAIGN, channel=CHANNEL, extra=(), now=moment, policy=policy)


def visible_shares(arrivals: Sequence[datetime], releases: Sequence[datetime]) -> list[float]:
    """On every campaign day at noon: the share of the answers arrived so far that the latest
    release includes."""
    out = []
    day = CAMPAIGN.start
    while day <= CAMPAIGN.answers_until:
        noon = datetime.combine(day, time(12), tzinfo=STOCKHOLM_TZ)
        so_far = bisect.bisect_left(arrivals, noon)
        latest = releases[bisect.bisect_right(releases, noon) - 1] if releases[0] <= noon else None
        included = bisect.bisect_left(arrivals, latest) if latest else 0
        if so_far:
            out.append(included / so_far)
        day += timedelta(days=1)
    return out


def check_shortcut(policy: release.Policy) -> None:
    """Skipping the unread days' post-processing publishes exactly the same figures."""
    answers = campaign_answers(100, 0)
    states = []
    for skip in (False, True):
        state = release.State("check")
        exact: totals.Cells = {}
        i = 0
        with fast_noise(random.Random(1)):
            days = policy.calendar.release_days(CAMPAIGN)
            for day in days:
                moment = schedule.release_moment(day)
                while i < len(answers) and answers[i].moment < moment:
                    totals.add(exact, answers[i].contributions)
                    i += 1
                if skip and day != days[-1]:
                    with unread_days():
                        release.step(state, exact, **_step_args(policy, moment))
                else:
                    release.step(state, exact, **_step_args(policy, moment))
        states.append((state.published, state.variance))
    if states[0] != states[1]:
        raise AssertionError("skipping the unread days' estimates changed a published figure")


# The frontier --------------------------------------------------------------------------------


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def predicted_p95(sds: Sequence[float]) -> float:
    """x with mean over trials of P(|N(0, sd²)| > x) = 5 %: the p95 the variances predict."""

    def tail(x: float) -> float:
        return sum(math.erfc(x / (sd * math.sqrt(2))) if sd > 0 else 0.0 for sd in sds) / len(sds)

    low, high = 0.0, 10 * max(sds) + 1
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if tail(mid) > 0.05 else (low, mid)
    return (low + high) / 2


@dataclass
class Accuracy:
    cadence: schedule.Cadence
    rho: float
    final_share: float
    trials: int
    runs: dict[int, list[Trial]] = field(default_factory=dict)

    @property
    def key(self) -> tuple[schedule.Cadence, float, float]:
        return (self.cadence, self.rho, self.final_share)

    def readings(self, n: int, week4: bool = False) -> list[Reading]:
        return [r for c in self.runs[n] for r in (c.week4 if week4 else c.final)]

    def p95(self, n: int, week4: bool = False) -> float:
        return p95([r.error for r in self.readings(n, week4)])

    def estimated(self, n: int, week4: bool = False) -> float:
        return predicted_p95([r.noise_sd for r in self.readings(n, week4)])

    def coverage(self, n: int, week4: bool = False) -> float:
        readings = [r for r in self.readings(n, week4) if r.shown]
        return sum(r.covered for r in readings) / max(1, len(readings))

    def shown(self, n: int, week4: bool = False) -> float:
        readings = self.readings(n, week4)
        return sum(r.shown for r in readings) / len(readings)

    def waits(self, n: int) -> tuple[float, float, float]:
        """Days an answer waits: mean, p95, max (over every answer of every trial)."""
        counts: Counter[int] = sum((c.waits for c in self.runs[n]), Counter())
        total = sum(counts.values())
        mean = sum(k * v for k, v in counts.items()) / total / 100
        seen, tail = 0, 0
        for k in sorted(counts):
            seen += counts[k]
            if seen >= 0.95 * total:
                tail = k
                break
        return mean, tail / 100, max(counts) / 100

    def visible(self, n: int) -> float:
        return statistics.fmean(c.visible for c in self.runs[n])

    def releases(self) -> int:
        return next(iter(self.runs.values()))[0].releases


def accuracy(
    rho: float = noise.DEFAULT_RHO,
    trials: int = FULL_TRIALS,
    final_share: float = release.DEFAULT_FINAL_SHARE,
    cadence: schedule.Cadence = schedule.Cadence.WEEKLY,
    sizes: Sequence[int] = SIZES,
    seed: int = 7,
) -> Accuracy:
    """``trials`` campaigns at each n through the release core with one policy. The answers
    of trial i are the same for every policy (common random numbers), the noise is not."""
    policy = release.Policy(
        budget=noise.Budget(rho), calendar=schedule.Calendar(cadence), final_share=final_share
    )
    out = Accuracy(cadence, rho, final_share, trials)
    sampler = TableGaussian(random.Random(f"noise-{seed}-{cadence}-{rho}-{final_share}"))
    for n in sizes:
        out.runs[n] = [run_campaign(policy, campaign_answers(n, t), sampler) for t in range(trials)]
    return out


def sigmas(rho: float, cadence: schedule.Cadence = schedule.Cadence.WEEKLY) -> dict[str, float]:
    """A tree node's noise sd per family for a stream of the national questions only."""
    policy = release.Policy(budget=noise.Budget(rho), calendar=schedule.Calendar(cadence))
    unit = policy.strategy(len(policy.calendar.release_days(CAMPAIGN))).unit_cost
    basis = release.exposure(CHANNEL, ())
    return {f: policy.budget.sigma(f, basis, unit) for f in noise.FAMILIES}


def _point(args: tuple[schedule.Cadence, float, float, int]) -> Accuracy:
    cadence, rho, share, trials = args
    return accuracy(rho, trials, share, cadence)


def trials(full: bool, default: bool) -> int:
    return FULL_TRIALS if full else REDUCED_TRIALS[default]


def frontier(full: bool, jobs: int = 1, keep: Path | None = None) -> list[Accuracy]:
    """Every point of the frontier. With ``keep``, each point is stored there as it is done
    and a point already there is not run again (a long run can be stopped and resumed)."""
    keys = [(cadence, rho, share) for cadence in CADENCES for rho in RHOS for share in SHARES]
    first = [DEFAULT, (schedule.Cadence.DAILY, *DEFAULT[1:])]  # the two cadences' defaults
    order = first + [k for k in keys if k not in first]
    for cadence in CADENCES:
        check_shortcut(release.Policy(calendar=schedule.Calendar(cadence)))
    done = {k: a for k in order if (a := _kept(keep, k, trials(full, k == DEFAULT)))}
    todo = [(*k, trials(full, k == DEFAULT)) for k in order if k not in done]
    if jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for acc in pool.imap_unordered(_point, todo, chunksize=1):
                done[acc.key] = _keep(keep, acc)
    else:
        for point in todo:
            acc = _point(point)
            done[acc.key] = _keep(keep, acc)
    return [done[k] for k in keys]


def _file(keep: Path, key: tuple[schedule.Cadence, float, float]) -> Path:
    return keep / f"{key[0]}-{key[1]}-{key[2]}.pickle"


def _kept(
    keep: Path | None, key: tuple[schedule.Cadence, float, float], wanted: int
) -> Accuracy | None:
    """A point stored by an earlier run with at least ``wanted`` trials."""
    if keep is None or not _file(keep, key).exists():
        return None
    with _file(keep, key).open("rb") as stored:
        acc: Accuracy = _Unpickler(stored).load()
    return acc if acc.trials >= wanted else None


class _Unpickler(pickle.Unpickler):
    """Points stored by ``python -m bench.privacy`` name this module ``__main__``."""

    def find_class(self, module: str, name: str) -> Any:
        return super().find_class(__name__ if module == "__main__" else module, name)


def _keep(keep: Path | None, acc: Accuracy) -> Accuracy:
    if keep is not None and (_kept(keep, acc.key, 0) or acc).trials <= acc.trials:
        keep.mkdir(parents=True, exist_ok=True)
        _file(keep, acc.key).write_bytes(pickle.dumps(acc))
    return acc


# The report ----------------------------------------------------------------------------------


def _mark(acc: Accuracy) -> str:
    return " **(default)**" if acc.key == DEFAULT else ""


def tables(results: list[Accuracy]) -> list[str]:
    head = " | ".join(f"n={n} measured | n={n} estimated" for n in SIZES)
    rule = "|---|---|---|---|" + "---|---|" * len(SIZES)
    final = [
        "### The frontier: p95 error of the headline index at the final release (index points)",
        "",
        "Against the exact index of the same answers; measured over the trials (2 questions "
        "each), estimated from the published variances (the noise part of the figures' "
        "interval). Lower is better; the goal at the default point: ≤ 4.0 at n=100, ≤ 1.2 at "
        "n=400.",
        "",
        f"| cadence | rho | final share | trials | {head} |",
        rule,
    ]
    running = [
        "### The running index mid-campaign (the release of week 4, 30 March)",
        "",
        "p95 error of the total index against the exact index of the answers that release "
        "includes (about half of the campaign's); shown: the share of rows not hidden.",
        "",
        f"| cadence | rho | final share | {head} | shown n=100 |",
        "|---|---|---|" + "---|---|" * len(SIZES) + "---|",
    ]
    for acc in results:
        label = f"| {acc.cadence}{_mark(acc)} | {acc.rho} | {acc.final_share}"
        final.append(
            f"{label} | {acc.trials} | "
            + " | ".join(f"{acc.p95(n):.2f} | {acc.estimated(n):.2f}" for n in SIZES)
            + " |"
        )
        running.append(
            f"{label} | "
            + " | ".join(f"{acc.p95(n, True):.2f} | {acc.estimated(n, True):.2f}" for n in SIZES)
            + f" | {acc.shown(100, True):.0%} |"
        )
    waits = [
        "### Releases per campaign and the days an answer waits before it counts",
        "",
        "From its arrival to the release that first includes it (the same for every rho and "
        "share: the calendar decides). Visible: on an average day of the campaign, the share "
        "of the answers arrived so far that the latest release includes.",
        "",
        "| cadence | n | releases per campaign | wait mean (days) | wait p95 | wait max | "
        "visible on an average day |",
        "|---|---|---|---|---|---|---|",
    ]
    for cadence in CADENCES:
        acc = next(a for a in results if a.cadence == cadence and a.key[1:] == DEFAULT[1:])
        for n in SIZES:
            mean, tail, most = acc.waits(n)
            waits.append(
                f"| {cadence} | {n} | {acc.releases()} | {mean:.1f} | {tail:.1f} | {most:.1f} | "
                f"{acc.visible(n):.0%} |"
            )
    return [summary(results), "\n".join(final), "\n".join(running), "\n".join(waits)]


def summary(results: list[Accuracy]) -> str:
    """The default point and why, in numbers from this run."""
    by = {a.key: a for a in results}
    weekly, daily = by[DEFAULT], by[(schedule.Cadence.DAILY, *DEFAULT[1:])]
    _, rho, share = DEFAULT
    met = all(weekly.p95(n) <= goal for n, goal in GOALS.items())

    def final(a: Accuracy) -> str:
        return " / ".join(f"{a.p95(n):.2f}" for n in SIZES)

    def week4(a: Accuracy) -> str:
        return " / ".join(f"{a.p95(n, True):.1f}" for n in SIZES)

    shares = sorted(
        (a for a in results if a.cadence == weekly.cadence and a.rho == rho),
        key=lambda a: a.final_share,
    )
    return "\n".join(
        [
            f"**The default point: weekly, rho {rho}, final share {share}.** Its headline index "
            f"(p95 error at n = {' / '.join(map(str, SIZES))}): {final(weekly)} points "
            f"({'meets' if met else 'does NOT meet'} ≤ 4.0 at n=100 and ≤ 1.2 at n=400); "
            f"daily at the same budget: {final(daily)}, nearly the same, because the campaign "
            "node carries the headline either way. What daily buys is a fresher running figure "
            f"that is far noisier: at week 4 the weekly running index errs by {week4(weekly)} "
            f"points, the daily one by {week4(daily)} (daily spreads the same budget over "
            f"{daily.releases()} releases instead of {weekly.releases()}; an answer waits "
            f"{daily.waits(SIZES[0])[0]:.1f} days on average instead of "
            f"{weekly.waits(SIZES[0])[0]:.1f}, at most {weekly.waits(SIZES[0])[2]:.0f}), and "
            "daily's release state costs more DynamoDB units per answer than the goal allows "
            "(bench/results.py). The final share trades the headline against the running "
            "figures: at weekly rho "
            f"{rho}, n=100, final share "
            + ", ".join(
                f"{a.final_share}: headline {a.p95(SIZES[0]):.2f}, "
                f"week 4 {a.p95(SIZES[0], True):.1f}"
                for a in shares
            )
            + ". "
            + _share_verdict(shares, share),
        ]
    )


def _share_verdict(shares: list[Accuracy], default: float) -> str:
    meeting = [a.final_share for a in shares if all(a.p95(n) <= g for n, g in GOALS.items())]
    if not meeting:
        return "None of these shares meets the headline goals at this budget."
    if default == min(meeting):
        return (
            f"Of these, {', '.join(map(str, meeting))} meet the headline goals; {default} is the "
            "smallest that does, which leaves the running figures the most budget."
        )
    return (
        f"Of these, {', '.join(map(str, meeting))} meet the headline goals; the smallest, "
        f"{min(meeting)}, would leave the running figures more budget than {default}."
    )


def metrics(results: list[Accuracy]) -> list[dict[str, Any]]:
    acc = next(a for a in results if a.key == DEFAULT)
    cadence, rho, share = DEFAULT
    out: list[dict[str, Any]] = []
    for n in SIZES:
        goal = GOALS.get(n)
        out.append(
            {
                "metric": f"headline index p95 error at n = {n}, final release ({cadence}, rho "
                f"{rho}, final share {share}; {acc.trials} campaigns × 2 questions): measured "
                "(estimated)",
                "value": f"{acc.p95(n):.2f} ({acc.estimated(n):.2f}) points",
                "target": f"≤ {goal} points" if goal else "",
                "ok": acc.p95(n) <= goal if goal else None,
            }
        )
    for n in SIZES:
        out.append(
            {
                "metric": f"the total row's 95 % interval holds the exact index, n = {n}: final "
                "/ week 4",
                "value": f"{acc.coverage(n):.1%} / {acc.coverage(n, True):.1%}",
                "target": f"≥ {COVERAGE_GOAL:.0%}",
                "ok": min(acc.coverage(n), acc.coverage(n, True)) >= COVERAGE_GOAL,
            }
        )
    return out


def main(full: bool = False, jobs: int = 1) -> dict[str, Any]:
    return report(frontier(full, jobs), full)


def report(results: list[Accuracy], full: bool) -> dict[str, Any]:
    full = full and all(a.trials >= FULL_TRIALS for a in results)
    runs = "1,000 trials a point" if full else "trials as the table says; `--full`: 1,000 a point"
    return {
        "name": f"Privacy: accuracy of the released index on the calendar ({runs}; "
        "bench/privacy.py)",
        "metrics": metrics(results),
        "tables": tables(results),
    }


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.privacy")
    parser.add_argument("--full", action="store_true", help="1,000 trials at every point")
    parser.add_argument("--jobs", type=int, default=1, help="processes (1)")
    parser.add_argument(
        "--keep", type=Path, help="store each point here when done; resume from what is there"
    )
    args = parser.parse_args()
    from bench.__main__ import write_sections

    results = frontier(args.full, args.jobs, args.keep)
    write_sections({"privacy": report(results, full=args.full)})
    sys.exit(0)
