"""Columns a contact file should not carry: personal data the service never uses.

The service needs a phone number or an e-mail address, the channel and the contact time; a
contact-centre export often brings more (the caller's name, personnummer, address). Those are
read past and dropped, but they should not have left the contact centre at all (data
minimisation, GDPR art. 5.1 c): ``servicematning validate`` and ``upload`` warn about them.

Detection is by the header's name only, normalised (case, spaces, ``_``/``-``/``.``), against
a short list of the names exports use; the warning names the column by *this list's* word for
it, never by the header as written (a header row can itself be a row of data). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# normalised header -> the word the warning uses for it
_NAMES = {
    **dict.fromkeys(
        (
            "namn",
            "name",
            "förnamn",
            "fornamn",
            "efternamn",
            "first name",
            "firstname",
            "last name",
            "lastname",
            "surname",
            "full name",
            "fullständigt namn",
            "kundnamn",
            "kontaktnamn",
            "contact name",
            "customer name",
            "invånare",
            "invanare",
        ),
        "namn / name",
    ),
    **dict.fromkeys(
        (
            "personnummer",
            "personnr",
            "pnr",
            "person nr",
            "personal identity number",
            "personal number",
            "samordningsnummer",
            "ssn",
            "social security number",
            "födelsedatum",
            "fodelsedatum",
            "date of birth",
            "birth date",
        ),
        "personnummer / personal identity number",
    ),
    **dict.fromkeys(
        (
            "adress",
            "address",
            "gatuadress",
            "street address",
            "street",
            "postadress",
            "postal address",
            "hemadress",
            "home address",
            "postnummer",
            "postal code",
            "zip",
            "zip code",
            "postort",
        ),
        "adress / address",
    ),
}
_SEPARATORS = re.compile(r"[\s_.\-]+")


def _normal(header: str) -> str:
    return _SEPARATORS.sub(" ", header.strip().strip("\"'").casefold()).strip()


def personal_columns(headers: Iterable[str], used: Iterable[int] = ()) -> tuple[str, ...]:
    """The kinds of personal data among the columns not in ``used`` (header positions), each
    once, in the order found."""
    taken = set(used)
    found: list[str] = []
    for index, header in enumerate(headers):
        kind = _NAMES.get(_normal(header))
        if index not in taken and kind is not None and kind not in found:
            found.append(kind)
    return tuple(found)
