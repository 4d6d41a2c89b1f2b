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
``servicematning tenants check`` lists them.

Maintenance (Babel is a development dependency)::

    python -m shared.i18n extract   # code and templates → servicematning.pot
    python -m shared.i18n update    # the .pot's messages into every catalog (new ones empty)
    python -m shared.i18n compile   # every .po → .mo (commit both)
    python -m shared.i18n init fi   # a new catalog for one more language
"""

from __future__ import annotations

import functools
import gettext as _gettext
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

DOMAIN = "servicematning"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
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


def gettext(lang: str, message: str) -> str:
    return translation(lang).gettext(message)


def language_name(lang: str) -> str:
    """The language's name in itself ("suomi", "العربية"), as a language switcher shows it."""
    return gettext(lang, NAME_MESSAGE)


def direction(lang: str) -> str:
    """``"rtl"`` or ``"ltr"``: the ``dir`` of a page in ``lang``."""
    return "rtl" if gettext(lang, DIRECTION_MESSAGE) == "default:RTL" else "ltr"


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


# --- maintenance (Babel; never imported by the functions) ---------------------------------------

ROOT = LOCALE_DIR.parent
METHOD_MAP = [
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
    ("**/templates/**.txt", "jinja2.ext:babel_extract"),
    ("**.py", "python"),
]
OPTIONS_MAP = {
    "**/templates/**.html": {"trimmed": "true", "newstyle_gettext": "true"},
    "**/templates/**.txt": {"trimmed": "true", "newstyle_gettext": "true"},
}
KEYWORDS = {"_": None, "gettext": None, "N_": None, "Text": None}
EXTRACT_DIRS = ("survey", "messages")
EXTRACT_FILES = ("i18n.py", "commands/infotext.py")


@functools.cache
def extract() -> object:
    """Every message the code and templates use, as a Babel catalog (the .pot's contents;
    cached: read it, do not change it)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir, extract_from_file

    template = Catalog(project="Servicemätning", domain=DOMAIN, fuzzy=False)
    found: list[tuple[str, int, str | tuple[str, ...], list[str]]] = []
    for folder in EXTRACT_DIRS:
        for filename, line, message, comments, _ctx in extract_from_dir(
            ROOT / folder,
            METHOD_MAP,
            OPTIONS_MAP,
            KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        ):
            found.append((f"shared/{folder}/{filename}", line, message, comments))
    for name in EXTRACT_FILES:
        for line, message, comments, _ctx in extract_from_file(
            "python", ROOT / name, KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
        ):
            found.append((f"shared/{name}", line, message, comments))
    for filename, line, message, comments in found:
        msgid = message[0] if isinstance(message, tuple) else message
        template.add(msgid, locations=[(filename, line)], auto_comments=comments)
    return template


def _read(path: Path) -> object:
    from babel.messages.pofile import read_po

    with path.open("rb") as fp:
        return read_po(fp, locale=path.parts[-3], domain=DOMAIN)


def _write_po(path: Path, catalog: object) -> None:
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fp:
        write_po(fp, catalog, width=100, omit_header=False, sort_output=False)  # type: ignore[arg-type]


def compiled(lang: str) -> bytes:
    """The .mo bytes for a catalog (fuzzy entries left out, as gettext does)."""
    import io

    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, _read(catalog_path(lang, "po")))  # type: ignore[arg-type]
    return out.getvalue()


def problems(lang: str) -> list[str]:
    """What is wrong with ``lang``'s catalog against the messages the code uses: a message
    missing or untranslated (the source language may leave a translation empty), a fuzzy
    one (gettext would not use it), placeholders that differ, or a stale .mo."""
    template: Any = extract()
    catalog: Any = _read(catalog_path(lang, "po"))
    found = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id)
        if entry is None:
            found.append(f"missing: {message.id!r}")
        elif entry.fuzzy:
            found.append(f"fuzzy: {message.id!r}")
        elif not entry.string and lang != SOURCE_LANGUAGE:
            found.append(f"untranslated: {message.id!r}")
    for entry, errors in catalog.check():
        found.extend(f"{error}: {entry.id!r}" for error in errors)
    mo = catalog_path(lang)
    if not mo.is_file() or mo.read_bytes() != compiled(lang):
        found.append(f"{mo.name} is not compiled from the .po: run python -m shared.i18n compile")
    return found


def drafts(lang: str) -> list[str]:
    """The messages of ``lang`` marked as drafts for the municipality to approve."""
    catalog: Any = _read(catalog_path(lang, "po"))
    return [
        m.id for m in catalog if m.id and any(c.startswith(DRAFT_MARK) for c in m.user_comments)
    ]


def catalogs() -> list[str]:
    return sorted(p.parts[-3] for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _main(argv: Iterable[str]) -> int:
    args = list(argv)
    command = args[0] if args else ""
    if command == "extract":
        _write_po(LOCALE_DIR / f"{DOMAIN}.pot", extract())
    elif command == "update":
        template = extract()
        for lang in catalogs():
            catalog = _read(catalog_path(lang, "po"))
            catalog.update(template, no_fuzzy_matching=True)  # type: ignore[attr-defined]
            _write_po(catalog_path(lang, "po"), catalog)
    elif command == "compile":
        for lang in catalogs():
            catalog_path(lang).write_bytes(compiled(lang))
    elif command == "init" and len(args) == 2 and LANGUAGE_CODE.match(args[1]):
        from babel.messages.catalog import Catalog

        new = Catalog(locale=args[1], domain=DOMAIN, project="Servicemätning")
        new.update(extract())  # type: ignore[arg-type]
        _write_po(catalog_path(args[1], "po"), new)
    else:
        print("usage: python -m shared.i18n extract|update|compile|init LANG", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
