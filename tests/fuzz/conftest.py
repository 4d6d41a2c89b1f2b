"""The fuzz targets' budget: a short run in the normal suite, a long one with ``make fuzz``
(``FUZZ_EXAMPLES``; hypothesis keeps what fails in .hypothesis/ and tries it first next time).
Every crash a run finds becomes a regression test of its own (tests/unit/contacts/test_limits.py,
tests/fuzz/test_request_fuzz.py), not only an entry in that database."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))

settings.register_profile(
    "fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("fuzz")
