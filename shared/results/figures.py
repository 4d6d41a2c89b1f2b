"""Every figure the product shows or exports, computed once from responses and invitations.

The export (Athena/QuickSight), the open-data CSV and the HTML report all read the rows made
here, so they cannot disagree; suppressed cells carry no n, index, interval or distribution.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, NamedTuple

from shared.results import stats, suppression
from shared.tenants import KOMMUNGRUPP_NAMES, Kommungrupp, Tenant

KOMMUN, KOMMUNGRUPP, RIKET = "kommun", "kommungrupp", "riket"
RIKET_AREA = "riket"
RIKET_NAME = "Riket"
EVERYONE = "alla"  # the audience of national and group rows (row-level security)
TOTAL, WEEK, ERRAND = "total", "week", "errand"
BREAKDOWNS = (WEEK, ERRAND)
UNKNOWN_ERRAND = "okänd"
NATIONAL_COMPARISON_MINIMUM = 100  # answers per channel to enter the national comparison
DEFAULT_MINIMUM = 5
SENT_STATUSES = frozenset({"sent", "answered", "declined"})
DECLINED = "declined"
VET_EJ = 5  # index of the "vet ej" count in a cell's counts

CellKey = tuple[str, str, str, str, str, str, str]  # scope, area, campaign, channel, q, bd, value
Counts = list[int]  # answers 1..5, then "vet ej"


class Response(NamedTuple):
    """The part of a stored response the figures need (comments only for the own tenant)."""

    tenant: str
    channel: str
    campaign: str
    contact_day: date
    answers: Mapping[str, int | None]
    errand: str | None = None
    comment: str | None = None
    response_id: str = ""


class Invitation(NamedTuple):
    tenant: str
    campaign: str
    channel: str
    status: str


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class FigureRow:
    """One cell: area × campaign × channel × question × breakdown value."""

    scope: str
    area: str
    area_name: str
    audience: str
    kommungrupp: str
    campaign: str
    channel: str
    question: str
    breakdown: str
    value: str
    minimum: int
    suppressed: bool
    n: int | None = None
    index: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    dist_1: int | None = None
    dist_2: int | None = None
    dist_3: int | None = None
    dist_4: int | None = None
    dist_5: int | None = None
    vet_ej: int | None = None
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
        return asdict(self)

    @property
    def distribution(self) -> tuple[int | None, ...]:
        return (self.dist_1, self.dist_2, self.dist_3, self.dist_4, self.dist_5, self.vet_ej)


@dataclass(frozen=True)
class ParticipationRow:
    """Invitations, answers, declines and response rate of an area × campaign × channel."""

    scope: str
    area: str
    area_name: str
    audience: str
    kommungrupp: str
    campaign: str
    channel: str
    minimum: int
    suppressed: bool
    invitations: int
    answers: int | None = None
    declines: int | None = None
    response_rate: float | None = None
    comparable: bool | None = None

    def record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Comment:
    tenant: str
    campaign: str
    channel: str
    text: str


@dataclass
class Figures:
    rows: list[FigureRow]
    participation: list[ParticipationRow]
    comments: dict[str, list[Comment]] = field(default_factory=dict)  # own tenant only
    skipped: int = 0  # responses of unknown tenants or with malformed answers
    periods: dict[str, str] = field(default_factory=dict)  # campaign id → year it starts

    def for_area(self, area: str) -> list[FigureRow]:
        return [r for r in self.rows if r.area == area]


def _group_area(group: str) -> str:
    return f"KG-{group}"


def compute(
    responses: Iterable[Response],
    invitations: Iterable[Invitation],
    tenants: Mapping[str, Tenant],
) -> Figures:
    """All figures, suppressed where they must be (see ``shared.results.suppression``)."""
    counts: dict[CellKey, Counts] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    answered: dict[tuple[str, str, str], int] = defaultdict(int)
    comments: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    skipped = 0
    for r in responses:
        if r.tenant not in tenants:
            skipped += 1
            continue
        answered[(r.tenant, r.campaign, r.channel)] += 1
        week = iso_week(r.contact_day)
        errand = r.errand or UNKNOWN_ERRAND
        for question, value in r.answers.items():
            slot = VET_EJ if value is None else value - 1
            if not 0 <= slot <= VET_EJ:
                continue
            base = (KOMMUN, r.tenant, r.campaign, r.channel, question)
            counts[(*base, TOTAL, "")][slot] += 1
            counts[(*base, WEEK, week)][slot] += 1
            counts[(*base, ERRAND, errand)][slot] += 1
        if r.comment and r.comment.strip():
            comments[(r.tenant, r.campaign, r.channel)].append(r.comment.strip())

    sent: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for inv in invitations:
        if inv.tenant in tenants and inv.status in SENT_STATUSES:
            tally = sent[(inv.tenant, inv.campaign, inv.channel)]
            tally[0] += 1
            tally[1] += inv.status == DECLINED

    minimum = _minimums(tenants)
    hidden = _suppress(counts, lambda key: minimum[key[1]])
    _pool(counts, hidden, tenants)
    hidden |= _suppress(
        {k: v for k, v in counts.items() if k[0] != KOMMUN}, lambda key: minimum[key[1]]
    )

    participation, shown_channels = _participation(answered, sent, tenants, minimum)
    rows = _rows(counts, hidden, tenants, minimum, answered)
    own: dict[str, list[Comment]] = defaultdict(list)
    for (tenant, campaign, channel), texts in sorted(comments.items()):
        if (tenant, campaign, channel) in shown_channels:  # never for a suppressed channel
            own[tenant] += [Comment(tenant, campaign, channel, t) for t in sorted(texts)]
    periods = {c.id: str(c.start.year) for t in tenants.values() for c in t.campaigns}
    return Figures(rows, participation, dict(own), skipped, periods)


def _minimums(tenants: Mapping[str, Tenant]) -> dict[str, int]:
    """Each area's minimum cell size: a group's or the nation's is the largest of its members'."""
    minimum = {k: max(DEFAULT_MINIMUM, t.min_cell_size) for k, t in tenants.items()}
    minimum[RIKET_AREA] = max([DEFAULT_MINIMUM, *minimum.values()])
    for group in Kommungrupp:
        members = [minimum[k] for k, t in tenants.items() if t.kommungrupp == group]
        minimum[_group_area(group)] = max([DEFAULT_MINIMUM, *members])
    return minimum


def _n(cell: Counts) -> int:
    return sum(cell[:VET_EJ])


def _suppress(counts: Mapping[CellKey, Counts], minimum_of: Any) -> set[CellKey]:
    hidden = {k for k, c in counts.items() if suppression.primary(_n(c), minimum_of(k))}
    families: dict[tuple[CellKey, str], dict[CellKey, int]] = defaultdict(dict)
    for key, cell in counts.items():
        if key[5] != TOTAL:
            families[((*key[:5], TOTAL, ""), key[5])][key] = _n(cell)
    for (parent, _), children in families.items():
        parent_n = _n(counts[parent]) if parent in counts else 0
        hidden |= suppression.complementary(
            parent_n, parent in hidden or parent not in counts, children, hidden, minimum_of(parent)
        )
    return hidden


def _pool(
    counts: dict[CellKey, Counts], hidden: set[CellKey], tenants: Mapping[str, Tenant]
) -> None:
    """Add every shown municipal cell to its kommungrupp's and the nation's cell.

    Only shown cells are pooled, so a national or group figure minus the published municipal
    figures never reveals a suppressed cell.
    """
    for key, cell in list(counts.items()):
        if key[0] != KOMMUN or key in hidden:
            continue
        group = tenants[key[1]].kommungrupp
        for scope, area in ((RIKET, RIKET_AREA), (KOMMUNGRUPP, _group_area(group))):
            target = counts[(scope, area, *key[2:])]
            for i, c in enumerate(cell):
                target[i] += c


def _name(scope: str, area: str, tenants: Mapping[str, Tenant]) -> tuple[str, str, str]:
    """(area name, audience, kommungrupp) of an area."""
    if scope == KOMMUN:
        return tenants[area].name, area, tenants[area].kommungrupp.value
    if scope == KOMMUNGRUPP:
        group = Kommungrupp(area.removeprefix("KG-"))
        return f"Kommungrupp {group.value} {KOMMUNGRUPP_NAMES[group]}", EVERYONE, group.value
    return RIKET_NAME, EVERYONE, ""


def _area_fields(
    scope: str,
    area: str,
    campaign: str,
    channel: str,
    tenants: Mapping[str, Tenant],
    minimum: Mapping[str, int],
) -> dict[str, Any]:
    """What every row says about where it belongs: area, who may see it, campaign, channel."""
    name, audience, group = _name(scope, area, tenants)
    return dict(
        scope=scope,
        area=area,
        area_name=name,
        audience=audience,
        kommungrupp=group,
        campaign=campaign,
        channel=channel,
        minimum=minimum[area],
    )


def _rows(
    counts: Mapping[CellKey, Counts],
    hidden: set[CellKey],
    tenants: Mapping[str, Tenant],
    minimum: Mapping[str, int],
    answered: Mapping[tuple[str, str, str], int],
) -> list[FigureRow]:
    moments = {k: stats.moments(c) for k, c in counts.items() if k not in hidden}
    ranks = _ranks(moments)
    rows = []
    for key in sorted(counts):
        scope, area, campaign, channel, question, breakdown, value = key
        base = _area_fields(scope, area, campaign, channel, tenants, minimum)
        base |= dict(question=question, breakdown=breakdown, value=value)
        group = base["kommungrupp"]
        if key in hidden:
            rows.append(FigureRow(**base, suppressed=True))
            continue
        cell, m = counts[key], moments[key]
        low, high = stats.confidence_interval(m)
        extra: dict[str, Any] = {}
        if scope == KOMMUN and breakdown == TOTAL:
            rank = ranks.get(key)
            extra["rank"], extra["rank_of"] = rank if rank else (None, None)
            extra["comparable"] = (
                answered.get((area, campaign, channel), 0) >= NATIONAL_COMPARISON_MINIMUM
            )
            for suffix, other in (("group", _group_area(group)), ("riket", RIKET_AREA)):
                rest = _rest(counts.get((_scope(other), other, *key[2:])), cell)
                test = stats.welch(m, stats.moments(rest)) if rest else None
                if test is not None:
                    extra[f"diff_{suffix}"] = round(test.difference, 2)
                    extra[f"p_{suffix}"] = round(test.p_value, 4)
                    extra[f"significant_{suffix}"] = test.significant
        rows.append(
            FigureRow(
                **base,
                suppressed=False,
                n=m.n,
                index=round(m.mean, 1),
                ci_low=None if math.isnan(low) else round(low, 1),
                ci_high=None if math.isnan(high) else round(high, 1),
                dist_1=cell[0],
                dist_2=cell[1],
                dist_3=cell[2],
                dist_4=cell[3],
                dist_5=cell[4],
                vet_ej=cell[VET_EJ],
                **extra,
            )
        )
    return rows


def _scope(area: str) -> str:
    return RIKET if area == RIKET_AREA else KOMMUNGRUPP


def _rest(pooled: Counts | None, own: Counts) -> Counts | None:
    """The pooled cell without the municipality's own answers (the test needs disjoint samples)."""
    if pooled is None:
        return None
    rest = [p - o for p, o in zip(pooled, own, strict=True)]
    return rest if _n(rest) >= 2 else None


def _ranks(moments: Mapping[CellKey, stats.Moments]) -> dict[CellKey, tuple[int, int]]:
    """Competition ranking (1 = highest index) among municipalities with a shown total cell."""
    by_cell: dict[tuple[str, ...], list[tuple[float, CellKey]]] = defaultdict(list)
    for key, m in moments.items():
        if key[0] == KOMMUN and key[5] == TOTAL:
            by_cell[key[2:5]].append((round(m.mean, 1), key))
    ranks = {}
    for entries in by_cell.values():
        entries.sort(key=lambda e: -e[0])
        for mean, key in entries:
            ranks[key] = (1 + sum(1 for other, _ in entries if other > mean), len(entries))
    return ranks


def _participation(
    answered: Mapping[tuple[str, str, str], int],
    sent: Mapping[tuple[str, str, str], list[int]],
    tenants: Mapping[str, Tenant],
    minimum: Mapping[str, int],
) -> tuple[list[ParticipationRow], set[tuple[str, str, str]]]:
    pooled: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    shown: set[tuple[str, str, str]] = set()
    rows = []
    for key in sorted(set(answered) | set(sent)):
        tenant, campaign, channel = key
        n = answered.get(key, 0)
        invited, declined = sent.get(key, [0, 0])
        suppressed = suppression.primary(n, minimum[tenant])
        rows.append(
            _participation_row(
                KOMMUN,
                tenant,
                campaign,
                channel,
                n,
                invited,
                declined,
                suppressed,
                tenants,
                minimum,
            )
        )
        if not suppressed:
            shown.add(key)
            group = _group_area(tenants[tenant].kommungrupp)
            for scope, area in ((RIKET, RIKET_AREA), (KOMMUNGRUPP, group)):
                totals = pooled[(scope, area, campaign, channel)]
                totals[0] += n
                totals[1] += invited
                totals[2] += declined
    for (scope, area, campaign, channel), (n, invited, declined) in sorted(pooled.items()):
        rows.append(
            _participation_row(
                scope,
                area,
                campaign,
                channel,
                n,
                invited,
                declined,
                n < minimum[area],
                tenants,
                minimum,
            )
        )
    return rows, shown


def _participation_row(
    scope: str,
    area: str,
    campaign: str,
    channel: str,
    n: int,
    invited: int,
    declined: int,
    suppressed: bool,
    tenants: Mapping[str, Tenant],
    minimum: Mapping[str, int],
) -> ParticipationRow:
    base = _area_fields(scope, area, campaign, channel, tenants, minimum)
    base["invitations"] = invited
    if suppressed:
        return ParticipationRow(**base, suppressed=True)
    return ParticipationRow(
        **base,
        suppressed=False,
        answers=n,
        declines=declined,
        response_rate=round(100.0 * n / invited, 1) if invited else None,
        comparable=n >= NATIONAL_COMPARISON_MINIMUM if scope == KOMMUN else None,
    )
