"""Files as contact centres really export them: Excel workbooks, Excel's "Unicode text" and
``sep=`` line, report titles above the header, the header names and date forms of real
telephony systems, and the damage Excel does to numbers.

Each file is built the way its system writes it: a real .xlsx (openpyxl, as Excel would save
it), real UTF-16 with a BOM, CRLF and Windows-1252 where Swedish Excel uses them.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time

import openpyxl
import pytest
from openpyxl.styles import Font

from shared.contacts import FileError, Reason
from shared.contacts.reasons import LANGUAGES, MESSAGES, FileErrorCode
from shared.core.models import Channel
from shared.core.tenants import Tenant
from shared.core.time import STOCKHOLM_TZ
from shared.platform.redaction import contains_personal_data

from .conftest import Read

MOBILE = "070-174 06 05"
MOBILE_E164 = "+46701740605"
OTHER_E164 = "+46701740613"


def sent(contacts: list) -> list[tuple[Channel, str]]:  # type: ignore[type-arg]
    return [(c.channel, c.address) for c in contacts]


def workbook_bytes(*sheets: tuple[str, list[list[object]]]) -> bytes:
    """An .xlsx as Excel saves it: each sheet with its rows, dates and numbers as real cells."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cell in sheet["A"]:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
        sheet["A1"].font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- .xlsx -----------------------------------------------------------------------------------


def test_an_xlsx_export_with_a_title_real_dates_and_number_cells_is_read(read: Read) -> None:
    # Given a contact-centre report saved from Excel: a title row, an empty row, then the
    # header; the time a real date-time cell, phone numbers as number cells (one with its
    # leading 0 dropped by Excel, one with the country code) and as text
    data = workbook_bytes(
        (
            "Kontakter",
            [
                ["Kontaktrapport Västerås stad"],
                [],
                ["Starttid", "Mobiltelefon", "E-postadress", "Ärende"],
                [datetime(2026, 3, 13, 8, 15), 701740605, None, "Bygglov"],
                [datetime(2026, 3, 13, 9, 40), 46701740613, None, "Avfall"],
                [date(2026, 3, 13), None, "Nisse Hult <nisse@example.se>", "Skola"],
                [datetime(2026, 3, 13, 10, 0), "070-174 06 06", None, "Parkering"],
                [datetime(2027, 3, 13, 10, 0), "070-174 06 07", None, "Framtid"],
            ],
        )
    )
    # When it is read
    contacts, reader = read(data)
    # Then the number cells are phone numbers, the date cells Swedish times
    assert sent(contacts) == [
        (Channel.SMS, MOBILE_E164),
        (Channel.SMS, OTHER_E164),
        (Channel.EMAIL, "nisse@example.se"),
        (Channel.SMS, "+46701740606"),
    ]
    assert contacts[0].contacted_at == datetime(2026, 3, 13, 8, 15, tzinfo=STOCKHOLM_TZ)
    assert contacts[2].contacted_at == datetime(2026, 3, 13, tzinfo=STOCKHOLM_TZ)
    assert reader.report.rejected_rows == [(5, "future_date")]
    report = reader.report.as_json("kontakter.xlsx")
    assert (report["format"], report["sheet"], report["header_row"]) == ("xlsx", 1, 3)
    assert (report["encoding"], report["delimiter"]) == ("", "")


def test_the_first_sheet_with_a_recognised_header_is_read(read: Read) -> None:
    # Given a workbook whose first sheet is a cover page and whose second has the contacts
    data = workbook_bytes(
        ("Om rapporten", [["Rapport", "Kontaktcenter"], ["Period", "2026-03-13"]]),
        ("Data", [["Datum/tid", "A-nummer"], ["2026-03-13 08:15", "+46 70 174 06 05"]]),
        ("Data 2", [["Telefon"], ["070-174 06 13"]]),
    )
    contacts, reader = read(data)
    assert sent(contacts) == [(Channel.SMS, MOBILE_E164)]
    assert reader.report.sheet == 2


def test_a_workbook_without_a_contact_column_says_so_in_both_languages(read: Read) -> None:
    data = workbook_bytes(("Blad1", [["Namn", "Adress"], ["Anna", "Storgatan 1"]]))
    with pytest.raises(FileError) as raised:
        read(data)
    assert raised.value.code == FileErrorCode.NO_CONTACT_COLUMN
    assert "arbetsboken" in raised.value.messages["sv"]
    assert "workbook" in raised.value.messages["en"]


def test_an_empty_workbook_is_an_empty_file(read: Read) -> None:
    with pytest.raises(FileError) as raised:
        read(workbook_bytes(("Blad1", [])))
    assert raised.value.code == FileErrorCode.EMPTY_FILE


def test_a_zip_that_is_not_a_workbook_is_not_csv(read: Read) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("kontakter.csv", "telefon\n070-174 06 05\n")
    with pytest.raises(FileError) as raised:
        read(buffer.getvalue())
    assert raised.value.code == FileErrorCode.NOT_CSV
    assert raised.value.detail == "not_csv.xlsx_unreadable"


def test_rows_are_counted_from_the_top_of_the_sheet_even_above_its_first_cell(
    read: Read,
) -> None:
    # Given a sheet whose first two rows and first column are empty
    data = workbook_bytes(("Blad1", [[], [], [None, "Rapport"], [None, "Telefon"], [None, MOBILE]]))
    contacts, reader = read(data)
    assert sent(contacts) == [(Channel.SMS, MOBILE_E164)]
    assert (reader.report.header_row, reader.report.title_rows) == (4, 1)


@pytest.mark.parametrize(
    "day", [date(2026, 3, 13), datetime(2026, 3, 13)], ids=["date cell", "date-time at midnight"]
)
def test_a_time_cell_in_a_separate_tid_column_is_joined_to_the_date(read: Read, day: date) -> None:
    data = workbook_bytes(("Blad1", [["Datum", "Tid", "Telefon"], [day, time(8, 15), MOBILE]]))
    contacts, _ = read(data)
    assert contacts[0].contacted_at == datetime(2026, 3, 13, 8, 15, tzinfo=STOCKHOLM_TZ)


def test_excel_day_fractions_are_rounded_to_the_second() -> None:
    from shared.contacts.workbook import row_text

    assert row_text(
        [datetime(2026, 3, 13, 8, 14, 59, 999_600), time(8, 14, 59, 999_999), 46701740605.0, 1.5]
    ) == ["2026-03-13 08:15:00", "08:15:00", "46701740605", "1.5"]


# --- text files: UTF-16, sep=, titles ------------------------------------------------------

UNICODE_TEXT = (
    "Starttid\tUppringande nummer\tE-mail address\tÄrende\r\n"
    f"2026-03-13 08:15\t{MOBILE}\t\tBygglov för åtgärd\r\n"
    "2026-03-13 08:20\t\tbjörn@västerås.se\tSkola\r\n"
)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_excel_unicode_text_utf16_with_bom_tab_separated_is_read(read: Read, codec: str) -> None:
    # Excel's "Unicode text" is UTF-16LE with a BOM, tab-separated, CRLF; BE exists too
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    contacts, reader = read(bom + UNICODE_TEXT.encode(codec))
    assert reader.report.encoding == "utf-16"
    assert reader.report.delimiter == "\t"
    assert [c.channel for c in contacts] == [Channel.SMS]
    # the non-ASCII local part is refused (SES), the å/ä/ö came through intact to say so
    assert reader.report.rejected_rows == [(2, "invalid_email")]


def test_utf16_is_decoded_across_chunk_boundaries() -> None:
    from shared.contacts.decoding import TextLines

    text = "telefon;ärende\r\n" + "".join(f"{MOBILE};åäö {n}\r\n" for n in range(3000))
    lines = TextLines(io.BytesIO(text.encode("utf-16")), chunk_bytes=7)
    assert "".join(lines) == text


def test_a_sep_line_names_the_delimiter(read: Read) -> None:
    # Excel writes "sep=;" as the first line when asked, and reads it back
    contacts, reader = read(f"sep=|\r\nTelefon|Ärende\r\n{MOBILE}|a;b,c\r\n")
    assert sent(contacts) == [(Channel.SMS, MOBILE_E164)]
    assert reader.report.delimiter == "|"
    assert reader.report.header_row == 2


@pytest.mark.parametrize(
    ("sep", "delimiter"), [("sep=;;;", ";"), ("SEP=TAB", "\t"), ("sep=\t", "\t"), ("sep=,", ",")]
)
def test_sep_line_forms(read: Read, sep: str, delimiter: str) -> None:
    contacts, reader = read(f"{sep}\r\nTelefon{delimiter}E-post\r\n{MOBILE}{delimiter}\r\n")
    assert sent(contacts) == [(Channel.SMS, MOBILE_E164)]
    assert reader.report.delimiter == delimiter


def test_sep_semicolon_with_a_bom(read: Read) -> None:
    contacts, reader = read(f"\ufeffsep=;\r\nTelefonnr;E-post\r\n{MOBILE};\r\n", encoding="utf-8")
    assert sent(contacts) == [(Channel.SMS, MOBILE_E164)]
    assert reader.report.rows == 1


def test_title_rows_above_the_header_are_skipped_in_windows_1252(read: Read) -> None:
    text = (
        "Kontaktrapport Västerås stad;;\r\n"
        "Period: 2026-03-13 – 2026-03-13;;\r\n"
        ";;\r\n"
        "\r\n"
        "Kontakttid;Telefon (mobil);Epost adress\r\n"
        f"2026-03-13 08:15;{MOBILE};\r\n"
    )
    contacts, reader = read(text.encode("cp1252"))
    assert sent(contacts) == [(Channel.SMS, MOBILE_E164)]
    report = reader.report.as_json("k.csv")
    assert (report["header_row"], report["rows"], report["encoding"]) == (5, 1, "windows-1252")
    assert reader.report.title_rows == 2


def test_ten_title_rows_are_allowed_eleven_are_not(read: Read) -> None:
    ok = "Rapport;;\r\n" * 10 + f"Telefon;;\r\n{MOBILE};;\r\n"
    contacts, _ = read(ok)
    assert len(contacts) == 1
    with pytest.raises(FileError) as raised:
        read("Rapport;;\r\n" * 11 + f"Telefon;;\r\n{MOBILE};;\r\n")
    assert raised.value.code == FileErrorCode.NO_CONTACT_COLUMN
    assert "'Rapport'" in raised.value.message


# --- header names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["A-nummer", "Uppringande nummer", "Caller ID", "Från", "Mobiltelefon", "Mobilnummer",
     "Telefonnr", "Telefon (mobil)", "Phone Number", "phone  number", "PHONE_NUMBER"],
)  # fmt: skip
def test_telephony_phone_headers(read: Read, header: str) -> None:
    contacts, _ = read(f"{header}\n{MOBILE}\n")
    assert sent(contacts) == [(Channel.SMS, MOBILE_E164)]


@pytest.mark.parametrize("header", ["E-postadress", "Epost adress", "E-mail address", "Från"])
def test_email_headers(read: Read, header: str) -> None:
    contacts, _ = read(f"{header}\nanna@example.se\n")
    assert sent(contacts) == [(Channel.EMAIL, "anna@example.se")]


@pytest.mark.parametrize(
    "header", ["Starttid", "Start Time", "Kontakttid", "Contact Time", "Datum/tid"]
)
def test_time_headers(read: Read, header: str) -> None:
    contacts, _ = read(f"{header};Telefon\n2026-03-13 08:15;{MOBILE}\n")
    assert contacts[0].contacted_at == datetime(2026, 3, 13, 8, 15, tzinfo=STOCKHOLM_TZ)


def test_a_municipality_maps_its_own_headers(read: Read) -> None:
    # Given a system whose columns have names no list could know, and a "Tid" column that
    # holds call durations
    tenant = Tenant.default().model_copy(
        update={
            "column_mapping": {
                "Kundens nr": "phone",
                "Svarsadress": "email",
                "Inkommet": "time",
                "Tid": "ignore",
            }
        }
    )
    text = (
        "Inkommet;Kundens nr;Svarsadress;Tid\n"
        f"2026-03-13 08:15;{MOBILE};;00:03:12\n"
        "2026-03-13 08:20;;anna@example.se;4 min\n"
    )
    contacts, reader = read(text, tenant=tenant)
    assert sent(contacts) == [(Channel.SMS, MOBILE_E164), (Channel.EMAIL, "anna@example.se")]
    assert contacts[0].contacted_at == datetime(2026, 3, 13, 8, 15, tzinfo=STOCKHOLM_TZ)
    assert reader.report.rejected == {}
    # Without the mapping the file has no contact column at all
    with pytest.raises(FileError):
        read(text)


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-13 8:15", datetime(2026, 3, 13, 8, 15)),
        ("2026-03-13 08.15", datetime(2026, 3, 13, 8, 15)),
        ("2026-03-13 08.15.30", datetime(2026, 3, 13, 8, 15, 30)),
        ("20260313", datetime(2026, 3, 13)),
        ("20260313 08:15", datetime(2026, 3, 13, 8, 15)),
        ("13.03.2026", datetime(2026, 3, 13)),
        ("13.3.2026", datetime(2026, 3, 13)),
        ("13.03.2026 08:15", datetime(2026, 3, 13, 8, 15)),
        ("13.03.2026 8.15", datetime(2026, 3, 13, 8, 15)),
        ("2026-03-13 08:15:00.000000", datetime(2026, 3, 13, 8, 15)),
    ],
)
def test_date_forms_of_real_exports(read: Read, value: str, expected: datetime) -> None:
    contacts, _ = read(f"Datum;Telefon\n{value};{MOBILE}\n")
    assert contacts[0].contacted_at == expected.replace(tzinfo=STOCKHOLM_TZ)


def test_a_day_first_date_is_never_read_month_first(read: Read) -> None:
    # 03.04.2026 is the 3rd of April, whatever a US system meant; 04/03/2026 is not guessed
    contacts, reader = read(
        f"Datum;Telefon\n03.04.2026;{MOBILE}\n04/03/2026;070-174 06 06\n",
        received_at=datetime(2026, 4, 4, tzinfo=UTC),
    )
    assert contacts[0].contacted_at == datetime(2026, 4, 3, tzinfo=STOCKHOLM_TZ)
    assert reader.report.rejected_rows == [(2, "invalid_date")]


def test_a_contact_time_more_than_an_hour_after_receipt_is_future_date(read: Read) -> None:
    received = datetime(2026, 3, 13, 12, 0, tzinfo=STOCKHOLM_TZ)
    rows = [
        "2026-03-13 12:59",  # a clock a little ahead: fine
        "2026-03-13 13:00",  # exactly an hour: fine
        "2026-03-13 13:01",  # more than an hour: refused
        "2027-03-13",  # a year out (a typo)
        "2026-03-13",  # the day itself
    ]
    numbers = ["070-174 06 05", "070-174 06 06", "070-174 06 07", "070-174 06 08", "070-174 06 09"]
    text = "Datum;Telefon\n" + "".join(f"{t};{n}\n" for t, n in zip(rows, numbers, strict=True))
    contacts, reader = read(text, received_at=received)
    assert [c.row for c in contacts] == [1, 2, 5]
    assert reader.report.rejected_rows == [(3, "future_date"), (4, "future_date")]


@pytest.mark.parametrize(
    ("tid", "expected"),
    [
        ("08:15", datetime(2026, 3, 13, 8, 15)),
        ("8:15", datetime(2026, 3, 13, 8, 15)),
        ("08.15", datetime(2026, 3, 13, 8, 15)),
        ("08:15:30", datetime(2026, 3, 13, 8, 15, 30)),
        ("", datetime(2026, 3, 13)),
    ],
)
def test_a_separate_tid_column_is_read(read: Read, tid: str, expected: datetime) -> None:
    contacts, _ = read(f"Datum;Tid;Telefon\n2026-03-13;{tid};{MOBILE}\n")
    assert contacts[0].contacted_at == expected.replace(tzinfo=STOCKHOLM_TZ)


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        ("Tid;Starttid", "08:15;2026-03-13 08:16", datetime(2026, 3, 13, 8, 16)),
        ("Tid;Datum", "08:15;2026-03-13", datetime(2026, 3, 13, 8, 15)),
        ("Datum;Starttid", "2026-03-13;2026-03-13 08:16", datetime(2026, 3, 13, 8, 16)),
    ],
)
def test_time_columns_in_any_order(read: Read, header: str, row: str, expected: datetime) -> None:
    contacts, _ = read(f"{header};Telefon\n{row};{MOBILE}\n")
    assert contacts[0].contacted_at == expected.replace(tzinfo=STOCKHOLM_TZ)


@pytest.mark.parametrize("tid", ["ca 8", "förmiddag", "25:00", "8", "08:75"])
def test_a_tid_column_that_is_not_a_clock_time_rejects_the_row(read: Read, tid: str) -> None:
    # never dropped silently: the row says why
    contacts, reader = read(f"Datum;Tid;Telefon\n2026-03-13;{tid};{MOBILE}\n")
    assert contacts == []
    assert reader.report.rejected_rows == [(1, "invalid_date")]


# --- numbers and addresses that Excel and mail programs made -------------------------------


@pytest.mark.parametrize("value", ["4,67012E+10", "4.67012E+10", "4,67E+10", "7,01741E+08"])
def test_a_number_excel_wrote_in_scientific_notation_is_excel_number(
    read: Read, value: str
) -> None:
    contacts, reader = read(f"Telefon;E-post\n{value};\n".encode("cp1252"))
    assert contacts == []
    assert reader.report.rejected_rows == [(1, "excel_number")]
    fix = MESSAGES[Reason.EXCEL_NUMBER]
    assert "Text" in fix.fix_en
    assert "Text" in fix.fix_sv


def test_an_excel_number_row_falls_back_to_its_email(read: Read) -> None:
    contacts, _ = read("Telefon;E-post\n4,67012E+10;anna@example.se\n")
    assert sent(contacts) == [(Channel.EMAIL, "anna@example.se")]


@pytest.mark.parametrize(
    "value", ["46701740613.0", "46701740613,0", "701740613.0", "0701740613.00"]
)
def test_a_phone_number_written_as_a_float_is_read(read: Read, value: str) -> None:
    contacts, _ = read(f"Telefon\n{value}\n")
    assert sent(contacts) == [(Channel.SMS, OTHER_E164)]


@pytest.mark.parametrize(
    "value",
    [
        "Nisse Hult <nisse@example.se>",
        '"Hult, Nisse" <nisse@example.se>',
        "mailto:nisse@example.se",
    ],
)
def test_display_name_and_mailto_addresses_are_read(read: Read, value: str) -> None:
    quoted = '"' + value.replace('"', '""') + '"'
    contacts, _ = read(f"E-post;Telefon\n{quoted};\n")
    assert sent(contacts) == [(Channel.EMAIL, "nisse@example.se")]


# --- messages -----------------------------------------------------------------------------


def test_every_reason_has_a_swedish_and_an_english_text_and_what_to_do() -> None:
    for reason in Reason:
        message = MESSAGES[reason]
        for language in LANGUAGES:
            assert message.text(language)
            assert message.fix(language)
        assert message.sv != message.en


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\r\n\r\n",
        b"%PDF-1.4",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00",
        b"PK\x03\x04garbage",
        "telefon\n".encode("utf-16-le"),
        b"telefon\x00",
        b"namn;adress\nAnna;Storgatan 1\n",
        b"070-1740605;anna@example.se\n",
        b'telefon;x\n070-1740605;"never closed\n' + b"a;b\n" * 40_000,
    ],
)
def test_every_file_error_is_in_swedish_and_english(read: Read, data: bytes) -> None:
    with pytest.raises(FileError) as raised:
        read(data)
    error = raised.value
    assert error.messages["sv"]
    assert error.messages["en"]
    assert error.messages["sv"] != error.messages["en"]
    assert error.message == f"{error.messages['sv']}. / {error.messages['en']}."
    assert not contains_personal_data(error.message)
    assert error.as_json()["error"] == error.code
