"""Comment redaction: microseconds per comment (it runs in the survey function on every POST
with a comment) and the goals' rates, on the generated set of tests/unit/test_redaction.py.

Targets: a typical comment (the generated set, ~80 characters) in well under a millisecond and
a full 1,000-character comment under 2 ms, both CPU time on one core; at most 2 % of comments
with personal data keep any of it, at most 1 in 40 harmless ones change. Rerun:
``.venv/bin/python -m bench redaction``.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

ROUNDS = 5
LONG = ("Jag väntade 45 minuter i kön, handläggaren på Bygglov var trevlig. " * 16)[:1000]


def _per_call_us(texts: list[str]) -> list[float]:
    from shared.redaction import redact

    samples = []
    for text in texts:
        start = time.process_time_ns()
        for _ in range(ROUNDS):
            redact(text)
        samples.append((time.process_time_ns() - start) / ROUNDS / 1000)
    return samples


def main() -> dict[str, Any]:
    from tests.unit.test_redaction import GOAL_CHANGED, GOAL_KEPT, generated, rates

    personal, harmless = generated()
    texts = [c.text for c in personal] + harmless
    _per_call_us(texts[:50])  # warm the caches (names list, compiled patterns)
    typical = sorted(_per_call_us(texts))
    long = statistics.median(_per_call_us([LONG] * 50))
    kept, changed, _, _ = rates()
    p99 = typical[round(0.99 * (len(typical) - 1))]
    return {
        "name": "Comment redaction (shared.redaction.redact)",
        "metrics": [
            {
                "metric": f"µs per comment, generated set ({len(texts)}, median / p99)",
                "value": f"{statistics.median(typical):.0f} / {p99:.0f}",
                "target": "< 1000",
                "ok": p99 < 1000,
            },
            {
                "metric": "µs per 1,000-character comment (median)",
                "value": f"{long:.0f}",
                "target": "< 2000",
                "ok": long < 2000,
            },
            {
                "metric": "comments with personal data that keep some of it",
                "value": f"{kept:.1%}",
                "target": f"≤ {GOAL_KEPT:.0%}",
                "ok": kept <= GOAL_KEPT,
            },
            {
                "metric": "harmless comments changed",
                "value": f"{changed:.1%}",
                "target": f"≤ {GOAL_CHANGED:.1%}",
                "ok": changed <= GOAL_CHANGED,
            },
        ],
    }


if __name__ == "__main__":
    for m in main()["metrics"]:
        print(f"{m['metric']}: {m['value']} (target {m['target']})")
