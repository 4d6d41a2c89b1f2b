"""Scenario 5: one client floods the survey at 10× the stage limit while residents answer.

In AWS the per-client rate limit is WAF's, at CloudFront (infra/edge.py): a flood from one
address is answered 429 at the edge and never reaches the API. Locally there is no WAF, so
this measures what is left for the function to carry: the flood goes straight to the local
survey instances, and the residents must still get their pages and have every answer kept,
with no 5xx for anyone. The flood is what a noisy client sends without a token: links with
made-up tokens (404, one DynamoDB read each), posts that are not a form (415) or come from
another site (403), which are refused before any table is read, and the public pages.

Bounded: FLOOD_RATE requests a second at most, for FLOOD_SECONDS or until the last resident
is done, never more than FLOOD_MAX_SECONDS, by FLOOD_CLIENTS threads, to 127.0.0.1 only.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable

from local.faults.harness import (
    NO_RESPONSE,
    RESIDENTS_TENANT,
    Context,
    Emulated,
    _percentile,
    answer_form,
    http,
    invite,
)

STAGE_RATE = 50  # the API stage's throttle (infra/constructs/survey.py THROTTLE_RATE)
FLOOD_RATE = 10 * STAGE_RATE  # requests a second the flooding client aims at
FLOOD_SECONDS = 5.0  # the flood lasts this long at least, and until the last resident is done
FLOOD_MAX_SECONDS = 30.0
FLOOD_CLIENTS = 24  # the flooding client's connections at once
LEAD_SECONDS = 1.0  # the flood runs alone this long before the residents arrive
ARRIVALS_SECONDS = 2.0  # the residents arrive spread over this long, into the flood
NOTE = (
    "no WAF locally: this measures the survey function under the flood; in AWS WAF answers "
    "such a client 429 at CloudFront (docs/operations.md)"
)


def _flood_requests() -> list[tuple[str, str, bytes | None, dict[str, str]]]:
    """What the noisy client sends, in turn: (method, path, body, headers)."""
    made_up = "A" * 21 + "Q"  # a token's shape, no invitation
    junk = b"tel_bemotande=5&errand=skola"
    return [
        ("GET", f"/s/{made_up}", None, {}),
        ("POST", f"/s/{made_up}", junk, {"Content-Type": "text/plain"}),
        ("POST", f"/s/{made_up}", junk, {"Sec-Fetch-Site": "cross-site"}),
        ("GET", "/survey.css", None, {}),
        ("GET", "/om", None, {}),
        ("POST", f"/s/{made_up}/decline", b"{}", {"Content-Type": "application/json"}),
    ]


def flood(ctx: Context, seen: Emulated, count: int, instances: list[str]) -> None:
    tokens = invite(seen, RESIDENTS_TENANT, ctx.campaign, ctx.today, count)
    bodies = [answer_form(seen, t, n) for n, t in enumerate(tokens)]
    stored_before = seen.responses(RESIDENTS_TENANT)
    kinds = _flood_requests()
    flood_statuses: Counter[int] = Counter()
    resident_statuses: list[list[int]] = [[] for _ in tokens]
    latencies: list[float] = []
    lock = threading.Lock()
    residents_done = threading.Event()
    began = time.monotonic()
    stop_at = min(began + FLOOD_MAX_SECONDS, ctx.deadline - 5)
    sent = iter(range(int(FLOOD_RATE * FLOOD_MAX_SECONDS)))

    def flooder() -> None:
        for i in sent:  # the shared iterator hands each request number out once
            due = began + i / FLOOD_RATE  # paced at FLOOD_RATE; as fast as served when behind
            time.sleep(max(0.0, due - time.monotonic()))
            now = time.monotonic()
            if now > stop_at or (residents_done.is_set() and now > began + FLOOD_SECONDS):
                return
            method, path, body, headers = kinds[i % len(kinds)]
            status, _ = http(method, instances[i % len(instances)] + path, body, headers)
            with lock:
                flood_statuses[status] += 1

    def resident(n: int) -> None:
        url = f"{instances[n % len(instances)]}/s/{tokens[n]}"
        time.sleep(LEAD_SECONDS + n * ARRIVALS_SECONDS / count)
        status, _ = http("GET", url)
        started = time.monotonic()
        answered, _ = http("POST", url, bodies[n])
        with lock:
            resident_statuses[n] += [status, answered]
            latencies.append(time.monotonic() - started)

    def start(target: Callable[..., None], *args: int) -> threading.Thread:
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        return thread

    flooders = [start(flooder) for _ in range(FLOOD_CLIENTS)]
    residents = [start(resident, n) for n in range(count)]
    for thread in residents:
        thread.join(timeout=max(1.0, stop_at - time.monotonic() + 60))
    residents_done.set()
    for thread in flooders:
        thread.join(timeout=70)
    flooded_for = time.monotonic() - began
    ctx.in_time()

    flood_total = sum(flood_statuses.values())
    every = [s for per in resident_statuses for s in per] + list(flood_statuses.elements())
    server_errors = sum(1 for s in every if s >= 500)
    unanswered = every.count(NO_RESPONSE)
    answered_ok = sum(per == [200, 200] for per in resident_statuses)
    stored = seen.responses(RESIDENTS_TENANT) - stored_before
    mine = {i["token_hash"]: i["status"] for i in seen.invitations(RESIDENTS_TENANT)}
    from shared.core.tokens import token_hash

    closed = sum(mine.get(token_hash(t)) == "answered" for t in tokens)
    mix = ", ".join(f"{n}× {s or 'none'}" for s, n in sorted(flood_statuses.items()))
    ctx.check(
        "5 flood",
        f"one client floods {len(instances)} survey instances aiming at {FLOOD_RATE} requests/s "
        f"(10× the stage's {STAGE_RATE}) while {count} residents open and answer; {NOTE}",
        server_errors == 0
        and unanswered == 0
        and answered_ok == count
        and stored == count
        and closed == count,
        f"flood: {flood_total} requests in {flooded_for:.1f} s "
        f"({flood_total / max(flooded_for, 0.001):.0f}/s served; {mix}); residents: "
        f"{answered_ok}/{count} got form and thank-you page, {stored} answers stored, "
        f"{closed} invitations answered; {server_errors} 5xx, {unanswered} without a response; "
        f"answer POST p50 {_percentile(latencies, 0.5) * 1000:.0f} ms, "
        f"p95 {_percentile(latencies, 0.95) * 1000:.0f} ms",
    )
