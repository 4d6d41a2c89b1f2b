"""Releases: the only way a figure reaches a reader. Pure: no AWS; randomness is injected.

The release core, module by module (as Tumult Analytics keeps its mechanisms apart):

- ``schedule``   the public calendar: a campaign's release days (weekly by default), its final
                 release and its comment days, fixed before its first answer;
- ``continual``  the binary-tree mechanism with a campaign node, and the GLS estimate of any
                 running total from the noisy blocks;
- ``noise``      the exact discrete Gaussian sampler and the one budget per resident;
- ``release``    (this module) what a release day does to one stream;
- ``comments``   the comment batches' noisy, budgeted check on the comment days.

A *stream* is one municipality's campaign on one channel. On each of its campaign's release
days, whatever arrived (nothing is decided on a count):

1. Every statistic of every cell that exists by the calendar (the total; every contact week of
   the campaign, and one cell for contact weeks outside it; every errand kind) gets its exact
   increment since the last release day; every tree block that ends on this day is measured
   once, with discrete Gaussian noise (zeros get noise too). An answer is in one block per
   level and in the campaign node: it is charged that often, whatever the number of releases.
2. Every running total is estimated from all the blocks measured so far by generalized least
   squares (``continual``), then made consistent across cells — the weeks add up to the total,
   so do the errand kinds, and the errand counts to the answers — by a second least-squares
   projection, and non-negative (a sum stays within ±2 per scored answer). Both are
   post-processing: no cost.
3. The state keeps, secretly (the releases table, which no municipality reads), what later
   release days need and nothing more: the exact running totals at the starts of the tree
   blocks still open, and the noisy blocks folded into one integer per closed subtree (at most
   one per tree level: ``continual.fold``); readers get only the estimates and their variances
   (``published``, ``variance``), from which every figure, interval, group and national sum is
   computed (``figures``). A state stored in the earlier form (every running total and every
   block) is folded when it is read, to the same estimates.

A missed release day is made up by the next run: the days in between are released with the
increments they had (all of it on the first, nothing after), exactly as on time, only later.
"""

from __future__ import annotations

import functools
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

import orjson

from shared.core import totals
from shared.core.models import Channel, ResponseItem
from shared.core.questions import EMAIL_REPLY, ERRAND_IDS, REPLY_YES
from shared.core.tenants import Campaign, ExtraQuestion
from shared.core.totals import ANSWERS, DECLINES, INVITATIONS, TOTAL, Cells
from shared.results import schedule
from shared.results.disclosure import continual, noise

OTHER_WEEKS = totals.WEEK_PREFIX + "andra"  # contact weeks outside the campaign's own
DEFAULT_FINAL_SHARE = 0.65  # the accuracy frontier of make bench (docs/results.md)
Published = dict[str, dict[str, float]]  # cell → statistic → estimate (or its variance)


@dataclass(frozen=True)
class Policy:
    budget: noise.Budget = field(default_factory=noise.Budget)
    calendar: schedule.Calendar = field(default_factory=schedule.Calendar)
    final_share: float = DEFAULT_FINAL_SHARE  # of the figures' budget, for the campaign node

    def strategy(self, periods: int) -> continual.Strategy:
        return continual.Strategy(periods, self.final_share)


STATE_FORM = 2  # 1 (no ``form`` stored): every running total and every block, in lists


@dataclass
class State:
    """What a stream has released so far.

    ``prefixes`` (per statistic, the exact running totals at ``continual.open_starts``, in
    order), ``measured`` (per statistic, the noisy blocks folded per closed subtree,
    ``continual.closed_blocks`` order) and ``final`` (the campaign node's noisy measurement,
    once taken) are secret: they live in the releases table only. ``published`` and
    ``variance`` are what readers see (the variance of each estimate's noise, for its
    interval)."""

    stream: str
    periods: int = 0  # the campaign's release days, fixed at its first release
    sequence: int = 0  # release days done
    prefixes: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    measured: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    final: dict[str, dict[str, int]] = field(default_factory=dict)
    published: Published = field(default_factory=dict)
    variance: Published = field(default_factory=dict)
    released_on: str | None = None  # the last release day; never a time
    form: int = STATE_FORM

    def to_bytes(self) -> bytes:
        """The state as stored: its JSON (orjson: a tenth of the standard library's time, which
        a morning of 580 states notices), compressed."""
        return zlib.compress(orjson.dumps(self.__dict__, option=orjson.OPT_SORT_KEYS), 6)

    @classmethod
    def from_bytes(cls, blob: bytes) -> State:
        data = orjson.loads(zlib.decompress(blob))
        if data.get("form", 1) == 1:
            return _folded(data)
        return cls(**data)

    def figure(self, cell: str, stat: str) -> float:
        return self.published.get(cell, {}).get(stat, 0.0)


def _folded(data: dict[str, Any]) -> State:
    """A state stored in form 1 (``prefixes``: every running total; ``measured``: every block,
    in ``continual.nodes`` order) in today's form: the same blocks, folded."""
    periods, done = int(data["periods"]), int(data["sequence"])
    state = State(
        stream=data["stream"],
        periods=periods,
        sequence=done,
        published=data.get("published", {}),
        variance=data.get("variance", {}),
        released_on=data.get("released_on"),
    )
    if not periods:
        return state
    starts = continual.open_starts(periods, done)
    for cell, stats in data.get("prefixes", {}).items():
        for stat, running in stats.items():
            state.prefixes.setdefault(cell, {})[stat] = [running[i] for i in starts]
    for cell, stats in data.get("measured", {}).items():
        for stat, values in stats.items():
            folded = state.measured.setdefault(cell, {}).setdefault(stat, [])
            for node, value in zip(continual.nodes(periods), values, strict=False):
                if node.level == continual.FINAL:
                    state.final.setdefault(cell, {})[stat] = value
                else:
                    continual.fold(folded, node, value)
    return state


def campaign_weeks(campaign: Campaign) -> list[str]:
    """The week cells of a campaign by the calendar: every ISO week it has a day in."""
    out, monday = [], campaign.start - timedelta(days=campaign.start.weekday())
    while monday <= campaign.end:
        out.append(totals.week_cell(monday))
        monday += timedelta(days=7)
    return out


def cells_of(campaign: Campaign) -> list[str]:
    """Every cell a stream of ``campaign`` publishes: fixed by the calendar alone."""
    errands = [totals.errand_cell(e) for e in totals.errands()]
    return [TOTAL, *campaign_weeks(campaign), OTHER_WEEKS, *errands]


def scale_questions(channel: Channel, extra: Iterable[ExtraQuestion]) -> tuple[str, ...]:
    own = tuple(q.id for q in extra if q.kind == "scale")
    return (*totals.national_questions(channel), *own)


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
        for question, options in totals.channel_choices(channel).items():
            for option in options:
                out[totals.choice(question, option)] = noise.TOTAL_COUNT
        for own in extra:
            if own.kind == "choice":
                for option in own.values():
                    out[totals.choice(own.id, option)] = noise.TOTAL_COUNT
        out[INVITATIONS] = noise.PARTICIPATION
        out[DECLINES] = noise.PARTICIPATION
        return out
    for q in totals.national_questions(channel):
        out[totals.s(q)] = noise.BREAKDOWN_SUM
        out[totals.n(q)] = noise.BREAKDOWN_COUNT
        out[totals.v(q)] = noise.BREAKDOWN_COUNT
    return out


def _cell_kind(cell: str) -> str:
    return TOTAL if cell == TOTAL else cell.split(":", 1)[0] + ":"


def exposure(channel: Channel, extra: Iterable[ExtraQuestion]) -> noise.Exposure:
    return _exposure(channel, tuple(extra))


@functools.cache
def _exposure(channel: Channel, extra: tuple[ExtraQuestion, ...]) -> noise.Exposure:
    """What one resident moves, derived from the very cells an answer adds to
    (``totals.contributions``) and the statistics they publish (``statistics``): a cell or a
    statistic added to the answer's contributions is costed here without a second definition.
    The worst case of an answer is taken (every scale question at an end of the scale, every
    own question answered; for e-mail the larger of SKR's two flows, family by family), plus
    an invitation and a decline."""

    scored: dict[str, int | None] = {q: 5 for q in totals.national_questions(channel)}
    flows: tuple[tuple[dict[str, int | None], Literal["ja", "nej"], str | None], ...] = (
        (scored, "ja", None),
        ({}, "nej", "samma_dag"),
    )
    sheets = [
        ResponseItem(
            tenant="0000",
            response_id="worst-case",
            channel=channel,
            campaign="x",
            contact_day=date(2000, 1, 3),
            answers=answers,
            errand=sorted(ERRAND_IDS)[0],
            extra={q.id: "5" if q.kind == "scale" else q.values()[0] for q in extra},
            email_reply=reply,
            response_time=time,
        )
        for answers, reply, time in flows
    ]
    squared: dict[str, float] = {}
    for sheet in sheets:  # the larger of SKR's two e-mail flows, family by family
        seen: dict[str, float] = {}
        for cell, stats in totals.contributions(sheet, extra).items():
            families = statistics(cell, channel, extra)
            for stat, value in stats.items():
                family = families[stat]  # a KeyError here: a contribution no release publishes
                seen[family] = seen.get(family, 0.0) + value * value
        for family, moved in seen.items():
            squared[family] = max(squared.get(family, 0.0), moved)
    squared[noise.PARTICIPATION] = squared.get(noise.PARTICIPATION, 0.0) + 2  # invited, declined
    return noise.Exposure(squared)


def _mapped(exact: Cells, cells: list[str]) -> Cells:
    """The exact totals by the calendar's cells: contact weeks outside the campaign's own are
    added up in ``OTHER_WEEKS`` (so the weeks still add up to the total)."""
    known = set(cells)
    out: Cells = {}
    for cell, stats in exact.items():
        target = cell if cell in known or not cell.startswith(totals.WEEK_PREFIX) else OTHER_WEEKS
        totals.add(out, {target: stats})
    return out


def days_due(state: State, campaign: Campaign, now: datetime, policy: Policy) -> int:
    """How many release days ``step`` would release at ``now`` (0: nothing to read for it)."""
    periods = state.periods or len(policy.calendar.release_days(campaign))
    return max(0, min(periods, policy.calendar.due(campaign, now)) - state.sequence)


def step(
    state: State,
    exact: Cells,
    *,
    campaign: Campaign,
    channel: Channel,
    extra: Iterable[ExtraQuestion],
    now: datetime,
    policy: Policy,
    bits: noise.Bits | None = None,
) -> bool:
    """Release every release day of the stream's campaign that has come by ``now`` and is not
    yet released. Mutates ``state`` and returns True when something was released (then the
    state must be stored and the campaign exported), False otherwise (state unchanged)."""
    extra = tuple(extra)
    days = policy.calendar.release_days(campaign)
    periods = state.periods or len(days)
    due = min(periods, policy.calendar.due(campaign, now))
    if due <= state.sequence:
        return False
    state.periods = periods
    strategy = policy.strategy(periods)
    basis = exposure(channel, extra)
    unit = strategy.unit_cost
    cells = cells_of(campaign)
    current = _mapped(exact, cells)
    node_list = continual.nodes(periods)
    families: dict[str, dict[str, str]] = {c: statistics(c, channel, extra) for c in cells}
    sigmas = {f: policy.budget.sigma(f, basis, unit) for f in noise.FAMILIES}
    per_family = Counter(f for stats in families.values() for f in stats.values())
    while state.sequence < due:
        t = state.sequence
        drawn = _noise([n for n in node_list if n.end == t], strategy, sigmas, per_family, bits)
        # the running totals a block's exact sum needs, by position: 0, the open blocks'
        # starts (kept in the state), and the exact total now
        starts = continual.open_starts(periods, t)
        at = {point: i for i, point in enumerate((0, *starts, t + 1))}
        tree = [node for node, _ in drawn if node.level != continual.FINAL]
        blocks = [(at[node.start], at[node.end + 1], noises) for node, noises in drawn]
        final = len(tree) < len(blocks)  # the campaign node ends today: its block comes last
        keep = [at[point] for point in continual.open_starts(periods, t + 1)]
        for cell in cells:
            now_cell = current.get(cell, {})
            prefixes = state.prefixes.setdefault(cell, {})
            measured = state.measured.setdefault(cell, {})
            for stat, family in families[cell].items():
                running = [0, *prefixes.get(stat, ()), now_cell.get(stat, 0)]
                if len(running) != len(at):
                    raise ValueError(f"the stored running totals of {cell} {stat} do not match")
                values = [running[b] - running[a] + next(drew[family]) for a, b, drew in blocks]
                if final:
                    state.final.setdefault(cell, {})[stat] = values.pop()
                continual.fold_all(measured.setdefault(stat, []), tree, values)
                prefixes[stat] = [running[i] for i in keep]
        state.sequence += 1
    state.released_on = days[min(due, len(days)) - 1].isoformat()
    state.published, state.variance = estimates(state, strategy, families, sigmas)
    return True


def _noise(
    ending: list[continual.Node],
    strategy: continual.Strategy,
    sigmas: Mapping[str, float],
    per_family: Mapping[str, int],
    bits: noise.Bits | None,
) -> list[tuple[continual.Node, dict[str, Iterator[int]]]]:
    """Each block ending today with its noise: for every family, one draw per statistic of it,
    drawn at once (independent draws: which statistic takes which one does not matter)."""
    out = []
    for node in ending:
        scale = strategy.weight(node) ** 0.5
        out.append(
            (
                node,
                {
                    family: iter(noise.discrete_gaussians(sigmas[family] * scale, count, bits))
                    for family, count in per_family.items()
                },
            )
        )
    return out


def estimates(
    state: State,
    strategy: continual.Strategy,
    families: Mapping[str, Mapping[str, str]],
    sigmas: Mapping[str, float],
) -> tuple[Published, Published]:
    """Step 2: every running total from the blocks (GLS), consistent across cells, then
    non-negative. Pure post-processing of the noisy blocks."""
    value: Published = {}
    variance: Published = {}
    estimate = continual.folded_estimator(strategy, state.sequence)
    for cell, stats in families.items():
        for stat, family in stats.items():
            measured = state.measured.get(cell, {}).get(stat)
            if not measured:
                continue
            est, units = estimate(measured, state.final.get(cell, {}).get(stat))
            value.setdefault(cell, {})[stat] = est
            variance.setdefault(cell, {})[stat] = units * sigmas[family] ** 2
    _consistent(value, variance)
    rounded = {c: {s: round(x, 3) for s, x in st.items()} for c, st in value.items()}
    _non_negative(rounded)
    spread = {c: {s: round(x, 4) for s, x in st.items()} for c, st in variance.items()}
    return rounded, spread


def _consistent(value: Published, variance: Published) -> None:
    """The least-squares projection onto the sums that must hold, all at once: per national
    statistic, the weeks add up to the total and so do the errand kinds; the errand counts add
    up to the answers; every scored answer (by e-mail: every one that got a reply) scores a
    national question or says "vet ej" (the form requires one of the two). Each estimate
    moves in proportion to its variance."""
    total = value.get(TOTAL, {})
    weeks = [c for c in value if c.startswith(totals.WEEK_PREFIX)]
    errands = [c for c in value if c.startswith(totals.ERRAND_PREFIX)]
    constraints: list[list[tuple[Key, float]]] = []
    for stat in total:
        for group in (weeks, errands):
            if group and all(stat in value[c] for c in group):
                constraints.append([((TOTAL, stat), 1.0), *(((c, stat), -1.0) for c in group)])
    if ANSWERS in total:
        counts = [totals.errand_count(e) for e in totals.errands()]
        if all(c in total for c in counts):
            constraints.append([((TOTAL, ANSWERS), 1.0), *(((TOTAL, c), -1.0) for c in counts)])
        # e-mail (SKR's method): every answer says whether it got a reply, and only those
        # that did are scored; by phone every answer is
        replies = [s for s in total if s.startswith(totals.choice(EMAIL_REPLY.id, ""))]
        if replies:
            constraints.append([((TOTAL, ANSWERS), 1.0), *(((TOTAL, r), -1.0) for r in replies)])
        base = totals.choice(EMAIL_REPLY.id, REPLY_YES) if replies else ANSWERS
        scored = {stat[:-2] for stat in total if stat.endswith(":n")}
        for q in sorted(scored & {q for c in errands[:1] for q in (s[:-2] for s in value[c])}):
            constraints.append(
                [
                    ((TOTAL, base), 1.0),
                    ((TOTAL, totals.n(q)), -1.0),
                    ((TOTAL, totals.v(q)), -1.0),
                ]
            )
    _project(value, variance, constraints)


Key = tuple[str, str]


def _project(
    value: Published, variance: Published, constraints: list[list[tuple[Key, float]]]
) -> None:
    """x ← x − V Aᵀ (A V Aᵀ)⁻¹ A x, and the variances to match (A: the constraints' rows).
    Everything but x depends on the constraints and the variances alone, which the calendar
    fixes (every stream of a campaign and channel has the same): computed once per shape."""
    if not constraints:
        return
    keys = tuple(dict.fromkeys(k for row in constraints for k, _ in row))
    shape = (
        tuple(tuple(row) for row in constraints),
        tuple(variance[k[0]][k[1]] for k in keys),
    )
    columns, low, shrunk = _projection(shape)
    residual = [sum(c * value[k[0]][k[1]] for k, c in row) for row in constraints]
    lam = continual.solve_with(low, residual)
    for k, col in columns.items():
        value[k[0]][k[1]] -= sum(v * lam[i] for i, v in col.items())
        variance[k[0]][k[1]] = shrunk[k]


@functools.lru_cache(maxsize=64)
def _projection(
    shape: tuple[tuple[tuple[tuple[Key, float], ...], ...], tuple[float, ...]],
) -> tuple[dict[Key, dict[int, float]], list[list[float]], dict[Key, float]]:
    """For ``_project``: the sparse columns of V Aᵀ (a key is in at most a few constraints),
    the Cholesky factor of A V Aᵀ, and each key's variance after the projection."""
    constraints, variances = shape
    keys = tuple(dict.fromkeys(k for row in constraints for k, _ in row))
    var = dict(zip(keys, variances, strict=True))
    size = len(constraints)
    columns: dict[Key, dict[int, float]] = {}  # key → constraint → coefficient × variance
    for i, row in enumerate(constraints):
        for k, c in row:
            columns.setdefault(k, {})[i] = c * var[k]
    s = [[0.0] * size for _ in range(size)]
    for k, col in columns.items():
        for i, vi in col.items():
            coefficient = vi / var[k] if var[k] else 0.0
            for j, vj in col.items():
                s[i][j] += coefficient * vj
    low = continual.cholesky(s)
    inverse = [continual.solve_with(low, [float(i == j) for j in range(size)]) for i in range(size)]
    shrunk = {
        k: max(
            0.0,
            var[k] - sum(vi * inverse[i][j] * vj for i, vi in col.items() for j, vj in col.items()),
        )
        for k, col in columns.items()
    }
    return columns, low, shrunk


def _non_negative(value: Published) -> None:
    """Counts never below 0; a centred sum within ±2 per scored answer."""
    for stats in value.values():
        for stat, x in stats.items():
            if not stat.endswith(":s"):
                stats[stat] = max(0.0, x)
        for stat in [s for s in stats if s.endswith(":s")]:
            bound = 2 * stats.get(stat[:-2] + ":n", 0.0)
            stats[stat] = min(bound, max(-bound, stats[stat]))
