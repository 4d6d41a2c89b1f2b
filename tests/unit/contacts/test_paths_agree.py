"""The inlined loop for the common layout and the general loop give the same results."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.contacts import read_contacts
from shared.contacts.headers import Layout
from shared.core.tenants import Tenant

from .conftest import RECEIVED

CHANNELS = ["Telefon", "E-post", "samtal", "mejl", "chatt", ""]
PHONES = ["070-174 06 05", "+46 (0)70 174 06 06", "0046701740605", "08-123 456 78",
          "+358 40 1234567", "12345", "Dolt nummer", "070.174.06.07", ""]  # fmt: skip
EMAILS = ["anna@example.se", "ANNA@EXAMPLE.SE", "bo@västerås.se", "åsa@example.se", "olle@", ""]
TIMES = ["2026-03-13 08:02", "2026-03-13", "2026-03-01", "igår", "2026-03-13T08:02:00+01:00", ""]

rows = st.lists(
    st.tuples(
        st.sampled_from(TIMES),
        st.sampled_from(CHANNELS),
        st.sampled_from(PHONES),
        st.sampled_from(EMAILS),
    ),
    max_size=25,
)


def read_both(data: bytes) -> tuple[object, object]:
    results = []
    for simple in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Layout, "simple", property(lambda self, s=simple: s))
            reader = read_contacts(io.BytesIO(data), Tenant.default(), RECEIVED)
            results.append((list(reader), reader.report.as_json("f.csv")))
    return results[0], results[1]


@settings(max_examples=200, deadline=None)
@given(rows=rows, short=st.booleans())
def test_common_and_general_loops_agree(rows: list[tuple[str, str, str, str]], short: bool) -> None:
    lines = ["Datum;Kanal;Telefon;E-post"] + [";".join(row) for row in rows]
    if short:  # Excel drops trailing empty cells on some rows
        lines = [line.rstrip(";") for line in lines]
    common, general = read_both(("\r\n".join(lines) + "\r\n").encode())
    assert common == general
