"""Attack 8, version history and release timing (the pure part; the bucket's side is checked
through the real export in ``local.privacy.endtoend``).

What a release carries about time is its day: ``State.released_on`` and every row's
``released_on`` must be a calendar date, never a time, and nothing else in a published state
or row may be a timestamp. Releases of one day are indistinguishable by their date, so the
date says at most which day a batch was completed: the day of a batch of 20-30 answers."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from local.privacy.core import (
    CAMPAIGN,
    CHANNEL,
    TODAY,
    Config,
    Stream,
    fast_noise,
    random_answer,
    tenant,
)
from local.privacy.values import realistic
from shared.results import figures

NAME = "8 version history and timing"
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"\d{2}:\d{2}|T\d{2}|\d{10}")


def run(cfg: Config) -> list[tuple[str, bool, str]]:
    """(what was checked, held, numbers)."""
    rng = cfg.rng(NAME)
    stream = Stream(cfg.policy(), rng)
    days, rows = [], []
    with fast_noise(rng):
        p = realistic(rng)
        for offset in range(10):
            stream.add([random_answer(p, rng) for _ in range(stream.threshold())])
            assert stream.step(TODAY + timedelta(days=offset))
            days.append(stream.state.released_on)
            published = figures.Published("1980", CAMPAIGN.id, CHANNEL.value, stream.state)
            rows += figures.compute([published], {"1980": tenant("1980")}).rows
    row_days = {r.released_on for r in rows}
    dated = all(d is not None and DAY.match(d) for d in [*days, *row_days])
    state_text = json.dumps({"published": stream.state.published, "on": stream.state.released_on})
    rows_text = "".join(json.dumps(r.record()) for r in rows[:50])
    timeless = not TIME.search(state_text) and not TIME.search(rows_text)
    return [
        (
            "a release and its rows are dated by their day only",
            dated and timeless,
            f"{len(days)} releases, {len(rows)} rows: dates {sorted(row_days)[:2]}...; "
            f"no time of day in the state or the rows: {timeless}",
        )
    ]
