"""The e-mail invitation: a MIME message with a plain-text and an HTML part.

Sent as SES v2 ``Content.Raw``: the raw form carries our own headers (RFC 8058 one-click
``List-Unsubscribe`` + ``List-Unsubscribe-Post``) on every SES API version, and what the
emulator records is exactly the message a resident receives. The HTML has no images, no
remote resources and no tracking of any kind; every value is escaped by Jinja2's autoescape.

Languages: the body is in the municipality's default language, followed by one line for each
of its other languages (its name in that language, one sentence, a link that opens the form in
that language); all texts come from the gettext catalogs (``shared/locale/``). Every message
has its own ``Date``, a ``Message-ID`` on the sender's domain and a ``Content-Language``
naming the languages in it (set after ``set_content()``, which clears Content-* headers).
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from markupsafe import Markup

from shared.core import i18n
from shared.core.i18n import N_
from shared.core.questions import DURATION
from shared.core.tenants import Tenant
from shared.core.tokens import ABOUT_PATH, decline_url, survey_url

TEMPLATES = Path(__file__).resolve().parent / "templates"
SUBJECT = N_("Hur var din kontakt med %(name)s?")
ONE_CLICK = "List-Unsubscribe=One-Click"


@pass_context
def _gettext(context: Any, message: str) -> str:
    return i18n.gettext(context["lang"], message)


@pass_context
def _ngettext(context: Any, singular: str, plural: str, n: int) -> str:
    return i18n.translation(context["lang"]).ngettext(singular, plural, n)


@functools.cache
def environment() -> Environment:
    """The mail templates' Jinja2 environment: autoescaped HTML, gettext in ``lang``."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # as Babel extracts them (shared/cli/catalogs.py)
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


def _with_lang(url: str, lang: str) -> str:
    return f"{url}?{urlencode({'lang': lang})}"


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
    """The invitation to ``recipient`` in the municipality's name, in its languages."""
    base = base_url.rstrip("/")
    lang = tenant.default_language
    others = [other for other in tenant.languages if other != lang]
    form = survey_url(base, token)
    env = environment()

    def values(in_lang: str) -> dict[str, Any]:
        return {
            "lang": in_lang,
            "dir": i18n.direction(in_lang),
            "name": tenant.name,
            "duration": i18n.gettext(in_lang, DURATION),
            "survey_url": _with_lang(form, in_lang),
        }

    # The body's own links carry no language: the pages then follow the browser's, then the
    # municipality's default. Each other language's line opens the form in that language.
    main = values(lang) | {
        "subject": i18n.gettext(lang, SUBJECT) % {"name": tenant.name},
        "survey_url": form,
        "decline_url": decline_url(base, token),
        "about_url": f"{base}{ABOUT_PATH}?{urlencode({'k': tenant.kommunkod})}",
        "privacy_contact": tenant.privacy_contact,
    }
    line_txt = env.get_template("invitation_line.txt")
    line_html = env.get_template("invitation_line.html")
    text = env.get_template("invitation.txt").render(
        main, lines=[line_txt.render(values(other)).strip() for other in others]
    )
    # each line comes from the autoescaping environment: already HTML, its values escaped
    html_lines = [line_html.render(values(other)).strip() for other in others]
    html = env.get_template("invitation.html").render(
        main,
        lines=[Markup(line) for line in html_lines],  # noqa: S704
    )

    return mime_message(
        sender=tenant.email_sender,
        display_name=tenant.name,
        recipient=recipient,
        subject=main["subject"],
        text=text,
        html=html,
        languages=[lang, *others],
        # RFC 8058: a mail client's unsubscribe button POSTs "List-Unsubscribe=One-Click" here.
        headers={
            "List-Unsubscribe": f"<{decline_url(base, token)}>",
            "List-Unsubscribe-Post": ONE_CLICK,
        },
    )


def mime_message(
    *,
    sender: str,
    display_name: str,
    recipient: str,
    subject: str,
    text: str,
    html: str,
    languages: list[str],
    headers: dict[str, str],
) -> RenderedEmail:
    """A text + HTML alternative message with its own ``Date``, ``Message-ID`` and
    ``Content-Language``; ``headers`` are added as given."""
    message = EmailMessage(policy=SMTP)
    local, _, domain = sender.partition("@")
    message["From"] = Address(display_name=display_name, username=local, domain=domain)
    try:
        message["To"] = Address(addr_spec=recipient)
    # the parsers' own messages may quote the address: replace them
    except (ValueError, TypeError, IndexError, HeaderParseError):
        raise InvalidRecipientError() from None
    message["Subject"] = subject
    message["Date"] = formatdate(usegmt=True)
    # Random, on the sender's own domain: no time, host or process id in it.
    message["Message-ID"] = f"<{uuid.uuid4().hex}@{domain}>"
    for name, value in headers.items():
        message[name] = value
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # After set_content()/add_alternative(), which clear and move Content-* headers (RFC 3282).
    message["Content-Language"] = ", ".join(languages)
    return RenderedEmail(sender=sender, raw=message.as_bytes())
