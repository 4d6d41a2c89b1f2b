"""Attack 8, version history and release timing (the pure part; the bucket's side and the
release moments are checked through the real handlers in ``local.privacy.endtoend``).

What a release carries about time is its day: ``State.released_on`` and every row's
``released_on`` must be a release day of the calendar, never a time, and nothing else in a
published state or row may be a timestamp."""

from __future__ import annotations

import json
import random
import re

from local.privacy.core import (
    CAMPAIGN,
    CHANNEL,
    Stream,
    fast_noise,
    random_answer,
    realistic,
    tenant,
)
from shared.results import figures
from shared.results.disclosure import noise, release

NAME = "8 version history and timing"
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"\d{2}:\d{2}|T\d{2}|\d{10}")


def run(rho: float, seed: int = 2026) -> list[tuple[str, bool, str]]:
    """(what was checked, held, numbers)."""
    rng = random.Random(f"history-{seed}")  # noqa: S311 - a simulation
    stream = Stream(release.Policy(budget=noise.Budget(rho)), rng)
    calendar = {d.isoformat() for d in stream.days}
    days, rows = [], []
    with fast_noise(rng):
        p = realistic(rng)
        for day in range(len(stream.days)):
            stream.add([random_answer(p, rng) for _ in range(7)], period=day)
            assert stream.release(day)
            days.append(stream.state.released_on)
            published = figures.Published("1980", CAMPAIGN.id, CHANNEL.value, stream.state)
            rows += figures.compute([published], {"1980": tenant("1980")}).rows
    row_days = {r.released_on for r in rows}
    dated = all(d is not None and DAY.match(d) and d in calendar for d in [*days, *row_days])
    state_text = json.dumps({"published": stream.state.published, "on": stream.state.released_on})
    rows_text = "".join(json.dumps(r.record()) for r in rows[:50])
    timeless = not TIME.search(state_text) and not TIME.search(rows_text)
    return [
        (
            "a release and its rows are dated by a release day of the calendar only",
            dated and timeless,
            f"{len(days)} releases, {len(rows)} rows, every date a release day: {dated}; "
            f"no time of day in the state or the rows: {timeless}",
        )
    ]
