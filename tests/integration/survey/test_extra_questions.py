"""Uppsala (0380) asks one question of its own after the national ones; through the real
handler on moto: shown, optional, stored in the response's ``extra``, and nothing else taken."""

from __future__ import annotations

import re

from tests.integration.survey.conftest import EMAIL_ANSWER, SMS_ANSWER, Survey

UPPSALA = "0380"
QUESTION = "Hur hittade du hur du kontaktar kommunen?"


def _checked(html: str) -> set[str]:
    return set(re.findall(r'id="([\w-]+)"[^>]*\bchecked\b', html))


def test_the_form_shows_the_municipalitys_own_question_after_the_national_ones(
    survey: Survey,
) -> None:
    token = survey.invite(channel="sms", tenant=UPPSALA)

    page = survey.call("GET", f"/s/{token}")
    english = survey.call("GET", f"/s/{token}?lang=en")

    assert page.status == 200
    assert "Fler frågor från kommunen" in page.text
    assert f"<legend>5. {QUESTION}</legend>" in page.text
    assert page.text.index("hur nöjd är du med bemötandet?") < page.text.index(QUESTION)
    assert 'id="hittade_kontakt-webb" name="hittade_kontakt" value="webb"' in page.text
    assert "How did you find out how to contact the municipality?" in english.text


def test_other_municipalities_forms_have_no_questions_of_their_own(survey: Survey) -> None:
    page = survey.call("GET", f"/s/{survey.invite(channel='email', tenant='1980')}")

    assert page.status == 200
    assert "Fler frågor från kommunen" not in page.text
    assert "hittade_kontakt" not in page.text


def test_an_answer_to_the_own_question_is_stored_in_extra(survey: Survey) -> None:
    token = survey.invite(channel="email", tenant=UPPSALA)

    page = survey.call("POST", f"/s/{token}", EMAIL_ANSWER + "&hittade_kontakt=sok")

    assert page.status == 303
    [response] = survey.responses()
    assert response["extra"] == {"hittade_kontakt": "sok"}
    assert response["answers"] == {"epost_enkelhet": 5, "epost_tydlighet": 2}
    assert survey.invitation(token)["status"] == "answered"


def test_skipping_the_own_question_is_fine(survey: Survey) -> None:
    token = survey.invite(channel="sms", tenant=UPPSALA)

    page = survey.call("POST", f"/s/{token}", SMS_ANSWER + "&hittade_kontakt=")

    assert "Tack för ditt svar!" in survey.follow(page).text
    [response] = survey.responses()
    assert response["extra"] == {}
    assert response["answers"] == {"tel_bemotande": 4, "tel_enkelhet": None}


def test_a_value_outside_the_options_is_refused_with_the_answers_kept(survey: Survey) -> None:
    token = survey.invite(channel="sms", tenant=UPPSALA)

    page = survey.call("POST", f"/s/{token}", SMS_ANSWER + "&hittade_kontakt=min+egen+text")

    assert page.status == 422
    assert page.text.count('class="error-summary"') == 1
    assert '<a href="#hittade_kontakt-webb">Fråga 5: Välj ett av alternativen</a>' in page.text
    assert 'aria-describedby="hittade_kontakt-error"' in page.text  # a choice has no hint
    assert _checked(page.text) == {"tel_bemotande-4", "tel_enkelhet-vet_ej", "errand-skola"}
    assert "Bra hjälp</textarea>" in page.text
    assert "min egen text" not in page.text  # never echoed, never stored
    assert survey.responses() == []
    assert survey.invitation(token)["status"] == "sent"

    fixed = survey.call("POST", f"/s/{token}", SMS_ANSWER + "&hittade_kontakt=annat")

    assert fixed.status == 303
    assert survey.responses()[0]["extra"] == {"hittade_kontakt": "annat"}


def test_a_national_error_keeps_the_own_answer(survey: Survey) -> None:
    token = survey.invite(channel="sms", tenant=UPPSALA)

    page = survey.call("POST", f"/s/{token}", "tel_bemotande=2&hittade_kontakt=brev")

    assert page.status == 422
    assert _checked(page.text) == {"tel_bemotande-2", "hittade_kontakt-brev"}
    assert "hittade_kontakt-error" not in page.text
