"""Running totals: what one answer, decline or invitation adds to its municipality's counts.

A *stream* is one municipality's campaign on one channel (``0980#var-2026#sms``). Its exact
sufficient statistics live in a few small items of the totals table, one per *cell*, keyed by
the campaign (``campaign``: every stream of a campaign in one partition, so a release morning
reads a whole campaign's totals with one paged Query instead of one Query per stream) and by
the stream's cell in it (``slot``: ``0980#var-2026#sms/week:2026-W11``; ``key``, ``split``):

- ``total``                 the answers count ``a``; per scale question ``q``: ``q:s`` (the sum
                            of centred scores, answer - 3), ``q:n`` (scored answers), ``q:v``
                            ("vet ej"); ``errand:E`` per errand kind; ``x:Q:O`` per option O
                            of the municipality's own choice question Q; ``d`` declines and
                            ``i`` invitations
- ``week:2026-W11``         ``q:s``, ``q:n``, ``q:v`` of the national questions, by contact week
- ``errand:bygglov``        the same, by errand kind

The answer's own transaction (the one that marks its token used) adds to three of them, so a
double submit can never count twice. Nothing here is read by a municipality: readers see only
releases (``shared.results.disclosure.release``). Pure: no AWS.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from shared.core.models import Channel, ResponseItem
from shared.core.questions import EMAIL_REPLY, ERRAND_IDS, RESPONSE_TIME, questions_for
from shared.core.tenants import ExtraQuestion

TOTAL = "total"
WEEK_PREFIX = "week:"
ERRAND_PREFIX = "errand:"
UNKNOWN_ERRAND = "okänd"
ANSWERS, DECLINES, INVITATIONS = "a", "d", "i"
PARTITION, SLOT = "campaign", "slot"  # the totals table's key
KEY_ATTRIBUTES = frozenset({PARTITION, SLOT})
CENTRE = 3  # scores are stored as answer - 3 (-2..2): one respondent moves a sum by 2 at most

Cells = dict[str, dict[str, int]]  # cell → statistic → value


def stream_id(tenant: str, campaign: str, channel: str | Channel) -> str:
    return f"{tenant}#{campaign}#{Channel(channel).value}"


@dataclass(frozen=True)
class Stream:
    tenant: str
    campaign: str
    channel: Channel

    @property
    def id(self) -> str:
        return stream_id(self.tenant, self.campaign, self.channel)

    @staticmethod
    def channels() -> tuple[Channel, ...]:
        return tuple(Channel)

    @classmethod
    def parse(cls, value: str) -> Stream:
        tenant, campaign, channel = value.split("#")
        return cls(tenant, campaign, Channel(channel))


def key(stream: str, cell: str) -> dict[str, str]:
    """A cell item's key: its stream's campaign and the stream's cell within it."""
    return {PARTITION: Stream.parse(stream).campaign, SLOT: f"{stream}/{cell}"}


def split(slot: str) -> tuple[str, str]:
    """A ``slot`` as (stream, cell): the stream holds no ``/`` (kommunkod, campaign id and
    channel never do)."""
    stream, _, cell = slot.partition("/")
    return stream, cell


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_cell(day: date) -> str:
    return WEEK_PREFIX + iso_week(day)


def errand_cell(errand: str) -> str:
    return ERRAND_PREFIX + errand


def s(question: str) -> str:
    return f"{question}:s"


def n(question: str) -> str:
    return f"{question}:n"


def v(question: str) -> str:
    return f"{question}:v"


def choice(question: str, option: str) -> str:
    return f"x:{question}:{option}"


def errand_count(errand: str) -> str:
    return f"errand:{errand}"


def errands() -> tuple[str, ...]:
    """Every errand kind a cell exists for, whether anyone chose it or not."""
    return (*sorted(ERRAND_IDS), UNKNOWN_ERRAND)


def national_questions(channel: Channel) -> tuple[str, ...]:
    return tuple(q.id for q in questions_for(channel))


def _scale(stats: dict[str, int], question: str, value: int | None) -> None:
    if value is None:
        stats[v(question)] = stats.get(v(question), 0) + 1
    else:
        stats[s(question)] = stats.get(s(question), 0) + value - CENTRE
        stats[n(question)] = stats.get(n(question), 0) + 1


def channel_choices(channel: Channel) -> dict[str, tuple[str, ...]]:
    """The national choice questions of a channel counted in its total cell: SKR's e-mail
    method asks whether the resident got a reply (only "ja" is scored on the national
    questions) and, when not, what response time is reasonable."""
    if channel is Channel.EMAIL:
        return {EMAIL_REPLY.id: EMAIL_REPLY.ids(), RESPONSE_TIME.id: RESPONSE_TIME.ids()}
    return {}


def contributions(response: ResponseItem, extra: Iterable[ExtraQuestion] = ()) -> Cells:
    """What one answer adds to each cell of its stream (exact, before any noise)."""
    errand = response.errand if response.errand in ERRAND_IDS else UNKNOWN_ERRAND
    total: dict[str, int] = {ANSWERS: 1, errand_count(errand): 1}
    own_choices = channel_choices(response.channel)
    for question, answer in (
        (EMAIL_REPLY.id, response.email_reply),
        (RESPONSE_TIME.id, response.response_time),
    ):
        if question in own_choices and answer in own_choices[question]:
            total[choice(question, answer)] = 1
    week: dict[str, int] = {}
    by_errand: dict[str, int] = {}
    for question in national_questions(response.channel):
        if question not in response.answers:
            continue
        value = response.answers[question]
        if value is not None and not 1 <= value <= 5:
            continue
        for stats in (total, week, by_errand):
            _scale(stats, question, value)
    for q in extra:
        answer = response.extra.get(q.id)
        if answer is None:
            continue  # not asked, or the resident chose not to answer
        if q.kind == "scale":
            if answer == "vet_ej":
                _scale(total, q.id, None)
            elif answer in {"1", "2", "3", "4", "5"}:
                _scale(total, q.id, int(answer))
        elif answer in q.values():
            total[choice(q.id, answer)] = 1
    return {TOTAL: total, week_cell(response.contact_day): week, errand_cell(errand): by_errand}


def add(into: Cells, more: Mapping[str, Mapping[str, int]]) -> Cells:
    for cell, stats in more.items():
        target = into.setdefault(cell, {})
        for stat, value in stats.items():
            target[stat] = target.get(stat, 0) + value
    return into


def update(table: str, stream: str, cell: str, stats: Mapping[str, int]) -> dict[str, Any]:
    """One TransactWriteItems ``Update`` that ADDs ``stats`` to a cell item (plain values, for
    a resource-level client)."""
    names = {f"#k{i}": stat for i, stat in enumerate(sorted(stats))}
    values = {f":v{i}": stats[stat] for i, stat in enumerate(sorted(stats))}
    actions = ", ".join(f"#k{i} :v{i}" for i in range(len(names)))
    return {
        "Update": {
            "TableName": table,
            "Key": key(stream, cell),
            "UpdateExpression": f"ADD {actions}",
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": values,
        }
    }


def answer_updates(
    table: str, response: ResponseItem, extra: Iterable[ExtraQuestion] = ()
) -> list[dict[str, Any]]:
    """The totals part of an answer's transaction: one Update per cell it adds to."""
    stream = stream_id(response.tenant, response.campaign, response.channel)
    return [
        update(table, stream, cell, stats)
        for cell, stats in contributions(response, extra).items()
        if stats
    ]
