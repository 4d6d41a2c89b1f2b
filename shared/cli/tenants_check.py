"""``servicematning tenants check``, the part about residents' languages: for each municipality,
which languages it offers, the translations in them that are still drafts for it to approve
(the legal texts of /om and the accessibility statement outside Swedish and English, marked
``UTKAST`` in their catalog), its own questions that lack a wording in one of its languages
(shown in Swedish there), and a missing accessibility contact (the statement then sends
accessibility feedback to the data protection contact). These are notices, not errors. They
are told in the run's language (``shared.cli.language``), Swedish by default.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from shared.cli import language
from shared.contacts.reasons import Language
from shared.core import i18n
from shared.core.tenants import Tenant, TenantText


@functools.cache
def _drafts(lang: str, upload_report: bool = False) -> tuple[tuple[str, str], ...]:
    """(where, message) for every draft of ``lang`` that residents read (or, with
    ``upload_report``, of the upload report e-mail): Babel reads the .po (a dev dependency)."""
    from babel.messages.pofile import read_po

    from shared.messages.upload_report import SOURCES

    with i18n.catalog_path(lang, "po").open("rb") as fp:
        catalog = read_po(fp, locale=lang, domain=i18n.DOMAIN)
    found = []
    for m in catalog:
        if m.id and any(c.startswith(i18n.DRAFT_MARK) for c in m.user_comments):
            if any(path in SOURCES for path, _line in m.locations) != upload_report:
                continue
            where = ", ".join(f"{path.rsplit('/', 1)[-1]}:{line}" for path, line in m.locations)
            found.append((where, str(m.id)))
    return tuple(found)


def _texts(tenant: Tenant) -> Iterable[tuple[str, TenantText]]:
    for q in tenant.extra_questions:
        yield q.id, q.text
        for label in (q.low, q.high):
            if label is not None:
                yield q.id, label
        for option in q.options:
            yield f"{q.id}.{option.id}", option.label


def notices(tenant: Tenant, lang: Language = language.DEFAULT) -> list[str]:
    """What the municipality should look at before residents see its pages (in ``lang``)."""

    def say(sv: str, en: str) -> str:
        return language.say(lang, sv, en)

    found = []
    default = say("förval", "default")
    names = [
        f"{i18n.language_name(code)} ({code}"
        + (f", {default})" if code == tenant.default_language else ")")
        for code in tenant.languages
    ]
    found.append(say("språk: ", "languages: ") + ", ".join(names))
    drafts = [f"{code} {len(_drafts(code))}" for code in tenant.languages if _drafts(code)]
    if drafts:
        found.append(
            say(
                "utkast att godkänna (juridiska texter, översatta utan granskning): ",
                "drafts to approve (legal texts, translated without review): ",
            )
            + ", ".join(drafts)
        )
    for where, text in _texts(tenant):
        missing = ", ".join(code for code in tenant.languages if text.language(code) != code)
        if missing:
            found.append(
                say(
                    f"egen fråga {where}: ingen formulering på {missing} (svenska visas)",
                    f"own question {where}: no wording in {missing} (Swedish shown)",
                )
            )
    if tenant.accessibility_contact is None:
        found.append(
            say(
                "ingen accessibility_contact: synpunkter på tillgängligheten går till "
                "privacy_contact (DIGG:s mall ber om en kontakt för tillgänglighet)",
                "no accessibility_contact: accessibility feedback goes to privacy_contact "
                "(DIGG's model asks for the contact for accessibility)",
            )
        )
    report_drafts = _drafts(tenant.report_language, upload_report=True)
    if report_drafts:
        found.append(
            say(
                f"uppladdningsrapporter på {tenant.report_language}: {len(report_drafts)} "
                f"texter är maskinöversatta utkast ({i18n.DRAFT_MARK})",
                f"upload reports in {tenant.report_language}: {len(report_drafts)} texts are "
                f"machine-translated drafts ({i18n.DRAFT_MARK})",
            )
        )
    if not tenant.report_contacts:
        found.append(
            say(
                "inga report_contacts: ingen på kommunen får veta hur uppladdningarna gick",
                "no report_contacts: nobody at the municipality is told about its uploads",
            )
        )
    elif not tenant.service_contact:
        found.append(
            say(
                "ingen service_contact: uppladdningsrapporterna kan inte säga vem man frågar "
                "om tjänsten",
                "no service_contact: the upload reports cannot say whom to ask about the service",
            )
        )
    unnamed = ", ".join(c.id for c in tenant.campaigns if c.name is None)
    if unnamed:
        found.append(
            say(
                f"mätperioder utan namn (rapporterna visar deras datum): {unnamed}",
                f"campaigns without a name (reports show their dates): {unnamed}",
            )
        )
    return found


def check(tenants: list[Tenant], lang: Language = language.DEFAULT) -> int:
    """Print each municipality's check and the drafts its languages carry, in ``lang``; 0, as
    these are notices (an invalid file is refused before, with 2)."""
    codes: list[str] = []
    for tenant in tenants:
        print(f"{tenant.kommunkod} {tenant.name}: ok")
        for notice in notices(tenant, lang):
            print(f"  {notice}")
        codes += [code for code in tenant.languages if code not in codes]
    for code in codes:
        if not _drafts(code):
            continue
        catalog = i18n.catalog_path(code, "po").relative_to(i18n.LOCALE_DIR.parent.parent)
        name = i18n.language_name(code)
        print(
            language.say(
                lang,
                f"\nUtkast på {name} ({code}) för kommunen att godkänna, "
                f"märkta {i18n.DRAFT_MARK} i {catalog}:",
                f"\nDrafts in {name} ({code}) for the municipality to approve, "
                f"marked {i18n.DRAFT_MARK} in {catalog}:",
            )
        )
        for where, text in _drafts(code):
            short = text if len(text) <= 72 else text[:71] + "…"
            print(f"  {where}  {short}")
    return 0
