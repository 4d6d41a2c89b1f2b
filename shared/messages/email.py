"""The e-mail invitation: a MIME message with a plain-text and an HTML part.

Sent as SES v2 ``Content.Raw``: the raw form carries our own headers (RFC 8058 one-click
``List-Unsubscribe`` + ``List-Unsubscribe-Post``) on every SES API version, and what the
emulator records is exactly the message a resident receives. The HTML has no images, no
remote resources and no tracking of any kind; every value is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from shared.tenants import Tenant
from shared.tokens import ABOUT_PATH, decline_url, survey_url

TEMPLATES = Path(__file__).resolve().parent / "templates"
SUBJECT = "Hur var din kontakt med {name}?"
ONE_CLICK = "List-Unsubscribe=One-Click"


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


class InvalidRecipientError(ValueError):
    """The recipient cannot be written into a header (the address itself is never shown)."""

    def __init__(self) -> None:
        super().__init__("the recipient address cannot be written into an e-mail header")


@dataclass(frozen=True)
class RenderedEmail:
    """The message to send; ``raw`` is what SES gets, ``sender`` its From address."""

    sender: str
    raw: bytes

    def __repr__(self) -> str:  # the raw bytes carry the recipient's address
        return f"RenderedEmail(sender={self.sender!r}, {len(self.raw)} bytes)"


def render_email(tenant: Tenant, base_url: str, token: str, recipient: str) -> RenderedEmail:
    """The invitation to ``recipient`` in the municipality's name."""
    base = base_url.rstrip("/")
    values = {
        "name": tenant.name,
        "subject": SUBJECT.format(name=tenant.name),
        "survey_url": survey_url(base, token),
        "decline_url": decline_url(base, token),
        "about_url": base + ABOUT_PATH,
        "privacy_contact": tenant.privacy_contact,
    }
    env = _environment()
    text = env.get_template("invitation.txt").render(values)
    html = env.get_template("invitation.html").render(values)

    message = EmailMessage(policy=SMTP)
    local, _, domain = tenant.email_sender.partition("@")
    message["From"] = Address(display_name=tenant.name, username=local, domain=domain)
    try:
        message["To"] = Address(addr_spec=recipient)
    # the parsers' own messages may quote the address: replace them
    except (ValueError, TypeError, IndexError, HeaderParseError):
        raise InvalidRecipientError() from None
    message["Subject"] = values["subject"]
    # RFC 8058: a mail client's unsubscribe button POSTs "List-Unsubscribe=One-Click" here.
    message["List-Unsubscribe"] = f"<{values['decline_url']}>"
    message["List-Unsubscribe-Post"] = ONE_CLICK
    message["Content-Language"] = "sv"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return RenderedEmail(sender=tenant.email_sender, raw=message.as_bytes())
