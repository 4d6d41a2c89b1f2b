"""Folding stored history into the running totals, once (``servicematning results backfill``).

Answers stored before the running totals existed carry no ``folded`` mark. Each is folded in
one transaction that adds it to its totals cells, moves its comment (if any) to the comment
pool, removes the comment from the response, and marks it folded under the condition that it
was not: run it twice, or kill it half-way and run it again, and every answer still counts
once. Answers written by the survey since carry the mark already.

Invitations and declines: each stream's count of sent invitations (from the invitations
table) and of declines (from the old decline counters) is added to its totals item under the
condition that the stream was not backfilled before; invitations sent after the upgrade are
counted by dispatch as they are sent and carry ``counted``, so they are left out here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from botocore.exceptions import ClientError

from shared.core import totals
from shared.core.models import ResponseItem
from shared.core.pool import pool_item
from shared.core.tenants import Tenant
from shared.platform import store

SENT_STATUSES = frozenset({"sent", "answered", "declined"})
BACKFILLED = "backfilled"


@dataclass
class Folded:
    answers: int = 0
    already: int = 0
    unknown: int = 0
    streams: int = 0


GROUP = 20  # answers folded per transaction: 20 marks + their cells + comments ≤ 100 items


def _response(item: Mapping[str, Any]) -> ResponseItem:
    plain = {k: (int(v) if isinstance(v, Decimal) else v) for k, v in item.items()}
    plain["answers"] = {
        q: None if a is None else int(a) for q, a in item.get("answers", {}).items()
    }
    return ResponseItem.model_validate(plain)


def _fold_actions(
    responses: Any,
    totals_table: Any,
    comments: Any,
    group: list[tuple[ResponseItem, Tenant]],
    keep_until: int,
) -> list[dict[str, Any]]:
    """One transaction for a group of one stream's answers: a conditional mark per answer, one
    ADD per cell with the group's sums, and the comments into the pool."""
    cells: totals.Cells = {}
    actions: list[dict[str, Any]] = []
    for response, tenant in group:
        totals.add(
            cells, totals.contributions(response, tenant.extra_questions_for(response.channel))
        )
        actions.append(
            {
                "Update": {
                    "TableName": responses.name,
                    "Key": {"tenant": response.tenant, "response_id": response.response_id},
                    "UpdateExpression": "SET folded = :t REMOVE #c",
                    "ConditionExpression": (
                        "attribute_exists(response_id) AND attribute_not_exists(folded)"
                    ),
                    "ExpressionAttributeNames": {"#c": "comment"},
                    "ExpressionAttributeValues": {":t": True},
                }
            }
        )
        if response.comment:
            pooled = pool_item(response, keep_until)
            actions.append({"Put": {"TableName": comments.name, "Item": pooled}})
    first = group[0][0]
    stream = totals.stream_id(first.tenant, first.campaign, first.channel)
    actions += [
        totals.update(totals_table.name, stream, cell, stats)
        for cell, stats in cells.items()
        if stats
    ]
    return actions


def fold_answers(
    responses: Any, totals_table: Any, comments: Any, tenants: Mapping[str, Tenant], keep_until: int
) -> Folded:
    done = Folded()
    client = responses.meta.client
    waiting: dict[str, list[tuple[ResponseItem, Tenant]]] = {}

    def flush(group: list[tuple[ResponseItem, Tenant]]) -> None:
        try:
            client.transact_write_items(
                TransactItems=_fold_actions(responses, totals_table, comments, group, keep_until)
            )
        except ClientError as error:
            if store.error_code(error) != "TransactionCanceledException":
                raise
            if len(group) > 1:  # one of them was folded meanwhile: fold the rest one by one
                for single in group:
                    flush([single])
            else:
                done.already += 1
            return
        done.answers += len(group)

    for item in store.items(responses.scan):
        if item.get("folded"):
            done.already += 1
            continue
        tenant = tenants.get(str(item.get("tenant")))
        if tenant is None:
            done.unknown += 1
            continue
        response = _response(item)
        stream = totals.stream_id(response.tenant, response.campaign, response.channel)
        group = waiting.setdefault(stream, [])
        group.append((response, tenant))
        if len(group) == GROUP:
            flush(waiting.pop(stream))
    for group in waiting.values():
        flush(group)
    return done


def fold_participation(
    invitations: Any, counters: Any, totals_table: Any, tenants: Mapping[str, Tenant]
) -> Folded:
    done = Folded()
    invited: Counter[str] = Counter()
    for item in store.items(
        invitations.scan,
        ProjectionExpression="tenant, campaign, channel, #s, counted",
        ExpressionAttributeNames={"#s": "status"},
    ):
        if (
            item.get("tenant") in tenants
            and item.get("status") in SENT_STATUSES
            and not item.get("counted")
        ):
            invited[totals.stream_id(item["tenant"], item["campaign"], item["channel"])] += 1
    declined: Counter[str] = Counter()
    for item in store.items(counters.scan):
        name = str(item.get("counter", ""))
        if name.startswith("declined#"):
            _, tenant, campaign, channel = name.split("#")
            if tenant in tenants:
                declined[totals.stream_id(tenant, campaign, channel)] += int(item.get("count", 0))
    for stream in sorted(set(invited) | set(declined)):
        try:
            totals_table.update_item(
                Key=totals.key(stream, totals.TOTAL),
                UpdateExpression="ADD #i :i, #d :d SET #b = :t",
                ConditionExpression="attribute_not_exists(#b)",
                ExpressionAttributeNames={
                    "#i": totals.INVITATIONS,
                    "#d": totals.DECLINES,
                    "#b": BACKFILLED,
                },
                ExpressionAttributeValues={
                    ":i": invited[stream],
                    ":d": declined[stream],
                    ":t": True,
                },
            )
        except ClientError as error:
            if store.error_code(error) != "ConditionalCheckFailedException":
                raise
            done.already += 1
            continue
        done.streams += 1
    return done
