"""From a binary stream to text lines: file checks, encoding detection, bounded memory.

Encodings: UTF-8 (with or without BOM) and Windows-1252, told apart per chunk of bytes rather
than guessed once from a prefix:

- a chunk that is pure ASCII reads the same in both, so nothing is decided by it;
- a chunk that decodes as UTF-8 is UTF-8 (Windows-1252 text with å/ä/ö is never valid UTF-8:
  its letters are single bytes ≥ 0x80 where UTF-8 needs a lead byte plus continuation bytes);
- a chunk that does not is Windows-1252, except that byte sequences in it that *are* valid
  UTF-8 multi-byte characters are still read as UTF-8 (a file pasted together from both).

So a file that is ASCII or UTF-8 for its first megabytes and has Windows-1252 letters later
still comes out right, and the report names what was found: ``utf-8``, ``utf-8-sig`` (with a
BOM), ``windows-1252``, or ``…+windows-1252`` when one file mixes both — a warning for the
municipality to fix its export, not a silent guess. The only misreading left is Windows-1252
text that happens to contain a valid UTF-8 byte pair such as ``Ã¥`` (already mojibake).

UTF-16 with a byte-order mark (Excel's "Unicode text": UTF-16LE, tab-separated) is decoded
incrementally and reported as ``utf-16``; UTF-16 without a BOM is refused (it cannot be told
from binary data safely).

Memory: one chunk (64 KB) plus one partial line; a "line" longer than 1 MB is refused.
"""

from __future__ import annotations

import codecs
import io
import itertools
import re
from collections.abc import Iterator
from typing import Protocol

from shared.contacts.reasons import FileError, FileErrorCode

CHUNK_BYTES = 64 * 1024
MAX_LINE_CHARS = 1024 * 1024

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
UTF16 = "utf-16"
CP1252 = "windows-1252"

_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Magic numbers of files that are not text (an .xlsx is read before it gets here).
_BINARY_MAGIC = {
    b"PK\x03\x04": "not_csv.zip",
    b"PK\x05\x06": "not_csv.zip",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "not_csv.xls",
    b"%PDF": "not_csv.pdf",
    b"\x1f\x8b": "not_csv.gzip",
}
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CP1252_FALLBACK = "servicematning-cp1252"
# Every UTF-8 multi-byte character has a lead byte (0xc2-0xf4) right before a continuation
# byte (0x80-0xbf). Mapping bytes to those two classes and looking for the pair is ~50 times
# faster than the regex, which then only runs on chunks that may hold such a character.
_BYTE_CLASSES = bytes(
    ord("L") if 0xC2 <= b <= 0xF4 else ord("C") if 0x80 <= b <= 0xBF else ord(".")
    for b in range(256)
)


_UNASSIGNED = "servicematning-unassigned-cp1252"


def _unassigned_as_latin1(error: UnicodeError) -> tuple[str, int]:
    # Windows-1252 leaves five bytes (0x81 0x8d 0x8f 0x90 0x9d) unassigned; read them as the
    # Latin-1 control characters, as the WHATWG encoding standard does, instead of failing.
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error(_UNASSIGNED, _unassigned_as_latin1)


def decode_cp1252(data: bytes) -> str:
    return data.decode("cp1252", _UNASSIGNED)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return decode_cp1252(error.object[error.start : error.end]), error.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)

_UNASSIGNED_UTF16 = "replace"  # a lone surrogate in UTF-16 becomes U+FFFD, never an exception


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def _incomplete_tail(data: bytes) -> int:
    """How many trailing bytes start a UTF-8 character that the next chunk completes."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return 0
        if byte >= 0xC0:
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return back if needed > back else 0
    return 0


class TextLines:
    """Iterates the text lines (with their line ends) of a CSV file given as a byte stream."""

    def __init__(
        self, stream: Readable, chunk_bytes: int = CHUNK_BYTES, first: bytes = b""
    ) -> None:
        self._stream = stream
        self._chunk_bytes = chunk_bytes
        self._prefix = first  # bytes already read from the stream by the caller (its sniffing)
        self._bom = False
        self._utf16: codecs.IncrementalDecoder | None = None
        self._saw_utf8 = False
        self._saw_cp1252 = False
        self._first = self._read_first()

    @property
    def encoding(self) -> str:
        if self._utf16 is not None:
            return UTF16
        if self._saw_cp1252 and not (self._saw_utf8 or self._bom):
            return CP1252
        base = UTF8_BOM if self._bom else UTF8
        return f"{base}+{CP1252}" if self._saw_cp1252 else base

    def _read(self) -> bytes:
        if self._prefix:
            prefix, self._prefix = self._prefix, b""
            return prefix
        return bytes(self._stream.read(self._chunk_bytes))

    def _read_first(self) -> bytes:
        first = self._read()
        while 0 < len(first) < 8:  # a stream may return short reads; the magic needs 8 bytes
            more = self._read()
            if not more:
                break
            first += more
        if not first:
            raise FileError(FileErrorCode.EMPTY_FILE, "empty_file.zero_bytes")
        if first.startswith(_UTF16_BOMS):
            # the BOM tells the byte order; the decoder consumes it
            self._utf16 = codecs.getincrementaldecoder("utf-16")(_UNASSIGNED_UTF16)
            return first
        for magic, detail in _BINARY_MAGIC.items():
            if first.startswith(magic):
                raise FileError(FileErrorCode.NOT_CSV, detail)
        if b"\x00" in first:
            # a NUL every other byte is UTF-16 without its BOM
            utf16ish = (
                first[1::2].count(0) > len(first) // 4 or first[::2].count(0) > len(first) // 4
            )
            raise FileError(
                FileErrorCode.NOT_CSV, "not_csv.utf16_no_bom" if utf16ish else "not_csv.binary"
            )
        if first.startswith(_BOM):
            self._bom = True
            first = first[len(_BOM) :]
        return first

    def _decode(self, data: bytes) -> str:
        if data.isascii():
            return data.decode("ascii")
        try:
            text = data.decode(UTF8)
        except UnicodeDecodeError:
            self._saw_cp1252 = True
            if b"LC" in data.translate(_BYTE_CLASSES) and _UTF8_MULTIBYTE.search(data):
                self._saw_utf8 = True
                return data.decode(UTF8, _CP1252_FALLBACK)
            return decode_cp1252(data)
        self._saw_utf8 = True
        return text

    def _texts(self) -> Iterator[str]:
        if self._utf16 is not None:
            yield from self._utf16_texts(self._utf16)
            return
        carry = b""
        data = self._first
        self._first = b""
        while data:
            if b"\x00" in data:  # anywhere in the file, not only in its first chunk
                raise FileError(FileErrorCode.NOT_CSV, "not_csv.binary")
            data = carry + data
            cut = len(data) - _incomplete_tail(data)
            carry = data[cut:]
            if cut:
                yield self._decode(data[:cut])
            data = self._read()
        if carry:
            yield self._decode(carry)

    def _utf16_texts(self, decoder: codecs.IncrementalDecoder) -> Iterator[str]:
        data = self._first
        self._first = b""
        while data:
            text = decoder.decode(data)
            if "\x00" in text:  # a NUL character: binary data after a UTF-16 BOM
                raise FileError(FileErrorCode.NOT_CSV, "not_csv.binary")
            if text:
                yield text
            data = self._read()
        tail = decoder.decode(b"", final=True)
        if "\x00" in tail:
            raise FileError(FileErrorCode.NOT_CSV, "not_csv.binary")
        if tail:
            yield tail

    def _whole_lines(self) -> Iterator[str]:
        """Decoded text cut after its last complete line; the rest waits for the next chunk."""
        pending = ""
        for text in self._texts():
            if pending:
                text = pending + text
            # A CR at the very end may be the first half of a CRLF: never cut right after it.
            cut = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
            pending = text[cut:]
            if len(pending) > MAX_LINE_CHARS:
                raise FileError(FileErrorCode.NOT_CSV, "not_csv.long_line")
            if cut:
                yield text[:cut]
        if pending:
            yield pending

    def __iter__(self) -> Iterator[str]:
        # Lines are split by StringIO (universal newlines, ends kept) and chained in C: the
        # csv reader pulls them without a Python frame per line.
        return itertools.chain.from_iterable(
            io.StringIO(text, newline="") for text in self._whole_lines()
        )
