"""What a resident receives: the SMS and the e-mail invitation, pure functions of their inputs."""

from shared.core.gsm7 import NotGsm7Error, is_gsm7, septets, to_gsm7_basic
from shared.messages.email import InvalidRecipientError, RenderedEmail, render_email
from shared.messages.sms import MAX_BASE_URL_LENGTH, SmsTooLongError, render_sms, sms_name

__all__ = [
    "MAX_BASE_URL_LENGTH",
    "InvalidRecipientError",
    "NotGsm7Error",
    "RenderedEmail",
    "SmsTooLongError",
    "is_gsm7",
    "render_email",
    "render_sms",
    "septets",
    "sms_name",
    "to_gsm7_basic",
]
