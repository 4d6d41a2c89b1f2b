"""Every figure the product shows or exports, computed from *released* counts only.

Input: the published state of every stream (municipality × campaign × channel) of a campaign.
A municipality's figures are its own published counts; a kommungrupp's and the nation's are
the sums of their members' published counts, so subtracting one's own figures from the
group's yields only other municipalities' noisy figures. The export (Athena/QuickSight), the
open-data CSV and the HTML report all read the rows made here, so they cannot disagree.

Every flag is computed from published counts: a cell is hidden when its published number of
answers is under the minimum; "comparable" means at least 100 published answers; ranks are
among comparable municipalities; intervals include the noise. Pure: no AWS.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from shared.core import questions, totals
from shared.core.models import Channel
from shared.core.tenants import KOMMUNGRUPP_NAMES, Kommungrupp, Tenant
from shared.core.totals import ANSWERS, DECLINES, INVITATIONS, TOTAL
from shared.results import stats
from shared.results.disclosure import release
from shared.results.disclosure.release import State

KOMMUN, KOMMUNGRUPP, RIKET = "kommun", "kommungrupp", "riket"
RIKET_AREA = "riket"
RIKET_NAME = "Riket"
EVERYONE = "alla"  # the audience of national and group rows (row-level security)
WEEK, MONTH, ERRAND, OPTION = "week", "month", "errand", "option"
TOTAL_BREAKDOWN = "total"
ERRAND_QUESTION = "errand"  # the distribution of errand kinds, as option rows
NATIONAL_COMPARISON_MINIMUM = 100  # answers per channel to enter the national comparison
ANSWER_CAP = 400  # the national cap on answers per municipality and channel
DEFAULT_MINIMUM = 5
# a figure is shown when its 95 % interval (noise included) is at most this many index points
# either side and its published n reaches the minimum: narrower says something, wider does not
MAX_HALF_WIDTH = 25.0
Z95 = 1.959963984540054
UNKNOWN_ERRAND = totals.UNKNOWN_ERRAND


def iso_week(day: date) -> str:
    return totals.iso_week(day)


def week_month(week: str) -> str:
    """The month an ISO week belongs to: the month of its Thursday (as ISO 8601 does years)."""
    year, number = week.split("-W")
    thursday = date.fromisocalendar(int(year), int(number), 4)
    return thursday.strftime("%Y-%m")


MONTH_NAMES = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
UNKNOWN_ERRAND_LABEL = "Ärendet ej angivet"


def labels(tenant: Tenant | None = None) -> dict[str, str]:
    """Swedish texts by id: the national questions, the errand kinds, and a municipality's own
    questions (``id``) and their options (``id:option``)."""
    out = {q.id: q.text.sv for q in (*questions.PHONE_QUESTIONS, *questions.EMAIL_QUESTIONS)}
    out[ERRAND_QUESTION] = questions.ERRAND_QUESTION.sv
    out |= {e.id: e.text.sv for e in questions.ERRANDS} | {UNKNOWN_ERRAND: UNKNOWN_ERRAND_LABEL}
    for choice in (questions.EMAIL_REPLY, questions.RESPONSE_TIME):  # SKR's e-mail method
        out[choice.id] = choice.text.sv
        out |= {f"{choice.id}:{o.id}": o.text.sv for o in choice.options}
    for q in tenant.extra_questions if tenant else ():
        out[q.id] = q.text.sv
        out |= {f"{q.id}:{o.id}": o.label.sv for o in q.options}
    return out


def value_label(breakdown: str, question: str, value: str, texts: Mapping[str, str]) -> str:
    if breakdown == WEEK:
        return f"vecka {int(value.split('-W')[1])} {value.split('-W')[0]}"
    if breakdown == MONTH:
        year, month = value.split("-")
        return f"{MONTH_NAMES[int(month) - 1]} {year}"
    if breakdown == ERRAND or (breakdown == OPTION and question == ERRAND_QUESTION):
        return texts.get(value, value)
    if breakdown == OPTION:
        return texts.get(f"{question}:{value}", value)
    return ""


@dataclass(frozen=True)
class FigureRow:
    """One cell: area × campaign × channel × question × breakdown value."""

    scope: str
    area: str
    area_name: str
    audience: str
    kommungrupp: str
    campaign: str
    campaign_name: str  # as readers know it (a group's or the nation's: most members' name)
    campaign_start: str | None  # ISO day (a group's or the nation's: the earliest member's)
    campaign_end: str | None  # ISO day (a group's or the nation's: the latest member's)
    channel: str
    question: str
    breakdown: str
    value: str
    minimum: int
    suppressed: bool
    question_label: str = ""  # in Swedish, as the resident read it
    value_label: str = ""  # in Swedish: "vecka 12", "mars 2026", an errand's or option's name
    released_on: str | None = None
    n: int | None = None  # published scored answers (or, for option rows, the option's count)
    index: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    vet_ej: int | None = None
    share: float | None = None  # option rows: the option's share of the question's answers
    rank: int | None = None
    rank_of: int | None = None
    comparable: bool | None = None
    diff_group: float | None = None
    p_group: float | None = None
    significant_group: bool | None = None
    diff_riket: float | None = None
    p_riket: float | None = None
    significant_riket: bool | None = None

    def record(self) -> dict[str, Any]:
        # a shallow copy: every field is a plain value (dataclasses.asdict deep-copies, ~130 µs
        # a row, which was 40 % of a release over 290 municipalities); the instance's own dict
        # holds the fields in their declared order, and copying it is one call, not 33 getattr
        return dict(self.__dict__)


@dataclass(frozen=True)
class ParticipationRow:
    """Invitations, answers, declines and response rate of an area × campaign × channel."""

    scope: str
    area: str
    area_name: str
    audience: str
    kommungrupp: str
    campaign: str
    campaign_name: str
    campaign_start: str | None
    campaign_end: str | None
    channel: str
    minimum: int
    suppressed: bool
    released_on: str | None = None
    invitations: int | None = None
    answers: int | None = None
    declines: int | None = None
    response_rate: float | None = None
    comparable: bool | None = None
    capped: bool | None = None  # reached the national cap of 400 answers

    def record(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Comment:
    tenant: str
    campaign: str
    channel: str  # "" when the batch held too few of a channel to say
    text: str
    errand: str = ""  # "" unless the batch held enough of that errand
    released_on: str = ""


@dataclass
class Figures:
    rows: list[FigureRow]
    participation: list[ParticipationRow]
    comments: dict[str, list[Comment]] = field(default_factory=dict)  # own tenant only
    periods: dict[str, str] = field(default_factory=dict)  # campaign id → year it starts

    def for_area(self, area: str) -> list[FigureRow]:
        return [r for r in self.rows if r.area == area]


@dataclass(frozen=True)
class Published:
    """A stream's published state with what the figures need to know about it."""

    tenant: str
    campaign: str
    channel: str
    state: State


def group_area(group: str) -> str:
    return f"KG-{group}"


class _Pool:
    """Published sums and their noise variances, added up over streams."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.variance: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.released_on: str | None = None

    def add(self, state: State, cells: Iterable[str] | None = None) -> None:
        for cell, figures in state.published.items():
            if (cells is not None and cell not in cells) or cell == release.OTHER_WEEKS:
                continue
            for stat, value in figures.items():
                self.values[cell][stat] += value
                self.variance[cell][stat] += state.variance.get(cell, {}).get(stat, 0.0)
        if state.released_on and (self.released_on or "") < state.released_on:
            self.released_on = state.released_on

    def get(self, cell: str, stat: str) -> float:
        return self.values.get(cell, {}).get(stat, 0.0)

    def var(self, cell: str, stat: str) -> float:
        return self.variance.get(cell, {}).get(stat, 0.0)

    def cells(self) -> list[str]:
        return sorted(self.values)


@dataclass(frozen=True)
class Estimate:
    """A question's index in one cell, from published (noisy) counts."""

    n: int
    index: float
    variance: float  # of the index: sampling (bounded) plus noise

    @property
    def moments(self) -> stats.Moments:
        # Welch's test takes a variance of the scores; the index's variance times n is that
        return stats.Moments(self.n, self.index, self.variance * self.n)


def estimate(pool: _Pool, cell: str, question: str) -> Estimate | None:
    """Index = 25 (S / N + 2), clipped to 0..100. The sampling variance of the scores is
    bounded by m (100 - m), the widest spread a mean m allows on a 0..100 scale, so the
    interval is conservative; the noise's variance is added to it (delta method)."""
    count = pool.get(cell, totals.n(question))
    if count < 1:
        return None
    centred = pool.get(cell, totals.s(question)) / count
    index = min(100.0, max(0.0, 25.0 * (centred + totals.CENTRE - 1)))
    sampling = index * (100.0 - index) / count
    noise_variance = 625.0 * (
        pool.var(cell, totals.s(question)) / count**2
        + centred**2 * pool.var(cell, totals.n(question)) / count**2
    )
    return Estimate(round(count), index, sampling + noise_variance)


def _month_pool(pool: _Pool) -> _Pool:
    """Month cells: the sums of their published weeks (no new noise, no new privacy cost)."""
    months = _Pool()
    months.released_on = pool.released_on
    for cell in pool.cells():
        if not cell.startswith(totals.WEEK_PREFIX):
            continue
        month = "month:" + week_month(cell.removeprefix(totals.WEEK_PREFIX))
        for stat, value in pool.values[cell].items():
            months.values[month][stat] += value
            months.variance[month][stat] += pool.variance[cell][stat]
    return months


def _area_fields(
    scope: str, area: str, campaign: str, channel: str, tenants: Mapping[str, Tenant], minimum: int
) -> dict[str, Any]:
    if scope == KOMMUN:
        name, audience, group = tenants[area].name, area, tenants[area].kommungrupp.value
    elif scope == KOMMUNGRUPP:
        kg = Kommungrupp(area.removeprefix("KG-"))
        name, audience, group = (
            f"Kommungrupp {kg.value} {KOMMUNGRUPP_NAMES[kg]}",
            EVERYONE,
            kg.value,
        )
    else:
        name, audience, group = RIKET_NAME, EVERYONE, ""
    return dict(
        scope=scope,
        area=area,
        area_name=name,
        audience=audience,
        kommungrupp=group,
        campaign=campaign,
        **campaign_fields(scope, area, campaign, tenants),
        channel=channel,
        minimum=minimum,
    )


def campaign_fields(
    scope: str, area: str, campaign: str, tenants: Mapping[str, Tenant]
) -> dict[str, str | None]:
    """A campaign's name and days as the area's readers know them. A municipality's are its
    own; a group's and the nation's come from the members that run the campaign: the name most
    of them use (ties: the first in alphabetical order), the earliest start and latest end."""
    if scope == KOMMUN:
        members = [tenants[area]]
    elif scope == KOMMUNGRUPP:
        members = [t for t in tenants.values() if t.kommungrupp.value == area.removeprefix("KG-")]
    else:
        members = list(tenants.values())
    found = [c for c in (t.campaign(campaign) for t in members) if c is not None]
    if not found:
        return {"campaign_name": campaign, "campaign_start": None, "campaign_end": None}
    names = Counter(c.name or c.id for c in found)
    name = min(names, key=lambda n: (-names[n], n))
    return {
        "campaign_name": name,
        "campaign_start": min(c.start for c in found).isoformat(),
        "campaign_end": max(c.end for c in found).isoformat(),
    }


def _minimums(tenants: Mapping[str, Tenant]) -> dict[str, int]:
    """Each area's minimum cell size: a group's or the nation's is the largest of its members'."""
    minimum = {k: max(DEFAULT_MINIMUM, t.min_cell_size) for k, t in tenants.items()}
    minimum[RIKET_AREA] = max([DEFAULT_MINIMUM, *minimum.values()])
    for group in Kommungrupp:
        members = [minimum[k] for k, t in tenants.items() if t.kommungrupp == group]
        minimum[group_area(group)] = max([DEFAULT_MINIMUM, *members])
    return minimum


def _scale_rows(
    base: dict[str, Any],
    pool: _Pool,
    cell: str,
    question: str,
    breakdown: str,
    value: str,
    texts: Mapping[str, str],
) -> FigureRow:
    minimum = base["minimum"]
    est = estimate(pool, cell, question)
    fields = base | dict(question=question, breakdown=breakdown, value=value)
    fields["released_on"] = pool.released_on
    fields["question_label"] = texts.get(question, question)
    fields["value_label"] = value_label(breakdown, question, value, texts)
    if est is None or est.n < minimum:
        return FigureRow(**fields, suppressed=True)
    half = Z95 * math.sqrt(est.variance)
    if half > MAX_HALF_WIDTH:  # too uncertain to say anything: shown as such, not as a figure
        return FigureRow(**fields, suppressed=True)
    return FigureRow(
        **fields,
        suppressed=False,
        n=est.n,
        index=round(est.index, 1),
        ci_low=round(max(0.0, est.index - half), 1),
        ci_high=round(min(100.0, est.index + half), 1),
        vet_ej=max(0, round(pool.get(cell, totals.v(question)))),
    )


def _option_rows(
    base: dict[str, Any],
    pool: _Pool,
    question: str,
    counts: Mapping[str, str],
    texts: Mapping[str, str],
) -> list[FigureRow]:
    """Rows for a distribution over options (errand kinds, an own choice question)."""
    published = {option: max(0, round(pool.get(TOTAL, stat))) for option, stat in counts.items()}
    total = sum(published.values())
    hidden = total < base["minimum"]
    rows = []
    for option, count in sorted(published.items()):
        fields = base | dict(question=question, breakdown=OPTION, value=option)
        fields["released_on"] = pool.released_on
        fields["question_label"] = texts.get(question, question)
        fields["value_label"] = value_label(OPTION, question, option, texts)
        if hidden:
            rows.append(FigureRow(**fields, suppressed=True))
        else:
            rows.append(
                FigureRow(
                    **fields, suppressed=False, n=count, share=round(100.0 * count / total, 1)
                )
            )
    return rows


def _area_rows(
    base: dict[str, Any], pool: _Pool, channel: Channel, tenant: Tenant | None
) -> list[FigureRow]:
    rows: list[FigureRow] = []
    extra = tenant.extra_questions_for(channel) if tenant else ()
    texts = labels(tenant)
    for question in release.scale_questions(channel, extra):
        rows.append(_scale_rows(base, pool, TOTAL, question, TOTAL_BREAKDOWN, "", texts))
    for question in totals.national_questions(channel):
        for cell in pool.cells():
            if cell.startswith(totals.WEEK_PREFIX):
                week = cell.removeprefix(totals.WEEK_PREFIX)
                rows.append(_scale_rows(base, pool, cell, question, WEEK, week, texts))
            elif cell.startswith(totals.ERRAND_PREFIX):
                errand = cell.removeprefix(totals.ERRAND_PREFIX)
                rows.append(_scale_rows(base, pool, cell, question, ERRAND, errand, texts))
        months = _month_pool(pool)
        for cell in months.cells():
            month = cell.split(":", 1)[1]
            rows.append(_scale_rows(base, months, cell, question, MONTH, month, texts))
    errands = {e: totals.errand_count(e) for e in totals.errands()}
    rows += _option_rows(base, pool, ERRAND_QUESTION, errands, texts)
    # SKR's e-mail method: the share that got a reply, and the response time the others find
    # reasonable, are figures of their own (only the answers with a reply are scored)
    for question, ids in totals.channel_choices(channel).items():
        counts = {o: totals.choice(question, o) for o in ids}
        rows += _option_rows(base, pool, question, counts, texts)
    for q in extra:
        if q.kind == "choice":
            options = {o: totals.choice(q.id, o) for o in q.values()}
            rows += _option_rows(base, pool, q.id, options, texts)
    return rows


def compute(
    published: Iterable[Published],
    tenants: Mapping[str, Tenant],
    comments: Mapping[str, list[Comment]] | None = None,
) -> Figures:
    """All figures of the campaigns whose published streams are given."""
    minimum = _minimums(tenants)
    own: dict[tuple[str, str, str], _Pool] = {}
    pooled: dict[tuple[str, str, str, str], _Pool] = defaultdict(_Pool)
    for p in published:
        if p.tenant not in tenants:
            continue
        pool = own.setdefault((p.tenant, p.campaign, p.channel), _Pool())
        pool.add(p.state)
        group = group_area(tenants[p.tenant].kommungrupp)
        for scope, area in ((RIKET, RIKET_AREA), (KOMMUNGRUPP, group)):
            pooled[(scope, area, p.campaign, p.channel)].add(p.state)

    rows: list[FigureRow] = []
    participation: list[ParticipationRow] = []
    areas: list[tuple[str, str, str, str, _Pool]] = [
        (KOMMUN, tenant, campaign, channel, pool)
        for (tenant, campaign, channel), pool in sorted(own.items())
    ] + [(scope, area, c, ch, pool) for (scope, area, c, ch), pool in sorted(pooled.items())]
    for scope, area, campaign, channel, pool in areas:
        base = _area_fields(scope, area, campaign, channel, tenants, minimum[area])
        tenant = tenants.get(area) if scope == KOMMUN else None
        rows += _area_rows(base, pool, Channel(channel), tenant)
        participation.append(_participation(base, pool, scope))
    rows = _compare(rows, own, pooled, tenants)
    periods = {c.id: str(c.start.year) for t in tenants.values() for c in t.campaigns}
    return Figures(rows, participation, dict(comments or {}), periods)


def _participation(base: dict[str, Any], pool: _Pool, scope: str) -> ParticipationRow:
    """Published invitations, answers, declines and the response rate. Shown when the published
    answers reach the minimum and their 95 % interval is at most half their number (so a
    response rate says something); otherwise only the invitations are."""
    answers = max(0, round(pool.get(TOTAL, ANSWERS)))
    invitations = max(0, round(pool.get(TOTAL, INVITATIONS)))
    declines = max(0, round(pool.get(TOTAL, DECLINES)))
    fields = base | {"released_on": pool.released_on}
    half = Z95 * math.sqrt(pool.var(TOTAL, ANSWERS))
    if answers < base["minimum"] or half > answers / 2:
        return ParticipationRow(**fields, suppressed=True, invitations=invitations)
    return ParticipationRow(
        **fields,
        suppressed=False,
        invitations=invitations,
        answers=answers,
        declines=declines,
        response_rate=round(min(100.0, 100.0 * answers / invitations), 1) if invitations else None,
        comparable=answers >= NATIONAL_COMPARISON_MINIMUM if scope == KOMMUN else None,
        capped=answers >= ANSWER_CAP if scope == KOMMUN else None,
    )


def _rest(pooled: _Pool, own: _Pool, question: str) -> Estimate | None:
    """The group or nation without the municipality itself (Welch's test needs disjoint sets)."""
    rest = _Pool()
    for stat in (totals.s(question), totals.n(question)):
        rest.values[TOTAL][stat] = pooled.get(TOTAL, stat) - own.get(TOTAL, stat)
        rest.variance[TOTAL][stat] = max(0.0, pooled.var(TOTAL, stat) - own.var(TOTAL, stat))
    est = estimate(rest, TOTAL, question)
    return est if est is not None and est.n >= 2 else None


def _compare(
    rows: list[FigureRow],
    own: Mapping[tuple[str, str, str], _Pool],
    pooled: Mapping[tuple[str, str, str, str], _Pool],
    tenants: Mapping[str, Tenant],
) -> list[FigureRow]:
    """Ranks among comparable municipalities, and Welch's test against the group and nation."""
    comparable = {
        key for key, pool in own.items() if pool.get(TOTAL, ANSWERS) >= NATIONAL_COMPARISON_MINIMUM
    }
    national = {c.value: set(totals.national_questions(c)) for c in Channel}
    ranking: dict[tuple[str, str, str], list[tuple[float, str]]] = defaultdict(list)
    for r in rows:
        if (
            r.scope == KOMMUN
            and r.breakdown == TOTAL_BREAKDOWN
            and r.question in national[r.channel]
            and not r.suppressed
            and r.index is not None
            and (r.area, r.campaign, r.channel) in comparable
        ):
            ranking[(r.campaign, r.channel, r.question)].append((r.index, r.area))
    ordered = {key: sorted(index for index, _ in entries) for key, entries in ranking.items()}
    out = []
    for r in rows:
        if (
            r.scope != KOMMUN
            or r.breakdown != TOTAL_BREAKDOWN
            or r.suppressed
            or r.question not in national[r.channel]  # an own question has nothing to rank by
        ):
            out.append(r)
            continue
        extra: dict[str, Any] = {"comparable": (r.area, r.campaign, r.channel) in comparable}
        entries = ordered.get((r.campaign, r.channel, r.question), [])
        if extra["comparable"] and r.index is not None:
            # 1 + how many comparable municipalities have a higher index (ties share a place)
            extra["rank"] = 1 + len(entries) - bisect.bisect_right(entries, r.index)
            extra["rank_of"] = len(entries)
        mine = own[(r.area, r.campaign, r.channel)]
        est = estimate(mine, TOTAL, r.question)
        group = group_area(tenants[r.area].kommungrupp)
        for suffix, scope, area in (("group", KOMMUNGRUPP, group), ("riket", RIKET, RIKET_AREA)):
            other = pooled.get((scope, area, r.campaign, r.channel))
            rest = _rest(other, mine, r.question) if other is not None else None
            test = stats.welch(est.moments, rest.moments) if est and rest else None
            if test is not None:
                extra[f"diff_{suffix}"] = round(test.difference, 2)
                extra[f"p_{suffix}"] = round(test.p_value, 4)
                extra[f"significant_{suffix}"] = test.significant
        out.append(FigureRow(**(r.record() | extra)))
    return out
