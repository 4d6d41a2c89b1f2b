"""docs/openapi.json is generated from the routes and must match them."""

from __future__ import annotations

import json

from shared import tokens
from shared.survey.openapi import render
from tests.conftest import ROOT

DOC = ROOT / "docs" / "openapi.json"


def test_the_committed_openapi_document_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/openapi.json is stale: run `.venv/bin/python -m shared.survey.openapi > "
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
