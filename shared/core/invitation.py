"""The SMS invitation's budget: one GSM-7 segment, for every municipality the tenant model allows.

The budget is fixed by construction: the template's own text, the longest name a tenant may
have (40 characters, extension characters replaced so each costs one septet), and the longest
survey link the settings accept. ``MAX_BASE_URL_LENGTH`` is derived from that budget here,
where both the settings (which reject a longer base URL at start-up) and the SMS
(``shared.messages.sms``, which renders it) read it, so no tenant can ever produce a longer SMS.
"""

from __future__ import annotations

from shared.core.gsm7 import SMS_SEPTETS
from shared.core.i18n import N_
from shared.core.tokens import SURVEY_PATH, TOKEN_BYTES

# A sender ID cannot take replies, so the text points to the link page for declining.
# Translators: an SMS of one GSM-7 segment (160 characters, no emoji or typographic quotes).
SMS_TEMPLATE = N_("Hur var din kontakt med {name}? Svara anonymt: {url} Avböj via länken.")

MAX_NAME_SEPTETS = 40  # Tenant.name has max_length=40
TOKEN_LENGTH = -(-TOKEN_BYTES * 4 // 3)  # unpadded URL-safe base64: 22 characters
_FIXED = len(SMS_TEMPLATE.format(name="", url=""))
MAX_BASE_URL_LENGTH = (
    SMS_SEPTETS - _FIXED - MAX_NAME_SEPTETS - len(SURVEY_PATH.format(token="x" * TOKEN_LENGTH))
)
