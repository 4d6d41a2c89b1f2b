"""Scenario 2: SNS/SES faults during dispatch."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import datetime
from typing import Any

from local.demo import REGION
from local.faults.harness import (
    SENDING_TENANT,
    Context,
    Emulated,
    client_error,
    emails,
    inject,
    phones,
    put_contacts,
    read_timeout,
)
from shared.core.time import STOCKHOLM_TZ


def _dispatch() -> dict[str, Any]:
    from functions.dispatch.handler import handler
    from local.events import LambdaContext, scheduled

    result: dict[str, Any] = handler(scheduled("dispatch", REGION), LambdaContext("dispatch"))
    return result


def _counts(report: dict[str, Any], what: str) -> int:
    return sum(int(c.get(what, 0)) for c in report["channels"].values())


def sending(ctx: Context, seen: Emulated) -> None:
    from shared.messages.senders import send_client

    sms, mail = phones(1_000_001, 12), emails(2_000_001, 8)
    put_contacts(seen, SENDING_TENANT, ctx.campaign, sms + mail, datetime.now(STOCKHOLM_TZ))
    rejected = {sms[0], sms[7], mail[3]}
    attempts: Counter[str] = Counter()
    plan: dict[str, str] = {}  # recipient → the fault it got
    lock = threading.Lock()

    calls: Counter[str] = Counter()  # per channel

    def fault(recipient: str, channel: str, faults: dict[int, tuple[str, Exception]]) -> Any:
        """From the n-th call of a channel on, the first recipient not yet faulted gets the
        fault planned for n (each fault once); a rejected recipient is rejected every time."""
        with lock:
            attempts[recipient] += 1
            calls[channel] += 1
            if recipient in rejected:
                plan[recipient] = "rejected"
                return faults[0][1]
            for start, (name, error) in faults.items():
                due = start and calls[channel] >= start and recipient not in plan
                if due and (channel, name) not in planned:
                    planned.add((channel, name))
                    plan[recipient] = name
                    return error
        return None

    planned: set[tuple[str, str]] = set()
    sms_faults = {
        0: ("rejected", client_error("InvalidParameter", "Publish")),
        3: ("throttled", client_error("Throttled", "Publish", 400)),
        5: ("5xx", client_error("InternalError", "Publish", 500)),
    }
    mail_faults = {
        0: ("rejected", client_error("MessageRejected", "SendEmail")),
        2: ("read timeout", read_timeout()),
        4: ("throttled", client_error("TooManyRequestsException", "SendEmail", 429)),
    }

    def sms_fault(params: dict[str, Any]) -> Exception | None:
        return fault(str(params.get("PhoneNumber")), "sms", sms_faults)

    def mail_fault(params: dict[str, Any]) -> Exception | None:
        to = str(params["Destination"]["ToAddresses"][0])
        return fault(to, "email", mail_faults)

    before = Counter(seen.outbox())
    with (
        inject(send_client("sns"), "Publish", sms_fault, times=10**6),
        inject(send_client("sesv2"), "SendEmail", mail_fault, times=10**6),
    ):
        first = _dispatch()
        ctx.in_time()
        second = _dispatch()
    ctx.in_time()
    third = _dispatch()  # nothing left: sends nothing
    outbox = Counter(seen.outbox()) - before
    ours = set(sms + mail)
    reached = {r: n for r, n in outbox.items() if r in ours}
    throttled = [r for r, f in plan.items() if f == "throttled"]
    uncertain = [r for r, f in plan.items() if f in ("5xx", "read timeout")]
    left = seen.contacts(SENDING_TENANT)
    failed = _counts(first, "failed") + _counts(second, "failed")
    ctx.check(
        "2 sending",
        "SNS: a throttle, 2 rejected numbers, a 5xx; SES: a read timeout, a throttle, "
        "a rejected address; then a second and a third dispatch run",
        max(reached.values(), default=0) <= 1
        and all(reached.get(r) == 1 and attempts[r] == 2 for r in throttled)
        and len(throttled) == 2
        and _counts(first, "deferred") > 0
        and all(attempts[r] == 1 and r not in reached for r in uncertain)
        and failed == len(rejected)
        and not left
        and _counts(third, "sent") == 0
        and len(reached) == len(ours) - len(rejected) - len(uncertain),
        f"{len(ours)} contacts; run 1 sent {_counts(first, 'sent')} "
        f"(uncertain {_counts(first, 'uncertain')}), deferred {_counts(first, 'deferred')}, "
        f"failed {_counts(first, 'failed')}; run 2 sent {_counts(second, 'sent')}, failed "
        f"{_counts(second, 'failed')}; run 3 sent {_counts(third, 'sent')}; "
        f"most messages to one recipient {max(reached.values(), default=0)}; "
        f"throttled then sent once: {sum(reached.get(r) == 1 for r in throttled)}"
        f"/{len(throttled)}; contacts left {len(left)}",
    )
