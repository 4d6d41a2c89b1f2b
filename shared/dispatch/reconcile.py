"""Invitations a crash left in ``sending``: found, counted once, moved to ``sent``, alarmed.

A dispatch run that dies between its claim and its ``finish`` (a timeout, an out-of-memory kill,
a bug) leaves invitations in ``sending``. Their message may well have gone out, so the resident
may hold a working link (the survey accepts ``sending`` as open); what is missing is the
status and the count of invitations (``i``) in the results' running totals. The hourly purge
settles them, without a timestamp on any invitation:

1. **Take the turn.** One conditional update of a counter item records when this pass began,
   and fails if a pass began less than ``GAP_SECONDS`` ago (a retried or overlapping purge):
   then this run does nothing. Safe to repeat: a refused turn changes nothing.
2. **Settle what the previous pass saw.** Every invitation marked ``seen`` was marked at least
   ``GAP_SECONDS`` ago, longer than a dispatch run can live (its timeout), so no run is still
   sending it. One transaction each: ``sending`` → ``sent`` (an answered or declined one keeps
   its status), ``counted``, ``i`` + 1 in its stream's totals, mark removed, on condition that
   it is still marked and not counted. Safe to repeat: a settled invitation has no mark.
3. **Look at what is claimed now.** Every invitation still marked ``claimed`` becomes ``seen``
   (on condition that it is still ``claimed``: one finished meanwhile is left alone). Those in
   flight now are finished by their run long before the next pass; the rest are settled by it.

Both lists come from a sparse index that holds only invitations between their claim and their
settling (seconds, normally; none between dispatch runs), so a pass reads what is unsettled and
never the table: its cost is the same at 10 thousand invitations as at 10 million. Any count
above zero means a dispatch run died mid-chunk: the metric ``InvitationsReconciled`` alarms
(docs/operations.md says what to do).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from shared.core import totals
from shared.core.models import InvitationStatus
from shared.dispatch.tables import (
    CLAIMED,
    COUNTER_DAYS,
    SEEN,
    DispatchTables,
    cancellation_codes,
)
from shared.platform import store
from shared.platform.resources import TTL_ATTRIBUTE, UNSETTLED_ATTRIBUTE, UNSETTLED_INDEX

# Longer than a dispatch run can live (its Lambda timeout, 4 minutes: infra/constructs/dispatch.py
# checks it) with room for clock skew; shorter than the purge's hourly schedule.
GAP_SECONDS = 30 * 60
RECONCILIATION_COUNTER = "reconciliation#last"


@dataclass
class ReconcileReport:
    ran: bool = False  # false: another pass began less than GAP_SECONDS ago
    reconciled: int = 0  # settled now: counted and (if still sending) moved to sent
    by_tenant: dict[str, int] = field(default_factory=dict)
    observed: int = 0  # claimed ones seen for the first time (settled by the next pass if left)
    changed: int = 0  # settled or moved on between the index's read and the update

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


class ReconcileTables:
    """The reconciliation's reads and writes on the dispatch's tables (same client, same names):
    the sparse index, the turn's counter item and the two looks."""

    def __init__(self, tables: DispatchTables) -> None:
        self._tables = tables
        self._db = tables.client

    def unsettled(self, mark: str) -> Iterator[dict[str, Any]]:
        """The invitations whose ``unsettled`` mark is ``mark``: the sparse index holds only
        invitations between claim and finish, so this reads those and nothing else."""
        return store.items(
            self._db.query,
            TableName=self._tables.invitations,
            IndexName=UNSETTLED_INDEX,
            KeyConditionExpression="#u = :mark",
            ProjectionExpression="token_hash, tenant, campaign, channel, #s",
            ExpressionAttributeNames={"#u": UNSETTLED_ATTRIBUTE, "#s": "status"},
            ExpressionAttributeValues={":mark": mark},
        )

    def begin_reconciliation(self, now: float, gap_seconds: float) -> bool:
        """Take the reconciliation's turn: true unless a pass began less than ``gap_seconds``
        ago (a retried or overlapping purge), which would settle invitations it had only
        just seen, maybe still being sent. The time is the purge's, kept on one counter
        item; nothing dates an invitation."""
        try:
            self._db.update_item(
                TableName=self._tables.counters,
                Key={"counter": RECONCILIATION_COUNTER},
                UpdateExpression="SET began = :now, #ttl = :ttl",
                ConditionExpression="attribute_not_exists(began) OR began <= :cutoff",
                ExpressionAttributeNames={"#ttl": TTL_ATTRIBUTE},
                ExpressionAttributeValues={
                    ":now": int(now),
                    ":cutoff": int(now - gap_seconds),
                    ":ttl": int(now) + COUNTER_DAYS * 86400,
                },
            )
        except ClientError as error:
            if store.error_code(error) != "ConditionalCheckFailedException":
                raise
            return False
        return True

    def observe(self, token_hash: str) -> bool:
        """First look: ``claimed`` becomes ``seen``. False if it was settled meanwhile."""
        try:
            self._db.update_item(
                TableName=self._tables.invitations,
                Key={"token_hash": token_hash},
                UpdateExpression="SET #u = :seen",
                ConditionExpression="#u = :claimed",
                ExpressionAttributeNames={"#u": UNSETTLED_ATTRIBUTE},
                ExpressionAttributeValues={":seen": SEEN, ":claimed": CLAIMED},
            )
        except ClientError as error:
            if store.error_code(error) != "ConditionalCheckFailedException":
                raise
            return False
        return True

    def settle(self, item: dict[str, Any]) -> bool:
        """Second look: a ``seen`` invitation becomes ``sent`` (if still ``sending``), is
        counted once into its stream's invitations (``i``) and leaves the index, in one
        transaction. False if it changed meanwhile (the next pass looks again)."""
        status = InvitationStatus(item["status"])
        moved = status in (InvitationStatus.ANSWERED, InvitationStatus.DECLINED)
        if status is not InvitationStatus.SENDING and not moved:
            # sent or failed, so finished, yet still marked (cannot happen): only unmark it
            self._db.update_item(
                TableName=self._tables.invitations,
                Key={"token_hash": item["token_hash"]},
                UpdateExpression="REMOVE #u",
                ExpressionAttributeNames={"#u": UNSETTLED_ATTRIBUTE},
            )
            return False
        stream = totals.stream_id(item["tenant"], item["campaign"], item["channel"])
        counts = self._tables.totals
        try:
            self._db.transact_write_items(
                TransactItems=[
                    {"Update": self._tables.settle_update(item["token_hash"], SEEN, moved=moved)},
                    totals.update(counts, stream, totals.TOTAL, {totals.INVITATIONS: 1}),
                ]
            )
        except ClientError as error:
            if cancellation_codes(error) is None:
                raise
            return False
        return True


def reconcile(dispatch_tables: DispatchTables, now: float) -> ReconcileReport:
    tables = ReconcileTables(dispatch_tables)
    report = ReconcileReport()
    if not tables.begin_reconciliation(now, GAP_SECONDS):
        return report
    report.ran = True
    tenants: Counter[str] = Counter()
    for item in list(tables.unsettled(SEEN)):
        if tables.settle(item):
            report.reconciled += 1
            tenants[str(item["tenant"])] += 1
        else:
            report.changed += 1
    for item in list(tables.unsettled(CLAIMED)):
        if tables.observe(str(item["token_hash"])):
            report.observed += 1
    report.by_tenant = dict(sorted(tenants.items()))
    return report
