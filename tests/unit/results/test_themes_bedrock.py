"""The Bedrock backend against answers in the Converse API's shape, through botocore's Stubber
(it checks every request against the API's model; moto's bedrock-runtime has no Converse)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from shared.platform.settings import SettingsError, ThemeSettings
from shared.results.figures import Comment
from shared.results.themes import Labels, ThemeOutputError, ThemeServiceError
from shared.results.themes import shares as sh
from shared.results.themes.bedrock import CHUNK, PROMPT, BedrockClassifier, request

ANSWERS = Path(__file__).resolve().parents[2] / "data" / "themes" / "bedrock"
MODEL = "amazon.nova-lite-v1:0"
TEXTS = [
    "Satt i telefonkö i 45 minuter. Hör av er på [telefon].",
    "Tack [namn], kunnig och trevlig!",
    "Inget att tillägga.",
]


def answer(name: str) -> dict[str, Any]:
    return json.loads((ANSWERS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def runtime() -> Iterator[tuple[Any, Stubber]]:
    client = boto3.client(
        "bedrock-runtime",
        region_name="eu-north-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    with Stubber(client) as stub:
        yield client, stub
        stub.assert_no_pending_responses()


def test_the_prompt_names_every_theme_and_tone() -> None:
    for word in ("svar", "bemotande", "svarstid", "service", "medarbetare", "telefon"):
        assert f"- {word}:" in PROMPT
    for word in ("enkelhet", "digitalt", "annat", "positiv", "neutral", "negativ"):
        assert word in PROMPT


def test_a_good_answer_labels_every_comment_in_order(runtime: tuple[Any, Stubber]) -> None:
    client, stub = runtime
    stub.add_response("converse", answer("answer-ok"), request(MODEL, TEXTS))
    labels = BedrockClassifier(client, MODEL).classify(TEXTS)
    assert labels == [
        Labels(("svarstid", "telefon"), "negativ"),
        Labels(("bemotande", "medarbetare"), "positiv"),
        Labels(("annat",), "neutral"),
    ]


def test_the_request_holds_the_texts_as_data_at_temperature_zero() -> None:
    params = request(MODEL, TEXTS[:2])
    assert params["modelId"] == MODEL
    assert params["inferenceConfig"]["temperature"] == 0.0
    sent = json.loads(params["messages"][0]["content"][0]["text"])
    assert sent == [{"id": 1, "text": TEXTS[0]}, {"id": 2, "text": TEXTS[1]}]


def test_a_fenced_answer_is_read_and_annat_beside_a_theme_is_dropped(
    runtime: tuple[Any, Stubber],
) -> None:
    client, stub = runtime
    stub.add_response("converse", answer("answer-fenced"), request(MODEL, ["Appen kraschar."]))
    assert BedrockClassifier(client, MODEL).classify(["Appen kraschar."]) == [
        Labels(("digitalt",), "negativ")
    ]


@pytest.mark.parametrize(
    ("name", "message"), [("answer-prose", "not one JSON"), ("answer-cut", "stopped early")]
)
def test_an_answer_outside_the_protocol_is_refused_without_quoting_it(
    runtime: tuple[Any, Stubber], name: str, message: str
) -> None:
    client, stub = runtime
    stub.add_response("converse", answer(name), request(MODEL, ["Lång kö."]))
    with pytest.raises(ThemeOutputError, match=message) as error:
        BedrockClassifier(client, MODEL).classify(["Lång kö."])
    assert "svarstid" not in str(error.value)
    assert "Lång kö" not in str(error.value)


def test_a_missing_comment_is_refused(runtime: tuple[Any, Stubber]) -> None:
    client, stub = runtime
    stub.add_response("converse", answer("answer-ok"), request(MODEL, [*TEXTS, "En till."]))
    with pytest.raises(ThemeOutputError, match="labels 3 of 4"):
        BedrockClassifier(client, MODEL).classify([*TEXTS, "En till."])


def test_a_refusal_names_the_code_only(runtime: tuple[Any, Stubber]) -> None:
    client, stub = runtime
    stub.add_client_error(
        "converse",
        service_error_code="AccessDeniedException",
        service_message=f"no access to {MODEL} for: {TEXTS[0]}",
        http_status_code=403,
    )
    with pytest.raises(ThemeServiceError, match=r"\(AccessDeniedException\)") as error:
        BedrockClassifier(client, MODEL).classify(TEXTS)
    assert "telefonkö" not in str(error.value)


def test_long_batches_go_in_chunks(runtime: tuple[Any, Stubber]) -> None:
    client, stub = runtime
    texts = [f"Kommentar {i}" for i in range(CHUNK + 3)]
    first = [{"id": i, "themes": ["service"], "tone": "neutral"} for i in range(1, CHUNK + 1)]
    second = [{"id": i, "themes": ["svar"], "tone": "positiv"} for i in range(1, 4)]
    for part, items in ((texts[:CHUNK], first), (texts[CHUNK:], second)):
        body = answer("answer-ok")
        body["output"]["message"]["content"][0]["text"] = json.dumps(items)
        stub.add_response("converse", body, request(MODEL, part))
    labels = BedrockClassifier(client, MODEL).classify(texts)
    assert [lab.themes for lab in labels] == [("service",)] * CHUNK + [("svar",)] * 3


def test_a_failing_model_gives_way_to_the_embedded_classifier_and_logs_no_text(
    runtime: tuple[Any, Stubber], caplog: pytest.LogCaptureFixture
) -> None:
    client, stub = runtime
    stub.add_client_error("converse", service_error_code="ThrottlingException")
    comments = [Comment("1980", "2026-var", "", t, "", "2026-03-23") for t in TEXTS]
    with caplog.at_level(logging.DEBUG):
        objects = sh.batch_object(comments, 1, BedrockClassifier(client, MODEL))
    record = json.loads(next(iter(objects.values())))
    assert record["classifier"] == f"embedded-lexicon (fallback from bedrock:{MODEL})"
    assert record["comments"] == 3
    logged = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    assert "themes fallback" in logged
    assert all(t[:12] not in logged for t in TEXTS)


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({"THEMES_BACKEND": "bedrock"}, "needs THEMES_MODEL_ID and THEMES_REGION"),
        (
            {
                "THEMES_BACKEND": "bedrock",
                "THEMES_MODEL_ID": "eu.amazon.nova-lite-v1:0",
                "THEMES_REGION": "eu-north-1",
            },
            "cross-region inference profile",
        ),
        ({"THEMES_REGION": "Stockholm"}, "THEMES_REGION"),
    ],
)
def test_settings_refuse_a_model_that_may_leave_the_region(env: dict[str, str], problem: str):
    with pytest.raises(SettingsError, match=problem):
        ThemeSettings.from_env(env)


def test_settings_default_to_the_embedded_classifier() -> None:
    settings = ThemeSettings.from_env({})
    assert settings.themes_backend == "embedded"
    named = ThemeSettings.from_env(
        {"THEMES_BACKEND": "bedrock", "THEMES_MODEL_ID": MODEL, "THEMES_REGION": "eu-north-1"}
    )
    assert (named.themes_model_id, named.themes_region) == (MODEL, "eu-north-1")
