""" "Kontakta mig" on moto: the form, its errors, the daily cap, the digest to the contact
centre (shuffled, then deleted), and nothing anywhere that links a request to an answer."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest

from shared.messages import contact_requests
from shared.platform import resources, settings
from tests.integration.survey.conftest import SMS_ANSWER, Survey

REQUEST = urlencode(
    {
        "name": "Karin Lund",
        "phone": "070-123 45 67",
        "email": "",
        "message": "Ingen har ringt tillbaka om bygglovet.",
    }
)


def requests(survey: Survey) -> list[dict[str, Any]]:
    return list(survey.table(settings.CONTACT_REQUESTS_TABLE).scan()["Items"])


def test_the_form_is_reached_from_om_the_form_and_the_thank_you_page_without_a_token(
    survey: Survey,
) -> None:
    token = survey.invite(tenant="1980")

    pages = {
        "/om?k=1980": survey.call("GET", "/om?k=1980"),
        "the form": survey.call("GET", f"/s/{token}"),
        "thank you": survey.follow(survey.call("POST", f"/s/{token}", SMS_ANSWER)),
    }

    for name, page in pages.items():
        links = re.findall(r'href="(/kontakt[^"]*)"', page.text)
        assert links, name
        assert all(token not in link and "/s/" not in link for link in links), name
        assert all("k=1980" in link for link in links), name
    form = survey.call("GET", "/kontakt?k=1980&lang=sv")
    assert form.status == 200
    assert "Kommunen får veta att du har bett om att bli kontaktad" in form.text
    assert "dina svar förblir anonyma" in form.text
    assert "Västerås stad" in form.text


def test_a_request_is_stored_apart_with_the_day_only_and_redirects_to_its_thanks(
    survey: Survey,
) -> None:
    page = survey.call("POST", "/kontakt?k=1980&lang=sv", REQUEST)

    assert page.status == 303
    assert page.headers["location"].startswith("/kontakt/tack?k=1980")
    done = survey.follow(page)
    assert done.status == 200
    assert "Tack, kommunen kontaktar dig" in done.text
    [item] = requests(survey)
    assert item["tenant"] == "1980"
    assert item["phone"] == "070-123 45 67"
    assert item["name"] == "Karin Lund"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["day"])
    assert set(item) == {
        "tenant",
        "request_id",
        "day",
        "lang",
        "expires_at",
        "name",
        "phone",
        "message",
    }
    # the TTL is the end of the day plus the retention: it dates the request no finer
    assert item["expires_at"] == contact_requests.expires_at(date.fromisoformat(item["day"]))
    assert int(item["expires_at"]) % 86400 == 0


@pytest.mark.parametrize(
    ("lang", "summary", "missing"),
    [
        ("sv", "Något behöver rättas", "Skriv ett telefonnummer eller en e-postadress"),
        ("en", "There is a problem", "Enter a phone number or an e-mail address"),
        ("fi", "", "Kirjoita puhelinnumero tai sähköpostiosoite"),
        ("ar", "", "اكتب رقم هاتف أو عنوان بريد إلكتروني"),
    ],
)
def test_bad_input_gets_the_error_summary_in_the_page_language_and_keeps_what_was_typed(
    survey: Survey, lang: str, summary: str, missing: str
) -> None:
    body = urlencode({"name": "Karin", "phone": "", "email": "", "message": "om min faktura"})

    page = survey.call("POST", f"/kontakt?k=1980&lang={lang}", body)

    assert page.status == 422
    assert 'class="error-summary"' in page.text
    assert summary in page.text
    assert missing in page.text
    assert 'href="#phone"' in page.text
    assert 'value="Karin"' in page.text
    assert ">om min faktura</textarea>" in page.text
    assert 'aria-invalid="true"' in page.text
    assert requests(survey) == []


def test_a_phone_number_or_address_that_is_none_is_named_as_such(survey: Survey) -> None:
    body = urlencode({"phone": "ring mig", "email": "inte en adress"})

    page = survey.call("POST", "/kontakt?k=1980&lang=sv", body)

    assert page.status == 422
    assert "Telefonnummer: Skriv telefonnumret med siffror" in page.text
    assert "E-postadress: Skriv e-postadressen som namn@exempel.se" in page.text
    assert 'value="inte en adress"' in page.text
    assert requests(survey) == []


def test_a_too_long_description_is_refused_not_cut(survey: Survey) -> None:
    body = urlencode({"phone": "0701234567", "message": "a" * (contact_requests.MESSAGE_MAX + 1)})

    page = survey.call("POST", "/kontakt?k=1980&lang=sv", body)

    assert page.status == 422
    assert "Texten är för lång: skriv högst 500 tecken" in page.text
    assert requests(survey) == []


def test_no_form_for_an_unknown_municipality_or_one_without_a_contact_centre_address(
    survey: Survey,
) -> None:
    from shared.core.tenants import Tenant
    from shared.platform import store
    from shared.platform.tenant_store import TenantStore

    silent = Tenant.default("0999")
    TenantStore(store.table(survey.env[settings.TENANTS_TABLE])).put([silent])

    assert survey.call("GET", "/kontakt?k=9998").status == 404
    assert survey.call("GET", "/kontakt").status == 404
    page = survey.call("POST", "/kontakt?k=0999", REQUEST)
    assert page.status == 404
    assert "Kommunen tar inte emot förfrågningar här" in page.text
    assert requests(survey) == []


def test_a_flood_stops_at_the_daily_cap(survey: Survey, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contact_requests, "DAILY_CAP", 2)

    codes = [survey.call("POST", "/kontakt?k=1980", REQUEST).status for _ in range(4)]

    assert codes == [303, 303, 429, 429]
    assert len(requests(survey)) == 2
    page = survey.call("POST", "/kontakt?k=1980", REQUEST)
    assert "Det går inte att skicka fler förfrågningar i dag" in page.text


def test_a_cross_site_post_is_refused(survey: Survey) -> None:
    page = survey.call("POST", "/kontakt?k=1980", REQUEST, {"sec-fetch-site": "cross-site"})

    assert page.status == 403
    assert requests(survey) == []


def test_nothing_in_the_survey_tables_or_the_logs_links_a_request_to_an_answer(
    survey: Survey, caplog: pytest.LogCaptureFixture
) -> None:
    from shared.core.tokens import token_hash
    from shared.platform.observability import logger

    token = survey.invite(tenant="1980")
    # Given a resident who answers and, right after, asks to be contacted from the thank-you page
    thanks = survey.follow(survey.call("POST", f"/s/{token}", SMS_ANSWER))
    link = re.search(r'href="(/kontakt[^"]*)"', thanks.text)
    assert link is not None
    target = link.group(1).replace("&amp;", "&")
    assert survey.call("POST", target, REQUEST, {"referer": f"/s/{token}/tack"}).status == 303

    # Then the request holds no token, hash, response id or anything else of the answer's
    [request] = requests(survey)
    survey_items: list[dict[str, Any]] = []
    cap_counters: list[dict[str, Any]] = []
    for definition in resources.TABLES:
        if definition is not resources.CONTACT_REQUESTS:
            for item in survey.table(definition.env_key).scan()["Items"]:
                own = str(item.get("counter", "")).startswith(contact_requests.COUNTER_PREFIX)
                (cap_counters if own else survey_items).append(item)
    survey_values = {str(v) for item in survey_items for v in item.values()}
    survey_keys = {str(k) for item in survey_items for k in item}
    shared_values = {str(v) for v in request.values()} & survey_values
    # the kommunkod names the municipality in both; nothing else may meet
    assert shared_values <= {"1980", "sv"}, shared_values
    assert {token, token_hash(token)}.isdisjoint({str(v) for v in request.values()})
    assert str(request["request_id"]) not in survey_values
    assert "request_id" not in survey_keys
    # the daily cap's counter is a count per municipality and day, nothing more
    [cap] = cap_counters
    assert set(cap) == {"counter", "n", "expires_at"}
    assert cap["n"] == 1

    # And the logs name neither what the resident gave nor the request's id
    logs = "\n".join(logger.registered_formatter.format(r) for r in caplog.records)
    for secret in ("Karin", "070-123 45 67", "bygglovet", str(request["request_id"]), token):
        assert secret not in logs
    assert '"route": "POST /kontakt"' in logs


# -- the digest -------------------------------------------------------------------------------


def _ses_outbox() -> list[Any]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    return list(ses_backends[DEFAULT_ACCOUNT_ID]["eu-north-1"].sent_messages)


def _deliver(survey: Survey, day: date, sender: str | None = "rapporter@example.se") -> Any:
    from shared.platform import store
    from shared.platform.tenant_store import TenantStore

    tenants = TenantStore(store.table(survey.env[settings.TENANTS_TABLE])).all()
    from shared.messages.senders import send_client

    return contact_requests.deliver_all(
        tenants,
        store.table(survey.env[settings.CONTACT_REQUESTS_TABLE]),
        store.table(survey.env[settings.COUNTERS_TABLE]),
        sender,
        day,
        send_client("sesv2"),
    )


@pytest.fixture
def ses(survey: Survey) -> None:
    import boto3

    from shared.messages.senders import reset_send_clients

    reset_send_clients()
    boto3.client("ses", region_name="eu-north-1").verify_email_identity(
        EmailAddress="rapporter@example.se"
    )


def _body(message: Any) -> str:
    return str(message.body)


@pytest.mark.usefixtures("ses")
def test_the_digest_reaches_the_contact_centre_once_shuffled_and_the_requests_are_deleted(
    survey: Survey,
) -> None:
    names = [f"Invånare {n}" for n in range(12)]
    for name in names:
        body = urlencode({"name": name, "email": f"person{len(name)}@example.se"})
        assert survey.call("POST", "/kontakt?k=1980", body).status == 303

    done = {d.kommunkod: d for d in _deliver(survey, date(2026, 12, 8))}

    assert done["1980"].requests == 12
    assert done["1980"].sent == 1
    [mail] = [
        m for m in _ses_outbox() if "kontaktcenter@vasteras.se" in m.destinations["ToAddresses"]
    ]
    text = _body(mail)
    assert all(name in text for name in names)
    assert "slumpad ordning" in text
    assert requests(survey) == []  # delivered: gone from the service
    # a redelivered schedule event finds nothing to send
    before = len(_ses_outbox())
    _deliver(survey, date(2026, 12, 8))
    assert len(_ses_outbox()) == before


@pytest.mark.usefixtures("ses")
def test_the_digest_order_is_not_the_order_of_arrival(survey: Survey) -> None:
    orders = set()
    for run in range(4):
        for n in range(8):
            body = urlencode({"name": f"Person {n:02d}", "phone": "0701234567"})
            survey.call("POST", "/kontakt?k=1980", body)
        _deliver(survey, date(2026, 12, 8 + run))
        text = _body(_ses_outbox()[-1])
        orders.add(tuple(re.findall(r"Person (\d\d)", text)))

    assert len(orders) > 1  # 4 runs of 8 in the same order by chance: 1 in (8!)^3


@pytest.mark.usefixtures("ses")
def test_a_failed_send_keeps_the_requests_and_a_crash_before_the_delete_says_they_may_repeat(
    survey: Survey,
) -> None:
    survey.call("POST", "/kontakt?k=1980", REQUEST)

    # no sender configured: nothing is sent, nothing deleted
    [skipped] = [d for d in _deliver(survey, date(2026, 12, 8), sender=None) if d.requests]
    assert skipped.skipped == "no_sender"
    assert len(requests(survey)) == 1

    # a run that marked the request and died before deleting it
    store = contact_requests.ContactRequestStore(
        survey.table(settings.CONTACT_REQUESTS_TABLE), survey.table(settings.COUNTERS_TABLE)
    )
    [item] = requests(survey)
    assert store.mark(item, "2026-12-08")

    _deliver(survey, date(2026, 12, 9))

    assert "Kan ha skickats förut" in _body(_ses_outbox()[-1])
    assert requests(survey) == []


def test_the_retention_in_docs_privacy_is_the_code_s() -> None:
    from pathlib import Path

    doc = (Path(__file__).parents[3] / "docs" / "privacy.md").read_text(encoding="utf-8")
    days = resources.CONTACT_REQUEST_TTL_DAYS
    assert "Kontakta mig" in doc
    assert f"`CONTACT_REQUEST_TTL_DAYS` = {days} days after the end of its day" in doc
