"""Environment settings, one pydantic model per function composed from small shared ones.

Each environment key is a constant here; the CDK code imports the same constants, so a key's
name is written once. Settings are read when a handler first needs them, never at import.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

TENANTS_TABLE = "TENANTS_TABLE"
FILES_TABLE = "FILES_TABLE"
CONTACTS_TABLE = "CONTACTS_TABLE"
INVITATIONS_TABLE = "INVITATIONS_TABLE"
RESPONSES_TABLE = "RESPONSES_TABLE"
COUNTERS_TABLE = "COUNTERS_TABLE"
TOTALS_TABLE = "TOTALS_TABLE"
RELEASES_TABLE = "RELEASES_TABLE"
COMMENTS_TABLE = "COMMENTS_TABLE"
CONTACT_REQUESTS_TABLE = (
    "CONTACT_REQUESTS_TABLE"  # "kontakta mig" (shared/messages/contact_requests.py)
)
PRIVACY_RHO = "PRIVACY_RHO"
RELEASE_CADENCE = "RELEASE_CADENCE"
COMMENT_BATCH = "COMMENT_BATCH"
DATA_BUCKET = "DATA_BUCKET"
ANALYTICS_BUCKET = "ANALYTICS_BUCKET"
SURVEY_BASE_URL = "SURVEY_BASE_URL"
SES_CONFIGURATION_SET = "SES_CONFIGURATION_SET"
UPLOAD_SILENCE_WORKING_DAYS = "UPLOAD_SILENCE_WORKING_DAYS"
DEFAULT_UPLOAD_SILENCE_WORKING_DAYS = 2
REPORT_SENDER = "REPORT_SENDER"  # the service's own From address of the upload reports
THEMES_BACKEND = "THEMES_BACKEND"
THEMES_MODEL_ID = "THEMES_MODEL_ID"
THEMES_REGION = "THEMES_REGION"


class SettingsError(RuntimeError):
    """The environment lacks a setting the function needs (a broken deployment)."""


class EnvSettings(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="ignore")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Self:
        env = os.environ if environ is None else environ
        try:
            return cls.model_validate(dict(env))
        except ValidationError as error:
            problems = ", ".join(
                f"{'/'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
            )
            raise SettingsError(f"{cls.__name__} is incomplete: {problems}") from None


class CliSettings(EnvSettings):
    """What the operator and contact-centre commands read from the environment: the locale
    (``LC_ALL`` over ``LC_MESSAGES`` over ``LANG``, as POSIX orders them) for the language they
    speak, the data bucket ``upload`` sends to, the names ``report`` reads when no flag gives
    them, and the survey's address ``infotext`` links to. Every one may be unset."""

    lc_all: str = Field(default="", validation_alias="LC_ALL")
    lc_messages: str = Field(default="", validation_alias="LC_MESSAGES")
    lang: str = Field(default="", validation_alias="LANG")
    data_bucket: str = Field(default="", validation_alias=DATA_BUCKET)
    releases_table: str = Field(default="", validation_alias=RELEASES_TABLE)
    tenants_table: str = Field(default="", validation_alias=TENANTS_TABLE)
    analytics_bucket: str = Field(default="", validation_alias=ANALYTICS_BUCKET)
    survey_base_url: str = Field(default="", validation_alias=SURVEY_BASE_URL)

    @property
    def locale(self) -> str:
        return self.lc_all or self.lc_messages or self.lang


class TenantSettings(EnvSettings):
    tenants_table: str = Field(validation_alias=TENANTS_TABLE, min_length=1)


class IngestSettings(TenantSettings):
    files_table: str = Field(validation_alias=FILES_TABLE, min_length=1)
    contacts_table: str = Field(validation_alias=CONTACTS_TABLE, min_length=1)
    data_bucket: str = Field(validation_alias=DATA_BUCKET, min_length=1)
    # the daily draw reads the day's invitation count (the cap left); absent: the whole cap
    counters_table: str | None = Field(default=None, validation_alias=COUNTERS_TABLE)
    # the upload reports' From (a verified SES identity); absent or blank: none is e-mailed
    report_sender: str | None = Field(
        default=None, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$", validation_alias=REPORT_SENDER
    )

    @field_validator("report_sender")
    @classmethod
    def _no_sender(cls, value: str | None) -> str | None:
        return value or None


SMS_PER_SECOND = "SMS_PER_SECOND"
EMAIL_PER_SECOND = "EMAIL_PER_SECOND"
NO_REPEAT_KEY_PREFIX = "NO_REPEAT_KEY_PREFIX"  # SSM path of the no-repeat HMAC keys
DEFAULT_NO_REPEAT_KEY_PREFIX = "/servicematning/no-repeat"


def _survey_base_url(value: str) -> str:
    """The survey's public origin (and optional path), short enough for every SMS."""
    import re

    from shared.core.invitation import MAX_BASE_URL_LENGTH

    value = value.strip().rstrip("/")
    # https, a host name, an optional port and path; only characters one SMS septet each
    # (no '~', which GSM-7 can only send as two septets)
    match = re.fullmatch(r"(https?)://([a-z0-9.-]+)(:\d{1,5})?(/[A-Za-z0-9._/-]*)?", value)
    if not match:
        raise ValueError("must look like https://enkat.example.se (lower-case host, no query)")
    if match.group(1) == "http" and match.group(2) not in ("127.0.0.1", "localhost"):
        raise ValueError("must use https (plain http only on 127.0.0.1 or localhost)")
    if len(value) > MAX_BASE_URL_LENGTH:
        raise ValueError(
            f"has {len(value)} characters; at most {MAX_BASE_URL_LENGTH} keep every SMS "
            "within one 160-character segment"
        )
    return value


class DispatchSettings(TenantSettings):
    contacts_table: str = Field(validation_alias=CONTACTS_TABLE, min_length=1)
    invitations_table: str = Field(validation_alias=INVITATIONS_TABLE, min_length=1)
    counters_table: str = Field(validation_alias=COUNTERS_TABLE, min_length=1)
    totals_table: str = Field(validation_alias=TOTALS_TABLE, min_length=1)
    # the published figures the stop rule and target mode read (never the exact counts)
    releases_table: str = Field(validation_alias=RELEASES_TABLE, min_length=1)
    survey_base_url: str = Field(validation_alias=SURVEY_BASE_URL)
    ses_configuration_set: str | None = Field(default=None, validation_alias=SES_CONFIGURATION_SET)
    # Sending pace, under the account's limits (SNS SMS: 20/s by default; SES: the quota's rate)
    sms_per_second: float = Field(default=10.0, gt=0, le=1000, validation_alias=SMS_PER_SECOND)
    email_per_second: float = Field(default=10.0, gt=0, le=1000, validation_alias=EMAIL_PER_SECOND)
    no_repeat_key_prefix: str = Field(
        default=DEFAULT_NO_REPEAT_KEY_PREFIX,
        pattern=r"^(/[A-Za-z0-9_.-]+)+$",
        validation_alias=NO_REPEAT_KEY_PREFIX,
    )

    @field_validator("survey_base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        return _survey_base_url(value)

    @field_validator("ses_configuration_set")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


class PurgeSettings(TenantSettings):
    contacts_table: str = Field(validation_alias=CONTACTS_TABLE, min_length=1)
    # the reconciliation of invitations a crash left in ``sending`` (shared/dispatch/reconcile.py)
    invitations_table: str = Field(validation_alias=INVITATIONS_TABLE, min_length=1)
    counters_table: str = Field(validation_alias=COUNTERS_TABLE, min_length=1)
    totals_table: str = Field(validation_alias=TOTALS_TABLE, min_length=1)
    no_repeat_key_prefix: str = Field(
        default=DEFAULT_NO_REPEAT_KEY_PREFIX,
        pattern=r"^(/[A-Za-z0-9_.-]+)+$",
        validation_alias=NO_REPEAT_KEY_PREFIX,
    )


class ReleaseSettings(EnvSettings):
    """The privacy budget and the release rules: stated once, here (docs/results.md)."""

    # zCDP per resident, campaign and channel; every noise scale follows from it
    # (shared.results.disclosure.noise; the accuracy frontier and the audit:
    # docs/privacy-attacks.md)
    privacy_rho: float = Field(default=0.3, gt=0, le=50, validation_alias=PRIVACY_RHO)
    # the public release calendar: weekly (Mondays 06:00 Stockholm time) or daily
    release_cadence: Literal["weekly", "daily"] = Field(
        default="weekly", validation_alias=RELEASE_CADENCE
    )
    # comments go out in batches of at least this many (never fewer than 10)
    comment_batch: int = Field(default=20, ge=10, le=1000, validation_alias=COMMENT_BATCH)


_INFERENCE_PROFILE_PREFIXES = frozenset({"eu", "us", "us-gov", "apac", "jp", "au", "ca", "global"})


class ThemeSettings(EnvSettings):
    """How released comments get their themes (shared/results/themes): the embedded word lists
    (default), or a Bedrock model in the deployment's own region, never a cross-region
    inference profile (``eu.…``, ``global.…``), which may serve a request elsewhere."""

    themes_backend: Literal["embedded", "bedrock"] = Field(
        default="embedded", validation_alias=THEMES_BACKEND
    )
    themes_model_id: str | None = Field(
        default=None, pattern=r"^[a-z0-9-]+\.[A-Za-z0-9._:-]+$", validation_alias=THEMES_MODEL_ID
    )
    themes_region: str | None = Field(
        default=None, pattern=r"^[a-z]{2}(-gov)?-[a-z]+-\d$", validation_alias=THEMES_REGION
    )

    @field_validator("themes_model_id")
    @classmethod
    def _in_region(cls, value: str | None) -> str | None:
        if value and value.split(".", 1)[0] in _INFERENCE_PROFILE_PREFIXES:
            raise ValueError(
                "is a cross-region inference profile, which may serve a request from another "
                "region: name a model offered in the deployment's own region"
            )
        return value or None

    @model_validator(mode="after")
    def _bedrock_is_named(self) -> Self:
        if self.themes_backend == "bedrock" and not (self.themes_model_id and self.themes_region):
            raise ValueError(
                f"{THEMES_BACKEND}=bedrock needs {THEMES_MODEL_ID} and {THEMES_REGION}"
            )
        return self


class ResultsSettings(TenantSettings, ReleaseSettings, ThemeSettings):
    totals_table: str = Field(validation_alias=TOTALS_TABLE, min_length=1)
    releases_table: str = Field(validation_alias=RELEASES_TABLE, min_length=1)
    comments_table: str = Field(validation_alias=COMMENTS_TABLE, min_length=1)
    analytics_bucket: str = Field(validation_alias=ANALYTICS_BUCKET, min_length=1)


class BackfillSettings(TenantSettings):
    """What folding stored history into the totals reads and writes (once, idempotent)."""

    comments_table: str = Field(validation_alias=COMMENTS_TABLE, min_length=1)
    responses_table: str = Field(validation_alias=RESPONSES_TABLE, min_length=1)
    invitations_table: str = Field(validation_alias=INVITATIONS_TABLE, min_length=1)
    counters_table: str = Field(validation_alias=COUNTERS_TABLE, min_length=1)
    totals_table: str = Field(validation_alias=TOTALS_TABLE, min_length=1)


class WatchSettings(TenantSettings):
    """The upload watch (shared.ingest.watch): who is active, and when each last sent a file; and
    the
    daily digest of "kontakta mig" requests (shared.messages.contact_requests), when its table is
    set."""

    files_table: str = Field(validation_alias=FILES_TABLE, min_length=1)
    contact_requests_table: str | None = Field(
        default=None, validation_alias=CONTACT_REQUESTS_TABLE
    )
    # the digests' From (the upload reports' address); absent or blank: no digest is sent
    report_sender: str | None = Field(
        default=None, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$", validation_alias=REPORT_SENDER
    )
    # an active municipality without a file for this many Swedish working days raises the alarm
    silence_working_days: int = Field(
        default=DEFAULT_UPLOAD_SILENCE_WORKING_DAYS,
        ge=1,
        le=20,
        validation_alias=UPLOAD_SILENCE_WORKING_DAYS,
    )


class SurveySettings(TenantSettings):
    invitations_table: str = Field(validation_alias=INVITATIONS_TABLE, min_length=1)
    responses_table: str = Field(validation_alias=RESPONSES_TABLE, min_length=1)
    totals_table: str = Field(validation_alias=TOTALS_TABLE, min_length=1)
    comments_table: str = Field(validation_alias=COMMENTS_TABLE, min_length=1)
    # "kontakta mig": the requests, and the per-municipality daily cap's counter
    contact_requests_table: str = Field(validation_alias=CONTACT_REQUESTS_TABLE, min_length=1)
    counters_table: str = Field(validation_alias=COUNTERS_TABLE, min_length=1)


class CanarySettings(EnvSettings):
    """The canary (shared.canary): the public origin a resident's link starts with."""

    survey_base_url: str = Field(validation_alias=SURVEY_BASE_URL, pattern=r"^https?://\S+$")
