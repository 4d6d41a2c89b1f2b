"""The learned name reader: what it adds to the rules, that it stays idempotent, and that the
model shipped is the one the corpus as it is trains (and no held-out set did)."""

from __future__ import annotations

import json
from unittest import mock

import pytest

from shared.platform.redaction import name_model
from shared.platform.redaction.thorough import thorough
from tests.unit.platform.redaction import learn
from tests.unit.platform.redaction.corpus import HELDOUT


def rules_alone(text: str) -> str:
    with mock.patch.object(name_model, "THRESHOLD", 2.0):  # no marginal reaches it
        return thorough(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names no list holds, in slots no rule reads: the rules leave them, the reader does not
        ("Jag och Zeynepo fick vänta länge i kön.", "Jag och [namn] fick vänta länge i kön."),
        ("Både Amanuel och jag var nöjda.", "Både [namn] och jag var nöjda."),
        ("utan Selamawit hade vi aldrig klarat det", "utan [namn] hade vi aldrig klarat det"),
    ],
)
def test_the_reader_takes_names_the_rules_leave(text: str, expected: str) -> None:
    assert rules_alone(text) == text
    assert thorough(text) == expected
    # and a second pass reads the marks as the first pass left them: nothing more goes
    assert thorough(expected) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Busshållplatsen vid Mariedal är mörk.",
        "Jag och min sambo vill tacka för hjälpen.",
        "Snöröjningen på Kolbäcksvägen var dålig i vintras.",
        "Parkeringen vid Stadsbiblioteket är full.",
    ],
)
def test_the_reader_leaves_places_and_words(text: str) -> None:
    assert thorough(text) == text


def test_the_readers_spans_are_the_texts_own_positions_around_marks() -> None:
    # Given a comment whose phone number another finder took
    text = "Ring 070-123 45 67 och fråga efter Zeynepo."
    taken = [(5, 18, "[telefon]")]

    # When the reader reads it with the number as its mark
    found = name_model.names(text, taken)

    # Then the name it finds is where the name stands in the comment, not in the masked copy
    assert [text[s:e] for s, e, _ in found] == ["Zeynepo"]
    assert name_model.masked(text, taken)[0] == "Ring [telefon] och fråga efter Zeynepo."


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ('=HYPERLINK("http://x")', "HYPERLINK"),  # a spreadsheet's formula (made safe later)
        ("Skicka det till HANDLÄGGAREN igen tack", "HANDLÄGGAREN"),
    ],
)
def test_a_word_in_capitals_in_a_lower_case_comment_is_no_name_to_the_reader(
    text: str, word: str
) -> None:
    # even where every other word would be taken (no threshold), the word in capitals is not
    found = [text[s:e] for s, e, _ in name_model.names(text, threshold=0.0)]
    assert found
    assert not any(word in f for f in found)


def test_a_comment_in_capitals_is_read_as_any_other() -> None:
    found = name_model.names("JAG OCH ZEYNEPO FICK VÄNTA LÄNGE", threshold=0.0)
    assert "ZEYNEPO" in "".join("JAG OCH ZEYNEPO FICK VÄNTA LÄNGE"[s:e] for s, e, _ in found)


def test_a_comment_without_letters_is_not_read() -> None:
    assert name_model.names("070-123 45 67 :)") == []


def test_the_model_is_what_the_corpus_as_it_is_trains() -> None:
    manifest = json.loads(learn.MANIFEST.read_text(encoding="utf-8"))
    sources = learn.training_sources()
    # every training file unchanged since the model was trained (else: python -m
    # tests.unit.platform.redaction.learn), and the features' code too
    assert manifest["trained_on"] == {p.name: learn.digest(p) for p in sources}
    assert manifest["reader_code"] == learn.digest(learn.CODE)
    assert manifest["params"] == learn.PARAMS
    assert name_model.MODEL.stat().st_size > 100_000


def test_no_held_out_set_is_in_the_training_data() -> None:
    manifest = json.loads(learn.MANIFEST.read_text(encoding="utf-8"))
    assert HELDOUT
    assert not {p.name for p in HELDOUT} & set(manifest["trained_on"])
