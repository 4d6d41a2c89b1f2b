"""The messaging adapters: SMS through SNS, e-mail through SES v2.

Each send call is made once, never retried by botocore: a retried call after a lost response
could deliver a second message. Every error is sorted into what it tells us about delivery:

- THROTTLED / UNAVAILABLE: the service refused the request, so nothing was sent; the contact's
  claim can be released and the contact waits for a later run.
- REJECTED: this recipient can never be reached (an invalid number, a rejected address).
- UNCERTAIN: the request may have reached the service (a 5xx, a read timeout); the message may
  be out, so it is treated as sent and never tried again.

IAM: SES v2 ``SendEmail`` with ``Content.Raw`` is authorised as ``ses:SendRawEmail`` (besides
``ses:SendEmail``) on the identity and the configuration set.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Protocol

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
)

from shared.messages import RenderedEmail
from shared.platform import store


class Outcome(StrEnum):
    SENT = "sent"
    UNCERTAIN = "uncertain"  # maybe delivered: counted as sent, never retried
    REJECTED = "rejected"  # permanent for this recipient
    THROTTLED = "throttled"  # not sent: the service's rate limit; retry in a later run
    UNAVAILABLE = "unavailable"  # not sent: the service refused for a reason not the recipient's

    @property
    def not_sent(self) -> bool:
        return self in (Outcome.THROTTLED, Outcome.UNAVAILABLE)


THROTTLING_CODES = frozenset(
    {
        "Throttled",  # SNS
        "ThrottledException",
        "Throttling",
        "ThrottlingException",
        "TooManyRequestsException",  # SES v2
        "LimitExceededException",  # SES v2: daily sending quota
        "RequestLimitExceeded",
        "KMSThrottling",
    }
)
SMS_REJECTION_CODES = frozenset({"InvalidParameter", "InvalidParameterValue"})
EMAIL_REJECTION_CODES = frozenset({"MessageRejected", "BadRequestException"})

# No retries for sends: at most once is worth more than a retried success.
_SEND_CONFIG = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=15)


@store.per_environment
def send_client(service: str) -> Any:
    return boto3.client(service, config=_SEND_CONFIG)  # type: ignore[call-overload]


def reset_send_clients() -> None:
    send_client.cache_clear()  # type: ignore[attr-defined]  # a functools.cache wrapper


def classify(error: Exception, rejection_codes: frozenset[str]) -> tuple[Outcome, str]:
    """The outcome an error stands for, and a code to log (never the error's text, which may
    quote the recipient)."""
    if isinstance(error, ClientError):
        code = str(store.error_code(error))
        status = int(error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
        if code in THROTTLING_CODES or status == 429:
            return Outcome.THROTTLED, code
        if code in rejection_codes:
            return Outcome.REJECTED, code
        if status >= 500:
            return Outcome.UNCERTAIN, code
        return Outcome.UNAVAILABLE, code
    if isinstance(error, EndpointConnectionError | ConnectTimeoutError):
        return Outcome.UNAVAILABLE, type(error).__name__  # no connection: nothing went out
    return Outcome.UNCERTAIN, type(error).__name__


class Sender(Protocol):
    def send_sms(self, phone: str, text: str, sender_id: str) -> tuple[Outcome, str]: ...

    def send_email(self, message: RenderedEmail, recipient: str) -> tuple[Outcome, str]: ...


class AwsSender:
    """SNS for SMS, SES v2 for e-mail. Returns (outcome, code) and never raises for AWS errors."""

    def __init__(self, sns: Any, sesv2: Any, configuration_set: str | None = None) -> None:
        self._sns = sns
        self._ses = sesv2
        self._configuration_set = configuration_set

    @classmethod
    def default(cls, configuration_set: str | None = None) -> AwsSender:
        return cls(send_client("sns"), send_client("sesv2"), configuration_set)

    def send_sms(self, phone: str, text: str, sender_id: str) -> tuple[Outcome, str]:
        try:
            self._sns.publish(
                PhoneNumber=phone,
                Message=text,
                MessageAttributes={
                    "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
                    "AWS.SNS.SMS.SenderID": {"DataType": "String", "StringValue": sender_id},
                },
            )
        except (ClientError, BotoCoreError) as error:
            return classify(error, SMS_REJECTION_CODES)
        return Outcome.SENT, ""

    def send_email(self, message: RenderedEmail, recipient: str) -> tuple[Outcome, str]:
        kwargs: dict[str, Any] = {
            "FromEmailAddress": message.sender,
            "Destination": {"ToAddresses": [recipient]},
            "Content": {"Raw": {"Data": message.raw}},
        }
        if self._configuration_set:
            kwargs["ConfigurationSetName"] = self._configuration_set
        try:
            self._ses.send_email(**kwargs)
        except (ClientError, BotoCoreError) as error:
            return classify(error, EMAIL_REJECTION_CODES)
        return Outcome.SENT, ""
