"""Two tabs, a double click, a retry: submits of one token racing each other count once."""

from __future__ import annotations

import threading
from typing import Any

import boto3
import pytest

from shared.platform import settings
from shared.platform.tenant_store import TenantStore
from shared.survey.errors import AlreadyAnswered, AlreadyDeclined
from shared.survey.service import SurveyService
from shared.survey.storage import SurveyStore
from tests.conftest import REGION
from tests.integration.survey.conftest import Survey

RACERS = 6
_ONE_REQUEST_AT_A_TIME = threading.RLock()


@pytest.fixture(autouse=True)
def atomic_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make each moto DynamoDB request atomic, as each DynamoDB request is.

    moto applies a transaction by backing up whole tables and restoring them when a condition
    fails, so a failing transaction in one thread can undo another thread's successful write
    (real DynamoDB transactions are serializable). The race under test stays a race: every
    thread reads the invitation as "sent" before any of them writes.
    """
    from moto.dynamodb.models import DynamoDBBackend

    for name in ("transact_write_items", "get_item", "update_item", "put_item", "scan"):
        original = getattr(DynamoDBBackend, name)

        def locked(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            with _ONE_REQUEST_AT_A_TIME:
                return _original(*args, **kwargs)

        monkeypatch.setattr(DynamoDBBackend, name, locked)


def _service(env: dict[str, str]) -> SurveyService:
    # one boto3 session per thread: resources are not thread-safe, clients are
    dynamodb = boto3.session.Session().resource("dynamodb", region_name=REGION)
    surveys = SurveyStore(
        invitations=dynamodb.Table(env[settings.INVITATIONS_TABLE]),
        responses=dynamodb.Table(env[settings.RESPONSES_TABLE]),
        totals=dynamodb.Table(env[settings.TOTALS_TABLE]),
        comments=dynamodb.Table(env[settings.COMMENTS_TABLE]),
    )
    return SurveyService(surveys, TenantStore(dynamodb.Table(env[settings.TENANTS_TABLE])))


def _race(survey: Survey, token: str, action: str) -> list[Any]:
    start, opened_all = threading.Barrier(RACERS), threading.Barrier(RACERS)
    outcomes: list[Any] = [None] * RACERS
    values = {"tel_bemotande": "3", "tel_enkelhet": "4", "errand": "avfall"}

    def run(i: int) -> None:
        service = _service(survey.env)
        start.wait()
        opened = service.open(token)
        opened_all.wait()  # everyone has seen "sent": only the condition can stop them now
        try:
            if action == "decline" or (action == "mixed" and i % 2):
                service.decline(opened)
            else:
                service.submit(opened, values)
            outcomes[i] = "ok"
        except (AlreadyAnswered, AlreadyDeclined) as closed:
            outcomes[i] = type(closed)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_submits_of_one_token_count_exactly_once(survey: Survey) -> None:
    token = survey.invite()

    outcomes = _race(survey, token, "answer")

    assert outcomes.count("ok") == 1
    assert outcomes.count(AlreadyAnswered) == RACERS - 1
    assert len(survey.responses()) == 1
    assert survey.invitation(token)["status"] == "answered"


def test_concurrent_declines_count_once(survey: Survey) -> None:
    token = survey.invite()

    outcomes = _race(survey, token, "decline")

    assert outcomes.count("ok") == 1
    assert sum(survey.counters().values()) == 1


def test_an_answer_racing_a_decline_leaves_exactly_one_of_them(survey: Survey) -> None:
    token = survey.invite()

    outcomes = _race(survey, token, "mixed")

    assert outcomes.count("ok") == 1
    answered = len(survey.responses())
    declined = sum(survey.counters().values())
    assert answered + declined == 1
    assert survey.invitation(token)["status"] == ("answered" if answered else "declined")
