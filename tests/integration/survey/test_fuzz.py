"""Fuzz the survey API from its OpenAPI description: whatever arrives, never a 5xx."""

from __future__ import annotations

import base64
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from local.server import http_event
from tests.conftest import ROOT
from tests.integration.survey.conftest import SMS_ANSWER, Survey

OPENAPI = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
TEMPLATES = sorted(OPENAPI["paths"])
METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"]
text = st.text(max_size=60)
form_value = st.one_of(st.sampled_from(["1", "5", "vet_ej", "skola", "", "0", "6"]), text)
form = st.dictionaries(
    st.one_of(
        st.sampled_from(["tel_bemotande", "tel_enkelhet", "errand", "comment", "lang"]), text
    ),
    form_value,
    max_size=6,
)


@st.composite
def requests(draw: st.DrawFn, open_token: str) -> dict[str, Any]:
    template = draw(st.sampled_from([*TEMPLATES, "/", "/s", "/s/{token}/x/y", "{any}"]))
    token = draw(st.one_of(st.just(open_token), text, st.just("A" * 22)))
    path = template.replace("{token}", token).replace("{any}", draw(text))
    query = draw(
        st.one_of(
            st.just(""),
            text,
            st.builds(lambda lang, k: f"lang={lang}&k={k}", text, text),
        )
    )
    body_kind = draw(st.sampled_from(["none", "form", "text", "binary"]))
    body: str | None = None
    if body_kind == "form":
        from urllib.parse import urlencode

        body = urlencode(draw(form))
    elif body_kind == "text":
        body = draw(st.one_of(text, st.just(SMS_ANSWER)))
    elif body_kind == "binary":
        body = base64.b64encode(draw(st.binary(max_size=200))).decode()
    headers = {
        "accept-language": draw(text),
        "content-type": draw(
            st.sampled_from(["application/x-www-form-urlencoded", "text/plain", "", "x/y"])
        ),
    }
    event = http_event(draw(st.sampled_from(METHODS)), "/", headers)
    event["rawPath"] = event["requestContext"]["http"]["path"] = path
    event["rawQueryString"] = query
    if query:
        event["queryStringParameters"] = {"lang": query[:10], "k": query[-6:]}
    if body is not None:
        event["body"] = body
        event["isBase64Encoded"] = body_kind == "binary" or draw(st.booleans())
    return event


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_request_gets_a_5xx_or_a_stack_trace(survey: Survey, data: st.DataObject) -> None:
    token = getattr(survey, "_fuzz_token", None) or survey.invite()
    survey._fuzz_token = token  # type: ignore[attr-defined]

    event = data.draw(requests(token))
    page = survey.call(event["requestContext"]["http"]["method"], "/", event=event)

    assert 200 <= page.status < 500
    assert page.headers["content-type"].startswith(("text/html", "text/css", "image/"))
    assert "Traceback" not in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
