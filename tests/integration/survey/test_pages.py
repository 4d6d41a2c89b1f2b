"""Every page and status of the survey function, through the real handler on moto."""

from __future__ import annotations

import re

import pytest

from shared.core.questions import COMMENT_MAX_CHARS
from shared.core.tokens import token_hash
from shared.platform import settings
from tests.integration.survey.conftest import EMAIL_ANSWER, EMAIL_NO_REPLY, FORM, SMS_ANSWER, Survey

STRICT_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def _checked(html: str) -> set[str]:
    return set(re.findall(r'id="([\w-]+)"[^>]*\bchecked\b', html))


def test_sms_invitation_gets_the_phone_questions_under_the_municipality_name(
    survey: Survey,
) -> None:
    token = survey.invite(channel="sms", tenant="0180")

    page = survey.call("GET", f"/s/{token}")

    assert page.status == 200
    assert '<html lang="sv" dir="ltr">' in page.text
    assert '<a href="https://www.stockholm.se">Stockholms stad</a>' in page.text
    assert "hur nöjd är du med bemötandet?" in page.text
    assert "via telefoni" not in page.text
    assert "via e-post" not in page.text
    assert "Vad är den viktigaste feedbacken du vill ge kommunen?" in page.text
    assert 'value="vet_ej"' in page.text
    assert "<script" not in page.text


def test_email_invitation_asks_skrs_validation_question_first(survey: Survey) -> None:
    token = survey.invite(channel="email", tenant="1980")

    first = survey.call("GET", f"/s/{token}")
    with_reply = survey.call("GET", f"/s/{token}?epost_aterkoppling=ja&lang=sv")
    without = survey.call("GET", f"/s/{token}?epost_aterkoppling=nej&lang=sv")
    unchosen = survey.call("GET", f"/s/{token}?epost_aterkoppling=&lang=sv")

    assert first.status == 200
    assert '<form method="get" action="/s/' in first.text  # the first step changes nothing
    assert "Har du fått återkoppling eller svar" in first.text
    assert "Hur tydligt var svaret" not in first.text
    assert "bemötandet" not in first.text
    assert "Hur tydligt var svaret du fick från kommunens medarbetare?" in with_reply.text
    assert 'name="epost_aterkoppling" value="ja"' in with_reply.text
    assert "Vilken svarstid" not in with_reply.text
    assert "Vilken svarstid tycker du är rimlig" in without.text
    assert "Hur tydligt var svaret" not in without.text
    assert 'name="epost_aterkoppling" value="nej"' in without.text
    assert "epost_aterkoppling=nej" in without.text.split('aria-label="Språk"')[1]  # kept
    assert unchosen.status == 200
    assert '<a href="#epost_aterkoppling-ja">Fråga 1: Välj ett svar</a>' in unchosen.text
    assert survey.invitation(token)["status"] == "sent"


def test_english_by_query_or_by_accept_language_with_a_switch_back(survey: Survey) -> None:
    token = survey.invite()

    by_query = survey.call("GET", f"/s/{token}?lang=en")
    by_header = survey.call("GET", f"/s/{token}", headers={"accept-language": "en-GB,en;q=0.9"})
    swedish_wins = survey.call("GET", f"/s/{token}?lang=sv", headers={"accept-language": "en-GB"})

    for page in (by_query, by_header):
        assert '<html lang="en" dir="ltr">' in page.text
        assert "How easy was it to get help" in page.text
        assert 'hreflang="sv">svenska</a>' in page.text  # the switcher names it in itself
    assert '<html lang="sv" dir="ltr">' in swedish_wins.text


@pytest.mark.parametrize(
    ("state", "target", "status", "text"),
    [
        ("unknown", "/s/{token}", 404, "Länken är inte giltig"),
        ("malformed", "/s/not-a-token", 404, "Länken är inte giltig"),
        ("expired", "/s/{token}", 410, "Länken har gått ut"),
        ("answered", "/s/{token}", 200, "Tack för ditt svar!"),
        ("declined", "/s/{token}", 200, "Du har tackat nej"),
        ("failed", "/s/{token}", 404, "Länken är inte giltig"),
        ("expired", "/s/{token}/decline", 410, "Länken har gått ut"),
        ("answered", "/s/{token}/decline", 200, "Tack för ditt svar!"),
        ("answered", "/s/{token}/tack", 200, "Tack för ditt svar!"),
        ("expired", "/s/{token}/tack", 410, "Länken har gått ut"),
        ("unknown", "/no/such/page", 404, "Sidan finns inte"),
    ],
)
def test_closed_or_unknown_links_get_a_friendly_page_with_the_right_status(
    survey: Survey, state: str, target: str, status: int, text: str
) -> None:
    if state == "unknown":
        token = "A" * 22
    elif state == "expired":
        token = survey.invite(expires_in=-60)
    else:
        token = survey.invite(status=state)

    page = survey.call("GET", target.format(token=token))

    assert page.status == status
    assert text in page.text
    assert 'href="/om' in page.text
    assert "Traceback" not in page.text


SECURED_PAGES = [
    "/s/{token}",
    "/s/{token}/decline",
    "/s/AAAAAAAAAAAAAAAAAAAAAA",
    "/om",
    "/om?k=0180",
    "/about",
    "/tillganglighet",
    "/accessibility?k=1980",
    "/survey.css",
    "/nothing",
]


def test_every_page_has_strict_security_headers_and_no_cookies(survey: Survey) -> None:
    token = survey.invite()

    for target in SECURED_PAGES:
        page = survey.call("GET", target.format(token=token))

        assert page.headers["content-security-policy"] == STRICT_CSP, target
        assert page.headers["referrer-policy"] == "no-referrer", target
        assert page.headers["x-content-type-options"] == "nosniff", target
        assert page.headers["x-robots-tag"].startswith("noindex"), target
        assert page.set_cookies == [], target
        if target != "/survey.css":
            assert page.headers["cache-control"] == "no-store", target
            assert page.headers["content-type"] == "text/html; charset=utf-8", target


def test_an_answer_is_stored_anonymously_and_the_invitation_closed(survey: Survey) -> None:
    token = survey.invite(channel="sms", tenant="0180", campaign="2026-host")

    posted = survey.call("POST", f"/s/{token}", SMS_ANSWER)
    page = survey.follow(posted)

    assert posted.headers["location"] == f"/s/{token}/tack?lang=sv"
    assert page.status == 200
    assert "Tack för ditt svar!" in page.text
    assert survey.invitation(token)["status"] == "answered"
    [response] = survey.responses()
    assert set(response) == {
        "tenant",
        "response_id",
        "channel",
        "campaign",
        "contact_day",
        "answers",
        "errand",
        "extra",
        "folded",
    }  # the comment goes only to the comment pool, apart from the answers
    assert response["answers"] == {"tel_bemotande": 4, "tel_enkelhet": None}
    assert (response["tenant"], response["channel"], response["campaign"]) == (
        "0180",
        "sms",
        "2026-host",
    )
    assert response["contact_day"] == "2026-11-20"  # the day, nothing finer
    assert response["errand"] == "skola"
    [pooled] = survey.table(settings.COMMENTS_TABLE).scan()["Items"]
    assert pooled["text"] == "Bra hjälp"
    assert set(pooled) == {"pool", "comment_id", "text", "channel", "errand", "contact_day",
                           "expires_at"}  # fmt: skip
    # the same transaction added it to the running totals: total, its week and its errand
    cells = {i["cell"] for i in survey.totals()}
    assert cells == {"total", "week:2026-W47", "errand:skola"}
    stored = repr(response)
    assert token not in stored
    assert token_hash(token) not in stored


def test_the_email_form_stores_its_own_questions_and_no_empty_comment(survey: Survey) -> None:
    token = survey.invite(channel="email", tenant="1980")

    assert survey.call("POST", f"/s/{token}", EMAIL_ANSWER).status == 303

    [response] = survey.responses()
    assert response["answers"] == {"epost_enkelhet": 5, "epost_tydlighet": 2}
    assert response["email_reply"] == "ja"
    assert "response_time" not in response
    assert "comment" not in response


def test_an_email_answer_without_a_reply_keeps_its_response_time_and_is_not_scored(
    survey: Survey,
) -> None:
    token = survey.invite(channel="email", tenant="1980")

    page = survey.follow(survey.call("POST", f"/s/{token}", EMAIL_NO_REPLY + "&epost_enkelhet=1"))

    assert "Tack för ditt svar!" in page.text
    [response] = survey.responses()
    assert response["answers"] == {}
    assert (response["email_reply"], response["response_time"]) == ("nej", "en_dag")
    [total] = [i for i in survey.totals() if i["cell"] == "total"]
    assert "epost_enkelhet:n" not in total
    assert "epost_enkelhet:s" not in total


def test_errors_re_render_the_form_with_a_summary_and_the_answers_kept(survey: Survey) -> None:
    token = survey.invite()

    page = survey.call("POST", f"/s/{token}", "tel_enkelhet=3&errand=&comment=Min+%3Ckommentar%3E")

    assert page.status == 422
    assert page.text.count('class="error-summary"') == 1
    assert '<a href="#tel_bemotande-1">' in page.text  # the summary links to the field
    assert '<a href="#errand-skola">' in page.text
    assert 'aria-describedby="tel_bemotande-hint tel_bemotande-error"' in page.text
    assert "<title>Fel:" in page.text
    assert _checked(page.text) == {"tel_enkelhet-3"}
    assert "Min &lt;kommentar&gt;</textarea>" in page.text  # kept, and escaped
    assert survey.responses() == []
    assert survey.invitation(token)["status"] == "sent"


def test_an_invalid_value_and_a_too_long_comment_are_errors_too(survey: Survey) -> None:
    token = survey.invite()
    body = "tel_bemotande=9&tel_enkelhet=1&errand=skola&comment=" + "x" * (COMMENT_MAX_CHARS + 1)

    page = survey.call("POST", f"/s/{token}", body)

    assert page.status == 422
    assert "Välj ett av alternativen" in page.text
    assert "Texten är för lång: skriv högst 1\u00a0000 tecken" in page.text
    assert 'aria-invalid="true"' in page.text
    assert "x" * (COMMENT_MAX_CHARS + 1) + "</textarea>" in page.text  # nothing cut
    assert "maxlength" not in page.text
    assert survey.responses() == []


def test_a_second_submit_lands_on_the_thanks_page_and_counts_nothing(survey: Survey) -> None:
    token = survey.invite()

    first = survey.call("POST", f"/s/{token}", SMS_ANSWER)
    second = survey.call("POST", f"/s/{token}", SMS_ANSWER.replace("=4", "=1"))

    assert (first.status, second.status) == (303, 303)
    assert "Tack för ditt svar!" in survey.follow(second).text
    assert len(survey.responses()) == 1
    assert survey.responses()[0]["answers"]["tel_bemotande"] == 4


def test_an_expired_link_takes_no_answer(survey: Survey) -> None:
    token = survey.invite(expires_in=-1)

    page = survey.call("POST", f"/s/{token}", SMS_ANSWER)

    assert page.status == 410
    assert survey.responses() == []


def test_the_comment_is_redacted_before_it_is_stored(survey: Survey) -> None:
    token = survey.invite()
    comment = "Ring 070-123 45 67 eller maila anna.svensson@example.se, pnr 811218-9876"
    from urllib.parse import urlencode

    body = urlencode(
        {"tel_bemotande": "2", "tel_enkelhet": "2", "errand": "annat", "comment": comment}
    )

    assert survey.call("POST", f"/s/{token}", body).status == 303

    assert "comment" not in survey.responses()[0]
    [pooled] = survey.table(settings.COMMENTS_TABLE).scan()["Items"]
    stored = pooled["text"]
    assert stored == "Ring [telefon] eller maila [e-post], pnr [personnummer]"


def test_the_pooled_comment_passed_the_thorough_pass_with_the_municipalitys_mailboxes(
    survey: Survey,
) -> None:
    # Given a Västerås invitation and a comment naming a colleague in lower case, the resident's
    # number in words and the municipality's own contact-centre mailbox (its report_contacts)
    token = survey.invite(channel="email", tenant="1980")
    comment = (
        "pratade med göran på bygglov, mejlade kontaktcenter@vasteras.se. "
        "Ring noll sju noll, ett två tre, fyra fem, sex sju"
    )
    from urllib.parse import urlencode

    body = urlencode(
        {
            "epost_aterkoppling": "ja",
            "epost_enkelhet": "4",
            "epost_tydlighet": "4",
            "errand": "annat",
            "comment": comment,
        }
    )
    # When the answer is sent (Post/Redirect/Get: to the thank-you page)
    assert survey.call("POST", f"/s/{token}", body).status == 303
    # Then the pool holds the comment without the name and number, the mailbox as written
    [pooled] = survey.table(settings.COMMENTS_TABLE).scan()["Items"]
    assert pooled["text"] == (
        "pratade med [namn] på bygglov, mejlade kontaktcenter@vasteras.se. Ring [telefon]"
    )


def test_the_decline_link_only_asks_and_changes_nothing(survey: Survey) -> None:
    token = survey.invite()

    page = survey.call("GET", f"/s/{token}/decline")

    assert page.status == 200
    assert "Vill du inte svara?" in page.text
    assert 'method="post"' in page.text
    assert survey.invitation(token)["status"] == "sent"
    assert survey.counters() == {}


def test_the_confirming_post_declines_and_only_counts(survey: Survey) -> None:
    token = survey.invite(channel="email", tenant="1980", campaign="2026-host")

    page = survey.follow(survey.call("POST", f"/s/{token}/decline?lang=sv", "confirm=yes"))

    assert page.status == 200
    assert "Du har tackat nej" in page.text
    assert survey.invitation(token)["status"] == "declined"
    assert survey.counters() == {"declined#1980#2026-host#email": 1}
    assert survey.responses() == []
    [counter] = survey.table(settings.TOTALS_TABLE).scan()["Items"]
    assert set(counter) == {"campaign", "slot", "d"}  # a count, nothing about who or when
    again = survey.call("POST", f"/s/{token}/decline", "confirm=yes")
    assert "Du har tackat nej" in survey.follow(again).text
    assert survey.counters() == {"declined#1980#2026-host#email": 1}
    assert "Du har tackat nej" in survey.follow(survey.call("POST", f"/s/{token}", SMS_ANSWER)).text
    assert survey.responses() == []


def test_the_emails_one_click_unsubscribe_post_declines(survey: Survey) -> None:
    token = survey.invite(channel="email", tenant="1980")

    page = survey.call("POST", f"/s/{token}/decline", "List-Unsubscribe=One-Click")

    assert page.status == 200
    assert survey.invitation(token)["status"] == "declined"
    assert sum(survey.counters().values()) == 1


def test_a_declined_or_answered_link_cannot_be_declined_or_answered(survey: Survey) -> None:
    answered = survey.invite()
    survey.call("POST", f"/s/{answered}", SMS_ANSWER)

    assert survey.call("POST", f"/s/{answered}/decline", "").status == 409
    assert survey.counters() == {}


INFORMATION_PAGES = {
    "/om?k=0180": ["Stockholms stad är personuppgiftsansvarig", "72 timmar", "lottas"],
    "/om": ["Den kommun som skickade inbjudan", "högst 168 timmar"],
    "/om?k=9999": ["Den kommun som skickade inbjudan"],
    "/om?k=<script>": ["Den kommun som skickade inbjudan"],
    "/about?k=0180": ["Stockholms stad is the data controller"],
    "/om?k=0180&lang=en": ["Stockholms stad is the data controller"],
    "/tillganglighet?k=0180": ["WCAG 2.1 nivå AA", "digg.se"],
    "/accessibility": ["WCAG 2.1 level AA"],
}


def test_about_and_accessibility_pages(survey: Survey) -> None:
    for target, expected in INFORMATION_PAGES.items():
        page = survey.call("GET", target)

        assert page.status == 200, target
        for text in expected:
            assert text in page.text, target
        assert "<script>" not in page.text, target


def test_about_names_the_tenants_privacy_contact(survey: Survey) -> None:
    from shared.core.tenants import load_tenant_file
    from tests.conftest import TENANT_CONFIG

    tenant = load_tenant_file(TENANT_CONFIG / "0180.json")

    page = survey.call("GET", "/om?k=0180")

    assert f'href="mailto:{tenant.privacy_contact}"' in page.text
    assert tenant.website in page.text


@pytest.mark.parametrize(
    ("body", "base64"),
    [
        ("tel_bemotande=%FF%FE", False),  # not UTF-8
        ("a=1&a=2", False),  # a field twice
        ("&".join(f"f{i}=1" for i in range(100)), False),  # too many fields
        ("!!!not base64!!!", True),
    ],
)
def test_malformed_bodies_get_400(survey: Survey, body: str, base64: bool) -> None:
    from local.server import http_event

    token = survey.invite()
    event = http_event("POST", f"/s/{token}", {"content-type": FORM}, body)
    event["isBase64Encoded"] = base64

    page = survey.call("POST", f"/s/{token}", event=event)

    assert page.status == 400
    assert "Något gick fel med förfrågan" in page.text
    assert survey.invitation(token)["status"] == "sent"


def test_a_body_far_over_the_limit_gets_its_own_page_in_the_municipalitys_name(
    survey: Survey,
) -> None:
    token = survey.invite(tenant="1980")

    page = survey.call("POST", f"/s/{token}", "comment=" + "y" * 70_000)

    assert page.status == 413
    assert "Svaret var för långt" in page.text
    assert "Gå tillbaka, korta texten" in page.text
    assert "Västerås stad</a></p>" in page.text  # the header: its name, linked to its site
    assert survey.invitation(token)["status"] == "sent"


def test_logs_carry_route_keys_never_the_token_or_the_comment(
    survey: Survey, caplog: pytest.LogCaptureFixture
) -> None:
    from shared.platform.observability import logger

    token = survey.invite()

    survey.call("GET", f"/s/{token}")
    survey.call("POST", f"/s/{token}", SMS_ANSWER.replace("Bra+hj%C3%A4lp", "hemligt"))

    lines = [logger.registered_formatter.format(r) for r in caplog.records]
    logs = "\n".join(lines)
    assert '"route": "GET /s/{token}"' in logs
    assert '"route": "POST /s/{token}"' in logs
    assert token not in logs
    assert token_hash(token) not in logs
    assert "hemligt" not in logs


def test_a_404_never_links_to_another_site(survey: Survey) -> None:
    from local.server import http_event

    event = http_event("GET", "/")
    event["rawPath"] = event["requestContext"]["http"]["path"] = "//elsewhere.example/x"

    page = survey.call("GET", "/", event=event)

    assert page.status == 404
    assert "elsewhere.example" not in page.text
