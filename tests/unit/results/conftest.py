"""Small hand-checkable data sets for the results tests."""

from __future__ import annotations

from datetime import date

import pytest

from shared.results.figures import Invitation, Response
from shared.tenants import Kommungrupp, Tenant

MONDAY_W10 = date(2026, 3, 2)  # ISO week 2026-W10
MONDAY_W11 = date(2026, 3, 9)


def tenant(kommunkod: str, group: Kommungrupp = Kommungrupp.A3, minimum: int = 5) -> Tenant:
    return Tenant(
        kommunkod=kommunkod,
        name=f"Kommun {kommunkod}",
        sms_sender_id="Kommunen",
        email_sender="noreply@example.se",
        privacy_contact="dataskydd@example.se",
        kommungrupp=group,
        min_cell_size=minimum,
    )


def answers(
    kommunkod: str,
    values: list[int | None],
    *,
    question: str = "q1",
    channel: str = "sms",
    day: date = MONDAY_W10,
    errand: str | None = "bygglov",
    comment: str | None = None,
    campaign: str = "2026-var",
) -> list[Response]:
    return [
        Response(
            kommunkod, channel, campaign, day, {question: v}, errand, comment, f"{kommunkod}-{i}"
        )
        for i, v in enumerate(values)
    ]


def invitations(kommunkod: str, **statuses: int) -> list[Invitation]:
    return [
        Invitation(kommunkod, "2026-var", "sms", status)
        for status, count in statuses.items()
        for _ in range(count)
    ]


@pytest.fixture
def tenants() -> dict[str, Tenant]:
    return {
        "1980": tenant("1980", Kommungrupp.A3),
        "0380": tenant("0380", Kommungrupp.A3),
        "0180": tenant("0180", Kommungrupp.A1, minimum=10),
    }
