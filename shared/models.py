"""Values shared across the functions: channels and the shape of stored items."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

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
