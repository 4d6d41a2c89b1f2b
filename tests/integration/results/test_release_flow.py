"""Answers → running totals → the totals stream → a release → the export, on moto."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from botocore.exceptions import ClientError

from shared import settings
from shared.results import export
from tests.integration.results.conftest import CAMPAIGN, World


def test_a_single_answer_changes_nothing_a_reader_can_see(world: World, pump) -> None:
    world.answer_many(10)
    pump.drain()
    before = world.objects()
    assert export.figures_key(CAMPAIGN) in before

    world.answer("1980", (1, 1))  # the targeted resident answers
    pump.drain()

    assert world.objects() == before  # nothing changed: the batch is not full


def test_a_full_batch_is_released_within_the_stream_run(world: World, pump) -> None:
    world.answer_many(9)
    pump.drain()
    assert world.objects() == {}
    world.answer_many(1, seed=2)
    delivered = pump.drain()
    assert delivered >= 3  # total, week and errand items of the last answer
    rows = [json.loads(line) for line in world.objects()[export.figures_key(CAMPAIGN)].splitlines()]
    headline = [
        r
        for r in rows
        if (r["area"], r["question"], r["breakdown"]) == ("1980", "tel_bemotande", "total")
    ]
    assert len(headline) == 1
    assert headline[0]["released_on"] == "2026-04-01"


def test_the_export_holds_no_row_level_data(world: World, pump) -> None:
    world.answer_many(25)
    world.answer("1980", (2, 2), comment="Tack, bra bemötande")
    pump.drain()
    objects = world.objects()
    assert not [k for k in objects if k.startswith("responses/")]
    text = b"".join(objects.values()).decode("utf-8")
    assert "response_id" not in text
    assert "contact_day" not in text
    assert "Tack, bra bemötande" not in text  # one comment is not a batch


def test_group_and_national_figures_are_sums_of_published_counts(world: World, pump) -> None:
    # 30 answers each: published counts far above the minimum of 5 whatever the noise
    world.answer_many(30, "1980")
    world.answer_many(30, "0380", seed=3)
    pump.drain()
    rows = [json.loads(line) for line in world.objects()[export.figures_key(CAMPAIGN)].splitlines()]
    n = {
        r["area"]: r["n"]
        for r in rows
        if (r["question"], r["breakdown"], r["channel"]) == ("tel_bemotande", "total", "sms")
    }
    # Västerås and Uppsala are both A3 (Större stad): the group is exactly their published sum
    assert n["KG-A3"] == n["1980"] + n["0380"]
    assert n["riket"] == n["1980"] + n["0380"]


def test_declines_are_counted_and_released_in_their_own_batches(world: World, pump) -> None:
    surveys = world.surveys()
    for _ in range(10):
        surveys.decline(world.invitation())
    pump.drain()
    rows = [json.loads(x) for x in world.objects()[export.participation_key(CAMPAIGN)].splitlines()]
    [own] = [r for r in rows if r["area"] == "1980" and r["channel"] == "sms"]
    assert own["suppressed"] is True  # no answers yet: only the invitations count is shown
    [item] = [
        i
        for i in world.table(settings.TOTALS_TABLE).scan()["Items"]
        if i["stream"] == f"1980#{CAMPAIGN}#sms"
    ]
    assert int(item["d"]) == 10


def test_a_transaction_conflict_on_a_totals_item_is_retried(world: World) -> None:
    surveys = world.surveys()
    invitation = world.invitation()
    from shared.models import ResponseItem

    response = ResponseItem(
        tenant="1980",
        response_id="rconflict",
        channel=invitation.channel,
        campaign=CAMPAIGN,
        contact_day=invitation.contact_day,
        answers={"tel_bemotande": 4, "tel_enkelhet": 4},
    )
    conflict = ClientError(
        {
            "Error": {"Code": "TransactionCanceledException", "Message": "conflict"},
            "CancellationReasons": [{"Code": "None"}, {"Code": "TransactionConflict"}],
        },
        "TransactWriteItems",
    )
    client = surveys._invitations.meta.client
    real = client.transact_write_items
    calls = {"n": 0}

    def flaky(**kwargs):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise conflict  # moto never produces one: DynamoDB does under concurrent answers
        return real(**kwargs)

    slept: list[float] = []
    surveys._sleep = slept.append
    with mock.patch.object(client, "transact_write_items", side_effect=flaky):
        surveys.answer(invitation, response)
    assert calls["n"] == 3
    assert len(slept) == 2
    assert all(0 <= s <= 0.4 for s in slept)
    stored = world.table(settings.RESPONSES_TABLE).scan()["Items"]
    assert [r["response_id"] for r in stored] == ["rconflict"]


def test_two_runs_cannot_publish_the_same_batch(world: World) -> None:
    from shared.results.release import State
    from shared.results.source import ReleaseRace, ResultsTables

    db = ResultsTables(
        world.table(settings.TOTALS_TABLE),
        world.table(settings.RELEASES_TABLE),
        world.table(settings.COMMENTS_TABLE),
    )
    first = State(f"1980#{CAMPAIGN}#sms", sequence=1)
    db.save(first, previous_sequence=0)
    with pytest.raises(ReleaseRace):
        db.save(State(f"1980#{CAMPAIGN}#sms", sequence=1), previous_sequence=0)
