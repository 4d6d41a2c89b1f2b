"""The municipality's own pages through the real handler: its logo served with long caching,
the icon every page asks for, problem pages in its name, and every way back after an answer
landing on the thank-you page (Post/Redirect/Get)."""

from __future__ import annotations

import pytest

from shared.core.tenants import load_tenant_file
from tests.conftest import TENANT_CONFIG
from tests.integration.survey.conftest import EMAIL_NO_REPLY, SMS_ANSWER, Survey

VASTERAS = load_tenant_file(TENANT_CONFIG / "1980.json")


def test_the_logo_is_served_under_its_content_name_and_cached_for_a_year(survey: Survey) -> None:
    assert VASTERAS.logo is not None
    path = f"/logo/1980/{VASTERAS.logo.digest}"

    logo = survey.call("GET", path)
    stale = survey.call("GET", "/logo/1980/0000000000000000")
    none = survey.call("GET", f"/logo/0180/{VASTERAS.logo.digest}")  # Stockholm has none

    assert logo.status == 200
    assert logo.headers["content-type"] == "image/svg+xml"
    assert logo.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "sandbox" in logo.headers["content-security-policy"]
    assert logo.text.startswith("<svg")
    assert (stale.status, none.status) == (404, 404)


@pytest.mark.parametrize("path", ["/favicon.ico", "/favicon.svg"])
def test_the_icon_a_browser_asks_for_is_there(survey: Survey, path: str) -> None:
    page = survey.call("GET", path)

    assert page.status == 200
    assert page.headers["content-type"] == "image/svg+xml"
    assert page.headers["cache-control"] == "public, max-age=86400"


@pytest.mark.parametrize(
    ("state", "status", "text"),
    [("expired", 410, "Länken har gått ut"), ("answered", 200, "Tack för ditt svar!")],
)
def test_a_link_that_names_a_municipality_gets_its_pages_in_its_name(
    survey: Survey, state: str, status: int, text: str
) -> None:
    token = (
        survey.invite(tenant="1980", expires_in=-60)
        if state == "expired"
        else survey.invite(tenant="1980", status=state)
    )

    page = survey.call("GET", f"/s/{token}")

    assert page.status == status
    assert text in page.text
    assert "<title>" in page.text
    assert "– Västerås stad</title>" in page.text
    assert f'<img src="/logo/1980/{VASTERAS.logo.digest}"' in page.text  # type: ignore[union-attr]
    assert 'href="tel:021390000"' in page.text
    assert "Servicemätning" not in page.text


def test_every_way_back_after_an_answer_lands_on_the_thank_you_page(survey: Survey) -> None:
    token = survey.invite(tenant="1980")

    posted = survey.call("POST", f"/s/{token}?lang=fi", SMS_ANSWER)
    thanks = survey.follow(posted)
    ways_back = {
        "reload": survey.call("GET", posted.headers["location"]),
        "back to the form": survey.call("GET", f"/s/{token}?lang=fi"),
        "the SMS link again": survey.call("GET", f"/s/{token}"),
        "another language": survey.call("GET", f"/s/{token}/tack?k=1980&lang=ar"),
        "submit again": survey.follow(survey.call("POST", f"/s/{token}?lang=fi", SMS_ANSWER)),
        "the decline link": survey.call("GET", f"/s/{token}/decline"),
    }

    assert posted.status == 303
    assert posted.headers["location"] == f"/s/{token}/tack?lang=fi"
    assert posted.text == ""
    assert "Kiitos vastauksestasi!" in thanks.text
    assert 'href="https://www.vasteras.se"' in thanks.text  # onward: the municipality's site
    for way, page in ways_back.items():
        assert page.status == 200, way
        assert 'aria-current="true"' in page.text, way
        assert ("Tack för ditt svar!" in page.text or "Kiitos vastauksestasi!" in page.text
                or 'lang="ar"' in page.text), way  # fmt: skip
    # the thank-you page's switcher stays on the thank-you page
    assert f'href="/s/{token}/tack?lang=sv"' in thanks.text
    assert len(survey.responses()) == 1


def test_a_decline_redirects_and_every_way_back_says_declined(survey: Survey) -> None:
    token = survey.invite(channel="email", tenant="1980")

    declined = survey.follow(survey.call("POST", f"/s/{token}/decline", "confirm=yes"))
    again = survey.call("GET", f"/s/{token}")
    answer = survey.follow(survey.call("POST", f"/s/{token}", EMAIL_NO_REPLY))

    for page in (declined, again, answer):
        assert page.status == 200
        assert "Du har tackat nej" in page.text
    assert survey.responses() == []


def test_the_thank_you_page_of_an_open_link_goes_back_to_the_form(survey: Survey) -> None:
    token = survey.invite(tenant="1980")

    page = survey.call("GET", f"/s/{token}/tack?lang=en")

    assert page.status == 303
    assert page.headers["location"] == f"/s/{token}?lang=en"


def test_opening_the_form_reads_the_invitation_once(survey: Survey) -> None:
    from shared.survey import service

    token = survey.invite(tenant="1980")
    store = service.service().surveys
    reads: list[str] = []
    original = store.invitation

    def counted(token_hash: str, consistent: bool = False) -> object:
        reads.append(token_hash)
        return original(token_hash, consistent)

    store.invitation = counted  # type: ignore[method-assign]
    try:
        page = survey.call("GET", f"/s/{token}")
    finally:
        store.invitation = original  # type: ignore[method-assign]

    assert page.status == 200
    assert len(reads) == 1
