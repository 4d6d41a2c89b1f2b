"""The survey's HTTP API (API Gateway HTTP API v2 → Powertools ``APIGatewayHttpResolver``).

Every response is an HTML page (or the stylesheet, the icon, a municipality's logo) with
strict security headers and no cookies. Domain problems are mapped to their pages once, by
``@app.exception_handler``; a problem with a link that names a municipality is shown in its
name and with its logo.

Post/Redirect/Get: an answer or a decline is a POST that redirects (303) to
``/s/{token}/tack``, a GET that shows the outcome for as long as the link exists. A reload, the
back button, a language switch, a second submit and the SMS link opened again all land on that
page (the form's GET shows it too once the link is used), never on an error.
The heavy modules (pydantic models, Jinja2, boto3) are imported inside the routes so the
function's cold start stays close to a bare boto3 client's.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from botocore.exceptions import BotoCoreError, ClientError

from shared.core import i18n
from shared.platform import store
from shared.platform.metric_names import Metric
from shared.platform.observability import logger, metrics
from shared.survey.errors import FormTooLarge, SurveyProblem

if TYPE_CHECKING:
    from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse

    from shared.core.tenants import Tenant

app = APIGatewayHttpResolver()

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "X-Robots-Tag": "noindex, nofollow",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    # HTTPS only, for a year, on the survey domain and below it (browsers ignore it on http://)
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}
HTML = "text/html; charset=utf-8"

# The token's pattern and description are added to the OpenAPI document by openapi.py: an
# ``Annotated[str, Path(...)]`` here would import Powertools' OpenAPI models at cold start.
Token = str


def _page(description: str, *codes: int, main: int = 200) -> dict[int, OpenAPIResponse]:
    html: dict[str, Any] = {"text/html": {"schema": {"type": "string"}}}
    texts = {
        main: description,
        400: "malformed request (bad body or encoding): an explanatory page",
        403: "a browser's post from another site (Sec-Fetch-Site: cross-site)",
        404: "unknown or malformed token: a friendly page",
        409: "a decline of an invitation that was already answered",
        429: "the municipality's daily cap of contact requests is reached (a flood)",
        410: "the invitation has expired",
        413: "the body is over the form's size limit (a comment pasted far beyond its length)",
        415: "the body is not a form (x-www-form-urlencoded or multipart/form-data)",
        422: "the form has errors: re-rendered with an error summary, answers kept",
    }
    return {code: {"description": texts[code], "content": html} for code in (main, *codes)}


# Language, links and headers


def language(
    offered: tuple[str, ...] = (), default: str = i18n.SOURCE_LANGUAGE, path_lang: str | None = None
) -> str:
    """Of the municipality's languages (every shipped one if none is known): ``?lang=`` wins
    (or a path in one language, /about), then the browser's Accept-Language, then the
    municipality's default."""
    event = app.current_event
    return i18n.negotiate(
        event.get_query_string_value("lang") or path_lang,
        event.headers.get("accept-language"),
        offered or i18n.available(),
        default,
    )


def accept_language(header: str | None, default: str = i18n.SOURCE_LANGUAGE) -> str:
    return i18n.accept_language(header, i18n.available()) or default


def _kommunkod() -> str | None:
    k = app.current_event.get_query_string_value("k") or ""
    return k if re.fullmatch(r"\d{4}", k) else None


def html_response(status: int, body: str) -> Response[str]:
    headers = dict(SECURITY_HEADERS) | {"Cache-Control": "no-store"}
    return Response(status_code=status, content_type=HTML, body=body, headers=headers)


_SAFE_PATH = re.compile(r"/(?!/)[A-Za-z0-9_\-/]*")


def _domain() -> str | None:
    """The name the resident reached the pages by (API Gateway's custom domain)."""
    return (app.current_event.get("requestContext") or {}).get("domainName")


def _frame(
    tenant: Tenant | None = None,
    path_lang: str | None = None,
    path: str | None = None,
    keep: tuple[tuple[str, str], ...] = (),
) -> Any:
    """The page's frame: the tenant's name, logo, contacts, languages and default, if it is
    known. ``path`` is where its language links lead (the page's own path by default)."""
    from shared.survey.pages import Brand, Frame

    path = path or app.current_event.path
    if not _SAFE_PATH.fullmatch(path):  # e.g. //elsewhere.example on a 404: never link there
        path = "/om"
    if tenant is None:
        return Frame(lang=language(path_lang=path_lang), path=path, domain=_domain())
    lang = language(tenant.languages, tenant.default_language, path_lang)
    return Frame(
        lang=lang,
        path=path,
        org=tenant.name,
        kommunkod=tenant.kommunkod,
        languages=tenant.languages,
        brand=Brand.of(tenant),
        domain=_domain(),
        keep=keep,
    )


def redirect(location: str) -> Response[str]:
    """303 See Other: the browser GETs ``location`` (a reload never re-posts)."""
    headers = dict(SECURITY_HEADERS) | {"Cache-Control": "no-store", "Location": location}
    return Response(status_code=303, content_type=HTML, body="", headers=headers)


def _done_url(token: str, lang: str) -> str:
    from shared.survey.pages import url

    return url(f"/s/{token}/tack", lang=lang)


def _outcome(found: Any, token: str) -> Response[str] | None:
    """The page of a used link (answered: thanks; declined: declined), None if still open."""
    from shared.core.models import InvitationStatus
    from shared.survey import pages

    status = found.invitation.status
    if status not in (InvitationStatus.ANSWERED, InvitationStatus.DECLINED):
        return None
    frame = _frame(found.tenant, path=f"/s/{token}/tack")
    if status is InvitationStatus.ANSWERED:
        return html_response(200, pages.thanks_page(frame))
    return html_response(200, pages.message_page(frame, "declined"))


def _body(*, cross_site_if: Callable[[dict[str, str]], bool] = lambda _: True) -> dict[str, str]:
    """The POST's form fields, after the checks in shared.survey.request: a form content type
    (else 415) and not a browser's post from another site when ``cross_site_if(fields)``
    (else 403). The content type is checked before the body is read."""
    from shared.survey.errors import CrossSiteRequest, MalformedForm
    from shared.survey.request import form_fields, is_cross_site, require_form

    event = app.current_event
    content_type = event.headers.get("content-type")
    require_form(content_type)
    try:
        raw = event.decoded_body if event.is_base64_encoded else event.body
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise MalformedForm("the body is not valid base64") from None
    fields = form_fields(raw.encode("utf-8") if isinstance(raw, str) else raw, content_type)
    host = (event.get("requestContext") or {}).get("domainName")  # the name the client used
    if is_cross_site(event.headers, host) and cross_site_if(fields):
        raise CrossSiteRequest("a post from another site")
    return fields


# Routes


@app.get(
    "/s/<token>",
    summary="The survey form for an open invitation (e-mail: its first step until "
    "?epost_aterkoppling=ja|nej chooses the rest); a used link shows its outcome",
    responses=_page("the form (the municipality's name on top), or the thank-you page", 404, 410),
    tags=["survey"],
)
def survey_form(token: Token) -> Response[str]:
    from shared.core.questions import EMAIL_REPLY
    from shared.survey import pages, service

    svc = service.service()
    found = svc.find(token)  # one read: the outcome of a used link, or the form
    done = _outcome(found, token)
    if done is not None:
        return done
    opened = svc.still_open(found)
    channel = opened.invitation.channel
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    asked = app.current_event.get_query_string_value(EMAIL_REPLY.id)
    if asked is not None and channel.value == "email":
        if asked in EMAIL_REPLY.ids():
            values[EMAIL_REPLY.id] = asked
        else:  # the first step sent without a choice (or a choice it never offered)
            errors[EMAIL_REPLY.id] = "missing" if asked == "" else "invalid"
    keep = tuple(values.items())
    frame = _frame(opened.tenant, keep=keep)
    extra = opened.tenant.extra_questions_for(channel)
    page = pages.form_page(frame, token, channel, values, errors, extra, opened.tenant.errands)
    return html_response(200, page)


@app.post(
    "/s/<token>",
    summary="Answer the survey (application/x-www-form-urlencoded); redirects to the "
    "thank-you page",
    responses=_page(
        "answered: See Other /s/{token}/tack", 400, 403, 404, 410, 413, 415, 422, main=303
    ),
    tags=["survey"],
)
def survey_answer(token: Token) -> Response[str]:
    from shared.survey import pages, service
    from shared.survey.errors import AlreadyAnswered, AlreadyDeclined

    values = _body()  # before any table is read: a refused post costs no DynamoDB call
    svc = service.service()
    try:
        opened = svc.open(token)
        result = svc.submit(opened, values)
    except (AlreadyAnswered, AlreadyDeclined) as used:  # a second submit, or another tab
        tenant: Any = used.tenant
        return redirect(_done_url(token, _frame(tenant).lang))
    if result.errors:
        channel = opened.invitation.channel
        extra = opened.tenant.extra_questions_for(channel)
        frame = _frame(opened.tenant)
        page = pages.form_page(
            frame, token, channel, result.values, result.errors, extra, opened.tenant.errands
        )
        return html_response(422, page)
    metrics.add_metric(name=Metric.SURVEY_ANSWERED, unit="Count", value=1)
    return redirect(_done_url(token, _frame(opened.tenant).lang))


@app.get(
    "/s/<token>/tack",
    summary="The outcome of a used link: thanks for an answer, or the decline confirmed "
    "(an open link goes back to its form)",
    responses=_page("the thank-you or declined page", 404, 410),
    tags=["survey"],
)
def survey_done(token: Token) -> Response[str]:
    from shared.survey import pages, service

    found = service.service().find(token, consistent=True)  # right after the POST's write
    done = _outcome(found, token)
    if done is not None:
        return done
    service.service().still_open(found)  # raises the reason if it cannot be answered (expired)
    return redirect(pages.url(f"/s/{token}", lang=_frame(found.tenant).lang))


@app.get(
    "/s/<token>/decline",
    summary="Ask the resident to confirm a decline (link scanners only GET: nothing changes)",
    responses=_page("the confirm page, or the outcome of a used link", 404, 410),
    tags=["survey"],
)
def decline_confirm(token: Token) -> Response[str]:
    from shared.survey import pages, service

    svc = service.service()
    found = svc.find(token)
    done = _outcome(found, token)
    if done is not None:
        return done
    opened = svc.still_open(found)
    frame = _frame(opened.tenant)
    return html_response(200, pages.decline_page(frame, token))


@app.post(
    "/s/<token>/decline",
    summary="Decline (the confirm page's button, and the e-mail's RFC 8058 one-click POST "
    "with body List-Unsubscribe=One-Click); redirects to the declined page",
    responses=_page(
        "declined: See Other /s/{token}/tack (a one-click POST: 200, the declined page)",
        400,
        403,
        404,
        409,
        410,
        413,
        415,
        main=303,
    ),
    tags=["survey"],
)
def decline(token: Token) -> Response[str]:
    from shared.survey import service
    from shared.survey.errors import AlreadyDeclined
    from shared.survey.request import ONE_CLICK

    fields = _body(cross_site_if=lambda f: f != ONE_CLICK)  # a web mail's one-click: allowed
    svc = service.service()
    try:
        opened = svc.open(token)
        svc.decline(opened)
    except AlreadyDeclined as used:
        tenant: Any = used.tenant
        return redirect(_done_url(token, _frame(tenant).lang))
    # AlreadyAnswered stays a 409: a decline cannot undo an answer, and the page says so
    metrics.add_metric(name=Metric.SURVEY_DECLINED, unit="Count", value=1)
    if fields == ONE_CLICK:  # a mail client's one-click: no browser follows a redirect
        from shared.survey import pages

        frame = _frame(opened.tenant)
        return html_response(200, pages.message_page(frame, "declined"))
    return redirect(_done_url(token, _frame(opened.tenant).lang))


# "Kontakta mig" (shared/messages/contact_requests.py): no token, no invitation read, no answer
# touched


def _contact_tenant() -> Tenant:
    """The municipality named by ``?k=`` that takes requests, else ``ContactNotOffered``."""
    from shared.survey import service
    from shared.survey.errors import ContactNotOffered

    tenant = service.service().tenant(_kommunkod())
    if tenant is None:
        raise ContactNotOffered
    if not tenant.report_contacts:
        problem = ContactNotOffered()
        problem.tenant = tenant
        raise problem
    return tenant


@app.get(
    "/kontakt",
    summary='"Kontakta mig": ask the municipality (?k=KOMMUNKOD) to contact you, apart from '
    "any answer (no token)",
    responses=_page("the form", 404),
    tags=["contact"],
)
def contact_form() -> Response[str]:
    from shared.survey import pages

    return html_response(200, pages.contact_form_page(_frame(_contact_tenant())))


@app.post(
    "/kontakt",
    summary='Send a "kontakta mig" request (application/x-www-form-urlencoded); redirects to '
    "its thank-you page",
    responses=_page("sent: See Other /kontakt/tack", 400, 403, 404, 413, 415, 422, 429, main=303),
    tags=["contact"],
)
def contact_send() -> Response[str]:
    from shared.messages import contact_requests
    from shared.survey import pages, service
    from shared.survey.errors import ContactCapReached

    fields = _body()  # before any table is read: a refused post costs no DynamoDB call
    tenant = _contact_tenant()
    frame = _frame(tenant)
    form = contact_requests.validate(fields)
    if not form.ok:
        return html_response(422, pages.contact_form_page(frame, form.values, form.errors))
    try:
        service.service().contact_request(tenant, form, frame.lang)
    except contact_requests.DailyCapReached:
        problem = ContactCapReached()
        problem.tenant = tenant
        raise problem from None
    metrics.add_metric(name="ContactRequests", unit="Count", value=1)
    return redirect(pages.url("/kontakt/tack", k=tenant.kommunkod, lang=frame.lang))


@app.get(
    "/kontakt/tack",
    summary='After a "kontakta mig" request: what happens next',
    responses=_page("the thank-you page", 404),
    tags=["contact"],
)
def contact_sent() -> Response[str]:
    from shared.survey import pages

    return html_response(200, pages.contact_message_page(_frame(_contact_tenant()), "contact_sent"))


def _about(path_lang: str | None) -> Response[str]:
    from shared.survey import info, pages, service

    svc = service.service()
    tenant = svc.tenant(_kommunkod())
    frame = _frame(tenant, path_lang)
    actions = svc.actions(tenant.kommunkod) if tenant else []
    return html_response(200, pages.about_page(frame, info.facts(tenant, frame.domain), actions))


def _accessibility(path_lang: str | None) -> Response[str]:
    from shared.survey import info, pages, service

    tenant = service.service().tenant(_kommunkod())
    frame = _frame(tenant, path_lang)
    return html_response(200, pages.accessibility_page(frame, info.facts(tenant, frame.domain)))


@app.get(
    "/om",
    summary="Om undersökningen: who runs it, what is kept and for how long (GDPR art. 13/14)",
    responses=_page("the about page, for the municipality named by ?k=KOMMUNKOD if any"),
    tags=["information"],
)
def about_sv() -> Response[str]:
    return _about(None)


@app.get(
    "/about",
    summary="About the survey (English by default)",
    responses=_page("the about page, for the municipality named by ?k=KOMMUNKOD if any"),
    tags=["information"],
)
def about_en() -> Response[str]:
    return _about("en")


@app.get(
    "/tillganglighet",
    summary="Tillgänglighetsredogörelse (accessibility statement)",
    responses=_page("the accessibility statement"),
    tags=["information"],
)
def accessibility_sv() -> Response[str]:
    return _accessibility(None)


@app.get(
    "/accessibility",
    summary="Accessibility statement (English by default)",
    responses=_page("the accessibility statement"),
    tags=["information"],
)
def accessibility_en() -> Response[str]:
    return _accessibility("en")


@app.get(
    "/logo/<kommunkod>/<digest>",
    summary="A municipality's logo (its name changes with the file: cached for a year)",
    responses={
        200: {
            "description": "PNG or SVG",
            "content": {"image/png": {"schema": {"type": "string"}}},
        },
        404: {
            "description": "no such municipality or logo: the friendly page",
            "content": {"text/html": {"schema": {"type": "string"}}},
        },
    },
    tags=["information"],
)
def logo(kommunkod: str, digest: str) -> Response[bytes]:
    from shared.survey import service

    tenant = service.service().tenant(kommunkod)
    image = tenant.logo if tenant else None
    if image is None or image.digest != digest:
        raise NotFoundError
    headers = dict(SECURITY_HEADERS) | {
        "Cache-Control": "public, max-age=31536000, immutable",
        # an SVG opened on its own may run nothing and load nothing
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    }
    return Response(200, image.media_type, image.content(), headers)


@app.get(
    "/favicon.svg",
    summary="The pages' icon where no municipality is known",
    responses={200: {"description": "SVG", "content": {"image/svg+xml": {}}}},
    tags=["information"],
)
def favicon() -> Response[str]:
    from shared.survey.pages import icon

    headers = dict(SECURITY_HEADERS) | {"Cache-Control": "public, max-age=86400"}
    return Response(200, "image/svg+xml", icon(), headers)


@app.get(
    "/favicon.ico",
    summary="Browsers that ask for /favicon.ico on their own get the same icon",
    responses={200: {"description": "SVG", "content": {"image/svg+xml": {}}}},
    tags=["information"],
)
def favicon_ico() -> Response[str]:
    return favicon()


@app.get(
    "/survey.css",
    summary="The pages' one stylesheet",
    responses={
        200: {"description": "CSS", "content": {"text/css": {"schema": {"type": "string"}}}}
    },
    tags=["information"],
)
def stylesheet() -> Response[str]:
    from shared.survey.pages import css

    headers = dict(SECURITY_HEADERS) | {"Cache-Control": "public, max-age=3600"}
    return Response(200, "text/css; charset=utf-8", css(), headers)


# Problems → pages


@app.exception_handler(SurveyProblem)
def survey_problem(problem: SurveyProblem) -> Response[str]:
    from shared.survey import pages

    logger.info("survey request refused", reason=problem.page, status=problem.status_code)
    tenant: Any = problem.tenant  # the municipality the link named, if it named one
    if tenant is None and isinstance(problem, FormTooLarge):  # a resident's long paste
        tenant = _link_tenant()
    if problem.page.startswith("contact_"):
        page = pages.contact_message_page(_frame(tenant), problem.page)
    else:
        page = pages.message_page(_frame(tenant), problem.page)
    return html_response(problem.status_code, page)


def _link_tenant() -> Tenant | None:
    """The municipality behind the request's survey link, if it names one (one read)."""
    from shared.survey import service

    match = re.match(r"^/s/([^/]+)", app.current_event.path)
    try:
        return service.service().find(match.group(1)).tenant if match else None
    except SurveyProblem:
        return None


@app.not_found
def not_found(_: NotFoundError) -> Response[str]:
    from shared.survey import pages

    return html_response(404, pages.message_page(_frame(), "not_found"))


@app.exception_handler([ClientError, BotoCoreError])
def storage_unavailable(error: Exception) -> Response[str]:
    from shared.survey import pages

    code = store.error_code(error)
    logger.error("storage call failed", error_type=type(error).__name__, code=code)
    return html_response(503, pages.message_page(_frame(), "unavailable"))


# Route keys for logs: never the raw path (the token is in it)

_ROUTE_KEYS = (
    ("GET", re.compile(r"^/s/[^/]+$"), "GET /s/{token}"),
    ("POST", re.compile(r"^/s/[^/]+$"), "POST /s/{token}"),
    ("GET", re.compile(r"^/s/[^/]+/tack$"), "GET /s/{token}/tack"),
    ("GET", re.compile(r"^/s/[^/]+/decline$"), "GET /s/{token}/decline"),
    ("POST", re.compile(r"^/s/[^/]+/decline$"), "POST /s/{token}/decline"),
)
_STATIC_PATHS = (
    "/kontakt",
    "/kontakt/tack",
    "/om",
    "/about",
    "/tillganglighet",
    "/accessibility",
    "/survey.css",
    "/favicon.svg",
    "/favicon.ico",
)


def route_key(method: str, path: str) -> str:
    if path in _STATIC_PATHS:
        return f"{method} {path}"
    if re.match(r"^/logo/\d{4}/[0-9a-f]+$", path):
        return f"{method} /logo/{{kommunkod}}/{{digest}}"
    for route_method, pattern, key in _ROUTE_KEYS:
        if method == route_method and pattern.match(path):
            return key
    return "unmatched"
