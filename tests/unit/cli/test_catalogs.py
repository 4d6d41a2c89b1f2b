"""The translations are data: one gettext catalog per language, complete for every message the
code and templates use, compiled, and each legal text outside Swedish and English marked as a
draft for the municipality to approve."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shared.cli import catalogs
from shared.core import i18n

SHIPPED = ("sv", "ar", "en", "fi")


def test_the_shipped_languages_are_the_compiled_catalogs_swedish_first() -> None:
    assert i18n.available() == SHIPPED


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_message_the_code_uses_is_translated_and_compiled(lang: str) -> None:
    assert catalogs.problems(lang) == []


def test_a_catalog_that_lacks_a_message_the_code_uses_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a copy of the Finnish catalog without the form's title
    copy = tmp_path / "fi" / "LC_MESSAGES"
    copy.mkdir(parents=True)
    po = i18n.catalog_path("fi", "po").read_text(encoding="utf-8")
    entry = (
        'msgid "Hur var din kontakt med kommunen?"\n'
        'msgstr "Millainen oli yhteydenottosi kuntaan?"\n'
    )
    assert entry in po
    (copy / "servicematning.po").write_text(po.replace(entry, ""), encoding="utf-8")
    shutil.copy(i18n.catalog_path("fi"), copy / "servicematning.mo")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)

    # Then the check names it (and the .mo, which no longer matches its .po)
    found = catalogs.problems("fi")
    assert "missing: 'Hur var din kontakt med kommunen?'" in found
    assert any("not compiled" in p for p in found)


def test_a_translation_with_other_placeholders_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "en" / "LC_MESSAGES"
    copy.mkdir(parents=True)
    po = i18n.catalog_path("en", "po").read_text(encoding="utf-8")
    broken = po.replace('msgstr "Question %(number)s: %(error)s"', 'msgstr "Question %(n)s"')
    assert broken != po
    (copy / "servicematning.po").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)

    assert any("Fråga %(number)s" in p for p in catalogs.problems("en"))


def test_each_language_names_itself_and_arabic_is_right_to_left() -> None:
    names = {lang: i18n.language_name(lang) for lang in SHIPPED}
    assert names == {"sv": "svenska", "ar": "العربية", "en": "English", "fi": "suomi"}
    assert {lang: i18n.direction(lang) for lang in SHIPPED} == {
        "sv": "ltr",
        "ar": "rtl",
        "en": "ltr",
        "fi": "ltr",
    }


def test_legal_texts_in_finnish_and_arabic_are_drafts_and_nothing_else_is() -> None:
    template = catalogs.extract()
    from shared.cli import infotext

    pages = ("about.html", "accessibility.html")
    legal = {
        m.id
        for m in template  # type: ignore[attr-defined]
        if m.id and any(loc[0].endswith(pages) for loc in m.locations)
    }
    # the infotexts that state the privacy facts under the municipality's name
    legal |= {
        infotext.VOICE,
        infotext.AUTOREPLY,
        infotext.WEBSITE_WHAT,
        infotext.WEBSITE_KEPT,
        infotext.WEBSITE_RIGHTS,
    }
    assert len(legal) > 20
    # the upload report to the municipality (its texts and the reasons): machine drafts
    from shared.messages.upload_report import SOURCES

    upload_report = {
        m.id
        for m in template  # type: ignore[attr-defined]
        if m.id and any(loc[0] in SOURCES for loc in m.locations)
    }
    assert len(upload_report) > 60
    for lang in ("fi", "ar"):
        assert set(catalogs.drafts(lang)) == legal | upload_report
    assert catalogs.drafts("en") == []
    assert catalogs.drafts("sv") == []


@pytest.mark.parametrize(
    ("asked", "header", "expected"),
    [
        ("fi", "en-GB", "fi"),  # ?lang= wins
        ("FI", None, "fi"),
        ("de", "ar-SE,sv;q=0.5", "ar"),  # not offered: the browser's first offered one
        (None, "de-DE, fi;q=0.8, en;q=0.9", "en"),  # quality, then order
        (None, "fi;q=0, de", "sv"),  # q=0 means "not this"; then the default
        ("", "", "sv"),
        (None, "ar", "sv"),  # Arabic is not offered by this municipality
    ],
)
def test_the_language_follows_the_query_then_the_browser_then_the_default(
    asked: str | None, header: str | None, expected: str
) -> None:
    offered = ("sv", "en", "fi") if asked != "de" else ("sv", "ar")
    assert i18n.negotiate(asked, header, offered, "sv") == expected


def test_an_unknown_language_names_the_shipped_ones() -> None:
    with pytest.raises(i18n.UnknownLanguage, match="shipped: sv, ar, en, fi"):
        i18n.translation("so")


@pytest.mark.parametrize("lang", SHIPPED)
def test_a_language_with_legal_drafts_marks_its_legal_pages_as_drafts(lang: str) -> None:
    from shared.survey.info import facts
    from shared.survey.pages import Frame, about_page, accessibility_page

    legal_drafts = [
        m for m in catalogs.drafts(lang) if m in catalogs.legal_messages()
    ]  # the pages' own texts, not the upload report's

    frame = Frame(lang=lang, path="/om", org="Västerås stad", kommunkod="1980")
    pages = (about_page(frame, facts(None)), accessibility_page(frame, facts(None)))

    assert i18n.has_legal_drafts(lang) == bool(legal_drafts)
    for html in pages:
        assert ('class="draft"' in html) == bool(legal_drafts)
        if legal_drafts:  # the Swedish text, which applies, is one link away
            assert 'href="/om?k=1980&amp;lang=sv"' in html or "lang=sv" in html
