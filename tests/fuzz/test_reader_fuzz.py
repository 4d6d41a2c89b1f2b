"""Fuzz target of the contact file reader: CSV (UTF-8, Windows-1252, UTF-16 with its BOM) and
.xlsx, seeded from samples/ and issue 22's crash inputs, mutated byte by byte and built from a
small grammar of cells. Whatever the bytes, reading ends in a report or a ``FileError`` (the
file refused with a reason in both languages): never another exception, a panic, an abort.

    make fuzz            # FUZZ_EXAMPLES=20000 per target
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from shared.contacts import FileError, read_contacts
from shared.core.tenants import Tenant
from shared.ingest import files, reading
from tests import hostile
from tests.conftest import SAMPLES
from tests.fuzz.conftest import FUZZ

RECEIVED = datetime(2026, 3, 14, 7, tzinfo=UTC)
TEXT_SEEDS = [path.read_bytes() for path in sorted(SAMPLES.iterdir()) if path.is_file()]
WORKBOOK_SEEDS = [
    hostile.workbook([hostile.HEADER, hostile.GOOD_ROW]),
    hostile.far_date(),
    hostile.two_corners(),
    hostile.wide_corner(),
]


def read_whole(data: bytes) -> None:
    """The property: a report whose counts add up, or a FileError with both languages."""
    refused: FileError | None = None
    try:
        reader = read_contacts(io.BytesIO(data), Tenant.default(), RECEIVED)
        accepted = list(reader)
    except FileError as error:
        refused = error
    if refused is not None:
        assert refused.messages["sv"]
        assert refused.messages["en"]
        return
    report = reader.report
    assert report.accepted == len(accepted)
    assert report.accepted + report.rejected_count == report.rows


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "truncate", "splice"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(
                st.one_of(
                    st.binary(max_size=16),
                    st.sampled_from([b"\x00", b'"', b"\r", b"\n" * 50, b";" * 300, b"\xff\xfe"]),
                )
            )
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "repeat":
            piece = bytes(data[at : at + draw(st.integers(1, 64))])
            data[at:at] = piece * draw(st.integers(1, 50))
        elif kind == "truncate":
            del data[at:]
        else:
            other = draw(st.sampled_from(seeds))
            data[at:] = other[draw(st.integers(0, max(0, len(other) - 1))) :]
    return bytes(data)


field_text = st.one_of(
    st.sampled_from(
        [
            "070-174 06 05",
            "+46 70 174 06 06",
            "4,67012E+10",
            "anna@example.se",
            "mailto:x@y.se",
            "2026-03-13 08:02",
            "13.03.2026",
            "telefon",
            "e-post",
            "kanal",
            "datum",
            "",
        ]
    ),
    st.text(max_size=20),
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    newline = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    quote = draw(st.booleans())
    header = draw(
        st.lists(
            st.sampled_from(
                ["Telefon", "E-post", "Kanal", "Datum", "Tid", "kontakt", "Ärende", "x"]
            ),
            min_size=1,
            max_size=6,
        )
    )
    rows = draw(st.lists(st.lists(field_text, max_size=7), max_size=20))
    lines = [header, *rows]
    text = newline.join(
        delimiter.join(f'"{f}"' if quote and f else f for f in line) for line in lines
    )
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, "replace")


cell_ref = st.one_of(
    st.builds(
        lambda c, r: f"{c}{r}",
        st.sampled_from(["A", "B", "Z", "AA", "XFD", "ZZZZ"]),
        st.integers(0, 1_100_000),
    ),
    st.sampled_from(["", "1A", "A", "A-1", "a1"]),
)
cell_value = st.one_of(
    st.sampled_from(
        ["-1e15", "1e308", "nan", "inf", "-0", "46094.35", "2958466", "-1", "1e-300", "", "x"]
    ),
    st.floats(allow_nan=True).map(repr),
    st.integers(-(10**20), 10**20).map(str),
)


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    rows = [hostile.HEADER]
    for number in range(2, 2 + draw(st.integers(0, 6))):
        cells = []
        for _ in range(draw(st.integers(0, 4))):
            ref = draw(cell_ref)
            kind = draw(st.sampled_from(["text", "number", "date", "bool", "error"]))
            if kind == "text":
                cells.append(hostile.text_cell(ref, draw(field_text).replace("<", "&lt;")))
            elif kind == "bool":
                cells.append(f'<c r="{ref}" t="b"><v>{draw(cell_value)}</v></c>')
            elif kind == "error":
                cells.append(f'<c r="{ref}" t="e"><v>#DIV/0!</v></c>')
            else:
                cells.append(hostile.number_cell(ref, draw(cell_value), date=kind == "date"))
        rows.append(
            hostile.row(draw(st.integers(0, 1_100_000)) if draw(st.booleans()) else number, cells)
        )
    return hostile.workbook(rows, dimension=draw(st.sampled_from([None, "A1:B2", "A1:XFD1048576"])))


@FUZZ
@given(mutated(TEXT_SEEDS))
def test_mutated_text_samples_are_read_or_refused(data: bytes) -> None:
    read_whole(data)


@FUZZ
@given(csv_files())
def test_generated_csv_in_every_encoding_is_read_or_refused(data: bytes) -> None:
    read_whole(data)


@FUZZ
@given(workbooks())
def test_generated_workbooks_are_read_or_refused(data: bytes) -> None:
    read_whole(data)


@FUZZ
@given(mutated(WORKBOOK_SEEDS))
def test_mutated_workbooks_are_read_or_refused(data: bytes) -> None:
    read_whole(data)


@FUZZ
@given(mutated(TEXT_SEEDS + WORKBOOK_SEEDS))
def test_the_ingest_refuses_a_file_it_cannot_read_and_never_raises(data: bytes) -> None:
    read = reading.read_file(io.BytesIO(data), Tenant.default(), RECEIVED, lambda _c: None)
    assert read.outcome in (files.Outcome.INGESTED, files.Outcome.FILE_ERROR)
