"""Bounded work for every file, before it is read whole (issue 22): the crash inputs of the
issue, built small in the test, are refused with a reason in Swedish and English — never a
panic, an abort or an out-of-memory — and a file within the limits is still read."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from shared.cli import main
from shared.contacts import FileError, read_contacts, workbook
from shared.contacts import reader as reader_module
from shared.contacts.reasons import LANGUAGES, MESSAGES
from shared.contacts.workbook import ReaderFailed, Workbook
from shared.core.tenants import Tenant
from shared.ingest import files, reading
from shared.platform.redaction import contains_personal_data
from tests import hostile

RECEIVED = datetime(2026, 3, 14, 7, tzinfo=UTC)


def _read(data: bytes) -> tuple[list[object], reader_module.ContactReader]:
    reader = read_contacts(io.BytesIO(data), Tenant.default(), RECEIVED)
    return list(reader), reader


def _refused(data: bytes) -> FileError:
    with pytest.raises(FileError) as raised:
        _read(data)
    error = raised.value
    for language in LANGUAGES:  # each refusal says what and what to do in both languages
        assert MESSAGES[error.detail].text(language, **error.params) in error.messages[language]
    assert not contains_personal_data(error.message)
    return error


# --- workbooks --------------------------------------------------------------------------------


def test_a_date_cell_at_minus_1e15_refuses_the_workbook_instead_of_panicking() -> None:
    error = _refused(hostile.far_date())
    assert isinstance(error, ReaderFailed)
    assert (error.code, error.detail, error.cause) == (
        "not_csv",
        "not_csv.reader_failed",
        "PanicException",
    )


def test_the_panic_is_caught_also_when_the_reader_runs_in_process() -> None:
    book = Workbook(hostile.far_date(), isolated=False)

    def read_every_sheet() -> None:
        for _first, rows in book.sheets():
            list(rows)

    with pytest.raises(ReaderFailed) as raised:
        read_every_sheet()
    assert raised.value.cause == "PanicException"


@pytest.mark.parametrize(
    ("data", "last"),
    [
        (hostile.two_corners(), "XFD1048576"),  # 2^34 cells: a 512 GiB allocation and SIGABRT
        (hostile.wide_corner(), "ALL200000"),  # 200,000 × 1,000 cells: 6.2 GB
    ],
    ids=["A1+XFD1048576", "A1+ALL200000"],
)
def test_two_cells_far_apart_refuse_the_workbook_before_calamine_sees_it(
    data: bytes, last: str
) -> None:
    assert len(data) < 5_000
    error = _refused(data)
    assert (error.code, error.detail) == ("over_limit", "over_limit.workbook_cells")
    assert last in error.messages["sv"]
    assert last in error.messages["en"]


def test_many_number_cells_without_references_are_counted_by_their_position() -> None:
    # 100,001 rows × 60 cells with no r attribute (the 500k × 60, smaller): over 6M
    data = hostile.many_numbers(rows=100_001, columns=60)
    error = _refused(data)
    assert error.detail == "over_limit.workbook_cells"
    assert "BH" in error.messages["en"]  # the 60th column


def test_whitespace_that_unpacks_past_the_limit_refuses_the_workbook(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the 1 GB of whitespace in a 1 MB file, at 1/256 scale against a lower limit
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 2 * 2**20)
    error = _refused(hostile.whitespace(megabytes=4))
    assert (error.detail, error.params) == ("over_limit.workbook_unpacked", {"limit": 2})


def test_without_the_check_the_child_process_takes_the_abort(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given the check switched off: calamine itself gets the 512 GiB workbook
    monkeypatch.setattr(workbook, "check", lambda data: None)

    # Then the child aborts, not this process: the file is refused, and says how it ended
    error = _refused(hostile.two_corners())
    assert isinstance(error, ReaderFailed)
    assert error.cause in {"SIGABRT", "SIGKILL", "MemoryError"}


def test_a_workbook_within_the_limits_is_read_whole() -> None:
    rows = [hostile.HEADER] + [
        hostile.row(n, [hostile.text_cell(f"A{n}", f"070-174 06 {n % 90 + 10:02d}")])
        for n in range(2, 502)
    ]
    contacts, reader = _read(hostile.workbook(rows))
    assert (reader.report.format, reader.report.rows, len(contacts)) == ("xlsx", 500, 90)


def test_a_workbook_header_wider_than_the_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reader_module, "MAX_COLUMNS", 50)
    cells = [hostile.text_cell("A1", "Telefon")] + [
        hostile.text_cell(f"{workbook.column_letters(n)}1", f"x{n}") for n in range(2, 61)
    ]
    error = _refused(hostile.workbook([hostile.row(1, cells)]))
    assert (error.detail, error.params) == ("over_limit.columns", {"columns": 60, "limit": 50})


def test_column_letters_and_numbers_agree() -> None:
    for number in (1, 26, 27, 52, 703, 1000, 16384):
        assert workbook.column_number(workbook.column_letters(number).encode()) == number
    assert workbook.column_letters(16384) == "XFD"


# --- text files -------------------------------------------------------------------------------


def test_a_header_field_over_128_kb_is_a_file_error_not_a_crash() -> None:
    data = b'"' + b"x" * (200 * 1024) + b'";telefon\n070-174 06 05;x\n'
    error = _refused(data)
    assert (error.code, error.detail) == ("not_csv", "not_csv.broken_header")


def test_a_long_first_line_refuses_its_file_alone_in_the_ingest() -> None:
    data = b'"' + b"x" * (200 * 1024) + b'";telefon\n070-174 06 05;x\n'
    read = reading.read_file(io.BytesIO(data), Tenant.default(), RECEIVED, lambda _c: None)
    assert (read.outcome, read.fields["error"]) == (files.Outcome.FILE_ERROR, "not_csv")


def test_a_header_of_100000_columns_is_refused_before_any_row() -> None:
    header = "telefon;" + ";".join(f"k{n}" for n in range(100_000))
    error = _refused((header + "\n" + "070-174 06 05\n" * 10).encode())
    assert (error.code, error.detail) == ("over_limit", "over_limit.columns")
    assert error.params == {"columns": 100_001, "limit": reader_module.MAX_COLUMNS}


def test_a_phone_column_far_right_costs_nothing_per_short_row() -> None:
    # within the limit: the header's width, not a pad of 100,000 fields per row
    header = ";".join(f"k{n}" for n in range(reader_module.MAX_COLUMNS - 1)) + ";telefon"
    contacts, reader = _read((header + "\n" + "x\n" * 1000).encode())
    assert (reader.report.rows, contacts) == (1000, [])


def test_a_data_row_wider_than_the_limit_is_refused() -> None:
    row = ";" * (reader_module.MAX_COLUMNS + 5)
    error = _refused(("telefon;x\n070-174 06 05;a\n070-174 06 06" + row + "\n").encode())
    assert (error.detail, error.params["row"]) == ("over_limit.row_columns", 2)


@pytest.mark.parametrize("where", ["below", "above"])
def test_blank_lines_count_towards_the_work_limit(
    monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # 512 MB of newlines took three minutes with no limit: blank lines are work too
    monkeypatch.setattr(reader_module, "MAX_LINES", 1_000)
    blank = b"\n" * 1_500
    body = b"telefon;x\n070-174 06 05;a\n"
    error = _refused(blank + body if where == "above" else body + blank + b"070-174 06 06;b\n")
    assert (error.code, error.detail) == ("over_limit", "over_limit.lines")


def test_blank_lines_within_the_limit_still_do_not_count_as_rows() -> None:
    contacts, reader = _read(b"telefon;x\n\n\n;;\n070-174 06 05;a\n\n")
    assert (reader.report.rows, len(contacts)) == (1, 1)


def test_a_report_s_file_name_keeps_no_escape_or_bidi_control() -> None:
    _contacts, reader = _read(b"telefon\n070-174 06 05\n")
    name = "kontakter\x1b[2J\u202etxt.exe\u2066.csv\x07"
    assert reader.report.as_json(name)["file"] == "kontakter[2Jtxt.exe.csv"


# --- the validate command -------------------------------------------------------------------


def test_validate_refuses_the_panicking_workbook_with_exit_2_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kontakter.xlsx"
    path.write_bytes(hostile.far_date())
    code = main(["validate", str(path), "--received", "2026-03-14", "--json"])
    out, err = capsys.readouterr()
    assert code == 2
    assert json.loads(out)["error"] == "not_csv"
    assert "reader stopped" in out
    assert "Traceback" not in out + err
