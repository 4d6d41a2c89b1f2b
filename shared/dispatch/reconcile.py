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
from dataclasses import dataclass, field
from typing import Any

from shared.dispatch.tables import CLAIMED, SEEN, DispatchTables

# Longer than a dispatch run can live (its Lambda timeout, 4 minutes: infra/constructs/dispatch.py
# checks it) with room for clock skew; shorter than the purge's hourly schedule.
GAP_SECONDS = 30 * 60


@dataclass
class ReconcileReport:
    ran: bool = False  # false: another pass began less than GAP_SECONDS ago
    reconciled: int = 0  # settled now: counted and (if still sending) moved to sent
    by_tenant: dict[str, int] = field(default_factory=dict)
    observed: int = 0  # claimed ones seen for the first time (settled by the next pass if left)
    changed: int = 0  # settled or moved on between the index's read and the update

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def reconcile(tables: DispatchTables, now: float) -> ReconcileReport:
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
