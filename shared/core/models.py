"""Values shared across the functions: channels and the shape of stored items."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Channel(StrEnum):
    """How an invitation reaches a resident: phone contacts get an SMS, e-mail contacts mail."""

    SMS = "sms"
    EMAIL = "email"


class ContactItem(BaseModel):
    """A sampled contact waiting for its invitation: the only item that holds personal data."""

    model_config = ConfigDict(frozen=True)

    tenant: str = Field(pattern=r"^\d{4}$")
    contact_id: str = Field(min_length=8)
    channel: Channel
    address: str = Field(repr=False)  # E.164 phone number or e-mail address
    contact_day: date
    campaign: str
    received_at: int  # epoch seconds when the file was received (the purge's clock)
    expires_at: int  # DynamoDB TTL, a backstop only

    def __str__(self) -> str:  # never shows the address
        return f"contact {self.tenant}/{self.contact_id} ({self.channel})"


class InvitationStatus(StrEnum):
    SENDING = "sending"  # claimed by a dispatch run; a retry never sends it again
    SENT = "sent"
    FAILED = "failed"  # permanent failure (invalid number, rejected address)
    ANSWERED = "answered"
    DECLINED = "declined"


class InvitationItem(BaseModel):
    """One invitation, keyed by the SHA-256 of its token. No personal data, no send time."""

    model_config = ConfigDict(frozen=True)

    token_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    tenant: str = Field(pattern=r"^\d{4}$")
    channel: Channel
    campaign: str
    contact_day: date
    status: InvitationStatus
    expires_at: int  # DynamoDB TTL: the survey link's lifetime


class ResponseItem(BaseModel):
    """An anonymous answer: never the token, its hash, or a time finer than the contact day."""

    model_config = ConfigDict(frozen=True)

    tenant: str = Field(pattern=r"^\d{4}$")
    response_id: str  # random, unrelated to the token
    channel: Channel
    campaign: str
    contact_day: date
    answers: dict[str, int | None]  # question id → 1..5, None for "vet ej"
    errand: str | None = None  # ärendekategori
    comment: str | None = None  # already redacted
    extra: dict[str, str] = Field(default_factory=dict)  # the tenant's own questions
    # E-mail only (SKR's method): the validation question "epost_aterkoppling" ("ja"/"nej");
    # "nej" is never scored on enkelhet/tydlighet (``answers`` lacks them) and carries the
    # reasonable response time the resident chose ("epost_svarstid": samma_dag, en_dag,
    # tva_dagar, en_vecka, langre; shared.core.questions.RESPONSE_TIME).
    email_reply: Literal["ja", "nej"] | None = None
    response_time: str | None = None


def normalised(channel: Channel, address: str) -> str:
    """The form that identifies a person: e-mail addresses compare without case."""
    address = address.strip()
    return address.lower() if channel is Channel.EMAIL else address
