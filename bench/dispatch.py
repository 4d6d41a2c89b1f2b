"""AWS requests per sent invitation: one dispatch run on moto with the configured caps on.

Every configured municipality (config/tenants/, caps 40 + 40 a day) has what the daily draw
leaves it: its cap of contacts per channel, plus a backlog of ``BACKLOG`` older contacts for one
of them (the draw's output of an earlier day that could not be sent), which the caps turn into
drops, read a page at a time.

Every botocore call made during the run is counted by service and operation (a
``before-parameter-build`` hook on boto3's default session, which every client here comes
from). The target is at most 3 billable requests per invitation besides the message itself
(SNS Publish / SES SendEmail). DynamoDB's write request units are reported too: on-demand
tables bill those, and a transactional write costs two per item.
"""

from __future__ import annotations

import secrets
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

REGION = "eu-north-1"
BACKLOG = 1000  # for the first municipality, on top of its cap
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday 10:00 in Stockholm


def main() -> dict[str, Any]:
    import boto3

    from local.environment import TENANT_DIR, emulated

    bench_settings = {
        "SURVEY_BASE_URL": "https://enkat.example.se",
        "SMS_PER_SECOND": "1000",
        "EMAIL_PER_SECOND": "1000",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }
    with emulated(
        in_process=True, prefix="bench", tenant_dir=TENANT_DIR, settings=bench_settings
    ) as aws:
        # imported with the environment set: the functions' logger reads POWERTOOLS_LOG_LEVEL
        from shared.core.models import Channel, ContactItem
        from shared.dispatch import service
        from shared.messages.senders import reset_send_clients
        from shared.platform import settings, store

        env, tenants = aws.env, aws.tenants
        ses = boto3.client("sesv2", region_name=REGION)
        for domain in sorted({t.email_sender.split("@")[1] for t in tenants}):
            ses.create_email_identity(EmailIdentity=domain)
        received = int((NOW - timedelta(hours=2)).timestamp())
        pending = 0
        with store.table(env[settings.CONTACTS_TABLE]).batch_writer() as batch:
            for position, tenant in enumerate(tenants):
                campaign = tenant.active_campaign(NOW.date())
                assert campaign is not None
                count = {c: tenant.daily_cap[c] for c in Channel}
                if position == 0:
                    count = {c: n + BACKLOG // 2 for c, n in count.items()}
                for channel, n in count.items():
                    for _ in range(n):
                        pending += 1
                        sms = channel is Channel.SMS
                        batch.put_item(
                            Item=ContactItem(
                                tenant=tenant.kommunkod,
                                contact_id=secrets.token_hex(12),
                                channel=channel,
                                address=f"+4670{pending:07d}"
                                if sms
                                else f"invanare.{pending}@example.org",
                                contact_day=NOW.date(),
                                campaign=campaign.id,
                                received_at=received,
                                expires_at=received + 96 * 3600,
                            ).model_dump(mode="json")
                        )
        capped = sum(t.daily_cap[c] for t in tenants for c in Channel)

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

    sent = sum(report["channels"][c.value]["sent"] for c in Channel)
    messages = sum(n for (svc, _), n in calls.items() if svc in ("sns", "sesv2"))
    other = sum(calls.values()) - messages
    per_invitation = other / sent if sent else float("inf")
    by_service = Counter[str]()
    for (svc, _), n in calls.items():
        by_service[svc] += n
    dropped = sum(report["channels"][c.value]["dropped"] for c in Channel)
    metrics: list[dict[str, Any]] = [
        {
            "metric": "contacts pending (municipalities; caps; backlog of one)",
            "value": f"{pending} ({len(tenants)}; {capped} in all; {BACKLOG})",
        },
        {
            "metric": "invitations sent (the caps' sum)",
            "value": str(sent),
            "target": str(capped),
            "ok": sent == capped,
        },
        {"metric": "dropped over the cap", "value": str(dropped), "target": str(BACKLOG)},
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
        {
            "metric": f"DynamoDB write units per invitation: {op}",
            "value": f"{n / sent if sent else 0:.2f} ({n} units)",
        }
        for op, n in sorted(write_units.items())
    ]
    metrics.append(
        {
            "metric": "(TransactWriteItems: the claim and finish; BatchWriteItem: deleting the "
            "dropped backlog)",
            "value": "",
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
    return {
        "name": "Dispatch: AWS requests per invitation with the configured caps on",
        "metrics": metrics,
    }


if __name__ == "__main__":
    for row in main()["metrics"]:
        print(f"{row['metric']}: {row['value']}")
