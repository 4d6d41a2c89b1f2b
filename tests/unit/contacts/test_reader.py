"""Reading contact files: which rows become contacts, and the reason for every other row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shared.contacts import FileError, Reason
from shared.core.models import Channel
from shared.core.tenants import Tenant

from .conftest import Read

# Numbers in the 070-1740xxx range and example.* domains: fictional by design.
MOBILE = "070-174 06 05"
MOBILE_E164 = "+46701740605"
OTHER_MOBILE = "073-174 06 06"
LANDLINE = "08-123 456 78"


def rejected(reader) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return reader.report.rejected_rows


@pytest.mark.parametrize(
    "header",
    [
        "telefon", "Telefonnummer", " TEL ", "mobil", "Mobilnummer", "phone", "Phone_Number",
        "msisdn", "kontakt", "Kontaktuppgift", "contact",
    ],
)  # fmt: skip
def test_every_phone_header_is_recognised(read: Read, header: str) -> None:
    contacts, _ = read(f"{header}\n{MOBILE}\n")
    assert [(c.channel, c.address) for c in contacts] == [(Channel.SMS, MOBILE_E164)]


@pytest.mark.parametrize(
    "header",
    ["e-post", "Epost", "E-postadress", "MEJL", "mail", " email ", "E-Mail", "kontakt", "contact"],
)
def test_every_email_header_is_recognised(read: Read, header: str) -> None:
    contacts, _ = read(f"{header}\nanna@example.se\n")
    assert [(c.channel, c.address) for c in contacts] == [(Channel.EMAIL, "anna@example.se")]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_delimiters_and_line_ends_are_detected(read: Read, delimiter: str, newline: str) -> None:
    text = newline.join(
        [
            delimiter.join(["Datum", "Telefon", "E-post", "Ärende"]),
            delimiter.join(["2026-03-13 08:02", MOBILE, "", "Bygglov"]),
            delimiter.join(["2026-03-13 08:03", "", "anna@example.se", "Skola"]),
        ]
    )
    contacts, reader = read(text + newline)
    assert reader.report.delimiter == delimiter
    assert [c.row for c in contacts] == [1, 2]


def test_quoted_fields_may_hold_delimiters_and_newlines(read: Read) -> None:
    text = (
        "Telefon;Ärende\r\n"
        f'{MOBILE};"Snöröjning; Ödegatan"\r\n'
        f'{OTHER_MOBILE};"två\r\nrader"\r\n'
        'anna@example.se;"x"\r\n'
    )
    contacts, reader = read(text)
    assert [c.row for c in contacts] == [1, 2]
    assert rejected(reader) == [(3, "invalid_phone")]


def test_blank_lines_are_skipped_and_not_counted(read: Read) -> None:
    text = f"\n\ntelefon;ärende\n\n{MOBILE};a\n;;\n   \n{OTHER_MOBILE};b\n\n12345;c\n"
    contacts, reader = read(text)
    assert [c.row for c in contacts] == [1, 2]
    assert reader.report.rows == 3
    assert rejected(reader) == [(3, "invalid_phone")]


def test_extra_columns_and_short_rows(read: Read) -> None:
    text = f"Namn;Telefon;Ärende;Handläggare;E-post\nA;{MOBILE};x;y\nB\n"
    contacts, reader = read(text)
    assert [c.address for c in contacts] == [MOBILE_E164]
    assert rejected(reader) == [(2, "missing_contact")]


def test_a_row_without_channel_prefers_a_mobile_then_email(read: Read) -> None:
    text = (
        "telefon;e-post\n"
        f"{MOBILE};anna@example.se\n"  # both: SMS
        f"{LANDLINE};bo@example.se\n"  # landline: the e-mail
        f"{LANDLINE};bad@\n"  # neither: the reason of the phone, tried first
        f";bad@\n"
        "+358 40 1234567;cia@example.se\n"  # foreign mobile: the e-mail
    )
    contacts, reader = read(text)
    assert [(c.row, c.channel) for c in contacts] == [
        (1, Channel.SMS),
        (2, Channel.EMAIL),
        (5, Channel.EMAIL),
    ]
    assert rejected(reader) == [(3, "not_mobile"), (4, "invalid_email")]


def test_the_channel_column_decides_and_the_other_identifier_is_the_fallback(read: Read) -> None:
    text = (
        "kanal;telefon;e-post\n"
        f"E-post;{MOBILE};anna@example.se\n"  # channel e-mail wins over a mobile
        f"Telefon;{OTHER_MOBILE};bo@example.se\n"
        f"e-post;070-174 06 07;bad@\n"  # e-mail unusable: the mobile
        f"samtal;{LANDLINE};bad@\n"  # both unusable: the phone's reason
        f"mejl;{LANDLINE};bad@\n"  # both unusable: the e-mail's reason
        f"chatt;070-174 06 08;cia@example.se\n"  # unknown channel: as if none (SMS first)
    )
    contacts, reader = read(text)
    assert [(c.row, c.channel) for c in contacts] == [
        (1, Channel.EMAIL),
        (2, Channel.SMS),
        (3, Channel.SMS),
        (6, Channel.SMS),
    ]
    assert rejected(reader) == [(4, "not_mobile"), (5, "invalid_email")]


@pytest.mark.parametrize(
    ("value", "channel"),
    [("telefon", Channel.SMS), ("Samtal", Channel.SMS), ("PHONE", Channel.SMS),
     ("call", Channel.SMS), ("e-post", Channel.EMAIL), ("epost", Channel.EMAIL),
     ("mejl", Channel.EMAIL), ("Mail", Channel.EMAIL), ("email", Channel.EMAIL)],
)  # fmt: skip
def test_channel_values(read: Read, value: str, channel: Channel) -> None:
    contacts, _ = read(f"channel,phone,email\n {value} ,{MOBILE},anna@example.se\n")
    assert contacts[0].channel is channel


def test_a_contact_column_holds_either(read: Read) -> None:
    contacts, reader = read(f"kontakt\n{MOBILE}\nAnna@Example.se\n{LANDLINE}\nx@y\n")
    assert [(c.channel, c.address) for c in contacts] == [
        (Channel.SMS, MOBILE_E164),
        (Channel.EMAIL, "Anna@example.se"),
    ]
    assert rejected(reader) == [(3, "not_mobile"), (4, "invalid_email")]


def test_duplicates_match_across_formats_and_case(read: Read) -> None:
    text = (
        "telefon;e-post\n"
        f"{MOBILE};anna@example.se\n"
        "+46 (0)70 174 06 05;\n"  # row 1's number
        ";ANNA@EXAMPLE.SE\n"  # row 1's other identifier, other case
        f"0046701740605;\n"
        f"{LANDLINE};\n"  # rejected, so its number marks nobody
        f"{LANDLINE};bo@example.se\n"
        ";bo@example.se\n"
    )
    contacts, reader = read(text)
    assert [c.row for c in contacts] == [1, 6]
    assert rejected(reader) == [(2, "duplicate"), (3, "duplicate"), (4, "duplicate"),
                                (5, "not_mobile"), (7, "duplicate")]  # fmt: skip


def test_only_accepted_rows_make_later_rows_duplicates(read: Read) -> None:
    text = f"datum;telefon\n2026-01-01;{MOBILE}\n2026-03-13;{MOBILE}\n2026-03-13;{MOBILE}\n"
    contacts, reader = read(text)
    assert [c.row for c in contacts] == [2]
    assert rejected(reader) == [(1, "too_old"), (3, "duplicate")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-13", datetime(2026, 3, 12, 23, 0, tzinfo=UTC)),
        ("2026-03-13 08:02", datetime(2026, 3, 13, 7, 2, tzinfo=UTC)),
        ("2026-03-13T08:02", datetime(2026, 3, 13, 7, 2, tzinfo=UTC)),
        ("2026-03-13 08:02:30", datetime(2026, 3, 13, 7, 2, 30, tzinfo=UTC)),
        ("2026-03-13T08:02:00+01:00", datetime(2026, 3, 13, 7, 2, tzinfo=UTC)),
        ("2026-03-13T08:02:00Z", datetime(2026, 3, 13, 8, 2, tzinfo=UTC)),
        ("2026-03-13T08:02+0200", datetime(2026, 3, 13, 6, 2, tzinfo=UTC)),
    ],
)
def test_iso_times_with_stockholm_as_the_default_zone(
    read: Read, value: str, expected: datetime
) -> None:
    contacts, _ = read(f"tidpunkt;telefon\n{value};{MOBILE}\n")
    assert contacts[0].contacted_at == expected


def test_summer_time_in_stockholm(read: Read) -> None:
    contacts, _ = read(
        f"datum;telefon\n2026-06-10 12:00;{MOBILE}\n", received_at=datetime(2026, 6, 11, tzinfo=UTC)
    )
    assert contacts[0].contacted_at == datetime(2026, 6, 10, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    ["13/03/2026", "03/13/2026", "3/13/2026", "46094", "46094,35", "2026-13-03",
     "2026-03-13 25:00", "2026-02-30", "31.02.2026", "13.03.26", "2026-3-13", "igår"],
)  # fmt: skip
def test_invalid_dates(read: Read, value: str) -> None:
    contacts, reader = read(f"datum;telefon\n{value};{MOBILE}\n")
    assert contacts == []
    assert rejected(reader) == [(1, "invalid_date")]


def test_an_empty_time_cell_is_no_time(read: Read) -> None:
    contacts, _ = read(f"datum;telefon\n;{MOBILE}\n")
    assert contacts[0].contacted_at is None


def test_separate_date_and_time_columns_are_joined(read: Read) -> None:
    contacts, _ = read(f"datum;tid;telefon\n2026-03-13;08:02;{MOBILE}\n")
    assert contacts[0].contacted_at == datetime(2026, 3, 13, 7, 2, tzinfo=UTC)


def test_too_old_is_judged_against_the_tenants_maximum_age(read: Read) -> None:
    tenant = Tenant.default().model_copy(update={"max_contact_age_days": 2})
    received = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
    limit = received - timedelta(days=2)
    just_in = (limit + timedelta(minutes=1)).isoformat()
    just_out = (limit - timedelta(minutes=1)).isoformat()
    text = (
        f"datum;telefon\n{just_in};{MOBILE}\n{just_out};{OTHER_MOBILE}\n"
        "2026-03-12;070-174 06 07\n"  # a day: kept while any moment of it is recent enough
        "2026-03-11;070-174 06 08\n"
    )
    contacts, reader = read(text, tenant=tenant, received_at=received)
    assert [c.row for c in contacts] == [1, 3]
    assert rejected(reader) == [(2, "too_old"), (4, "too_old")]


def test_a_bad_contact_is_reported_before_a_bad_date(read: Read) -> None:
    text = f"datum;telefon\nigår;{LANDLINE}\nigår;\n2020-01-01;12345\nigår;{MOBILE}\n"
    _, reader = read(text)
    assert rejected(reader) == [
        (1, "not_mobile"), (2, "missing_contact"), (3, "invalid_phone"), (4, "invalid_date")
    ]  # fmt: skip


def test_a_date_problem_is_reported_before_a_duplicate(read: Read) -> None:
    _, reader = read(f"datum;telefon\n2026-03-13;{MOBILE}\nigår;{MOBILE}\n")
    assert rejected(reader) == [(2, "invalid_date")]


def test_every_reason_and_the_report_counts(read: Read) -> None:
    text = (
        "datum;kanal;telefon;e-post\n"
        f"2026-03-13;telefon;{MOBILE};\n"
        "2026-03-13;e-post;;anna@example.se\n"
        "2026-03-13;telefon;;\n"
        "2026-03-13;telefon;12345;\n"
        "2026-03-13;telefon;4,67017E+10;\n"
        f"2026-03-13;telefon;{LANDLINE};\n"
        "2026-03-13;telefon;+358 40 1234567;\n"
        "2026-03-13;e-post;;åsa@example.se\n"
        f"2026-03-13;telefon;{MOBILE};\n"
        f"igår;telefon;{OTHER_MOBILE};\n"
        f"2026-03-15;telefon;{OTHER_MOBILE};\n"
        f"2026-01-01;telefon;{OTHER_MOBILE};\n"
    )
    _, reader = read(text)
    report = reader.report
    assert (report.rows, report.accepted, report.sms, report.email) == (12, 2, 1, 1)
    assert report.rejected == {reason.value: 1 for reason in Reason}
    assert report.as_json("k.csv")["rejected_rows"] == [
        {"row": n, "reason": r.value} for n, r in zip(range(3, 13), Reason, strict=True)
    ]


def test_a_tenant_may_allow_more_countries(read: Read) -> None:
    tenant = Tenant.default().model_copy(update={"allowed_sms_countries": ("SE", "FI")})
    contacts, _ = read("telefon\n+358 40 1234567\n", tenant=tenant)
    assert [c.address for c in contacts] == ["+358401234567"]


def test_rows_are_numbered_after_the_header_even_with_quoted_newlines(read: Read) -> None:
    text = f'ärende;telefon\n"a\nb\nc";{MOBILE}\nx;{OTHER_MOBILE}\n'
    contacts, _ = read(text)
    assert [c.row for c in contacts] == [1, 2]


def test_the_report_never_holds_a_contact(read: Read) -> None:
    from shared.platform.redaction import contains_personal_data

    text = (
        f"telefon;e-post\n{MOBILE};\n{LANDLINE};bad@example\n;anna@example.se\n;anna@example.se\n"
    )
    _, reader = read(text)
    assert not contains_personal_data(str(reader.report.as_json("kontakter.csv")))


def test_a_file_with_only_a_header_has_no_rows(read: Read) -> None:
    contacts, reader = read("telefon;e-post\r\n")
    assert contacts == []
    assert reader.report.as_json("f.csv") | {"file": ""} == {
        "file": "", "format": "csv", "encoding": "utf-8", "delimiter": ";", "header_row": 1,
        "rows": 0, "accepted": 0, "sms": 0, "email": 0, "rejected": {}, "rejected_rows": [],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"\r\n\r\n  \r\n", "empty_file"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "not_csv"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "not_csv"),
        ("telefon\n070\n".encode("utf-16-le"), "not_csv"),  # UTF-16 without its BOM
        (b"PK\x05\x06" + bytes(18), "not_csv"),  # an empty ZIP archive
        (b"%PDF-1.7\n", "not_csv"),
        (b"Kontaktrapport;;\n" * 12, "no_contact_column"),  # more than 10 title rows
        (b"telefon\x00;x\n", "not_csv"),
        (b"namn;adress\nAnna;Storgatan 1\n", "no_contact_column"),
        (b"070-1740605;anna@example.se\n070-1740606;bo@example.se\n", "no_contact_column"),
    ],
)
def test_file_errors(read: Read, data: bytes, code: str) -> None:
    with pytest.raises(FileError) as raised:
        read(data)
    assert raised.value.code == code
    from shared.platform.redaction import contains_personal_data

    assert not contains_personal_data(raised.value.message)


def test_a_runaway_quote_is_a_file_error_not_unbounded_memory(read: Read) -> None:
    data = b'telefon;x\n070-1740605;"never closed\n' + b"a;b\n" * 40_000
    with pytest.raises(FileError) as raised:
        read(data)
    assert raised.value.code == "not_csv"


def test_received_at_must_be_aware(read: Read) -> None:
    with pytest.raises(ValueError, match="aware"):
        read("telefon\n", received_at=datetime(2026, 3, 14))


def test_a_reader_is_iterated_once(read: Read) -> None:
    _, reader = read(f"telefon\n{MOBILE}\n")
    with pytest.raises(RuntimeError):
        list(reader)
