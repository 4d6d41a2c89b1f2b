"""What a POST must be before its body is read: a form, from the survey's own pages.

1. The content type is a form's: ``application/x-www-form-urlencoded`` (what the pages send)
   or ``multipart/form-data`` (what RFC 8058 asks mail clients to send for a one-click
   unsubscribe). Anything else (JSON, text/plain, none) is refused with 415 before parsing.
   Each field at most once (400 otherwise: a field's value is one string, as
   docs/openapi.json says); an empty body of either type is an empty form.
2. The request is not cross-site: a browser's ``Sec-Fetch-Site: cross-site`` is refused
   with 403; a browser that sends no Fetch Metadata but an ``Origin`` of another host is
   refused the same way. ``Origin: null`` says nothing (the pages' ``Referrer-Policy:
   no-referrer`` makes browsers send it on their own form posts), and no header at all is a
   client outside a browser (a mail provider's server posting the one-click decline).
3. The RFC 8058 one-click decline (body ``List-Unsubscribe=One-Click``) is allowed
   cross-site: web mail clients post it from their own origin.

The token in the path is what authorises a request; these checks keep other sites from
posting on a resident's behalf and keep the body parser to the two shapes it knows.
Pure functions of the request's headers and body: no AWS, cheap on every request.
"""

from __future__ import annotations

from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import urlsplit

from shared.survey.errors import MalformedForm, UnsupportedMediaType
from shared.survey.form import MAX_BODY_BYTES, MAX_FIELDS, parse_body

URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
FORM_TYPES = (URLENCODED, MULTIPART)
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def media_type(content_type: str | None) -> str:
    """``multipart/form-data; boundary=x`` → ``multipart/form-data``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def require_form(content_type: str | None) -> str:
    """The form's media type, or UnsupportedMediaType."""
    kind = media_type(content_type)
    if kind not in FORM_TYPES:
        raise UnsupportedMediaType("the body is not a form")
    return kind


def is_cross_site(headers: dict[str, str], host: str | None) -> bool:
    """True when a browser says (or its Origin shows) the post comes from another site."""
    site = (headers.get("sec-fetch-site") or "").strip().lower()
    if site:
        return site == "cross-site"
    origin = (headers.get("origin") or "").strip().lower()
    if not origin or origin == "null":
        return False
    return urlsplit(origin).netloc != (host or "").strip().lower()


def form_fields(body: bytes | None, content_type: str | None) -> dict[str, str]:
    """The fields of a form body of either form type, each at most once, with the same
    limits for both (MalformedForm otherwise)."""
    kind = require_form(content_type)
    if kind == URLENCODED:
        return parse_body(body)
    return _multipart(body or b"", content_type or "")


def _multipart(body: bytes, content_type: str) -> dict[str, str]:
    if len(body) > MAX_BODY_BYTES:
        raise MalformedForm("the form is too large")
    kind = " ".join(content_type.splitlines())  # one header line, whatever was sent
    head = f"Content-Type: {kind}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    boundary = message.get_boundary()
    if boundary is not None and body.strip() in (b"", f"--{boundary}--".encode("latin-1")):
        return {}  # an empty form, as an empty urlencoded body is (RFC 2046 wants a part)
    if not message.is_multipart() or message.defects:
        raise MalformedForm("the multipart form cannot be read")
    values: dict[str, str] = {}
    parts = list(message.iter_parts()) if hasattr(message, "iter_parts") else []
    if len(parts) > MAX_FIELDS:
        raise MalformedForm("the form has too many fields")
    for part in parts:
        name, value = _field(part)
        if name in values:
            raise MalformedForm("a form field was sent twice")
        values[name] = value
    return values


def _field(part: Message) -> tuple[str, str]:
    if part.get_content_disposition() != "form-data" or part.get_filename() is not None:
        raise MalformedForm("a multipart part is not a plain form field")
    name = part.get_param("name", header="content-disposition")
    payload = part.get_payload(decode=True)
    if not isinstance(name, str) or not isinstance(payload, bytes):
        raise MalformedForm("a multipart part has no name or no value")
    try:
        return name, payload.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedForm("the form is not valid UTF-8") from None
