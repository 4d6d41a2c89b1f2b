"""Builders for the results' pure tests: answers, tenants and streams as the survey makes them."""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime, timedelta

# the simulations' campaign and municipalities are defined once, in local/privacy/core.py
from local.privacy.core import CAMPAIGN, tenant
from shared.core import totals
from shared.core.models import Channel, ResponseItem
from shared.core.tenants import ExtraQuestion
from shared.core.time import STOCKHOLM_TZ
from shared.core.totals import Cells
from shared.results import schedule
from shared.results.disclosure import release

__all__ = ["CAMPAIGN", "tenant"]  # re-exported for the results' tests


_ids = itertools.count()

# a municipality's own choice question, as Uppsala asks one (config/tenants/0380.json)
OWN_QUESTION = ExtraQuestion.model_validate(
    {
        "id": "hittade_kontakt",
        "text": {"sv": "Hur hittade du hur du kontaktar kommunen?"},
        "kind": "choice",
        "options": [
            {"id": "webb", "label": {"sv": "Kommunens webbplats"}},
            {"id": "sok", "label": {"sv": "Sökmotor"}},
        ],
    }
)


def answer(
    values: tuple[int | None, int | None] = (4, 5),
    *,
    tenant_code: str = "1980",
    channel: Channel = Channel.SMS,
    day: date = date(2026, 3, 4),
    errand: str | None = "bygglov",
    extra: dict[str, str] | None = None,
    comment: str | None = None,
) -> ResponseItem:
    questions = totals.national_questions(channel)
    return ResponseItem(
        tenant=tenant_code,
        response_id=f"r{next(_ids):06d}",
        channel=channel,
        campaign=CAMPAIGN.id,
        contact_day=day,
        answers=dict(zip(questions, values, strict=True)),
        errand=errand,
        comment=comment,
        extra=extra or {},
    )


def random_answers(count: int, seed: int = 1, start: date = CAMPAIGN.start) -> list[ResponseItem]:
    rnd = random.Random(seed)
    errands = [e for e in totals.errands() if e != totals.UNKNOWN_ERRAND]
    out = []
    for _ in range(count):
        pair = tuple(rnd.choice([1, 2, 3, 4, 4, 5, 5, 5, None]) for _ in range(2))
        day = start + timedelta(days=rnd.randrange(14))
        out.append(answer(pair, day=day, errand=rnd.choice(errands)))  # type: ignore[arg-type]
    return out


def exact(answers: list[ResponseItem], **participation: int) -> Cells:
    cells: Cells = {}
    for a in answers:
        totals.add(cells, totals.contributions(a))
    if participation:
        totals.add(cells, {totals.TOTAL: participation})
    return cells


def morning(day: date) -> datetime:
    """A release day's run: 06:00 Stockholm time."""
    return datetime.combine(day, schedule.RELEASE_HOUR, tzinfo=STOCKHOLM_TZ)


def step(state: release.State, cells: Cells, today: date = date(2026, 3, 23), **kw) -> bool:
    return release.step(
        state,
        cells,
        campaign=kw.pop("campaign", CAMPAIGN),
        channel=kw.pop("channel", Channel.SMS),
        extra=kw.pop("extra", ()),
        now=morning(today),
        policy=kw.pop("policy", release.Policy()),
        **kw,
    )
