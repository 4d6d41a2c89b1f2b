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

Exit status: 0 when the ingest would read the file (even with rejected rows, even with none
accepted: then it warns), 2 when it would refuse it whole (``empty_file``, ``not_csv``,
``no_contact_column``, ``too_many_rows``; with ``--tenant`` also ``no_campaign`` and
``too_large``) or the command is used wrongly (unknown kommunkod, missing file). Every message
is in Swedish and English, from ``shared.contacts.reasons.MESSAGES`` and the ingest's own.
Without ``--table`` it touches no AWS.
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
EXIT_OK, EXIT_ERROR = 0, 2


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
        return _refused(args.json, path.name, refused)
    except (UsageError, FileError) as error:
        return _fail(args.json, error.code, error.messages)
    upload = _as_uploaded(tenant, received_at, report) if named else None
    if args.json:
        print(json.dumps(report.as_json(path.name) | (upload or {}), ensure_ascii=False, indent=2))
    else:
        print(summary(path.name, report, tenant, upload))
    return EXIT_OK


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


def _refused(as_json: bool, name: str, refused: Refused) -> int:
    texts = {language: redact(text) for language, text in refused.messages.items()}
    if as_json:
        extra = {k: v for k, v in refused.fields.items() if k not in ("message", "message_sv")}
        both = " / ".join(texts[language] for language in LANGUAGES)
        verdict = {"file": redact(name), "refused": True, "outcome": refused.outcome.value}
        print(
            json.dumps(
                verdict | extra | {"message": both, "messages": texts},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(
            f"{redact(name)}\n"
            f"  Filen skulle avvisas / this file would be refused: {refused.code}\n"
            f"  sv: {texts['sv']}\n  en: {texts['en']}"
        )
    return EXIT_ERROR


def _fail(as_json: bool, code: str, messages: Mapping[Language, str]) -> int:
    # a path or a header row could hold personal data
    texts = {language: redact(text) for language, text in messages.items()}
    if as_json:
        both = f"{texts['sv']}. / {texts['en']}."
        print(json.dumps({"error": code, "message": both, "messages": texts}, ensure_ascii=False))
    else:
        print(
            f"Filen kan inte användas / the file cannot be used: {code}\n"
            f"  sv: {texts['sv']}.\n  en: {texts['en']}.",
            file=sys.stderr,
        )
    return EXIT_ERROR


def summary(
    name: str, report: Report, tenant: Tenant, upload: Mapping[str, Any] | None = None
) -> str:
    """A readable Swedish/English summary: counts, reasons, row numbers — no contact data."""
    data: dict[str, Any] = report.as_json(name)
    delimiter = {"\t": "tab"}.get(report.delimiter, repr(report.delimiter))
    settings = (
        "standardinställningar / default settings"
        if tenant == Tenant.default()
        else f"{tenant.kommunkod} {tenant.name}"
    )
    if report.format == "xlsx":
        shape = f"Excel-arbetsbok / workbook (.xlsx) · blad / sheet {report.sheet}"
        where = "rad / row"
    else:
        shape = f"teckenkodning / encoding: {report.encoding} · avgränsare / delimiter: {delimiter}"
        where = "rad / line"
    lines = [
        f"{data['file']}",
        f"  {shape} · {settings}",
        f"  rubrikrad / header: {where} {report.header_row}"
        + (
            f" (efter / after {report.title_rows} rubrik- eller titelrader / title rows)"
            if report.title_rows
            else ""
        ),
    ]
    if "+" in report.encoding:
        lines.append(
            f"  VARNING / WARNING: filen blandar UTF-8 och {CP1252}; spara den med en "
            "teckenkodning / the file mixes two encodings: save it in one"
        )
    if upload:
        cap, most = upload["daily_cap"], upload["drawn_at_most"]
        lines += [
            f"  lottas / drawn: {upload['draw_day']} kl. {upload['draw_cutoff']} · "
            f"mätperiod / campaign: {upload['campaign']['title']}",
            "  dagens tak / daily cap (alla dagens filer / all the day's files): "
            f"sms {cap['sms']}, e-post/e-mail {cap['email']}",
            "  högst inbjudna från filen / at most invited from this file: "
            f"sms {most['sms']}, e-post/e-mail {most['email']}",
        ]
    lines += [
        f"  rader / rows: {report.rows} · godkända / accepted: {report.accepted} "
        f"(sms {report.sms}, e-post/e-mail {report.email}) · "
        f"avvisade / rejected: {report.rejected_count}",
    ]
    if report.accepted == 0:
        lines.append(
            "  VARNING / WARNING: ingen rad godkänns, ingen bjuds in / no row is accepted, "
            "no one would be invited"
        )
    if report.rejected:
        lines.append("  avvisade per orsak / rejected by reason:")
        for reason, count in report.rejected.items():
            found = MESSAGES[Reason(reason)]
            lines.append(f"    {reason:<16} {count:>7}  {found.sv} / {found.en}")
            if found.fix_sv:
                lines.append(f"    {'':<16} {'':>7}  → {found.fix_sv} / {found.fix_en}")
        lines.append("  avvisade rader / rejected rows:")
        shown = report.rejected_rows[:ROWS_SHOWN]
        lines += [f"    rad / row {row}: {reason}" for row, reason in shown]
        if report.rejected_count > ROWS_SHOWN:
            lines.append(
                f"    … och / and {report.rejected_count - ROWS_SHOWN} till / more "
                "(--json visar alla / shows all)"
            )
    return "\n".join(lines)
