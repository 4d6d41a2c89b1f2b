"""Folding history stored before the running totals: once, whatever happens."""

from __future__ import annotations

from decimal import Decimal

from shared.cli import main
from shared.core import totals
from shared.core.models import Channel, InvitationStatus
from shared.platform import settings
from tests.integration.results.conftest import CAMPAIGN, World


def _old_response(world: World, number: int, comment: str | None = None) -> None:
    item = {
        "tenant": "1980",
        "response_id": f"old{number:04d}",
        "channel": "sms",
        "campaign": CAMPAIGN,
        "contact_day": "2026-03-04",
        "answers": {"tel_bemotande": Decimal(4), "tel_enkelhet": None},
        "errand": "skola",
        "extra": {},
    }
    if comment:
        item["comment"] = comment
    world.table(settings.RESPONSES_TABLE).put_item(Item=item)


def _totals(world: World) -> dict[tuple[str, str], dict]:
    items = world.table(settings.TOTALS_TABLE).scan()["Items"]
    return {totals.split(i[totals.SLOT]): {k: v for k, v in i.items()} for i in items}


def test_backfill_folds_each_answer_once_even_when_run_twice(world: World, capsys) -> None:
    for n in range(6):
        _old_response(world, n, comment="Snabb hjälp" if n == 0 else None)
    for _ in range(4):
        item = world.invitation()
        world.table(settings.INVITATIONS_TABLE).update_item(
            Key={"token_hash": item.token_hash},
            UpdateExpression="SET #s = :s",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":s": InvitationStatus.SENT.value},
        )
    world.table(settings.COUNTERS_TABLE).put_item(
        Item={"counter": f"declined#1980#{CAMPAIGN}#sms", "count": 2}
    )

    assert main(["results", "backfill", "--lang", "en"]) == 0
    first = _totals(world)
    assert main(["results", "backfill", "--lang", "en"]) == 0

    assert _totals(world) == first
    total = first[(f"1980#{CAMPAIGN}#{Channel.SMS.value}", "total")]
    assert (total["a"], total["tel_bemotande:s"], total["tel_enkelhet:v"]) == (6, 6, 6)
    assert (total["i"], total["d"]) == (4, 2)
    # the old comment moved to the pool and left the response
    responses = world.table(settings.RESPONSES_TABLE).scan()["Items"]
    assert all("comment" not in r and r["folded"] for r in responses)
    [pooled] = world.table(settings.COMMENTS_TABLE).scan()["Items"]
    assert pooled["text"] == "Snabb hjälp"
    out = capsys.readouterr().out
    assert "folded 6 answers" in out
    assert "folded 0 answers (6 already" in out
    assert main(["results", "backfill", "--lang", "sv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("räknade in 0 svar (6 redan inräknade, 0 från okända kommuner)")
    assert "folded" not in out


def test_answers_taken_by_the_survey_are_never_folded_again(world: World) -> None:
    world.answer_many(3)
    assert main(["results", "backfill"]) == 0
    total = _totals(world)[(f"1980#{CAMPAIGN}#sms", "total")]
    assert total["a"] == 3
