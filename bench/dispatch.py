"""AWS requests per sent invitation: one dispatch run over 1,000 contacts on moto.

Every botocore call made during the run is counted by service and operation (a
``before-parameter-build`` hook on boto3's default session, which every client here comes
from). The target is at most 3 billable requests per invitation besides the message itself
(SNS Publish / SES SendEmail). DynamoDB's write request units are reported too: on-demand
tables bill those, and a transactional write costs two per item.
"""

from __future__ import annotations

import os
import secrets
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

REGION = "eu-north-1"
CONTACTS = 1000
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday 10:00 in Stockholm


def main() -> dict[str, Any]:
    os.environ.update(
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_DEFAULT_REGION=REGION,
        AWS_REGION=REGION,
        SURVEY_BASE_URL="https://enkat.example.se",
        SMS_PER_SECOND="1000",
        EMAIL_PER_SECOND="1000",
        POWERTOOLS_LOG_LEVEL="WARNING",
    )
    os.environ.pop("AWS_ENDPOINT_URL", None)
    import boto3
    from moto import mock_aws

    from local.resources import create_resources, resource_names
    from shared import settings, store
    from shared.dispatch import service
    from shared.dispatch.senders import reset_send_clients
    from shared.models import Channel, ContactItem
    from shared.tenants import Tenant, TenantStore

    with mock_aws():
        store.reset_clients()
        reset_send_clients()
        env = resource_names("bench")
        create_resources(env, region=REGION)
        os.environ.update(env)
        tenant = Tenant.model_validate(
            {
                "kommunkod": "1980",
                "name": "Västerås stad",
                "sms_sender_id": "Vasteras",
                "email_sender": "servicematning@vasteras.se",
                "privacy_contact": "dataskyddsombud@vasteras.se",
                "kommungrupp": "A3",
                "daily_cap": {"sms": CONTACTS, "email": CONTACTS},
                "campaign_target": {"sms": 400, "email": 400},
                "campaigns": [{"id": "2026-host", "start": "2026-09-01", "end": "2026-12-31"}],
            }
        )
        TenantStore(store.table(env[settings.TENANTS_TABLE])).put([tenant])
        boto3.client("sesv2", region_name=REGION).create_email_identity(EmailIdentity="vasteras.se")
        received = int((NOW - timedelta(hours=2)).timestamp())
        with store.table(env[settings.CONTACTS_TABLE]).batch_writer() as batch:
            for n in range(CONTACTS):
                sms = n % 2 == 0
                batch.put_item(
                    Item=ContactItem(
                        tenant="1980",
                        contact_id=secrets.token_hex(12),
                        channel=Channel.SMS if sms else Channel.EMAIL,
                        address=f"+4670{n:07d}" if sms else f"invanare.{n}@example.org",
                        contact_day=NOW.date(),
                        campaign="2026-host",
                        received_at=received,
                        expires_at=received + 96 * 3600,
                    ).model_dump(mode="json")
                )

        calls: Counter[tuple[str, str]] = Counter()

        write_units = Counter[str]()

        def count(model: Any, params: Any, **_: Any) -> None:
            calls[(model.service_model.service_name, model.name)] += 1
            # on-demand DynamoDB bills write request units: 1 per item (<= 1 KB), 2 in a
            # transaction
            if model.name == "TransactWriteItems":
                write_units[model.name] += 2 * len(params["TransactItems"])
            elif model.name == "BatchWriteItem":
                write_units[model.name] += sum(len(r) for r in params["RequestItems"].values())
            elif model.name in ("PutItem", "UpdateItem", "DeleteItem"):
                write_units[model.name] += 1

        session = boto3._get_default_session()
        store.reset_clients()  # clients copy the session's hooks when they are created
        reset_send_clients()
        session.events.register("before-parameter-build", count)
        started = time.perf_counter()
        report = service.dispatch(now=NOW)
        seconds = time.perf_counter() - started
        session.events.unregister("before-parameter-build", count)
        store.reset_clients()
        reset_send_clients()

    sent = sum(report["channels"][c.value]["sent"] for c in Channel)
    messages = sum(n for (svc, _), n in calls.items() if svc in ("sns", "sesv2"))
    other = sum(calls.values()) - messages
    per_invitation = other / sent if sent else float("inf")
    by_service = Counter[str]()
    for (svc, _), n in calls.items():
        by_service[svc] += n
    metrics: list[dict[str, Any]] = [
        {"metric": "contacts pending", "value": str(CONTACTS)},
        {
            "metric": "invitations sent",
            "value": str(sent),
            "target": str(CONTACTS),
            "ok": sent == CONTACTS,
        },
        {"metric": "message requests (SNS Publish + SES SendEmail)", "value": str(messages)},
        {
            "metric": "other AWS requests per invitation",
            "value": f"{per_invitation:.3f}",
            "target": "<= 3",
            "ok": per_invitation <= 3,
        },
    ]
    units = sum(write_units.values())
    metrics.append(
        {
            "metric": "DynamoDB write request units per invitation (billed, not requests)",
            "value": f"{units / sent if sent else 0:.2f}",
        }
    )
    metrics += [
        {"metric": f"requests: {svc}", "value": str(n)} for svc, n in sorted(by_service.items())
    ]
    metrics += [
        {"metric": f"requests: {svc} {op}", "value": str(n)}
        for (svc, op), n in sorted(calls.items())
    ]
    metrics.append({"metric": "run time on moto (s)", "value": f"{seconds:.1f}"})
    return {"name": "Dispatch: AWS requests per invitation (1,000 contacts)", "metrics": metrics}


if __name__ == "__main__":
    for row in main()["metrics"]:
        print(f"{row['metric']}: {row['value']}")
