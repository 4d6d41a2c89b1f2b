"""What a POST must be (shared.survey.request): a form, from the survey's own pages, over HTTPS.

Answers and declines need a form content type (415 otherwise) and are refused when a browser
says they come from another site (403), except the e-mail's RFC 8058 one-click decline, which
web mail clients post from their own origin. A refused post changes nothing.
"""

from __future__ import annotations

import pytest

from shared.platform import settings
from shared.survey.routes import SECURITY_HEADERS
from tests.integration.survey.conftest import FORM, SMS_ANSWER, Survey

BOUNDARY = "----servicematning"
HOST = {"host": "enkat.example.se"}


def multipart(fields: dict[str, str], boundary: str = BOUNDARY) -> bytes:
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    return ("".join(parts) + f"--{boundary}--\r\n").encode("utf-8")


def sms_fields() -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(SMS_ANSWER))


# --- content type ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/json", "", "application/x-www-form-urlencodedx", "text/html"],
)
def test_an_answer_that_is_not_a_form_gets_415_and_changes_nothing(
    survey: Survey, content_type: str
) -> None:
    token = survey.invite()

    page = survey.call("POST", f"/s/{token}", SMS_ANSWER, {"content-type": content_type})

    assert page.status == 415
    assert "Något gick fel med förfrågan" in page.text  # the Swedish page, as for a bad body
    assert survey.invitation(token)["status"] == "sent"
    assert survey.responses() == []


def test_the_415_page_is_in_english_for_an_english_browser(survey: Survey) -> None:
    token = survey.invite()

    page = survey.call(
        "POST",
        f"/s/{token}",
        SMS_ANSWER,
        {"content-type": "application/json", "accept-language": "en-GB,en;q=0.8"},
    )

    assert page.status == 415
    assert "Something was wrong with the request" in page.text
    assert '<html lang="en"' in page.text


def test_an_answer_without_a_body_or_content_type_gets_415(survey: Survey) -> None:
    token = survey.invite()

    page = survey.call("POST", f"/s/{token}")

    assert page.status == 415
    assert survey.invitation(token)["status"] == "sent"


@pytest.mark.parametrize(
    "content_type", [FORM, f"{FORM}; charset=UTF-8", "Application/X-WWW-Form-Urlencoded"]
)
def test_an_urlencoded_answer_in_any_spelling_is_stored(survey: Survey, content_type: str) -> None:
    token = survey.invite()

    page = survey.call("POST", f"/s/{token}", SMS_ANSWER, {"content-type": content_type})

    assert page.status == 303
    assert survey.invitation(token)["status"] == "answered"


def test_a_multipart_answer_is_stored_like_an_urlencoded_one(survey: Survey) -> None:
    token = survey.invite()
    content_type = f"multipart/form-data; boundary={BOUNDARY}"

    page = survey.call(
        "POST", f"/s/{token}", multipart(sms_fields()), {"content-type": content_type}
    )

    assert page.status == 303
    assert "Tack för ditt svar!" in survey.follow(page).text
    [response] = survey.responses()
    assert response["answers"]["tel_bemotande"] == 4
    [pooled] = survey.table(settings.COMMENTS_TABLE).scan()["Items"]
    assert pooled["text"] == "Bra hjälp"  # the comment goes to the pool, not the response


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"no parts at all", f"multipart/form-data; boundary={BOUNDARY}"),
        (multipart({"errand": "skola"}), "multipart/form-data"),  # no boundary
        (
            multipart({"a": "1"}).replace(b"--\r\n", b"\r\n") + multipart({"a": "2"}),
            f"multipart/form-data; boundary={BOUNDARY}",
        ),
        (
            (
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="f"; filename="x.csv"\r\n'
                f"\r\n070-1234567\r\n--{BOUNDARY}--\r\n"
            ).encode(),
            f"multipart/form-data; boundary={BOUNDARY}",
        ),
        (multipart({"comment": "x" * 70_000}), f"multipart/form-data; boundary={BOUNDARY}"),
        (
            multipart({f"f{i}": "1" for i in range(40)}),
            f"multipart/form-data; boundary={BOUNDARY}",
        ),
    ],
    ids=["not-multipart", "no-boundary", "field-twice", "a-file", "too-large", "too-many"],
)
def test_a_multipart_body_that_is_not_a_plain_form_gets_400(
    survey: Survey, body: bytes, content_type: str
) -> None:
    token = survey.invite()

    page = survey.call("POST", f"/s/{token}", body, {"content-type": content_type})

    assert page.status == 400
    assert "Något gick fel med förfrågan" in page.text
    assert survey.invitation(token)["status"] == "sent"


def test_a_decline_that_is_not_a_form_gets_415_and_changes_nothing(survey: Survey) -> None:
    token = survey.invite()

    page = survey.call(
        "POST", f"/s/{token}/decline", '{"confirm": "yes"}', {"content-type": "application/json"}
    )

    assert page.status == 415
    assert survey.invitation(token)["status"] == "sent"
    assert survey.counters() == {}


# --- cross-site ---------------------------------------------------------------------------


def test_a_cross_site_answer_gets_403_in_both_languages_and_changes_nothing(
    survey: Survey,
) -> None:
    token = survey.invite()

    swedish = survey.call("POST", f"/s/{token}", SMS_ANSWER, {"sec-fetch-site": "cross-site"})
    english = survey.call(
        "POST", f"/s/{token}?lang=en", SMS_ANSWER, {"sec-fetch-site": "cross-site"}
    )

    assert (swedish.status, english.status) == (403, 403)
    assert "Något gick fel med förfrågan" in swedish.text
    assert "Something was wrong with the request" in english.text
    assert survey.invitation(token)["status"] == "sent"
    assert survey.responses() == []


@pytest.mark.parametrize("site", ["same-origin", "same-site", "none", "SAME-ORIGIN"])
def test_an_answer_from_the_survey_itself_is_stored(survey: Survey, site: str) -> None:
    token = survey.invite()

    page = survey.call("POST", f"/s/{token}", SMS_ANSWER, {"sec-fetch-site": site})

    assert page.status == 303
    assert survey.invitation(token)["status"] == "answered"


@pytest.mark.parametrize(
    ("origin", "status"),
    [
        ("https://evil.example.org", 403),  # another site, from a browser without Fetch Metadata
        ("https://enkat.example.se.evil.example.org", 403),
        ("https://enkat.example.se", 303),  # the survey's own origin
        ("null", 303),  # what no-referrer pages make browsers send on their own posts
    ],
)
def test_without_fetch_metadata_the_origin_decides(
    survey: Survey, origin: str, status: int
) -> None:
    token = survey.invite()

    page = survey.call("POST", f"/s/{token}", SMS_ANSWER, HOST | {"origin": origin})

    assert page.status == status
    assert survey.invitation(token)["status"] == ("answered" if status == 303 else "sent")


def test_fetch_metadata_wins_over_the_origin(survey: Survey) -> None:
    token = survey.invite()
    headers = HOST | {"origin": "https://enkat.example.se", "sec-fetch-site": "cross-site"}

    page = survey.call("POST", f"/s/{token}", SMS_ANSWER, headers)

    assert page.status == 403


def test_a_cross_site_decline_by_the_confirm_button_gets_403(survey: Survey) -> None:
    token = survey.invite()

    page = survey.call(
        "POST", f"/s/{token}/decline", "confirm=yes", {"sec-fetch-site": "cross-site"}
    )

    assert page.status == 403
    assert survey.invitation(token)["status"] == "sent"
    assert survey.counters() == {}


@pytest.mark.parametrize("kind", ["urlencoded", "multipart"])
def test_the_one_click_decline_is_allowed_cross_site(survey: Survey, kind: str) -> None:
    """RFC 8058: the POST body is List-Unsubscribe=One-Click, as multipart/form-data (SHOULD)
    or urlencoded (MAY); a web mail client posts it from its own origin."""
    token = survey.invite(channel="email", tenant="1980")
    if kind == "multipart":
        body: str | bytes = multipart({"List-Unsubscribe": "One-Click"})
        content_type = f"multipart/form-data; boundary={BOUNDARY}"
    else:
        body, content_type = "List-Unsubscribe=One-Click", FORM
    headers = {
        "content-type": content_type,
        "sec-fetch-site": "cross-site",
        "origin": "https://mail.example.com",
    }

    page = survey.call("POST", f"/s/{token}/decline", body, headers)

    assert page.status == 200
    assert survey.invitation(token)["status"] == "declined"
    assert survey.counters() == {"declined#1980#2026-host#email": 1}


def test_only_the_exact_one_click_body_passes_cross_site(survey: Survey) -> None:
    token = survey.invite()

    page = survey.call(
        "POST",
        f"/s/{token}/decline",
        "List-Unsubscribe=One-Click&confirm=yes",
        {"sec-fetch-site": "cross-site"},
    )

    assert page.status == 403
    assert survey.invitation(token)["status"] == "sent"


@pytest.mark.parametrize(
    ("target", "headers", "status"),
    [
        ("/s/{token}", {"content-type": "text/plain"}, 415),
        ("/s/{token}", {"sec-fetch-site": "cross-site"}, 403),
        ("/s/{token}/decline", {"content-type": "application/json"}, 415),
        ("/s/{token}/decline", {"sec-fetch-site": "cross-site"}, 403),
    ],
)
def test_a_refused_post_never_reaches_the_tables(
    survey: Survey,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    headers: dict[str, str],
    status: int,
) -> None:
    """What a flood of junk posts costs: the checks run before any invitation is read."""
    from shared.survey import service

    token = survey.invite()

    def no_tables(*_: object) -> None:
        raise AssertionError("a refused post reached the survey's tables")

    monkeypatch.setattr(service.SurveyService, "open", no_tables)  # every route's first read
    page = survey.call("POST", target.format(token=token), "confirm=yes", headers)

    assert page.status == status


# --- HSTS ----------------------------------------------------------------------------------


def test_every_response_carries_hsts_and_the_other_security_headers(survey: Survey) -> None:
    token = survey.invite()
    requests = [
        ("GET", f"/s/{token}", None, {}),
        ("GET", "/survey.css", None, {}),
        ("GET", "/nothing", None, {}),
        ("GET", "/om", None, {}),
        ("POST", f"/s/{token}", SMS_ANSWER, {"content-type": "text/plain"}),  # 415
        ("POST", f"/s/{token}", SMS_ANSWER, {"sec-fetch-site": "cross-site"}),  # 403
        ("POST", f"/s/{token}", "errand=nej", {}),  # 422
        ("POST", f"/s/{token}", SMS_ANSWER, {}),  # 303 to the thank-you page
        ("POST", f"/s/{token}", SMS_ANSWER, {}),  # 303 there again
        ("GET", f"/s/{token}/tack", None, {}),
        ("POST", f"/s/{token}/decline", "confirm=yes", {}),  # 409: an answer is not undone
    ]
    statuses = []
    for method, target, body, headers in requests:
        page = survey.call(method, target, body, headers)
        statuses.append(page.status)

        hsts = page.headers["strict-transport-security"]
        assert int(hsts.split(";")[0].removeprefix("max-age=")) >= 180 * 86400, target
        for name, value in SECURITY_HEADERS.items():
            assert page.headers[name.lower()] == value, (target, name)

    assert statuses == [200, 200, 404, 200, 415, 403, 422, 303, 303, 200, 409]
