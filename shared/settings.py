"""Environment settings, one pydantic model per function composed from small shared ones.

Each environment key is a constant here; the CDK code imports the same constants, so a key's
name is written once. Settings are read when a handler first needs them, never at import.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError

TENANTS_TABLE = "TENANTS_TABLE"
FILES_TABLE = "FILES_TABLE"
CONTACTS_TABLE = "CONTACTS_TABLE"
INVITATIONS_TABLE = "INVITATIONS_TABLE"
RESPONSES_TABLE = "RESPONSES_TABLE"
COUNTERS_TABLE = "COUNTERS_TABLE"
DATA_BUCKET = "DATA_BUCKET"
ANALYTICS_BUCKET = "ANALYTICS_BUCKET"
SURVEY_BASE_URL = "SURVEY_BASE_URL"
SES_CONFIGURATION_SET = "SES_CONFIGURATION_SET"


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


class TenantSettings(EnvSettings):
    tenants_table: str = Field(validation_alias=TENANTS_TABLE, min_length=1)


class IngestSettings(TenantSettings):
    files_table: str = Field(validation_alias=FILES_TABLE, min_length=1)
    contacts_table: str = Field(validation_alias=CONTACTS_TABLE, min_length=1)
    data_bucket: str = Field(validation_alias=DATA_BUCKET, min_length=1)
