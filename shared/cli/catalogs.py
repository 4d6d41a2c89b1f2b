"""Catalog maintenance with Babel (a development dependency; the functions never import this):
extract every message of the code and templates, update, initialise and compile the catalogs,
and check one against the code (``problems``) or list its drafts (``drafts``).

    python -m shared.cli.catalogs extract|update|compile|init LANG
"""

from __future__ import annotations

import copy
import functools
import io
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from shared.core import i18n
from shared.core.i18n import DOMAIN, DRAFT_MARK, LANGUAGE_CODE, SOURCE_LANGUAGE, catalog_path

ROOT = i18n.LOCALE_DIR.parent  # shared/
METHOD_MAP = [
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
    ("**/templates/**.txt", "jinja2.ext:babel_extract"),
    ("**.py", "python"),
]
OPTIONS_MAP = {
    "**/templates/**.html": {"trimmed": "true", "newstyle_gettext": "true"},
    "**/templates/**.txt": {"trimmed": "true", "newstyle_gettext": "true"},
}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "Text": None}
EXTRACT_DIRS = ("core", "survey", "messages")
EXTRACT_FILES = ("cli/infotext.py", "platform/actions.py")


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
        msgid: str | tuple[str, str] = message  # type: ignore[assignment]
        if isinstance(message, tuple):  # ngettext's (singular, plural, …): a plural message
            msgid = (message[0], message[1]) if len(message) > 1 and message[1] else message[0]
        template.add(msgid, locations=[(filename, line)], auto_comments=comments)
    for msgid, (where, _sv) in data_messages().items():
        template.add(msgid, locations=[(where, None)], auto_comments=[DATA_COMMENT])  # type: ignore[list-item]
    return template


DATA_COMMENT = "English source, kept as data: the Swedish comes from the module (update writes it)"


@functools.cache
def data_messages() -> dict[str, tuple[str, str]]:
    """English ``msgid`` → (module, Swedish) of the messages kept as data rather than marked in
    the code: the reasons an ingest report gives (shared/contacts/reasons.py) and the ingest's
    refusals (``FILE_REFUSALS``, same file). ``update`` writes their Swedish and English from
    here."""
    from shared.contacts.reasons import FILE_REFUSALS, MESSAGES, REPORTED

    found: dict[str, tuple[str, str]] = {}
    for key in REPORTED:
        entry = MESSAGES[key]
        found[entry.en] = ("shared/contacts/reasons.py", entry.sv)
        if entry.fix_en:
            found[entry.fix_en] = ("shared/contacts/reasons.py", entry.fix_sv)
    for sv, en in FILE_REFUSALS.values():
        found[en] = ("shared/contacts/reasons.py", sv)
    return found


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
        elif lang != SOURCE_LANGUAGE and not (
            all(entry.string) if isinstance(entry.string, tuple) else entry.string
        ):
            found.append(f"untranslated: {message.id!r}")
    for entry, errors in catalog.check():
        found.extend(f"{error}: {entry.id!r}" for error in errors)
    mo = catalog_path(lang)
    if not mo.is_file() or mo.read_bytes() != compiled(lang):
        found.append(
            f"{mo.name} is not compiled from the .po: run python -m shared.cli.catalogs compile"
        )
    return found


def drafts(lang: str) -> list[str]:
    """The messages of ``lang`` marked as drafts for the municipality to approve."""
    catalog: Any = _read(catalog_path(lang, "po"))
    return [
        m.id for m in catalog if m.id and any(c.startswith(DRAFT_MARK) for c in m.user_comments)
    ]


LEGAL_PAGES = ("about.html", "accessibility.html")


def legal_messages() -> set[str | tuple[str, str]]:
    """The messages of the legal pages (/om and the accessibility statement)."""
    template: Any = extract()
    return {
        m.id for m in template if m.id and any(loc[0].endswith(LEGAL_PAGES) for loc in m.locations)
    }


def catalogs() -> list[str]:
    return sorted(p.parts[-3] for p in i18n.LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def main(argv: Iterable[str]) -> int:
    args = list(argv)
    command = args[0] if args else ""
    if command == "extract":
        _write_po(i18n.LOCALE_DIR / f"{DOMAIN}.pot", extract())
    elif command == "update":
        for lang in catalogs():
            template = copy.deepcopy(extract())  # update() may share the template's messages
            catalog = _read(catalog_path(lang, "po"))
            catalog.update(template, no_fuzzy_matching=True)  # type: ignore[attr-defined]
            if lang in ("sv", "en"):  # the data's own two languages
                for msgid, (_where, sv) in data_messages().items():
                    catalog[msgid].string = sv if lang == "sv" else msgid  # type: ignore[index]
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
        print(
            "usage: python -m shared.cli.catalogs extract|update|compile|init LANG", file=sys.stderr
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
