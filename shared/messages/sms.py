"""The SMS invitation: one GSM-7 segment, for every municipality the tenant model allows.

The budget (``shared.core.invitation``) is fixed by construction: the template's own text, the
longest name a tenant may have and the longest survey link the settings accept.

The SMS is always in Swedish, for every municipality and whatever languages it offers: one
segment of GSM-7 holds 160 characters, and the name (up to 40) and the link (about 60) leave
room for one short sentence in one language, not two. Arabic (and any text outside the GSM-7
table) would switch the whole message to UCS-2, 70 characters a segment, so the link alone
would need two or three. Swedish is the language every resident's municipality must use
(språklagen 2009:600); the link opens the form in the phone's own language (Accept-Language),
and the form's language switcher offers the municipality's others. The text is still in the
catalogs (``N_``), translated like every other, for the day a municipality sends in another
language that fits.
"""

from __future__ import annotations

from shared.core.gsm7 import SMS_SEPTETS, is_gsm7_basic, septets, to_gsm7_basic
from shared.core.invitation import MAX_BASE_URL_LENGTH, MAX_NAME_SEPTETS, SMS_TEMPLATE
from shared.core.tokens import survey_url


class SmsTooLongError(ValueError):
    """The rendered SMS would not fit one GSM-7 segment (a configuration the settings forbid)."""


def sms_name(name: str) -> str:
    """The municipality's name as the SMS shows it: in the basic GSM-7 table, one septet each.

    A name that already fits 40 septets is kept as written (å, ä, ö, é are basic characters)."""
    name = " ".join(name.split())
    if is_gsm7_basic(name) and len(name) <= MAX_NAME_SEPTETS:
        return name
    return to_gsm7_basic(name)[:MAX_NAME_SEPTETS]


def render_sms(municipality: str, base_url: str, token: str) -> str:
    """The invitation text for one resident: names the municipality, carries the link."""
    text = SMS_TEMPLATE.format(name=sms_name(municipality), url=survey_url(base_url, token))
    if not is_gsm7_basic(text) or septets(text) > SMS_SEPTETS:
        raise SmsTooLongError(
            f"the SMS would take {septets(to_gsm7_basic(text))} septets or leave the basic "
            f"GSM-7 table; the survey base URL may have at most {MAX_BASE_URL_LENGTH} characters"
        )
    return text
