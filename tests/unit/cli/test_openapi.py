"""docs/openapi.json is generated from the routes and must match them."""

from __future__ import annotations

import json

from shared.cli.openapi import render
from shared.core import tokens
from tests.conftest import ROOT

DOC = ROOT / "docs" / "openapi.json"


def test_the_committed_openapi_document_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/openapi.json is stale: run `.venv/bin/python -m shared.cli.openapi > "
        "docs/openapi.json` and commit it"
    )


def test_the_document_describes_the_routes_the_messages_link_to() -> None:
    doc = json.loads(DOC.read_text(encoding="utf-8"))
    paths = doc["paths"]

    assert set(paths[tokens.SURVEY_PATH]) == {"get", "post"}
    assert set(paths[tokens.DECLINE_PATH]) == {"get", "post"}
    assert "get" in paths[tokens.ABOUT_PATH]
    body = paths[tokens.SURVEY_PATH]["post"]["requestBody"]["content"]
    assert "application/x-www-form-urlencoded" in body
    for operations in paths.values():
        for operation in operations.values():
            assert any(p["name"] == "lang" for p in operation["parameters"])


def test_the_document_says_what_the_server_does_with_lang_a_field_twice_and_an_empty_body() -> None:
    """Issue 22: ``?lang=AAA`` is ignored (not refused), a field's value is one string (a field
    twice is a 400), and an empty multipart form is an empty form (not a 400)."""
    from shared.survey.request import form_fields

    doc = json.loads(DOC.read_text(encoding="utf-8"))
    post = doc["paths"][tokens.DECLINE_PATH]["post"]
    (lang,) = [p for p in post["parameters"] if p["name"] == "lang"]
    assert "enum" not in lang["schema"]
    schema = post["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert schema["additionalProperties"] == {"type": "string"}
    assert "required" not in schema  # an empty form declines
    assert form_fields(b"--b--\r\n", "multipart/form-data; boundary=b") == {}
    assert form_fields(b"", "multipart/form-data; boundary=b") == {}
