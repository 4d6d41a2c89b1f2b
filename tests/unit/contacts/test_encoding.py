"""Encodings: UTF-8 with or without BOM and Windows-1252, told apart and never silently wrong."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from shared.contacts import FileError, read_contacts
from shared.contacts.decoding import TextLines
from shared.core.tenants import Tenant

from .conftest import RECEIVED, Read

TEXT = "Ärende;Telefon;E-post\r\nSnöröjning Åsa;070-174 06 05;\r\nÖvrigt;;anna@exämple.se\r\n"


def lines(data: bytes, chunk: int = 64 * 1024) -> tuple[list[str], str]:
    text = TextLines(io.BytesIO(data), chunk_bytes=chunk)
    return list(text), text.encoding


@pytest.mark.parametrize(
    ("encoding", "label"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "windows-1252")],
)
def test_swedish_letters_come_out_right(tmp_path: Path, encoding: str, label: str) -> None:
    # Given the same file saved in each encoding
    path = tmp_path / "k.csv"
    path.write_bytes(TEXT.encode(encoding))
    # When it is read
    with path.open("rb") as stream:
        reader = read_contacts(stream, Tenant.default(), RECEIVED)
        contacts = list(reader)
    # Then å/ä/ö are right (the IDN domain becomes the right punycode) and the encoding is named
    assert reader.report.encoding == label
    assert [c.address for c in contacts] == ["+46701740605", "anna@xn--exmple-cua.se"]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 64])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_chunk_boundaries_never_split_a_letter_or_a_crlf(chunk: int, encoding: str) -> None:
    got, _ = lines(TEXT.encode(encoding), chunk)
    assert got == TEXT.splitlines(keepends=True)


def test_an_ascii_start_does_not_decide_the_encoding() -> None:
    # 100 KB of ASCII rows, then Windows-1252 letters: read as Windows-1252, not replaced
    data = (
        b"telefon;namn\r\n"
        + b"070-1740605;Anna\r\n" * 6000
        + "070-1740606;Åsa Öberg\r\n".encode("cp1252")
    )
    got, encoding = lines(data)
    assert got[-1] == "070-1740606;Åsa Öberg\r\n"
    assert encoding == "windows-1252"


def test_a_file_mixing_utf8_and_cp1252_is_read_right_and_named_mixed() -> None:
    # UTF-8 for the first 100 KB, then a row pasted in from a Windows-1252 export
    data = (
        b"telefon;namn\r\n"
        + "070-1740605;Märta\r\n".encode() * 6000
        + "070-1740606;Åsa Öberg\r\n".encode("cp1252")
        + "070-1740607;Pär\r\n".encode()
    )
    got, encoding = lines(data)
    assert got[-2:] == ["070-1740606;Åsa Öberg\r\n", "070-1740607;Pär\r\n"]
    assert encoding == "utf-8+windows-1252"


def test_cp1252_punctuation_and_unassigned_bytes_never_fail() -> None:
    got, encoding = lines(b"telefon;\x93citat\x94 \x80 \x81\r\n")
    assert got == ["telefon;\u201ccitat\u201d \u20ac \x81\r\n"]
    assert encoding == "windows-1252"


def test_an_ascii_file_is_utf8(read: Read) -> None:
    _, reader = read("telefon\n070-174 06 05\n")
    assert reader.report.encoding == "utf-8"


def test_a_bom_without_anything_else_is_an_empty_file(read: Read) -> None:
    from shared.contacts import FileError

    with pytest.raises(FileError, match="empty_file"):
        read(b"\xef\xbb\xbf")


def test_nul_bytes_after_the_first_chunk_refuse_the_file_as_they_would_in_it(read: Read) -> None:
    # the binary check covers the whole read, not only its first 64 KB (issue 22)
    data = b"telefon;x\n" + b"070-1740605;a\n" * 6000 + b"070-17\x0040606;b\n"
    with pytest.raises(FileError) as raised:
        read(data)
    assert raised.value.detail == "not_csv.binary"


def test_utf16_that_decodes_to_nul_characters_later_is_refused_as_binary(read: Read) -> None:
    text = "telefon\tx\r\n" + "070-1740605\ta\r\n" * 6000
    data = text.encode("utf-16") + b"\x00\x00" + "070-1740606\tb\r\n".encode("utf-16-le")
    with pytest.raises(FileError) as raised:
        read(data)
    assert raised.value.detail == "not_csv.binary"
