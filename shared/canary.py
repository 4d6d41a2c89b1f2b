"""The canary: a synthetic resident's link walked every few minutes, on the public path.

1. Make a fresh token of the real shape (``tokens.new_token``). It is never issued, so it names
   no invitation: nothing real is read, nothing is written, nothing is counted.
2. ``GET {SURVEY_BASE_URL}/s/{token}`` as a resident's phone would: through CloudFront and its
   WAF (with the edge stack), API Gateway, the survey function, and one DynamoDB GetItem of the
   invitations table by the token's hash, which finds nothing.
3. Passed only when the answer is the survey function's own page for an unknown link: status
   404, HTML, with the page's Swedish title (``MARKER``). Every broken hop answers otherwise:
   a failing table is the survey's 503 page, a missing route or integration API Gateway's JSON
   404 or 500, a blocked edge CloudFront's or WAF's page, a dead domain no answer at all.
4. Emit ``CanaryPassed`` (1 or 0) and ``CanaryMilliseconds``; the ``CanaryFailing`` alarm
   fires on two failed walks in a row *or on none at all* (missing data breaches), so a canary
   that stops running is itself an alarm.

Safe to repeat: every run is independent and changes nothing. The token and the URL are never
logged (a token in a log is forbidden even when it is synthetic: the rule stays simple).
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from shared.core import tokens

MARKER = "Sidan finns inte"  # the survey's "not_found" page title in Swedish (shared/survey/texts)
TIMEOUT_SECONDS = 10
USER_AGENT = "servicematning-canary/1"


@dataclass(frozen=True)
class Walk:
    passed: bool
    status: int | None  # None: no HTTP answer at all
    reason: str  # "ok", or why not: short, no URL or token in it
    milliseconds: float


def judge(status: int | None, content_type: str, body: str) -> str:
    """Why a walk's answer is not the survey's unknown-link page ("ok" when it is)."""
    if status is None:
        return "no_answer"
    if status == 503:
        return "survey_unavailable"  # the survey's own page: its table call failed
    if status != 404:
        return f"status_{status}"
    if not content_type.startswith("text/html"):
        return "not_the_survey"  # API Gateway's {"message":"Not Found"}: the route is gone
    if MARKER not in body:
        return "not_the_survey_page"
    return "ok"


def walk(base_url: str, *, timeout: float = TIMEOUT_SECONDS) -> Walk:
    url = tokens.survey_url(base_url, tokens.new_token())
    if not url.startswith(("https://", "http://")):
        raise ValueError("the survey base URL is not http(s)")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, headers={"Accept-Language": "sv", "User-Agent": USER_AGENT}
    )
    started = time.perf_counter()
    status: int | None
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status, content_type = response.status, response.headers.get("Content-Type", "")
            body = response.read(200_000).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        status, content_type = error.code, error.headers.get("Content-Type", "")
        body = error.read(200_000).decode("utf-8", "replace")
    except (urllib.error.URLError, TimeoutError, OSError):
        status, content_type, body = None, "", ""
    milliseconds = (time.perf_counter() - started) * 1000
    reason = judge(status, content_type or "", body)
    return Walk(passed=reason == "ok", status=status, reason=reason, milliseconds=milliseconds)
