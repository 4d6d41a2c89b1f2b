"""``servicematning validate``: the samples give exactly the README's results; no contact data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared.cli import main
from shared.platform.redaction import contains_personal_data
from tests.conftest import SAMPLES

VASTERAS = SAMPLES / "kontakter-vasteras-2026-03-13.csv"
UTF8_BOM = SAMPLES / "contacts-utf8-bom.csv"
TELEPHONY = SAMPLES / "kontakter-telefoni-2026-03-13.txt"


@pytest.fixture(autouse=True)
def _unknown_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runs speak the default (Swedish) unless a test names a language or a locale."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["validate", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_vasteras_sample_gives_the_readme_result(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, VASTERAS, "--received", "2026-03-14", "--json")
    assert code == 0
    assert json.loads(out) == {
        "file": "kontakter-vasteras-2026-03-13.csv",
        "format": "csv",
        "encoding": "windows-1252",
        "delimiter": ";",
        "header_row": 1,
        "rows": 12,
        "accepted": 5,
        "sms": 3,
        "email": 2,
        "rejected": {
            "duplicate": 2,
            "not_mobile": 1,
            "invalid_phone": 1,
            "invalid_email": 2,
            "missing_contact": 1,
        },
        "rejected_rows": [
            {"row": 4, "reason": "not_mobile"},
            {"row": 5, "reason": "duplicate"},
            {"row": 6, "reason": "duplicate"},
            {"row": 7, "reason": "invalid_phone"},
            {"row": 8, "reason": "invalid_email"},
            {"row": 10, "reason": "missing_contact"},
            {"row": 12, "reason": "invalid_email"},
        ],
    }


def test_utf8_bom_sample_gives_the_readme_result(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, UTF8_BOM, "--received", "2026-03-15", "--json")
    assert code == 0
    assert json.loads(out) == {
        "file": "contacts-utf8-bom.csv",
        "format": "csv",
        "encoding": "utf-8-sig",
        "delimiter": ",",
        "header_row": 1,
        "rows": 6,
        "accepted": 4,
        "sms": 2,
        "email": 2,
        "rejected": {"foreign_number": 1, "duplicate": 1},
        "rejected_rows": [
            {"row": 4, "reason": "foreign_number"},
            {"row": 5, "reason": "duplicate"},
        ],
    }


def test_a_tenants_settings_apply(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Västerås allows only Swedish numbers too, and its 7 days make a week-old file too old
    code, out, _ = run(capsys, UTF8_BOM, "--tenant", "1980", "--received", "2026-03-25", "--json")
    assert code == 1  # nothing accepted: a scheduled job must not take it for success
    report = json.loads(out)
    assert report["rejected"] == {"too_old": 5, "foreign_number": 1}
    assert report["too_old"] == {
        "max_contact_age_days": 7,
        "received": "2026-03-25",
        "first_contact_day": "2026-03-14",
        "last_contact_day": "2026-03-14",
    }


def test_received_defaults_to_now(capsys: pytest.CaptureFixture[str]) -> None:
    # the samples are from March 2026: judged today, every contact with a usable identifier
    # is older than 7 days (tests run after that date)
    code, out, _ = run(capsys, UTF8_BOM, "--json")
    assert code == 1
    assert json.loads(out)["accepted"] == 0


@pytest.mark.parametrize("sample", [VASTERAS, UTF8_BOM])
def test_the_summary_is_readable_and_has_no_contact_data(
    capsys: pytest.CaptureFixture[str], sample: Path
) -> None:
    code, out, _ = run(capsys, sample, "--received", "2026-03-15", "--lang", "sv")
    assert code == 0
    assert "rader: " in out
    assert "rad 4:" in out
    code, english, _ = run(capsys, sample, "--received", "2026-03-15", "--lang", "en")
    assert "rows: " in english
    assert "row 4:" in english
    for text in (out, english):
        assert not contains_personal_data(text)
        for fragment in ("example", "Svensson", "kalle", "lisa", "+46", "555", "1234"):
            assert fragment not in text


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "not_csv"),
        (b"namn;adress\nAnna;Storgatan 1\n", "no_contact_column"),
    ],
)
def test_file_errors_exit_2_with_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, code: str
) -> None:
    path = tmp_path / "kontakter.csv"
    path.write_bytes(content)
    exit_code, out, _ = run(capsys, path, "--json")
    assert exit_code == 2
    error = json.loads(out)
    assert set(error) == {"error", "message", "messages"}
    assert error["messages"]["sv"] != error["messages"]["en"]
    assert error["message"] == f"{error['messages']['sv']}. / {error['messages']['en']}."
    assert error["error"] == code


def test_a_file_error_without_json_goes_to_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "tom.csv"
    path.write_bytes(b"")
    exit_code, out, err = run(capsys, path)
    assert (exit_code, out) == (2, "")
    assert "empty_file" in err


@pytest.mark.parametrize("kommunkod", ["9999", "../../etc/passwd", "070-1740605"])
def test_an_unknown_tenant_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], kommunkod: str
) -> None:
    exit_code, out, _ = run(capsys, UTF8_BOM, "--tenant", kommunkod, "--json")
    assert exit_code == 2
    error = json.loads(out)
    assert error["error"] == "unknown_tenant"
    assert not contains_personal_data(error["message"])


def test_a_missing_file_and_a_bad_received_time(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "/nonexistent/k.csv", "--json")[0] == 2
    code, out, _ = run(capsys, UTF8_BOM, "--received", "14/3", "--json")
    assert code == 2
    assert json.loads(out)["error"] == "invalid_received"


def test_the_template_is_accepted_whole(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, SAMPLES / "template.csv", "--received", "2026-03-14", "--json")
    assert code == 0
    report = json.loads(out)
    assert (report["rows"], report["accepted"], report["rejected"]) == (3, 3, {})


def test_an_xlsx_export_is_validated_and_its_sheet_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from datetime import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["Kontaktrapport Västerås stad"],
        ["Starttid", "Mobiltelefon"],
        [datetime(2026, 3, 13, 8, 15), 46701740605],
        [datetime(2026, 3, 13, 8, 20), "4,67012E+10"],
    ):
        sheet.append(row)
    path = tmp_path / "kontakter.xlsx"
    book.save(path)

    code, out, _ = run(capsys, path, "--received", "2026-03-14", "--json")
    report = json.loads(out)
    assert code == 0
    assert (report["format"], report["sheet"], report["header_row"]) == ("xlsx", 1, 2)
    assert report["rejected_rows"] == [{"row": 2, "reason": "excel_number"}]

    code, out, _ = run(capsys, path, "--received", "2026-03-14")
    assert code == 0
    assert "blad 1" in out
    assert "rubrikrad: rad 2 (efter 1" in out
    # the reason, and what to do about it, in both languages
    assert "excel_number" in out
    assert "Formatera telefonkolumnen som Text" in out
    assert "Formatera telefonkolumnen som Text" in out  # what to do, in the run's language


def test_usage_errors_are_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, UTF8_BOM, "--received", "igår", "--json")
    error = json.loads(out)
    assert (code, error["error"]) == (2, "invalid_received")
    assert "måste" in error["messages"]["sv"]
    assert "must" in error["messages"]["en"]


def test_telephony_unicode_text_sample_gives_the_documented_result(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Excel "Unicode text" (UTF-16 with BOM, tab, CRLF) of a telephony report: title rows,
    # telephony headers, the date forms such systems write, Excel's damage to one number
    assert TELEPHONY.read_bytes().startswith(b"\xff\xfe")
    code, out, _ = run(capsys, TELEPHONY, "--received", "2026-03-14", "--json")
    assert code == 0
    report = json.loads(out)
    assert report | {"rejected_rows": None} == {
        "file": "kontakter-telefoni-2026-03-13.txt",
        "format": "csv",
        "encoding": "utf-16",
        "delimiter": "\t",
        "header_row": 4,
        "rows": 7,
        "accepted": 4,
        "sms": 2,
        "email": 2,
        "rejected": {"excel_number": 1, "invalid_date": 1, "future_date": 1},
        "rejected_rows": None,
    }
    assert report["rejected_rows"] == [
        {"row": 5, "reason": "excel_number"},
        {"row": 6, "reason": "future_date"},
        {"row": 7, "reason": "invalid_date"},
    ]


def test_one_language_per_run_from_the_flag_or_the_locale(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    swedish_words = ("avvisade", "godkända", "rader:", " / ")
    english_words = ("rejected", "accepted", "rows:")
    for locale, words, absent in (
        ("en_GB.UTF-8", english_words, swedish_words),
        ("sv_SE.UTF-8", swedish_words[:3], english_words),
        ("C.UTF-8", swedish_words[:3], english_words),  # unknown: Swedish
        ("fi_FI.UTF-8", swedish_words[:3], english_words),
    ):
        monkeypatch.setenv("LANG", locale)
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_MESSAGES", raising=False)
        _, out, _ = run(capsys, VASTERAS, "--received", "2026-03-15")
        assert all(w in out for w in words), (locale, out)
        assert not any(w in out for w in absent), (locale, out)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    _, out, _ = run(capsys, VASTERAS, "--received", "2026-03-15", "--lang", "sv")
    assert "avvisade" in out  # the flag wins over the locale
    assert "rejected" not in out
    monkeypatch.setenv("LC_ALL", "sv_SE.UTF-8")
    _, out, _ = run(capsys, VASTERAS, "--received", "2026-03-15")
    assert "avvisade" in out  # LC_ALL over LANG


def test_too_old_rows_state_the_limit_and_their_dates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, VASTERAS, "--tenant", "1980", "--received", "2026-03-24", "--lang", "sv"
    )
    assert code == 1
    assert "kontakterna är från 2026-03-13, äldre än 7 dagar när filen togs emot 2026-03-24" in out
    assert "ingen rad godkänns" in out
    _, out, _ = run(
        capsys, VASTERAS, "--tenant", "1980", "--received", "2026-03-24", "--lang", "en"
    )
    assert (
        "the contacts are from 2026-03-13, older than 7 days when the file was received on "
        "2026-03-24" in out
    )


def test_columns_with_personal_data_the_service_never_uses_are_warned_about(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Datum;Kanal;Telefonnummer;Namn;Personnummer;Gatuadress;Ärende\n"
        "2026-03-13 08:02;Telefon;070-174 06 05;Anna Andersson;19811218-9876;Storgatan 1;Bygglov\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, path, "--received", "2026-03-14", "--lang", "sv")
    assert code == 0  # still read: a warning, not a refusal
    assert "kolumner som tjänsten aldrig använder" in out
    assert "(namn, personnummer, adress)" in out
    assert "Ta bort dem ur exporten" in out
    for secret in ("Anna", "Andersson", "9876", "Storgatan"):
        assert secret not in out
    code, out, _ = run(capsys, path, "--received", "2026-03-14", "--json")
    assert json.loads(out)["personal_columns"] == [
        "namn / name",
        "personnummer / personal identity number",
        "adress / address",
    ]
    code, out, _ = run(capsys, SAMPLES / "template.csv", "--received", "2026-03-14")
    assert "VARNING" not in out  # the template carries nothing the service does not use
