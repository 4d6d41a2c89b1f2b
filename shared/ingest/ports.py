"""The AWS resources the ingest touches, typed, and the defaults a deployment builds from its
settings; tests pass moto tables and clients in their place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from shared.platform import store
from shared.platform.settings import IngestSettings
from shared.platform.tenant_store import TenantStore

if TYPE_CHECKING:  # the stubs are a development dependency; nothing is imported at run time
    from mypy_boto3_dynamodb.service_resource import Table
    from mypy_boto3_s3 import S3Client


@dataclass(frozen=True)
class IngestPorts:
    """The AWS resources the ingest touches (boto3 S3 client and DynamoDB Table objects)."""

    s3: S3Client
    files: Table  # file records, draw records, the last-file notes
    contacts: Table  # the drawn contacts, until dispatch sends them
    tenants: TenantStore
    bucket: str = ""
    counters: Table | None = None  # the day's invitation counts (read only); None: nothing sent yet
    report_sender: str | None = None  # From of the upload report e-mails; None: none is sent


def default_ports(settings: IngestSettings) -> IngestPorts:
    return IngestPorts(
        s3=store.client("s3"),
        files=store.table(settings.files_table),
        contacts=store.table(settings.contacts_table),
        tenants=TenantStore(store.table(settings.tenants_table)),
        bucket=settings.data_bucket,
        counters=store.table(settings.counters_table) if settings.counters_table else None,
        report_sender=settings.report_sender,
    )
