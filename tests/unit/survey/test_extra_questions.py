"""A municipality's own questions on the form, without AWS: optional fields that take only
their defined values, rendered like the national ones and numbered on from them."""

from __future__ import annotations

import re

from shared.core.models import Channel
from shared.core.tenants import ExtraQuestion
from shared.survey.form import validate
from shared.survey.pages import Frame, form_page

SCALE = ExtraQuestion.model_validate(
    {
        "id": "oppettider",
        "text": {"sv": "Hur nöjd är du med öppettiderna?"},  # no English: shown in Swedish
        "kind": "scale",
        "low": {"sv": "Mycket missnöjd", "en": "Very dissatisfied"},
        "high": {"sv": "Mycket nöjd", "en": "Very satisfied"},
    }
)
CHOICE = ExtraQuestion.model_validate(
    {
        "id": "kanal",
        "text": {"sv": "Hur hittade du oss?", "en": "How did you find us?"},
        "kind": "choice",
        "options": [
            {"id": "webb", "label": {"sv": "Webbplatsen", "en": "The website"}},
            {"id": "annat", "label": {"sv": "Annat <&>"}},
        ],
    }
)
CORE = {"tel_bemotande": "4", "tel_enkelhet": "5", "errand": "skola"}


def test_answers_to_own_questions_are_kept_as_their_values() -> None:
    result = validate(
        Channel.SMS, CORE | {"oppettider": "vet_ej", "kanal": "webb"}, (SCALE, CHOICE)
    )

    assert result.errors == {}
    assert result.answer is not None
    assert result.answer.extra == {"oppettider": "vet_ej", "kanal": "webb"}
    assert result.answer.answers == {"tel_bemotande": 4, "tel_enkelhet": 5}


def test_own_questions_may_be_skipped() -> None:
    for skipped in ({}, {"oppettider": "", "kanal": ""}):
        result = validate(Channel.SMS, CORE | skipped, (SCALE, CHOICE))

        assert result.errors == {}
        assert result.answer is not None
        assert result.answer.extra == {}


def test_a_value_outside_the_options_is_an_error_and_the_answers_are_kept() -> None:
    sent = CORE | {"oppettider": "6", "kanal": "något jag skrev själv"}

    result = validate(Channel.SMS, sent, (SCALE, CHOICE))

    assert result.answer is None
    assert list(result.errors.items()) == [("oppettider", "invalid"), ("kanal", "invalid")]
    assert result.values == sent


def test_errors_come_national_first_then_own() -> None:
    result = validate(Channel.EMAIL, {"epost_aterkoppling": "ja", "kanal": "x"}, (CHOICE,))

    assert list(result.errors) == ["epost_enkelhet", "epost_tydlighet", "errand", "kanal"]


def test_without_own_questions_their_fields_are_ignored_like_any_unknown_field() -> None:
    result = validate(Channel.SMS, CORE | {"kanal": "fritext"})

    assert result.answer is not None
    assert result.answer.extra == {}


def test_the_form_shows_own_questions_after_the_national_ones_accessibly() -> None:
    frame = Frame(lang="en", path="/s/x", org="Uppsala kommun")

    html = form_page(frame, "x" * 22, Channel.SMS, extra=(SCALE, CHOICE))

    assert (
        html.index('name="errand"') < html.index('name="comment"') < html.index('name="oppettider"')
    )
    assert "<h2>More questions from the municipality</h2>" in html
    assert '<legend>5. <span lang="sv">Hur nöjd är du med öppettiderna?</span></legend>' in html
    assert "<legend>6. How did you find us?</legend>" in html
    assert 'value="1">1 <span>Very dissatisfied</span></label>' in html
    assert 'id="oppettider-vet_ej"' in html
    assert 'value="annat"><span lang="sv">Annat &lt;&amp;&gt;</span></label>' in html
    # the two options, and "prefer not to answer" (an empty value) to un-choose without JS
    assert len(re.findall(r'type="radio" id="kanal-', html)) == 3
    assert '<input type="radio" id="kanal-none" name="kanal" value="">' in html
    assert 'id="kanal-none" name="kanal" value="">Prefer not to answer</label>' in html
    assert 'id="oppettider-none"' in html


def test_an_invalid_own_answer_is_in_the_error_summary_and_kept() -> None:
    frame = Frame(lang="sv", path="/s/x")

    html = form_page(
        frame, "x" * 22, Channel.SMS, {"kanal": "annat"}, {"kanal": "invalid"}, (CHOICE,)
    )

    assert '<a href="#kanal-webb">Fråga 5: Välj ett av alternativen</a>' in html
    assert 'aria-describedby="kanal-error"' in html
    assert 'id="kanal-annat" name="kanal" value="annat" checked' in html
