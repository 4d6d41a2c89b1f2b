"""The report's verdicts in plain words: "säkert bättre" only when the difference is beyond what
chance and the privacy noise (both inside the published intervals) can explain."""

from __future__ import annotations

from dataclasses import replace

from shared.results import headline
from shared.results.figures import FigureRow

ROW = FigureRow(
    scope="kommun",
    area="1980",
    area_name="Västerås stad",
    audience="1980",
    kommungrupp="A3",
    campaign="var-2026",
    campaign_name="Våren 2026",
    campaign_start="2026-03-02",
    campaign_end="2026-04-26",
    channel="sms",
    question="tel_bemotande",
    breakdown="week",
    value="2026-W11",
    minimum=5,
    suppressed=False,
    n=80,
    index=70.0,
    ci_low=64.0,
    ci_high=76.0,
)


def at(index: float, half: float) -> FigureRow:
    return replace(ROW, index=index, ci_low=index - half, ci_high=index + half)


def test_two_periods_differ_surely_only_beyond_their_combined_intervals() -> None:
    # two intervals of ±6: the combined margin is 6 * sqrt(2) = 8.5 points
    assert headline.between_periods(at(79, 6), at(70, 6)) == headline.BETTER
    assert headline.between_periods(at(78, 6), at(70, 6)) == headline.SAME
    assert headline.between_periods(at(61, 6), at(70, 6)) == headline.WORSE
    # overlapping intervals can still differ surely (the test is not "do they overlap")
    assert at(79, 6).ci_low < at(70, 6).ci_high


def test_a_clipped_interval_counts_its_wider_half() -> None:
    near_top = replace(ROW, index=97.0, ci_low=85.0, ci_high=100.0)  # ±12 before clipping
    # 11 points: within 1.96 * sqrt((12/1.96)^2 + (2/1.96)^2) = 12.2; with the clipped half (3) it
    # would have been "surely better"
    assert headline.between_periods(near_top, at(86, 2)) == headline.SAME
    assert headline.between_periods(near_top, at(80, 2)) == headline.BETTER


def test_a_hidden_or_missing_side_gives_no_verdict() -> None:
    hidden = replace(ROW, suppressed=True, index=None, ci_low=None, ci_high=None, n=None)
    assert headline.between_periods(at(90, 2), hidden) == headline.UNKNOWN
    assert headline.between_periods(at(90, 2), None) == headline.UNKNOWN
    assert headline.against(hidden, "group") == headline.UNKNOWN
    assert headline.WORDS[headline.UNKNOWN] == "för osäkert att säga"


def test_against_the_group_reads_the_figures_own_test() -> None:
    better = replace(ROW, diff_group=6.0, significant_group=True)
    worse = replace(ROW, diff_riket=-6.0, significant_riket=True)
    same = replace(ROW, diff_group=6.0, significant_group=False)
    assert headline.against(better, "group") == headline.BETTER
    assert headline.against(worse, "riket") == headline.WORSE
    assert headline.against(same, "group") == headline.SAME
    assert headline.against(ROW, "group") == headline.UNKNOWN  # no test was possible
