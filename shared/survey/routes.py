"""The survey's HTTP API (API Gateway HTTP API v2 → Powertools ``APIGatewayHttpResolver``).

Every response is an HTML page (or the one stylesheet) with strict security headers and no
cookies. Domain problems are mapped to their pages once, by ``@app.exception_handler``.
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

from shared import i18n
from shared.observability import logger, metrics
from shared.survey.errors import SurveyProblem

if TYPE_CHECKING:
    from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse

    from shared.tenants import Tenant

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


def _page(description: str, *codes: int) -> dict[int, OpenAPIResponse]:
    html: dict[str, Any] = {"text/html": {"schema": {"type": "string"}}}
    texts = {
        200: description,
        400: "malformed request (bad body or encoding): an explanatory page",
        403: "a browser's post from another site (Sec-Fetch-Site: cross-site)",
        404: "unknown or malformed token: a friendly page",
        409: "the invitation was already answered or declined",
        410: "the invitation has expired",
        415: "the body is not a form (x-www-form-urlencoded or multipart/form-data)",
        422: "the form has errors: re-rendered with an error summary, answers kept",
    }
    return {code: {"description": texts[code], "content": html} for code in (200, *codes)}


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


def _frame(tenant: Tenant | None = None, path_lang: str | None = None) -> Any:
    """The page's frame: the tenant's name, languages and default, if it is known."""
    from shared.survey.pages import Frame

    path = app.current_event.path
    if not _SAFE_PATH.fullmatch(path):  # e.g. //elsewhere.example on a 404: never link there
        path = "/om"
    if tenant is None:
        return Frame(lang=language(path_lang=path_lang), path=path)
    lang = language(tenant.languages, tenant.default_language, path_lang)
    return Frame(
        lang=lang,
        path=path,
        org=tenant.name,
        kommunkod=tenant.kommunkod,
        languages=tenant.languages,
    )


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
    summary="The survey form for an open invitation",
    responses=_page("the form (the municipality's name on top)", 404, 409, 410),
    tags=["survey"],
)
def survey_form(token: Token) -> Response[str]:
    from shared.survey import pages, service

    opened = service.service().open(token)
    frame = _frame(opened.tenant)
    channel = opened.invitation.channel
    extra = opened.tenant.extra_questions_for(channel)
    return html_response(200, pages.form_page(frame, token, channel, extra=extra))


@app.post(
    "/s/<token>",
    summary="Answer the survey (application/x-www-form-urlencoded)",
    responses=_page("the thank-you page", 400, 403, 404, 409, 410, 415, 422),
    tags=["survey"],
)
def survey_answer(token: Token) -> Response[str]:
    from shared.survey import pages, service

    values = _body()  # before any table is read: a refused post costs no DynamoDB call
    svc = service.service()
    opened = svc.open(token)
    frame = _frame(opened.tenant)
    result = svc.submit(opened, values)
    if result.errors:
        channel = opened.invitation.channel
        extra = opened.tenant.extra_questions_for(channel)
        page = pages.form_page(frame, token, channel, result.values, result.errors, extra)
        return html_response(422, page)
    metrics.add_metric(name="SurveyAnswered", unit="Count", value=1)
    return html_response(200, pages.thanks_page(frame))


@app.get(
    "/s/<token>/decline",
    summary="Ask the resident to confirm a decline (link scanners only GET: nothing changes)",
    responses=_page("the confirm page", 404, 409, 410),
    tags=["survey"],
)
def decline_confirm(token: Token) -> Response[str]:
    from shared.survey import pages, service

    opened = service.service().open(token)
    frame = _frame(opened.tenant)
    return html_response(200, pages.decline_page(frame, token))


@app.post(
    "/s/<token>/decline",
    summary="Decline (the confirm page's button, and the e-mail's RFC 8058 one-click POST "
    "with body List-Unsubscribe=One-Click)",
    responses=_page("the declined page", 400, 403, 404, 409, 410, 415),
    tags=["survey"],
)
def decline(token: Token) -> Response[str]:
    from shared.survey import pages, service
    from shared.survey.request import ONE_CLICK

    _body(cross_site_if=lambda fields: fields != ONE_CLICK)  # a web mail's one-click: allowed
    svc = service.service()
    opened = svc.open(token)
    svc.decline(opened)
    metrics.add_metric(name="SurveyDeclined", unit="Count", value=1)
    frame = _frame(opened.tenant)
    return html_response(200, pages.message_page(frame, "declined"))


def _about(path_lang: str | None) -> Response[str]:
    from shared.survey import info, pages, service

    tenant = service.service().tenant(_kommunkod())
    frame = _frame(tenant, path_lang)
    return html_response(200, pages.about_page(frame, info.facts(tenant)))


def _accessibility(path_lang: str | None) -> Response[str]:
    from shared.survey import info, pages, service

    tenant = service.service().tenant(_kommunkod())
    frame = _frame(tenant, path_lang)
    return html_response(200, pages.accessibility_page(frame, info.facts(tenant)))


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
    return html_response(problem.status_code, pages.message_page(_frame(), problem.page))


@app.not_found
def not_found(_: NotFoundError) -> Response[str]:
    from shared.survey import pages

    return html_response(404, pages.message_page(_frame(), "not_found"))


@app.exception_handler([ClientError, BotoCoreError])
def storage_unavailable(error: Exception) -> Response[str]:
    from shared.survey import pages

    code = error.response.get("Error", {}).get("Code") if isinstance(error, ClientError) else ""
    logger.error("storage call failed", error_type=type(error).__name__, code=code)
    return html_response(503, pages.message_page(_frame(), "unavailable"))


# Route keys for logs: never the raw path (the token is in it)

_ROUTE_KEYS = (
    ("GET", re.compile(r"^/s/[^/]+$"), "GET /s/{token}"),
    ("POST", re.compile(r"^/s/[^/]+$"), "POST /s/{token}"),
    ("GET", re.compile(r"^/s/[^/]+/decline$"), "GET /s/{token}/decline"),
    ("POST", re.compile(r"^/s/[^/]+/decline$"), "POST /s/{token}/decline"),
)
_STATIC_PATHS = ("/om", "/about", "/tillganglighet", "/accessibility", "/survey.css")


def route_key(method: str, path: str) -> str:
    if path in _STATIC_PATHS:
        return f"{method} {path}"
    for route_method, pattern, key in _ROUTE_KEYS:
        if method == route_method and pattern.match(path):
            return key
    return "unmatched"
