"""Bounded memory: a 200,000-row file is read without keeping the file or its rows."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator

import pytest

from shared.contacts import read_contacts
from shared.core.tenants import Tenant

from .conftest import RECEIVED

ROWS = 200_000


class GeneratedFile:
    """A file-like object whose rows are generated as they are read (never all in memory)."""

    def __init__(self, rows: int) -> None:
        self._lines = self._generate(rows)
        self._buffer = b""
        self.size = 0

    @staticmethod
    def _generate(rows: int) -> Iterator[bytes]:
        yield "Datum;Kanal;Telefonnummer;E-post;Ärende\r\n".encode("cp1252")
        for row in range(rows):
            # the same few people over and over: every row after the first few is a duplicate,
            # so what the reader keeps cannot grow with accepted contacts, only with the file
            person = row % 4
            contact = f";{person}@example.se" if person == 3 else f"070-174 06 1{person};"
            line = f"2026-03-13 08:{row % 60:02d};Telefon;{contact};Snöröjning, Ödegatan {row}\r\n"
            yield line.encode("cp1252")

    def read(self, size: int = -1) -> bytes:
        parts, have = [self._buffer], len(self._buffer)
        while have < size:
            line = next(self._lines, None)
            if line is None:
                break
            parts.append(line)
            have += len(line)
        buffer = b"".join(parts)
        chunk, self._buffer = buffer[:size], buffer[size:]
        self.size += len(chunk)
        return chunk


@pytest.mark.slow
def test_a_200000_row_file_is_read_in_bounded_memory() -> None:
    # Given a ~12 MB file generated lazily
    stream = GeneratedFile(ROWS)
    # When it is read to the end under tracemalloc
    tracemalloc.start()
    try:
        reader = read_contacts(stream, Tenant.default(), RECEIVED)
        accepted = sum(1 for _ in reader)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Then every row was seen, and the peak is a small fraction of the file: neither the file
    # nor its rows were kept (the rejected rows cost 5 bytes each: ~1 MB here)
    assert reader.report.rows == ROWS
    assert accepted == 4
    assert reader.report.rejected == {"duplicate": ROWS - 4}
    assert stream.size > 10_000_000
    assert peak < 4_000_000, f"peak {peak / 1e6:.1f} MB"
