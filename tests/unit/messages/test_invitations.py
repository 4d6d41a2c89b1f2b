"""What a resident receives, checked without AWS: every SMS fits one GSM-7 segment for every
tenant the model allows; the e-mail is escaped, has both parts and no tracking."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.core.gsm7 import GSM7_BASIC, GSM7_EXTENSION, is_gsm7_basic
from shared.core.tenants import Tenant, load_tenant_dir
from shared.core.tokens import new_token
from shared.messages import (
    MAX_BASE_URL_LENGTH,
    InvalidRecipientError,
    NotGsm7Error,
    render_email,
    render_sms,
    septets,
    sms_name,
    to_gsm7_basic,
)
from shared.platform.settings import DispatchSettings, SettingsError
from tests.conftest import TENANT_CONFIG

TOKEN = "AbCdEfGhIjKlMnOpQrStUv"
LONGEST_BASE = "https://" + "e" * (MAX_BASE_URL_LENGTH - len("https://.se")) + ".se"
NAME_CHARS = sorted((GSM7_BASIC - {"\n", "\r"}) | GSM7_EXTENSION)


def test_septets_count_extension_characters_twice() -> None:
    assert septets("Hej Åsa, välkommen!") == 19
    assert septets("pris 5 €") == 9
    assert septets("[x]") == 5


@pytest.mark.parametrize("text", ["“citat”", "a – b", "it’s", "emoji 🙂", "á"])
def test_characters_outside_gsm7_are_refused(text: str) -> None:
    with pytest.raises(NotGsm7Error):
        septets(text)


def test_typographic_punctuation_becomes_plain_one_for_one() -> None:
    assert to_gsm7_basic("“Malung–Sälen” it’s … €") == '"Malung-Sälen" it\'s . E'
    assert to_gsm7_basic("Árjepluovve") == "Arjepluovve"


def test_the_longest_base_url_is_accepted_and_one_more_character_is_not() -> None:
    env = {
        "TENANTS_TABLE": "t",
        "CONTACTS_TABLE": "c",
        "INVITATIONS_TABLE": "i",
        "COUNTERS_TABLE": "k",
        "TOTALS_TABLE": "r",
        "RELEASES_TABLE": "p",
    }
    assert len(LONGEST_BASE) == MAX_BASE_URL_LENGTH
    ok = DispatchSettings.from_env(env | {"SURVEY_BASE_URL": LONGEST_BASE})
    assert ok.survey_base_url == LONGEST_BASE
    with pytest.raises(SettingsError, match="at most"):
        DispatchSettings.from_env(env | {"SURVEY_BASE_URL": LONGEST_BASE + "e"})
    for bad in ("http://enkat.example.se", "https://enkat.example.se/~x", "https://Enkat.se"):
        with pytest.raises(SettingsError):
            DispatchSettings.from_env(env | {"SURVEY_BASE_URL": bad})


def _assert_one_segment(text: str, token: str) -> None:
    assert is_gsm7_basic(text), "basic table only: no escape characters, no UCS-2"
    assert septets(text) <= 160
    assert f"/s/{token} " in text  # the link stands whole, followed by a space


@pytest.mark.parametrize("tenant", load_tenant_dir(TENANT_CONFIG).values(), ids=str)
def test_every_configured_tenants_sms_fits_one_segment(tenant: Tenant) -> None:
    token = new_token()
    text = render_sms(tenant.name, LONGEST_BASE, token)
    _assert_one_segment(text, token)
    assert tenant.name in text  # names the municipality as written
    assert "anonymt" in text
    assert "Avböj via länken" in text  # replies are impossible: declining is on the page


@pytest.mark.parametrize(
    "name",
    [
        "€" * 40,  # every character from the extension table: 80 septets as written
        "[" * 20 + "]" * 20,
        "Ö" * 40,
        "Å" * 39 + "{",
        "“" * 40,
        "🙂" * 40,
        "a" * 40,
    ],
)
def test_worst_case_names_still_fit_one_segment(name: str) -> None:
    token = new_token()
    _assert_one_segment(render_sms(name, LONGEST_BASE, token), token)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=[*NAME_CHARS, "–", "’", "é", "ü", "ô", "\n"], min_size=2, max_size=40))
def test_any_name_the_tenant_model_allows_fits_one_segment(name: str) -> None:
    token = new_token()
    text = render_sms(name, LONGEST_BASE, token)
    _assert_one_segment(text, token)


def test_a_name_that_fits_is_shown_unchanged() -> None:
    assert sms_name("Malung-Sälens kommun") == "Malung-Sälens kommun"
    assert sms_name("Kommun [test]") == "Kommun (test)"  # extension characters replaced
    assert septets(sms_name("€" * 40)) == 40


def test_random_tokens_keep_the_sms_within_one_segment() -> None:
    rng = random.Random(7)
    tenants = list(load_tenant_dir(TENANT_CONFIG).values())
    for _ in range(200):
        token = new_token()
        _assert_one_segment(render_sms(rng.choice(tenants).name, LONGEST_BASE, token), token)


def _tenant(name: str = "Västerås stad") -> Tenant:
    return Tenant.model_validate(
        {
            "kommunkod": "1980",
            "name": name,
            "sms_sender_id": "Vasteras",
            "email_sender": "servicematning@vasteras.se",
            "privacy_contact": "dataskyddsombud@vasteras.se",
            "kommungrupp": "A3",
        }
    )


def test_email_escapes_the_municipalitys_name_in_html() -> None:
    tenant = _tenant('Ö<script>alert("x")</script> & co')
    rendered = render_email(tenant, "https://enkat.example.se", TOKEN, "anna@example.org")
    message = message_from_bytes(rendered.raw, policy=policy.default)
    html = message.get_body(preferencelist=("html",))
    assert html is not None
    body = str(html.get_content())
    assert "<script>" not in body
    assert "&lt;script&gt;" in body
    assert "&amp; co" in body


def test_email_has_both_parts_headers_and_no_remote_content() -> None:
    rendered = render_email(_tenant(), "https://enkat.example.se/", TOKEN, "anna@example.org")
    message = message_from_bytes(rendered.raw, policy=policy.default)
    assert rendered.sender == "servicematning@vasteras.se"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["List-Unsubscribe"] == f"<https://enkat.example.se/s/{TOKEN}/decline>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.get_body(preferencelist=("html",))
    assert html is not None
    body = str(html.get_content()).lower()
    assert "<img" not in body
    assert "src=" not in body
    assert "https://enkat.example.se/om" in body
    assert "anna@example.org" not in repr(rendered)


@pytest.mark.parametrize("recipient", ["two\nlines@example.org", "a@b@c", "no address"])
def test_an_address_that_cannot_be_a_header_is_refused_without_quoting_it(recipient: str) -> None:
    with pytest.raises(InvalidRecipientError) as caught:
        render_email(_tenant(), "https://enkat.example.se", TOKEN, recipient)
    assert recipient not in str(caught.value)


def _parts(tenant: Tenant) -> tuple[Any, str, str]:
    rendered = render_email(tenant, "https://enkat.example.se", TOKEN, "anna@example.org")
    message = message_from_bytes(rendered.raw, policy=policy.default)
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    return message, str(text.get_content()).replace("\r\n", "\n"), str(html.get_content())


def _vasteras() -> Tenant:
    return load_tenant_dir(TENANT_CONFIG)["1980"]  # sv, en, fi, ar


def test_every_email_has_a_date_a_message_id_on_the_senders_domain_and_its_languages() -> None:
    message, _, _ = _parts(_vasteras())
    other, _, _ = _parts(_vasteras())

    assert parsedate_to_datetime(message["Date"]).tzinfo is not None
    assert re.fullmatch(r"<[0-9a-f]{32}@vasteras\.se>", message["Message-ID"])
    assert message["Message-ID"] != other["Message-ID"]
    # set after set_content(), which would otherwise drop it
    assert message["Content-Language"] == "sv, en, fi, ar"
    assert message["Subject"] == "Hur var din kontakt med Västerås stad?"


def test_each_language_gets_one_line_whose_link_opens_the_form_in_that_language() -> None:
    _, text, html = _parts(_vasteras())
    form = f"https://enkat.example.se/s/{TOKEN}"

    assert f"Svara på enkäten:\n{form}\n" in text  # the Swedish body: the browser's language
    assert f'href="{form}"' in html
    assert "In English: Västerås stad would like to know" in text
    assert "Suomeksi: Västerås stad haluaa tietää" in text
    assert "بالعربية" in text
    for lang in ("en", "fi", "ar"):
        assert text.count(f"{form}?lang={lang}") == 1
        assert html.count(f'href="{form}?lang={lang}"') == 1
    assert '<p lang="ar" dir="rtl"><strong>بالعربية:</strong>' in html
    assert '<p lang="fi" dir="ltr"><strong>Suomeksi:</strong>' in html
    # the "about" link names the municipality, so /om states its own figures
    assert 'href="https://enkat.example.se/om?k=1980"' in html


def test_the_email_and_the_form_state_the_same_duration() -> None:
    from shared.core.models import Channel
    from shared.survey.pages import Frame, form_page

    _, text, html = _parts(_vasteras())
    for lang, duration in (("sv", "under en minut"), ("en", "less than a minute")):
        form = form_page(Frame(lang=lang, path="/s/x"), "x" * 22, Channel.SMS)
        assert f"tar {duration}" in form or f"takes {duration}" in form
        assert duration in text
    assert "ett par minuter" not in text + html  # measured: two questions take under a minute


def test_a_municipality_with_only_swedish_sends_only_swedish() -> None:
    message, text, _ = _parts(_tenant())  # the default languages: sv, en
    assert message["Content-Language"] == "sv, en"
    assert "Suomeksi" not in text


SPAMASSASSIN = shutil.which("spamassassin")


@pytest.mark.skipif(SPAMASSASSIN is None, reason="scripts/browser-deps.sh installs spamassassin")
def test_spamassassin_scores_the_rendered_email_at_most_one() -> None:
    rendered = render_email(_vasteras(), "https://enkat.example.se", TOKEN, "anna@example.org")
    # -L: local tests only (no DNS blocklists, no network); -t: report the score
    result = subprocess.run(
        [str(SPAMASSASSIN), "-L", "-t"],
        input=rendered.raw,
        capture_output=True,
        timeout=120,
        check=True,
    )
    report = result.stdout.decode("utf-8", "replace")
    status = re.search(r"^X-Spam-Status: \w+, score=(-?[\d.]+)", report, re.MULTILINE)
    assert status, report[:2000]
    assert float(status.group(1)) <= 1.0, report[report.find("Content analysis") :]
