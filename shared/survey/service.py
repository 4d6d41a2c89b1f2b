"""The survey's logic: find an open invitation, take an answer, take a decline.

Routes call these; storage is injected (``SurveyStore``), tenants come from ``TenantStore``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from shared import store
from shared.models import InvitationItem, ResponseItem
from shared.redaction.allow import tenant_allow
from shared.settings import SurveySettings
from shared.survey import dynamodb
from shared.survey.errors import InvitationNotFound
from shared.survey.questions import COMMENT_MAX_CHARS
from shared.survey.storage import SurveyStore, new_response_id
from shared.tenants import Tenant, TenantStore, UnknownTenant
from shared.tokens import is_well_formed, token_hash

if TYPE_CHECKING:
    from shared.survey.form import FormResult


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
    from shared.redaction.thorough import thorough

    return thorough(comment, allow)[:COMMENT_MAX_CHARS].strip() or None


class SurveyService:
    def __init__(self, surveys: SurveyStore, tenants: TenantStore) -> None:
        self.surveys = surveys
        self.tenants = tenants

    def open(self, token: str) -> Open:
        """The open invitation behind ``token``, or an ``InvitationProblem`` saying why not."""
        if not is_well_formed(token):
            raise InvitationNotFound
        invitation = self.surveys.open_invitation(token_hash(token))
        try:
            tenant = self.tenants.get(invitation.tenant)
        except UnknownTenant:
            raise InvitationNotFound from None
        return Open(invitation, tenant)

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

        result = form.validate(invitation.channel, values, extra)
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
        )
        campaign = opened.tenant.campaign(invitation.campaign)
        self.surveys.answer(
            invitation, response, extra, campaign.end.isoformat() if campaign else None
        )
        return result

    def decline(self, opened: Open) -> None:
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
    # a plain client, not a boto3 resource: the cold start pays for one (shared/survey/dynamodb.py)
    return SurveyService(surveys, TenantStore(dynamodb.table(settings.tenants_table)))
