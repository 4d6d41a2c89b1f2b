"""Figures from published counts: pooling, hiding, comparability, intervals with noise."""

from __future__ import annotations

import dataclasses

from shared.core.tenants import Kommungrupp
from shared.results import figures
from shared.results.disclosure.release import State
from shared.results.figures import Published, compute
from tests.unit.results.helpers import CAMPAIGN, OWN_QUESTION, tenant

TENANTS = {
    "1980": tenant("1980", Kommungrupp.A3),
    "0380": tenant("0380", Kommungrupp.A3),
    "2584": tenant("2584", Kommungrupp.B6),
}


def published(code: str, n: int, mean_centred: float, variance: float = 9.0, **cells) -> Published:
    """A stream whose published headline question has ``n`` answers at a centred mean."""
    total = {
        "a": n,
        "tel_bemotande:s": round(n * mean_centred),
        "tel_bemotande:n": n,
        "tel_bemotande:v": 1,
        "i": 5 * n,
        "d": 2,
    }
    state = State(
        f"{code}#{CAMPAIGN.id}#sms",
        published={"total": total, **cells},
        variance={"total": dict.fromkeys(total, variance)},
        released_on="2026-03-20",
        sequence=3,
    )
    return Published(code, CAMPAIGN.id, "sms", state)


def row(result, area: str, breakdown: str = "total", question: str = "tel_bemotande", value=""):
    [found] = [
        r
        for r in result.rows
        if (r.area, r.breakdown, r.question, r.value) == (area, breakdown, question, value)
    ]
    return found


def test_a_group_is_the_sum_of_its_members_published_counts() -> None:
    result = compute([published("1980", 120, 1.0), published("0380", 80, 0.0)], TENANTS)
    group = row(result, "KG-A3")
    assert group.n == 200
    assert group.index == 25 * (120 / 200 + 2)  # (120*1 + 80*0) / 200 centred
    assert row(result, "riket").n == 200
    assert group.audience == figures.EVERYONE
    assert row(result, "1980").audience == "1980"


def test_a_cell_under_the_minimum_is_hidden_on_its_published_count() -> None:
    result = compute([published("1980", 4, 1.0)], TENANTS)
    hidden = row(result, "1980")
    assert hidden.suppressed
    assert hidden.n is None
    assert hidden.index is None
    [participation] = [p for p in result.participation if p.area == "1980"]
    assert participation.suppressed
    assert participation.answers is None


def test_rank_only_among_municipalities_that_qualify_for_the_comparison() -> None:
    result = compute(
        [published("1980", 150, 1.2), published("0380", 60, 1.8), published("2584", 110, 0.5)],
        TENANTS,
    )
    small, big, other = row(result, "0380"), row(result, "1980"), row(result, "2584")
    assert small.comparable is False
    assert small.rank is None
    assert (big.rank, big.rank_of, other.rank, other.rank_of) == (1, 2, 2, 2)


def test_intervals_widen_with_the_noise_they_carry() -> None:
    quiet = row(compute([published("1980", 100, 1.0, variance=1.0)], TENANTS), "1980")
    noisy = row(compute([published("1980", 100, 1.0, variance=64.0)], TENANTS), "1980")
    assert quiet.index == noisy.index == 75.0
    assert (noisy.ci_high - noisy.ci_low) > (quiet.ci_high - quiet.ci_low)
    assert quiet.ci_low < 75.0 < quiet.ci_high


def test_the_index_stays_on_the_scale_whatever_the_noise() -> None:
    # noise can push a mean past 5
    result = compute([published("1980", 60, 3.5, variance=1.0)], TENANTS)
    assert row(result, "1980").index == 100.0


def test_a_figure_too_uncertain_to_say_anything_is_not_shown() -> None:
    # Given ten published answers whose noise alone spans most of the scale
    shown = row(compute([published("1980", 200, 1.0, variance=9.0)], TENANTS), "1980")
    vague = row(compute([published("1980", 10, 1.0, variance=400.0)], TENANTS), "1980")
    # Then the vague one is hidden, though its published n is over the minimum cell size
    assert vague.suppressed
    assert vague.index is None
    assert not shown.suppressed
    assert shown.ci_high - shown.ci_low <= 2 * figures.MAX_HALF_WIDTH


def test_a_group_never_shows_fewer_answers_than_one_of_its_members() -> None:
    # published estimates are never negative, so a group's sum is at least each member's
    members = [published("1980", 120, 1.0), published("0380", 0, 0.0)]
    result = compute(members, TENANTS)
    [group] = [p for p in result.participation if p.area == "KG-A3"]
    [member] = [p for p in result.participation if p.area == "1980"]
    assert group.answers is not None
    assert member.answers is not None
    assert group.answers >= member.answers


def test_months_are_sums_of_their_weeks_by_the_week_thursday() -> None:
    week = {"tel_bemotande:s": 20, "tel_bemotande:n": 40, "tel_bemotande:v": 0}
    # ISO week 2026-W14 runs 30 March - 5 April: its Thursday (2 April) puts it in April
    result = compute(
        [published("1980", 80, 0.5, **{"week:2026-W13": week, "week:2026-W14": week})], TENANTS
    )
    assert row(result, "1980", "month", value="2026-03").n == 40
    assert row(result, "1980", "month", value="2026-04").n == 40
    assert figures.week_month("2026-W14") == "2026-04"


def test_errand_kinds_are_a_distribution_of_published_counts() -> None:
    p = published("1980", 30, 1.0)
    p.state.published["total"] |= {"errand:bygglov": 20, "errand:skola": 12, "errand:okänd": -2}
    rows = [r for r in compute([p], TENANTS).rows if r.question == "errand" and r.area == "1980"]
    by_value = {r.value: r for r in rows}
    assert by_value["okänd"].n == 0  # noise below zero is shown as zero
    assert by_value["bygglov"].share == round(100 * 20 / 32, 1)


def test_no_row_carries_a_distribution_or_anything_row_level() -> None:
    fields = set(figures.FigureRow.__dataclass_fields__)
    assert not {f for f in fields if f.startswith("dist_")}
    assert not fields & {"response_id", "contact_day", "comment"}


def test_rows_carry_the_campaign_by_name_and_days_and_groups_use_most_members_name() -> None:
    from datetime import date

    from shared.core.tenants import Campaign

    def named(name: str, start: date, end: date) -> tuple[Campaign, ...]:
        return (Campaign(id=CAMPAIGN.id, start=start, end=end, name=name),)

    tenants = {
        "1980": TENANTS["1980"].model_copy(
            update={"campaigns": named("Våren", date(2026, 3, 2), date(2026, 4, 26))}
        ),
        "0380": TENANTS["0380"].model_copy(
            update={"campaigns": named("Våren", date(2026, 3, 9), date(2026, 5, 3))}
        ),
        "2584": TENANTS["2584"].model_copy(
            update={"campaigns": named("Vår 26", date(2026, 2, 23), date(2026, 4, 26))}
        ),
    }
    result = compute([published(k, 40, 1.0) for k in tenants], tenants)
    own, group, nation = row(result, "2584"), row(result, "KG-A3"), row(result, "riket")
    assert (own.campaign_name, own.campaign_start, own.campaign_end) == (
        "Vår 26",
        "2026-02-23",
        "2026-04-26",
    )
    assert (group.campaign_name, group.campaign_start, group.campaign_end) == (
        "Våren",
        "2026-03-02",
        "2026-05-03",
    )
    assert (nation.campaign_name, nation.campaign_start, nation.campaign_end) == (
        "Våren",
        "2026-02-23",
        "2026-05-03",
    )
    [participation] = [p for p in result.participation if p.area == "2584"]
    assert participation.campaign_name == "Vår 26"
    assert "campaign_name" in participation.record()
    # a record is every field, in the declared order (the export's columns), and nothing else
    for one in (participation, result.rows[0]):
        assert list(one.record().items()) == list(dataclasses.asdict(one).items())


def test_rows_carry_swedish_labels_for_the_export_and_quicksight() -> None:
    uppsala = TENANTS["0380"].model_copy(update={"extra_questions": (OWN_QUESTION,)})
    tenants = TENANTS | {"0380": uppsala}
    week = {"tel_bemotande:s": 20, "tel_bemotande:n": 40, "tel_bemotande:v": 0}
    p = published("0380", 40, 0.5, **{"week:2026-W13": week, "errand:bygglov": week})
    p.state.published["total"] |= {"x:hittade_kontakt:sok": 9, "errand:okänd": 6}
    result = compute([p], tenants)
    total = row(result, "0380")
    assert total.question_label.startswith("I din senaste kontakt med kommunens medarbetare")
    assert total.value_label == ""
    assert row(result, "0380", "week", value="2026-W13").value_label == "vecka 13 2026"
    assert row(result, "0380", "month", value="2026-03").value_label == "mars 2026"
    assert row(result, "0380", "errand", value="bygglov").value_label == "Bygglov"
    sok = row(result, "0380", "option", "hittade_kontakt", "sok")
    assert (sok.question_label, sok.value_label) == (
        "Hur hittade du hur du kontaktar kommunen?",
        "Sökmotor",
    )
    unknown = row(result, "KG-A3", "option", "errand", "okänd")
    assert (unknown.question_label, unknown.value_label) == (
        "Vad gällde ditt ärende?",
        "Ärendet ej angivet",
    )
