"""The senders: exactly the SNS/SES calls we mean, once, and every error read for what it says
about delivery (sent, maybe sent, never sendable, not sent yet)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ConnectTimeoutError, ReadTimeoutError
from botocore.stub import Stubber

from shared.messages import RenderedEmail
from shared.messages.senders import AwsSender, Outcome
from tests.conftest import REGION

PHONE = "+46701234567"
MAIL = RenderedEmail(sender="servicematning@vasteras.se", raw=b"From: x\r\n\r\nhej\r\n")


def _client(service: str) -> Any:
    return boto3.client(  # type: ignore[call-overload]
        service, region_name=REGION, config=Config(retries={"total_max_attempts": 1})
    )


def test_sms_is_published_transactional_with_the_sender_id() -> None:
    sns = _client("sns")
    with Stubber(sns) as stub:
        stub.add_response(
            "publish",
            {"MessageId": "1"},
            {
                "PhoneNumber": PHONE,
                "Message": "hej",
                "MessageAttributes": {
                    "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
                    "AWS.SNS.SMS.SenderID": {"DataType": "String", "StringValue": "Vasteras"},
                },
            },
        )
        assert AwsSender(sns, None).send_sms(PHONE, "hej", "Vasteras") == (Outcome.SENT, "")


def test_email_is_sent_raw_with_the_configuration_set() -> None:
    ses = _client("sesv2")
    with Stubber(ses) as stub:
        stub.add_response(
            "send_email",
            {"MessageId": "1"},
            {
                "FromEmailAddress": MAIL.sender,
                "Destination": {"ToAddresses": ["anna@example.org"]},
                "Content": {"Raw": {"Data": MAIL.raw}},
                "ConfigurationSetName": "servicematning",
            },
        )
        sender = AwsSender(None, ses, "servicematning")
        assert sender.send_email(MAIL, "anna@example.org") == (Outcome.SENT, "")


@pytest.mark.parametrize(
    ("code", "status", "outcome"),
    [
        ("Throttled", 400, Outcome.THROTTLED),
        ("ThrottlingException", 400, Outcome.THROTTLED),
        ("InvalidParameter", 400, Outcome.REJECTED),  # not a valid phone number
        ("InvalidParameterValue", 400, Outcome.REJECTED),
        ("AuthorizationError", 403, Outcome.UNAVAILABLE),  # refused: nothing went out
        ("KMSDisabled", 400, Outcome.UNAVAILABLE),
        ("InternalError", 500, Outcome.UNCERTAIN),  # may have gone out: never retried
    ],
)
def test_sns_errors(code: str, status: int, outcome: Outcome) -> None:
    sns = _client("sns")
    with Stubber(sns) as stub:
        stub.add_client_error("publish", code, f"problem with {PHONE}", http_status_code=status)
        got, logged = AwsSender(sns, None).send_sms(PHONE, "hej", "Vasteras")
    assert got is outcome
    assert logged == code  # the code is logged, never the message (it may quote the number)


@pytest.mark.parametrize(
    ("code", "status", "outcome"),
    [
        ("TooManyRequestsException", 429, Outcome.THROTTLED),
        ("LimitExceededException", 400, Outcome.THROTTLED),  # the daily quota: wait
        ("MessageRejected", 400, Outcome.REJECTED),
        ("BadRequestException", 400, Outcome.REJECTED),
        ("SendingPausedException", 400, Outcome.UNAVAILABLE),
        ("MailFromDomainNotVerifiedException", 400, Outcome.UNAVAILABLE),
        ("InternalFailure", 500, Outcome.UNCERTAIN),
    ],
)
def test_ses_errors(code: str, status: int, outcome: Outcome) -> None:
    ses = _client("sesv2")
    with Stubber(ses) as stub:
        stub.add_client_error("send_email", code, "problem", http_status_code=status)
        got, _ = AwsSender(None, ses).send_email(MAIL, "anna@example.org")
    assert got is outcome


class _Failing:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def publish(self, **_: Any) -> None:
        raise self.error


def test_no_connection_means_not_sent_but_a_read_timeout_may_have_sent() -> None:
    no_connection = ConnectTimeoutError(endpoint_url="https://sns.eu-north-1.amazonaws.com")
    timeout = ReadTimeoutError(endpoint_url="https://sns.eu-north-1.amazonaws.com")
    assert AwsSender(_Failing(no_connection), None).send_sms(PHONE, "x", "V")[0] is (
        Outcome.UNAVAILABLE
    )
    assert AwsSender(_Failing(timeout), None).send_sms(PHONE, "x", "V")[0] is Outcome.UNCERTAIN


def test_send_clients_never_retry() -> None:
    from shared.messages.senders import reset_send_clients, send_client

    reset_send_clients()
    try:
        assert send_client("sns").meta.config.retries["total_max_attempts"] == 1
    finally:
        reset_send_clients()
