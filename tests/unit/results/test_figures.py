"""Figures on hand-computed data: indices, suppression, pooling, ranks, comments."""

from __future__ import annotations

import pytest

from shared.results.figures import (
    ERRAND,
    RIKET,
    TOTAL,
    WEEK,
    FigureRow,
    Figures,
    compute,
)
from shared.results.suppression import complementary
from shared.tenants import Kommungrupp, Tenant

from .conftest import MONDAY_W10, MONDAY_W11, answers, invitations, tenant


def cell(f: Figures, area: str, breakdown: str = TOTAL, value: str = "") -> FigureRow:
    [row] = [r for r in f.rows if (r.area, r.breakdown, r.value) == (area, breakdown, value)]
    return row


def test_a_known_set_gives_the_hand_computed_index_and_distribution(tenants) -> None:
    # Given answers 5, 4, 4, 3, 1 and one "vet ej" in Västerås
    f = compute(answers("1980", [5, 4, 4, 3, 1, None]), [], tenants)
    row = cell(f, "1980")
    # Then the index is the mean of 100, 75, 75, 50, 0 and "vet ej" is only counted apart
    assert (row.n, row.index, row.ci_low, row.ci_high) == (5, 60.0, 12.9, 100.0)
    assert row.distribution == (1, 0, 1, 2, 1, 1)
    assert not row.suppressed


def test_a_cell_below_the_minimum_shows_nothing(tenants) -> None:
    f = compute(answers("1980", [5, 5, 4, 4, None, None]), [], tenants)  # four scored answers
    row = cell(f, "1980")
    assert row.suppressed
    assert row.n is None
    assert row.index is None
    assert row.ci_low is None
    assert row.distribution == (None,) * 6


def test_a_tenants_own_minimum_applies(tenants) -> None:
    # Stockholm's minimum is 10: nine answers are suppressed there, but not in Västerås
    data = answers("0180", [4] * 9) + answers("1980", [4] * 9)
    f = compute(data, [], tenants)
    assert cell(f, "0180").suppressed
    assert cell(f, "1980").n == 9


def test_suppressed_municipal_cells_are_left_out_of_the_nation(tenants) -> None:
    data = answers("1980", [5] * 10) + answers("0380", [1] * 3)
    f = compute(data, [], tenants)
    nation = cell(f, RIKET)
    # only Västerås' shown cell is pooled: the nation minus Västerås reveals nothing
    assert (nation.n, nation.index) == (10, 100.0)
    assert nation.minimum == 10  # the largest minimum of any municipality


def test_the_nation_uses_the_largest_minimum(tenants) -> None:
    f = compute(answers("1980", [5] * 6), [], tenants)
    assert cell(f, "1980").n == 6
    assert cell(f, RIKET).suppressed  # 6 answers < Stockholm's 10


def test_the_nation_and_the_group_pool_the_shown_cells(tenants) -> None:
    data = answers("1980", [5] * 6) + answers("0380", [3] * 6) + answers("0180", [1] * 10)
    f = compute(data, [], tenants)
    assert cell(f, "riket").n == 22
    assert cell(f, "riket").index == pytest.approx((600 + 300) / 22, abs=0.05)
    group = cell(f, "KG-A3")
    assert (group.n, group.index, group.audience) == (12, 75.0, "alla")
    assert cell(f, "KG-A1").n == 10


def test_rank_comparison_and_threshold(tenants) -> None:
    data = (
        answers("1980", [5, 5, 4, 4, 5, 4])
        + answers("0380", [2, 1, 2, 1, 2, 3, 2, 1])
        + answers("0180", [3] * 10)
    )
    f = compute(data, [], tenants)
    vasteras, uppsala = cell(f, "1980"), cell(f, "0380")
    assert (vasteras.rank, vasteras.rank_of) == (1, 3)
    assert (uppsala.rank, uppsala.rank_of) == (3, 3)
    # Västerås against the rest of its group (Uppsala alone): clearly higher
    assert vasteras.diff_group is not None
    assert vasteras.diff_group > 50
    assert vasteras.significant_group is True
    assert vasteras.comparable is False  # 6 answers, far from the 100 of the national comparison


def test_the_national_comparison_needs_100_answers_per_channel(tenants) -> None:
    f = compute(answers("1980", [4] * 100) + answers("0380", [4] * 99), [], tenants)
    assert cell(f, "1980").comparable is True
    assert cell(f, "0380").comparable is False


def test_a_lone_small_week_hides_its_neighbour_too(tenants) -> None:
    # 10 answers in week 10, 2 in week 11: week 11 is suppressed; total minus week 10 would
    # reveal those two answers, so week 10 is hidden as well
    data = answers("1980", [5] * 10, day=MONDAY_W10) + answers("1980", [1, 1], day=MONDAY_W11)
    f = compute(data, [], tenants)
    assert cell(f, "1980").n == 12
    assert cell(f, "1980", WEEK, "2026-W11").suppressed
    assert cell(f, "1980", WEEK, "2026-W10").suppressed


def test_errand_breakdown_with_enough_hidden_answers_keeps_the_rest(tenants) -> None:
    data = (
        answers("1980", [5] * 8, errand="bygglov")
        + answers("1980", [3] * 3, errand="skola")
        + answers("1980", [1] * 3, errand=None)
    )
    f = compute(data, [], tenants)
    assert cell(f, "1980", ERRAND, "bygglov").n == 8
    assert cell(f, "1980", ERRAND, "skola").suppressed
    assert cell(f, "1980", ERRAND, "okänd").suppressed  # 3 + 3 hidden: 6 >= 5, enough


def test_complementary_rule() -> None:
    children = {"a": 10, "b": 7, "c": 2}
    assert complementary(19, False, children, {"c"}, 5) == {"c", "b"}
    assert complementary(19, False, children, set(), 5) == set()
    assert complementary(19, True, children, set(), 5) == {"a", "b", "c"}
    # 4 answers outside every child + 2 hidden = 6: enough, nothing more to hide
    assert complementary(23, False, children, {"c"}, 5) == {"c"}


def test_participation_counts_and_suppression(tenants) -> None:
    data = answers("1980", [4] * 6) + answers("0380", [4] * 2)
    invited = invitations("1980", sent=10, answered=6, declined=4, failed=3, sending=2)
    invited += invitations("0380", sent=8, answered=2)
    f = compute(data, invited, tenants)
    rows = {(p.area, p.channel): p for p in f.participation}
    vasteras = rows[("1980", "sms")]
    assert (vasteras.invitations, vasteras.answers, vasteras.declines) == (20, 6, 4)
    assert vasteras.response_rate == 30.0
    uppsala = rows[("0380", "sms")]
    assert uppsala.suppressed
    assert uppsala.answers is None
    assert uppsala.response_rate is None
    assert uppsala.invitations == 10
    assert rows[("riket", "sms")].invitations == 20  # only shown municipalities are pooled


def test_comments_stay_with_their_municipality_and_need_a_shown_channel(tenants) -> None:
    data = answers("1980", [4] * 6, comment="Snabbt svar") + answers("0380", [4] * 2, comment="Bra")
    f = compute(data, [], tenants)
    assert {c.text for c in f.comments["1980"]} == {"Snabbt svar"}
    assert "0380" not in f.comments  # two answers only: the comments could point at someone
    assert "riket" not in f.comments


def test_unknown_tenants_are_skipped(tenants: dict[str, Tenant]) -> None:
    f = compute(answers("9999", [4] * 6), [], tenants)
    assert f.skipped == 6
    assert f.rows == []


def test_single_municipality_group(tenants) -> None:
    tenants["2584"] = tenant("2584", Kommungrupp.C9)
    f = compute(answers("2584", [4] * 5), [], tenants)
    assert cell(f, "KG-C9").n == 5
