"""What one answer adds to its stream's running totals (before any noise)."""

from __future__ import annotations

from datetime import date

from shared.core import totals
from shared.core.models import Channel
from shared.core.tenants import ExtraQuestion, TenantLabel, TenantText
from tests.unit.results.helpers import answer


def test_an_answer_adds_centred_sums_counts_and_its_errand_to_three_cells() -> None:
    cells = totals.contributions(answer((5, None), day=date(2026, 3, 11), errand="bygglov"))
    assert set(cells) == {"total", "week:2026-W11", "errand:bygglov"}
    total = cells["total"]
    assert total["a"] == 1
    assert total["errand:bygglov"] == 1
    assert (total["tel_bemotande:s"], total["tel_bemotande:n"]) == (2, 1)  # 5 - 3
    assert total["tel_enkelhet:v"] == 1
    assert "tel_enkelhet:n" not in total
    assert cells["week:2026-W11"] == {
        "tel_bemotande:s": 2,
        "tel_bemotande:n": 1,
        "tel_enkelhet:v": 1,
    }


def test_an_unknown_or_missing_errand_counts_as_unknown() -> None:
    for errand in (None, "not-a-kind"):
        cells = totals.contributions(answer((3, 3), errand=errand))
        assert "errand:okänd" in cells
        assert cells["total"]["errand:okänd"] == 1


def test_own_questions_count_in_the_total_only_and_no_answer_counts_nothing() -> None:
    scale = ExtraQuestion(
        id="parkering",
        text=TenantText(sv="Hur nöjd är du med parkeringen?"),
        kind="scale",
        low=TenantLabel(sv="Inte alls"),
        high=TenantLabel(sv="Mycket"),
    )
    cells = totals.contributions(answer((4, 4), extra={"parkering": "2"}), [scale])
    assert cells["total"]["parkering:s"] == -1
    assert "parkering:s" not in cells["week:2026-W10"]
    nothing = totals.contributions(answer((4, 4), extra={}), [scale])
    assert not any(k.startswith("parkering") for k in nothing["total"])


def test_the_update_adds_every_statistic_to_the_cell_item() -> None:
    [total, *_] = totals.answer_updates("T", answer((2, 4)))
    update = total["Update"]
    # keyed by the campaign (one partition a release morning reads whole) and the stream's cell
    assert update["Key"] == {"campaign": "var-2026", "slot": "1980#var-2026#sms/total"}
    assert update["UpdateExpression"].startswith("ADD ")
    names, values = update["ExpressionAttributeNames"], update["ExpressionAttributeValues"]
    added = {names[f"#k{i}"]: values[f":v{i}"] for i in range(len(names))}
    assert added["tel_bemotande:s"] == -1
    assert added["a"] == 1


def test_stream_ids_round_trip() -> None:
    stream = totals.Stream.parse(totals.stream_id("0380", "host-2026", "email"))
    assert (stream.tenant, stream.campaign, stream.channel) == ("0380", "host-2026", Channel.EMAIL)
