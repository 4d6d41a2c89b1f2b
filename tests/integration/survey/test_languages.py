"""The survey in the municipality's languages, through the real handler on moto: the language
follows ?lang=, then Accept-Language, then the municipality's default; every page lists the
municipality's languages in their own names; Arabic is right to left."""

from __future__ import annotations

import re

import pytest

from shared.core import i18n
from tests.integration.survey.conftest import SMS_ANSWER, Survey

VASTERAS = "1980"  # sv, en, fi, ar
DANDERYD = "0162"  # sv, en
UPPSALA = "0380"  # sv, en, fi; its own question has a Finnish wording


def _switcher(html: str) -> list[tuple[str, str]]:
    nav = html.split('<nav aria-label="', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'hreflang="(\w+)"[^>]*>([^<]+)</a>', nav)


def test_finnish_by_the_browsers_language_with_every_language_in_its_own_name(
    survey: Survey,
) -> None:
    token = survey.invite(channel="sms", tenant=VASTERAS)

    page = survey.call("GET", f"/s/{token}", headers={"accept-language": "fi-FI,fi;q=0.9,sv"})

    assert page.status == 200
    assert '<html lang="fi" dir="ltr">' in page.text
    assert "Kuinka tyytyväinen olet kohteluun" in page.text
    assert "<title>Millainen oli yhteydenottosi kuntaan? – Västerås stad</title>" in page.text
    assert _switcher(page.text) == [
        ("sv", "svenska"),
        ("en", "English"),
        ("fi", "suomi"),
        ("ar", "العربية"),
    ]
    assert (
        f'href="/s/{token}?lang=ar" lang="ar" dir="rtl"' in page.text
    )  # the token names the municipality
    assert re.search(r'hreflang="fi" aria-current="true">suomi<', page.text)
    assert f'action="/s/{token}?lang=fi"' in page.text  # an error page stays in Finnish


def test_arabic_pages_are_right_to_left_and_the_switcher_marks_each_name(survey: Survey) -> None:
    token = survey.invite(channel="email", tenant=VASTERAS)

    form = survey.call("GET", f"/s/{token}?lang=ar")
    decline = survey.call("GET", f"/s/{token}/decline?lang=ar")
    errors = survey.call("POST", f"/s/{token}?lang=ar", "errand=skola")

    assert '<html lang="ar" dir="rtl">' in form.text
    assert "هل تلقيت ردًا أو إجابة على سؤالك" in form.text  # SKR's first question
    assert 'lang="sv" dir="ltr" hreflang="sv">svenska</a>' in form.text
    assert '<html lang="ar" dir="rtl">' in decline.text
    assert "ألا تريد المشاركة؟" in decline.text
    assert errors.status == 422
    assert '<a href="#epost_aterkoppling-ja">السؤال 1: اختر إجابة</a>' in errors.text
    second = survey.call("GET", f"/s/{token}?lang=ar&epost_aterkoppling=ja")
    assert "ما مدى وضوح الرد الذي تلقيته من موظف البلدية؟" in second.text


def test_a_language_the_municipality_does_not_offer_is_not_used(survey: Survey) -> None:
    token = survey.invite(channel="sms", tenant=DANDERYD)

    by_header = survey.call("GET", f"/s/{token}", headers={"accept-language": "fi, ar;q=0.9"})
    by_query = survey.call("GET", f"/s/{token}?lang=ar", headers={"accept-language": "en"})

    assert '<html lang="sv" dir="ltr">' in by_header.text  # its default
    assert '<html lang="en" dir="ltr">' in by_query.text  # then the browser's
    assert _switcher(by_header.text) == [("sv", "svenska"), ("en", "English")]


@pytest.mark.parametrize("lang", i18n.available())
def test_every_language_tells_residents_not_to_write_names(survey: Survey, lang: str) -> None:
    token = survey.invite(channel="sms", tenant=VASTERAS)

    page = survey.call("GET", f"/s/{token}?lang=" + lang)

    hint = re.search(r'<p class="hint" id="comment-hint">([^<]+)</p>', page.text)
    assert hint
    words = {"sv": "namn", "en": "names", "fi": "nimiä", "ar": "أسماء"}
    assert words[lang] in hint.group(1)
    assert {"sv": "1\u00a0000", "en": "1,000", "fi": "1\u00a0000", "ar": "1000"}[
        lang
    ] in hint.group(1)


def test_errors_name_the_question_by_its_number(survey: Survey) -> None:
    token = survey.invite(channel="sms", tenant=VASTERAS)

    sv = survey.call("POST", f"/s/{token}", "tel_enkelhet=2&errand=skola")
    fi = survey.call("POST", f"/s/{token}?lang=fi", "tel_enkelhet=2&errand=skola")

    assert '<a href="#tel_bemotande-1">Fråga 1: Välj ett svar</a>' in sv.text
    assert "?: " not in sv.text
    assert '<a href="#tel_bemotande-1">Kysymys 1: Valitse vastaus</a>' in fi.text


def test_prefer_not_to_answer_an_own_question_is_stored_as_no_answer(survey: Survey) -> None:
    token = survey.invite(channel="sms", tenant=UPPSALA)

    form = survey.call("GET", f"/s/{token}?lang=fi")
    page = survey.call("POST", f"/s/{token}", SMS_ANSWER + "&hittade_kontakt=")

    assert "Mistä sait tietää, miten otat yhteyttä kuntaan?" in form.text  # its own wording
    assert 'value="">En halua vastata</label>' in form.text
    assert page.status == 303
    [response] = survey.responses()
    assert response["extra"] == {}  # no answer, not "vet ej"
    assert response["answers"] == {"tel_bemotande": 4, "tel_enkelhet": None}


@pytest.mark.parametrize("lang", i18n.available())
def test_about_names_the_municipality_its_contact_processor_and_figures(
    survey: Survey, lang: str
) -> None:
    page = survey.call("GET", f"/om?k={VASTERAS}&lang={lang}")

    assert page.status == 200
    assert f'<html lang="{lang}" dir="{i18n.direction(lang)}">' in page.text
    assert "Västerås stad" in page.text
    assert 'href="mailto:dataskyddsombud@vasteras.se"' in page.text
    assert "Amazon Web Services EMEA SARL (AWS)" in page.text
    assert " 72 " in page.text  # Västerås's max_holding_hours
    assert "168" not in page.text


def test_the_accessibility_statement_sends_feedback_to_the_accessibility_contact(
    survey: Survey,
) -> None:
    page = survey.call("GET", f"/tillganglighet?k={VASTERAS}")

    assert 'href="mailto:tillganglighet@vasteras.se"' in page.text
    assert "dataskyddsombud@vasteras.se" not in page.text
    assert "Den senaste bedömningen gjordes den 2026-12-01." in page.text


def test_about_in_english_by_its_path_and_the_general_page_lists_every_language(
    survey: Survey,
) -> None:
    page = survey.call("GET", "/about", headers={"accept-language": "sv"})

    assert '<html lang="en" dir="ltr">' in page.text
    assert [code for code, _ in _switcher(page.text)] == ["sv", "en", "fi", "ar"]  # as everywhere
