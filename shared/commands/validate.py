"""``servicematning validate FILE``: check a contact file before uploading it (no AWS).

Prints what the ingest would make of the file — accepted contacts per channel and the rejected
rows by number and reason — and never a phone number or e-mail address. Exit status: 0 when
the file can be read (even with rejected rows), 2 when it cannot (``empty_file``, ``not_csv``,
``no_contact_column``) or the command is used wrongly (unknown kommunkod, missing file). Every
message is in Swedish and English, from ``shared.contacts.reasons.MESSAGES``.
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

from shared.contacts import FileError, Reason, Report, read_contacts
from shared.contacts.dates import parse_contact_time
from shared.contacts.decoding import CP1252
from shared.contacts.reasons import LANGUAGES, MESSAGES, Language
from shared.redaction import redact
from shared.tenants import Tenant, load_tenant_file

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
        "--received",
        metavar="TIME",
        help="when the file counts as received, e.g. 2026-03-14 or 2026-03-14T08:00+01:00 "
        "(default: now); too_old and future_date are judged against it",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def load_tenant(kommunkod: str | None) -> Tenant:
    if kommunkod is None:
        return Tenant.default()
    if not re.fullmatch(r"\d{4}", kommunkod):
        raise UsageError("unknown_tenant", "usage.kommunkod_format")
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


def parse_received(value: str | None) -> datetime:
    if value is None:
        return datetime.now().astimezone()
    parsed = parse_contact_time(value)
    if parsed is None:
        raise UsageError("invalid_received", "usage.invalid_received")
    return parsed.at


def validate_file(path: Path, tenant: Tenant, received_at: datetime) -> Report:
    with path.open("rb") as stream:
        reader = read_contacts(stream, tenant, received_at)
        for _contact in reader:
            pass  # only the report matters here; the contacts are dropped at once
    return reader.report


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        tenant = load_tenant(args.tenant)
        received_at = parse_received(args.received)
        if not path.is_file():
            raise UsageError("no_such_file", "usage.no_such_file", path=path)
        try:
            report = validate_file(path, tenant, received_at)
        except OSError as error:
            raise UsageError(
                "unreadable_file", "usage.unreadable_file", path=path, error=error.strerror
            ) from None
    except (UsageError, FileError) as error:
        return _fail(args.json, error.code, error.messages)
    if args.json:
        print(json.dumps(report.as_json(path.name), ensure_ascii=False, indent=2))
    else:
        print(summary(path.name, report, tenant))
    return EXIT_OK


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


def summary(name: str, report: Report, tenant: Tenant) -> str:
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
    lines += [
        f"  rader / rows: {report.rows} · godkända / accepted: {report.accepted} "
        f"(sms {report.sms}, e-post/e-mail {report.email}) · "
        f"avvisade / rejected: {report.rejected_count}",
    ]
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
