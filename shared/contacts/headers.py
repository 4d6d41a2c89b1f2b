"""Column headers (Swedish or English, any case, surrounding spaces) and the delimiter."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import Enum

from shared.models import Channel
from shared.redaction import contains_personal_data


class Column(Enum):
    PHONE = "phone"
    EMAIL = "email"
    CONTACT = "contact"  # either: a value with @ is an e-mail address, anything else a phone
    CHANNEL = "channel"
    TIME = "time"


HEADERS: dict[str, Column] = {
    **dict.fromkeys(
        (
            "telefon",
            "telefonnummer",
            "tel",
            "mobil",
            "mobilnummer",
            "phone",
            "phone_number",
            "msisdn",
        ),
        Column.PHONE,
    ),
    **dict.fromkeys(
        ("e-post", "epost", "e-postadress", "mejl", "mail", "email", "e-mail"), Column.EMAIL
    ),
    **dict.fromkeys(("kontakt", "kontaktuppgift", "contact"), Column.CONTACT),
    **dict.fromkeys(("kanal", "channel"), Column.CHANNEL),
    **dict.fromkeys(
        ("datum", "tid", "tidpunkt", "kontaktdatum", "date", "timestamp", "contacted_at"),
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
    return name.strip().strip("\ufeff").strip().casefold()


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


def _layout(fields: list[str], delimiter: str) -> Layout:
    found: dict[Column, list[int]] = {column: [] for column in Column}
    for index, name in enumerate(fields):
        column = HEADERS.get(normalise_header(name))
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


def detect_layout(header_line: str) -> tuple[Layout, list[str]]:
    """Choose the delimiter that makes the most known headers of ``header_line``.

    Ties go to the delimiter that splits the line into more fields, then to ``;`` (Swedish
    Excel), ``,``, tab in that order. Returns the layout and the header fields.
    """
    best: tuple[int, int, int] | None = None
    chosen: tuple[Layout, list[str]] | None = None
    for rank, delimiter in enumerate(DELIMITERS):
        fields = next(csv.reader([header_line], delimiter=delimiter), [])
        known = sum(normalise_header(f) in HEADERS for f in fields)
        score = (known, len(fields), -rank)
        if best is None or score > best:
            best, chosen = score, (_layout(fields, delimiter), fields)
    assert chosen is not None
    return chosen


def describe_headers(fields: list[str]) -> str:
    """The header fields for an error message, unless they look like personal data."""
    names = [f.strip() for f in fields if f.strip()]
    shown = ", ".join(f"'{n[:40]}'" for n in names[:12])
    if not shown or contains_personal_data(shown) or "@" in shown:
        return "the first line looks like data, not a header row"
    return f"the first line has {shown}"
