"""Languages: the residents' texts as gettext catalogs, one per language, and which one a page uses.

Every text a resident reads (the form, the pages, the errors, the SMS, the e-mail, /om and the
accessibility statement) is written once in Swedish, the source language, and marked for
translation: ``N_("…")`` in Python, ``{% trans %}`` in the templates. Babel extracts them into
``shared/locale/servicematning.pot``; each language is one catalog,
``shared/locale/<lang>/LC_MESSAGES/servicematning.po``, compiled to the ``.mo`` next to it,
which is what the functions read (stdlib ``gettext``: no dependency at run time). A language is
shipped when its compiled catalog exists, so adding one is adding a catalog (docs/languages.md).

Two messages carry what a page needs to know about a language, in that language's own catalog:
``"svenska"`` translates to the language's name in itself (what the switcher shows), and
``"default:LTR"`` to ``"default:RTL"`` for a right-to-left script (GNU's convention).

A translation nobody here can check against an authority's wording (the legal texts) carries
the translator comment ``DRAFT_MARK`` in its catalog until the municipality has approved it;
``servicematning tenants check`` lists them, and while a language has any, its legal pages are
marked as drafts (``LEGAL_STATUS_MESSAGE``).

Maintenance (``shared/cli/catalogs.py``; Babel is a development dependency, never imported
by the functions)::

    python -m shared.cli.catalogs extract   # code and templates → servicematning.pot
    python -m shared.cli.catalogs update    # the .pot's messages into every catalog (new ones
    empty)
    python -m shared.cli.catalogs compile   # every .po → .mo (commit both)
    python -m shared.cli.catalogs init fi   # a new catalog for one more language
"""

from __future__ import annotations

import functools
import gettext as _gettext
import re
from collections.abc import Sequence
from pathlib import Path

DOMAIN = "servicematning"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"  # shared/locale/
SOURCE_LANGUAGE = "sv"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
DRAFT_MARK = "UTKAST"  # translator comment: a draft for the municipality to approve


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message


# Translators: the name of this catalog's language in that language ("suomi", "English").
NAME_MESSAGE = N_("svenska")
# Translators: "default:RTL" for a language written right to left, else "default:LTR".
DIRECTION_MESSAGE = N_("default:LTR")
# Translators: "legal:draft" while any text of /om or the accessibility statement in this
# catalog carries UTKAST, "legal:approved" once the municipality has approved them all (the
# catalog test checks the two agree).
LEGAL_STATUS_MESSAGE = N_("legal:approved")
LEGAL_DRAFT = "legal:draft"


def catalog_path(lang: str, suffix: str = "mo") -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.{suffix}"


@functools.cache
def available() -> tuple[str, ...]:
    """The shipped languages (those with a compiled catalog), Swedish first."""
    found = [
        p.name
        for p in (LOCALE_DIR.iterdir() if LOCALE_DIR.is_dir() else ())
        if LANGUAGE_CODE.match(p.name) and catalog_path(p.name).is_file()
    ]
    return tuple(sorted(found, key=lambda lang: (lang != SOURCE_LANGUAGE, lang)))


class UnknownLanguage(LookupError):
    def __init__(self, lang: str) -> None:
        super().__init__(
            f"no catalog for language {lang!r}; shipped: {', '.join(available())} "
            "(docs/languages.md says how to add one)"
        )
        self.lang = lang


@functools.cache
def translation(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog for ``lang``; Swedish falls back to the source texts themselves."""
    if lang not in available():
        raise UnknownLanguage(lang)
    with catalog_path(lang).open("rb") as fp:
        return _gettext.GNUTranslations(fp)


# Sweden's national minority languages (lag 2009:724) come right after Swedish and English.
MINORITY_LANGUAGES = ("fi", "se", "smj", "sma", "yi", "rom", "fit")


def ordered(langs: Sequence[str]) -> tuple[str, ...]:
    """Languages in the one order every page lists them: Swedish, English, the national
    minority languages, then the others by code."""

    def key(lang: str) -> tuple[int, int, str]:
        if lang in MINORITY_LANGUAGES:
            return (2, MINORITY_LANGUAGES.index(lang), lang)
        return ({SOURCE_LANGUAGE: 0, "en": 1}.get(lang, 3), 0, lang)

    return tuple(sorted(langs, key=key))


def gettext(lang: str, message: str) -> str:
    return translation(lang).gettext(message)


def language_name(lang: str) -> str:
    """The language's name in itself ("suomi", "العربية"), as a language switcher shows it."""
    return gettext(lang, NAME_MESSAGE)


def direction(lang: str) -> str:
    """``"rtl"`` or ``"ltr"``: the ``dir`` of a page in ``lang``."""
    return "rtl" if gettext(lang, DIRECTION_MESSAGE) == "default:RTL" else "ltr"


def has_legal_drafts(lang: str) -> bool:
    """Whether ``lang``'s legal texts are drafts the municipality has not approved: the page
    then says so, and links to the Swedish text, which is the one that applies."""
    return gettext(lang, LEGAL_STATUS_MESSAGE) == LEGAL_DRAFT


def accept_language(header: str | None, offered: Sequence[str]) -> str | None:
    """The first of ``offered`` by the browser's preference (RFC 9110 ``Accept-Language``:
    quality first, then the order written), or None if it wants none of them."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "")[:500].split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        quality = 1.0
        params = params.strip().lower()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        if primary in offered and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else None


def negotiate(asked: str | None, header: str | None, offered: Sequence[str], default: str) -> str:
    """The page's language: ``?lang=`` if offered, then ``Accept-Language``, then ``default``."""
    asked = (asked or "").strip().lower()
    if asked in offered:
        return asked
    return accept_language(header, offered) or default
