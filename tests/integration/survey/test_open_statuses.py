"""Which invitation statuses a resident's link works in.

Dispatch writes an invitation as ``sending`` when it claims the contact and marks it ``sent``
after the SMS/e-mail call. If the function dies between the two, the resident has the message
and its link while the invitation still says ``sending``: that link must work.
"""

from __future__ import annotations

import pytest

from tests.integration.survey.conftest import EMAIL_ANSWER, SMS_ANSWER, Survey


@pytest.mark.parametrize("status", ["sent", "sending"])
def test_an_open_invitation_shows_the_form_and_takes_an_answer(survey: Survey, status: str) -> None:
    token = survey.invite(channel="sms", tenant="0180", status=status)

    form = survey.call("GET", f"/s/{token}")
    answered = survey.call("POST", f"/s/{token}", SMS_ANSWER)

    assert form.status == 200
    assert "hur nöjd är du med bemötandet?" in form.text
    assert answered.status == 303
    assert "Tack för ditt svar!" in survey.follow(answered).text
    assert survey.invitation(token)["status"] == "answered"
    [response] = survey.responses()
    assert response["answers"] == {"tel_bemotande": 4, "tel_enkelhet": None}


@pytest.mark.parametrize("status", ["sent", "sending"])
def test_an_open_invitation_can_be_declined(survey: Survey, status: str) -> None:
    token = survey.invite(channel="email", tenant="1980", status=status)

    confirm = survey.call("GET", f"/s/{token}/decline")
    declined = survey.call("POST", f"/s/{token}/decline", "confirm=yes")

    assert confirm.status == 200
    assert declined.status == 303
    assert "Du har tackat nej" in survey.follow(declined).text
    assert survey.invitation(token)["status"] == "declined"
    assert survey.counters() == {"declined#1980#2026-host#email": 1}


def test_a_sending_invitation_answered_once_is_closed_like_any_other(survey: Survey) -> None:
    token = survey.invite(channel="email", tenant="1980", status="sending")

    first = survey.call("POST", f"/s/{token}", EMAIL_ANSWER)
    second = survey.call("POST", f"/s/{token}", EMAIL_ANSWER)
    decline = survey.call("POST", f"/s/{token}/decline", "confirm=yes")

    # a second submit lands where the first did; a decline cannot undo the answer
    assert (first.status, second.status, decline.status) == (303, 303, 409)
    assert "Du har redan svarat" in decline.text
    assert len(survey.responses()) == 1
    assert survey.counters() == {}


def test_dispatch_marking_sent_late_does_not_reopen_an_answered_invitation(
    survey: Survey,
) -> None:
    from datetime import date

    from shared.core.models import Channel, ContactItem, InvitationItem, InvitationStatus
    from shared.dispatch.tables import Claim, DispatchTables
    from shared.platform import settings

    token = survey.invite(status="sending")
    assert survey.call("POST", f"/s/{token}", SMS_ANSWER).status == 303
    invitation = InvitationItem.model_validate(survey.invitation(token))
    contact = ContactItem(
        tenant="0180",
        contact_id="c0000001",
        channel=Channel.SMS,
        address="+46701234567",
        contact_day=date(2026, 11, 20),
        campaign="2026-host",
        received_at=0,
        expires_at=0,
    )
    tables = DispatchTables(
        survey.table(settings.INVITATIONS_TABLE).meta.client,
        survey.env[settings.CONTACTS_TABLE],
        survey.env[settings.INVITATIONS_TABLE],
        survey.env[settings.COUNTERS_TABLE],
    )

    tables.finish([(Claim(contact, invitation), InvitationStatus.SENT)])

    assert survey.invitation(token)["status"] == "answered"
    assert "Tack för ditt svar!" in survey.call("GET", f"/s/{token}").text


# A used link never shows an error: its outcome, whichever way the resident comes back
# (the form's GET, a second POST, the decline link). Only a decline after an answer is refused.
USED = {
    "answered": (200, "Tack för ditt svar!"),
    "declined": (200, "Du har tackat nej"),
    "failed": (404, "Länken är inte giltig"),
}


@pytest.mark.parametrize("status", list(USED))
@pytest.mark.parametrize(
    ("method", "target", "body"),
    [
        ("GET", "/s/{token}", None),
        ("POST", "/s/{token}", SMS_ANSWER),
        ("GET", "/s/{token}/decline", None),
        ("POST", "/s/{token}/decline", "confirm=yes"),
        ("GET", "/s/{token}/tack", None),
    ],
)
def test_a_used_link_shows_its_outcome_and_changes_nothing(
    survey: Survey, status: str, method: str, target: str, body: str | None
) -> None:
    token = survey.invite(status=status)

    page = survey.call(method, target.format(token=token), body)
    if page.status == 303:
        page = survey.follow(page)

    code, text = USED[status]
    if (status, method, target) == ("answered", "POST", "/s/{token}/decline"):
        code, text = 409, "Du har redan svarat"
    assert page.status == code
    assert text in page.text
    assert survey.invitation(token)["status"] == status
    assert survey.responses() == []
    assert survey.counters() == {}
