"""The upload report e-mail as a pure function of an ingest report: what the contact centre
reads, in each shipped language, and nothing from the file that could be personal data."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest

from shared.cli import catalogs
from shared.contacts.reasons import MESSAGES, REPORTED
from shared.core import i18n
from shared.core.tenants import Tenant, load_tenant_file
from shared.messages.upload_report import ROWS_SHOWN, render_upload_report, safe_text
from shared.platform.redaction import contains_personal_data
from tests.conftest import TENANT_CONFIG

SENDER = "rapporter@servicematning.example.se"
TO = "kontaktcenter@vasteras.se"
WHERE = "s3://data/reports/1980/20260314T063000Z-0123456789ab.json"


def _tenant(lang: str = "sv") -> Tenant:
    data = load_tenant_file(TENANT_CONFIG / "1980.json").model_dump()
    return Tenant.model_validate(data | {"report_language": lang})


def _read_report(**changes: Any) -> dict[str, Any]:
    rows = [{"row": 3, "reason": "not_mobile"}, {"row": 9, "reason": "not_mobile"}]
    rows += [{"row": 10 + i, "reason": "invalid_email"} for i in range(25)]
    return {
        "outcome": "ingested",
        "file": "kontakter mars.csv",
        "kommunkod": "1980",
        "received_at": "2026-03-14T07:30:00+01:00",
        "rows": 60,
        "accepted": 31,
        "sms": 20,
        "email": 11,
        "rejected": {"not_mobile": 2, "invalid_email": 27},  # 2 of them past the listed rows
        "rejected_rows": rows,
    } | changes


def _mail(report: dict[str, Any], lang: str = "sv") -> EmailMessage:
    rendered = render_upload_report(_tenant(lang), report, WHERE, SENDER, TO)
    message = message_from_bytes(rendered.raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    return str(text.get_content()), str(html.get_content())


def test_a_read_file_is_reported_with_counts_reasons_rows_and_what_to_do() -> None:
    message = _mail(_read_report())
    text, html = _parts(message)

    assert (
        message["Subject"] == "Uppladdad fil inläst: kontakter mars.csv (31 av 60 rader godkända)"
    )
    for part in (text, html):
        assert "kontakter mars.csv" in part
        assert "2026-03-14 07:30" in part  # Stockholm time, as received
        assert "Godkända för sms: 20" in part.replace('</th><td style="padding:4px 0;">', " ")
        assert MESSAGES["not_mobile"].sv[1:] in part  # "nte ett mobilnummer…", capitalised
        assert MESSAGES["invalid_email"].fix_sv[1:] in part
        assert "3, 9" in part
        # the first ROWS_SHOWN rows of a reason, then how many more
        listed = ", ".join(str(10 + i) for i in range(ROWS_SHOWN))
        assert listed in part
        assert f"{listed}, {10 + ROWS_SHOWN}" not in part
        assert "och 7 till" in part  # 27 - 20
        assert "s3://" not in part  # a storage address the contact centre cannot use
        assert "allowed_sms_countries" not in part
    assert "Lottade" not in text  # never how many were drawn (release control)
    assert "Avvisade rader: 29" in text


def test_the_mail_comes_from_the_service_marked_automatic_in_one_language() -> None:
    message = _mail(_read_report(), lang="fi")
    assert message["From"].addresses[0].addr_spec == SENDER
    assert message["From"].addresses[0].display_name == "Servicemätning"
    assert message["To"].addresses[0].addr_spec == TO
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Content-Language"] == "fi"
    assert message["List-Unsubscribe"] is None  # not a mailing: the municipality's own report
    assert message["Message-ID"].endswith("@servicematning.example.se>")


@pytest.mark.parametrize("lang", ["sv", "en", "fi", "ar"])
def test_every_shipped_language_has_the_whole_mail(lang: str) -> None:
    refused = {
        "outcome": "file_error",
        "file": "export.xls",
        "received_at": "2026-03-14T07:30:00+01:00",
        "error": "not_csv",
        "detail": "not_csv.xls",
        "params": {},
    }
    for report in (_read_report(rows=0, accepted=0, sms=0, email=0), refused):
        text, html = _parts(_mail(report, lang))
        found = MESSAGES["not_csv.xls"] if report is refused else MESSAGES["invalid_email"]
        expected = found.text_in(lang)
        assert expected[1:] in text
        assert expected[1:] in html
        if lang != "sv":
            # no Swedish left: neither the mail's own words nor a reason's
            assert "Gör så här" not in text
            assert found.sv[1:] not in text
        if lang != "en":
            assert found.en[1:] not in text
    assert f'dir="{i18n.direction(lang)}"' in html


def test_a_file_with_no_accepted_row_says_nobody_can_be_surveyed() -> None:
    text, _ = _parts(_mail(_read_report(accepted=0, sms=0, email=0)))
    assert "Ingen rad godkändes" in text


def test_a_refusal_says_why_and_what_to_do_in_the_report_language() -> None:
    report = {
        "outcome": "no_campaign",
        "file": "kontakter.csv",
        "received_at": "2026-06-15T07:00:00+02:00",
        "error": "no_campaign",
        "detail": "no_campaign",
        "params": {"name": "Västerås stad", "day": "2026-06-15"},
    }
    message = _mail(report, lang="en")
    text, html = _parts(message)
    assert message["Subject"] == "Uploaded file refused: kontakter.csv"
    for part in (text, html):
        assert (
            "Västerås stad has no active campaign on the day the file is drawn (2026-06-15)" in part
        )
        assert "Files are accepted only during a campaign" in part
        assert "Rows:" not in part  # nothing was read


def test_a_refusal_written_before_its_details_were_kept_still_says_why() -> None:
    report = {"outcome": "late", "file": "a.csv", "error": "late", "message": "Upload it again."}
    text, _ = _parts(_mail(report, lang="en"))
    assert "Why: The file arrived after the day's draw had started" in text


@pytest.mark.parametrize(
    "name",
    [
        "ring 070-123 45 67 tillbaka.csv",
        "anna.svensson@example.se.csv",
        "kontakter 19811218-9876.csv",
        "anna (at) example (dot) se.csv",
        "+46 70 123 45 67.xlsx",
    ],
)
def test_a_file_name_with_personal_data_never_reaches_the_mail(name: str) -> None:
    message = _mail(_read_report(file=name))
    text, html = _parts(message)
    support = str(_tenant().service_contact)
    for part in (text, html, str(message["Subject"])):
        assert not contains_personal_data(
            part.replace(TO, "").replace(SENDER, "").replace(support, "")
        )
    for secret in ("123 45 67", "anna", "9876", "svensson"):
        assert secret not in (text + html + str(message["Subject"])).lower()


def test_a_file_name_is_one_short_line_without_control_characters() -> None:
    evil = "kontakter\r\nBcc: x\x00\u202egpj.exe\u200b" + "a" * 300 + ".csv"
    cleaned = safe_text(evil)
    assert len(cleaned) <= 80
    assert cleaned.endswith("…")
    assert all(ch.isprintable() for ch in cleaned)
    assert "\u202e" not in cleaned
    assert "\u200b" not in cleaned
    message = _mail(_read_report(file=evil))
    assert message["Bcc"] is None
    assert "\n" not in str(message["Subject"])


def test_a_name_cut_short_is_redacted_again() -> None:
    # 16 digits are no phone number, their first ten are: the cut must not reveal one
    name = "x" * 69 + " 0701234567123456"
    assert not contains_personal_data(safe_text(name))


def test_the_catalogs_say_what_reasons_py_says_in_swedish_and_english() -> None:
    """reasons.py is the source of its Swedish and English; the compiled catalogs agree."""
    for key in REPORTED:
        found = MESSAGES[key]
        assert i18n.gettext("sv", found.en) == found.sv, key
        assert i18n.gettext("en", found.en) == found.en, key
        if found.fix_en:
            assert i18n.gettext("sv", found.fix_en) == found.fix_sv, key
    for msgid, (_where, sv) in catalogs.data_messages().items():
        assert i18n.gettext("sv", msgid) == sv
        for lang in ("fi", "ar"):
            assert i18n.gettext(lang, msgid) != msgid, (lang, msgid)


def test_tenants_check_names_machine_drafts_of_the_report_language_apart() -> None:
    from shared.cli.tenants_check import notices

    finnish = notices(_tenant("fi"), "en")
    assert any(n.startswith("upload reports in fi: ") and "UTKAST" in n for n in finnish)
    # the residents' drafts stay the legal texts only
    assert any(n.startswith("drafts to approve (legal texts") and "fi 53" in n for n in finnish)
    assert not any(n.startswith("upload reports") for n in notices(_tenant("sv"), "en"))


def test_the_verdict_comes_first_and_names_the_rows_to_fix() -> None:
    # 2 landlines (nothing to do) and 27 bad e-mail addresses (fixable)
    text, html = _parts(_mail(_read_report()))
    first = text.strip().splitlines()[0]
    assert first == (
        "31 av 60 rader godkändes. 27 av de avvisade raderna kan ni rätta och skicka igen "
        "(rad 10, 11, 12, 13, 14, 15, 16, 17 …)."
    )
    assert html.index(first) < html.index("Rapport om en kontaktfil")
    # the rows to fix in the warning style, the landlines after them in a quiet one
    to_fix, quiet = text.split("Rader att rätta")[1].split(
        "Avvisade rader som inte behöver någon åtgärd"
    )
    assert MESSAGES["invalid_email"].sv[1:] in to_fix
    assert MESSAGES["not_mobile"].sv[1:] not in to_fix
    assert "(Rader: 3, 9)" in quiet
    html_fix, html_quiet = html.split("Avvisade rader som inte behöver någon åtgärd")
    assert "#fff8e5" in html_fix.split("Rader att rätta")[1]  # the warning's background
    assert "#fff8e5" not in html_quiet


def test_a_file_without_problems_says_there_is_nothing_to_do() -> None:
    text, _ = _parts(_mail(_read_report(rejected={}, rejected_rows=[], accepted=60)))
    assert text.strip().splitlines()[0] == "Alla 60 rader godkändes. Ni behöver inte göra något."
    assert "Rader att rätta" not in text


def test_rejections_that_need_no_action_say_so_in_the_verdict() -> None:
    report = _read_report(
        rejected={"not_mobile": 2, "duplicate": 1},
        rejected_rows=[
            {"row": 3, "reason": "not_mobile"},
            {"row": 9, "reason": "not_mobile"},
            {"row": 12, "reason": "duplicate"},
        ],
        accepted=57,
    )
    text, _ = _parts(_mail(report, lang="en"))
    assert text.strip().splitlines()[0] == (
        "57 of 60 rows were accepted. The 3 rejected rows need no action."
    )
    assert "Rows to fix" not in text


def test_the_mail_names_whom_to_ask_and_no_setting_key() -> None:
    report = _read_report(
        rejected={"foreign_number": 1}, rejected_rows=[{"row": 4, "reason": "foreign_number"}]
    )
    for lang in ("sv", "en", "fi", "ar"):
        text, html = _parts(_mail(report, lang))
        for part in (text, html):
            assert "support@servicematning.example.se" in part
            assert "allowed_sms_countries" not in part
            assert "s3://" not in part
    text, _ = _parts(_mail(report, "en"))
    assert "Ask whoever runs the service to allow the country, if wanted." in text
    nobody = Tenant.model_validate(_tenant("sv").model_dump() | {"service_contact": None})
    rendered = render_upload_report(nobody, report, WHERE, SENDER, TO)
    body = message_from_bytes(rendered.raw, policy=policy.default)
    assert isinstance(body, EmailMessage)
    plain = body.get_body(preferencelist=("plain",))
    assert plain is not None
    assert "kontakta den som driver Servicemätning för er kommun" in str(plain.get_content())


def test_tenants_check_asks_for_a_service_contact_where_reports_are_mailed() -> None:
    from shared.cli.tenants_check import notices

    assert not any(n.startswith("no service_contact") for n in notices(_tenant("sv"), "en"))
    nobody = Tenant.model_validate(_tenant("sv").model_dump() | {"service_contact": None})
    assert any(n.startswith("no service_contact") for n in notices(nobody, "en"))
