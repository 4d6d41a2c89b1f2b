"""Scenario 1: N residents open and answer their invitation over HTTP at the same moment."""

from __future__ import annotations

import threading
import time
from collections import Counter

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


def residents(ctx: Context, seen: Emulated, count: int, instances: list[str]) -> None:
    """``instances``: the survey servers (one process each, like Lambda instances); resident
    n uses instance n mod K, and a double submit's second POST goes to the next instance."""
    tokens = invite(seen, RESIDENTS_TENANT, ctx.campaign, ctx.today, count)
    doubles = set(range(0, count, 5))  # every fifth resident submits twice at the same moment
    bodies = [answer_form(seen, t, n) for n, t in enumerate(tokens)]
    statuses: list[list[int]] = [[] for _ in tokens]
    latencies: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(count + len(doubles))

    def post(n: int, tab: int) -> None:
        url = f"{instances[(n + tab) % len(instances)]}/s/{tokens[n]}"
        start.wait()
        if n not in doubles:  # the double submitters post at once, straight from the barrier
            status, _ = http("GET", url)
            with lock:
                statuses[n].append(status)
        began = time.monotonic()
        status, _ = http("POST", url, bodies[n])
        with lock:
            statuses[n].append(status)
            latencies.append(time.monotonic() - began)

    threads = [threading.Thread(target=post, args=(n, 0)) for n in range(count)]
    threads += [threading.Thread(target=post, args=(n, 1)) for n in sorted(doubles)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, ctx.deadline - time.monotonic()))
    elapsed = time.monotonic() - began
    ctx.in_time()

    every = [s for per in statuses for s in per]
    server_errors = sum(1 for s in every if s >= 500)
    unanswered = every.count(NO_RESPONSE)
    # every POST ends on the thank-you page (Post/Redirect/Get), a double submit's both
    posts_ok = [
        sum(1 for s in per[(0 if n in doubles else 1) :] if s == 200)
        for n, per in enumerate(statuses)
    ]
    stored = seen.responses(RESIDENTS_TENANT)
    statuses_now = Counter(i["status"] for i in seen.invitations(RESIDENTS_TENANT))
    # a double submit: both land on the thank-you page, one answer is stored
    pairs_ok = sum(statuses[n] == [200, 200] for n in doubles)
    ctx.check(
        "1 residents",
        f"{count} residents at once over HTTP to {len(instances)} survey instances, "
        f"{len(doubles)} of them submitting twice at the same moment"
        + (" (to two instances)" if len(instances) > 1 else ""),
        server_errors == 0
        and unanswered == 0
        and all(ok == (2 if n in doubles else 1) for n, ok in enumerate(posts_ok))
        and stored == count
        and statuses_now == Counter({"answered": count})
        and pairs_ok == len(doubles),
        f"{len(every)} requests, {server_errors} 5xx, {unanswered} without a response; "
        f"{sum(posts_ok)} thank-you pages for {count} tokens, {stored} stored; "
        f"double submits both thanked: {pairs_ok}/{len(doubles)}; "
        f"POST p50 {_percentile(latencies, 0.5) * 1000:.0f} ms, "
        f"p95 {_percentile(latencies, 0.95) * 1000:.0f} ms; {elapsed:.1f} s",
    )
