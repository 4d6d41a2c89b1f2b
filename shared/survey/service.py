"""The survey's logic: find an open invitation, take an answer, take a decline.

Routes call these; storage is injected (``SurveyStore``), tenants come from ``TenantStore``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from shared.core.models import InvitationItem, InvitationStatus, ResponseItem
from shared.core.questions import COMMENT_MAX_CHARS
from shared.core.tenants import Tenant, UnknownTenant
from shared.core.tokens import is_well_formed, token_hash
from shared.platform import store
from shared.platform.redaction.allow import tenant_allow
from shared.platform.settings import SurveySettings
from shared.platform.tenant_store import TenantStore
from shared.survey import dynamodb
from shared.survey.errors import InvitationNotFound, SurveyProblem
from shared.survey.storage import SurveyStore, new_response_id

if TYPE_CHECKING:
    from shared.messages.contact_requests import ContactForm, ContactRequestStore
    from shared.platform.actions import Action
    from shared.survey.form import FormResult


# A link a resident holds: sent (or being sent), then answered or declined. A failed invitation
# reached no one, so its link is "not found" like any unknown one.
KNOWN_TO_RESIDENT = frozenset(
    {InvitationStatus.SENT, InvitationStatus.SENDING, InvitationStatus.ANSWERED}
    | {InvitationStatus.DECLINED}
)


@contextmanager
def branded(tenant: Tenant) -> Iterator[None]:
    """A survey problem raised inside is shown with ``tenant``'s name and logo."""
    try:
        yield
    except SurveyProblem as problem:
        problem.tenant = tenant
        raise


@dataclass(frozen=True)
class Open:
    """An invitation that can still be answered, with its municipality."""

    invitation: InvitationItem
    tenant: Tenant


def redact_comment(comment: str | None, allow: tuple[str, ...] = ()) -> str | None:
    """Redact personal data by the thorough pass (``allow``: the municipality's published
    contacts), then cap the length (a mark may be longer than what it hides)."""
    if not comment:
        return None
    # a POST's with a comment: a cold start on a GET never imports it (docs/privacy.md, Redaction)
    from shared.platform.redaction.thorough import thorough_or_withheld

    # a text the pass raises on is withheld (not stored), the answer stands
    redacted = thorough_or_withheld(comment, allow, stage="survey")
    return (redacted or "")[:COMMENT_MAX_CHARS].strip() or None


class SurveyService:
    def __init__(
        self,
        surveys: SurveyStore,
        tenants: TenantStore,
        contacts: ContactRequestStore | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.surveys = surveys
        self.tenants = tenants
        self.contacts = contacts  # "kontakta mig": a store of its own, apart from the answers
        self.clock = clock

    def find(self, token: str, consistent: bool = False) -> Open:
        """The invitation behind ``token`` in any state, with its municipality; an unknown,
        malformed or failed link is ``InvitationNotFound``."""
        if not is_well_formed(token):
            raise InvitationNotFound
        invitation = self.surveys.invitation(token_hash(token), consistent)
        if invitation is None or invitation.status not in KNOWN_TO_RESIDENT:
            raise InvitationNotFound
        try:
            tenant = self.tenants.get(invitation.tenant)
        except UnknownTenant:
            raise InvitationNotFound from None
        return Open(invitation, tenant)

    def open(self, token: str) -> Open:
        """The open invitation behind ``token``, or an ``InvitationProblem`` saying why not
        (branded with the municipality when the link names one)."""
        return self.still_open(self.find(token))

    def still_open(self, found: Open) -> Open:
        """``found`` if it can still be answered, else the problem, in its municipality's name
        (no second read: the pages that first show a used link's outcome call this)."""
        with branded(found.tenant):
            self.surveys.check_open(found.invitation)
        return found

    def tenant(self, kommunkod: str | None) -> Tenant | None:
        """A municipality named by an /om link's ``k``, or None for the general text."""
        if not kommunkod or not (len(kommunkod) == 4 and kommunkod.isdigit()):
            return None
        try:
            return self.tenants.get(kommunkod)
        except UnknownTenant:
            return None

    def submit(self, opened: Open, values: dict[str, str]) -> FormResult:
        """Validate and store an answer; on errors nothing is stored and the result says why."""
        invitation = opened.invitation
        extra = opened.tenant.extra_questions_for(invitation.channel)
        from shared.survey import form  # a POST's: a cold start on a GET never imports it

        result = form.validate(invitation.channel, values, extra, opened.tenant.errands)
        if result.answer is None:
            return result
        response = ResponseItem(
            tenant=invitation.tenant,
            response_id=new_response_id(),
            channel=invitation.channel,
            campaign=invitation.campaign,
            contact_day=invitation.contact_day,
            answers=result.answer.answers,
            errand=result.answer.errand,
            comment=redact_comment(result.answer.comment, tenant_allow(opened.tenant)),
            extra=result.answer.extra,
            email_reply=result.answer.email_reply,
            response_time=result.answer.response_time,
        )
        campaign = opened.tenant.campaign(invitation.campaign)
        with branded(opened.tenant):
            self.surveys.answer(
                invitation, response, extra, campaign.end.isoformat() if campaign else None
            )
        return result

    def actions(self, kommunkod: str) -> list[Action]:
        """The municipality's latest actions for /om ("Det här gör vi"), newest first."""
        from shared.platform.actions import ActionStore, latest

        return latest(ActionStore(self.tenants.table).for_tenant(kommunkod))

    def contact_request(self, tenant: Tenant, form: ContactForm, lang: str) -> None:
        """Store a "kontakta mig" request (``DailyCapReached`` beyond the day's cap): its own
        table, its own random id, the day only (shared/messages/contact_requests.py)."""
        from datetime import datetime

        from shared.core.time import STOCKHOLM_TZ

        if self.contacts is None:
            raise RuntimeError("no contact request store configured")
        today = datetime.fromtimestamp(self.clock(), STOCKHOLM_TZ).date()
        self.contacts.add(tenant.kommunkod, form, today, lang)

    def decline(self, opened: Open) -> None:
        with branded(opened.tenant):
            self.surveys.decline(opened.invitation)


@store.per_environment
def service() -> SurveyService:
    """The service for this process, built from the environment on first use."""
    settings = SurveySettings.from_env()
    surveys = SurveyStore(
        invitations=dynamodb.table(settings.invitations_table),
        responses=dynamodb.table(settings.responses_table),
        totals=dynamodb.table(settings.totals_table),
        comments=dynamodb.table(settings.comments_table),
    )
    from shared.messages.contact_requests import ContactRequestStore

    contacts = ContactRequestStore(
        dynamodb.table(settings.contact_requests_table), dynamodb.table(settings.counters_table)
    )
    # a plain client, not a boto3 resource: the cold start pays for one (shared/survey/dynamodb.py)
    return SurveyService(surveys, TenantStore(dynamodb.table(settings.tenants_table)), contacts)
