"""Fuzz target of the survey's request parser (shared/survey/request.py, form.parse_body):
seeded with the bodies the pages, a mail client's one-click and a multipart form send, mutated
and generated. Whatever arrives, the parser gives each field once as a string, or refuses the
request with its typed error (400 MalformedForm, 415 UnsupportedMediaType): nothing else."""

from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import example, given
from hypothesis import strategies as st

from shared.survey.errors import MalformedForm, UnsupportedMediaType
from shared.survey.form import MAX_FIELDS
from shared.survey.request import form_fields, is_cross_site
from tests.fuzz.conftest import FUZZ
from tests.fuzz.test_reader_fuzz import mutated

BOUNDARY = "----formgr4nsen"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
SEEDS = [
    b"tel_bemotande=5&tel_enkelhet=vet_ej&errand=skola&comment=Tack%21",
    b"List-Unsubscribe=One-Click",
    b"confirm=1",
    b"",
    (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\n'
        f'One-Click\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name="comment"\r\n'
        f"Content-Type: text/plain; charset=utf-8\r\n\r\nBra bem\u00f6tande\r\n--{BOUNDARY}--\r\n"
    ).encode(),
    f"--{BOUNDARY}--\r\n".encode(),
]
CONTENT_TYPES = st.one_of(
    st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=utf-8",
            MULTIPART,
            "multipart/form-data",
            'multipart/form-data; boundary="a b"',
            "multipart/form-data; boundary=" + "x" * 200,
            "MULTIPART/FORM-DATA; boundary=----formgr4nsen\r\nX-Injected: 1",
            "text/plain",
            "",
        ]
    ),
    st.text(max_size=60),
    st.none(),
)


def parse(body: bytes, content_type: str | None) -> None:
    """The property: each field once, as a string, within the limits; or a typed refusal."""
    try:
        fields = form_fields(body, content_type)
    except (MalformedForm, UnsupportedMediaType):
        return
    assert isinstance(fields, dict)
    assert len(fields) <= MAX_FIELDS
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in fields.items())


@FUZZ
@given(mutated(SEEDS), CONTENT_TYPES)
@example(f"--{BOUNDARY}--".encode(), MULTIPART)  # an empty multipart form: an empty form
@example(b"a=1&a=2", "application/x-www-form-urlencoded")  # a field twice: 400
def test_mutated_bodies_are_parsed_or_refused(body: bytes, content_type: str | None) -> None:
    parse(body, content_type)


NAMES = st.text(
    st.characters(categories=["Ll", "Lu", "Nd"], include_characters="_-"), min_size=1, max_size=12
)
VALUES = st.text(st.characters(blacklist_categories=["Cc", "Cs"]), max_size=40)


@FUZZ
@given(st.dictionaries(NAMES, VALUES, max_size=MAX_FIELDS + 3), st.booleans())
def test_generated_forms_are_read_back_as_sent(fields: dict[str, str], multipart: bool) -> None:
    if multipart:
        parts = [
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in fields.items()
        ]
        body, kind = ("".join(parts) + f"--{BOUNDARY}--\r\n").encode(), MULTIPART
    else:
        body, kind = urlencode(fields).encode(), "application/x-www-form-urlencoded"
    if len(fields) > MAX_FIELDS:
        try:
            form_fields(body, kind)
        except MalformedForm:
            return
        raise AssertionError("more fields than the limit were read")
    assert form_fields(body, kind) == fields


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["sec-fetch-site", "origin", "host", "x"]), st.text(max_size=40)
    ),
    st.one_of(st.none(), st.text(max_size=40)),
)
def test_the_cross_site_check_never_raises(headers: dict[str, str], host: str | None) -> None:
    assert is_cross_site(headers, host) in (True, False)
