"""The cyclic garbage collector during a batch run: fewer collections, the default after.

A results morning makes and drops hundreds of thousands of small dicts and lists (DynamoDB
items, release states, figure rows) while it holds some 300 MB. At CPython's default (a
young-generation collection for every 700 allocations more than frees) the collector walks the
run's objects thousands of times, about a tenth of the run's CPU (measured in alternating runs:
``bench/results.md``). Nearly all of the run's garbage is freed by reference counting, not by
the collector, so the run asks for a young collection every ``YOUNG_THRESHOLD`` allocations
instead: the same peak memory in the bench, and the collector still runs.

Use::

    with collector.batch_run():
        ...
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

YOUNG_THRESHOLD = 50_000


@contextlib.contextmanager
def batch_run() -> Iterator[None]:
    """Collections of the young generation every ``YOUNG_THRESHOLD`` net allocations inside the
    block; the thresholds as they were before, after it (also when it raises)."""
    before = gc.get_threshold()
    gc.set_threshold(max(YOUNG_THRESHOLD, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
