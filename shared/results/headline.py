"""Plain verdicts for the report's headlines, from published figures only.

A manager asks three things of a figure: is it better or worse than the kommungrupp's and the
nation's, and than last time? Each answer is one of three words, never a p-value:

- ``BETTER`` "säkert bättre", ``WORSE`` "säkert sämre": the difference is larger than what
  chance in who answered *and* the privacy noise can explain (a two-sided test at 95 %);
- ``SAME`` "ingen säker skillnad": it is not;
- ``UNKNOWN`` "för osäkert att säga": one side is hidden or missing.

Against the group and the nation the test is ``shared.results.figures``' own (Welch's test
against the *rest* of the group or nation, noise variance included), read from the row's
``diff_*`` and ``significant_*``. Between two periods (campaign over campaign, week over week)
the two figures come from disjoint answers, so their difference is tested from their published
95 % intervals: each interval's wider half over 1.96 is a standard error that already holds
the noise, and the difference is real when it exceeds 1.96 times the root of their squares'
sum. An interval clipped at 0 or 100 has its wider half taken, which only makes the test more
cautious. Nothing here reads an exact count: post-processing of released rows (DESIGN.md,
invariant 8). Pure: no AWS.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from shared.results.figures import Z95, FigureRow

BETTER, SAME, WORSE, UNKNOWN = "better", "same", "worse", "unknown"
WORDS = {
    BETTER: "säkert bättre",
    SAME: "ingen säker skillnad",
    WORSE: "säkert sämre",
    UNKNOWN: "för osäkert att säga",
}


def shown(row: FigureRow | None) -> bool:
    return row is not None and not row.suppressed and row.index is not None


def _standard_error(row: FigureRow) -> float | None:
    if row.index is None or row.ci_low is None or row.ci_high is None:
        return None
    half = max(row.ci_high - row.index, row.index - row.ci_low)
    return half / Z95


def between_periods(now: FigureRow | None, before: FigureRow | None) -> str:
    """Is ``now`` surely better or worse than ``before`` (disjoint answers, e.g. two weeks)?"""
    if now is None or before is None or not shown(now) or not shown(before):
        return UNKNOWN
    a, b = _standard_error(now), _standard_error(before)
    if a is None or b is None or now.index is None or before.index is None:
        return UNKNOWN
    difference = now.index - before.index
    spread = math.hypot(a, b)
    if spread == 0.0 or abs(difference) <= Z95 * spread:
        return SAME
    return BETTER if difference > 0 else WORSE


def against(row: FigureRow | None, other: str) -> str:
    """Is the municipality's ``row`` surely better or worse than the rest of its group
    (``other="group"``) or of the nation (``"riket"``)? From the figures' own Welch test."""
    if row is None or not shown(row):
        return UNKNOWN
    difference = getattr(row, f"diff_{other}")
    significant = getattr(row, f"significant_{other}")
    if difference is None or significant is None:
        return UNKNOWN
    if not significant:
        return SAME
    return BETTER if difference > 0 else WORSE


@dataclass(frozen=True)
class Comparison:
    """One line of a headline: what the municipality is compared with, and the verdict."""

    label: str  # "Kommungrupp A3", "Riket", "Förra mätperioden (Hösten 2025)"
    row: FigureRow | None  # the other figure, as published (None: nothing published)
    verdict: str  # BETTER, SAME, WORSE or UNKNOWN

    @property
    def words(self) -> str:
        return WORDS[self.verdict]
