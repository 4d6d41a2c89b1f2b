"""Answers → running totals → the calendar's release → the export, on moto."""

from __future__ import annotations

import json
from datetime import timedelta
from unittest import mock

import pytest
from botocore.exceptions import ClientError

from shared.platform import settings
from shared.results import export, source
from shared.results.figures import Published
from shared.results.source import ReleaseRace, ResultsTables
from tests.integration.results.conftest import CAMPAIGN, MONDAY, TODAY, World


def _rows(world: World, key: str) -> list[dict]:
    return [json.loads(line) for line in world.objects()[key].splitlines()]


def _db(world: World) -> ResultsTables:
    return ResultsTables(
        world.table(settings.TOTALS_TABLE),
        world.table(settings.RELEASES_TABLE),
        world.table(settings.COMMENTS_TABLE),
    )


def _sequences(world: World) -> dict[str, int]:
    """Each stream's release sequence, as the releases table holds it."""
    return {p.state.stream: p.state.sequence for p in _db(world).campaign(CAMPAIGN)}


def test_an_answer_changes_nothing_a_reader_can_see_until_the_release_day(world: World) -> None:
    # Given a Monday's release
    world.answer_many(30)
    world.morning(MONDAY - timedelta(days=7))
    before = world.objects()
    assert export.figures_key(CAMPAIGN) in before

    # When the targeted resident answers on Wednesday and the function runs every morning
    world.answer("1980", (1, 1))
    for day in range(1, 7):
        summary = world.morning(MONDAY - timedelta(days=7 - day))
        # Then nothing is released or written on the days between
        assert summary["released"] == 0
        assert world.objects() == before

    # and the Monday's run releases every municipality's streams, whatever arrived
    summary = world.morning(MONDAY)
    assert summary["released"] == summary["streams"] > 0
    assert world.objects()[export.figures_key(CAMPAIGN)] != before[export.figures_key(CAMPAIGN)]


def test_a_release_day_before_six_releases_nothing(world: World) -> None:
    world.answer_many(10)
    world.morning(MONDAY - timedelta(days=7))  # the release days before are done
    assert world.morning(MONDAY, hour=5)["released"] == 0
    assert world.morning(MONDAY, hour=6)["released"] > 0
    assert world.morning(MONDAY, hour=7)["released"] == 0  # the second morning run


def test_a_release_is_dated_by_its_day_and_holds_no_row_level_data(world: World) -> None:
    world.answer_many(25)
    world.answer("1980", (2, 2), comment="Tack, bra bemötande")
    world.morning(MONDAY)
    rows = _rows(world, export.figures_key(CAMPAIGN))
    headline = [
        r
        for r in rows
        if (r["area"], r["question"], r["breakdown"]) == ("1980", "tel_bemotande", "total")
    ]
    assert len(headline) == 1
    assert headline[0]["released_on"] == MONDAY.isoformat()
    objects = world.objects()
    text = b"".join(objects.values()).decode("utf-8")
    assert "response_id" not in text
    assert "contact_day" not in text
    assert "Tack, bra bemötande" not in text  # one comment is not a batch


def test_group_and_national_figures_are_sums_of_published_figures(world: World) -> None:
    world.answer_many(200, "1980")
    world.answer_many(200, "0380", seed=3)
    world.morning(MONDAY)
    rows = _rows(world, export.participation_key(CAMPAIGN))
    answers = {r["area"]: r["answers"] for r in rows if r["channel"] == "sms"}
    # Västerås and Uppsala are both A3 (Större stad): the group is their published sum, so it
    # is never below either of them
    assert answers["KG-A3"] >= max(answers["1980"], answers["0380"])
    assert answers["riket"] >= answers["KG-A3"]


def test_declines_are_counted_and_released_on_the_calendar(world: World) -> None:
    world.morning(MONDAY - timedelta(days=7))  # the release days before are done
    before = world.objects()
    surveys = world.surveys()
    for _ in range(10):
        surveys.decline(world.invitation())
    world.morning(TODAY)
    assert world.objects() == before  # a Wednesday: nothing changes
    world.morning(MONDAY)
    rows = _rows(world, export.participation_key(CAMPAIGN))
    [own] = [r for r in rows if r["area"] == "1980" and r["channel"] == "sms"]
    assert own["released_on"] == MONDAY.isoformat()
    [item] = [
        i
        for i in world.table(settings.TOTALS_TABLE).scan()["Items"]
        if i["slot"] == f"1980#{CAMPAIGN}#sms/total"
    ]
    assert int(item["d"]) == 10


def test_dispatch_reads_the_released_answers_and_invitations_beside_the_state(
    world: World,
) -> None:
    # Given a release day with answers
    world.answer_many(40)
    world.morning(MONDAY)
    # Then the release item carries the total cell's published participation on its own (what
    # dispatch's stop rule reads), the same figures as the state's
    [state] = [
        p.state
        for p in _db(world).campaign(CAMPAIGN)
        if p.state.stream.startswith("1980#") and p.state.stream.endswith("#sms")
    ]
    item = world.table(settings.RELEASES_TABLE).get_item(Key={"stream": state.stream})["Item"]
    total = json.loads(str(item["published_total"]))
    assert set(total) == {"a", "i", "d"}
    assert total == {k: state.published["total"][k] for k in ("a", "i", "d")}
    assert total["a"] > 0


def _stored_and_export_lost(world: World) -> list[Published]:
    """The Monday's release stored, and an S3 SlowDown before its export was written."""
    world.answer_many(40)
    slow = ClientError({"Error": {"Code": "SlowDown", "Message": "slow"}}, "PutObject")
    with (
        mock.patch("shared.results.export.write", side_effect=slow),
        pytest.raises(ClientError),
    ):
        world.morning(MONDAY)
    assert export.figures_key(CAMPAIGN) not in world.objects()
    return _db(world).campaign(CAMPAIGN)


def test_a_release_stored_but_not_written_is_published_by_the_next_run(world: World) -> None:
    # Given an S3 SlowDown between storing the release and writing the export
    stored = _stored_and_export_lost(world)
    assert stored
    published = _db(world).published_sequences(CAMPAIGN)
    assert all(published.get(p.state.stream, 0) < p.state.sequence for p in stored)

    # When the next morning run comes (05:00 UTC: 07:00 in Stockholm)
    summary = world.morning(MONDAY, hour=7)

    # Then nothing new is released, and the stored release is published, exactly once
    assert summary["released"] == 0
    assert summary["published"] == len(stored)
    published = _db(world).published_sequences(CAMPAIGN)
    assert all(published[p.state.stream] == p.state.sequence for p in _db(world).campaign(CAMPAIGN))
    assert world.morning(MONDAY, hour=8)["published"] == 0
    rows = _rows(world, export.figures_key(CAMPAIGN))
    assert {r["released_on"] for r in rows if r["scope"] == "kommun"} == {MONDAY.isoformat()}


def test_one_municipality_that_fails_stops_no_other(world: World) -> None:
    world.answer_many(30, "1980")
    world.answer_many(30, "0380", seed=3)
    real = source.cells

    def poisoned(items):
        if any(i["slot"]["S"].startswith("1980#") for i in items):
            raise RuntimeError("a broken item")
        return real(items)

    # the campaign's totals are read once for all its municipalities; a stream whose items
    # cannot be read fails its municipality alone
    with mock.patch.object(source, "cells", poisoned):
        summary = world.morning(MONDAY)
    assert summary["failed"] == 1
    released = {p.tenant for p in _db(world).campaign(CAMPAIGN)}
    assert "0380" in released
    assert "1980" not in released


def test_a_transaction_conflict_on_a_totals_item_is_retried(world: World) -> None:
    surveys = world.surveys()
    invitation = world.invitation()
    from shared.core.models import ResponseItem

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


def test_two_runs_cannot_release_the_same_day_twice(world: World) -> None:
    # Given answers, and another run holding the release lease
    world.answer_many(30)
    db = _db(world)
    db.lease("another run", 900)

    # When the Monday's run comes, it releases and publishes nothing
    summary = world.morning(MONDAY)
    assert summary["released"] == summary["published"] == 0
    assert summary["races"] == 1
    assert export.figures_key(CAMPAIGN) not in world.objects()
    assert db.campaign(CAMPAIGN) == []

    # Then once the other run gives the lease back, the next run releases every stream once
    db.drop_lease("another run")
    after = world.morning(MONDAY, hour=7)
    assert after["released"] == after["streams"] > 0
    released = _sequences(world)
    assert world.morning(MONDAY, hour=8)["released"] == 0
    assert _sequences(world) == released


def test_a_lease_left_by_a_crashed_run_expires_and_is_taken_over(world: World) -> None:
    world.answer_many(30)
    _db(world).lease("a run that crashed", -1)  # expired a second ago
    summary = world.morning(MONDAY)
    assert summary["released"] == summary["streams"] > 0
    assert summary["races"] == 0


def test_a_run_that_loses_its_lease_stores_nothing_more(world: World) -> None:
    # Given a release a week ago, and a run whose lease another takes before its first write
    world.answer_many(30)
    world.morning(MONDAY - timedelta(days=7))
    before = _sequences(world)
    real = ResultsTables.lease
    taken: list[str] = []

    def lost(self: ResultsTables, holder: str, seconds: int) -> None:
        taken.append(holder)
        if len(taken) > 1:  # the renewal before the first write
            raise ReleaseRace("lease#results")
        real(self, holder, seconds)

    with mock.patch.object(ResultsTables, "lease", lost):
        summary = world.morning(MONDAY)

    # Then nothing of this run's releases is stored or published: the table and the figures
    # hold last week's, and the next morning releases the Monday from them
    assert summary["released"] == 0
    assert summary["races"] == len(before)
    assert _sequences(world) == before
    assert _db(world).published_sequences(CAMPAIGN) == before
    following = world.morning(MONDAY + timedelta(days=1))
    assert following["released"] == len(before)


def test_a_lease_lost_between_two_writes_is_never_taken_again_in_that_run(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given writes of two releases a request, and a lease lost before the second request (its
    # renewal refused) that would be free again before the third
    world.answer_many(30)
    monkeypatch.setattr(source, "BATCH_WRITE", 2)
    real = ResultsTables.lease
    calls: list[str] = []

    def flaky(self: ResultsTables, holder: str, seconds: int) -> None:
        calls.append(holder)
        if len(calls) == 4:  # taken, the intents, the first request, then refused
            raise ReleaseRace("lease#results")
        real(self, holder, seconds)

    with mock.patch.object(ResultsTables, "lease", flaky):
        summary = world.morning(MONDAY)

    # Then the run stored the first request's two releases and nothing after: another run may
    # have released the rest meanwhile, so it never writes them
    assert len(calls) == 4
    assert summary["released"] == 2
    assert summary["races"] == summary["streams"] - 2


def test_a_stale_read_of_a_state_is_read_again_and_never_releases_a_day_twice(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a release a week ago, and an eventually consistent read this morning that does
    # not see 1980's SMS state yet (as a replica behind the write would answer)
    from shared.platform import store

    world.answer_many(30)
    world.morning(MONDAY - timedelta(days=7))
    before = _sequences(world)
    behind = f"1980#{CAMPAIGN}#sms"
    client = store.client("dynamodb")
    batch_get, get = client.batch_get_item, client.get_item
    again: list[str] = []

    def stale(**kwargs):
        page = batch_get(**kwargs)
        for table, items in page.get("Responses", {}).items():
            page["Responses"][table] = [i for i in items if i["stream"]["S"] != behind]
        return page

    def strong(**kwargs):
        if kwargs.get("ConsistentRead"):
            again.append(kwargs["Key"]["stream"]["S"])
        return get(**kwargs)

    monkeypatch.setattr(client, "batch_get_item", stale)
    monkeypatch.setattr(client, "get_item", strong)
    summary = world.morning(MONDAY)

    # Then the run knew its read was below what the last run stored, read that state again
    # strongly consistent, and released the Monday on it: once, never the campaign's first
    # days again on a fresh state
    assert behind in again
    assert summary["released"] == summary["streams"] == len(before)
    monkeypatch.setattr(client, "batch_get_item", batch_get)
    after = _sequences(world)
    assert after == {s: q + 1 for s, q in before.items()}


def test_a_release_dynamodb_leaves_unstored_is_published_as_the_table_holds_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a release day's run that releases every stream, then the next one, in which
    # DynamoDB leaves 1980's SMS release unprocessed in every BatchWriteItem
    from shared.platform import store

    world.answer_many(30)
    world.morning(MONDAY - timedelta(days=7))
    before = _sequences(world)
    raced = f"1980#{CAMPAIGN}#sms"
    client = store.client("dynamodb")
    real = client.batch_write_item

    def stubborn(**kwargs):
        [(table, requests)] = kwargs["RequestItems"].items()
        held = [r for r in requests if r["PutRequest"]["Item"]["stream"]["S"] == raced]
        rest = [r for r in requests if r not in held]
        page = real(RequestItems={table: rest}) if rest else {}
        return {**page, "UnprocessedItems": {table: held} if held else {}}

    monkeypatch.setattr(client, "batch_write_item", stubborn)
    monkeypatch.setattr(source.time, "sleep", lambda _: None)
    summary = world.morning(MONDAY)

    # Then the figures and the publication mark hold that stream as stored, not as this run
    # computed it in memory, and every other stream's new release
    assert summary["races"] == 1
    published = _db(world).published_sequences(CAMPAIGN)
    stored = _sequences(world)
    assert published == stored
    assert published[raced] == before[raced]
    assert all(published[s] == before[s] + 1 for s in stored if s != raced)


COMMENT_DAY = MONDAY - timedelta(days=14)  # 23 March: the first of 2026-var's comment days


def _comments(world: World) -> list[str]:
    objects = world.objects()
    keys = [k for k in objects if k.startswith(export.COMMENTS_PREFIX)]
    return [json.loads(line)["text"] for k in keys for line in objects[k].splitlines()]


@pytest.mark.parametrize("step", ["write", "drop", "mark"])
def test_a_comment_batch_interrupted_anywhere_is_published_once(world: World, step: str) -> None:
    # Given 70 comments over many contact days, and a crash at one step of the batch's
    # publication: writing the object, emptying the pool, marking the batch done
    for i in range(70):
        world.answer("1980", (4, 5), comment=f"Bra bemötande nummer {i}")
    crash = RuntimeError("the function's container died")
    real_save = ResultsTables.save_comment_mark
    saves = {"n": 0}

    def save_then_crash(self, tenant, campaign, mark):
        saves["n"] += 1
        if saves["n"] == 2:  # the first save decides the batch, the second marks it done
            raise crash
        return real_save(self, tenant, campaign, mark)

    real_write = export.write

    def write_comments_crashes(bucket, contents, client=None):
        if any(k.startswith(export.COMMENTS_PREFIX) for k in contents):
            raise crash
        return real_write(bucket, contents, client)

    target = {
        "write": mock.patch("shared.results.export.write", write_comments_crashes),
        "drop": mock.patch.object(ResultsTables, "drop_pooled", side_effect=crash),
        "mark": mock.patch.object(ResultsTables, "save_comment_mark", save_then_crash),
    }[step]
    with target:
        first = world.morning(COMMENT_DAY)
    assert first["failed"] >= 1  # Västerås's comment step, recorded; the others went on

    # When the next morning run comes, and another after it
    world.morning(COMMENT_DAY, hour=7)
    world.morning(COMMENT_DAY, hour=8)

    # Then the batch is out once: every comment exactly once, none repeated, the pool empty
    texts = _comments(world)
    assert sorted(texts) == sorted(f"Bra bemötande nummer {i}" for i in range(70))
    pool = world.table(settings.COMMENTS_TABLE).scan()["Items"]
    assert [p for p in pool if str(p["pool"]).startswith("1980#")] == []
    mark = _db(world).comment_mark("1980", CAMPAIGN)
    assert (mark.batches, mark.pending) == (1, [])


def test_the_comment_marks_read_one_by_one_when_reading_them_together_fails(
    world: World,
) -> None:
    # Given 70 comments, and DynamoDB refusing the morning's BatchGetItem of the comment marks
    for i in range(70):
        world.answer("1980", (4, 5), comment=f"Bra bemötande nummer {i}")
    throttled = ClientError(
        {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "slow"}},
        "BatchGetItem",
    )
    with mock.patch.object(ResultsTables, "comment_marks", side_effect=throttled):
        summary = world.morning(COMMENT_DAY)

    # Then every municipality reads its own mark: the comment day is checked and its batch out
    assert summary["failed"] == 0
    assert summary["comment_batches"] == 1
    mark = _db(world).comment_mark("1980", CAMPAIGN)
    assert mark.checked == [COMMENT_DAY.isoformat()]
    assert len(_comments(world)) == 70


def test_a_comment_mark_left_unprocessed_is_read_alone_never_taken_for_none(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given Västerås's first comment day checked, and DynamoDB leaving its mark unprocessed in
    # every BatchGetItem (it may, under load)
    from shared.platform import store
    from shared.results.source import CommentMark

    db = _db(world)
    db.save_comment_mark("1980", CAMPAIGN, CommentMark(checked=[COMMENT_DAY.isoformat()]))
    client = store.client("dynamodb")
    real = client.batch_get_item

    def stubborn(**kwargs):
        page = real(**kwargs)
        [(table, request)] = kwargs["RequestItems"].items()
        held = [k for k in request["Keys"] if k["stream"]["S"].startswith("comments#1980#")]
        page["Responses"][table] = [
            i for i in page["Responses"][table] if not i["stream"]["S"].startswith("comments#1980#")
        ]
        if held:
            page["UnprocessedKeys"] = {table: {"Keys": held, "ConsistentRead": True}}
        return page

    monkeypatch.setattr(client, "batch_get_item", stubborn)
    monkeypatch.setattr(source.time, "sleep", lambda _: None)
    marks = db.comment_marks([("1980", CAMPAIGN), ("0380", CAMPAIGN)])

    # Then its mark is left out (its municipality reads it alone), not taken for "no mark",
    # which would check the same comment day a second time; a mark that does not exist is empty
    assert ("1980", CAMPAIGN) not in marks
    assert marks[("0380", CAMPAIGN)] == CommentMark()
    assert db.comment_mark("1980", CAMPAIGN).checked == [COMMENT_DAY.isoformat()]


def test_a_state_left_unprocessed_is_read_alone_and_released_on_its_day(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a release a week ago, and DynamoDB leaving Västerås's states unprocessed in every
    # BatchGetItem of this morning (it may, under load)
    from shared.platform import store

    world.answer_many(30, "1980")
    world.answer_many(30, "0380", seed=3)
    world.morning(MONDAY - timedelta(days=7))
    before = _sequences(world)
    held = {s for s in before if s.startswith("1980#")}
    assert held
    client = store.client("dynamodb")
    real = client.batch_get_item
    asked: list[int] = []

    def stubborn(**kwargs):
        page = real(**kwargs)
        [(table, request)] = kwargs["RequestItems"].items()
        asked.append(len(request["Keys"]))
        kept = [k for k in request["Keys"] if k["stream"]["S"] in held]
        page["Responses"][table] = [
            i for i in page["Responses"][table] if i["stream"]["S"] not in held
        ]
        if kept:
            page["UnprocessedKeys"] = {table: {**request, "Keys": kept}}
        return page

    monkeypatch.setattr(client, "batch_get_item", stubborn)
    monkeypatch.setattr(source.time, "sleep", lambda _: None)

    # When the Monday's run comes
    summary = world.morning(MONDAY)

    # Then the states were asked for again (with a back-off), then read one by one: never taken
    # for a stream without a release (which would lose the race to its own stored state), so
    # every stream is released on its day and published
    assert len(asked) > 1
    assert summary["races"] == 0
    assert summary["released"] == summary["streams"] == len(before)
    after = _sequences(world)
    assert after == {s: q + 1 for s, q in before.items()}
    published = _db(world).published_sequences(CAMPAIGN)
    assert published == after


def test_a_campaign_of_hundreds_of_streams_is_read_whole_100_keys_a_request(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given 250 streams released in a campaign (more than one BatchGetItem holds)
    from shared.platform import store
    from shared.results.disclosure.release import State

    releases = world.table(settings.RELEASES_TABLE)
    with releases.batch_writer() as batch:
        for n in range(250):
            state = State(f"{n:04d}#{CAMPAIGN}#sms")
            state.sequence = 1 + n % 3
            batch.put_item(
                Item={
                    "stream": state.stream,
                    "tenant": f"{n:04d}",
                    "campaign": CAMPAIGN,
                    "channel": "sms",
                    "sequence": state.sequence,
                    "state": state.to_bytes(),
                }
            )
    client = store.client("dynamodb")
    real = client.batch_get_item
    asked: list[int] = []

    def counted(**kwargs):
        asked.extend(len(r["Keys"]) for r in kwargs["RequestItems"].values())
        return real(**kwargs)

    monkeypatch.setattr(client, "batch_get_item", counted)

    # When the campaign's states are read
    read = _db(world).campaign(CAMPAIGN)

    # Then every stream is there with its own state, in three requests
    assert sorted(asked) == [50, 100, 100]
    assert {(p.tenant, p.channel, p.state.sequence) for p in read} == {
        (f"{n:04d}", "sms", 1 + n % 3) for n in range(250)
    }
    assert all(p.state.stream == f"{p.tenant}#{CAMPAIGN}#sms" for p in read)


def test_a_morning_with_no_release_due_reads_no_totals_and_no_state(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the Monday's release done and published
    from shared.platform import store

    world.answer_many(30)
    world.morning(MONDAY)
    client = store.client("dynamodb")
    query, batch_get = client.query, client.batch_get_item
    tables: list[str] = []
    keys: list[str] = []

    def queried(**kwargs):
        tables.append(kwargs["TableName"])
        return query(**kwargs)

    def batch_read(**kwargs):
        for request in kwargs["RequestItems"].values():
            keys.extend(k["stream"]["S"] for k in request["Keys"])
        return batch_get(**kwargs)

    monkeypatch.setattr(client, "query", queried)
    monkeypatch.setattr(client, "batch_get_item", batch_read)

    # When the Tuesday's run comes (the campaign live, nothing due until next Monday)
    summary = world.morning(MONDAY + timedelta(days=1))

    # Then no stream's exact totals are read (a read costs units and releases nothing), and no
    # release state either (half a unit each, every morning): only the comment marks
    assert summary["released"] == summary["published"] == 0
    assert world.env[settings.TOTALS_TABLE] not in tables
    assert world.env[settings.RELEASES_TABLE] in tables  # the campaign's streams, as every day
    assert keys
    assert all(k.startswith("comments#") for k in keys)
    # and the next release day reads them again, the whole campaign's totals with one Query
    # (not one a municipality and channel), and releases every stream
    monkeypatch.setattr(client, "batch_get_item", batch_get)
    tables.clear()
    following = world.morning(MONDAY + timedelta(days=7))
    assert following["released"] == following["streams"] >= 4
    assert tables.count(world.env[settings.TOTALS_TABLE]) == 1


def test_a_release_stored_but_not_written_is_published_on_a_morning_with_none_due(
    world: World,
) -> None:
    # Given the Monday's release stored, and its export lost to an S3 SlowDown
    stored = _stored_and_export_lost(world)

    # When the Tuesday's run comes (no release day due)
    summary = world.morning(MONDAY + timedelta(days=1))

    # Then the waiting release is read and published all the same
    assert summary["released"] == 0
    assert summary["published"] == len(stored) > 0
    assert export.figures_key(CAMPAIGN) in world.objects()
