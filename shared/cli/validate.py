"""``servicematning validate FILE``: check a contact file before uploading it.

Prints what the ingest would make of the file — accepted contacts per channel and the rejected
rows by number and reason — and never a phone number or e-mail address. With ``--tenant
KOMMUNKOD`` it is judged as that municipality's real upload would be: its settings (from
``config/tenants/``, or the tenants table with ``--table``), its column mapping, the day the
file would be drawn (``draw_cutoff``) against its campaigns, the file limits and its daily cap.
The decisions are the ingest's own (``shared.ingest.receive.refusal_on_receipt`` and
``shared.ingest.reading.read_file``), so where the ingest would refuse the file whole,
validate says so with the same reason and words: "this file would be refused: no_campaign —
Västerås stad has no active campaign on the day the file is drawn (2026-06-15)".

It speaks one language per run: ``--lang sv|en``, else the environment's locale, Swedish when
that names neither (``shared.cli.language``); the words come from
``shared.contacts.reasons.MESSAGES`` and the ingest's own. Rows rejected as too old are told
with the limit and their dates ("kontakterna är från 2026-03-13, äldre än 7 dagar när filen togs
emot 2026-03-24"); columns the service never uses that hold personal data (names,
personnummer, addresses) are warned about by kind, never by their header as written.

Exit status (a scheduled upload job can tell them apart): 0 when the ingest would read the file
and accept at least one row (rejected rows or not); 1 when it would read it but accept no row
(nobody would be invited); 2 when it would refuse it whole (``empty_file``, ``not_csv``,
``no_contact_column``, ``too_many_rows``; with ``--tenant`` also ``no_campaign`` and
``too_large``) or the command is used wrongly (unknown kommunkod, missing file). Without
``--table`` it touches no AWS.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from shared.cli import language
from shared.contacts import FileError, Reason, Report
from shared.contacts.dates import parse_contact_time
from shared.contacts.decoding import CP1252
from shared.contacts.reasons import LANGUAGES, MESSAGES, Language
from shared.core.tenants import Tenant, UnknownTenant, load_tenant_file
from shared.ingest import files, reading
from shared.ingest.receive import refusal_on_receipt
from shared.platform import store
from shared.platform.redaction import redact
from shared.platform.tenant_store import TenantStore

TENANT_DIRS = (Path("config/tenants"), Path(__file__).resolve().parents[2] / "config" / "tenants")
ROWS_SHOWN = 50
EXIT_OK, EXIT_NOTHING_ACCEPTED, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """The command is used wrongly; its words come from the same catalog as the file errors."""

    def __init__(self, code: str, detail: str, **params: object) -> None:
        found = MESSAGES[detail]
        self.code = code
        self.messages: dict[Language, str] = {
            language: found.render(language, **params) for language in LANGUAGES
        }
        self.message = f"{self.messages['sv']}. / {self.messages['en']}."
        super().__init__(self.messages["en"])


class Refused(UsageError):
    """The ingest would refuse the file whole: its outcome, ``error`` code and words exactly as
    the file's report would carry them (``shared.ingest.draw``)."""

    def __init__(self, outcome: files.Outcome, fields: Mapping[str, Any]) -> None:
        Exception.__init__(self, fields["message"])
        self.outcome = outcome
        self.code = str(fields["error"])
        self.fields = dict(fields)
        self.messages = {"sv": str(fields["message_sv"]), "en": str(fields["message"])}
        self.message = " / ".join(self.messages[language] for language in LANGUAGES)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a contact file before upload (kontrollera en kontaktfil)",
        description="Check a contact file the way the ingest reads it. Touches no AWS and "
        "never prints a phone number or e-mail address.",
    )
    parser.add_argument("file", type=Path, help="the contact file (CSV or other text, or .xlsx)")
    parser.add_argument(
        "--tenant", metavar="KOMMUNKOD", help="judge with this municipality's settings"
    )
    parser.add_argument(
        "--table",
        metavar="TENANTS_TABLE",
        help="read the --tenant's settings from this tenants table (default: config/tenants/)",
    )
    parser.add_argument(
        "--received",
        metavar="TIME",
        help="when the file counts as received, e.g. 2026-03-14 or 2026-03-14T08:00+01:00 "
        "(default: now); too_old and future_date are judged against it",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    language.add_argument(parser)
    parser.set_defaults(func=run)


def load_tenant(kommunkod: str | None, table: str | None = None) -> Tenant:
    if kommunkod is None:
        return Tenant.default()
    if not re.fullmatch(r"\d{4}", kommunkod):
        raise UsageError("unknown_tenant", "usage.kommunkod_format")
    if table:
        return _tenant_from_table(kommunkod, table)
    for folder in TENANT_DIRS:
        path = folder / f"{kommunkod}.json"
        if path.is_file():
            try:
                return load_tenant_file(path)
            except ValidationError as error:
                raise UsageError(
                    "invalid_tenant", "usage.invalid_tenant", path=path, error=error
                ) from None
    raise UsageError("unknown_tenant", "usage.unknown_tenant", kommunkod=kommunkod)


def _tenant_from_table(kommunkod: str, table: str) -> Tenant:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        return TenantStore(store.table(table)).get(kommunkod)
    except UnknownTenant:
        raise UsageError("unknown_tenant", "usage.unknown_tenant", kommunkod=kommunkod) from None
    except ClientError as error:  # by its code, never its text
        code = store.error_code(error) or "ClientError"
        raise UsageError(
            "unreadable_table", "usage.unreadable_table", table=table, error=code
        ) from None
    except BotoCoreError as error:
        raise UsageError(
            "unreadable_table", "usage.unreadable_table", table=table, error=type(error).__name__
        ) from None


def parse_received(value: str | None) -> datetime:
    if value is None:
        return datetime.now().astimezone()
    parsed = parse_contact_time(value)
    if parsed is None:
        raise UsageError("invalid_received", "usage.invalid_received")
    return parsed.at


def validate_file(
    path: Path, tenant: Tenant, received_at: datetime, *, as_uploaded: bool = False
) -> Report:
    """The reader's report of the file, read through the ingest's own ``read_file``; raises
    ``FileError`` or ``Refused`` where the ingest would refuse it whole. ``as_uploaded`` also
    asks the ingest's receipt check (the file's size, its draw day against the campaigns)."""
    if as_uploaded:
        refused = refusal_on_receipt(tenant, received_at, path.stat().st_size)
        if refused is not None:
            raise Refused(*refused)
    with path.open("rb") as stream:
        # only the report matters here; each contact is dropped as soon as it is read
        read = reading.read_file(stream, tenant, received_at, lambda _contact: None)
    if read.error is not None:
        raise read.error
    if read.outcome is not files.Outcome.INGESTED or read.report is None:
        raise Refused(read.outcome, read.fields)
    return read.report


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    named = args.tenant is not None
    lang = language.choose(getattr(args, "lang", None))
    try:
        tenant = load_tenant(args.tenant, args.table)
        received_at = parse_received(args.received)
        if not path.is_file():
            raise UsageError("no_such_file", "usage.no_such_file", path=path)
        try:
            report = validate_file(path, tenant, received_at, as_uploaded=named)
        except OSError as error:
            raise UsageError(
                "unreadable_file", "usage.unreadable_file", path=path, error=error.strerror
            ) from None
    except Refused as refused:
        return _refused(args.json, path.name, refused, lang)
    except (UsageError, FileError) as error:
        return _fail(args.json, error.code, error.messages, lang)
    upload = _as_uploaded(tenant, received_at, report) if named else None
    if args.json:
        print(
            json.dumps(
                report.as_json(path.name) | (upload or {}) | advice(report, tenant, received_at),
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(summary(path.name, report, tenant, upload, lang, received_at))
    return EXIT_OK if report.accepted else EXIT_NOTHING_ACCEPTED


def advice(report: Report, tenant: Tenant, received_at: datetime) -> dict[str, Any]:
    """What ``--json`` adds for a person: the too-old rows' limit and days, personal columns."""
    out: dict[str, Any] = {}
    if report.too_old_days:
        first, last = report.too_old_days
        out["too_old"] = {
            "max_contact_age_days": tenant.max_contact_age_days,
            "received": received_at.date().isoformat(),
            "first_contact_day": first.isoformat(),
            "last_contact_day": last.isoformat(),
        }
    if report.personal_columns:
        out["personal_columns"] = list(report.personal_columns)
    return out


def _as_uploaded(tenant: Tenant, received_at: datetime, report: Report) -> dict[str, Any]:
    """The real upload's context: its draw day, campaign and the cap the day's draw fills."""
    day = files.draw_day(tenant, received_at)
    campaign = tenant.active_campaign(day)
    assert campaign is not None  # refusal_on_receipt refuses a draw day without one
    return {
        "tenant": tenant.kommunkod,
        "draw_day": day.isoformat(),
        "draw_cutoff": tenant.draw_cutoff.strftime("%H:%M"),
        "campaign": {"id": campaign.id, "title": campaign.title},
        "daily_cap": {"sms": tenant.daily_cap.sms, "email": tenant.daily_cap.email},
        "drawn_at_most": {
            "sms": min(report.sms, tenant.daily_cap.sms),
            "email": min(report.email, tenant.daily_cap.email),
        },
    }


def _refused(as_json: bool, name: str, refused: Refused, lang: Language = "sv") -> int:
    texts = {language: redact(text) for language, text in refused.messages.items()}
    if as_json:
        extra = {k: v for k, v in refused.fields.items() if k not in ("message", "message_sv")}
        verdict = {"file": redact(name), "refused": True, "outcome": refused.outcome.value}
        # JSON keeps both languages (a job may parse it); "messages" has each on its own
        both = " / ".join(texts[language] for language in LANGUAGES)
        print(
            json.dumps(
                verdict | extra | {"message": both, "messages": texts},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        head = {"sv": "Filen skulle avvisas", "en": "This file would be refused"}[lang]
        print(f"{redact(name)}\n  {head}: {refused.code}\n  {texts[lang]}")
    return EXIT_ERROR


def _fail(as_json: bool, code: str, messages: Mapping[Language, str], lang: Language = "sv") -> int:
    # a path or a header row could hold personal data
    texts = {language: redact(text) for language, text in messages.items()}
    if as_json:
        print(
            json.dumps(
                {"error": code, "message": f"{texts['sv']}. / {texts['en']}.", "messages": texts},
                ensure_ascii=False,
            )
        )
    else:
        head = {"sv": "Filen kan inte användas", "en": "The file cannot be used"}[lang]
        print(f"{head}: {code}\n  {texts[lang]}.", file=sys.stderr)
    return EXIT_ERROR


_WORDS: dict[Language, dict[str, str]] = {
    "sv": {
        "defaults": "standardinställningar",
        "workbook": "Excel-arbetsbok (.xlsx) · blad {sheet}",
        "row": "rad",
        "line": "rad",
        "text": "teckenkodning: {encoding} · avgränsare: {delimiter}",
        "header": "rubrikrad: {where} {row}",
        "titles": " (efter {n} rubrik- eller titelrader)",
        "mixed": "VARNING: filen blandar UTF-8 och {cp}; spara den med en teckenkodning",
        "drawn": "lottas: {day} kl. {cutoff} · mätperiod: {campaign}",
        "cap": "dagens tak (alla dagens filer): sms {sms}, e-post {email}",
        "most": "högst inbjudna från filen: sms {sms}, e-post {email}",
        "counts": "rader: {rows} · godkända: {accepted} (sms {sms}, e-post {email}) · "
        "avvisade: {rejected}",
        "none": "VARNING: ingen rad godkänns, ingen bjuds in (slutstatus 1)",
        "personal": "VARNING: filen har kolumner som tjänsten aldrig använder och som innehåller "
        "personuppgifter ({kinds}). Ta bort dem ur exporten: tjänsten behöver bara telefonnummer "
        "eller e-postadress, kanal och kontakttid.",
        "by_reason": "avvisade per orsak:",
        "too_old": "kontakterna är från {first}{last}, äldre än {days} dagar när filen togs "
        "emot {received}",
        "rows": "avvisade rader:",
        "row_n": "rad {row}: {reason}",
        "more": "… och {n} till (--json visar alla)",
        "email": "e-post",
    },
    "en": {
        "defaults": "default settings",
        "workbook": "Excel workbook (.xlsx) · sheet {sheet}",
        "row": "row",
        "line": "line",
        "text": "encoding: {encoding} · delimiter: {delimiter}",
        "header": "header: {where} {row}",
        "titles": " (after {n} title rows)",
        "mixed": "WARNING: the file mixes UTF-8 and {cp}: save it in one encoding",
        "drawn": "drawn: {day} at {cutoff} · campaign: {campaign}",
        "cap": "daily cap (all the day's files): SMS {sms}, e-mail {email}",
        "most": "at most invited from this file: SMS {sms}, e-mail {email}",
        "counts": "rows: {rows} · accepted: {accepted} (SMS {sms}, e-mail {email}) · "
        "rejected: {rejected}",
        "none": "WARNING: no row is accepted, no one would be invited (exit status 1)",
        "personal": "WARNING: the file has columns the service never uses that hold personal "
        "data ({kinds}). Leave them out of the export: the service needs only the phone number "
        "or e-mail address, the channel and the contact time.",
        "by_reason": "rejected by reason:",
        "too_old": "the contacts are from {first}{last}, older than {days} days when the file "
        "was received on {received}",
        "rows": "rejected rows:",
        "row_n": "row {row}: {reason}",
        "more": "… and {n} more (--json shows all)",
        "email": "e-mail",
    },
}


def summary(
    name: str,
    report: Report,
    tenant: Tenant,
    upload: Mapping[str, Any] | None = None,
    lang: Language = "sv",
    received_at: datetime | None = None,
) -> str:
    """A readable summary in one language: counts, reasons, row numbers — no contact data."""
    w = _WORDS[lang]
    data: dict[str, Any] = report.as_json(name)
    delimiter = {"\t": "tab"}.get(report.delimiter, repr(report.delimiter))
    settings = w["defaults"] if tenant == Tenant.default() else f"{tenant.kommunkod} {tenant.name}"
    if report.format == "xlsx":
        shape, where = w["workbook"].format(sheet=report.sheet), w["row"]
    else:
        shape = w["text"].format(encoding=report.encoding, delimiter=delimiter)
        where = w["line"]
    lines = [
        f"{data['file']}",
        f"  {shape} · {settings}",
        "  "
        + w["header"].format(where=where, row=report.header_row)
        + (w["titles"].format(n=report.title_rows) if report.title_rows else ""),
    ]
    if "+" in report.encoding:
        lines.append("  " + w["mixed"].format(cp=CP1252))
    if upload:
        cap, most = upload["daily_cap"], upload["drawn_at_most"]
        lines += [
            "  "
            + w["drawn"].format(
                day=upload["draw_day"],
                cutoff=upload["draw_cutoff"],
                campaign=upload["campaign"]["title"],
            ),
            "  " + w["cap"].format(sms=cap["sms"], email=cap["email"]),
            "  " + w["most"].format(sms=most["sms"], email=most["email"]),
        ]
    lines.append(
        "  "
        + w["counts"].format(
            rows=report.rows,
            accepted=report.accepted,
            sms=report.sms,
            email=report.email,
            rejected=report.rejected_count,
        )
    )
    if report.accepted == 0:
        lines.append("  " + w["none"])
    if report.personal_columns:
        lines.append("  " + w["personal"].format(kinds=", ".join(_kinds(report, lang))))
    if report.rejected:
        lines.append("  " + w["by_reason"])
        for reason, count in report.rejected.items():
            found = MESSAGES[Reason(reason)]
            lines.append(f"    {reason:<16} {count:>7}  {found.text(lang)}")
            if reason == Reason.TOO_OLD and report.too_old_days:
                first, last = report.too_old_days
                told = w["too_old"].format(
                    first=first.isoformat(),
                    last="" if last == first else f"–{last.isoformat()}",
                    days=tenant.max_contact_age_days,
                    received=(received_at.date().isoformat() if received_at else "?"),
                )
                lines.append(f"    {'':<16} {'':>7}  {told}")
            if found.fix(lang):
                lines.append(f"    {'':<16} {'':>7}  → {found.fix(lang)}")
        lines.append("  " + w["rows"])
        shown = report.rejected_rows[:ROWS_SHOWN]
        lines += ["    " + w["row_n"].format(row=row, reason=reason) for row, reason in shown]
        if report.rejected_count > ROWS_SHOWN:
            lines.append("    " + w["more"].format(n=report.rejected_count - ROWS_SHOWN))
    return "\n".join(lines)


def _kinds(report: Report, lang: Language) -> list[str]:
    """The personal-data kinds in the run's language (the list's words are "sv / en")."""
    return [kind.split(" / ")[0 if lang == "sv" else 1] for kind in report.personal_columns]
