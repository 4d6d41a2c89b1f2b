"""The upload report: the e-mail a municipality's contact centre gets about every file it sent.

One message per file, once its outcome is known: refused at receipt, or read at the day's draw
(``shared.ingest.service`` writes the same facts to ``reports/{kommunkod}/…json``). It opens with a
verdict in one sentence (refused; or how many rows were accepted and how many of the rejected
ones the contact centre can fix, with their row numbers), then the file's name as uploaded
(made safe: ``safe_text``), the rows and what was accepted per channel; then the rejected rows
*to fix*, per reason with its count, the first ``ROWS_SHOWN`` row numbers and what to do, and
after them, in a quieter style, the reasons that need no action (``NO_ACTION``: no contact
details, a landline, the same person twice). For a refused file, why and what to do. No
configuration key and no storage address: what only the service's operator can change says so,
and the mail ends with whom to ask (the tenant's ``service_contact``). Never how many were
drawn: for a one-row file that would say whether that resident was (docs/privacy.md, release
control). Never a phone number or e-mail address from the file: the ingest report holds none,
and every text taken from the file (its name, a header it named) goes through
``shared.platform.redaction`` again here.

Language: the tenant's ``report_language``, through the gettext catalogs. The mail's own texts
are Swedish ``msgid`` (the project's source language); the reasons and refusals are the
English ``msgid`` of ``shared/contacts/reasons.py`` (kept as data).

Sent from the service's own address (``REPORT_SENDER``), not the municipality's: the contact
centre is told by the service, and a municipality's SES identity stays the invitations' own.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.contacts.reasons import FILE_REFUSALS
from shared.contacts.reasons import MESSAGES as REASON_MESSAGES
from shared.core import i18n
from shared.core.i18n import N_
from shared.core.tenants import Tenant
from shared.messages.email import RenderedEmail, environment, mime_message
from shared.platform.redaction import redact

ROWS_SHOWN = 20  # row numbers listed per reason; the rest are counted
MAX_NAME = 80  # characters of the file's name in the mail
MAX_PARAM = 120  # characters of any other text from the file (a header row it named)
SERVICE_NAME = "Servicemätning"
# Where the mail's words come from (catalog locations; their fi/ar drafts are the mail's own)
SOURCES = (
    "shared/messages/upload_report.py",
    "shared/messages/templates/upload_report.html",
    "shared/messages/templates/upload_report.txt",
    "shared/contacts/reasons.py",
)

SUBJECT_READ = N_("Uppladdad fil inläst: %(file)s (%(accepted)s av %(rows)s rader godkända)")
SUBJECT_REFUSED = N_("Uppladdad fil avvisad: %(file)s")
VERDICT_ALL = N_("Alla %(rows)s rader godkändes. Ni behöver inte göra något.")
VERDICT_FIX = N_(
    "%(accepted)s av %(rows)s rader godkändes. %(fixable)s av de avvisade raderna kan ni rätta "
    "och skicka igen (rad %(listed)s)."
)
VERDICT_NO_ACTION = N_(
    "%(accepted)s av %(rows)s rader godkändes. De %(rejected)s avvisade raderna behöver ingen "
    "åtgärd."
)
SUPPORT = N_("Frågor om tjänsten eller dess inställningar: %(contact)s")
SUPPORT_UNKNOWN = N_(
    "Frågor om tjänsten eller dess inställningar: kontakta den som driver Servicemätning för er "
    "kommun."
)
VERDICT_ROWS_SHOWN = 8  # row numbers in the verdict; the groups below list the rest
UNNAMED = N_("(filen saknar namn)")

# What to do about a refusal whose message says no more (shared.contacts.reasons.FILE_REFUSALS).
REFUSAL_FIX: dict[str, str] = {
    "no_campaign": N_(
        "Filer tas bara emot under en mätperiod. Kontrollera mätperiodernas datum med "
        "den som driver tjänsten, eller skicka filen igen när nästa mätperiod har börjat."
    ),
    "day_full": N_("Skicka filen igen nästa dag, eller dela upp dagens filer på flera dagar."),
}


# Reasons the contact centre cannot and need not do anything about: quieter, after the rest.
NO_ACTION = frozenset({"missing_contact", "not_mobile", "duplicate"})


def safe_text(value: object, limit: int = MAX_NAME) -> str:
    """A text from the file, fit for the municipality's own mailbox: no control or format
    characters (no bidi overrides), one line, at most ``limit`` characters, and nothing that
    reads as a phone number, e-mail address or personnummer (redacted before and after
    shortening, as a cut can leave a shorter lookalike)."""
    text = unicodedata.normalize("NFKC", str(value))
    text = "".join(ch if unicodedata.category(ch)[0] not in "CZ" else " " for ch in text)
    text = redact(" ".join(text.split()))
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return redact(text)


@dataclass(frozen=True)
class Rejection:
    """One reason's rejected rows: what it means, what to do, which rows."""

    reason: str
    count: int
    text: str
    fix: str
    rows: tuple[int, ...]  # the first ROWS_SHOWN the report lists
    more: int  # rejected for this reason but not listed

    @property
    def actionable(self) -> bool:
        return self.reason not in NO_ACTION


@dataclass(frozen=True)
class UploadReportView:
    """What the mail says, in the report language; every text already safe."""

    lang: str
    file: str
    received: str  # Europe/Stockholm, "2026-03-14 07:30"
    refused: bool
    rows: int
    sms: int
    email: int
    accepted: int
    rejected: int
    rejections: tuple[Rejection, ...]
    problem: str  # why the file was refused (empty when it was read)
    fix: str  # what to do about the refusal
    report_location: str  # s3://bucket/reports/{kommunkod}/….json (for logs; never in the mail)
    verdict: str = ""  # the first sentence: what happened and whether to act (read files)
    support: str = ""  # whom to ask about the service

    @property
    def to_fix(self) -> tuple[Rejection, ...]:
        return tuple(r for r in self.rejections if r.actionable)

    @property
    def no_action(self) -> tuple[Rejection, ...]:
        return tuple(r for r in self.rejections if not r.actionable)


def _sentence(text: str) -> str:
    """A catalog fragment ("check the export's phone column") as a sentence of its own."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _received(value: str) -> str:
    try:
        return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return ""


def _refusal(report: dict[str, Any], lang: str) -> tuple[str, str]:
    """The refusal's words in ``lang``: from the reasons or the ingest's catalog entries."""
    detail = str(report.get("detail") or report.get("error") or "")
    params = {k: safe_text(v, MAX_PARAM) for k, v in (report.get("params") or {}).items()}
    try:
        if detail in REASON_MESSAGES:
            found = REASON_MESSAGES[detail]
            return _sentence(found.text_in(lang, **params)), _sentence(found.fix_in(lang, **params))
        if detail in FILE_REFUSALS:
            text = i18n.gettext(lang, FILE_REFUSALS[detail][1]).format(**params)
            fix = REFUSAL_FIX.get(detail)
            return _sentence(text), i18n.gettext(lang, fix) if fix else ""
    except (KeyError, IndexError, ValueError):  # a report written before its params were kept
        pass
    fallback = report.get("message_sv") if lang == "sv" else report.get("message")
    return safe_text(fallback or detail, 400), ""


def view(tenant: Tenant, report: dict[str, Any], report_location: str) -> UploadReportView:
    """The mail's content from one ingest report (as ``shared.ingest.service`` writes it)."""
    lang = tenant.report_language
    listed: dict[str, list[int]] = {}
    for entry in report.get("rejected_rows") or []:
        listed.setdefault(str(entry["reason"]), []).append(int(entry["row"]))
    rejections = []
    for reason, count in (report.get("rejected") or {}).items():
        found = REASON_MESSAGES.get(reason)
        rows = tuple(listed.get(reason, [])[:ROWS_SHOWN])
        rejections.append(
            Rejection(
                reason=reason,
                count=int(count),
                text=_sentence(found.text_in(lang) if found else reason).rstrip("."),
                fix=_sentence(found.fix_in(lang)) if found else "",
                rows=rows,
                more=int(count) - len(rows),
            )
        )
    refused = report.get("outcome") != "ingested"
    problem, fix = _refusal(report, lang) if refused else ("", "")
    n_rows, n_accepted = int(report.get("rows") or 0), int(report.get("accepted") or 0)
    support = (
        i18n.gettext(lang, SUPPORT) % {"contact": tenant.service_contact}
        if tenant.service_contact
        else i18n.gettext(lang, SUPPORT_UNKNOWN)
    )
    return UploadReportView(
        lang=lang,
        file=safe_text(report.get("file") or "") or i18n.gettext(lang, UNNAMED),
        received=_received(str(report.get("received_at") or "")),
        refused=refused,
        rows=int(report.get("rows") or 0),
        sms=int(report.get("sms") or 0),
        email=int(report.get("email") or 0),
        accepted=int(report.get("accepted") or 0),
        rejected=sum(r.count for r in rejections),
        rejections=tuple(rejections),
        problem=problem,
        fix=fix,
        report_location=report_location,
        verdict="" if refused else _verdict(lang, n_rows, n_accepted, rejections),
        support=support,
    )


def _verdict(lang: str, rows: int, accepted: int, rejections: list[Rejection]) -> str:
    """One sentence: how many rows were accepted, and which rejected ones to fix."""
    fixable = [r for r in rejections if r.actionable]
    rejected = sum(r.count for r in rejections)
    if not rejected:
        return i18n.gettext(lang, VERDICT_ALL) % {"rows": rows}
    if not fixable:
        return i18n.gettext(lang, VERDICT_NO_ACTION) % {
            "accepted": accepted,
            "rows": rows,
            "rejected": rejected,
        }
    listed = sorted(n for r in fixable for n in r.rows)
    shown = ", ".join(str(n) for n in listed[:VERDICT_ROWS_SHOWN])
    if len(listed) > VERDICT_ROWS_SHOWN or any(r.more > 0 for r in fixable):
        shown += " …"
    return i18n.gettext(lang, VERDICT_FIX) % {
        "accepted": accepted,
        "rows": rows,
        "fixable": sum(r.count for r in fixable),
        "listed": shown,
    }


def render_upload_report(
    tenant: Tenant, report: dict[str, Any], report_location: str, sender: str, recipient: str
) -> RenderedEmail:
    """The upload report to one of the municipality's ``report_contacts``."""
    content = view(tenant, report, report_location)
    lang = content.lang
    if content.refused:
        subject = i18n.gettext(lang, SUBJECT_REFUSED) % {"file": content.file}
    else:
        subject = i18n.gettext(lang, SUBJECT_READ) % {
            "file": content.file,
            "accepted": content.accepted,
            "rows": content.rows,
        }
    values = {
        "lang": lang,
        "dir": i18n.direction(lang),
        "subject": subject,
        "name": tenant.name,
        "kommunkod": tenant.kommunkod,
        "r": content,
        "shown": ROWS_SHOWN,
    }
    env = environment()
    text = env.get_template("upload_report.txt").render(values)
    html = env.get_template("upload_report.html").render(values)
    return mime_message(
        sender=sender,
        display_name=SERVICE_NAME,
        recipient=recipient,
        subject=subject,
        text=text,
        html=html,
        languages=[lang],
        # RFC 3834: an automatic message; out-of-office replies should not answer it
        headers={"Auto-Submitted": "auto-generated"},
    )
