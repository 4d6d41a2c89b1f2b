"""The shape of every table and bucket, defined once.

The CDK stack (infra/) and the local runner (local/) both read these definitions, so the
deployed resources and the emulated ones cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from shared.platform import settings

KeyType = Literal["S", "N", "B"]
ProjectionType = Literal["ALL", "KEYS_ONLY", "INCLUDE"]


@dataclass(frozen=True)
class Key:
    name: str
    type: KeyType = "S"


@dataclass(frozen=True)
class Index:
    """A global secondary index. ``projection``: what each index entry copies from its item;
    every write that changes a copied attribute is paid again for the index, so an index
    read only for its keys is KEYS_ONLY (``include``: the non-key attributes of INCLUDE)."""

    name: str
    partition_key: Key
    sort_key: Key | None = None
    projection: ProjectionType = "ALL"
    include: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if bool(self.include) != (self.projection == "INCLUDE"):
            raise ValueError(f"index {self.name}: include names the attributes of INCLUDE only")

    def projection_kwargs(self) -> dict[str, Any]:
        """The index's ``Projection`` for DynamoDB CreateTable."""
        out: dict[str, Any] = {"ProjectionType": self.projection}
        if self.include:
            out["NonKeyAttributes"] = list(self.include)
        return out


@dataclass(frozen=True)
class Table:
    """A DynamoDB table: its construct id, the env key carrying its name, keys, TTL, indexes."""

    id: str
    env_key: str
    partition_key: Key
    sort_key: Key | None = None
    ttl_attribute: str | None = None
    indexes: tuple[Index, ...] = ()
    holds_personal_data: bool = False
    purpose: str = ""
    # Point-in-time recovery would date every change to the second for 35 days: off for the
    # tables from which an operator could date an answer (and for personal data).
    point_in_time_recovery: bool = True

    def create_table_kwargs(self, table_name: str) -> dict[str, Any]:
        """Arguments for DynamoDB CreateTable (the local runner and tests use them)."""
        keys = [self.partition_key] + ([self.sort_key] if self.sort_key else [])
        for index in self.indexes:
            keys += [index.partition_key] + ([index.sort_key] if index.sort_key else [])
        attributes = {k.name: k.type for k in keys}
        kwargs: dict[str, Any] = {
            "TableName": table_name,
            "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [
                {"AttributeName": n, "AttributeType": t} for n, t in attributes.items()
            ],
            "KeySchema": _key_schema(self.partition_key, self.sort_key),
        }
        if self.indexes:
            kwargs["GlobalSecondaryIndexes"] = [
                {
                    "IndexName": i.name,
                    "KeySchema": _key_schema(i.partition_key, i.sort_key),
                    "Projection": i.projection_kwargs(),
                }
                for i in self.indexes
            ]
        return kwargs


def _key_schema(partition: Key, sort: Key | None) -> list[dict[str, str]]:
    schema = [{"AttributeName": partition.name, "KeyType": "HASH"}]
    if sort:
        schema.append({"AttributeName": sort.name, "KeyType": "RANGE"})
    return schema


@dataclass(frozen=True)
class Bucket:
    id: str
    env_key: str
    prefixes: dict[str, str] = field(default_factory=dict)
    purpose: str = ""


TTL_ATTRIBUTE = "expires_at"
# On an invitation from its claim until its status leaves ``sending`` (seconds, normally): the
# sparse index that finds the ones a crash left behind (shared/dispatch/reconcile.py).
UNSETTLED_ATTRIBUTE = "unsettled"
UNSETTLED_INDEX = "unsettled"

TENANTS = Table(
    id="Tenants",
    env_key=settings.TENANTS_TABLE,
    partition_key=Key("kommunkod"),
    purpose="each municipality's settings, editable without a redeploy",
)
FILES = Table(
    id="IngestedFiles",
    env_key=settings.FILES_TABLE,
    partition_key=Key("file_id"),
    ttl_attribute=TTL_ATTRIBUTE,
    purpose="one record per uploaded object: makes a redelivered S3 event a no-op",
)
CONTACTS = Table(
    id="Contacts",
    env_key=settings.CONTACTS_TABLE,
    partition_key=Key("tenant"),
    sort_key=Key("contact_id"),
    ttl_attribute=TTL_ATTRIBUTE,
    holds_personal_data=True,
    purpose="sampled contacts waiting for their invitation; deleted right after sending",
)
INVITATIONS = Table(
    id="Invitations",
    env_key=settings.INVITATIONS_TABLE,
    partition_key=Key("token_hash"),
    ttl_attribute=TTL_ATTRIBUTE,
    indexes=(
        Index("by_tenant", Key("tenant"), Key("campaign")),
        Index(UNSETTLED_INDEX, Key(UNSETTLED_ATTRIBUTE), Key("token_hash")),
    ),
    purpose="one item per invitation, keyed by the token's SHA-256; no personal data",
    point_in_time_recovery=False,
)
RESPONSES = Table(
    id="Responses",
    env_key=settings.RESPONSES_TABLE,
    partition_key=Key("tenant"),
    sort_key=Key("response_id"),
    purpose="anonymous answers (no comment); never the token, its hash or a time below the day",
    point_in_time_recovery=False,
)
TOTALS = Table(
    id="Totals",
    env_key=settings.TOTALS_TABLE,
    # a campaign's streams in one partition: a release morning reads them with one paged Query
    partition_key=Key("campaign"),
    sort_key=Key("slot"),
    purpose="exact running totals per municipality, campaign, channel and cell; never published",
    point_in_time_recovery=False,
)
RELEASES = Table(
    id="Releases",
    env_key=settings.RELEASES_TABLE,
    partition_key=Key("stream"),
    # KEYS_ONLY: a release rewrites the state (3-5 KB) every release day, and an index copying
    # it would be written as often; the index finds a campaign's streams, whose states are then
    # read from the table (ResultsTables.campaign, BatchGetItem)
    indexes=(Index("by_campaign", Key("campaign"), Key("stream"), projection="KEYS_ONLY"),),
    purpose="each stream's release state (secret: exact totals per release day, noisy blocks) "
    "and its published estimates",
    point_in_time_recovery=False,
)
COMMENTS = Table(
    id="CommentPool",
    env_key=settings.COMMENTS_TABLE,
    partition_key=Key("pool"),
    sort_key=Key("comment_id"),
    purpose="redacted comments waiting for a large enough batch; deleted once released",
    point_in_time_recovery=False,
)
COUNTERS = Table(
    id="Counters",
    env_key=settings.COUNTERS_TABLE,
    partition_key=Key("counter"),
    ttl_attribute=TTL_ATTRIBUTE,
    purpose="atomic counters (sends per tenant, channel and day; declines)",
)
CONTACT_REQUESTS = Table(
    id="ContactRequests",
    env_key=settings.CONTACT_REQUESTS_TABLE,
    partition_key=Key("tenant"),
    sort_key=Key("request_id"),
    ttl_attribute=TTL_ATTRIBUTE,
    holds_personal_data=True,
    purpose='"kontakta mig" requests (name, phone or e-mail, a description) until the next '
    "daily digest to the contact centre; no token, no link to an answer",
)
TABLES: tuple[Table, ...] = (
    TENANTS,
    FILES,
    CONTACTS,
    INVITATIONS,
    RESPONSES,
    COUNTERS,
    TOTALS,
    RELEASES,
    COMMENTS,
    CONTACT_REQUESTS,
)

INBOX_PREFIX = "inbox/"
REPORTS_PREFIX = "reports/"
# The IAM path of the municipalities' upload users, the only callers the upload role trusts
# (infra/constructs/ingest.py; `tenants onboard` creates them there).
UPLOAD_USER_PATH = "/servicematning-upload/"
DATA = Bucket(
    id="Data",
    env_key=settings.DATA_BUCKET,
    prefixes={"inbox": INBOX_PREFIX, "reports": REPORTS_PREFIX},
    purpose="contact files dropped by municipalities (deleted once read) and ingest reports",
)
ANALYTICS = Bucket(
    id="Analytics",
    env_key=settings.ANALYTICS_BUCKET,
    purpose="released aggregates and comment batches for Athena and QuickSight (no row data)",
)
BUCKETS: tuple[Bucket, ...] = (DATA, ANALYTICS)

# Lifetimes of what is kept (documented in docs/privacy.md).
INBOX_EXPIRY_DAYS = 2  # lifecycle backstop: a file waits for its day's draw (at most ~24 h)
CONTACT_TTL_HOURS = 96  # DynamoDB TTL backstop beyond the purge's maximum holding time
FILE_RECORD_TTL_DAYS = 30
# A "kontakta mig" request is deleted once the daily digest has delivered it (normally within a
# day); this TTL, counted from the end of its day, is the backstop (docs/privacy.md).
CONTACT_REQUEST_TTL_DAYS = 7

# The results function runs every morning at 04:00 and 05:00 UTC: 06:00 Stockholm time falls on
# one of them in summer and in winter, and a run before 06:00 releases nothing new
# (shared/results/schedule.py), so a release day is released at 06:00 or 07:00 local time.
RESULTS_AT_UTC_HOURS = (4, 5)
# the results function's timeout; its release lease outlives it (shared/results/service.py)
RESULTS_TIMEOUT_MINUTES = 10


def counter_key(tenant: str, day: date) -> str:
    """The counters table's key of a municipality's invitations on one day (dispatch adds to it,
    the draw reads what is left of the day's cap)."""
    return f"invited#{tenant}#{day.isoformat()}"
