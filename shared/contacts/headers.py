"""Column headers (Swedish or English, any case, surrounding spaces) and the delimiter."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from shared.core.models import Channel
from shared.platform.redaction import contains_personal_data


class Column(Enum):
    PHONE = "phone"
    EMAIL = "email"
    CONTACT = "contact"  # either: a value with @ is an e-mail address, anything else a phone
    CHANNEL = "channel"
    TIME = "time"
    IGNORE = "ignore"  # only from a tenant's column_mapping: a header that must not be read


HEADERS: dict[str, Column] = {
    **dict.fromkeys(
        (
            "telefon",
            "telefonnummer",
            "telefonnr",
            "tel",
            "tel.nr",
            "telnr",
            "mobil",
            "mobiltelefon",
            "mobilnummer",
            "mobilnr",
            "telefon (mobil)",
            "a-nummer",
            "uppringande nummer",
            "phone",
            "phone number",
            "phone_number",
            "mobile",
            "mobile number",
            "caller id",
            "callerid",
            "caller_id",
            "msisdn",
        ),
        Column.PHONE,
    ),
    **dict.fromkeys(
        (
            "e-post",
            "epost",
            "e-postadress",
            "epostadress",
            "epost adress",
            "e-post adress",
            "mejl",
            "mejladress",
            "mail",
            "mailadress",
            "email",
            "e-mail",
            "email address",
            "e-mail address",
            "email_address",
        ),
        Column.EMAIL,
    ),
    # "Från" (from) is a caller's number in telephony exports and a sender in e-mail ones
    **dict.fromkeys(("kontakt", "kontaktuppgift", "contact", "från", "from"), Column.CONTACT),
    **dict.fromkeys(("kanal", "channel"), Column.CHANNEL),
    **dict.fromkeys(
        (
            "datum",
            "tid",
            "tidpunkt",
            "kontaktdatum",
            "kontakttid",
            "starttid",
            "datum/tid",
            "datum och tid",
            "date",
            "time",
            "start time",
            "contact time",
            "timestamp",
            "contacted_at",
        ),
        Column.TIME,
    ),
}

# Values of a channel column. Anything else (empty, "chatt", …) says nothing, and the row's
# identifier is chosen as if there were no channel column.
CHANNEL_VALUES: dict[str, Channel] = {
    **dict.fromkeys(("telefon", "samtal", "phone", "call"), Channel.SMS),
    **dict.fromkeys(("e-post", "epost", "mejl", "mail", "email", "e-mail"), Channel.EMAIL),
}

DELIMITERS = (";", ",", "\t")


def normalise_header(name: str) -> str:
    """Case, surrounding spaces, a stray BOM and runs of inner white space do not matter."""
    return " ".join(name.replace("\ufeff", " ").split()).casefold()


ColumnMapping = Mapping[str, str]  # header name → a Column value (a tenant's column_mapping)


def mapping_headers(mapping: ColumnMapping | None) -> dict[str, Column]:
    """The built-in header names with a tenant's own mapping on top (it wins)."""
    if not mapping:
        return HEADERS
    return HEADERS | {normalise_header(name): Column(kind) for name, kind in mapping.items()}


@dataclass(frozen=True)
class Layout:
    """Where a file's columns are: indexes per kind, in header order."""

    delimiter: str
    phone: tuple[int, ...]
    email: tuple[int, ...]
    contact: tuple[int, ...]
    channel: tuple[int, ...]
    time: tuple[int, ...]

    @property
    def simple(self) -> bool:
        """At most one column of each kind and no either-of-two column: the common case."""
        return (
            not self.contact
            and len(self.phone) <= 1
            and len(self.email) <= 1
            and len(self.channel) <= 1
            and len(self.time) <= 1
        )

    @property
    def has_contact_column(self) -> bool:
        return bool(self.phone or self.email or self.contact)


def layout_of(fields: list[str], delimiter: str, headers: Mapping[str, Column] = HEADERS) -> Layout:
    """The layout of a header row already split into fields."""
    found: dict[Column, list[int]] = {column: [] for column in Column}
    for index, name in enumerate(fields):
        column = headers.get(normalise_header(name))
        if column is not None:
            found[column].append(index)
    return Layout(
        delimiter=delimiter,
        phone=tuple(found[Column.PHONE]),
        email=tuple(found[Column.EMAIL]),
        contact=tuple(found[Column.CONTACT]),
        channel=tuple(found[Column.CHANNEL]),
        time=tuple(found[Column.TIME]),
    )


def detect_layout(
    header_line: str,
    headers: Mapping[str, Column] = HEADERS,
    delimiters: tuple[str, ...] = DELIMITERS,
) -> tuple[Layout, list[str]]:
    """Choose the delimiter that makes the most known headers of ``header_line``.

    Ties go to the delimiter that splits the line into more fields, then to ``;`` (Swedish
    Excel), ``,``, tab in that order. Returns the layout and the header fields. ``delimiters``
    is one delimiter when the file said which (a ``sep=;`` first line). Raises ``csv.Error``
    when no delimiter splits it into fields of at most 128 KB.
    """
    best: tuple[int, int, int] | None = None
    chosen: tuple[Layout, list[str]] | None = None
    for rank, delimiter in enumerate(delimiters):
        try:
            fields = next(csv.reader([header_line], delimiter=delimiter), [])
        except csv.Error:
            continue  # split by this delimiter a field would pass the csv module's 128 KB
        known = sum(normalise_header(f) in headers for f in fields)
        score = (known, len(fields), -rank)
        if best is None or score > best:
            best, chosen = score, (layout_of(fields, delimiter, headers), fields)
    if chosen is None:  # no delimiter splits it into fields the csv module reads
        raise csv.Error("the header line cannot be split")
    return chosen


def describe_headers(fields: list[str]) -> str | None:
    """The header fields for an error message; None when they look like personal data."""
    names = [f.strip() for f in fields if f.strip()]
    shown = ", ".join(f"'{n[:40]}'" for n in names[:12])
    if not shown or contains_personal_data(shown) or "@" in shown:
        return None
    return shown
